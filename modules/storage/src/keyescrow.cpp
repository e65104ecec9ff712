// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/keyescrow.h"

#include "ow/storage/atomicfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace ow::storage {

namespace {

const QString formatName = QStringLiteral("onewindow-key-escrow");

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

QString KeyEscrow::fileName()
{
    return QStringLiteral("onewindow.db.escrow");
}

KeyEscrow::KeyEscrow(const QString &storeId, const RecoveryPublicKey &recoveryKey)
    : m_storeId(storeId)
    , m_recoveryKey(recoveryKey)
{ }

bool KeyEscrow::contains(const QString &keyId) const
{
    return std::any_of(m_keys.cbegin(), m_keys.cend(), [&](const WrappedKey &k) { return k.keyId == keyId; });
}

bool KeyEscrow::add(const SecretKey &key, QString *error)
{
    WrappedKey entry;
    entry.wrapped = m_recoveryKey.wrap(key, error);
    if (entry.wrapped.isEmpty())
        return false;
    entry.keyId = key.id();
    entry.algorithm = m_recoveryKey.algorithm();
    entry.fingerprint = m_recoveryKey.fingerprint();
    entry.createdAt = QDateTime::currentDateTimeUtc();
    remove(entry.keyId);
    m_keys.append(entry);
    return true;
}

void KeyEscrow::remove(const QString &keyId)
{
    m_keys.removeIf([&](const WrappedKey &k) { return k.keyId == keyId; });
}

bool KeyEscrow::keepOnly(const QString &keyId)
{
    if (!contains(keyId))
        return false;
    m_keys.removeIf([&](const WrappedKey &k) { return k.keyId != keyId; });
    return true;
}

QByteArray KeyEscrow::toJson() const
{
    QJsonArray keys;
    for (const WrappedKey &key : m_keys) {
        keys.append(QJsonObject {
            {QStringLiteral("keyId"), key.keyId},
            {QStringLiteral("algorithm"), key.algorithm},
            {QStringLiteral("recoveryKeyFingerprint"), key.fingerprint},
            {QStringLiteral("ciphertext"), QString::fromLatin1(key.wrapped.toBase64())},
            {QStringLiteral("createdAt"), isoTime(key.createdAt)},
        });
    }
    const QJsonObject root {
        {QStringLiteral("format"), formatName},
        {QStringLiteral("version"), formatVersion},
        {QStringLiteral("storeId"), m_storeId},
        {QStringLiteral("algorithm"), m_recoveryKey.algorithm()},
        {QStringLiteral("recoveryKeyFingerprint"), m_recoveryKey.fingerprint()},
        {QStringLiteral("recoveryPublicKey"), QString::fromLatin1(m_recoveryKey.toPem())},
        {QStringLiteral("keys"), keys},
        {QStringLiteral("comment"),
         QStringLiteral("The store key, wrapped with the centre's recovery public key. Useless without the "
                        "recovery private key; restore with onewindow-admin recover.")},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool KeyEscrow::fromJson(const QByteArray &json, KeyEscrow *escrow, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError
        || root.value(QStringLiteral("format")).toString() != formatName) {
        *error = QStringLiteral("not a OneWindow key escrow file");
        return false;
    }
    if (root.value(QStringLiteral("version")).toInt() > formatVersion) {
        *error = QStringLiteral("escrow format %1 is newer than this version understands")
                     .arg(root.value(QStringLiteral("version")).toInt());
        return false;
    }
    KeyEscrow result;
    result.m_storeId = root.value(QStringLiteral("storeId")).toString();
    const QByteArray pem = root.value(QStringLiteral("recoveryPublicKey")).toString().toLatin1();
    result.m_recoveryKey = RecoveryPublicKey::fromPem(pem, error);
    if (result.m_recoveryKey.isNull())
        return false;
    const QJsonArray keys = root.value(QStringLiteral("keys")).toArray();
    for (const QJsonValue &value : keys) {
        const QJsonObject object = value.toObject();
        WrappedKey key;
        key.keyId = object.value(QStringLiteral("keyId")).toString();
        key.algorithm = object.value(QStringLiteral("algorithm")).toString();
        key.fingerprint = object.value(QStringLiteral("recoveryKeyFingerprint")).toString();
        key.wrapped
            = QByteArray::fromBase64(object.value(QStringLiteral("ciphertext")).toString().toLatin1());
        key.createdAt
            = QDateTime::fromString(object.value(QStringLiteral("createdAt")).toString(), Qt::ISODate);
        if (key.keyId.isEmpty() || key.wrapped.isEmpty()) {
            *error = QStringLiteral("the escrow file has a malformed key entry");
            return false;
        }
        result.m_keys.append(key);
    }
    *escrow = result;
    return true;
}

bool KeyEscrow::save(const QString &path, QString *error) const
{
    return writeFileAtomically(path, toJson(), error);
}

bool KeyEscrow::load(const QString &path, KeyEscrow *escrow, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    return fromJson(file.readAll(), escrow, error);
}

} // namespace ow::storage
