// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/keychain.h"
#include "ow/storage/secretkey.h"
#include "ow/storage/storage_export.h"

#include <QString>

namespace ow::storage {

// The keychain slots of one store. "current" holds the key that opens the
// database; "pending" holds a new key during a rotation, written before the
// database is rekeyed, so that a crash at any moment leaves a key that opens it.
enum class KeySlot { Current, Pending };

class OW_STORAGE_EXPORT KeyVault
{
public:
    explicit KeyVault(const QString &storeId, const Keychain &keychain = Keychain());

    // The keychain entry name: "store/<id>" or "store/<id>/pending".
    static QString entryName(const QString &storeId, KeySlot slot);

    QString storeId() const { return m_storeId; }
    const Keychain &keychain() const { return m_keychain; }

    // On success `key` holds the entry's bytes; it is invalid (not 32 bytes)
    // when the entry holds something else, which opens nothing.
    KeychainResult read(KeySlot slot, SecretKey *key) const;
    KeychainResult write(KeySlot slot, const SecretKey &key) const;
    KeychainResult remove(KeySlot slot) const;

private:
    QString m_storeId;
    Keychain m_keychain;
};

} // namespace ow::storage
