// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "tst_server_events_support.h"

#include <ow/cases/routing.h>
#include <ow/core/uuid.h>
#include <ow/server/directory.h>
#include <ow/storage/database.h>
#include <ow/storage/sqlcipherdriver.h>
#include <ow/test/fixtures.h>

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace ow::test::log {

QString Reply::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

Reply request(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &token,
              const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &contentType)
{
    QNetworkAccessManager network;
    QNetworkRequest req(url);
    req.setTransferTimeout(60000);
    if (!body.isEmpty() || method == "PUT" || method == "POST")
        req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    for (const auto &[name, value] : headers)
        req.setRawHeader(name, value);
    QNetworkReply *reply = network.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    delete reply;
    return result;
}

Device::Device(const SignedIn &user, cases::Role role)
    : m_user(user)
    , m_role(role)
{ }

cases::Event Device::record(const QString &caseId, cases::EventType type, const QJsonObject &payload)
{
    cases::Actor actor;
    actor.userId = m_user.userId;
    actor.officeCode = m_user.officeCode;
    actor.deviceId = m_user.deviceId;
    actor.role = m_role;
    cases::Event event = cases::Event::make(caseId, type, actor, payload);
    QString error;
    if (!event.seal(m_lastHash, core::HashAlgorithm::Sha256, &error))
        qWarning("cannot seal: %s", qPrintable(error));
    m_lastHash = event.hash;
    return event;
}

QJsonObject createdPayload(const QJsonArray &attachments)
{
    QJsonObject payload {
        {QStringLiteral("items"),
         QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("MZ-001")},
                                  {QStringLiteral("name"), QStringLiteral("最低生活保障审批")},
                                  {QStringLiteral("department"), QStringLiteral("MZ")},
                                  {QStringLiteral("legalDays"), 20},
                                  {QStringLiteral("promisedDays"), 10},
                                  {QStringLiteral("producesCertificate"), true}}}},
        {QStringLiteral("applicant"), QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")},
                                                    {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")}}},
    };
    if (!attachments.isEmpty())
        payload.insert(QStringLiteral("attachments"), attachments);
    return payload;
}

QJsonObject routedPayload()
{
    return cases::RoutingPlan::forItem({QStringLiteral("MZ-001"), QStringLiteral("MZ")}).toJson();
}

QByteArray pushBody(const QString &deviceId, const QList<cases::Event> &events)
{
    QJsonArray list;
    for (const cases::Event &event : events)
        list.append(event.toJson());
    return QJsonDocument(
               QJsonObject {{QStringLiteral("deviceId"), deviceId}, {QStringLiteral("events"), list}})
        .toJson(QJsonDocument::Compact);
}

void addBackendRows()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("embedded") << false;
    QTest::newRow("postgresql") << true;
}

Bed::Bed()
    : m_dir(std::make_unique<TempDataDir>())
    , m_server(std::make_unique<CentralProcess>())
    , m_second(std::make_unique<CentralProcess>())
    , m_connection(QStringLiteral("tst-log-") + QUuid::createUuid().toString(QUuid::Id128).left(8))
{ }

Bed::~Bed()
{
    m_second.reset();
    m_server.reset();
    if (QSqlDatabase::contains(m_connection)) {
        if (isPostgres()) {
            QSqlDatabase::database(m_connection, false).close();
            QSqlDatabase::removeDatabase(m_connection);
        } else {
            storage::Database::close(m_connection);
        }
    }
}

bool Bed::prepare(bool postgres)
{
    m_config.dataDir = m_dir->path();
    if (postgres) {
        QString error;
        m_config.databaseUrl = createPostgresDatabase(QStringLiteral("ow_log_"), &error);
        if (m_config.databaseUrl.isEmpty()) {
            qWarning("%s", qPrintable(error));
            return false;
        }
    }
    return seed();
}

bool Bed::seed()
{
    server::Directory directory;
    QString error;
    auto check = [&](bool ok) {
        if (!ok)
            qWarning("directory: %s", qPrintable(error));
        return ok;
    };
    if (!check(directory.open(m_config, &error)))
        return false;
    const QList<server::Office> offices {
        {kCounty, QStringLiteral("示范县政务服务中心"), QStringLiteral("330102"), QString(),
         QStringLiteral("county")},
        {kOfficeA, QStringLiteral("城关镇便民服务中心"), QStringLiteral("330102"), kCounty,
         QStringLiteral("township")},
        {kOfficeB, QStringLiteral("东山镇便民服务中心"), QStringLiteral("330102"), kCounty,
         QStringLiteral("township")},
    };
    for (const server::Office &office : offices) {
        if (!check(directory.addOffice(office, &error)))
            return false;
    }
    if (!check(
            directory.addDepartment({QStringLiteral("MZ"), QStringLiteral("示范县民政局"), kCounty}, &error))
        || !check(directory.addDepartment(
            {QStringLiteral("SCJG"), QStringLiteral("示范县市场监督管理局"), kCounty}, &error)))
        return false;
    struct U
    {
        QString name;
        QString office;
        QStringList roles;
        QStringList departments;
    };
    const QList<U> users {
        {QStringLiteral("clerk-a"), kOfficeA, {QStringLiteral("clerk"), QStringLiteral("agent")}, {}},
        {QStringLiteral("clerk-a2"), kOfficeA, {QStringLiteral("clerk")}, {}},
        {QStringLiteral("clerk-b"), kOfficeB, {QStringLiteral("clerk"), QStringLiteral("agent")}, {}},
        {QStringLiteral("reviewer-c"), kCounty, {QStringLiteral("reviewer")}, {QStringLiteral("MZ")}},
        {QStringLiteral("reviewer-x"), kCounty, {QStringLiteral("reviewer")}, {QStringLiteral("SCJG")}},
        {QStringLiteral("supervisor-a"), kOfficeA, {QStringLiteral("supervisor")}, {}},
        {QStringLiteral("admin-c"), kCounty, {QStringLiteral("admin")}, {}},
    };
    for (const U &u : users) {
        server::DirectoryUser user;
        user.name = u.name;
        user.displayName = u.name;
        user.officeCode = u.office;
        user.roles = u.roles;
        user.departments = u.departments;
        if (!check(directory.addUser(user, kPassword, &error)))
            return false;
    }
    return true;
}

QStringList Bed::arguments() const
{
    // Renewals run when a test asks (POST /renewals/run), never on the server's own schedule.
    QStringList arguments {QStringLiteral("--renewal-window-days"), QStringLiteral("0")};
    if (!m_config.databaseUrl.isEmpty())
        arguments << QStringLiteral("--database") << m_config.databaseUrl;
    return arguments;
}

bool Bed::startServer(const QStringList &extra)
{
    if (!m_server->start(m_dir->path(), arguments() + extra)) {
        qWarning("%s", qPrintable(m_server->error()));
        return false;
    }
    return true;
}

bool Bed::startSecondServer()
{
    if (!m_second->start(m_dir->path(), arguments())) {
        qWarning("%s", qPrintable(m_second->error()));
        return false;
    }
    return true;
}

QUrl Bed::api(const QString &path, int which) const
{
    const CentralProcess &process = which == 0 ? *m_server : *m_second;
    return process.url().resolved(QUrl(QStringLiteral("/api/v1/") + path));
}

SignedIn Bed::signIn(const QString &user, int which)
{
    SignedIn result;
    result.deviceId = core::Uuid::createV7String();
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("user"), user},
                                                       {QStringLiteral("password"), kPassword},
                                                       {QStringLiteral("deviceId"), result.deviceId}})
                                .toJson(QJsonDocument::Compact);
    const Reply reply = request("POST", api(QStringLiteral("session"), which), body);
    if (reply.status != 200) {
        qWarning("sign-in of %s answered %d: %s", qPrintable(user), reply.status, reply.body.constData());
        return result;
    }
    result.token = reply.json.value(QStringLiteral("token")).toString().toLatin1();
    const QJsonObject json = reply.json.value(QStringLiteral("user")).toObject();
    result.userId = json.value(QStringLiteral("id")).toString();
    result.officeCode
        = json.value(QStringLiteral("office")).toObject().value(QStringLiteral("code")).toString();
    return result;
}

QSqlDatabase Bed::database()
{
    if (QSqlDatabase::contains(m_connection))
        return QSqlDatabase::database(m_connection);
    if (isPostgres()) {
        const QUrl url(m_config.databaseUrl);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path().mid(1));
        if (!db.open())
            qWarning("%s", qPrintable(db.lastError().text()));
        return db;
    }
    QFile keyFile(m_dir->filePath(QStringLiteral("central.key")));
    if (!keyFile.open(QIODevice::ReadOnly))
        return {};
    const QByteArray key = QByteArray::fromHex(keyFile.readAll().trimmed());
    storage::registerSqlCipherDriver();
    auto opened = storage::Database::open(m_dir->filePath(QStringLiteral("central.db")), key, m_connection,
                                          storage::Database::Mode::OpenExisting);
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.message));
    return opened.db;
}

} // namespace ow::test::log
