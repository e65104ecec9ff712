// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/database.h"
#include "ow/storage/storage_export.h"

#include <QSqlDatabase>
#include <QString>

namespace ow::storage {

// The store's schema: forward-only versions, each applied in its own
// transaction and recorded in schema_migrations(version, applied_at).
class OW_STORAGE_EXPORT Migrations
{
public:
    static int latestVersion();
    // 0 for an empty store, -1 when the version cannot be read.
    static int storedVersion(const QSqlDatabase &db);
    // Applies every missing migration up to `targetVersion` (-1: the latest).
    // A store newer than latestVersion() is refused (TooNew) and left untouched.
    static DatabaseError migrate(QSqlDatabase &db, QString *message, int targetVersion = -1);
};

} // namespace ow::storage
