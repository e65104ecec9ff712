// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/credentialrepository.h"

#include "repositoryutil_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

CredentialRepository::CredentialRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

CredentialRepository::~CredentialRepository() = default;

bool CredentialRepository::put(const CachedCredential &credential)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral(
            "INSERT INTO cached_credentials (user_name, user_json, password_hash, cached_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (user_name) DO UPDATE SET user_json = excluded.user_json, "
            "password_hash = excluded.password_hash, cached_at = excluded.cached_at"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(credential.userName);
    query->addBindValue(credential.userJson.isEmpty() ? QStringLiteral("{}") : credential.userJson);
    query->addBindValue(credential.passwordHash);
    query->addBindValue(credential.cachedAt.isValid() ? Internal::dateTimeText(credential.cachedAt)
                                                      : Internal::nowText());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

std::optional<CachedCredential> CredentialRepository::find(const QString &userName) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT user_name, user_json, password_hash, cached_at FROM cached_credentials "
                       "WHERE user_name = ?"),
        &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(userName);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<CachedCredential> found;
    if (query->next())
        found = CachedCredential {query->value(0).toString(), query->value(1).toString(),
                                  query->value(2).toString(), Internal::parseDateTime(query->value(3))};
    query->finish();
    return found;
}

bool CredentialRepository::remove(const QString &userName)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(QStringLiteral("DELETE FROM cached_credentials WHERE user_name = ?"),
                                         &m_lastError);
    if (!query)
        return false;
    query->addBindValue(userName);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

} // namespace ow::storage
