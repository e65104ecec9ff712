// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

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
    // The number of rows of `table`, or -1 with `error` set.
    qint64 countRows(const QString &table, QString *error);
    const QSqlDatabase &database() const { return m_db; }

private:
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_queries;
};

} // namespace ow::storage::Internal
