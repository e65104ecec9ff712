// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/keychain.h"

#include <QString>

namespace ow::storage::Internal {

// Looks at the session bus and the Secret Service directly, to tell apart
// states that QtKeychain reports alike: a locked keyring and a missing entry
// both come back from a read as "Entry not found".
class KeychainProbe
{
public:
    // QtKeychain's own choice of backend, repeated here because it does not
    // expose it. Cached for the process, as QtKeychain caches it.
    static KeychainBackend backend();

    // A failure to report before talking to the keychain at all (no session
    // bus, no secret service); None when the keychain can be asked.
    static KeychainResult preflight(const KeychainBackend &backend);

    // Why a read of `entry` said "not found": EntryMissing only when the
    // Secret Service is reachable, its default collection is unlocked and no
    // item (locked or not) matches.
    static KeychainResult explainNotFound(const KeychainBackend &backend, const QString &service,
                                          const QString &entry, const QString &detail);

    // Maps a QtKeychain error code and text to our error kinds.
    static KeychainResult classify(int qtKeychainError, const QString &text);
};

} // namespace ow::storage::Internal
