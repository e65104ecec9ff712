// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "sqlwrites.h"

#include "postgrespipeline.h"

#include "ow/server/tr.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>
#include <QtEndian>

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

namespace ow::server::Internal {

QString sqlPlaceholders(qsizetype count)
{
    QString list;
    list.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        list += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return list;
}

namespace {

// Text given as UTF-8 bytes (see SqlWrites::addRows) as the string it is, not as a blob.
QVariant asSqlValue(const QVariant &value)
{
    if (value.metaType().id() == QMetaType::QByteArray)
        return QString::fromUtf8(*static_cast<const QByteArray *>(value.constData()));
    return value;
}

// `sql` with each ? replaced by its value written as a PostgreSQL literal.
std::optional<QString> inlineValues(const QSqlDriver *driver, const QString &sql, const QVariantList &values,
                                    QString *error)
{
    QString text;
    text.reserve(sql.size() + values.size() * 16);
    qsizetype next = 0;
    // The text between placeholders is copied a piece at a time, not a character at a time:
    // a batch's INSERT has some 1,400 of them (this runs under the sequencer lock).
    const QStringView sqlView(sql);
    qsizetype from = 0;
    for (qsizetype at = sqlView.indexOf(u'?'); at >= 0; at = sqlView.indexOf(u'?', from)) {
        text += sqlView.sliced(from, at - from);
        from = at + 1;
        if (next >= values.size()) {
            *error = Tr::tr("A statement has more placeholders than values.");
            return std::nullopt;
        }
        const QVariant value = asSqlValue(values.at(next++));
        const int type = value.metaType().id();
        if (type == QMetaType::LongLong || type == QMetaType::Int) {
            text += QString::number(value.toLongLong());
        } else if (type == QMetaType::QString && !value.isNull()) {
            const QString &string = *static_cast<const QString *>(value.constData());
            if (!string.contains(u'\'') && !string.contains(u'\\')) {
                // Nothing to escape: what the driver would write, without its two searches.
                text += u'\'';
                text += string;
                text += u'\'';
            } else {
                QSqlField field(QString(), value.metaType());
                field.setValue(value);
                text += driver->formatValue(field);
            }
        } else {
            QSqlField field(QString(), value.metaType());
            field.setValue(value);
            text += driver->formatValue(field);
        }
    }
    text += sqlView.sliced(from);
    return text;
}

// The libpq connection QPSQL opened for `db`, ready for a command of ours (no
// query of QPSQL has results pending); null if `db` is not on QPSQL.
PGconn *libpqConnection(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // QPSQL hands out its PGconn (declared as struct pg_conn).
    const bool isConnection = handle.isValid()
        && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0);
    PGconn *connection = isConnection ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
    if (connection && PQtransactionStatus(connection) == PQTRANS_ACTIVE) {
        // A forward-only query of QPSQL still has rows to deliver: a statement
        // through the driver makes it discard them first.
        QSqlQuery(db).exec(QStringLiteral("SELECT 1"));
    }
    return connection;
}

QString libpqError(PGconn *connection)
{
    return QString::fromUtf8(PQerrorMessage(connection)).trimmed();
}

} // namespace

bool runSql(QSqlQuery &query, SqlDialect dialect, const QString &sql, const QVariantList &values,
            QString *error)
{
    bool ok = false;
    if (dialect == SqlDialect::Postgres) {
        const auto text = inlineValues(query.driver(), sql, values, error);
        if (!text)
            return false;
        ok = query.exec(*text);
    } else {
        ok = query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(asSqlValue(value));
        ok = ok && query.exec();
    }
    if (!ok)
        *error = query.lastError().text();
    return ok;
}

namespace {

// The rows of a query's result, as querySql() gives them.
void deliverRows(const StatementResult &result, const std::function<void(const QStringList &)> &row)
{
    result.forEachRow([&row](const PGresult *part, int i) {
        const int columns = PQnfields(part);
        QStringList fields;
        fields.reserve(columns);
        for (int j = 0; j < columns; ++j) {
            fields.append(PQgetisnull(part, i, j)
                              ? QString()
                              : QString::fromUtf8(PQgetvalue(part, i, j), PQgetlength(part, i, j)));
        }
        row(fields);
    });
}

// Runs `statements` (the last a query) in one round trip and gives the query's rows to `row`.
bool runPipeline(QSqlDatabase &db, const QList<std::pair<QByteArray, QVariantList>> &statements,
                 const std::function<void(const QStringList &)> &row, QString *error)
{
    PGconn *connection = libpqConnection(db);
    if (!connection) {
        *error = Tr::tr("The database connection cannot stream rows.");
        return false;
    }
    PostgresPipeline pipeline(connection);
    for (const auto &[sql, values] : statements)
        pipeline.add(sql, values);
    const auto results = pipeline.run(error);
    if (!results)
        return false;
    if (results->back().status() != PGRES_TUPLES_OK) {
        *error = libpqError(connection);
        return false;
    }
    deliverRows(results->back(), row);
    return true;
}

} // namespace

bool querySql(QSqlDatabase db, SqlDialect dialect, const QString &sql, const QVariantList &values,
              const std::function<void(const QStringList &)> &row, QString *error)
{
    if (dialect == SqlDialect::Postgres)
        return runPipeline(db, {{sql.toUtf8(), values}}, row, error);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!runSql(query, dialect, sql, values, error))
        return false;
    const int columns = query.record().count();
    while (query.next()) {
        QStringList fields;
        fields.reserve(columns);
        for (int i = 0; i < columns; ++i)
            fields.append(query.value(i).toString());
        row(fields);
    }
    return true;
}

bool beginLocked(QSqlDatabase db, SqlDialect dialect, qint64 lock, const QString &sql,
                 const QVariantList &values, const std::function<void(const QStringList &)> &row,
                 QString *error)
{
    if (dialect != SqlDialect::Postgres) {
        // One writer at a time already: SQLite's own lock, taken at the first write.
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        return querySql(db, dialect, sql, values, row, error);
    }
    // Three statements in one round trip; `sql` runs once the lock is held and, reading
    // committed data as of its own start, sees every transaction that held it before.
    return runPipeline(db,
                       {{QByteArrayLiteral("BEGIN"), {}},
                        {QByteArrayLiteral("SELECT pg_advisory_xact_lock(?::bigint)"), {lock}},
                        {sql.toUtf8(), values}},
                       row, error);
}

QString postgresArray(const QVariantList &values, qsizetype first, qsizetype step)
{
    QString array;
    array.reserve((values.size() / step + 1) * 40);
    array += u'{';
    for (qsizetype i = first; i < values.size(); i += step) {
        if (i != first)
            array += u',';
        const QVariant &value = values.at(i);
        const int type = value.metaType().id();
        if (value.isNull()) {
            array += QStringLiteral("NULL");
        } else if (type == QMetaType::LongLong || type == QMetaType::Int) {
            array += QString::number(value.toLongLong());
        } else {
            // Quoted, with the two characters special inside quotes escaped.
            const QString text = value.toString();
            array += u'"';
            if (text.contains(u'"') || text.contains(u'\\')) {
                for (const QChar c : text) {
                    if (c == u'"' || c == u'\\')
                        array += u'\\';
                    array += c;
                }
            } else {
                array += text;
            }
            array += u'"';
        }
    }
    array += u'}';
    return array;
}

SqlList sqlTextList(SqlDialect dialect, const QVariantList &values)
{
    if (dialect == SqlDialect::Postgres)
        return {QStringLiteral(" = ANY(?::text[])"), {postgresArray(values)}};
    return {QStringLiteral(" IN (%1)").arg(sqlPlaceholders(values.size())), values};
}

namespace {

// "text" or "bigint": the PostgreSQL type of the column of `values` (rows of `columns`) at `column`.
QString postgresColumnType(const QVariantList &values, int columns, int column)
{
    for (qsizetype i = column; i < values.size(); i += columns) {
        const int type = values.at(i).metaType().id();
        if (type == QMetaType::LongLong || type == QMetaType::Int)
            return QStringLiteral("bigint");
        if (type == QMetaType::QString)
            return QStringLiteral("text");
    }
    return QStringLiteral("text");
}

// COPY's binary format: a header, then each row as its field count and each
// field as its length and bytes (-1 for null), then -1. PostgreSQL reads it
// without scanning the text for delimiters and escapes (an event's JSON is
// most of a round's bytes), and nothing needs escaping on this side either.
void appendBigEndian16(QByteArray &data, qint16 value)
{
    const quint16 big = qToBigEndian(quint16(value));
    data.append(reinterpret_cast<const char *>(&big), sizeof big);
}

void appendBigEndian32(QByteArray &data, qint32 value)
{
    const quint32 big = qToBigEndian(quint32(value));
    data.append(reinterpret_cast<const char *>(&big), sizeof big);
}

// A field: an integer as a BIGINT (8 bytes), anything else as text in UTF-8.
void appendCopyField(QByteArray &data, const QVariant &value)
{
    if (value.isNull()) {
        appendBigEndian32(data, -1);
        return;
    }
    const int type = value.metaType().id();
    if (type == QMetaType::LongLong || type == QMetaType::Int) {
        appendBigEndian32(data, 8);
        const quint64 big = qToBigEndian(quint64(value.toLongLong()));
        data.append(reinterpret_cast<const char *>(&big), sizeof big);
        return;
    }
    const QByteArray text = type == QMetaType::QByteArray
        ? *static_cast<const QByteArray *>(value.constData())
        : value.toString().toUtf8();
    appendBigEndian32(data, qint32(text.size()));
    data.append(text);
}

QByteArray copyData(int columns, const QVariantList &values)
{
    static constexpr char kSignature[] = "PGCOPY\n\377\r\n";
    QByteArray data;
    qsizetype bytes = 21;
    for (const QVariant &value : values)
        bytes += 12 + (value.metaType().id() == QMetaType::QByteArray ? value.toByteArray().size() : 40);
    data.reserve(bytes);
    data.append(kSignature, sizeof kSignature); // with its final zero byte
    appendBigEndian32(data, 0); // flags
    appendBigEndian32(data, 0); // header extension
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i % columns == 0)
            appendBigEndian16(data, qint16(columns));
        appendCopyField(data, values.at(i));
    }
    appendBigEndian16(data, -1);
    return data;
}

// "INSERT INTO t (a, b)" as COPY t (a, b) FROM STDIN, on the connection
// QPSQL opened (inside its transaction; no query of it has results pending).
bool copyRows(QSqlDatabase &db, const QString &insertHead, int columns, const QVariantList &values,
              QString *error)
{
    PGconn *connection = libpqConnection(db);
    const QString prefix = QStringLiteral("INSERT INTO ");
    if (!connection || !insertHead.startsWith(prefix)) {
        *error = Tr::tr("The database connection cannot stream rows.");
        return false;
    }
    const QByteArray data = copyData(columns, values);
    const QByteArray copy
        = "COPY " + insertHead.mid(prefix.size()).toUtf8() + " FROM STDIN WITH (FORMAT binary)";
    std::unique_ptr<PGresult, decltype(&PQclear)> started(PQexec(connection, copy.constData()), &PQclear);
    if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
        *error = libpqError(connection);
        return false;
    }
    bool sent = PQputCopyData(connection, data.constData(), int(data.size())) == 1;
    sent = PQputCopyEnd(connection, sent ? nullptr : "the rows could not be sent") == 1 && sent;
    bool ok = sent;
    // The COPY's outcome, then nothing more (PQgetResult returns null at the end).
    while (PGresult *result = PQgetResult(connection)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK)
            ok = false;
        PQclear(result);
    }
    if (!ok)
        *error = libpqError(connection);
    return ok;
}

} // namespace

void SqlWrites::add(const QString &sql, const QVariantList &values)
{
    m_statements.append({sql, values});
}

void SqlWrites::addRows(const QString &head, int columns, const QVariantList &values, const QString &tail)
{
    if (!values.isEmpty())
        m_rows.append({head, columns, values, tail, tail.isEmpty()});
}

void SqlWrites::addFewRows(const QString &head, int columns, const QVariantList &values)
{
    if (!values.isEmpty())
        m_rows.append({head, columns, values, QString(), false});
}

namespace {

// Runs `sql` and commits, in one round trip.
bool runAndCommitOnPostgres(QSqlDatabase &db, const QString &sql, const QVariantList &values, QString *error)
{
    PGconn *connection = libpqConnection(db);
    if (!connection) {
        *error = Tr::tr("The database connection cannot stream rows.");
        return false;
    }
    PostgresPipeline pipeline(connection);
    if (!sql.isEmpty())
        pipeline.add(sql.toUtf8(), values);
    pipeline.add(QByteArrayLiteral("COMMIT"), {});
    const auto results = pipeline.run(error);
    if (!results)
        return false;
    // COMMIT of a transaction that failed earlier answers "ROLLBACK".
    if (qstrcmp(PQcmdStatus(const_cast<PGresult *>(results->back().last())), "COMMIT") != 0) {
        *error = Tr::tr("The transaction was rolled back.");
        return false;
    }
    return true;
}

} // namespace

bool SqlWrites::runAndCommit(QSqlDatabase db, SqlDialect dialect, QString *error) const
{
    // SQLite binds at most 32766 parameters to a statement.
    constexpr qsizetype kMaxValues = 30000;
    QList<std::pair<QString, QVariantList>> statements;
    for (const auto &[head, columns, values, tail, copy] : m_rows) {
        if (dialect == SqlDialect::Postgres && copy) {
            if (!copyRows(db, head, columns, values, error))
                return false;
            continue;
        }
        if (dialect == SqlDialect::Postgres) {
            // INSERT INTO t (a, b) SELECT * FROM unnest(?::text[], ?::bigint[]) ON CONFLICT ...
            QString sql = head + QStringLiteral(" SELECT * FROM unnest(");
            QVariantList arrays;
            for (int column = 0; column < columns; ++column) {
                sql += (column == 0 ? QStringLiteral("?::") : QStringLiteral(", ?::"))
                    + postgresColumnType(values, columns, column) + QStringLiteral("[]");
                arrays.append(postgresArray(values, column, columns));
            }
            statements.append({sql + QLatin1Char(')') + tail, arrays});
            continue;
        }
        const qsizetype rows = values.size() / columns;
        const qsizetype perStatement = std::max<qsizetype>(1, kMaxValues / columns);
        const QString row = QLatin1Char('(') + sqlPlaceholders(columns) + QLatin1Char(')');
        for (qsizetype first = 0; first < rows; first += perStatement) {
            const qsizetype count = std::min(perStatement, rows - first);
            QString sql = head + QStringLiteral(" VALUES ");
            sql.reserve(sql.size() + count * (row.size() + 2) + tail.size());
            for (qsizetype i = 0; i < count; ++i) {
                if (i > 0)
                    sql += QStringLiteral(", ");
                sql += row;
            }
            sql += tail;
            statements.append({sql, values.mid(first * columns, count * columns)});
        }
    }
    statements += m_statements;
    if (dialect != SqlDialect::Postgres) {
        QSqlQuery query(db);
        for (const auto &[sql, values] : statements) {
            if (!runSql(query, dialect, sql, values, error))
                return false;
        }
        if (!db.commit()) {
            *error = db.lastError().text();
            return false;
        }
        return true;
    }
    QString sql;
    QVariantList values;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        if (i + 1 < statements.size())
            sql += (i == 0 ? QStringLiteral("WITH ") : QStringLiteral(", "))
                + QStringLiteral("w%1 AS (%2)").arg(i).arg(statements.at(i).first);
        else
            sql += QLatin1Char(' ') + statements.at(i).first;
        values += statements.at(i).second;
    }
    return runAndCommitOnPostgres(db, sql, values, error);
}

} // namespace ow::server::Internal
