// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

class QHttpServer;

namespace ow::server::Internal {

class Authorizer;
class ServerDatabase;

// PUT/HEAD/GET /api/v1/blobs/{sha256}: attachments, content-addressed, stored
// in the database (so that every server process on one PostgreSQL sees them),
// uploaded whole or in chunks with Content-Range (docs/sync-api.md, Blobs).
void addBlobRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer);

} // namespace ow::server::Internal
