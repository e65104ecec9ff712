// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>
#include <QTest>

// Checks for the fixtures tests/fixtures/run-with.sh provides. A test that
// needs one calls the macro first, so running it outside its fixture fails at
// once with a message that says how to run it, not with a confusing error later.
namespace ow::test {

// Empty when a session bus with a secret service is available, else why not.
QString keyringProblem();
// Empty when OW_TEST_PG_URL points at a reachable cluster, else why not.
QString postgresProblem();

struct PostgresParams
{
    QString host;
    int port = 0;
    QString user;
    QString password;
    QString database;
    QString url;
};
PostgresParams postgresParams();
// Creates a new, empty database in the fixture's cluster (named `prefix` and a
// random suffix) so that a test sees nobody else's rows; returns its
// postgresql:// URL, or an empty string with the reason in `error`.
QString createPostgresDatabase(const QString &prefix, QString *error = nullptr);

QString sourcePath(const QString &relative);
QString binaryPath(const QString &relative);
// Path of one of the project's executables (onewindow, onewindow-admin, ...).
QString executablePath(const QString &name);

} // namespace ow::test

#define OW_REQUIRE_KEYRING() \
    do { \
        const QString problem = ow::test::keyringProblem(); \
        if (!problem.isEmpty()) \
            QFAIL(qPrintable(problem)); \
    } while (false)

#define OW_REQUIRE_POSTGRES() \
    do { \
        const QString problem = ow::test::postgresProblem(); \
        if (!problem.isEmpty()) \
            QFAIL(qPrintable(problem)); \
    } while (false)
