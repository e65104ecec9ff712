// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QByteArray>

namespace ow::storage {

// Overwrites the bytes (OpenSSL_cleanse, which the compiler cannot drop) and
// empties the array. A shared QByteArray is detached first, so only this
// copy is wiped: keep secrets in SecretKey, which is never shared.
OW_STORAGE_EXPORT void wipe(QByteArray &bytes);

// A 256-bit store key in memory. Move-only, so there is one copy to wipe; the
// bytes are wiped when the key is destroyed or replaced.
class OW_STORAGE_EXPORT SecretKey
{
public:
    static constexpr int size = 32;

    SecretKey() = default;
    // Takes the bytes over; `bytes` is left empty.
    explicit SecretKey(QByteArray &&bytes);
    ~SecretKey();
    SecretKey(SecretKey &&other) noexcept;
    SecretKey &operator=(SecretKey &&other) noexcept;
    SecretKey(const SecretKey &) = delete;
    SecretKey &operator=(const SecretKey &) = delete;

    // 32 bytes from OpenSSL's CSPRNG; an invalid key if it fails.
    static SecretKey generate();

    bool isValid() const { return m_bytes.size() == size; }
    const QByteArray &bytes() const { return m_bytes; }
    // A public name for the key (16 bytes of a domain-separated SHA-256, hex):
    // lets the escrow say which wrapped key belongs to the key that opens the
    // database, without revealing anything about the key itself.
    QString id() const;
    bool operator==(const SecretKey &other) const;

private:
    QByteArray m_bytes;
};

} // namespace ow::storage
