// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/storeopener.h"
#include "ow/ui/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ow::ui {

StoreOpener::Result StoreOpener::openOrCreate(const QString &dataDir, const QString &recoveryPublicKeyFile)
{
    Result result;
    storage::StoreStatus status;
    if (storage::Store::exists(dataDir)) {
        result.store = storage::Store::open(dataDir, &status);
    } else {
        const QString keyPath = recoveryPublicKeyFile.isEmpty() ? storage::Store::defaultRecoveryPublicKeyPath()
                                                                : recoveryPublicKeyFile;
        QFile keyFile(keyPath);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            result.error = Tr::tr("This workstation has no local store yet, and the centre's recovery key "
                                  "%1 cannot be read (%2). The store's key must be escrowed for the "
                                  "centre so that a reset keyring never loses unsynced cases: ask the "
                                  "centre's IT to install the recovery public key, or start OneWindow "
                                  "with --recovery-public-key FILE.")
                               .arg(QDir::toNativeSeparators(keyPath), keyFile.errorString());
            return result;
        }
        if (!QDir().mkpath(dataDir)) {
            result.error = Tr::tr("Cannot create the data folder %1.").arg(QDir::toNativeSeparators(dataDir));
            return result;
        }
        storage::StoreCreateOptions options;
        options.recoveryPublicKeyPem = keyFile.readAll();
        result.store = storage::Store::create(dataDir, options, &status);
        result.created = result.store != nullptr;
    }
    if (!result.store) {
        result.error = status.message;
        return result;
    }
    result.notices = result.store->notices();
    return result;
}

} // namespace ow::ui
