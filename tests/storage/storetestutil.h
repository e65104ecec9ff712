// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/storage/recoverykey.h>

#include <QDir>
#include <QFile>
#include <QMap>
#include <QString>

// Small helpers shared by the key tests.
namespace ow::test {

// Every file of a directory with its bytes: equal snapshots mean "untouched".
inline QMap<QString, QByteArray> snapshot(const QString &directory)
{
    QMap<QString, QByteArray> files;
    const QDir dir(directory);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files.insert(name, file.readAll());
    }
    return files;
}

// One recovery key pair per process and type: RSA-3072 generation takes a while.
inline const storage::RecoveryKeyPair &recoveryKeyPair(storage::RecoveryKeyType type)
{
    static storage::RecoveryKeyPair pairs[2];
    storage::RecoveryKeyPair &pair = pairs[type == storage::RecoveryKeyType::Sm2 ? 1 : 0];
    if (pair.publicKeyPem.isEmpty()) {
        QString error;
        if (!storage::generateRecoveryKeyPair(type, &pair, &error))
            qFatal("cannot generate a recovery key: %s", qPrintable(error));
    }
    return pair;
}

} // namespace ow::test
