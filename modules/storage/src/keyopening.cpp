// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "storeinternal.h"

#include "ow/storage/keyescrow.h"

#include <QDir>

namespace ow::storage::Internal {

KeyOpening::KeyOpening(const QString &directory, const StoreManifest &manifest, const QString &connectionName)
    : m_directory(directory)
    , m_manifest(manifest)
    , m_connectionName(connectionName)
    , m_vault(manifest.storeId, Keychain(manifest.keychainService))
{ }

KeyOpening::~KeyOpening()
{
    close();
}

QSqlDatabase KeyOpening::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void KeyOpening::close()
{
    if (m_open)
        Database::close(m_connectionName);
    m_open = false;
}

StoreStatus KeyOpening::open(StoreAction action)
{
    const QString databasePath = QDir(m_directory).filePath(m_manifest.databaseFile);
    const auto keychainFailure = [&](const KeychainResult &result, KeySlot slot) {
        return StoreMessages::keychainFailure(action, result, m_directory,
                                              KeyVault::entryName(m_manifest.storeId, slot),
                                              m_manifest.keychainBackend, Keychain::detectBackend());
    };
    // Tries one key; true when it opened the database, false when it is the wrong one.
    StoreStatus failure;
    const auto tryKey = [&](const SecretKey &key) {
        if (!key.isValid())
            return false; // the entry holds something that is not a key: it opens nothing
        const Database::OpenResult opened
            = Database::open(databasePath, key.bytes(), m_connectionName, Database::Mode::OpenExisting);
        if (opened.ok())
            return m_open = true;
        if (opened.error != DatabaseError::WrongKey)
            failure = StoreMessages::failure(action, storeError(opened.error), m_directory, opened.message);
        return false;
    };

    SecretKey current;
    const KeychainResult currentRead = m_vault.read(KeySlot::Current, &current);
    // Locked, denied, no service: say so. Only a missing entry lets the pending slot stand in.
    if (!currentRead.ok() && currentRead.error != KeychainError::EntryMissing)
        return keychainFailure(currentRead, KeySlot::Current);
    if (currentRead.ok() && tryKey(current)) {
        m_key = std::move(current);
        return {};
    }
    if (!failure.ok())
        return failure;

    // The current key is missing or wrong. A rotation that rekeyed the database
    // but did not get to promote its key left the new key in the pending slot.
    SecretKey pending;
    if (m_vault.read(KeySlot::Pending, &pending).ok() && tryKey(pending)) {
        m_key = std::move(pending);
        m_fromPending = true;
        return {};
    }
    if (!failure.ok())
        return failure;
    if (!currentRead.ok())
        return keychainFailure(currentRead, KeySlot::Current);
    return StoreMessages::failure(action, StoreError::WrongKey, m_directory);
}

QStringList KeyOpening::finish(StoreManifest *manifest)
{
    QStringList notices;
    if (m_fromPending) {
        const KeychainResult promoted = m_vault.write(KeySlot::Current, m_key);
        if (promoted.ok()) {
            m_vault.remove(KeySlot::Pending);
            notices << StoreMessages::rotationFinished(m_directory);
        } else {
            notices << StoreMessages::rotationNotPromoted(m_directory, promoted.detail);
        }
    } else {
        // A pending key beside a current one that opens the database: the
        // rotation stopped before the rekey (drop it) or after the promotion
        // (it is the same key); either way the current key is the one to keep.
        SecretKey stale;
        if (m_vault.read(KeySlot::Pending, &stale).ok()) {
            m_vault.remove(KeySlot::Pending);
            notices << (stale == m_key ? StoreMessages::rotationFinished(m_directory)
                                       : StoreMessages::rotationRolledBack(m_directory));
        }
    }

    if (manifest->escrowEnabled) {
        const QString path = escrowPath(m_directory, *manifest);
        KeyEscrow escrow;
        QString error;
        if (!KeyEscrow::load(path, &escrow, &error) || !escrow.contains(m_key.id())) {
            notices << StoreMessages::escrowLacksKey(m_directory);
        } else if (escrow.keys().size() > 1) {
            escrow.keepOnly(m_key.id()); // the other one belongs to a finished or dropped rotation
            if (!escrow.save(path, &error))
                notices << StoreMessages::escrowNotUpdated(m_directory, error);
        }
    } else {
        notices << StoreMessages::noEscrow(m_directory);
    }

    // The key was just read through this backend, so this is where it lives now.
    const KeychainBackend backend = Keychain::detectBackend();
    const KeychainBackend &recorded = manifest->keychainBackend;
    const bool nameChanged = !recorded.name.isEmpty() && backend.name != recorded.name;
    const bool providerChanged = !recorded.provider.isEmpty() && !backend.provider.isEmpty()
        && backend.provider != recorded.provider;
    if (nameChanged || providerChanged)
        notices << StoreMessages::backendSwitched(m_directory, recorded, backend);
    if (backend.name != recorded.name
        || (!backend.provider.isEmpty() && backend.provider != recorded.provider)) {
        manifest->keychainBackend = backend;
        QString error;
        manifest->save(m_directory, &error); // only a record: the store works without it
    }
    m_open = false; // the connection now belongs to the caller
    return notices;
}

} // namespace ow::storage::Internal
