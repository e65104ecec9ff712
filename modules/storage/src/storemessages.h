// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/keychain.h"
#include "ow/storage/store.h"

#include <QString>

namespace ow::storage::Internal {

// What the user was doing when a store operation failed; starts the message.
enum class StoreAction { Create, Open, Rekey, Recover };

// The translated texts of Store's failures and notices, in one place so that
// each names the store and says what to do the same way.
class StoreMessages
{
public:
    static StoreStatus failure(StoreAction action, StoreError error, const QString &directory,
                               const QString &detail = {});
    // A keychain failure, with the hint that the backend changed when it did.
    static StoreStatus keychainFailure(StoreAction action, const KeychainResult &result,
                                       const QString &directory, const QString &entry,
                                       const KeychainBackend &recorded, const KeychainBackend &current);
    static StoreError storeError(KeychainError error);

    static QString backendChanged(const QString &directory, const KeychainBackend &recorded,
                                  const KeychainBackend &current);
    // The key was found through another backend than the recorded one.
    static QString backendSwitched(const QString &directory, const KeychainBackend &recorded,
                                   const KeychainBackend &current);
    static QString rotationFinished(const QString &directory);
    static QString rotationRolledBack(const QString &directory);
    static QString rotationNotPromoted(const QString &directory, const QString &detail);
    static QString escrowLacksKey(const QString &directory);
    static QString escrowNotUpdated(const QString &directory, const QString &detail);
    static QString manifestNotUpdated(const QString &directory, const QString &detail);
    static QString noEscrow(const QString &directory);
};

} // namespace ow::storage::Internal
