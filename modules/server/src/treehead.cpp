// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "treehead.h"

#include "ow/server/tr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>

#include <sodium.h>
#include <unistd.h>

namespace ow::server::Internal {

namespace {

const char kKeyFileName[] = "log-signing.key";

std::unique_ptr<LogSigner> &installedSigner()
{
    static std::unique_ptr<LogSigner> signer;
    return signer;
}

QByteArray readSeed(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("Cannot read the log signing key %1: %2").arg(path, file.errorString());
        return {};
    }
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        *error = Tr::tr("The log signing key %1 is readable by other users; run chmod 600 on it.").arg(path);
        return {};
    }
    const QByteArray seed = QByteArray::fromHex(file.readAll().trimmed());
    if (seed.size() != crypto_sign_SEEDBYTES) {
        *error = Tr::tr("The log signing key %1 is not 64 hexadecimal digits.").arg(path);
        return {};
    }
    return seed;
}

// Written to a private temporary file and then hard-linked into place, so a
// second server starting at the same moment either wins the link or reads the
// complete key the first one linked; it never sees half a file.
bool createSeedFile(const QString &path, QString *error)
{
    QByteArray seed(crypto_sign_SEEDBYTES, Qt::Uninitialized);
    randombytes_buf(seed.data(), size_t(seed.size()));
    const QString temporary = path + QStringLiteral(".%1.tmp").arg(QCoreApplication::applicationPid());
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(seed.toHex() + '\n') < 0 || !file.flush() || ::fsync(file.handle()) != 0) {
        *error = Tr::tr("Cannot create the log signing key %1: %2").arg(path, file.errorString());
        file.remove();
        return false;
    }
    sodium_memzero(seed.data(), size_t(seed.size()));
    file.close();
    const int linked = ::link(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData());
    const int linkError = errno;
    QFile::remove(temporary);
    if (linked != 0 && linkError != EEXIST) {
        *error = Tr::tr("Cannot create the log signing key %1: %2")
                     .arg(path, QString::fromLocal8Bit(strerror(linkError)));
        return false;
    }
    return true;
}

} // namespace

QByteArray TreeHead::signedMessage(qint64 size, const QByteArray &rootHash, const QString &timestamp)
{
    return QByteArray("onewindow-tree-head-v1\n") + QByteArray::number(size) + '\n' + rootHash.toHex() + '\n'
        + timestamp.toUtf8();
}

QJsonObject TreeHead::toJson() const
{
    return {
        {QStringLiteral("size"), double(size)},
        {QStringLiteral("rootHash"), QString::fromLatin1(rootHash.toHex())},
        {QStringLiteral("timestamp"), timestamp},
        {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())},
    };
}

LogSigner::~LogSigner()
{
    if (!m_secretKey.isEmpty())
        sodium_memzero(m_secretKey.data(), size_t(m_secretKey.size()));
}

LogSigner::LogSigner(LogSigner &&other) noexcept
    : m_secretKey(std::move(other.m_secretKey))
    , m_publicKey(std::move(other.m_publicKey))
{ }

std::optional<LogSigner> LogSigner::loadOrCreate(const QString &dataDir, QString *error)
{
    if (sodium_init() < 0) {
        *error = Tr::tr("The cryptography library (libsodium) could not be initialised.");
        return std::nullopt;
    }
    if (!QDir().mkpath(dataDir)) {
        *error = Tr::tr("Cannot create the data directory %1.").arg(dataDir);
        return std::nullopt;
    }
    const QString path = QDir(dataDir).filePath(QLatin1String(kKeyFileName));
    if (!QFileInfo::exists(path) && !createSeedFile(path, error))
        return std::nullopt;
    QByteArray seed = readSeed(path, error);
    if (seed.isEmpty())
        return std::nullopt;

    LogSigner signer;
    signer.m_secretKey.resize(crypto_sign_SECRETKEYBYTES);
    signer.m_publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(signer.m_publicKey.data()),
                             reinterpret_cast<unsigned char *>(signer.m_secretKey.data()),
                             reinterpret_cast<const unsigned char *>(seed.constData()));
    sodium_memzero(seed.data(), size_t(seed.size()));
    return signer;
}

QByteArray LogSigner::sign(const QByteArray &message) const
{
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char *>(m_secretKey.constData()));
    return signature;
}

TreeHead LogSigner::signHead(qint64 size, const QByteArray &rootHash, const QString &timestamp) const
{
    TreeHead head;
    head.size = size;
    head.rootHash = rootHash;
    head.timestamp = timestamp;
    head.signature = sign(TreeHead::signedMessage(size, rootHash, timestamp));
    return head;
}

bool LogSigner::verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char *>(publicKey.constData()))
        == 0;
}

const LogSigner *logSigner()
{
    return installedSigner().get();
}

void installLogSigner(LogSigner signer)
{
    installedSigner() = std::make_unique<LogSigner>(std::move(signer));
}

QString logPublicKeyBase64()
{
    const LogSigner *signer = logSigner();
    return signer ? QString::fromLatin1(signer->publicKey().toBase64()) : QString();
}

} // namespace ow::server::Internal
