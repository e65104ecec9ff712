// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "sqlerror_p.h"

#include "sqlcipherdriver_p.h"

namespace ow::storage::Internal {

DatabaseError classifySqliteCode(int code, bool keyed)
{
    switch (code & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return DatabaseError::None;
    case SQLITE_NOTADB:
        return keyed ? DatabaseError::WrongKey : DatabaseError::Corrupt;
    case SQLITE_CORRUPT:
        return DatabaseError::Corrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOLFS:
        return DatabaseError::Io;
    default:
        return DatabaseError::Other;
    }
}

DatabaseError classifySqlError(const QSqlError &error, bool keyed)
{
    if (!error.isValid())
        return DatabaseError::None;
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? classifySqliteCode(code, keyed) : DatabaseError::Other;
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    return handle.metaType() == QMetaType::fromType<sqlite3 *>() ? handle.value<sqlite3 *>() : nullptr;
}

} // namespace ow::storage::Internal
