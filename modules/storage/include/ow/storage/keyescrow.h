// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/recoverykey.h"
#include "ow/storage/secretkey.h"
#include "ow/storage/storage_export.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace ow::storage {

// The escrow file beside a store (onewindow.db.escrow, JSON): its key wrapped
// with the centre's recovery public key, so that an administrator holding the
// private key can reopen the store after its keychain was lost. It holds no
// secret: without the recovery private key it reveals nothing of the key.
// During a key rotation it holds both keys, so that whichever one the database
// has at the moment of a crash can be recovered.
class OW_STORAGE_EXPORT KeyEscrow
{
public:
    struct WrappedKey
    {
        QString keyId; // SecretKey::id() of the wrapped key
        QString algorithm; // RecoveryPublicKey::algorithm()
        QString fingerprint; // of the recovery key it is wrapped for
        QByteArray wrapped;
        QDateTime createdAt;
    };

    static QString fileName(); // "onewindow.db.escrow"
    static constexpr int formatVersion = 1;

    KeyEscrow() = default;
    KeyEscrow(const QString &storeId, const RecoveryPublicKey &recoveryKey);

    QString storeId() const { return m_storeId; }
    // The recovery key new keys are wrapped for.
    const RecoveryPublicKey &recoveryKey() const { return m_recoveryKey; }
    void setRecoveryKey(const RecoveryPublicKey &recoveryKey) { m_recoveryKey = recoveryKey; }
    const QList<WrappedKey> &keys() const { return m_keys; }

    bool contains(const QString &keyId) const;
    // Wraps `key` for recoveryKey() and adds it (replacing one with the same id).
    bool add(const SecretKey &key, QString *error);
    void remove(const QString &keyId);
    // Drops every key but `keyId`; false if that one is not there.
    bool keepOnly(const QString &keyId);

    QByteArray toJson() const;
    static bool fromJson(const QByteArray &json, KeyEscrow *escrow, QString *error);
    // Atomic: a crash leaves the old file or the new one, never a torn one.
    bool save(const QString &path, QString *error) const;
    static bool load(const QString &path, KeyEscrow *escrow, QString *error);

private:
    QString m_storeId;
    RecoveryPublicKey m_recoveryKey;
    QList<WrappedKey> m_keys;
};

} // namespace ow::storage
