// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/serverconfig.h"

class QHttpServer;

namespace ow::server::Internal {

class Authorizer;
class CertificateAuthority;
class ServerDatabase;

// POST and DELETE /api/v1/session, GET /api/v1/catalog (docs/sync-api.md); the
// catalogue documents carry `authority`'s public key among their authorityKeys.
void registerAuthRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer,
                        const ServerConfig &config, const CertificateAuthority &authority);

} // namespace ow::server::Internal
