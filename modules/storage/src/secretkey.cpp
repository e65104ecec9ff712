// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/secretkey.h"

#include <QCryptographicHash>
#include <QString>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <utility>

namespace ow::storage {

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), std::size_t(bytes.size()));
    bytes.clear();
}

SecretKey::SecretKey(QByteArray &&bytes)
    : m_bytes(std::move(bytes))
{
    bytes.clear();
}

SecretKey::~SecretKey()
{
    wipe(m_bytes);
}

SecretKey::SecretKey(SecretKey &&other) noexcept
    : m_bytes(std::exchange(other.m_bytes, QByteArray()))
{ }

SecretKey &SecretKey::operator=(SecretKey &&other) noexcept
{
    if (this != &other) {
        wipe(m_bytes);
        m_bytes = std::exchange(other.m_bytes, QByteArray());
    }
    return *this;
}

SecretKey SecretKey::generate()
{
    QByteArray bytes(size, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), size) != 1) {
        wipe(bytes);
        return {};
    }
    return SecretKey(std::move(bytes));
}

QString SecretKey::id() const
{
    if (!isValid())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("OneWindow store key id v1"));
    hash.addData(m_bytes);
    return QString::fromLatin1(hash.result().left(16).toHex());
}

bool SecretKey::operator==(const SecretKey &other) const
{
    return m_bytes.size() == other.m_bytes.size()
        && CRYPTO_memcmp(m_bytes.constData(), other.m_bytes.constData(), std::size_t(m_bytes.size())) == 0;
}

} // namespace ow::storage
