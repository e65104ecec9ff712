// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

class QIODevice;
struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX

namespace ow::core {

// SHA-256 is the default for event hashes and content addresses; SM3
// (GB/T 32905) is selectable where national algorithms are required.
enum class HashAlgorithm { Sha256, Sm3 };

// Stable lower-case names used in stored data: "sha256", "sm3".
OW_CORE_EXPORT QString hashAlgorithmName(HashAlgorithm algorithm);
OW_CORE_EXPORT std::optional<HashAlgorithm> hashAlgorithmFromName(QStringView name);

// Incremental hashing through OpenSSL 3 EVP. Both algorithms have 32-byte digests.
class OW_CORE_EXPORT Hasher
{
public:
    explicit Hasher(HashAlgorithm algorithm);
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;

    // False if this OpenSSL build lacks the algorithm (some builds disable SM3);
    // then addData() does nothing and result() is empty.
    bool isValid() const { return m_context != nullptr; }
    static bool isAvailable(HashAlgorithm algorithm);

    HashAlgorithm algorithm() const { return m_algorithm; }
    void addData(QByteArrayView data);
    // Reads `device` to its end; false on a read error.
    bool addData(QIODevice *device);
    // The digest of everything added since construction or reset(); the
    // hasher is then reset for reuse.
    QByteArray result();
    QString resultHex() { return QString::fromLatin1(result().toHex()); }
    void reset();

    static QByteArray hash(QByteArrayView data, HashAlgorithm algorithm);
    // Lower-case hexadecimal digest, as stored in events and blob names.
    static QString hashHex(QByteArrayView data, HashAlgorithm algorithm);

private:
    HashAlgorithm m_algorithm;
    evp_md_ctx_st *m_context = nullptr;
};

} // namespace ow::core
