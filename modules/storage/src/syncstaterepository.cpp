// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/syncstaterepository.h"

#include "repositoryutil_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

SyncStateRepository::SyncStateRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

SyncStateRepository::~SyncStateRepository() = default;

QString SyncStateRepository::cursor(const QString &stream) const
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("SELECT cursor FROM sync_cursors WHERE stream = ?"), &m_lastError);
    if (!query)
        return {};
    query->addBindValue(stream);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return {};
    const QString value = query->next() ? query->value(0).toString() : QString();
    query->finish();
    return value;
}

bool SyncStateRepository::setCursor(const QString &stream, const QString &cursor)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, "
                       "updated_at = excluded.updated_at"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(stream);
    query->addBindValue(cursor);
    query->addBindValue(Internal::nowText());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

bool SyncStateRepository::addCatalogVersion(const CatalogVersionRecord &record)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO catalog_versions (version, imported_at, document) VALUES (?, ?, ?)"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(record.version);
    query->addBindValue(record.importedAt.isValid() ? Internal::dateTimeText(record.importedAt)
                                                    : Internal::nowText());
    query->addBindValue(record.document);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

std::optional<CatalogVersionRecord> SyncStateRepository::readCatalog(const QString &sql,
                                                                     const QString &argument) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(sql, &m_lastError);
    if (!query)
        return std::nullopt;
    if (!argument.isNull())
        query->addBindValue(argument);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<CatalogVersionRecord> record;
    if (query->next()) {
        record = CatalogVersionRecord {query->value(0).toString(), Internal::parseDateTime(query->value(1)),
                                       query->value(2).toString()};
    }
    query->finish();
    return record;
}

std::optional<CatalogVersionRecord> SyncStateRepository::catalogVersion(const QString &version) const
{
    return readCatalog(QStringLiteral("SELECT version, imported_at, document FROM catalog_versions "
                                      "WHERE version = ?"),
                       version.isNull() ? QStringLiteral("") : version);
}

std::optional<CatalogVersionRecord> SyncStateRepository::latestCatalogVersion() const
{
    return readCatalog(QStringLiteral("SELECT version, imported_at, document FROM catalog_versions "
                                      "ORDER BY imported_at DESC, rowid DESC LIMIT 1"),
                       QString());
}

QStringList SyncStateRepository::catalogVersions() const
{
    m_lastError.clear();
    QStringList versions;
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT version FROM catalog_versions ORDER BY imported_at, rowid"), &m_lastError);
    if (!query || !m_statements->exec(query, Access::Read, &m_lastError))
        return versions;
    while (query->next())
        versions.append(query->value(0).toString());
    query->finish();
    return versions;
}

} // namespace ow::storage
