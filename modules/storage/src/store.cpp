// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/store.h"

#include "storeinternal.h"
#include "storemessages.h"

#include "ow/storage/database.h"
#include "ow/storage/keyescrow.h"
#include "ow/storage/keyvault.h"
#include "ow/storage/migrations.h"

#include <ow/core/uuid.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>

namespace ow::storage {

using namespace Internal;

namespace Internal {

QString newConnectionName(const QString &storeId)
{
    static std::atomic<int> counter {0};
    return QStringLiteral("ow-store-%1-%2").arg(storeId).arg(++counter);
}

StoreError storeError(DatabaseError error)
{
    switch (error) {
    case DatabaseError::None:
        return StoreError::None;
    case DatabaseError::NotFound:
        return StoreError::NotFound;
    case DatabaseError::AlreadyExists:
        return StoreError::AlreadyExists;
    case DatabaseError::WrongKey:
        return StoreError::WrongKey;
    case DatabaseError::TooNew:
        return StoreError::TooNew;
    case DatabaseError::Corrupt:
        return StoreError::Corrupt;
    case DatabaseError::Io:
        return StoreError::Io;
    case DatabaseError::Other:
        break;
    }
    return StoreError::Other;
}

QStringList databaseFiles(const QString &databasePath)
{
    return {databasePath, databasePath + QStringLiteral("-wal"), databasePath + QStringLiteral("-shm"),
            databasePath + QStringLiteral("-journal")};
}

StoreStatus loadManifest(StoreAction action, const QString &directory, StoreManifest *manifest)
{
    const QDir dir(directory);
    if (!dir.exists(StoreManifest::fileName())) {
        // A database without its manifest cannot be matched with its keychain entry.
        const bool partial = dir.exists(StoreManifest().databaseFile) || dir.exists(KeyEscrow::fileName());
        return StoreMessages::failure(action, partial ? StoreError::Corrupt : StoreError::NotFound, directory,
                                      partial ? QStringLiteral("store.json is missing") : QString());
    }
    QString error;
    if (!StoreManifest::load(directory, manifest, &error))
        return StoreMessages::failure(action, StoreError::Corrupt, directory, error);
    if (manifest->format > StoreManifest::currentFormat)
        return StoreMessages::failure(action, StoreError::TooNew, directory,
                                      QStringLiteral("store format %1").arg(manifest->format));
    if (!dir.exists(manifest->databaseFile))
        return StoreMessages::failure(action, StoreError::Corrupt, directory,
                                      manifest->databaseFile + QStringLiteral(" is missing"));
    return {};
}

QString escrowPath(const QString &directory, const StoreManifest &manifest)
{
    return QDir(directory).filePath(manifest.escrowFile.isEmpty() ? KeyEscrow::fileName()
                                                                  : manifest.escrowFile);
}

} // namespace Internal

Store::Store(const QString &directory, const StoreManifest &manifest, const QString &connectionName)
    : m_directory(directory)
    , m_manifest(manifest)
    , m_connectionName(connectionName)
{ }

Store::~Store()
{
    Database::close(m_connectionName);
}

QSqlDatabase Store::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Store::databasePath() const
{
    return QDir(m_directory).filePath(m_manifest.databaseFile);
}

bool Store::exists(const QString &directory)
{
    const QDir dir(directory);
    QStringList names = databaseFiles(StoreManifest().databaseFile);
    names << StoreManifest::fileName() << KeyEscrow::fileName();
    return std::any_of(names.cbegin(), names.cend(),
                       [&dir](const QString &name) { return dir.exists(name); });
}

QString Store::defaultRecoveryPublicKeyPath()
{
    return QStringLiteral("/etc/onewindow/recovery.pub");
}

std::unique_ptr<Store> Store::create(const QString &directory, const StoreCreateOptions &options,
                                     StoreStatus *status)
{
    const QString dirPath = QDir(directory).absolutePath();
    const auto fail = [&](StoreError error, const QString &detail = {}) {
        *status = StoreMessages::failure(StoreAction::Create, error, dirPath, detail);
        return nullptr;
    };
    if (exists(dirPath))
        return fail(StoreError::AlreadyExists);

    RecoveryPublicKey recoveryKey;
    if (!options.withoutEscrow) {
        if (options.recoveryPublicKeyPem.isEmpty())
            return fail(StoreError::NoRecoveryKey);
        QString error;
        recoveryKey = RecoveryPublicKey::fromPem(options.recoveryPublicKeyPem, &error);
        if (recoveryKey.isNull())
            return fail(StoreError::InvalidRecoveryKey, error);
    }

    const bool madeDirectory = !QFileInfo::exists(dirPath);
    if (!QDir().mkpath(dirPath))
        return fail(StoreError::Io, QStringLiteral("cannot create the directory"));

    StoreManifest manifest;
    manifest.storeId = ow::core::Uuid::createV7String();
    manifest.createdAt = QDateTime::currentDateTimeUtc();
    const QDir dir(dirPath);
    const QString databasePath = dir.filePath(manifest.databaseFile);
    const KeyVault vault(manifest.storeId, Keychain(manifest.keychainService));

    // Undo everything this call made, so that a failed create leaves no half store behind.
    bool keyWritten = false;
    const auto cleanUp = [&] {
        for (const QString &file : databaseFiles(databasePath))
            QFile::remove(file);
        QFile::remove(dir.filePath(KeyEscrow::fileName()));
        QFile::remove(dir.filePath(StoreManifest::fileName()));
        if (keyWritten)
            vault.remove(KeySlot::Current);
        if (madeDirectory)
            QDir().rmdir(dirPath);
    };

    const SecretKey key = SecretKey::generate();
    if (!key.isValid()) {
        cleanUp();
        return fail(StoreError::Other, QStringLiteral("the random number generator failed"));
    }
    KeyEscrow escrow(manifest.storeId, recoveryKey);
    QString error;
    if (!options.withoutEscrow && !escrow.add(key, &error)) {
        cleanUp();
        return fail(StoreError::InvalidRecoveryKey, error);
    }

    // The key goes to the keychain first: a database is never made with a key not kept there.
    const KeychainResult written = vault.write(KeySlot::Current, key);
    const KeychainBackend backend = Keychain::detectBackend();
    if (!written.ok()) {
        cleanUp();
        *status = StoreMessages::keychainFailure(StoreAction::Create, written, dirPath,
                                                 KeyVault::entryName(manifest.storeId, KeySlot::Current), {},
                                                 backend);
        return nullptr;
    }
    keyWritten = true;
    // Read it back: a keychain that accepts a write but cannot return it would lose the store.
    SecretKey readBack;
    const KeychainResult reread = vault.read(KeySlot::Current, &readBack);
    if (!reread.ok() || !(readBack == key)) {
        cleanUp();
        *status = StoreMessages::keychainFailure(
            StoreAction::Create,
            reread.ok() ? KeychainResult {KeychainError::Other, QStringLiteral("the key read back differs")}
                        : reread,
            dirPath, KeyVault::entryName(manifest.storeId, KeySlot::Current), {}, backend);
        return nullptr;
    }

    manifest.keychainBackend = backend;
    manifest.escrowEnabled = !options.withoutEscrow;
    if (manifest.escrowEnabled) {
        manifest.escrowFile = KeyEscrow::fileName();
        manifest.escrowAlgorithm = recoveryKey.algorithm();
        manifest.recoveryKeyFingerprint = recoveryKey.fingerprint();
        if (!escrow.save(escrowPath(dirPath, manifest), &error)) {
            cleanUp();
            return fail(StoreError::Io, error);
        }
    }
    if (!manifest.save(dirPath, &error)) {
        cleanUp();
        return fail(StoreError::Io, error);
    }

    const QString connection = newConnectionName(manifest.storeId);
    Database::OpenResult opened
        = Database::open(databasePath, key.bytes(), connection, Database::Mode::CreateNew);
    if (!opened.ok()) {
        cleanUp();
        return fail(storeError(opened.error), opened.message);
    }
    QString message;
    const DatabaseError migrated = Migrations::migrate(opened.db, &message);
    if (migrated != DatabaseError::None) {
        opened.db = QSqlDatabase();
        Database::close(connection);
        cleanUp();
        return fail(storeError(migrated), message);
    }
    std::unique_ptr<Store> store(new Store(dirPath, manifest, connection));
    if (!manifest.escrowEnabled)
        store->m_notices << StoreMessages::noEscrow(dirPath);
    *status = {};
    return store;
}

std::unique_ptr<Store> Store::open(const QString &directory, StoreStatus *status)
{
    const QString dirPath = QDir(directory).absolutePath();
    StoreManifest manifest;
    if (*status = loadManifest(StoreAction::Open, dirPath, &manifest); !status->ok())
        return nullptr;

    const QString connection = newConnectionName(manifest.storeId);
    KeyOpening opening(dirPath, manifest, connection);
    if (*status = opening.open(StoreAction::Open); !status->ok())
        return nullptr;

    QString message;
    QSqlDatabase db = opening.database();
    const DatabaseError migrated = Migrations::migrate(db, &message);
    db = QSqlDatabase();
    if (migrated != DatabaseError::None) {
        opening.close();
        *status = StoreMessages::failure(StoreAction::Open, storeError(migrated), dirPath, message);
        return nullptr;
    }

    std::unique_ptr<Store> store(new Store(dirPath, manifest, connection));
    store->m_notices = opening.finish(&store->m_manifest);
    return store;
}

} // namespace ow::storage
