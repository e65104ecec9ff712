// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "principal.h"
#include "serverschema.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSqlDatabase>

#include <optional>

namespace ow::server::Internal {

class ServerDatabase;

// Turns a request's bearer token into the Principal it was issued to. Nothing is
// cached: the server is stateless, so a token revoked or a user disabled through
// another process takes effect on the next request.
class Authorizer
{
public:
    explicit Authorizer(ServerDatabase &database);
    // Reads "Authorization: Bearer TOKEN"; on failure returns nullopt and *failure is 401 unauthenticated
    // or token_expired (or 403 account_disabled).
    std::optional<Principal> authenticate(const QHttpServerRequest &request, QHttpServerResponse *failure);
    // The same for a token already read from its request, on `db` (a worker thread's own connection).
    static std::optional<Principal> authenticateToken(const QByteArray &token, QSqlDatabase db, SqlDialect dialect,
                                                      QHttpServerResponse *failure);

    // The token of a request ("Authorization: Bearer TOKEN"), empty when absent.
    static QByteArray bearerToken(const QHttpServerRequest &request);
    // What the tokens table stores of a token: its SHA-256, hex.
    static QString tokenDigest(const QByteArray &token);

private:
    ServerDatabase &m_database;
};

} // namespace ow::server::Internal
