// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/recoverykey.h"

#include <QCryptographicHash>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstring>
#include <memory>

namespace ow::storage {

namespace {

const QString rsaAlgorithm = QStringLiteral("RSA-OAEP-SHA256");
const QString sm2Algorithm = QStringLiteral("SM2-SM3");
constexpr int minimumRsaBits = 2048;

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY *key)
{
    return key ? std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free) : nullptr;
}

// The oldest queued OpenSSL error, and clears the queue.
QString opensslError(const char *what)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    QString text = QString::fromLatin1(what);
    if (code != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += QStringLiteral(": ") + QString::fromLatin1(buffer);
    }
    return text;
}

Bio readBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())), BIO_free);
}

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

QString algorithmOf(EVP_PKEY *key)
{
    if (!key)
        return {};
    if (EVP_PKEY_is_a(key, "RSA"))
        return rsaAlgorithm;
    if (EVP_PKEY_is_a(key, "SM2"))
        return sm2Algorithm;
    return {};
}

QString fingerprintOf(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    if (size <= 0)
        return {};
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(der), size), QCryptographicHash::Sha256);
    OPENSSL_free(der);
    return QStringLiteral("SHA256:") + QString::fromLatin1(digest.toHex());
}

QByteArray publicPemOf(EVP_PKEY *key)
{
    Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1)
        return {};
    return drain(bio.get());
}

// The same padding on both sides: OAEP with SHA-256 for the label hash and MGF1
// (OpenSSL's default would be SHA-1), or SM2 with SM3.
bool configure(EVP_PKEY_CTX *ctx, const QString &algorithm)
{
    if (algorithm == rsaAlgorithm) {
        return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0
            && EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx, "SHA256", nullptr) > 0
            && EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx, "SHA256", nullptr) > 0;
    }
    char digest[] = "SM3";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_ASYM_CIPHER_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    return EVP_PKEY_CTX_set_params(ctx, params) > 0;
}

int passphraseCallback(char *buffer, int size, int, void *userData)
{
    const auto *passphrase = static_cast<const QByteArray *>(userData);
    if (!passphrase || passphrase->isEmpty() || passphrase->size() > size)
        return 0;
    std::memcpy(buffer, passphrase->constData(), std::size_t(passphrase->size()));
    return int(passphrase->size());
}

} // namespace

RecoveryPublicKey::RecoveryPublicKey() = default;
RecoveryPublicKey::~RecoveryPublicKey() = default;

RecoveryPublicKey RecoveryPublicKey::fromPem(const QByteArray &pem, QString *error)
{
    RecoveryPublicKey result;
    Bio bio = readBio(pem);
    std::shared_ptr<EVP_PKEY> key
        = own(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        *error = opensslError("not a PEM public key");
        return result;
    }
    if (algorithmOf(key.get()).isEmpty()) {
        *error = QStringLiteral("unsupported key type %1: use an RSA or SM2 key")
                     .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(key.get())));
        return result;
    }
    if (EVP_PKEY_is_a(key.get(), "RSA") && EVP_PKEY_get_bits(key.get()) < minimumRsaBits) {
        *error = QStringLiteral("the RSA key has %1 bits; at least %2 are needed")
                     .arg(EVP_PKEY_get_bits(key.get()))
                     .arg(minimumRsaBits);
        return result;
    }
    result.m_key = std::move(key);
    return result;
}

QString RecoveryPublicKey::algorithm() const
{
    return algorithmOf(m_key.get());
}

QString RecoveryPublicKey::fingerprint() const
{
    return m_key ? fingerprintOf(m_key.get()) : QString();
}

QByteArray RecoveryPublicKey::toPem() const
{
    return m_key ? publicPemOf(m_key.get()) : QByteArray();
}

QByteArray RecoveryPublicKey::wrap(const SecretKey &key, QString *error) const
{
    if (!m_key || !key.isValid()) {
        *error = QStringLiteral("no recovery key or no store key to wrap");
        return {};
    }
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr), EVP_PKEY_CTX_free);
    const auto *in = reinterpret_cast<const unsigned char *>(key.bytes().constData());
    const auto inSize = std::size_t(key.bytes().size());
    std::size_t outSize = 0;
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) <= 0 || !configure(ctx.get(), algorithm())
        || EVP_PKEY_encrypt(ctx.get(), nullptr, &outSize, in, inSize) <= 0) {
        *error = opensslError("cannot set up the key wrapping");
        return {};
    }
    QByteArray out(qsizetype(outSize), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &outSize, in, inSize)
        <= 0) {
        *error = opensslError("cannot wrap the key");
        return {};
    }
    out.truncate(qsizetype(outSize));
    return out;
}

RecoveryPrivateKey::RecoveryPrivateKey() = default;
RecoveryPrivateKey::~RecoveryPrivateKey() = default;

RecoveryPrivateKey RecoveryPrivateKey::fromPem(const QByteArray &pem, const QByteArray &passphrase,
                                               QString *error)
{
    RecoveryPrivateKey result;
    Bio bio = readBio(pem);
    auto *userData = const_cast<QByteArray *>(&passphrase);
    std::shared_ptr<EVP_PKEY> key
        = own(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, userData) : nullptr);
    if (!key) {
        *error = opensslError("not a PEM private key (or a wrong passphrase)");
        return result;
    }
    if (algorithmOf(key.get()).isEmpty()) {
        *error = QStringLiteral("unsupported key type %1: use an RSA or SM2 key")
                     .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(key.get())));
        return result;
    }
    result.m_key = std::move(key);
    return result;
}

QString RecoveryPrivateKey::algorithm() const
{
    return algorithmOf(m_key.get());
}

QString RecoveryPrivateKey::fingerprint() const
{
    return m_key ? fingerprintOf(m_key.get()) : QString();
}

QByteArray RecoveryPrivateKey::publicKeyPem() const
{
    return m_key ? publicPemOf(m_key.get()) : QByteArray();
}

SecretKey RecoveryPrivateKey::unwrap(const QByteArray &wrapped, QString *error) const
{
    if (!m_key) {
        *error = QStringLiteral("no recovery key");
        return {};
    }
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key.get(), nullptr), EVP_PKEY_CTX_free);
    const auto *in = reinterpret_cast<const unsigned char *>(wrapped.constData());
    const auto inSize = std::size_t(wrapped.size());
    std::size_t outSize = 0;
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0 || !configure(ctx.get(), algorithm())
        || EVP_PKEY_decrypt(ctx.get(), nullptr, &outSize, in, inSize) <= 0) {
        *error = opensslError("cannot set up the key unwrapping");
        return {};
    }
    QByteArray out(qsizetype(outSize), Qt::Uninitialized);
    const int done
        = EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &outSize, in, inSize);
    if (done <= 0 || outSize != std::size_t(SecretKey::size)) {
        wipe(out);
        *error = done <= 0 ? opensslError("cannot unwrap the key: not wrapped for this recovery key")
                           : QStringLiteral("the unwrapped key has the wrong size");
        return {};
    }
    out.truncate(qsizetype(outSize));
    return SecretKey(std::move(out));
}

bool generateRecoveryKeyPair(RecoveryKeyType type, RecoveryKeyPair *pair, QString *error)
{
    EVP_PKEY *raw = type == RecoveryKeyType::Sm2
        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")
        : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t(3072));
    const std::shared_ptr<EVP_PKEY> key = own(raw);
    if (!key) {
        *error = opensslError("cannot generate the recovery key");
        return false;
    }
    Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        *error = opensslError("cannot encode the recovery key");
        return false;
    }
    pair->privateKeyPem = drain(bio.get());
    pair->publicKeyPem = publicPemOf(key.get());
    // The memory BIO held the private key in the clear.
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    if (size > 0)
        OPENSSL_cleanse(data, std::size_t(size));
    return !pair->publicKeyPem.isEmpty();
}

} // namespace ow::storage
