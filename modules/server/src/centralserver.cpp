// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/server/centralserver.h"
#include "ow/server/tr.h"

#include "apiutil.h"
#include "authapi.h"
#include "authorizer.h"
#include "authstore.h"
#include "certificateauthority.h"
#include "logapi.h"
#include "renewalapi.h"
#include "renewals.h"
#include "serverdatabase.h"
#include "serverschema.h"
#include "stockapi.h"

#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace ow::server {

Q_LOGGING_CATEGORY(lcServer, "ow.server")

namespace Internal {

// Answers leave at once: QHttpServer writes a response's head and body
// separately, and with Nagle's algorithm the body waited for the client's
// delayed ACK (40 ms on Linux) on every request.
class LowDelayTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
#ifdef Q_OS_LINUX
        // A request body arrives in several segments, and the client (Qt's
        // network access, with Nagle's algorithm) holds its last, short one
        // until the ones before are acknowledged, which Linux delays by up to
        // 40 ms: acknowledge at once whenever data arrives. Connected before
        // QHttpServer's own handler, which may answer the request right away.
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            const int on = 1;
            setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &on, socklen_t(sizeof on));
        });
#endif
        addPendingConnection(socket);
    }
};

class CentralServerPrivate
{
public:
    explicit CentralServerPrivate(ServerConfig c)
        : config(std::move(c))
        , authorizer(database)
    {
        // Enough for the pushes that wait while one round is written to go
        // into the next together (pushcombiner.h): with 8, rounds of 50 busy
        // workstations hold four or five pushes, and ten-event pushes went
        // through a fifth faster than with 4. Each thread keeps a connection.
        constexpr int kPushWorkers = 8;
        pushWorkers.setMaxThreadCount(kPushWorkers);
        // Threads that stay keep their connections open.
        pushWorkers.setExpiryTimeout(-1);
    }

    bool setupTls(QString *error);
    void setupRoutes();
    void openPushConnections();
    QHttpServerResponse health();

    ServerConfig config;
    QHttpServer http;
    ServerDatabase database;
    Authorizer authorizer;
    CertificateAuthority certificateAuthority;
    QTimer renewalTimer;
    quint16 port = 0;
    // Answer pushes on PostgreSQL (logapi.cpp). Declared last so that it ends
    // first: its destructor waits for the pushes under way, which use the
    // database, the authority and the routes above.
    QThreadPool pushWorkers;

    void runRenewals();
};

bool CentralServerPrivate::setupTls(QString *error)
{
    QFile certFile(config.tlsCertificateFile);
    QFile keyFile(config.tlsKeyFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("Cannot read the TLS certificate %1: %2").arg(config.tlsCertificateFile,
                                                                     certFile.errorString());
        return false;
    }
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("Cannot read the TLS key %1: %2").arg(config.tlsKeyFile, keyFile.errorString());
        return false;
    }
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    QSslKey key(&keyFile, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        keyFile.seek(0);
        key = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
    }
    if (certificate.isNull() || key.isNull()) {
        *error = Tr::tr("The TLS certificate or key is not valid PEM.");
        return false;
    }
    http.sslSetup(certificate, key);
    return true;
}

// Each push worker opens its connection before the server listens: the first
// burst after a start (workstations coming back after a restart) then finds every
// worker ready instead of waiting for connection setup (authentication, a new
// backend) under load.
void CentralServerPrivate::openPushConnections()
{
    if (database.dialect() != SqlDialect::Postgres)
        return;
    const int workers = pushWorkers.maxThreadCount();
    QSemaphore opened;
    QSemaphore release;
    for (int i = 0; i < workers; ++i) {
        pushWorkers.start([this, &opened, &release] {
            QString error;
            if (const QSqlDatabase db = database.threadDatabase(&error); !db.isValid() || !db.isOpen())
                qCWarning(lcServer).noquote() << "push worker connection:" << error;
            opened.release();
            // Held until all have started, so that each task has a thread of its own.
            release.acquire();
        });
    }
    opened.acquire(workers);
    release.release(workers);
    pushWorkers.waitForDone();
}

QHttpServerResponse CentralServerPrivate::health()
{
    QString problem;
    const bool reachable = database.ping(&problem);
    QJsonObject db{{QStringLiteral("kind"), database.kind()}, {QStringLiteral("reachable"), reachable}};
    if (!reachable)
        db.insert(QStringLiteral("error"), problem);
    const QJsonObject body{
        {QStringLiteral("status"), reachable ? QStringLiteral("ok") : QStringLiteral("degraded")},
        {QStringLiteral("version"), QStringLiteral(ONEWINDOW_VERSION)},
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("database"), db},
    };
    return QHttpServerResponse(body, reachable ? QHttpServerResponse::StatusCode::Ok
                                               : QHttpServerResponse::StatusCode::ServiceUnavailable);
}

// Each part of the API registers its own routes; add a part with one line here.
void CentralServerPrivate::setupRoutes()
{
    http.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get,
               [this](const QHttpServerRequest &) { return health(); });
    http.route(QStringLiteral("/api/v1/healthz"), QHttpServerRequest::Method::Get,
               [this](const QHttpServerRequest &) { return health(); });
    registerAuthRoutes(http, database, authorizer, config, certificateAuthority);
    addEventLogRoutes(http, database, authorizer, certificateAuthority, pushWorkers);
    addRenewalRoutes(http, database, authorizer);
    addStockRoutes(http, database, authorizer);

    http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        errorResponse(QHttpServerResponse::StatusCode::NotFound, QStringLiteral("not_found"),
                      Tr::tr("No such resource: %1").arg(request.url().path()))
            .write(std::move(responder));
    });

    http.afterRequest([](QHttpServerResponse &&response, const QHttpServerRequest &request) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Path and status only: query strings and headers may carry tokens.
        qCInfo(lcServer).noquote() << request.url().path() << int(response.statusCode());
        return std::move(response);
    });
}

void CentralServerPrivate::runRenewals()
{
    QString error;
    const auto run = Renewals(database.database(), database.dialect())
                         .run(QDate::currentDate(), config.renewalWindowDays, &error);
    if (!run)
        qCWarning(lcServer).noquote() << "renewals failed:" << error;
    else if (!run->caseIds.isEmpty() || run->heldBack > 0)
        qCInfo(lcServer).noquote() << "renewals:" << run->caseIds.size() << "opened," << run->heldBack
                                   << "held back for violations";
}

} // namespace Internal

CentralServer::CentralServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Internal::CentralServerPrivate>(std::move(config)))
{}

CentralServer::~CentralServer() = default;

bool CentralServer::start(QString *error)
{
    // The key first: a server that was asked to sign must not start without it.
    if (!d->certificateAuthority.load(d->config, error))
        return false;
    if (!d->database.open(d->config, error))
        return false;
    QSqlDatabase db = d->database.database();
    if (!Internal::migrateComponent(db, d->database.dialect(), QStringLiteral("auth"),
                                    Internal::authMigrations(), error))
        return false;
    if (!Internal::prepareEventLog(d->database, d->config, error))
        return false;
    if (d->config.usesTls() && !d->setupTls(error))
        return false;
    d->openPushConnections();
    d->setupRoutes();
    if (d->config.usesTls()) {
        d->port = d->http.listen(d->config.listenAddress, d->config.port);
    } else {
        auto *tcp = new Internal::LowDelayTcpServer(&d->http);
        if (tcp->listen(d->config.listenAddress, d->config.port)) {
            d->http.bind(tcp);
            d->port = tcp->serverPort();
        }
    }
    if (d->port == 0) {
        *error = Tr::tr("Cannot listen on %1 port %2 (in use, or not permitted).")
                     .arg(d->config.listenAddress.toString())
                     .arg(d->config.port);
        return false;
    }
    if (d->config.renewalWindowDays > 0) {
        constexpr int kRenewalInterval = 6 * 60 * 60 * 1000;
        d->renewalTimer.setInterval(kRenewalInterval);
        QObject::connect(&d->renewalTimer, &QTimer::timeout, this, [this] { d->runRenewals(); });
        d->renewalTimer.start();
        // After start-up, not during it: the first requests are served first.
        QTimer::singleShot(5000, this, [this] { d->runRenewals(); });
    }
    return true;
}

quint16 CentralServer::port() const
{
    return d->port;
}

const ServerConfig &CentralServer::config() const
{
    return d->config;
}

} // namespace ow::server
