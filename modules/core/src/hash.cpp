// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/hash.h"

#include <QIODevice>

#include <openssl/evp.h>

namespace ow::core {

namespace {

// Fetching is a provider lookup; done once per algorithm. The destructor runs
// before OpenSSL's own atexit cleanup, which was registered earlier.
class Digests
{
public:
    Digests()
        : m_sha256(EVP_MD_fetch(nullptr, "SHA2-256", nullptr))
        , m_sm3(EVP_MD_fetch(nullptr, "SM3", nullptr))
    { }
    ~Digests()
    {
        EVP_MD_free(m_sha256);
        EVP_MD_free(m_sm3);
    }
    Digests(const Digests &) = delete;
    Digests &operator=(const Digests &) = delete;

    const EVP_MD *get(HashAlgorithm algorithm) const
    {
        return algorithm == HashAlgorithm::Sm3 ? m_sm3 : m_sha256;
    }

private:
    EVP_MD *m_sha256;
    EVP_MD *m_sm3;
};

const EVP_MD *digest(HashAlgorithm algorithm)
{
    static const Digests digests;
    return digests.get(algorithm);
}

} // namespace

QString hashAlgorithmName(HashAlgorithm algorithm)
{
    return algorithm == HashAlgorithm::Sm3 ? QStringLiteral("sm3") : QStringLiteral("sha256");
}

std::optional<HashAlgorithm> hashAlgorithmFromName(QStringView name)
{
    if (name.compare(QLatin1String("sha256"), Qt::CaseInsensitive) == 0)
        return HashAlgorithm::Sha256;
    if (name.compare(QLatin1String("sm3"), Qt::CaseInsensitive) == 0)
        return HashAlgorithm::Sm3;
    return std::nullopt;
}

Hasher::Hasher(HashAlgorithm algorithm)
    : m_algorithm(algorithm)
{
    if (!digest(algorithm))
        return;
    m_context = EVP_MD_CTX_new();
    if (m_context && EVP_DigestInit_ex2(m_context, digest(algorithm), nullptr) != 1) {
        EVP_MD_CTX_free(m_context);
        m_context = nullptr;
    }
}

Hasher::~Hasher()
{
    EVP_MD_CTX_free(m_context);
}

bool Hasher::isAvailable(HashAlgorithm algorithm)
{
    return digest(algorithm) != nullptr;
}

void Hasher::addData(QByteArrayView data)
{
    if (m_context && !data.isEmpty())
        EVP_DigestUpdate(m_context, data.data(), std::size_t(data.size()));
}

bool Hasher::addData(QIODevice *device)
{
    if (!device || !device->isReadable())
        return false;
    char buffer[64 * 1024];
    for (;;) {
        const qint64 n = device->read(buffer, sizeof buffer);
        if (n < 0)
            return false;
        if (n == 0)
            return device->atEnd();
        addData(QByteArrayView(buffer, n));
    }
}

QByteArray Hasher::result()
{
    if (!m_context)
        return {};
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_context, reinterpret_cast<unsigned char *>(out.data()), &size);
    out.resize(qsizetype(size));
    reset();
    return out;
}

void Hasher::reset()
{
    if (m_context)
        EVP_DigestInit_ex2(m_context, digest(m_algorithm), nullptr);
}

QByteArray Hasher::hash(QByteArrayView data, HashAlgorithm algorithm)
{
    Hasher hasher(algorithm);
    hasher.addData(data);
    return hasher.result();
}

QString Hasher::hashHex(QByteArrayView data, HashAlgorithm algorithm)
{
    return QString::fromLatin1(hash(data, algorithm).toHex());
}

} // namespace ow::core
