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

    // How the pages of a store are authenticated; AES-256-CBC encrypts them in both.
    // Sha256: HMAC-SHA256 (and PBKDF2-HMAC-SHA256 to derive the HMAC key), what
    // new stores get: SHA-256 runs in hardware on x86 (SHA-NI) and ARMv8, so a
    // page read from disk costs about half of what it does with SHA-512.
    // LegacySha512: SQLCipher 4's defaults, which stores created before had;
    // they keep it (the two profiles differ in the bytes reserved per page, so
    // only a full export could convert a store).
    // The file does not say which profile it has: opening tries Sha256, then
    // LegacySha512, and a key that fits neither is a wrong key.
    enum class CipherProfile { None, Sha256, LegacySha512 };

    struct OpenResult
    {
        QSqlDatabase db;
        DatabaseError error = DatabaseError::None;
        QString message;
        CipherProfile profile = CipherProfile::None; // of the opened store
        bool ok() const { return error == DatabaseError::None; }
    };

    static constexpr int KeySize = 32;
    // Page cache per connection, in KiB (PRAGMA cache_size): an upper bound,
    // filled only as pages are read. A page that is not in it is decrypted and
    // authenticated again on every read, which costs a third to a half of a point
    // lookup, so the hot part of a store (its cases and applicants with their
    // indexes, about a third of the file) should fit: open() sets a third of the
    // store's size, at least CacheSizeKiB, at most MaxCacheSizeKiB and at most
    // an eighth of the machine's memory (see cacheSizeKiBFor()).
    static constexpr int CacheSizeKiB = 128 * 1024;
    static constexpr int MaxCacheSizeKiB = 512 * 1024;
    // The page cache bound open() sets for a store file of `storeBytes`.
    static qint64 cacheSizeKiBFor(qint64 storeBytes);

    // Opens `path` as the connection `connectionName` (which must not exist yet).
    // OpenExisting never creates a file (NotFound); CreateNew refuses an existing
    // file (AlreadyExists) and removes what it created if opening fails. A key
    // that does not decrypt the file gives WrongKey and leaves the file unchanged.
    static OpenResult open(const QString &path, const QByteArray &rawKey, const QString &connectionName,
                           Mode mode, Encryption enc = Encryption::Key);
    // Re-encrypts the whole store with `newRawKey` in one transaction (PRAGMA rekey).
    // The store keeps its cipher profile.
    static bool rekey(QSqlDatabase &db, const QByteArray &newRawKey, QString *error);
    // Changes the connection's page cache bound (see CacheSizeKiB), e.g. for a
    // server that knows how much memory it may use.
    static bool setCacheSize(QSqlDatabase &db, int mebibytes);
    // The profile of an open connection's store, as SQLCipher reports it (None
    // for a plain store or a connection that is not open).
    static CipherProfile cipherProfile(const QSqlDatabase &db);
    // How pages are authenticated and decrypted in this process: SQLCipher's
    // own OpenSSL functions or keyed per-thread contexts with the same output.
    static QString pageCryptoDescription();
    // Closes the connection and removes it from QSqlDatabase.
    static void close(const QString &connectionName);

    // PRAGMA integrity_check and, on encrypted stores, cipher_integrity_check (every
    // page's HMAC). Returns true when both are clean; otherwise `problems` lists what they reported.
    static bool checkIntegrity(const QSqlDatabase &db, QStringList *problems);
    // The store file's name as shown to users (native separators).
    static QString displayName(const QSqlDatabase &db);
};

} // namespace ow::storage
