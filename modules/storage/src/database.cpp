// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/database.h"

#include "ow/storage/sqlcipherdriver.h"
#include "ow/storage/tr.h"
#include "pagecrypto_p.h"
#include "sqlcipherdriver_p.h"
#include "sqlcipherutil_p.h"
#include "sqlerror_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QSqlError>
#include <QSqlQuery>

#include <openssl/crypto.h>

#include <algorithm>
#include <array>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ow::storage {

namespace {

using Internal::sqliteHandle;

// The raw-key form SQLCipher takes without a KDF: x'<64 hex digits>'. Kept in a
// fixed buffer that is wiped after use, never in a QString.
class HexKey
{
public:
    explicit HexKey(const QByteArray &rawKey)
    {
        static const char digits[] = "0123456789abcdef";
        m_text[0] = 'x';
        m_text[1] = '\'';
        for (int i = 0; i < Database::KeySize; ++i) {
            const auto byte = static_cast<unsigned char>(rawKey.at(i));
            m_text[size_t(2 + 2 * i)] = digits[byte >> 4];
            m_text[size_t(3 + 2 * i)] = digits[byte & 0xf];
        }
        m_text[m_text.size() - 1] = '\'';
    }
    ~HexKey() { OPENSSL_cleanse(m_text.data(), m_text.size()); }
    HexKey(const HexKey &) = delete;
    HexKey &operator=(const HexKey &) = delete;

    const char *data() const { return m_text.data(); }
    int size() const { return int(m_text.size()); }

private:
    std::array<char, 2 + 2 * Database::KeySize + 1> m_text {};
};

bool startsWithPlainHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray header("SQLite format 3\0", 16);
    return file.read(header.size()) == header;
}

void removeStoreFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

QString execPragma(QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = query.lastError();
        return {};
    }
    return query.next() ? query.value(0).toString() : QString();
}

} // namespace

Database::OpenResult Database::open(const QString &path, const QByteArray &rawKey,
                                    const QString &connectionName, Mode mode, Encryption enc)
{
    registerSqlCipherDriver();
    const QString shown = QDir::toNativeSeparators(path);
    OpenResult result;
    const auto refuse = [&result](DatabaseError error, const QString &message) {
        result.db = QSqlDatabase();
        result.error = error;
        result.message = message;
        return result;
    };

    const bool keyed = enc == Encryption::Key;
    if (keyed && rawKey.size() != KeySize) {
        return refuse(DatabaseError::Other,
                      Tr::tr("The key for the store %1 is not a 256-bit key, so it cannot be the store's "
                             "key. The store was neither opened nor changed.")
                          .arg(shown));
    }
    if (!keyed && !rawKey.isEmpty())
        return refuse(DatabaseError::Other,
                      Tr::tr("A key was given for the unencrypted store %1.").arg(shown));
    if (connectionName.isEmpty() || QSqlDatabase::contains(connectionName)) {
        return refuse(DatabaseError::Other,
                      Tr::tr("Could not open the store %1: the connection name “%2” is already in use.")
                          .arg(shown, connectionName));
    }

    const QFileInfo info(path);
    bool created = false;
    if (mode == Mode::OpenExisting) {
        if (!info.exists()) {
            return refuse(DatabaseError::NotFound,
                          Tr::tr("The store %1 does not exist. Check the data directory, or create a new "
                                 "store with “onewindow-admin init”.")
                              .arg(shown));
        }
        if (!info.isFile()) {
            return refuse(DatabaseError::Io,
                          Tr::tr("Could not open the store %1: it is not a file.").arg(shown));
        }
        if (keyed && startsWithPlainHeader(path)) {
            return refuse(DatabaseError::Other,
                          Tr::tr("The store %1 is not encrypted. OneWindow keeps cases only in encrypted "
                                 "stores: move this file away and restore the store from a backup.")
                              .arg(shown));
        }
    } else {
        // A left-over -wal would be replayed into the new file: refuse that too.
        if (info.exists() || QFileInfo::exists(path + QLatin1String("-wal"))) {
            return refuse(DatabaseError::AlreadyExists,
                          Tr::tr("The store %1 already exists. A new store is never created over an "
                                 "existing one: open it, or choose another data directory.")
                              .arg(shown));
        }
        QDir().mkpath(info.absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            if (file.exists()) {
                return refuse(DatabaseError::AlreadyExists,
                              Tr::tr("The store %1 already exists. A new store is never created over an "
                                     "existing one: open it, or choose another data directory.")
                                  .arg(shown));
            }
            return refuse(DatabaseError::Io,
                          Tr::tr("Could not create the store %1: %2. Check that the data directory is "
                                 "writable.")
                              .arg(shown, file.errorString()));
        }
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        created = true;
    }

    const auto fail = [&](DatabaseError error, const QString &message) {
        Database::close(connectionName);
        if (created)
            removeStoreFiles(path);
        return refuse(error, message);
    };

    // A new store gets the current profile; an existing one is tried with each
    // profile in turn until page 1 authenticates (the file cannot tell which it has).
    QList<CipherProfile> profiles {CipherProfile::None};
    if (keyed && mode == Mode::CreateNew)
        profiles = {CipherProfile::Sha256};
    else if (keyed)
        profiles = {CipherProfile::Sha256, CipherProfile::LegacySha512};

    QSqlDatabase db;
    sqlite3 *handle = nullptr;
    for (qsizetype attempt = 0; attempt < profiles.size(); ++attempt) {
        const CipherProfile profile = profiles.at(attempt);
        db = QSqlDatabase::addDatabase(sqlCipherDriverName(), connectionName);
        db.setDatabaseName(path);
        // The file exists by now in both modes: the driver must never create one.
        db.setConnectOptions(QStringLiteral("QSQLCIPHER_OPEN_EXISTING"));
        if (!db.open()) {
            const QSqlError error = db.lastError();
            db = QSqlDatabase();
            return fail(Internal::classifySqlError(error),
                        Tr::tr("Could not open the store %1: %2. Check that the file is readable and "
                               "writable.")
                            .arg(shown, error.databaseText()));
        }
        handle = sqliteHandle(db);
        // Until the key is known to fit, closing must not checkpoint a WAL left by
        // another process into the file: a refused open leaves the file as it was.
        sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        if (keyed) {
            const HexKey key(rawKey);
            const int rc = sqlite3_key_v2(handle, "main", key.data(), key.size());
            if (rc != SQLITE_OK) {
                db = QSqlDatabase();
                return fail(DatabaseError::Other, Tr::tr("Could not open the store %1: %2.")
                                                      .arg(shown, QString::fromUtf8(sqlite3_errstr(rc))));
            }
        }
        QSqlError error;
        if (profile == CipherProfile::Sha256) {
            // Settings of this connection only, taken before the first page is read.
            execPragma(db, QStringLiteral("PRAGMA cipher_hmac_algorithm = HMAC_SHA256"), &error);
            if (!error.isValid())
                execPragma(db, QStringLiteral("PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA256"), &error);
            if (error.isValid()) {
                db = QSqlDatabase();
                return fail(DatabaseError::Other,
                            Tr::tr("Could not open the store %1: %2.").arg(shown, error.databaseText()));
            }
        }

        // SQLCipher reads (and authenticates) page 1 only now.
        execPragma(db, QStringLiteral("SELECT count(*) FROM sqlite_master"), &error);
        if (!error.isValid()) {
            result.profile = profile;
            break;
        }
        const DatabaseError kind = Internal::classifySqlError(error, keyed);
        db = QSqlDatabase();
        if (kind == DatabaseError::WrongKey && attempt + 1 < profiles.size()) {
            Database::close(connectionName); // the next profile may fit
            continue;
        }
        switch (kind) {
        case DatabaseError::WrongKey:
            return fail(kind,
                        Tr::tr("The store %1 cannot be decrypted with this key: it was encrypted with a "
                               "different one. The file was not changed. If the keychain was reset, "
                               "recover the key with “onewindow-admin recover”.")
                            .arg(shown));
        case DatabaseError::Corrupt:
            return fail(kind,
                        Tr::tr("The store %1 is damaged (%2). The file was not changed; restore it from a "
                               "backup or ask the centre's IT to recover it.")
                            .arg(shown, error.databaseText()));
        default:
            return fail(kind,
                        Tr::tr("Could not open the store %1: %2. Check that the file is readable and "
                               "writable.")
                            .arg(shown, error.databaseText()));
        }
    }
    sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);

    QSqlError error;
    const QString journal = execPragma(db, QStringLiteral("PRAGMA journal_mode = WAL"), &error);
    if (!error.isValid() && journal.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        error = QSqlError(QString(), QStringLiteral("journal_mode is %1, not wal").arg(journal));
    if (!error.isValid())
        execPragma(db, QStringLiteral("PRAGMA synchronous = FULL"), &error);
    if (!error.isValid())
        execPragma(db, QStringLiteral("PRAGMA foreign_keys = ON"), &error);
    if (!error.isValid())
        execPragma(db,
                   QStringLiteral("PRAGMA cache_size = -%1")
                       .arg(cacheSizeKiBFor(QFileInfo(path).size()
                                            + QFileInfo(path + QLatin1String("-wal")).size())),
                   &error);
    if (error.isValid()) {
        db = QSqlDatabase();
        return fail(Internal::classifySqlError(error, keyed),
                    Tr::tr("Could not set up the store %1: %2.").arg(shown, error.databaseText()));
    }
    result.db = db;
    return result;
}

bool Database::rekey(QSqlDatabase &db, const QByteArray &newRawKey, QString *error)
{
    const QString shown = displayName(db);
    const auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    sqlite3 *handle = Internal::sqliteHandle(db);
    if (!handle)
        return refuse(Tr::tr("Could not change the key of the store %1: it is not open.").arg(shown));
    if (newRawKey.size() != KeySize) {
        return refuse(
            Tr::tr("The new key for the store %1 is not a 256-bit key; the key was not changed.").arg(shown));
    }
    const HexKey key(newRawKey);
    const int rc = sqlite3_rekey_v2(handle, "main", key.data(), key.size());
    Internal::forgetPageKeys(); // the old key (and, on failure, the new one) leave the page contexts
    if (rc != SQLITE_OK) {
        return refuse(Tr::tr("Could not change the key of the store %1: %2. The store still opens with "
                             "its old key.")
                          .arg(shown, Internal::sqliteMessage(handle)));
    }
    return true;
}

qint64 Database::cacheSizeKiBFor(qint64 storeBytes)
{
    qint64 bound = MaxCacheSizeKiB;
#ifdef Q_OS_UNIX
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0)
        bound = std::min(bound, qint64(pages) * pageSize / 1024 / 8);
#endif
    return std::max<qint64>(CacheSizeKiB, std::min(bound, storeBytes / 1024 / 3));
}

bool Database::setCacheSize(QSqlDatabase &db, int mebibytes)
{
    if (mebibytes <= 0)
        return false;
    QSqlQuery query(db);
    return query.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(qint64(mebibytes) * 1024));
}

QString Database::pageCryptoDescription()
{
    return Internal::pageCryptoDescription();
}

Database::CipherProfile Database::cipherProfile(const QSqlDatabase &db)
{
    if (!db.isOpen())
        return CipherProfile::None;
    QSqlQuery query(db);
    // Empty on a connection without a key.
    if (!query.exec(QStringLiteral("PRAGMA cipher_hmac_algorithm")) || !query.next())
        return CipherProfile::None;
    const QString algorithm = query.value(0).toString();
    if (algorithm == QLatin1String("HMAC_SHA256"))
        return CipherProfile::Sha256;
    if (algorithm == QLatin1String("HMAC_SHA512"))
        return CipherProfile::LegacySha512;
    return CipherProfile::None;
}

void Database::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool Database::checkIntegrity(const QSqlDatabase &db, QStringList *problems)
{
    QStringList found;
    const auto collect = [&db, &found](const QString &sql, const QString &okValue) {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            found.append(query.lastError().text());
            return;
        }
        while (query.next()) {
            const QString line = query.value(0).toString();
            if (okValue.isEmpty() || line != okValue)
                found.append(line);
        }
    };
    collect(QStringLiteral("PRAGMA integrity_check"), QStringLiteral("ok"));
    // Lists pages whose HMAC does not verify; reports nothing on a plain store.
    collect(QStringLiteral("PRAGMA cipher_integrity_check"), QString());
    if (problems)
        *problems = found;
    return found.isEmpty();
}

QString Database::displayName(const QSqlDatabase &db)
{
    return QDir::toNativeSeparators(db.databaseName());
}

} // namespace ow::storage
