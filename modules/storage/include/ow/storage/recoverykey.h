// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/secretkey.h"
#include "ow/storage/storage_export.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace ow::storage {

// The centre's recovery key pair. Each store key is wrapped (encrypted) with
// the public half and kept beside the store; only the administrator holding
// the private half can unwrap it. The algorithm follows the PEM's key type:
//   RSA (2048 bits or more) -> "RSA-OAEP-SHA256" (OAEP, SHA-256, MGF1-SHA-256)
//   SM2                     -> "SM2-SM3" (GB/T 32918.4 encryption, DER C1C3C2)
class OW_STORAGE_EXPORT RecoveryPublicKey
{
public:
    RecoveryPublicKey();
    ~RecoveryPublicKey();
    // A PEM "PUBLIC KEY" (SubjectPublicKeyInfo); null and `error` set if unusable.
    static RecoveryPublicKey fromPem(const QByteArray &pem, QString *error);

    bool isNull() const { return !m_key; }
    QString algorithm() const;
    // "SHA256:" and the hex SHA-256 of the DER SubjectPublicKeyInfo.
    QString fingerprint() const;
    QByteArray toPem() const;
    // Empty and `error` set on failure.
    QByteArray wrap(const SecretKey &key, QString *error) const;

private:
    std::shared_ptr<evp_pkey_st> m_key;
};

class OW_STORAGE_EXPORT RecoveryPrivateKey
{
public:
    RecoveryPrivateKey();
    ~RecoveryPrivateKey();
    // A PEM private key (PKCS#8, or traditional RSA/EC), unencrypted or
    // protected by `passphrase`.
    static RecoveryPrivateKey fromPem(const QByteArray &pem, const QByteArray &passphrase, QString *error);

    bool isNull() const { return !m_key; }
    QString algorithm() const;
    QString fingerprint() const; // of its public half
    QByteArray publicKeyPem() const;
    // An invalid key and `error` set when the ciphertext is not for this key.
    SecretKey unwrap(const QByteArray &wrapped, QString *error) const;

private:
    std::shared_ptr<evp_pkey_st> m_key;
};

enum class RecoveryKeyType { Rsa3072, Sm2 };

struct RecoveryKeyPair
{
    QByteArray privateKeyPem; // PKCS#8; a secret: keep it offline
    QByteArray publicKeyPem;
};

// A new recovery key pair from OpenSSL's CSPRNG.
OW_STORAGE_EXPORT bool generateRecoveryKeyPair(RecoveryKeyType type, RecoveryKeyPair *pair, QString *error);

} // namespace ow::storage
