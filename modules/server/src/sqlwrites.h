// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <utility>

namespace ow::server::Internal {

// "?, ?, ?": the placeholders of an IN list or a row of `count` values.
QString sqlPlaceholders(qsizetype count);

// A PostgreSQL array literal ('{"a","b",NULL}') of values[first], values[first + step], ...
// (strings, integers or null), to pass as one value: a statement with a list as one
// array parameter is parsed and planned in a fraction of the time of one with a
// placeholder per element.
QString postgresArray(const QVariantList &values, qsizetype first = 0, qsizetype step = 1);

// Text values to match a column against: " IN (?, ?, ...)" on the embedded
// store, " = ANY(?::text[])" with the values as one array on PostgreSQL.
struct SqlList
{
    QString sql;
    QVariantList values;
};
SqlList sqlTextList(SqlDialect dialect, const QVariantList &values);

// Runs `sql` with `values` for its ? placeholders (the SQL text itself holds
// no other ?). On PostgreSQL the driver formats the values into the statement,
// as QPSQL itself does for the EXECUTE of a prepared statement, so one
// statement is one round trip instead of PREPARE, EXECUTE and DEALLOCATE; the
// embedded store prepares and binds (no round trips there).
bool runSql(QSqlQuery &query, SqlDialect dialect, const QString &sql, const QVariantList &values,
            QString *error);

// Runs the query `sql` with `values` for its ? placeholders and gives each row
// of the result to `row` as text (a null string for NULL). On PostgreSQL the
// statement is prepared once per connection (PostgresPipeline): for the
// queries that every request or push round runs, which PostgreSQL would
// otherwise parse and plan each time.
bool querySql(QSqlDatabase db, SqlDialect dialect, const QString &sql, const QVariantList &values,
              const std::function<void(const QStringList &)> &row, QString *error);

// Begins a transaction holding the advisory lock `lock` (PostgreSQL; the embedded
// store has one writer at a time anyway) and runs the query `sql` in it, `values`
// for its ? placeholders: on PostgreSQL all three in one round trip, `sql`
// prepared once per connection (PostgresPipeline). `row` gets
// each row of the result as text (a null string for NULL). On failure the
// caller rolls back.
bool beginLocked(QSqlDatabase db, SqlDialect dialect, qint64 lock, const QString &sql,
                 const QVariantList &values, const std::function<void(const QStringList &)> &row,
                 QString *error);

// The writes of one transaction, run together by run(). On PostgreSQL the
// rows of plain INSERTs (no tail) are streamed with COPY, which PostgreSQL
// reads far faster than it parses a VALUES list, and the rest is one
// statement (data-modifying WITH clauses, so one round trip; each table is
// written by one clause, as the clauses do not see each other's rows) whose
// rows come from unnest() of one array per column; on the embedded store
// they run one after the other.
class SqlWrites
{
public:
    void add(const QString &sql, const QVariantList &values);
    // INSERT of many rows: `head` is "INSERT INTO t (a, b)", `tail` what follows
    // the VALUES list (an ON CONFLICT clause or nothing); `values` holds the rows
    // one after the other. Nothing when `values` is empty. Values are
    // integers, strings or null; a QByteArray is a string in UTF-8 (a large
    // text already encoded goes into COPY's stream as it is). With no tail on
    // PostgreSQL the rows go in COPY's binary format: an integer's column is
    // then a BIGINT.
    void addRows(const QString &head, int columns, const QVariantList &values, const QString &tail = {});
    // As addRows() with no tail, but into the one statement on PostgreSQL rather than a
    // COPY of their own: for tables that get a few rows a transaction, where COPY's two
    // round trips would cost more than it saves.
    void addFewRows(const QString &head, int columns, const QVariantList &values);
    // Runs the writes and commits the transaction; on PostgreSQL the commit goes in
    // the same round trip as the last statement, which is prepared once per
    // connection (PostgresPipeline).
    bool runAndCommit(QSqlDatabase db, SqlDialect dialect, QString *error) const;

private:
    QList<std::pair<QString, QVariantList>> m_statements;
    struct Rows
    {
        QString head;
        int columns = 0;
        QVariantList values;
        QString tail;
        bool copy = false; // on PostgreSQL
    };
    QList<Rows> m_rows;
};

} // namespace ow::server::Internal
