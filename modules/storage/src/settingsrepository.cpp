// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/settingsrepository.h"

#include "repositoryutil_p.h"
#include "rowmapping_p.h"

#include <optional>

namespace ow::storage {

using Internal::Access;

namespace {

std::optional<QString> lookup(Internal::StatementCache *statements, const QString &key, QString *error)
{
    QSqlQuery *query = statements->get(QStringLiteral("SELECT value FROM settings WHERE key = ?"), error);
    if (!query)
        return std::nullopt;
    query->addBindValue(key);
    if (!statements->exec(query, Access::Read, error))
        return std::nullopt;
    std::optional<QString> value;
    if (query->next())
        value = query->value(0).toString();
    query->finish();
    return value;
}

} // namespace

SettingsRepository::SettingsRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

SettingsRepository::~SettingsRepository() = default;

QString SettingsRepository::value(const QString &key, const QString &defaultValue) const
{
    m_lastError.clear();
    return lookup(m_statements.get(), key, &m_lastError).value_or(defaultValue);
}

bool SettingsRepository::contains(const QString &key) const
{
    m_lastError.clear();
    return lookup(m_statements.get(), key, &m_lastError).has_value();
}

bool SettingsRepository::setValue(const QString &key, const QString &value)
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                            &m_lastError);
    if (!query)
        return false;
    query->addBindValue(key);
    query->addBindValue(Internal::nonNull(value));
    return m_statements->exec(query, Access::Write, &m_lastError);
}

bool SettingsRepository::remove(const QString &key)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(QStringLiteral("DELETE FROM settings WHERE key = ?"), &m_lastError);
    if (!query)
        return false;
    query->addBindValue(key);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

} // namespace ow::storage
