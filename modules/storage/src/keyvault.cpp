// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/keyvault.h"

namespace ow::storage {

KeyVault::KeyVault(const QString &storeId, const Keychain &keychain)
    : m_storeId(storeId)
    , m_keychain(keychain)
{ }

QString KeyVault::entryName(const QString &storeId, KeySlot slot)
{
    const QString base = QStringLiteral("store/") + storeId;
    return slot == KeySlot::Pending ? base + QStringLiteral("/pending") : base;
}

KeychainResult KeyVault::read(KeySlot slot, SecretKey *key) const
{
    QByteArray bytes;
    const KeychainResult result = m_keychain.read(entryName(m_storeId, slot), &bytes);
    *key = SecretKey(std::move(bytes));
    return result;
}

KeychainResult KeyVault::write(KeySlot slot, const SecretKey &key) const
{
    return m_keychain.write(entryName(m_storeId, slot), key.bytes());
}

KeychainResult KeyVault::remove(KeySlot slot) const
{
    return m_keychain.remove(entryName(m_storeId, slot));
}

} // namespace ow::storage
