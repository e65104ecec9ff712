// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/treehead.h"

#include "ow/sync/tr.h"

#include <ow/core/merkletree.h>

#include <QRegularExpression>
#include <QStringList>

#include <sodium.h>

namespace ow::sync {

namespace {

bool isHex64(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{64}$"));
    return pattern.match(text).hasMatch();
}

} // namespace

std::optional<TreeHead> TreeHead::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QJsonValue size = json.value(QStringLiteral("size"));
    TreeHead head;
    head.size = qint64(size.toDouble(-1));
    head.rootHash = json.value(QStringLiteral("rootHash")).toString();
    head.timestamp = json.value(QStringLiteral("timestamp")).toString();
    head.signature = json.value(QStringLiteral("signature")).toString();
    if (!size.isDouble() || head.size < 0 || double(head.size) != size.toDouble())
        return fail(Tr::tr("The server's tree head has no valid size."));
    if (!isHex64(head.rootHash))
        return fail(Tr::tr("The server's tree head has no valid root hash."));
    if (head.timestamp.isEmpty() || head.signature.isEmpty())
        return fail(Tr::tr("The server's tree head is not signed."));
    return head;
}

QJsonObject TreeHead::toJson() const
{
    return {{QStringLiteral("size"), double(size)},
            {QStringLiteral("rootHash"), rootHash},
            {QStringLiteral("timestamp"), timestamp},
            {QStringLiteral("signature"), signature}};
}

TreeHead TreeHead::fromRecord(const storage::TreeHeadRecord &record)
{
    return {record.size, record.rootHash, record.timestamp, record.signature};
}

storage::TreeHeadRecord TreeHead::toRecord() const
{
    storage::TreeHeadRecord record;
    record.size = size;
    record.rootHash = rootHash;
    record.timestamp = timestamp;
    record.signature = signature;
    return record;
}

QByteArray TreeHead::signedMessage() const
{
    return QByteArrayLiteral("onewindow-tree-head-v1\n") + QByteArray::number(size) + '\n'
        + rootHash.toLatin1() + '\n' + timestamp.toUtf8();
}

bool TreeHeadVerifier::verifySignature(const TreeHead &head, const QString &publicKeyBase64, QString *error)
{
    static const bool initialised = sodium_init() >= 0;
    const QByteArray key = QByteArray::fromBase64(publicKeyBase64.toLatin1());
    const QByteArray signature = QByteArray::fromBase64(head.signature.toLatin1());
    if (!initialised || key.size() != crypto_sign_PUBLICKEYBYTES) {
        *error = Tr::tr("The central server's log key is not a valid Ed25519 public key.");
        return false;
    }
    const QByteArray message = head.signedMessage();
    if (signature.size() != crypto_sign_BYTES
        || crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       quint64(message.size()),
                                       reinterpret_cast<const unsigned char *>(key.constData()))
            != 0) {
        *error = Tr::tr("The signature of the server's tree head (size %1) does not match the server's log "
                        "key pinned at the first sync.")
                     .arg(head.size);
        return false;
    }
    return true;
}

bool TreeHeadVerifier::verifyConsistency(const TreeHead &last, const TreeHead &next,
                                         const QStringList &proofHex, QString *error)
{
    if (next.size < last.size || (next.size == last.size && next.rootHash != last.rootHash)) {
        *error = Tr::tr("The server's log shrank or changed: the last verified tree had %1 events with root "
                        "%2, the server now shows %3 events with root %4.")
                     .arg(last.size)
                     .arg(last.rootHash)
                     .arg(next.size)
                     .arg(next.rootHash);
        return false;
    }
    QList<QByteArray> proof;
    for (const QString &hex : proofHex) {
        if (!isHex64(hex)) {
            *error = Tr::tr("The server's consistency proof is malformed.");
            return false;
        }
        proof.append(QByteArray::fromHex(hex.toLatin1()));
    }
    if (!core::MerkleTree::verifyConsistency(quint64(last.size), quint64(next.size),
                                             QByteArray::fromHex(last.rootHash.toLatin1()),
                                             QByteArray::fromHex(next.rootHash.toLatin1()), proof)) {
        *error = Tr::tr("The server's log of %1 events does not extend the log of %2 events verified "
                        "before: the consistency proof fails.")
                     .arg(next.size)
                     .arg(last.size);
        return false;
    }
    return true;
}

} // namespace ow::sync
