// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/storage/store.h>

#include <QString>
#include <QStringList>

#include <memory>

namespace ow::ui {

// Opens the workstation's encrypted store in its data directory, creating it
// on first use with its key escrowed for the centre's recovery key. Every
// failure is a translated message for the user; nothing is ever created over
// an existing store, and there is no unencrypted fallback.
class OW_UI_EXPORT StoreOpener
{
public:
    struct Result
    {
        std::unique_ptr<storage::Store> store;
        bool created = false;
        QString error;
        QStringList notices;
    };

    // `recoveryPublicKeyFile` empty: the centre's default (/etc/onewindow/recovery.pub).
    static Result openOrCreate(const QString &dataDir, const QString &recoveryPublicKeyFile);
};

} // namespace ow::ui
