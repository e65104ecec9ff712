// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/recoverykey.h"
#include "ow/storage/storage_export.h"
#include "ow/storage/storemanifest.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace ow::storage {

enum class StoreError {
    None,
    NotFound, // no store in the directory
    AlreadyExists, // create: a store, or part of one, is already there
    NoSecretService, // no keychain service in this session
    KeychainLocked, // the keyring is locked (or has no login keyring yet)
    AccessDenied, // access to the keyring was refused
    KeyMissing, // the keyring works but holds no key for this store
    KeychainTimeout, // the keyring did not answer (an unanswered unlock prompt?)
    KeychainFailed, // any other keychain failure
    WrongKey, // the key in the keyring does not open the database
    TooNew, // made by a newer OneWindow
    Corrupt, // manifest, escrow or database unreadable
    NoRecoveryKey, // create: no recovery public key, and escrow not explicitly declined
    InvalidRecoveryKey, // the recovery key file is not a usable RSA/SM2 key
    NoEscrow, // recover: the store has no escrow file
    RecoveryFailed, // recover: the recovery key does not fit, or no escrowed key opens it
    Io,
    Other
};

struct StoreStatus
{
    StoreError error = StoreError::None;
    // Translated, one paragraph: what happened to which store, and what to do.
    QString message;

    bool ok() const { return error == StoreError::None; }
};

struct StoreCreateOptions
{
    // The centre's recovery public key (PEM, RSA or SM2) that wraps the escrowed key.
    QByteArray recoveryPublicKeyPem;
    // Create the store without an escrow. Must be asked for explicitly: with no
    // escrow, a reset keyring loses every case not yet synced.
    bool withoutEscrow = false;
};

struct StoreRekeyOptions
{
    // Wrap the new key for this recovery key instead of the one in the escrow
    // (for a centre that replaced its recovery key, or a store without escrow).
    QByteArray recoveryPublicKeyPem;
};

// An encrypted local store: directory holding onewindow.db (SQLCipher, raw
// 256-bit key from the OS keychain), store.json (manifest) and
// onewindow.db.escrow (the key wrapped for the centre's recovery key).
//
// Safety rules it keeps: a key is generated only for a store that does not
// exist yet, never after a failed read; no plain-text fallback; never a new
// store over an existing one; any failure leaves the files as they were.
//
// The recovery public key is the centre's: onewindow-admin init takes it from
// --recovery-public-key FILE, else from defaultRecoveryPublicKeyPath() (where
// the centre's deployment installs it); with neither, init refuses unless
// --no-escrow is given. The escrow keeps a copy of that public key, so rekey
// wraps the new key for the same centre key without being told again
// (rekey --recovery-public-key FILE switches to a new one). Without
// OneWindow, an RSA escrow opens with `openssl pkeyutl -decrypt -inkey KEY
// -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt
// rsa_mgf1_md:sha256` on the base64-decoded ciphertext.
class OW_STORAGE_EXPORT Store
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    static std::unique_ptr<Store> create(const QString &directory, const StoreCreateOptions &options,
                                         StoreStatus *status);
    // Opens with the key from the keychain (finishing an interrupted key
    // rotation if there is one) and migrates the schema.
    static std::unique_ptr<Store> open(const QString &directory, StoreStatus *status);
    // Unwraps the escrowed key with the recovery private key, checks that it
    // opens the database and writes it to the keychain again.
    static StoreStatus recover(const QString &directory, const RecoveryPrivateKey &recoveryKey);
    // True when the directory holds a store or any part of one.
    static bool exists(const QString &directory);
    // Where a centre's deployment puts its recovery public key when
    // onewindow-admin init is not given one: /etc/onewindow/recovery.pub.
    static QString defaultRecoveryPublicKeyPath();

    // Rotates the key, crash-safely: the new key goes to the escrow and the
    // pending keychain slot before the database is rekeyed.
    StoreStatus rekey(const StoreRekeyOptions &options = {});

    QSqlDatabase database() const;
    QString connectionName() const { return m_connectionName; }
    QString directory() const { return m_directory; }
    QString databasePath() const;
    const StoreManifest &manifest() const { return m_manifest; }
    // Translated notes that did not stop the store from opening: a changed
    // keychain backend, a finished or rolled-back key rotation, an escrow
    // that does not hold the current key.
    QStringList notices() const { return m_notices; }

private:
    Store(const QString &directory, const StoreManifest &manifest, const QString &connectionName);

    QString m_directory;
    StoreManifest m_manifest;
    QString m_connectionName;
    QStringList m_notices;
};

} // namespace ow::storage
