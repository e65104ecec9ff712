// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"

#include <QList>

namespace ow::server::Internal {

// The "log" component: the global event sequence (server_events), its Merkle
// nodes and signed tree heads, the device chains, permanent rejections, the
// server's case projection and the offices each case is visible to.
QList<ServerMigration> eventLogMigrations();

// The "blobs" component: attachment content, whole or being uploaded in chunks.
QList<ServerMigration> blobMigrations();

} // namespace ow::server::Internal
