// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "authorizer.h"

#include "apiutil.h"
#include "authstore.h"
#include "serverdatabase.h"

#include "ow/server/tr.h"

#include <QCryptographicHash>
#include <QDateTime>
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
    const QByteArray token = bearerToken(request);
    auto unauthenticated = [failure](const QString &message) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthenticated"),
                                 message);
        return std::nullopt;
    };
    if (token.isEmpty())
        return unauthenticated(Tr::tr("Sign in first: this request needs \"Authorization: Bearer TOKEN\"."));

    QSqlDatabase db = m_database.database();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT t.user_id, t.expires_at, t.revoked_at, u.disabled FROM tokens t"
                                 " JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = ?"));
    query.addBindValue(tokenDigest(token));
    if (!query.exec()) {
        *failure = databaseUnavailable();
        return std::nullopt;
    }
    if (!query.next())
        return unauthenticated(Tr::tr("The token is not known; sign in again."));
    const QString userId = query.value(0).toString();
    const qint64 expiresAt = query.value(1).toLongLong();
    const bool revoked = !query.value(2).isNull();
    const bool disabled = query.value(3).toLongLong() != 0;
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
    QString error;
    auto principal = loadPrincipal(db, userId, &error);
    if (!principal) {
        *failure = databaseUnavailable();
        return std::nullopt;
    }
    return principal;
}

} // namespace ow::server::Internal
