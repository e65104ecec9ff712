// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "authstore.h"

#include "ow/server/tr.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

QList<ServerMigration> authMigrations()
{
    // Both dialects understand the same types here (TEXT, INTEGER, BIGINT); the
    // function still takes the dialect so later migrations can differ.
    return {
        {1, QStringLiteral("offices, departments, users, roles, tokens, login failures, catalogue versions"),
         [](SqlDialect) {
             return QStringList{
                 QStringLiteral("CREATE TABLE offices ("
                                " code TEXT PRIMARY KEY,"
                                " name TEXT NOT NULL,"
                                " region_code TEXT NOT NULL,"
                                " parent_code TEXT REFERENCES offices(code),"
                                " level TEXT NOT NULL CHECK (level IN ('village', 'township', 'county', 'city')))"),
                 QStringLiteral("CREATE TABLE departments ("
                                " code TEXT NOT NULL,"
                                " name TEXT NOT NULL,"
                                " office_code TEXT NOT NULL REFERENCES offices(code),"
                                " PRIMARY KEY (office_code, code))"),
                 QStringLiteral("CREATE TABLE users ("
                                " id TEXT PRIMARY KEY,"
                                " name TEXT NOT NULL UNIQUE,"
                                " display_name TEXT NOT NULL,"
                                " office_code TEXT NOT NULL REFERENCES offices(code),"
                                " password_hash TEXT NOT NULL,"
                                " disabled INTEGER NOT NULL DEFAULT 0,"
                                " created_at BIGINT NOT NULL,"
                                " password_changed_at BIGINT NOT NULL)"),
                 QStringLiteral("CREATE TABLE user_roles ("
                                " user_id TEXT NOT NULL REFERENCES users(id),"
                                " role TEXT NOT NULL,"
                                " PRIMARY KEY (user_id, role))"),
                 QStringLiteral("CREATE TABLE user_departments ("
                                " user_id TEXT NOT NULL REFERENCES users(id),"
                                " department_code TEXT NOT NULL,"
                                " PRIMARY KEY (user_id, department_code))"),
                 QStringLiteral("CREATE TABLE tokens ("
                                " token_sha256 TEXT PRIMARY KEY,"
                                " user_id TEXT NOT NULL REFERENCES users(id),"
                                " device_id TEXT NOT NULL,"
                                " issued_at BIGINT NOT NULL,"
                                " expires_at BIGINT NOT NULL,"
                                " revoked_at BIGINT)"),
                 QStringLiteral("CREATE INDEX tokens_user ON tokens (user_id)"),
                 // One row per failed sign-in, per kind ('user' or 'address'); rows older
                 // than the window are deleted as new failures arrive.
                 QStringLiteral("CREATE TABLE login_failures ("
                                " kind TEXT NOT NULL,"
                                " subject TEXT NOT NULL,"
                                " failed_at BIGINT NOT NULL)"),
                 QStringLiteral("CREATE INDEX login_failures_subject ON login_failures (kind, subject, failed_at)"),
                 // seq orders versions by import; version strings are not compared.
                 QStringLiteral("CREATE TABLE catalog_versions ("
                                " version TEXT PRIMARY KEY,"
                                " seq INTEGER NOT NULL UNIQUE,"
                                " sha256 TEXT NOT NULL,"
                                " document TEXT NOT NULL,"
                                " imported_at BIGINT NOT NULL)"),
             };
         }},
    };
}

std::optional<Principal> loadPrincipal(QSqlDatabase &db, const QString &userId, QString *error)
{
    Principal principal;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT name, office_code FROM users WHERE id = ?"));
    query.addBindValue(userId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next()) {
        *error = Tr::tr("No such user.");
        return std::nullopt;
    }
    principal.userId = userId;
    principal.userName = query.value(0).toString();
    principal.officeCode = query.value(1).toString();

    query.prepare(QStringLiteral("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role"));
    query.addBindValue(userId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    while (query.next()) {
        if (const auto role = cases::roleFromName(query.value(0).toString()))
            principal.roles.append(*role);
    }

    query.prepare(QStringLiteral("SELECT department_code FROM user_departments WHERE user_id = ?"
                                 " ORDER BY department_code"));
    query.addBindValue(userId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    while (query.next())
        principal.departments.append(query.value(0).toString());

    query.prepare(QStringLiteral("SELECT code FROM departments WHERE office_code = ? ORDER BY code"));
    query.addBindValue(principal.officeCode);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    while (query.next())
        principal.officeDepartments.append(query.value(0).toString());
    return principal;
}

} // namespace ow::server::Internal
