// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/keychain.h"
#include "ow/storage/storage_export.h"

#include <QDateTime>
#include <QString>

namespace ow::storage {

// store.json, the plain-text description of a store beside its database: which
// keychain entry and backend hold the key, and where its escrow is. It holds
// no secret, so it can be read before anything is unlocked.
struct OW_STORAGE_EXPORT StoreManifest
{
    static constexpr int currentFormat = 1;
    static QString fileName(); // "store.json"

    int format = currentFormat;
    QString storeId; // UUIDv7, also names the keychain entries
    QString databaseFile = QStringLiteral("onewindow.db");
    QDateTime createdAt;
    QDateTime keyRotatedAt;
    QString keychainService = Keychain::defaultService();
    KeychainBackend keychainBackend; // where the key was last written or read
    bool escrowEnabled = false;
    QString escrowFile; // relative to the store directory
    QString escrowAlgorithm; // of the key that wraps the current key
    QString recoveryKeyFingerprint;

    QByteArray toJson() const;
    static bool fromJson(const QByteArray &json, StoreManifest *manifest, QString *error);
    bool save(const QString &directory, QString *error) const; // atomic
    static bool load(const QString &directory, StoreManifest *manifest, QString *error);
};

} // namespace ow::storage
