// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "storemessages.h"

#include "ow/storage/database.h"
#include "ow/storage/keyvault.h"
#include "ow/storage/secretkey.h"
#include "ow/storage/store.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ow::storage::Internal {

QString newConnectionName(const QString &storeId);
StoreError storeError(DatabaseError error);
// The database file and the files SQLite keeps beside it.
QStringList databaseFiles(const QString &databasePath);
// Reads store.json and checks that the database file is there.
StoreStatus loadManifest(StoreAction action, const QString &directory, StoreManifest *manifest);
QString escrowPath(const QString &directory, const StoreManifest &manifest);

// Opens a store's database with its key from the keychain: the current slot,
// then, if that key does not fit, the pending one of an interrupted rotation.
// Never makes a key. Closes the connection when destroyed unless finish()
// handed it over.
class KeyOpening
{
public:
    KeyOpening(const QString &directory, const StoreManifest &manifest, const QString &connectionName);
    ~KeyOpening();
    KeyOpening(const KeyOpening &) = delete;
    KeyOpening &operator=(const KeyOpening &) = delete;

    StoreStatus open(StoreAction action);
    QSqlDatabase database() const;
    void close();

    // After open(): finishes or drops an interrupted rotation, trims the escrow
    // to the key that opened the database, and records a changed keychain
    // backend in `manifest` (and store.json). Returns translated notices.
    QStringList finish(StoreManifest *manifest);

private:
    QString m_directory;
    StoreManifest m_manifest;
    QString m_connectionName;
    KeyVault m_vault;
    SecretKey m_key;
    bool m_fromPending = false;
    bool m_open = false;
};

} // namespace ow::storage::Internal
