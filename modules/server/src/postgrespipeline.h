// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariantList>

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <vector>

namespace ow::server::Internal {

struct PgResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// What one statement of a pipeline returned: the last result gives its
// status; its rows may come in several results, one a row, when the
// connection is in libpq's single-row mode (QPSQL sets it for forward-only
// queries, and libpq keeps it for the first statement of a pipeline).
struct StatementResult
{
    std::vector<PgResult> parts;

    const PGresult *last() const { return parts.empty() ? nullptr : parts.back().get(); }
    ExecStatusType status() const { return last() ? PQresultStatus(last()) : PGRES_FATAL_ERROR; }
    // Calls `visit(result, row)` for each row, in order.
    template<typename Visit>
    void forEachRow(Visit visit) const
    {
        for (const PgResult &part : parts) {
            for (int row = 0, rows = PQntuples(part.get()); row < rows; ++row)
                visit(part.get(), row);
        }
    }
};

// Statements sent to PostgreSQL together, in libpq's pipeline mode: one round
// trip for all of them, as a message of several statements in the simple
// protocol, but with each statement's values sent apart as parameters and
// each statement prepared once per connection. The server then neither scans
// the values as SQL (a push round's arrays run to hundreds of kilobytes) nor
// parses, analyses and plans the same statement text again every round.
//
// As in one message of the simple protocol, a statement that fails skips
// those after it; inside a transaction the transaction is then failed, and
// the caller rolls it back.
class PostgresPipeline
{
public:
    explicit PostgresPipeline(PGconn *connection);

    // `sql` with a ? for each of `values` (the text holds no other ?). Values
    // are integers, strings, UTF-8 text as a QByteArray, or null.
    void add(const QByteArray &sql, const QVariantList &values);
    // Sends the statements and waits for all of them: what each returned, in
    // order, or nothing with `error` (the first failure's message) if one failed.
    std::optional<std::vector<StatementResult>> run(QString *error);

    // The statement of the SQL text with ?s: the same with $1, $2, ...
    static QByteArray numberedParameters(const QByteArray &sql);

private:
    struct Statement
    {
        QByteArray sql;
        QList<QByteArray> values; // null QByteArray: SQL NULL
    };
    bool send(const Statement &statement, QByteArray *preparing);
    StatementResult takeCommand();

    PGconn *m_connection;
    QList<Statement> m_statements;
};

} // namespace ow::server::Internal
