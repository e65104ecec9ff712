// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/test/fixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

namespace ow::test {

namespace {
QString env(const char *name)
{
    return QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(name));
}
} // namespace

QString keyringProblem()
{
    if (env("DBUS_SESSION_BUS_ADDRESS").isEmpty())
        return QStringLiteral("this test needs the keyring fixture (no session D-Bus): run it through "
                              "ctest, or tests/fixtures/run-with.sh --keyring -- <test>");
    if (env("OW_TEST_KEYRING").isEmpty())
        return QStringLiteral("refusing to use a real user keyring: run the test through "
                              "tests/fixtures/run-with.sh --keyring, which starts a throw-away one");
    return {};
}

QString postgresProblem()
{
    if (env("OW_TEST_PG_URL").isEmpty())
        return QStringLiteral("this test needs the postgres fixture (OW_TEST_PG_URL is not set): run it "
                              "through ctest, or tests/fixtures/run-with.sh --postgres -- <test>");
    return {};
}

PostgresParams postgresParams()
{
    PostgresParams p;
    p.host = env("OW_TEST_PG_HOST");
    p.port = env("OW_TEST_PG_PORT").toInt();
    p.user = env("OW_TEST_PG_USER");
    p.password = env("OW_TEST_PG_PASSWORD");
    p.database = env("OW_TEST_PG_DATABASE");
    p.url = env("OW_TEST_PG_URL");
    return p;
}

QString createPostgresDatabase(const QString &prefix, QString *error)
{
    const PostgresParams params = postgresParams();
    const QString name = prefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString connection = QStringLiteral("ow-test-create-") + name;
    QString problem;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        admin.setHostName(params.host);
        admin.setPort(params.port);
        admin.setUserName(params.user);
        admin.setPassword(params.password);
        admin.setDatabaseName(params.database);
        if (!admin.open()) {
            problem = admin.lastError().text();
        } else {
            QSqlQuery query(admin);
            if (!query.exec(QStringLiteral("CREATE DATABASE ") + name))
                problem = query.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return {};
    }
    QUrl url(params.url);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(OW_TEST_SOURCE_DIR)).filePath(relative);
}

QString binaryPath(const QString &relative)
{
    return QDir(QStringLiteral(OW_TEST_BINARY_DIR)).filePath(relative);
}

QString executablePath(const QString &name)
{
    return binaryPath(QStringLiteral("bin/") + name);
}

} // namespace ow::test
