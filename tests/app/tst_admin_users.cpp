// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-admin offices / departments / users as an administrator runs them
// against the central server's database (embedded store and PostgreSQL): what
// they add can sign in to the real server, and bad input is refused with one
// clear line and changes nothing.

#include <ow/test/centralprocess.h>
#include <ow/test/fixtures.h>
#include <ow/test/http.h>
#include <ow/test/tempdatadir.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

const QByteArray kPassword = "Chuangkou-2026";
const QByteArray kNewPassword = "Xinmima-2026!";

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestAdminUsers : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addListDisableAndReset_data() { backends(); }
    void addListDisableAndReset();
    void badInputChangesNothing_data() { backends(); }
    void badInputChangesNothing();
    void needsExactlyOneDatabase();

private:
    void backends();
    Run admin(const QStringList &arguments, const QByteArray &input = {}) const;
    QStringList listUsers() const;
    int signIn(const QString &user, const QByteArray &password) const;
    static bool isOneLine(const QString &text) { return !text.trimmed().isEmpty() && !text.trimmed().contains(u'\n'); }

    std::unique_ptr<ow::test::TempDataDir> m_dir;
    QStringList m_target; // --central-data-dir DIR or --database URL
    QString m_databaseUrl;
};

void TestAdminUsers::backends()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("embedded") << false;
    QTest::newRow("postgresql") << true;
}

void TestAdminUsers::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    m_databaseUrl.clear();
    m_target = QStringList{QStringLiteral("--central-data-dir"), m_dir->filePath(QStringLiteral("central"))};
    if (QByteArray(QTest::currentDataTag()) != "postgresql")
        return;
    OW_REQUIRE_POSTGRES();
    // A database of its own per test.
    const auto params = ow::test::postgresParams();
    const QString name = QStringLiteral("ow_admin_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("tst-admin"));
        db.setHostName(params.host);
        db.setPort(params.port);
        db.setUserName(params.user);
        db.setPassword(params.password);
        db.setDatabaseName(params.database);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("CREATE DATABASE ") + name), qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-admin"));
    QUrl url(params.url);
    url.setPath(QLatin1Char('/') + name);
    m_databaseUrl = url.toString();
    m_target = QStringList{QStringLiteral("--database"), m_databaseUrl};
}

void TestAdminUsers::cleanup()
{
    m_dir.reset();
}

Run TestAdminUsers::admin(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.start(ow::test::executablePath(QStringLiteral("onewindow-admin")),
                  QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList TestAdminUsers::listUsers() const
{
    const Run run = admin(QStringList{QStringLiteral("users"), QStringLiteral("list")} + m_target);
    if (run.exitCode != 0)
        qWarning("users list failed: %s", qPrintable(run.err));
    return run.out.split(u'\n', Qt::SkipEmptyParts);
}

int TestAdminUsers::signIn(const QString &user, const QByteArray &password) const
{
    ow::test::CentralProcess server;
    QStringList extra;
    if (!m_databaseUrl.isEmpty())
        extra = {QStringLiteral("--database"), m_databaseUrl};
    if (!server.start(m_dir->filePath(QStringLiteral("central")), extra)) {
        qWarning("%s", qPrintable(server.error()));
        return -1;
    }
    const QJsonObject body{{QStringLiteral("user"), user},
                           {QStringLiteral("password"), QString::fromUtf8(password)},
                           {QStringLiteral("deviceId"), QStringLiteral("0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001")}};
    return ow::test::httpRequest("POST", server.url().resolved(QUrl(QStringLiteral("/api/v1/session"))),
                                 QJsonDocument(body).toJson(QJsonDocument::Compact))
        .status;
}

void TestAdminUsers::addListDisableAndReset()
{
    Run run = admin(QStringList{QStringLiteral("offices"), QStringLiteral("add"), QStringLiteral("330102001"),
                                QStringLiteral("--name"), QStringLiteral("示范县城关街道便民服务中心"),
                                QStringLiteral("--level"), QStringLiteral("township"), QStringLiteral("--region"),
                                QStringLiteral("330102")}
                    + m_target);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = admin(QStringList{QStringLiteral("departments"), QStringLiteral("add"), QStringLiteral("MZ"),
                            QStringLiteral("--name"), QStringLiteral("示范县民政局"), QStringLiteral("--office"),
                            QStringLiteral("330102001")}
                + m_target);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // The password comes on standard input …
    run = admin(QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("zhangsan"),
                            QStringLiteral("--office"), QStringLiteral("330102001"), QStringLiteral("--role"),
                            QStringLiteral("clerk"), QStringLiteral("--role"), QStringLiteral("reviewer"),
                            QStringLiteral("--department"), QStringLiteral("MZ"), QStringLiteral("--display-name"),
                            QStringLiteral("张三")}
                    + m_target,
                kPassword + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // … or from a file.
    const QString passwordFile = m_dir->filePath(QStringLiteral("password.txt"));
    QFile file(passwordFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kPassword + '\n');
    file.close();
    run = admin(QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("lisi"),
                            QStringLiteral("--office"), QStringLiteral("330102001"), QStringLiteral("--role"),
                            QStringLiteral("supervisor"), QStringLiteral("--password-file"), passwordFile}
                    + m_target);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QCOMPARE(listUsers(), (QStringList{QStringLiteral("lisi\tlisi\t330102001\tsupervisor\t\tactive"),
                                       QStringLiteral("zhangsan\t张三\t330102001\tclerk,reviewer\tMZ\tactive")}));
    QCOMPARE(signIn(QStringLiteral("zhangsan"), kPassword), 200);

    run = admin(QStringList{QStringLiteral("users"), QStringLiteral("disable"), QStringLiteral("lisi")} + m_target);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(listUsers().contains(QStringLiteral("lisi\tlisi\t330102001\tsupervisor\t\tdisabled")));

    run = admin(QStringList{QStringLiteral("users"), QStringLiteral("reset-password"), QStringLiteral("zhangsan")}
                    + m_target,
                kNewPassword + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(signIn(QStringLiteral("zhangsan"), kPassword), 401);
    QCOMPARE(signIn(QStringLiteral("zhangsan"), kNewPassword), 200);
    QCOMPARE(signIn(QStringLiteral("lisi"), kPassword), 403);
}

void TestAdminUsers::badInputChangesNothing()
{
    QCOMPARE(admin(QStringList{QStringLiteral("offices"), QStringLiteral("add"), QStringLiteral("330102001"),
                               QStringLiteral("--name"), QStringLiteral("示范县城关街道便民服务中心"),
                               QStringLiteral("--level"), QStringLiteral("township")}
                   + m_target)
                 .exitCode,
             0);
    const QStringList addUser{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("wangwu"),
                              QStringLiteral("--office"), QStringLiteral("330102001"), QStringLiteral("--role"),
                              QStringLiteral("agent")};
    struct Case
    {
        QStringList arguments;
        QByteArray input;
        int exitCode;
        QString message;
    };
    const QList<Case> cases{
        {addUser + QStringList{QStringLiteral("--password"), QString::fromLatin1(kPassword)}, {}, 2,
         QStringLiteral("not accepted on the command line")},
        {addUser, "short1\n", 1, QStringLiteral("at least 10 characters")},
        {addUser, "onlyletterslong\n", 1, QStringLiteral("mix at least two")},
        {addUser, {}, 1, QStringLiteral("No password given")},
        {QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("wangwu"), QStringLiteral("--office"),
                     QStringLiteral("330102001"), QStringLiteral("--role"), QStringLiteral("mayor")},
         kPassword + '\n', 1, QStringLiteral("Role \"mayor\"")},
        {QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("wangwu"), QStringLiteral("--office"),
                     QStringLiteral("999"), QStringLiteral("--role"), QStringLiteral("agent")},
         kPassword + '\n', 1, QStringLiteral("Office 999 does not exist")},
        {addUser + QStringList{QStringLiteral("--department"), QStringLiteral("MZ")}, kPassword + '\n', 1,
         QStringLiteral("does not host department MZ")},
        {QStringList{QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("Wang Wu"), QStringLiteral("--office"),
                     QStringLiteral("330102001"), QStringLiteral("--role"), QStringLiteral("agent")},
         kPassword + '\n', 1, QStringLiteral("User name \"Wang Wu\"")},
        {QStringList{QStringLiteral("users"), QStringLiteral("disable"), QStringLiteral("nobody")}, {}, 1,
         QStringLiteral("No user is named nobody")},
        {QStringList{QStringLiteral("users"), QStringLiteral("reset-password"), QStringLiteral("nobody")}, kPassword + '\n',
         1, QStringLiteral("No user is named nobody")},
        {QStringList{QStringLiteral("users"), QStringLiteral("promote"), QStringLiteral("wangwu")}, {}, 2,
         QStringLiteral("Usage: onewindow-admin users")},
        {QStringList{QStringLiteral("offices"), QStringLiteral("add"), QStringLiteral("330102002"), QStringLiteral("--name"),
                     QStringLiteral("示范县某某村便民服务站"), QStringLiteral("--level"), QStringLiteral("hamlet")},
         {}, 1, QStringLiteral("--level: \"hamlet\"")},
        {QStringList{QStringLiteral("offices"), QStringLiteral("add"), QStringLiteral("330102002"), QStringLiteral("--name"),
                     QStringLiteral("示范县某某村便民服务站"), QStringLiteral("--level"), QStringLiteral("village"),
                     QStringLiteral("--parent"), QStringLiteral("330102999")},
         {}, 1, QStringLiteral("parent office 330102999 does not exist")},
        {QStringList{QStringLiteral("offices"), QStringLiteral("add"), QStringLiteral("330102001"), QStringLiteral("--name"),
                     QStringLiteral("重复"), QStringLiteral("--level"), QStringLiteral("township")},
         {}, 1, QStringLiteral("Office 330102001 already exists")},
        {QStringList{QStringLiteral("departments"), QStringLiteral("add"), QStringLiteral("MZ"), QStringLiteral("--name"),
                     QStringLiteral("示范县民政局"), QStringLiteral("--office"), QStringLiteral("999")},
         {}, 1, QStringLiteral("Office 999 does not exist")},
    };
    for (const Case &c : cases) {
        const Run run = admin(c.arguments + m_target, c.input);
        const QString what = c.arguments.join(u' ') + QStringLiteral(" → ") + run.err;
        QVERIFY2(run.exitCode == c.exitCode, qPrintable(what));
        QVERIFY2(run.err.contains(c.message), qPrintable(what));
        if (c.exitCode == 1)
            QVERIFY2(isOneLine(run.err), qPrintable(what));
    }
    QCOMPARE(listUsers(), QStringList());
    const Run offices = admin(QStringList{QStringLiteral("offices"), QStringLiteral("list")} + m_target);
    QCOMPARE(offices.out.split(u'\n', Qt::SkipEmptyParts).size(), 1);
}

void TestAdminUsers::needsExactlyOneDatabase()
{
    Run run = admin({QStringLiteral("users"), QStringLiteral("list")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--central-data-dir")), qPrintable(run.err));
    run = admin({QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--central-data-dir"), m_dir->path(),
                 QStringLiteral("--database"), QStringLiteral("postgresql://u@localhost/db")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(isOneLine(run.err));
    // A mistyped directory is not taken for a new, empty server.
    const QString typo = m_dir->filePath(QStringLiteral("centarl"));
    for (const QString &action : {QStringLiteral("list"), QStringLiteral("disable")}) {
        QStringList arguments{QStringLiteral("users"), action};
        if (action != QLatin1String("list"))
            arguments << QStringLiteral("zhangsan");
        run = admin(arguments + QStringList{QStringLiteral("--central-data-dir"), typo});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("no central server store")), qPrintable(run.err));
        QVERIFY(isOneLine(run.err));
    }
    QVERIFY(!QFile::exists(typo));
}

QTEST_GUILESS_MAIN(TestAdminUsers)
#include "tst_admin_users.moc"
