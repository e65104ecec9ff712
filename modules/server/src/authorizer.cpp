// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "authorizer.h"

#include "apiutil.h"
#include "authstore.h"
#include "eventlog.h"
#include "serverdatabase.h"

#include "ow/server/tr.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

Authorizer::Authorizer(ServerDatabase &database)
    : m_database(database)
{}

QByteArray Authorizer::bearerToken(const QHttpServerRequest &request)
{
    const QByteArray header = request.value("Authorization").trimmed();
    static const QByteArray prefix("bearer ");
    if (header.size() <= prefix.size() || header.left(prefix.size()).toLower() != prefix)
        return {};
    return header.mid(prefix.size()).trimmed();
}

QString Authorizer::tokenDigest(const QByteArray &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

std::optional<Principal> Authorizer::authenticate(const QHttpServerRequest &request, QHttpServerResponse *failure)
{
    return authenticateToken(bearerToken(request), m_database.database(), m_database.dialect(), failure);
}

std::optional<Principal> Authorizer::authenticateToken(const QByteArray &token, QSqlDatabase db,
                                                       SqlDialect dialect, QHttpServerResponse *failure)
{
    auto unauthenticated = [failure](const QString &message) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthenticated"),
                                 message);
        return std::nullopt;
    };
    if (token.isEmpty())
        return unauthenticated(Tr::tr("Sign in first: this request needs \"Authorization: Bearer TOKEN\"."));

    // On PostgreSQL the token, the user, their roles and departments and their
    // office's departments come back in one statement, prepared once per
    // connection: one round trip per request instead of five statements. The
    // embedded store has no round trips; it keeps the plain queries.
    const bool oneStatement = dialect == SqlDialect::Postgres;
    QString error;
    const QString sql = oneStatement
        ? QStringLiteral("SELECT t.user_id, t.expires_at, t.revoked_at, u.disabled, u.name, u.office_code,"
                         " (SELECT COALESCE(json_agg(r.role ORDER BY r.role), '[]') FROM user_roles r"
                         "  WHERE r.user_id = t.user_id)::text,"
                         " (SELECT COALESCE(json_agg(d.department_code ORDER BY d.department_code), '[]')"
                         "  FROM user_departments d WHERE d.user_id = t.user_id)::text,"
                         " (SELECT COALESCE(json_agg(o.code ORDER BY o.code), '[]') FROM departments o"
                         "  WHERE o.office_code = u.office_code)::text"
                         " FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = ?")
        : QStringLiteral("SELECT t.user_id, t.expires_at, t.revoked_at, u.disabled FROM tokens t"
                         " JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = ?");
    std::optional<QStringList> found;
    if (!querySql(
            db, dialect, sql, {tokenDigest(token)}, [&found](const QStringList &row) { found = row; },
            &error)) {
        *failure = databaseUnavailable();
        return std::nullopt;
    }
    if (!found)
        return unauthenticated(Tr::tr("The token is not known; sign in again."));
    const QStringList &row = *found;
    const QString userId = row.at(0);
    const qint64 expiresAt = row.at(1).toLongLong();
    const bool revoked = !row.at(2).isNull();
    const bool disabled = row.at(3).toLongLong() != 0;
    if (revoked)
        return unauthenticated(Tr::tr("The token was signed out; sign in again."));
    if (expiresAt <= QDateTime::currentMSecsSinceEpoch()) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("token_expired"),
                                 Tr::tr("The session has expired; sign in again."));
        return std::nullopt;
    }
    if (disabled) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::Forbidden, QStringLiteral("account_disabled"),
                                 Tr::tr("This account is disabled; ask the administrator."));
        return std::nullopt;
    }
    if (oneStatement) {
        const auto strings = [&row](int column) {
            QStringList list;
            for (const QJsonValue &value : QJsonDocument::fromJson(row.at(column).toUtf8()).array())
                list.append(value.toString());
            return list;
        };
        Principal principal;
        principal.userId = userId;
        principal.userName = row.at(4);
        principal.officeCode = row.at(5);
        for (const QString &name : strings(6)) {
            if (const auto role = cases::roleFromName(name))
                principal.roles.append(*role);
        }
        principal.departments = strings(7);
        principal.officeDepartments = strings(8);
        return principal;
    }
    auto principal = loadPrincipal(db, userId, &error);
    if (!principal) {
        *failure = databaseUnavailable();
        return std::nullopt;
    }
    return principal;
}

} // namespace ow::server::Internal
