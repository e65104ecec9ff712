// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QString>

namespace ow::storage {

// Name of the Qt SQL driver for SQLCipher stores, for QSqlDatabase::addDatabase().
inline QString sqlCipherDriverName()
{
    return QStringLiteral("QSQLCIPHER");
}

// Registers the "QSQLCIPHER" driver with QSqlDatabase; safe to call more than once
// and from any thread. A process that uses it must never load Qt's QSQLITE plugin:
// both bind the same unversioned sqlite3_* symbols.
//
// Connection options (QSqlDatabase::setConnectOptions, separated by ';'):
//   QSQLCIPHER_BUSY_TIMEOUT=<ms>   wait this long for a lock (default 5000)
//   QSQLCIPHER_OPEN_READONLY       open read-only
//   QSQLCIPHER_OPEN_EXISTING       never create the file
// Keys are not passed through Qt SQL: use ow::storage::Database::open().
void OW_STORAGE_EXPORT registerSqlCipherDriver();

} // namespace ow::storage
