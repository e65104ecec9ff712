// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "storemessages.h"

#include "ow/storage/tr.h"

#include <QDir>

namespace ow::storage::Internal {

namespace {

// "Cannot <action> the store in <dir>: <reason>", as one string to translate,
// so that each language joins the two parts its own way.
QString sentence(StoreAction action, const QString &directory, const QString &reason)
{
    const QString dir = QDir::toNativeSeparators(directory);
    switch (action) {
    case StoreAction::Create:
        return Tr::tr("Cannot create the store in %1: %2").arg(dir, reason);
    case StoreAction::Open:
        return Tr::tr("Cannot open the store in %1: %2").arg(dir, reason);
    case StoreAction::Rekey:
        return Tr::tr("Cannot change the key of the store in %1: %2").arg(dir, reason);
    case StoreAction::Recover:
        return Tr::tr("Cannot recover the store in %1: %2").arg(dir, reason);
    }
    return reason;
}

QString recoverHint(const QString &directory)
{
    return Tr::tr("Restore the key with: onewindow-admin recover --data-dir %1 --recovery-key FILE")
        .arg(QDir::toNativeSeparators(directory));
}

QString withDetail(const QString &text, const QString &detail)
{
    return detail.isEmpty() ? text : Tr::tr("%1 (Details: %2)").arg(text, detail);
}

QString reason(StoreError error, const QString &directory)
{
    const QString dir = QDir::toNativeSeparators(directory);
    switch (error) {
    case StoreError::None:
        return {};
    case StoreError::NotFound:
        return Tr::tr("there is no store there. Create one with: onewindow-admin init --data-dir %1")
            .arg(dir);
    case StoreError::AlreadyExists:
        return Tr::tr("a store (or part of one) is already there; nothing was changed. To start over, move "
                      "that directory away first.");
    case StoreError::NoSecretService:
        return Tr::tr("there is no keychain service (Secret Service) in this session, so the key cannot be "
                      "read or stored. Log in to the desktop session (GNOME Keyring or KWallet must be "
                      "running), then try again.");
    case StoreError::KeychainLocked:
        return Tr::tr("the keyring that holds the key is locked. Unlock the keyring (log in to the desktop, "
                      "or unlock the \"Login\" keyring in Passwords and Keys), then try again.");
    case StoreError::AccessDenied:
        return Tr::tr("access to the keyring was denied. Allow OneWindow to use the keyring (or ask the "
                      "administrator to lift the restriction), then try again.");
    case StoreError::KeyMissing:
        return Tr::tr("the keyring holds no key for this store; it may have been reset. The database is "
                      "untouched. %1")
            .arg(recoverHint(directory));
    case StoreError::KeychainTimeout:
        return Tr::tr("the keyring did not answer in time. If an unlock prompt is open, answer it; then try "
                      "again.");
    case StoreError::KeychainFailed:
        return Tr::tr("the keyring reported an error.");
    case StoreError::WrongKey:
        return Tr::tr("the key in the keyring does not open the database (the keyring entry was replaced, "
                      "or the database came from another computer). The database is untouched. %1")
            .arg(recoverHint(directory));
    case StoreError::TooNew:
        return Tr::tr("it was made by a newer version of OneWindow. Install that version or a newer one to "
                      "open it.");
    case StoreError::Corrupt:
        return Tr::tr("its files are damaged or incomplete. Restore the directory from a backup.");
    case StoreError::NoRecoveryKey:
        return Tr::tr("no recovery public key was given. Pass --recovery-public-key FILE (the centre's "
                      "recovery key) or put it at %1; or pass --no-escrow explicitly: without an escrowed "
                      "key, a reset keyring loses every case not yet synced.")
            .arg(Store::defaultRecoveryPublicKeyPath());
    case StoreError::InvalidRecoveryKey:
        return Tr::tr("the recovery key is not a usable RSA (2048 bits or more) or SM2 key.");
    case StoreError::NoEscrow:
        return Tr::tr("the store has no key escrow, so a recovery key cannot restore it.");
    case StoreError::RecoveryFailed:
        return Tr::tr("no escrowed key could be unwrapped with this recovery key and open the database. "
                      "Check that it is the centre's recovery key for this store.");
    case StoreError::Io:
        return Tr::tr("a file could not be read or written.");
    case StoreError::Other:
        return Tr::tr("an unexpected error occurred.");
    }
    return {};
}

} // namespace

StoreStatus StoreMessages::failure(StoreAction action, StoreError error, const QString &directory,
                                   const QString &detail)
{
    return {error, withDetail(sentence(action, directory, reason(error, directory)), detail)};
}

StoreError StoreMessages::storeError(KeychainError error)
{
    switch (error) {
    case KeychainError::None:
        return StoreError::None;
    case KeychainError::NoSecretService:
        return StoreError::NoSecretService;
    case KeychainError::Locked:
        return StoreError::KeychainLocked;
    case KeychainError::AccessDenied:
        return StoreError::AccessDenied;
    case KeychainError::EntryMissing:
        return StoreError::KeyMissing;
    case KeychainError::Timeout:
        return StoreError::KeychainTimeout;
    case KeychainError::Other:
        break;
    }
    return StoreError::KeychainFailed;
}

StoreStatus StoreMessages::keychainFailure(StoreAction action, const KeychainResult &result,
                                           const QString &directory, const QString &entry,
                                           const KeychainBackend &recorded, const KeychainBackend &current)
{
    StoreStatus status = failure(action, storeError(result.error), directory, result.detail);
    if (result.error == KeychainError::EntryMissing)
        status.message += QLatin1Char(' ')
            + Tr::tr("Keychain entry: \"%1\" of service \"%2\".").arg(entry, Keychain::defaultService());
    if (!recorded.isEmpty() && recorded.name != current.name)
        status.message += QLatin1Char(' ') + backendChanged(directory, recorded, current);
    return status;
}

QString StoreMessages::backendChanged(const QString &directory, const KeychainBackend &recorded,
                                      const KeychainBackend &current)
{
    return Tr::tr("The key of the store in %1 was kept in the keychain backend %2, but this session uses %3. "
                  "A key kept by one backend is not visible through another: log in to the desktop the "
                  "store was set up with, or recover the key.")
        .arg(QDir::toNativeSeparators(directory), recorded.toString(), current.toString());
}

QString StoreMessages::backendSwitched(const QString &directory, const KeychainBackend &recorded,
                                       const KeychainBackend &current)
{
    return Tr::tr("The key of the store in %1 was kept in the keychain backend %2; this session uses %3, "
                  "which holds it too. The store now records %3.")
        .arg(QDir::toNativeSeparators(directory), recorded.toString(), current.toString());
}

QString StoreMessages::rotationFinished(const QString &directory)
{
    return Tr::tr("An interrupted key change of the store in %1 was finished.")
        .arg(QDir::toNativeSeparators(directory));
}

QString StoreMessages::rotationRolledBack(const QString &directory)
{
    return Tr::tr("An interrupted key change of the store in %1 had not reached the database; the store "
                  "keeps its current key.")
        .arg(QDir::toNativeSeparators(directory));
}

QString StoreMessages::rotationNotPromoted(const QString &directory, const QString &detail)
{
    return withDetail(Tr::tr("The store in %1 has its new key, but the keychain could not be updated yet; "
                             "this is finished the next time the store is opened.")
                          .arg(QDir::toNativeSeparators(directory)),
                      detail);
}

QString StoreMessages::escrowLacksKey(const QString &directory)
{
    return Tr::tr("The key escrow of the store in %1 does not hold its current key: a lost keyring could "
                  "not be recovered. Run onewindow-admin rekey --data-dir %1 to escrow a new key.")
        .arg(QDir::toNativeSeparators(directory));
}

QString StoreMessages::escrowNotUpdated(const QString &directory, const QString &detail)
{
    return withDetail(Tr::tr("The key escrow of the store in %1 could not be updated.")
                          .arg(QDir::toNativeSeparators(directory)),
                      detail);
}

QString StoreMessages::manifestNotUpdated(const QString &directory, const QString &detail)
{
    return withDetail(Tr::tr("The description of the store in %1 (store.json) could not be updated.")
                          .arg(QDir::toNativeSeparators(directory)),
                      detail);
}

QString StoreMessages::noEscrow(const QString &directory)
{
    return Tr::tr("The store in %1 has no key escrow: if its keyring is lost, so are the cases not yet "
                  "synced.")
        .arg(QDir::toNativeSeparators(directory));
}

} // namespace ow::storage::Internal
