// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <utility>

namespace ow::storage::Internal {

enum class Access { Read, Write };

// A translated message for a failed read or write that names the store.
QString storageErrorMessage(const QSqlDatabase &db, Access access, const QSqlError &error);

// Repositories keep their statements prepared: preparing costs as much as a lookup.
class StatementCache
{
public:
    explicit StatementCache(const QSqlDatabase &db)
        : m_db(db)
    { }
    // The prepared statement for `sql`, or nullptr with `error` set.
    QSqlQuery *get(const QString &sql, QString *error);
    // Executes; on failure sets `error` and returns false.
    bool exec(QSqlQuery *query, Access access, QString *error) const;
    // Runs the read `sql` with `values` bound in order and maps each row with
    // `read`; on failure returns what was read so far (nothing) with `error` set.
    template<typename Read>
    auto readRows(const QString &sql, const QVariantList &values, Read read, QString *error)
        -> QList<decltype(read(std::declval<const QSqlQuery &>()))>
    {
        QList<decltype(read(std::declval<const QSqlQuery &>()))> rows;
        QSqlQuery *query = get(sql, error);
        if (!query)
            return rows;
        for (const QVariant &value : values)
            query->addBindValue(value);
        if (!exec(query, Access::Read, error))
            return rows;
        while (query->next())
            rows.append(read(*query));
        query->finish();
        return rows;
    }
    // The number of rows of `table`, or -1 with `error` set.
    qint64 countRows(const QString &table, QString *error);
    const QSqlDatabase &database() const { return m_db; }

private:
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_queries;
};

} // namespace ow::storage::Internal
