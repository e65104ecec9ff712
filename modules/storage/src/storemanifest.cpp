// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/storemanifest.h"

#include "ow/storage/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow::storage {

namespace {

const QString formatName = QStringLiteral("onewindow-store");

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

QString StoreManifest::fileName()
{
    return QStringLiteral("store.json");
}

QByteArray StoreManifest::toJson() const
{
    QJsonObject escrow {{QStringLiteral("enabled"), escrowEnabled}};
    if (escrowEnabled) {
        escrow.insert(QStringLiteral("file"), escrowFile);
        escrow.insert(QStringLiteral("algorithm"), escrowAlgorithm);
        escrow.insert(QStringLiteral("recoveryKeyFingerprint"), recoveryKeyFingerprint);
    }
    QJsonObject root {
        {QStringLiteral("format"), formatName},
        {QStringLiteral("formatVersion"), format},
        {QStringLiteral("storeId"), storeId},
        {QStringLiteral("database"), databaseFile},
        {QStringLiteral("createdAt"), isoTime(createdAt)},
        {QStringLiteral("keychain"),
         QJsonObject {
             {QStringLiteral("service"), keychainService},
             {QStringLiteral("backend"), keychainBackend.name},
             {QStringLiteral("provider"), keychainBackend.provider},
         }},
        {QStringLiteral("escrow"), escrow},
    };
    if (keyRotatedAt.isValid())
        root.insert(QStringLiteral("keyRotatedAt"), isoTime(keyRotatedAt));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool StoreManifest::fromJson(const QByteArray &json, StoreManifest *manifest, QString *error)
{
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError
        || root.value(QStringLiteral("format")).toString() != formatName) {
        *error = QStringLiteral("not a OneWindow store manifest");
        return false;
    }
    StoreManifest result;
    result.format = root.value(QStringLiteral("formatVersion")).toInt();
    result.storeId = root.value(QStringLiteral("storeId")).toString();
    result.databaseFile = root.value(QStringLiteral("database")).toString();
    result.createdAt = QDateTime::fromString(root.value(QStringLiteral("createdAt")).toString(), Qt::ISODate);
    result.keyRotatedAt
        = QDateTime::fromString(root.value(QStringLiteral("keyRotatedAt")).toString(), Qt::ISODate);
    const QJsonObject keychain = root.value(QStringLiteral("keychain")).toObject();
    result.keychainService = keychain.value(QStringLiteral("service")).toString();
    result.keychainBackend.name = keychain.value(QStringLiteral("backend")).toString();
    result.keychainBackend.provider = keychain.value(QStringLiteral("provider")).toString();
    const QJsonObject escrow = root.value(QStringLiteral("escrow")).toObject();
    result.escrowEnabled = escrow.value(QStringLiteral("enabled")).toBool();
    result.escrowFile = escrow.value(QStringLiteral("file")).toString();
    result.escrowAlgorithm = escrow.value(QStringLiteral("algorithm")).toString();
    result.recoveryKeyFingerprint = escrow.value(QStringLiteral("recoveryKeyFingerprint")).toString();
    // A newer format is reported by the caller; only what this version needs must be sane.
    if (result.format <= currentFormat
        && (result.storeId.isEmpty() || result.keychainService.isEmpty() || result.databaseFile.isEmpty()
            || result.databaseFile.contains(QLatin1Char('/'))
            || result.escrowFile.contains(QLatin1Char('/')))) {
        *error = QStringLiteral("the store manifest is incomplete");
        return false;
    }
    *manifest = result;
    return true;
}

bool StoreManifest::save(const QString &directory, QString *error) const
{
    return writeFileAtomically(QDir(directory).filePath(fileName()), toJson(), error);
}

bool StoreManifest::load(const QString &directory, StoreManifest *manifest, QString *error)
{
    QFile file(QDir(directory).filePath(fileName()));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    return fromJson(file.readAll(), manifest, error);
}

} // namespace ow::storage
