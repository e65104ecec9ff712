// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/synctypes.h"

#include "ow/sync/tr.h"

#include <ow/storage/database.h>
#include <ow/storage/keyvault.h>
#include <ow/storage/secretkey.h>
#include <ow/storage/storemanifest.h>

#include <QDir>

#include <atomic>

namespace ow::sync {

StoreConnection::~StoreConnection() = default;

namespace {

class FileConnection : public StoreConnection
{
public:
    explicit FileConnection(const QString &name)
        : m_name(name)
    { }
    ~FileConnection() override { storage::Database::close(m_name); }
    QSqlDatabase database() const override { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

} // namespace

// QtKeychain jobs must run in the thread its job executor lives in (the
// application's), so the key is read here, in the caller's thread, and the
// engine's thread only opens the database file with it.
StoreConnectionFactory storeDirectoryConnection(const QString &directory)
{
    const QString dirPath = QDir(directory).absolutePath();
    storage::StoreManifest manifest;
    QString error;
    if (!storage::StoreManifest::load(dirPath, &manifest, &error)) {
        const QString message = Tr::tr("The store in %1 cannot be opened for sync: %2")
                                    .arg(QDir::toNativeSeparators(dirPath), error);
        return [message](QString *failure) -> std::unique_ptr<StoreConnection> {
            *failure = message;
            return nullptr;
        };
    }
    auto key = std::make_shared<storage::SecretKey>();
    const storage::KeychainResult read
        = storage::KeyVault(manifest.storeId, storage::Keychain(manifest.keychainService))
              .read(storage::KeySlot::Current, key.get());
    if (!read.ok() || !key->isValid()) {
        const QString message
            = Tr::tr("The key of the store in %1 cannot be read from the keychain for sync: %2")
                  .arg(QDir::toNativeSeparators(dirPath), read.detail);
        return [message](QString *failure) -> std::unique_ptr<StoreConnection> {
            *failure = message;
            return nullptr;
        };
    }
    const QString path = QDir(dirPath).filePath(manifest.databaseFile);
    return [path, key](QString *failure) -> std::unique_ptr<StoreConnection> {
        return databaseFileConnection(path, key->bytes())(failure);
    };
}

StoreConnectionFactory databaseFileConnection(const QString &path, const QByteArray &rawKey)
{
    return [path, rawKey](QString *error) -> std::unique_ptr<StoreConnection> {
        static std::atomic<int> counter {0};
        const QString name = QStringLiteral("ow-sync-%1").arg(++counter);
        storage::Database::OpenResult opened
            = storage::Database::open(path, rawKey, name, storage::Database::Mode::OpenExisting);
        if (!opened.ok()) {
            *error = opened.message;
            opened.db = QSqlDatabase();
            storage::Database::close(name);
            return nullptr;
        }
        opened.db = QSqlDatabase();
        return std::make_unique<FileConnection>(name);
    };
}

} // namespace ow::sync
