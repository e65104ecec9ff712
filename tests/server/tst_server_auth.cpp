// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Signing in to onewindow-central as a workstation does: the real server
// process on loopback, on its embedded store and on a real PostgreSQL, with
// users set up the way an administrator sets them up.

#include <ow/server/directory.h>
#include <ow/server/serverconfig.h>
#include <ow/storage/database.h>
#include <ow/storage/sqlcipherdriver.h>
#include <ow/test/centralprocess.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUuid>

using ow::test::CentralProcess;

namespace {

const QString kPassword = QStringLiteral("Shiyan-2026!");
const QString kOffice = QStringLiteral("330102001");

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray retryAfter;
};

Reply request(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
              const QByteArray &token = {})
{
    QNetworkAccessManager network;
    QNetworkRequest req(url);
    req.setTransferTimeout(15000);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = network.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.json = QJsonDocument::fromJson(reply->readAll()).object();
    result.retryAfter = reply->rawHeader("Retry-After");
    if (result.status == 0)
        qWarning("no HTTP answer from %s: %s", qPrintable(url.toString()), qPrintable(reply->errorString()));
    delete reply;
    return result;
}

QByteArray loginBody(const QString &user, const QString &password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("user"), user},
                                     {QStringLiteral("password"), password},
                                     {QStringLiteral("deviceId"), QStringLiteral("0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000")}})
        .toJson(QJsonDocument::Compact);
}

QString errorCode(const Reply &reply)
{
    return reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

} // namespace

class TestServerAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void signInGivesTokenUserAndCredential_data() { backends(); }
    void signInGivesTokenUserAndCredential();
    void wrongPasswordIsRefused_data() { backends(); }
    void wrongPasswordIsRefused();
    void repeatedFailuresAreRateLimited_data() { backends(); }
    void repeatedFailuresAreRateLimited();
    void disabledUserIsRefused_data() { backends(); }
    void disabledUserIsRefused();
    void expiredTokenIsRefused_data() { backends(); }
    void expiredTokenIsRefused();
    void signedOutTokenIsRefused_data() { backends(); }
    void signedOutTokenIsRefused();
    void badBodiesAreRefused_data() { backends(); }
    void badBodiesAreRefused();
    void catalogueIsServedByVersion_data() { backends(); }
    void catalogueIsServedByVersion();
    void newerSchemaIsRefused_data() { backends(); }
    void newerSchemaIsRefused();
    void secretsNeverReachTheLog_data() { backends(); }
    void secretsNeverReachTheLog();

private:
    void backends();
    // A fresh, empty server database for the current row; false (with a QFAIL) on trouble.
    bool prepareDatabase();
    void seedDirectory();
    QStringList serverArguments() const;
    bool startServer(const QStringList &extra = {});
    QUrl api(const QString &path) const { return m_server->url().resolved(QUrl(QStringLiteral("/api/v1/") + path)); }
    QByteArray signIn(const QString &user = QStringLiteral("zhangsan"));

    std::unique_ptr<ow::test::TempDataDir> m_dir;
    std::unique_ptr<CentralProcess> m_server;
    ow::server::ServerConfig m_config;
};

void TestServerAuth::backends()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("embedded") << false;
    QTest::newRow("postgresql") << true;
}

void TestServerAuth::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    m_server = std::make_unique<CentralProcess>();
    if (QByteArray(QTest::currentDataTag()) == "postgresql")
        OW_REQUIRE_POSTGRES();
    QVERIFY(prepareDatabase());
    seedDirectory();
}

void TestServerAuth::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

bool TestServerAuth::prepareDatabase()
{
    m_config = ow::server::ServerConfig();
    m_config.dataDir = m_dir->path();
    if (!QTest::currentDataTag() || QByteArray(QTest::currentDataTag()) != "postgresql")
        return true;
    // Each test gets its own database so that failures counted by one do not limit the next.
    QString error;
    m_config.databaseUrl = ow::test::createPostgresDatabase(QStringLiteral("ow_auth_"), &error);
    if (m_config.databaseUrl.isEmpty())
        qWarning("%s", qPrintable(error));
    return !m_config.databaseUrl.isEmpty();
}

void TestServerAuth::seedDirectory()
{
    ow::server::Directory directory;
    QString error;
    QVERIFY2(directory.open(m_config, &error), qPrintable(error));
    QVERIFY2(directory.addOffice({kOffice, QStringLiteral("示范县城关镇便民服务中心"), QStringLiteral("330102"),
                                  QString(), QStringLiteral("township")},
                                 &error),
             qPrintable(error));
    QVERIFY2(directory.addDepartment({QStringLiteral("MZ"), QStringLiteral("示范县民政局"), kOffice}, &error),
             qPrintable(error));
    QVERIFY2(directory.addDepartment({QStringLiteral("SCJG"), QStringLiteral("示范县市场监督管理局"), kOffice}, &error),
             qPrintable(error));
    ow::server::DirectoryUser clerk;
    clerk.name = QStringLiteral("zhangsan");
    clerk.displayName = QStringLiteral("张三");
    clerk.officeCode = kOffice;
    clerk.roles = {QStringLiteral("clerk"), QStringLiteral("reviewer")};
    clerk.departments = {QStringLiteral("MZ")};
    QVERIFY2(directory.addUser(clerk, kPassword, &error), qPrintable(error));
    ow::server::DirectoryUser other = clerk;
    other.name = QStringLiteral("lisi");
    other.displayName = QStringLiteral("李四");
    other.roles = {QStringLiteral("supervisor")};
    other.departments.clear();
    QVERIFY2(directory.addUser(other, kPassword, &error), qPrintable(error));
}

QStringList TestServerAuth::serverArguments() const
{
    if (m_config.databaseUrl.isEmpty())
        return {};
    return {QStringLiteral("--database"), m_config.databaseUrl};
}

bool TestServerAuth::startServer(const QStringList &extra)
{
    if (!m_server->start(m_dir->path(), serverArguments() + extra)) {
        qWarning("%s", qPrintable(m_server->error()));
        return false;
    }
    return true;
}

QByteArray TestServerAuth::signIn(const QString &user)
{
    const Reply reply = request("POST", api(QStringLiteral("session")), loginBody(user, kPassword));
    if (reply.status != 200)
        qWarning("sign-in answered %d: %s", reply.status, QJsonDocument(reply.json).toJson().constData());
    return reply.json.value(QStringLiteral("token")).toString().toLatin1();
}

void TestServerAuth::signInGivesTokenUserAndCredential()
{
    QVERIFY(startServer());
    const Reply reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("zhangsan"), kPassword));
    QCOMPARE(reply.status, 200);
    const QString token = reply.json.value(QStringLiteral("token")).toString();
    QCOMPARE(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
    const QDateTime expires = QDateTime::fromString(reply.json.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    QVERIFY(expires.isValid());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 12 * 3600) < 120);

    const QJsonObject user = reply.json.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("zhangsan"));
    QCOMPARE(user.value(QStringLiteral("displayName")).toString(), QStringLiteral("张三"));
    const QString id = user.value(QStringLiteral("id")).toString();
    QVERIFY(!QUuid::fromString(id).isNull());
    QCOMPARE(id.at(14), QLatin1Char('7')); // UUIDv7
    QCOMPARE(user.value(QStringLiteral("roles")).toArray(),
             (QJsonArray{QStringLiteral("clerk"), QStringLiteral("reviewer")}));
    QCOMPARE(user.value(QStringLiteral("departments")).toArray(), QJsonArray{QStringLiteral("MZ")});
    const QJsonObject office = user.value(QStringLiteral("office")).toObject();
    QCOMPARE(office.value(QStringLiteral("code")).toString(), kOffice);
    QCOMPARE(office.value(QStringLiteral("name")).toString(), QStringLiteral("示范县城关镇便民服务中心"));
    QCOMPARE(office.value(QStringLiteral("regionCode")).toString(), QStringLiteral("330102"));

    const QJsonObject credential = reply.json.value(QStringLiteral("credential")).toObject();
    QCOMPARE(credential.value(QStringLiteral("algorithm")).toString(), QStringLiteral("argon2id"));
    QVERIFY(credential.value(QStringLiteral("hash")).toString().startsWith(QStringLiteral("$argon2id$v=19$")));

    // The log's Ed25519 key, to verify tree heads with.
    const QString logKey = reply.json.value(QStringLiteral("log")).toObject().value(QStringLiteral("publicKey")).toString();
    QCOMPARE(QByteArray::fromBase64(logKey.toLatin1()).size(), 32);

    // The token works for an authorised call.
    QCOMPARE(request("GET", api(QStringLiteral("catalog")), {}, token.toLatin1()).status, 200);
    // Two sign-ins give two different tokens.
    QVERIFY(signIn() != token.toLatin1());
}

void TestServerAuth::wrongPasswordIsRefused()
{
    QVERIFY(startServer());
    Reply reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("zhangsan"), QStringLiteral("Wrong-pass-1")));
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_credentials"));
    QVERIFY(!reply.json.contains(QStringLiteral("token")));
    // An unknown user gets the same answer: the server does not tell which names exist.
    reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("nobody"), kPassword));
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_credentials"));
}

void TestServerAuth::repeatedFailuresAreRateLimited()
{
    QVERIFY(startServer());
    for (int i = 0; i < 5; ++i) {
        const Reply reply = request("POST", api(QStringLiteral("session")),
                                    loginBody(QStringLiteral("zhangsan"), QStringLiteral("Wrong-pass-%1").arg(i)));
        QCOMPARE(reply.status, 401);
    }
    // Now even the right password is refused for a while.
    Reply reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("zhangsan"), kPassword));
    QCOMPARE(reply.status, 429);
    QCOMPARE(errorCode(reply), QStringLiteral("rate_limited"));
    bool ok = false;
    const int retryAfter = reply.retryAfter.toInt(&ok);
    QVERIFY2(ok && retryAfter > 0 && retryAfter <= 300, reply.retryAfter.constData());

    // The limit is counted in the database, not in the process: a restarted server keeps it.
    m_server = std::make_unique<CentralProcess>();
    QVERIFY(startServer());
    reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("zhangsan"), kPassword));
    QCOMPARE(reply.status, 429);
    // Other users at the same address are not locked out by one user's failures …
    QVERIFY(!signIn(QStringLiteral("lisi")).isEmpty());
    // … until the address itself has failed too often (20 times, whatever the user names).
    for (int i = 5; i < 20; ++i) {
        reply = request("POST", api(QStringLiteral("session")),
                        loginBody(QStringLiteral("guess%1").arg(i), QStringLiteral("Wrong-pass-%1").arg(i)));
        QCOMPARE(reply.status, 401);
    }
    reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("lisi"), kPassword));
    QCOMPARE(reply.status, 429);
    QCOMPARE(errorCode(reply), QStringLiteral("rate_limited"));
}

void TestServerAuth::disabledUserIsRefused()
{
    QVERIFY(startServer());
    const QByteArray token = signIn();
    QVERIFY(!token.isEmpty());
    {
        ow::server::Directory directory;
        QString error;
        QVERIFY2(directory.open(m_config, &error), qPrintable(error));
        QVERIFY2(directory.setUserDisabled(QStringLiteral("zhangsan"), true, &error), qPrintable(error));
    }
    Reply reply = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("zhangsan"), kPassword));
    QCOMPARE(reply.status, 403);
    QCOMPARE(errorCode(reply), QStringLiteral("account_disabled"));
    // A token issued before takes effect at once too.
    reply = request("GET", api(QStringLiteral("catalog")), {}, token);
    QCOMPARE(reply.status, 403);
    QCOMPARE(errorCode(reply), QStringLiteral("account_disabled"));
}

void TestServerAuth::expiredTokenIsRefused()
{
    // The short lifetime comes from a config file, as an operator would set it.
    const QString configFile = m_dir->filePath(QStringLiteral("central.conf"));
    QFile file(configFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# test server\n[central]\ntoken-lifetime = 1\nport = 8470\n");
    file.close();
    QVERIFY(startServer({QStringLiteral("--config"), configFile}));
    const Reply login = request("POST", api(QStringLiteral("session")), loginBody(QStringLiteral("zhangsan"), kPassword));
    QCOMPARE(login.status, 200);
    const QByteArray token = login.json.value(QStringLiteral("token")).toString().toLatin1();
    QThread::msleep(1500);
    const Reply reply = request("GET", api(QStringLiteral("catalog")), {}, token);
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), QStringLiteral("token_expired"));
}

void TestServerAuth::signedOutTokenIsRefused()
{
    QVERIFY(startServer());
    const QByteArray token = signIn();
    const QByteArray other = signIn();
    QCOMPARE(request("DELETE", api(QStringLiteral("session")), {}, token).status, 204);
    Reply reply = request("GET", api(QStringLiteral("catalog")), {}, token);
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), QStringLiteral("unauthenticated"));
    // Only that token ended.
    QCOMPARE(request("GET", api(QStringLiteral("catalog")), {}, other).status, 200);
    reply = request("DELETE", api(QStringLiteral("session")), {}, token);
    QCOMPARE(reply.status, 401);
    // A made-up token is unknown.
    reply = request("GET", api(QStringLiteral("catalog")), {}, QByteArrayLiteral("bm90LWEtcmVhbC10b2tlbg"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), QStringLiteral("unauthenticated"));
}

void TestServerAuth::badBodiesAreRefused()
{
    QVERIFY(startServer());
    Reply reply = request("POST", api(QStringLiteral("session")), QByteArrayLiteral("{\"user\": \"zhangsan\","));
    QCOMPARE(reply.status, 400);
    QCOMPARE(errorCode(reply), QStringLiteral("malformed_json"));

    reply = request("POST", api(QStringLiteral("session")), QByteArrayLiteral("[1, 2]"));
    QCOMPARE(reply.status, 400);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_request"));

    QJsonObject body = QJsonDocument::fromJson(loginBody(QStringLiteral("zhangsan"), kPassword)).object();
    body.insert(QStringLiteral("remember"), true);
    reply = request("POST", api(QStringLiteral("session")), QJsonDocument(body).toJson());
    QCOMPARE(reply.status, 400);
    QCOMPARE(errorCode(reply), QStringLiteral("invalid_request"));
    QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("remember"));

    body.remove(QStringLiteral("remember"));
    body.insert(QStringLiteral("password"), 12345);
    reply = request("POST", api(QStringLiteral("session")), QJsonDocument(body).toJson());
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(),
             QStringLiteral("password"));

    body.insert(QStringLiteral("password"), QString(40 * 1024, QLatin1Char('x')));
    reply = request("POST", api(QStringLiteral("session")), QJsonDocument(body).toJson());
    QCOMPARE(reply.status, 413);
    QCOMPARE(errorCode(reply), QStringLiteral("body_too_large"));

    // None of these was a failed sign-in: the right password still works at once.
    QVERIFY(!signIn().isEmpty());
}

void TestServerAuth::catalogueIsServedByVersion()
{
    {
        // Two versions, imported the way an administrator does it.
        QFile demo(ow::test::sourcePath(QStringLiteral("resources/catalog/demo-catalog.json")));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QJsonObject document = QJsonDocument::fromJson(demo.readAll()).object();
        const QString first = document.value(QStringLiteral("version")).toString();
        const QString file1 = m_dir->filePath(QStringLiteral("catalog-1.json"));
        const QString file2 = m_dir->filePath(QStringLiteral("catalog-2.json"));
        QFile out1(file1);
        QVERIFY(out1.open(QIODevice::WriteOnly));
        out1.write(QJsonDocument(document).toJson());
        out1.close();
        document.insert(QStringLiteral("version"), QStringLiteral("2026.12.1"));
        QFile out2(file2);
        QVERIFY(out2.open(QIODevice::WriteOnly));
        out2.write(QJsonDocument(document).toJson());
        out2.close();
        const QStringList target = m_config.databaseUrl.isEmpty()
            ? QStringList{QStringLiteral("--central-data-dir"), m_dir->path()}
            : QStringList{QStringLiteral("--database"), m_config.databaseUrl};
        auto import = [&target](const QString &file) {
            QProcess admin;
            admin.start(ow::test::executablePath(QStringLiteral("onewindow-admin")),
                        QStringList{QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("import-catalog"), file}
                            + target);
            admin.waitForFinished(60000);
            return std::pair{admin.exitCode(), QString::fromUtf8(admin.readAllStandardError())};
        };
        for (const QString &file : {file1, file2, file1}) {
            const auto [exitCode, err] = import(file);
            QVERIFY2(exitCode == 0, qPrintable(err));
        }
        // A published version never changes: other content under the same version is refused.
        document.insert(QStringLiteral("publisher"), QStringLiteral("另一个政务服务中心"));
        QVERIFY(out2.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out2.write(QJsonDocument(document).toJson());
        out2.close();
        const auto [exitCode, err] = import(file2);
        QCOMPARE(exitCode, 1);
        QVERIFY2(err.contains(QStringLiteral("different catalogue with version 2026.12.1")), qPrintable(err));
    }
    QVERIFY(startServer());
    Reply reply = request("GET", api(QStringLiteral("catalog")));
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), QStringLiteral("unauthenticated"));

    const QByteArray token = signIn();
    reply = request("GET", api(QStringLiteral("catalog")), {}, token);
    QCOMPARE(reply.status, 200);
    const QJsonArray all = reply.json.value(QStringLiteral("versions")).toArray();
    QCOMPARE(all.size(), 2);
    const QString first = all.at(0).toObject().value(QStringLiteral("version")).toString();
    const QString second = all.at(1).toObject().value(QStringLiteral("version")).toString();
    QCOMPARE(second, QStringLiteral("2026.12.1"));
    const QJsonObject firstEntry = all.at(0).toObject();
    QCOMPARE(firstEntry.value(QStringLiteral("sha256")).toString().size(), 64);
    QCOMPARE(firstEntry.value(QStringLiteral("document")).toObject().value(QStringLiteral("version")).toString(), first);

    reply = request("GET", api(QStringLiteral("catalog?since=") + first), {}, token);
    QCOMPARE(reply.status, 200);
    const QJsonArray newer = reply.json.value(QStringLiteral("versions")).toArray();
    QCOMPARE(newer.size(), 1);
    QCOMPARE(newer.at(0).toObject().value(QStringLiteral("version")).toString(), second);

    reply = request("GET", api(QStringLiteral("catalog?since=") + second), {}, token);
    QCOMPARE(reply.json.value(QStringLiteral("versions")).toArray().size(), 0);
}

void TestServerAuth::newerSchemaIsRefused()
{
    // A database that a newer server has migrated further.
    if (m_config.databaseUrl.isEmpty()) {
        QFile keyFile(m_dir->filePath(QStringLiteral("central.key")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QByteArray key = QByteArray::fromHex(keyFile.readAll().trimmed());
        ow::storage::registerSqlCipherDriver();
        auto opened = ow::storage::Database::open(m_dir->filePath(QStringLiteral("central.db")), key,
                                                  QStringLiteral("tst-newer"),
                                                  ow::storage::Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QSqlQuery query(opened.db);
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (component, version, description, applied_at)"
                                          " VALUES ('auth', 99, 'future', '2030-01-01T00:00:00Z')")));
        query.finish();
        opened.db = QSqlDatabase();
        ow::storage::Database::close(QStringLiteral("tst-newer"));
    } else {
        const QUrl url(m_config.databaseUrl);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("tst-newer"));
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (component, version, description, applied_at)"
                                              " VALUES ('auth', 99, 'future', '2030-01-01T00:00:00Z')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-newer"));
    }
    QVERIFY(!m_server->start(m_dir->path(), serverArguments()));
    QVERIFY2(m_server->error().contains(QStringLiteral("newer")), qPrintable(m_server->error()));
    QVERIFY2(m_server->error().contains(QStringLiteral("99")), qPrintable(m_server->error()));

    // The admin tool refuses it the same way, and nothing was changed: users are still there.
    ow::server::Directory directory;
    QString error;
    QVERIFY(!directory.open(m_config, &error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
}

void TestServerAuth::secretsNeverReachTheLog()
{
    // Run the server directly to see everything it writes.
    QProcess process;
    process.start(ow::test::executablePath(QStringLiteral("onewindow-central")),
                  QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                              QStringLiteral("0"), QStringLiteral("--data-dir"), m_dir->path(),
                              QStringLiteral("--lang"), QStringLiteral("en")}
                      + serverArguments());
    QVERIFY(process.waitForStarted(10000));
    static const QRegularExpression listening(QStringLiteral("listening on http://[^ :]+:(\\d+)"));
    QByteArray stdoutText;
    QDeadlineTimer deadline(20000);
    QRegularExpressionMatch match;
    while (!deadline.hasExpired() && !match.hasMatch()) {
        process.waitForReadyRead(100);
        stdoutText += process.readAllStandardOutput();
        match = listening.match(QString::fromUtf8(stdoutText));
    }
    QVERIFY2(match.hasMatch(), process.readAllStandardError().constData());
    const QUrl base(QStringLiteral("http://127.0.0.1:") + match.captured(1) + QStringLiteral("/api/v1/"));

    const Reply login = request("POST", base.resolved(QUrl(QStringLiteral("session"))),
                                loginBody(QStringLiteral("zhangsan"), kPassword));
    QCOMPARE(login.status, 200);
    const QByteArray token = login.json.value(QStringLiteral("token")).toString().toLatin1();
    request("POST", base.resolved(QUrl(QStringLiteral("session"))),
            loginBody(QStringLiteral("zhangsan"), QStringLiteral("Almost-right-2026")));
    request("GET", base.resolved(QUrl(QStringLiteral("catalog"))), {}, token);
    request("DELETE", base.resolved(QUrl(QStringLiteral("session"))), {}, token);
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    const QByteArray log = stdoutText + process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY2(log.contains("/api/v1/session"), log.constData()); // the log does record the requests
    QVERIFY(!log.contains(kPassword.toUtf8()));
    QVERIFY(!log.contains("Almost-right-2026"));
    QVERIFY(!log.contains(token));
    QVERIFY(!log.contains("$argon2id$"));
}

QTEST_GUILESS_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
