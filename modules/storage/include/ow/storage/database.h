// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ow::storage {

enum class DatabaseError { None, NotFound, AlreadyExists, WrongKey, TooNew, Corrupt, Io, Other };

// Opens SQLCipher store files as Qt SQL connections ("QSQLCIPHER").
// Stores are keyed with a raw 256-bit key (no KDF), journal in WAL mode with
// synchronous=FULL, and enforce foreign keys. Messages are translated and name the file.
class OW_STORAGE_EXPORT Database
{
public:
    enum class Mode { OpenExisting, CreateNew };
    // Key: the default, always. None: a plain file on the same engine, for the
    // benchmark's baseline only.
    enum class Encryption { Key, None };

    struct OpenResult
    {
        QSqlDatabase db;
        DatabaseError error = DatabaseError::None;
        QString message;
        bool ok() const { return error == DatabaseError::None; }
    };

    static constexpr int KeySize = 32;
    // Page cache per connection, in KiB (PRAGMA cache_size = -CacheSizeKiB): an
    // upper bound, filled only as pages are read. Decrypting a page costs about
    // as much as the lookup that needs it, so the hot part of a store should fit.
    static constexpr int CacheSizeKiB = 128 * 1024;

    // Opens `path` as the connection `connectionName` (which must not exist yet).
    // OpenExisting never creates a file (NotFound); CreateNew refuses an existing
    // file (AlreadyExists) and removes what it created if opening fails. A key
    // that does not decrypt the file gives WrongKey and leaves the file unchanged.
    static OpenResult open(const QString &path, const QByteArray &rawKey, const QString &connectionName,
                           Mode mode, Encryption enc = Encryption::Key);
    // Re-encrypts the whole store with `newRawKey` in one transaction (PRAGMA rekey).
    static bool rekey(QSqlDatabase &db, const QByteArray &newRawKey, QString *error);
    // Changes the connection's page cache bound (see CacheSizeKiB).
    static bool setCacheSize(QSqlDatabase &db, int mebibytes);
    // Closes the connection and removes it from QSqlDatabase.
    static void close(const QString &connectionName);

    // PRAGMA integrity_check and, on encrypted stores, cipher_integrity_check (every
    // page's HMAC). Returns true when both are clean; otherwise `problems` lists what they reported.
    static bool checkIntegrity(const QSqlDatabase &db, QStringList *problems);
    // The store file's name as shown to users (native separators).
    static QString displayName(const QSqlDatabase &db);
};

} // namespace ow::storage
