// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"

#include <QList>
#include <QString>

namespace ow::server::Internal {

// The "log" component: the global event sequence (server_events), its Merkle
// nodes and signed tree heads, the device chains, permanent rejections, the
// server's case projection and the offices each case is visible to.
QList<ServerMigration> eventLogMigrations();

// An identifier column of server_events (id, case_id; `column` as the query names
// it) compared as its index compares it: bytewise, with COLLATE "C" on PostgreSQL
// (a comparison in the database's collation cannot use the index).
QString bytewise(SqlDialect dialect, const QString &column);

// The "blobs" component: attachment content, whole or being uploaded in chunks.
QList<ServerMigration> blobMigrations();

} // namespace ow::server::Internal
