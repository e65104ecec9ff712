// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QByteArray>
#include <QString>

#include <chrono>

namespace ow::storage {

// What went wrong with the OS keychain, told apart so that the user can be
// told what to do: start a secret service, unlock it, allow access, or restore
// a lost key. Never read a failure as "no key yet".
enum class KeychainError {
    None,
    NoSecretService, // no session bus, or nothing provides the keychain service on it
    Locked, // the keyring is locked or has no default collection yet
    AccessDenied, // the user or a policy refused access
    EntryMissing, // the keychain works and is unlocked, but holds no such entry
    Timeout, // no answer in time (often an unlock prompt nobody answers)
    Other
};

struct KeychainResult
{
    KeychainError error = KeychainError::None;
    // The keychain's own text (untranslated, never contains the secret).
    QString detail;

    bool ok() const { return error == KeychainError::None; }
};

// Which QtKeychain backend is in use, and which process serves it. QtKeychain
// picks its backend from the desktop environment, so the same user can get a
// different one after switching desktop; a key written through one is not
// found through another, so the store records this and reports a change.
struct OW_STORAGE_EXPORT KeychainBackend
{
    QString name; // "libsecret", "gnome-keyring", "kwallet5", "kwallet6", "kwallet4"
    QString provider; // e.g. "gnome-keyring-daemon", "kwalletd5"; empty if not running/unknown

    bool isEmpty() const { return name.isEmpty(); }
    QString toString() const; // "libsecret (gnome-keyring-daemon)"
    bool operator==(const KeychainBackend &other) const = default;
};

// Synchronous access to the OS keychain through QtKeychain, one entry per key.
// Runs a local event loop until the job finishes or the timeout passes. The
// plain-text fallback of QtKeychain is never enabled.
class OW_STORAGE_EXPORT Keychain
{
public:
    static QString defaultService(); // "OneWindow"

    explicit Keychain(const QString &service = defaultService(),
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

    QString service() const { return m_service; }

    KeychainResult read(const QString &entry, QByteArray *secret) const;
    KeychainResult write(const QString &entry, const QByteArray &secret) const;
    // Removing an entry that does not exist succeeds.
    KeychainResult remove(const QString &entry) const;

    // The backend QtKeychain will use in this process, found the way
    // QtKeychain finds it (desktop environment, then D-Bus names).
    static KeychainBackend detectBackend();

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace ow::storage
