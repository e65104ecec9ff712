// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "principal.h"
#include "serverschema.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ow::server::Internal {

// The "auth" component of the server's schema: offices, departments, users and
// their roles, tokens, login failures and catalogue versions. Times are
// milliseconds since the epoch (UTC) in both dialects.
QList<ServerMigration> authMigrations();

// The user with `userId` as a Principal; nullopt with `error` set when the
// query fails or the user does not exist.
std::optional<Principal> loadPrincipal(QSqlDatabase &db, const QString &userId, QString *error);

} // namespace ow::server::Internal
