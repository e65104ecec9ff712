// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/serverconfig.h"

#include <QString>

class QHttpServer;
class QThreadPool;

namespace ow::server::Internal {

class Authorizer;
class CertificateAuthority;
class ServerDatabase;

// Brings the "log", "blobs", "renewals" and "stock" schema up to date and loads (or, on first
// start, creates) the log's signing key. False with a translated `error`.
bool prepareEventLog(ServerDatabase &database, const ServerConfig &config, QString *error);

// The event log's part of the API (docs/sync-api.md): POST/GET /events,
// /log/tree-head, /log/consistency, /log/public-key, PUT/HEAD/GET /blobs/{sha256},
// the public GET /verify/{certificateId} and POST /certificates/{id}/revoke.
// `authority` signs the certificates pushed events produce. Pushes on
// PostgreSQL run on `workers`, which must end (and so wait for them) before
// the database, the authority and `http` go.
void addEventLogRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer,
                       const CertificateAuthority &authority, QThreadPool &workers);

} // namespace ow::server::Internal
