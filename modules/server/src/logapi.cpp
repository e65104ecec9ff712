// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "logapi.h"

#include "apiutil.h"
#include "authorizer.h"
#include "renewals.h"
#include "blobapi.h"
#include "certificateauthority.h"
#include "eventlog.h"
#include "eventlogschema.h"
#include "serverdatabase.h"
#include "stockstore.h"
#include "treehead.h"
#include "verifyapi.h"

#include "ow/server/tr.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace ow::server::Internal {

Q_LOGGING_CATEGORY(lcLog, "ow.server.log")

namespace {

constexpr qint64 kMaxPushBytes = 8 * 1024 * 1024;
constexpr qsizetype kMaxPushEvents = 500;
constexpr int kDefaultPullLimit = 500;
constexpr int kMaxPullLimit = 1000;

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse invalid(const QString &field, const QString &message)
{
    return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"), message, field);
}

QHttpServerResponse databaseFailure(const QString &what, const QString &detail)
{
    qCWarning(lcLog).noquote() << what << detail;
    return databaseUnavailable();
}

// A query parameter that must be a whole number in [min, max].
std::optional<qint64> integerParameter(const QUrlQuery &query, const QString &name, qint64 min, qint64 max,
                                       QHttpServerResponse *failure)
{
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        *failure = invalid(
            name, Tr::tr("\"%1\" must be a whole number from %2 to %3.").arg(name).arg(min).arg(max));
        return std::nullopt;
    }
    return value;
}

std::optional<QHttpServerResponse> rejectUnknownParameters(const QUrlQuery &query, const QStringList &allowed)
{
    for (const auto &[key, value] : query.queryItems()) {
        Q_UNUSED(value);
        if (!allowed.contains(key))
            return invalid(key, Tr::tr("Unknown parameter \"%1\".").arg(key));
    }
    return std::nullopt;
}

class EventLogApi
{
public:
    EventLogApi(ServerDatabase &database, Authorizer &authorizer, const CertificateAuthority &authority,
                QThreadPool &workers, QObject *context)
        : m_database(database)
        , m_authorizer(authorizer)
        , m_authority(authority)
        , m_workers(workers)
        , m_context(context)
    { }

    // Answers a push on a worker thread (PostgreSQL) or at once (the embedded store).
    void push(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse pull(const QHttpServerRequest &request);
    QHttpServerResponse treeHead(const QHttpServerRequest &request);
    QHttpServerResponse consistency(const QHttpServerRequest &request);
    QHttpServerResponse publicKey(const QHttpServerRequest &request);

private:
    // A push being answered on a worker thread; kept (and destroyed) on the event loop's thread.
    struct PendingPush
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        QString path;
    };

    // The answer to a push: passed to `send` once its events are committed (possibly
    // before this returns, see EventLog::push), or returned when it failed before.
    using Send = std::function<void(QHttpServerResponse &&response)>;
    std::optional<QHttpServerResponse> push(const QByteArray &token, const QByteArray &body, QSqlDatabase db,
                                            const Send &send);
    void answer(quint64 id, QHttpServerResponse &&response);
    EventLog log() { return EventLog(m_database.database(), m_database.dialect(), &m_authority); }

    ServerDatabase &m_database;
    Authorizer &m_authorizer;
    const CertificateAuthority &m_authority;
    QThreadPool &m_workers;
    QObject *m_context; // of the event loop's thread
    std::map<quint64, std::unique_ptr<PendingPush>> m_pending;
    quint64 m_nextPending = 0;
};

// The headers and the log line afterRequest() gives the answers of ordinary routes.
void finishAnswer(QHttpServerResponse &response, const QString &path)
{
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    qCInfo(lcLog).noquote() << path << int(response.statusCode());
}

// On PostgreSQL a push runs on a worker thread with the thread's own
// connection: the authentication, the parse and the hash checks of one batch
// overlap the sequenced transaction of another (the advisory lock orders the
// transactions, as between two server processes), and the server's work
// overlaps PostgreSQL's. The event loop only reads requests and writes
// answers; each answer leaves after its transaction committed.
void EventLogApi::push(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QByteArray token = Authorizer::bearerToken(request);
    const QByteArray body = request.body();
    const QString path = request.url().path();
    if (m_database.dialect() != SqlDialect::Postgres) {
        std::optional<QHttpServerResponse> committed;
        std::optional<QHttpServerResponse> response
            = push(token, body, m_database.database(),
                   [&committed](QHttpServerResponse &&answer) { committed.emplace(std::move(answer)); });
        QHttpServerResponse &answer = response ? *response : *committed;
        finishAnswer(answer, path);
        answer.write(std::move(responder));
        return;
    }
    const quint64 id = m_nextPending++;
    QPointer<QTcpSocket> socket(responder.socket());
    m_pending.emplace(id, std::make_unique<PendingPush>(PendingPush {std::move(responder), socket, path}));
    m_workers.start([this, id, token, body] {
        const auto send = [this, id](QHttpServerResponse &&response) {
            auto answered = std::make_shared<QHttpServerResponse>(std::move(response));
            QMetaObject::invokeMethod(
                m_context, [this, id, answered] { answer(id, std::move(*answered)); }, Qt::QueuedConnection);
        };
        QString error;
        QSqlDatabase db = m_database.threadDatabase(&error);
        std::optional<QHttpServerResponse> response = db.isValid() && db.isOpen()
            ? push(token, body, db, send)
            : databaseFailure(QStringLiteral("push failed:"), error);
        if (!response)
            return;
        // A connection the database dropped (a restart) is opened afresh for the next push.
        if (response->statusCode() == Status::ServiceUnavailable && db.isOpen())
            db.close();
        send(std::move(*response));
    });
}

void EventLogApi::answer(quint64 id, QHttpServerResponse &&response)
{
    const auto pending = m_pending.find(id);
    if (pending == m_pending.end())
        return;
    const std::unique_ptr<PendingPush> push = std::move(pending->second);
    m_pending.erase(pending);
    // The client may have gone while the batch was written (it learns the
    // outcome from its next push: the events come back as duplicates).
    if (!push->socket || push->socket->state() != QAbstractSocket::ConnectedState)
        return;
    finishAnswer(response, push->path);
    response.write(std::move(push->responder));
}

std::optional<QHttpServerResponse> EventLogApi::push(const QByteArray &token, const QByteArray &bodyBytes,
                                                     QSqlDatabase db, const Send &send)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = Authorizer::authenticateToken(token, db, m_database.dialect(), &failure);
    if (!principal)
        return failure;
    const auto body = parseJsonObjectBody(bodyBytes, kMaxPushBytes, &failure);
    if (!body)
        return failure;
    if (auto unknown = rejectUnknownFields(*body, {QStringLiteral("deviceId"), QStringLiteral("events")}))
        return std::move(*unknown);
    const QJsonValue deviceId = body->value(QStringLiteral("deviceId"));
    if (!deviceId.isString() || deviceId.toString().isEmpty())
        return invalid(QStringLiteral("deviceId"), Tr::tr("\"deviceId\" must be the pushing device's id."));
    const QJsonValue events = body->value(QStringLiteral("events"));
    if (!events.isArray())
        return invalid(QStringLiteral("events"), Tr::tr("\"events\" must be an array of events."));
    const QJsonArray list = events.toArray();
    if (list.size() > kMaxPushEvents)
        return errorResponse(Status::PayloadTooLarge, QStringLiteral("body_too_large"),
                             Tr::tr("At most %1 events can be pushed at once; this request has %2.")
                                 .arg(kMaxPushEvents)
                                 .arg(list.size()),
                             QStringLiteral("events"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject())
            return invalid(QStringLiteral("events[%1]").arg(i), Tr::tr("Each event must be a JSON object."));
    }

    QString error;
    TreeHead head;
    const auto committed = [&send](const QList<PushOutcome> &outcomes, const TreeHead &treeHead) {
        QJsonArray results;
        for (const PushOutcome &outcome : outcomes)
            results.append(outcome.toJson());
        send(QHttpServerResponse(QJsonObject {{QStringLiteral("results"), results},
                                              {QStringLiteral("treeHead"), treeHead.toJson()}}));
    };
    if (!EventLog(db, m_database.dialect(), &m_authority)
             .push(*principal, deviceId.toString(), list, &head, &error, committed))
        return databaseFailure(QStringLiteral("push failed:"), error);
    return std::nullopt;
}

QHttpServerResponse EventLogApi::pull(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    const QUrlQuery query = request.query();
    if (auto unknown = rejectUnknownParameters(query, {QStringLiteral("after"), QStringLiteral("limit")}))
        return std::move(*unknown);
    qint64 limit = kDefaultPullLimit;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        const auto given = integerParameter(query, QStringLiteral("limit"), 1, kMaxPullLimit, &failure);
        if (!given)
            return failure;
        limit = *given;
    }
    QString error;
    EventLog::CursorProblem problem = EventLog::CursorProblem::None;
    EventLog eventLog = log();
    const auto page = eventLog.pull(*principal, query.queryItemValue(QStringLiteral("after")), int(limit),
                                    &problem, &error);
    if (problem == EventLog::CursorProblem::Malformed)
        return invalid(QStringLiteral("after"),
                       Tr::tr("The cursor \"after\" is not one this server gave out."));
    if (problem == EventLog::CursorProblem::Gone)
        return errorResponse(Status::Gone, QStringLiteral("resync_required"),
                             Tr::tr("The cursor is beyond this server's log; pull again from the start."));
    if (!page)
        return databaseFailure(QStringLiteral("pull failed:"), error);
    const auto head = eventLog.currentHead(&error);
    if (!head)
        return databaseFailure(QStringLiteral("tree head failed:"), error);
    return QHttpServerResponse(QJsonObject {{QStringLiteral("events"), page->events},
                                            {QStringLiteral("next"), page->next},
                                            {QStringLiteral("hasMore"), page->hasMore},
                                            {QStringLiteral("treeHead"), head->toJson()}});
}

QHttpServerResponse EventLogApi::treeHead(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    if (!m_authorizer.authenticate(request, &failure))
        return failure;
    QString error;
    const auto head = log().currentHead(&error);
    if (!head)
        return databaseFailure(QStringLiteral("tree head failed:"), error);
    return QHttpServerResponse(head->toJson());
}

QHttpServerResponse EventLogApi::consistency(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    if (!m_authorizer.authenticate(request, &failure))
        return failure;
    const QUrlQuery query = request.query();
    if (auto unknown = rejectUnknownParameters(query, {QStringLiteral("first"), QStringLiteral("second")}))
        return std::move(*unknown);
    const auto first
        = integerParameter(query, QStringLiteral("first"), 0, std::numeric_limits<qint64>::max(), &failure);
    if (!first)
        return failure;
    const auto second
        = integerParameter(query, QStringLiteral("second"), 0, std::numeric_limits<qint64>::max(), &failure);
    if (!second)
        return failure;
    QString error;
    const auto proof = log().consistencyProof(*first, *second, &error);
    if (!proof && error.isEmpty())
        return invalid(QStringLiteral("second"),
                       Tr::tr("A consistency proof needs first ≤ second ≤ the current tree size."));
    if (!proof)
        return databaseFailure(QStringLiteral("consistency proof failed:"), error);
    QJsonArray hashes;
    for (const QByteArray &hash : *proof)
        hashes.append(QString::fromLatin1(hash.toHex()));
    return QHttpServerResponse(QJsonObject {{QStringLiteral("first"), double(*first)},
                                            {QStringLiteral("second"), double(*second)},
                                            {QStringLiteral("proof"), hashes}});
}

QHttpServerResponse EventLogApi::publicKey(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    if (!m_authorizer.authenticate(request, &failure))
        return failure;
    return QHttpServerResponse(QJsonObject {{QStringLiteral("publicKey"), logPublicKeyBase64()}});
}

} // namespace

bool prepareEventLog(ServerDatabase &database, const ServerConfig &config, QString *error)
{
    QSqlDatabase db = database.database();
    if (!migrateComponent(db, database.dialect(), QStringLiteral("log"), eventLogMigrations(), error)
        || !migrateComponent(db, database.dialect(), QStringLiteral("blobs"), blobMigrations(), error)
        || !migrateComponent(db, database.dialect(), QStringLiteral("renewals"), renewalMigrations(), error)
        || !migrateComponent(db, database.dialect(), QStringLiteral("stock"), stockMigrations(), error))
        return false;
    auto signer = LogSigner::loadOrCreate(config.dataDir, error);
    if (!signer)
        return false;
    installLogSigner(std::move(*signer));
    return true;
}

void addEventLogRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer,
                       const CertificateAuthority &authority, QThreadPool &workers)
{
    using Method = QHttpServerRequest::Method;
    auto api = std::make_shared<EventLogApi>(database, authorizer, authority, workers, &http);
    http.route(QStringLiteral("/api/v1/events"), Method::Post,
               [api](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   api->push(request, std::move(responder));
               });
    http.route(QStringLiteral("/api/v1/events"), Method::Get,
               [api](const QHttpServerRequest &request) { return api->pull(request); });
    http.route(QStringLiteral("/api/v1/log/tree-head"), Method::Get,
               [api](const QHttpServerRequest &request) { return api->treeHead(request); });
    http.route(QStringLiteral("/api/v1/log/consistency"), Method::Get,
               [api](const QHttpServerRequest &request) { return api->consistency(request); });
    http.route(QStringLiteral("/api/v1/log/public-key"), Method::Get,
               [api](const QHttpServerRequest &request) { return api->publicKey(request); });
    addBlobRoutes(http, database, authorizer);
    addVerifyRoutes(http, database, authorizer, authority);
}

} // namespace ow::server::Internal
