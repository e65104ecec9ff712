// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"

#include <ow/storage/records.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ow::sync {

// A signed tree head of the server's log (docs/sync-api.md, "The server's
// log"). The workstation keeps the last one it verified and accepts a new
// one only when its Ed25519 signature checks with the key pinned at the
// first sync and a consistency proof shows it extends the last one.
struct OW_SYNC_EXPORT TreeHead
{
    qint64 size = 0;
    QString rootHash; // lower-case hex
    QString timestamp; // RFC 3339, exactly as signed
    QString signature; // base64

    static std::optional<TreeHead> fromJson(const QJsonObject &json, QString *error = nullptr);
    QJsonObject toJson() const;
    static TreeHead fromRecord(const storage::TreeHeadRecord &record);
    storage::TreeHeadRecord toRecord() const;
    // 'onewindow-tree-head-v1\n' + size + '\n' + rootHash + '\n' + timestamp
    QByteArray signedMessage() const;
    friend bool operator==(const TreeHead &a, const TreeHead &b)
    {
        return a.size == b.size && a.rootHash == b.rootHash && a.timestamp == b.timestamp
            && a.signature == b.signature;
    }
};

class OW_SYNC_EXPORT TreeHeadVerifier
{
public:
    // Checks the signature with a base64 Ed25519 public key.
    static bool verifySignature(const TreeHead &head, const QString &publicKeyBase64, QString *error);
    // Whether `next` extends `last`, given the server's consistency proof
    // (hex hashes) from last.size to next.size. A smaller tree, or the same
    // size with another root, is a rewritten history whatever the proof.
    static bool verifyConsistency(const TreeHead &last, const TreeHead &next, const QStringList &proofHex,
                                  QString *error);
};

} // namespace ow::sync
