// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/database.h"

#include <QSqlError>

#include <sqlite3.h>

namespace ow::storage::Internal {

// The category of a SQLite (extended) result code. NOTADB means a wrong key
// on a keyed store and a damaged file on a plain one.
DatabaseError classifySqliteCode(int code, bool keyed = true);
DatabaseError classifySqlError(const QSqlError &error, bool keyed = true);
// The connection's sqlite3 handle; null for other drivers or a closed connection.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace ow::storage::Internal
