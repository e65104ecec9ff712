// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-central as an operator starts it: a real process on loopback,
// with its embedded store or a real PostgreSQL.

#include <ow/server/serverconfig.h>
#include <ow/test/centralprocess.h>
#include <ow/test/fixtures.h>
#include <ow/test/http.h>
#include <ow/test/tempdatadir.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using ow::test::CentralProcess;
using ow::test::httpRequest;

class TestCentralServer : public QObject
{
    Q_OBJECT

private slots:
    void embeddedStoreIsHealthy();
    void embeddedStoreIsEncryptedAndKeyIsPrivate();
    void restartReopensTheSameStore();
    void missingKeyFileIsRefused();
    void unknownPathGivesJsonError();
    void postgresIsHealthy();
    void unreachablePostgresIsRefused();
    void badArguments_data();
    void badArguments();
    void configFileIsReadAndFlagsOverrideIt();
    void configFileStartsTheServer();
};

void TestCentralServer::embeddedStoreIsHealthy()
{
    ow::test::TempDataDir dir;
    CentralProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
    const auto health = httpRequest("GET", server.url().resolved(QUrl(QStringLiteral("/healthz"))));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    const QJsonObject db = health.json.value(QStringLiteral("database")).toObject();
    QCOMPARE(db.value(QStringLiteral("kind")).toString(), QStringLiteral("embedded"));
    QCOMPARE(db.value(QStringLiteral("reachable")).toBool(), true);
    QVERIFY(!health.json.value(QStringLiteral("version")).toString().isEmpty());
}

void TestCentralServer::embeddedStoreIsEncryptedAndKeyIsPrivate()
{
    ow::test::TempDataDir dir;
    {
        CentralProcess server;
        QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
    }
    QFile key(dir.filePath(QStringLiteral("central.key")));
    QVERIFY(key.exists());
    QCOMPARE(key.permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                                   | QFileDevice::WriteUser),
             QFileDevice::Permissions());
    QFile db(dir.filePath(QStringLiteral("central.db")));
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains("SQLite format 3"));
}

void TestCentralServer::restartReopensTheSameStore()
{
    ow::test::TempDataDir dir;
    QByteArray keyBefore;
    {
        CentralProcess server;
        QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
        QFile key(dir.filePath(QStringLiteral("central.key")));
        QVERIFY(key.open(QIODevice::ReadOnly));
        keyBefore = key.readAll();
    }
    CentralProcess again;
    QVERIFY2(again.start(dir.path()), qPrintable(again.error()));
    QCOMPARE(httpRequest("GET", again.url().resolved(QUrl(QStringLiteral("/healthz")))).status, 200);
    QFile key(dir.filePath(QStringLiteral("central.key")));
    QVERIFY(key.open(QIODevice::ReadOnly));
    QCOMPARE(key.readAll(), keyBefore);
}

void TestCentralServer::missingKeyFileIsRefused()
{
    ow::test::TempDataDir dir;
    {
        CentralProcess server;
        QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
    }
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("central.key"))));
    const QByteArray storeBefore = [&] {
        QFile f(dir.filePath(QStringLiteral("central.db")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    CentralProcess server;
    QVERIFY(!server.start(dir.path()));
    QVERIFY2(server.error().contains(QStringLiteral("key")), qPrintable(server.error()));
    // No new key was made over the existing store, and the store is untouched.
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("central.key"))));
    QFile f(dir.filePath(QStringLiteral("central.db")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), storeBefore);
}

void TestCentralServer::unknownPathGivesJsonError()
{
    ow::test::TempDataDir dir;
    CentralProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
    const auto result = httpRequest("GET", server.url().resolved(QUrl(QStringLiteral("/api/v1/nothing"))));
    QCOMPARE(result.status, 404);
    const QJsonObject error = result.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
}

void TestCentralServer::postgresIsHealthy()
{
    OW_REQUIRE_POSTGRES();
    ow::test::TempDataDir dir;
    CentralProcess server;
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--database"), ow::test::postgresParams().url}),
             qPrintable(server.error()));
    const auto health = httpRequest("GET", server.url().resolved(QUrl(QStringLiteral("/healthz"))));
    QCOMPARE(health.status, 200);
    const QJsonObject db = health.json.value(QStringLiteral("database")).toObject();
    QCOMPARE(db.value(QStringLiteral("kind")).toString(), QStringLiteral("postgresql"));
    QCOMPARE(db.value(QStringLiteral("reachable")).toBool(), true);
}

void TestCentralServer::unreachablePostgresIsRefused()
{
    OW_REQUIRE_POSTGRES();
    const auto params = ow::test::postgresParams();
    ow::test::TempDataDir dir;
    CentralProcess server;
    const QString wrongPassword = QStringLiteral("postgresql://%1:wrong@%2:%3/%4")
                                      .arg(params.user, params.host)
                                      .arg(params.port)
                                      .arg(params.database);
    QVERIFY(!server.start(dir.path(), {QStringLiteral("--database"), wrongPassword}));
    QVERIFY2(server.error().contains(QStringLiteral("PostgreSQL")), qPrintable(server.error()));
    QVERIFY2(!server.error().contains(params.password), "the error must not reveal a password");
}

void TestCentralServer::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no data dir") << QStringList{QStringLiteral("--port"), QStringLiteral("1")}
                                 << QStringLiteral("--data-dir is required");
    QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("http"),
                                             QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
                              << QStringLiteral("--port");
    QTest::newRow("bad address") << QStringList{QStringLiteral("--listen"), QStringLiteral("my-host"),
                                                QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
                                 << QStringLiteral("--listen");
    QTest::newRow("bad database") << QStringList{QStringLiteral("--database"), QStringLiteral("mysql://x"),
                                                 QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
                                  << QStringLiteral("--database");
    QTest::newRow("cert without key") << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("c.pem"),
                                                     QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
                                      << QStringLiteral("--tls-key");
    QTest::newRow("bad token lifetime") << QStringList{QStringLiteral("--token-lifetime"), QStringLiteral("0"),
                                                       QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
                                        << QStringLiteral("--token-lifetime");
    QTest::newRow("bad renewal window") << QStringList{QStringLiteral("--renewal-window-days"), QStringLiteral("365"),
                                                       QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
                                        << QStringLiteral("--renewal-window-days");
    QTest::newRow("signing key without authority")
        << QStringList{QStringLiteral("--certificate-key"), QStringLiteral("/etc/hostname"), QStringLiteral("--data-dir"),
                       QStringLiteral("/tmp/x")}
        << QStringLiteral("--certificate-key and --certificate-authority must be given together");
    QTest::newRow("authority without signing key")
        << QStringList{QStringLiteral("--certificate-authority"), QStringLiteral("demo-centre-2026"),
                       QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
        << QStringLiteral("--certificate-key and --certificate-authority must be given together");
    QTest::newRow("unreadable signing key")
        << QStringList{QStringLiteral("--certificate-key"), QStringLiteral("/nonexistent/authority.pem"),
                       QStringLiteral("--certificate-authority"), QStringLiteral("demo-centre-2026"),
                       QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")}
        << QStringLiteral("/nonexistent/authority.pem");
    QTest::newRow("bad authority code")
        << QStringList{QStringLiteral("--certificate-authority"), QStringLiteral("a b"), QStringLiteral("--data-dir"),
                       QStringLiteral("/tmp/x")}
        << QStringLiteral("--certificate-authority");
    QTest::newRow("missing config file") << QStringList{QStringLiteral("--config"), QStringLiteral("/nonexistent/central.conf")}
                                         << QStringLiteral("/nonexistent/central.conf");
}

void TestCentralServer::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QProcess process;
    process.start(ow::test::executablePath(QStringLiteral("onewindow-central")),
                  QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    const QString stderrText = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(stderrText.contains(expected), qPrintable(stderrText));
}

void TestCentralServer::configFileIsReadAndFlagsOverrideIt()
{
    ow::test::TempDataDir dir;
    const QString fileName = dir.filePath(QStringLiteral("central.conf"));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# onewindow-central\n[central]\nlisten = 127.0.0.1\nport = 9000\ndata-dir = data\n"
               "token-lifetime = 3600\n; comment\nlang = en\n");
    file.close();

    QString error;
    auto config = ow::server::ServerConfig::fromArguments({QStringLiteral("--config"), fileName}, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->port, quint16(9000));
    QCOMPARE(config->tokenLifetimeSeconds, 3600);
    QCOMPARE(config->renewalWindowDays, 30);
    QCOMPARE(config->language, QStringLiteral("en"));
    // A relative path in the file is relative to the file.
    QCOMPARE(config->dataDir, dir.filePath(QStringLiteral("data")));

    config = ow::server::ServerConfig::fromArguments(
        {QStringLiteral("--port"), QStringLiteral("9100"), QStringLiteral("--config"), fileName}, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->port, quint16(9100));
    QCOMPARE(config->tokenLifetimeSeconds, 3600);
    config = ow::server::ServerConfig::fromArguments(
        {QStringLiteral("--renewal-window-days"), QStringLiteral("0"), QStringLiteral("--config"), fileName}, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->renewalWindowDays, 0);

    // The signing key's path, like the other paths, is relative to the file.
    QFile key(dir.filePath(QStringLiteral("authority.pem")));
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.close();
    QVERIFY(file.open(QIODevice::Append));
    file.write("certificate-key = authority.pem\ncertificate-authority = demo-centre-2026\n");
    file.close();
    config = ow::server::ServerConfig::fromArguments({QStringLiteral("--config"), fileName}, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->certificateKeyFile, dir.filePath(QStringLiteral("authority.pem")));
    QCOMPARE(config->certificateAuthority, QStringLiteral("demo-centre-2026"));
    QVERIFY(config->signsCertificates());

    // The default lifetime is 12 hours.
    config = ow::server::ServerConfig::fromArguments({QStringLiteral("--data-dir"), dir.path()}, &error);
    QVERIFY(config);
    QCOMPARE(config->tokenLifetimeSeconds, 12 * 3600);

    QVERIFY(file.open(QIODevice::Append));
    file.write("no equals sign here\n");
    file.close();
    QVERIFY(!ow::server::ServerConfig::fromArguments({QStringLiteral("--config"), fileName}, &error));
    QVERIFY2(error.contains(QStringLiteral("line 11")), qPrintable(error));
    QVERIFY(ow::server::ServerConfig::usage().contains(QStringLiteral("--config FILE")));
}

void TestCentralServer::configFileStartsTheServer()
{
    ow::test::TempDataDir dir;
    const QString fileName = dir.filePath(QStringLiteral("central.conf"));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("data-dir = ignored-because-the-command-line-wins\nport = 1\n");
    file.close();
    CentralProcess server;
    // CentralProcess passes --port 0 and --data-dir after the file: the command line wins.
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--config"), fileName}), qPrintable(server.error()));
    QCOMPARE(httpRequest("GET", server.url().resolved(QUrl(QStringLiteral("/healthz")))).status, 200);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("ignored-because-the-command-line-wins"))));
}

QTEST_GUILESS_MAIN(TestCentralServer)
#include "tst_centralserver.moc"
