// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// Users' sign-ins as the server last confirmed them (their Argon2id hash and
// user record), so that they can sign in while the network is down. Failed
// calls set lastError().
class OW_STORAGE_EXPORT CredentialRepository
{
public:
    explicit CredentialRepository(const QSqlDatabase &db);
    ~CredentialRepository();
    CredentialRepository(const CredentialRepository &) = delete;
    CredentialRepository &operator=(const CredentialRepository &) = delete;

    // Inserts or replaces the user's entry.
    bool put(const CachedCredential &credential);
    std::optional<CachedCredential> find(const QString &userName) const;
    bool remove(const QString &userName);

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
