// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ow::server::Internal {

// A signed statement "the log had `size` leaves with this root at this time"
// (docs/sync-api.md, "The server's log").
struct TreeHead
{
    qint64 size = 0;
    QByteArray rootHash; // 32 bytes
    QString timestamp; // RFC 3339 UTC with milliseconds
    QByteArray signature; // Ed25519, 64 bytes

    // 'onewindow-tree-head-v1\n' + size + '\n' + rootHex + '\n' + timestamp
    static QByteArray signedMessage(qint64 size, const QByteArray &rootHash, const QString &timestamp);
    QJsonObject toJson() const;
};

// The log's Ed25519 key, kept as a 32-byte seed (hex) in log-signing.key in the
// data directory, created owner-only on first start. Server processes sharing
// one PostgreSQL share the data directory and so the key.
class LogSigner
{
public:
    ~LogSigner();
    LogSigner(const LogSigner &) = delete;
    LogSigner &operator=(const LogSigner &) = delete;
    LogSigner(LogSigner &&other) noexcept;

    static std::optional<LogSigner> loadOrCreate(const QString &dataDir, QString *error);

    QByteArray publicKey() const { return m_publicKey; }
    QByteArray sign(const QByteArray &message) const;
    TreeHead signHead(qint64 size, const QByteArray &rootHash, const QString &timestamp) const;

    static bool verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);

private:
    LogSigner() = default;
    QByteArray m_secretKey; // libsodium's 64-byte form: seed || public key
    QByteArray m_publicKey;
};

// The process's log signer, installed by prepareEventLog(); nullptr before.
const LogSigner *logSigner();
void installLogSigner(LogSigner signer);

// The log's public key (base64), as /session and /log/public-key give it;
// empty before prepareEventLog() ran.
QString logPublicKeyBase64();

} // namespace ow::server::Internal
