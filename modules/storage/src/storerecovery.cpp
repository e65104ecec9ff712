// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/store.h"

#include "storeinternal.h"
#include "storemessages.h"

#include "ow/storage/database.h"
#include "ow/storage/keyescrow.h"
#include "ow/storage/keyvault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace ow::storage {

using namespace Internal;

namespace {

// A store whose store.json was lost with the rest of the profile can still be
// recovered: the escrow names the store, and so its keychain entry.
bool manifestFromEscrow(const QString &directory, const KeyEscrow &escrow, StoreManifest *manifest)
{
    if (escrow.storeId().isEmpty() || !QDir(directory).exists(manifest->databaseFile))
        return false;
    manifest->storeId = escrow.storeId();
    manifest->escrowEnabled = true;
    manifest->escrowFile = KeyEscrow::fileName();
    return true;
}

} // namespace

StoreStatus Store::recover(const QString &directory, const RecoveryPrivateKey &recoveryKey)
{
    const QString dirPath = QDir(directory).absolutePath();
    const auto fail = [&](StoreError error, const QString &detail = {}) {
        return StoreMessages::failure(StoreAction::Recover, error, dirPath, detail);
    };
    if (recoveryKey.isNull())
        return fail(StoreError::InvalidRecoveryKey);

    StoreManifest manifest;
    QString error;
    KeyEscrow escrow;
    bool rebuiltManifest = false;
    if (StoreStatus loaded = loadManifest(StoreAction::Recover, dirPath, &manifest); !loaded.ok()) {
        if (loaded.error != StoreError::Corrupt || QDir(dirPath).exists(StoreManifest::fileName())
            || !KeyEscrow::load(escrowPath(dirPath, manifest), &escrow, &error)
            || !manifestFromEscrow(dirPath, escrow, &manifest))
            return loaded;
        rebuiltManifest = true;
    } else {
        const QString path = escrowPath(dirPath, manifest);
        if (!QFileInfo::exists(path))
            return fail(StoreError::NoEscrow, QDir::toNativeSeparators(path));
        if (!KeyEscrow::load(path, &escrow, &error))
            return fail(StoreError::Corrupt, error);
    }

    // Newest first: after a crash mid-rotation the new key is the likelier one.
    QList<KeyEscrow::WrappedKey> candidates;
    for (const KeyEscrow::WrappedKey &wrapped : escrow.keys()) {
        if (wrapped.fingerprint == recoveryKey.fingerprint())
            candidates.prepend(wrapped);
    }
    if (candidates.isEmpty()) {
        const QString wanted = escrow.keys().isEmpty() ? QString() : escrow.keys().constLast().fingerprint;
        return fail(StoreError::RecoveryFailed,
                    QStringLiteral("the escrow is wrapped for recovery key %1, this is %2")
                        .arg(wanted, recoveryKey.fingerprint()));
    }

    const QString databasePath = QDir(dirPath).filePath(manifest.databaseFile);
    SecretKey key;
    QString lastProblem;
    for (const KeyEscrow::WrappedKey &wrapped : std::as_const(candidates)) {
        SecretKey candidate = recoveryKey.unwrap(wrapped.wrapped, &lastProblem);
        if (!candidate.isValid())
            continue;
        const QString connection = newConnectionName(manifest.storeId);
        Database::OpenResult opened
            = Database::open(databasePath, candidate.bytes(), connection, Database::Mode::OpenExisting);
        opened.db = QSqlDatabase();
        if (opened.ok()) {
            Database::close(connection);
            key = std::move(candidate);
            break;
        }
        if (opened.error != DatabaseError::WrongKey)
            return fail(storeError(opened.error), opened.message);
        lastProblem = QStringLiteral("an escrowed key does not open the database");
    }
    if (!key.isValid())
        return fail(StoreError::RecoveryFailed, lastProblem);

    // Only now, with a key proven to open the database, is the keychain touched.
    const KeyVault vault(manifest.storeId, Keychain(manifest.keychainService));
    const KeychainResult written = vault.write(KeySlot::Current, key);
    if (!written.ok()) {
        return StoreMessages::keychainFailure(StoreAction::Recover, written, dirPath,
                                              KeyVault::entryName(manifest.storeId, KeySlot::Current), {},
                                              Keychain::detectBackend());
    }
    vault.remove(KeySlot::Pending);

    if (escrow.keys().size() > 1) {
        escrow.keepOnly(key.id());
        escrow.save(escrowPath(dirPath, manifest), &error);
    }
    manifest.keychainBackend = Keychain::detectBackend();
    if (rebuiltManifest) {
        manifest.escrowAlgorithm = escrow.recoveryKey().algorithm();
        manifest.recoveryKeyFingerprint = escrow.recoveryKey().fingerprint();
    }
    if (!manifest.save(dirPath, &error))
        return fail(StoreError::Io, error);
    return {};
}

StoreStatus Store::rekey(const StoreRekeyOptions &options)
{
    const auto fail = [&](StoreError error, const QString &detail = {}) {
        return StoreMessages::failure(StoreAction::Rekey, error, m_directory, detail);
    };
    QSqlDatabase db = database();
    if (!db.isOpen())
        return fail(StoreError::Other, QStringLiteral("the store is not open"));

    // The escrow that will hold the new key: the store's own, or one for a new recovery key.
    const QString escrowFile = escrowPath(m_directory, m_manifest);
    KeyEscrow escrow;
    QString error;
    bool escrowed = m_manifest.escrowEnabled;
    if (escrowed && !KeyEscrow::load(escrowFile, &escrow, &error) && options.recoveryPublicKeyPem.isEmpty())
        return fail(StoreError::Corrupt,
                    error + QStringLiteral("; pass --recovery-public-key to escrow anew"));
    if (!options.recoveryPublicKeyPem.isEmpty()) {
        const RecoveryPublicKey recoveryKey
            = RecoveryPublicKey::fromPem(options.recoveryPublicKeyPem, &error);
        if (recoveryKey.isNull())
            return fail(StoreError::InvalidRecoveryKey, error);
        if (escrow.storeId().isEmpty())
            escrow = KeyEscrow(m_manifest.storeId, recoveryKey);
        escrow.setRecoveryKey(recoveryKey);
        escrowed = true;
    }
    const KeyEscrow before = escrow;
    const bool escrowExisted = QFileInfo::exists(escrowFile);

    const SecretKey next = SecretKey::generate();
    if (!next.isValid())
        return fail(StoreError::Other, QStringLiteral("the random number generator failed"));

    // 1. The escrow holds the old and the new key: whatever the database has
    //    when a crash comes, the escrow can restore it.
    if (escrowed && (!escrow.add(next, &error) || !escrow.save(escrowFile, &error)))
        return fail(StoreError::Io, error);
    const auto restoreEscrow = [&] {
        QString ignored;
        if (escrowed && escrowExisted)
            before.save(escrowFile, &ignored);
        else if (escrowed)
            QFile::remove(escrowFile);
    };
    // 2. The new key is in the keychain before the database depends on it.
    const KeyVault vault(m_manifest.storeId, Keychain(m_manifest.keychainService));
    if (const KeychainResult pending = vault.write(KeySlot::Pending, next); !pending.ok()) {
        restoreEscrow();
        return StoreMessages::keychainFailure(StoreAction::Rekey, pending, m_directory,
                                              KeyVault::entryName(m_manifest.storeId, KeySlot::Pending),
                                              m_manifest.keychainBackend, Keychain::detectBackend());
    }
    // 3. One transaction re-encrypts every page.
    if (!Database::rekey(db, next.bytes(), &error)) {
        vault.remove(KeySlot::Pending);
        restoreEscrow();
        return fail(StoreError::Other, error);
    }
    // 4. Promote. Should this fail, opening finds the key in the pending slot.
    if (const KeychainResult promoted = vault.write(KeySlot::Current, next); promoted.ok())
        vault.remove(KeySlot::Pending);
    else
        m_notices << StoreMessages::rotationNotPromoted(m_directory, promoted.detail);
    // 5. The old key opens nothing any more; drop it from the escrow.
    if (escrowed) {
        escrow.keepOnly(next.id());
        if (!escrow.save(escrowFile, &error))
            m_notices << StoreMessages::escrowNotUpdated(m_directory, error);
        m_manifest.escrowEnabled = true;
        m_manifest.escrowFile = QFileInfo(escrowFile).fileName();
        m_manifest.escrowAlgorithm = escrow.recoveryKey().algorithm();
        m_manifest.recoveryKeyFingerprint = escrow.recoveryKey().fingerprint();
    }
    m_manifest.keyRotatedAt = QDateTime::currentDateTimeUtc();
    m_manifest.keychainBackend = Keychain::detectBackend();
    if (!m_manifest.save(m_directory, &error))
        m_notices << StoreMessages::manifestNotUpdated(m_directory, error);
    return {};
}

} // namespace ow::storage
