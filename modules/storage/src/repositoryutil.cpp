// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "repositoryutil_p.h"

#include "ow/storage/database.h"
#include "ow/storage/tr.h"

namespace ow::storage::Internal {

QString storageErrorMessage(const QSqlDatabase &db, Access access, const QSqlError &error)
{
    const QString shown = Database::displayName(db);
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (access == Access::Read)
        return Tr::tr("Could not read from the store %1: %2.").arg(shown, detail);
    return Tr::tr("Could not save to the store %1: %2. Nothing of this change was saved.").arg(shown, detail);
}

QSqlQuery *StatementCache::get(const QString &sql, QString *error)
{
    auto it = m_queries.find(sql);
    if (it != m_queries.end())
        return &it.value();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        *error = storageErrorMessage(m_db, Access::Read, query.lastError());
        return nullptr;
    }
    return &m_queries.insert(sql, std::move(query)).value();
}

bool StatementCache::exec(QSqlQuery *query, Access access, QString *error) const
{
    if (query->exec())
        return true;
    *error = storageErrorMessage(m_db, access, query->lastError());
    return false;
}

qint64 StatementCache::countRows(const QString &table, QString *error)
{
    QSqlQuery *query = get(QStringLiteral("SELECT count(*) FROM ") + table, error);
    if (!query || !exec(query, Access::Read, error))
        return -1;
    const qint64 n = query->next() ? query->value(0).toLongLong() : -1;
    query->finish();
    return n;
}

} // namespace ow::storage::Internal
