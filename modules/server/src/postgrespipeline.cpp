// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "postgrespipeline.h"

#include <QHash>

#include <mutex>
#include <unordered_map>

namespace ow::server::Internal {

namespace {

// The statements prepared on each connection, by their text. A connection is
// known by its libpq handle and its server process, so that a connection
// opened again (at the address of one closed) starts with none.
class PreparedStatements
{
public:
    static PreparedStatements &instance()
    {
        static PreparedStatements statements;
        return statements;
    }

    // The name `sql` is prepared under on `connection`; empty if it is not yet.
    QByteArray find(PGconn *connection, const QByteArray &sql)
    {
        const std::lock_guard lock(m_mutex);
        return current(connection).names.value(sql);
    }

    // A name to prepare a statement under on `connection`; empty if the connection
    // has prepared as many statements as it keeps (the statement then runs unprepared).
    QByteArray newName(PGconn *connection)
    {
        const std::lock_guard lock(m_mutex);
        if (current(connection).names.size() >= kMaxPerConnection)
            return {};
        return "ow_statement_" + QByteArray::number(++m_lastNumber);
    }

    void prepared(PGconn *connection, const QByteArray &sql, const QByteArray &name)
    {
        const std::lock_guard lock(m_mutex);
        current(connection).names.insert(sql, name);
    }

private:
    // Statement texts vary with which tables a push round writes: a few dozen shapes.
    // (A closed connection's list stays until its handle is reused: the server's
    // connections are few and live as long as their threads.)
    static constexpr qsizetype kMaxPerConnection = 256;

    struct Connection
    {
        int backendPid = 0;
        QHash<QByteArray, QByteArray> names;
    };

    Connection &current(PGconn *connection)
    {
        Connection &known = m_connections[connection];
        const int pid = PQbackendPID(connection);
        if (known.backendPid != pid) {
            known.backendPid = pid;
            known.names.clear();
        }
        return known;
    }

    std::mutex m_mutex;
    std::unordered_map<PGconn *, Connection> m_connections;
    quint64 m_lastNumber = 0;
};

QByteArray parameterText(const QVariant &value)
{
    if (value.isNull())
        return {};
    const int type = value.metaType().id();
    if (type == QMetaType::LongLong || type == QMetaType::Int)
        return QByteArray::number(value.toLongLong());
    if (type == QMetaType::QByteArray) {
        const QByteArray &bytes = *static_cast<const QByteArray *>(value.constData());
        // Not null: an empty text is a value.
        return bytes.isNull() ? QByteArray("") : bytes;
    }
    if (type == QMetaType::Bool)
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    const QByteArray text = value.toString().toUtf8();
    return text.isNull() ? QByteArray("") : text;
}

QString connectionError(PGconn *connection)
{
    return QString::fromUtf8(PQerrorMessage(connection)).trimmed();
}

QString resultError(PGconn *connection, const PGresult *result)
{
    const QString message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    return message.isEmpty() ? connectionError(connection) : message;
}

} // namespace

PostgresPipeline::PostgresPipeline(PGconn *connection)
    : m_connection(connection)
{ }

QByteArray PostgresPipeline::numberedParameters(const QByteArray &sql)
{
    QByteArray numbered;
    numbered.reserve(sql.size() + 16);
    int next = 0;
    for (const char c : sql) {
        if (c == '?')
            numbered += '$' + QByteArray::number(++next);
        else
            numbered += c;
    }
    return numbered;
}

void PostgresPipeline::add(const QByteArray &sql, const QVariantList &values)
{
    Statement statement {numberedParameters(sql), {}};
    statement.values.reserve(values.size());
    for (const QVariant &value : values)
        statement.values.append(parameterText(value));
    m_statements.append(std::move(statement));
}

// Queues `statement`, after its PREPARE if the connection has not prepared it
// yet (`preparing` then gets the name it is prepared under).
bool PostgresPipeline::send(const Statement &statement, QByteArray *preparing)
{
    PreparedStatements &prepared = PreparedStatements::instance();
    std::vector<const char *> values;
    std::vector<int> lengths;
    values.reserve(size_t(statement.values.size()));
    lengths.reserve(size_t(statement.values.size()));
    for (const QByteArray &value : statement.values) {
        values.push_back(value.isNull() ? nullptr : value.constData());
        lengths.push_back(int(value.size()));
    }
    const int count = int(values.size());
    QByteArray name = prepared.find(m_connection, statement.sql);
    if (name.isEmpty()) {
        name = prepared.newName(m_connection);
        if (name.isEmpty())
            return PQsendQueryParams(m_connection, statement.sql.constData(), count, nullptr, values.data(),
                                     lengths.data(), nullptr, 0)
                == 1;
        if (PQsendPrepare(m_connection, name.constData(), statement.sql.constData(), count, nullptr) != 1)
            return false;
        *preparing = name;
    }
    return PQsendQueryPrepared(m_connection, name.constData(), count, values.data(), lengths.data(), nullptr,
                               0)
        == 1;
}

// The results of the next command in the pipeline (they end with a null).
StatementResult PostgresPipeline::takeCommand()
{
    StatementResult taken;
    while (PGresult *result = PQgetResult(m_connection))
        taken.parts.emplace_back(result);
    return taken;
}

std::optional<std::vector<StatementResult>> PostgresPipeline::run(QString *error)
{
    if (PQenterPipelineMode(m_connection) != 1) {
        *error = connectionError(m_connection);
        return std::nullopt;
    }
    QList<QByteArray> preparing(m_statements.size());
    bool sent = true;
    for (qsizetype i = 0; i < m_statements.size() && sent; ++i)
        sent = send(m_statements.at(i), &preparing[i]);
    if (!sent || PQpipelineSync(m_connection) != 1) {
        *error = connectionError(m_connection);
        // Sending fails on a broken connection, which its next use finds broken too.
        PQexitPipelineMode(m_connection);
        return std::nullopt;
    }

    PreparedStatements &prepared = PreparedStatements::instance();
    std::vector<StatementResult> results;
    QString failure;
    for (qsizetype i = 0; i < m_statements.size(); ++i) {
        if (!preparing.at(i).isEmpty()) {
            const StatementResult prepare = takeCommand();
            if (prepare.status() == PGRES_COMMAND_OK)
                prepared.prepared(m_connection, m_statements.at(i).sql, preparing.at(i));
            else if (failure.isEmpty() && prepare.last() && prepare.status() != PGRES_PIPELINE_ABORTED)
                failure = resultError(m_connection, prepare.last());
        }
        StatementResult result = takeCommand();
        const ExecStatusType status = result.status();
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && failure.isEmpty())
            failure = result.last() && status != PGRES_PIPELINE_ABORTED
                ? resultError(m_connection, result.last())
                : connectionError(m_connection);
        results.push_back(std::move(result));
    }
    // The sync point (or, on a broken connection, nothing).
    while (PGresult *result = PQgetResult(m_connection)) {
        const bool sync = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
        PQclear(result);
        if (sync)
            break;
    }
    if (PQexitPipelineMode(m_connection) != 1 && failure.isEmpty())
        failure = connectionError(m_connection);
    if (!failure.isEmpty()) {
        *error = failure;
        return std::nullopt;
    }
    return results;
}

} // namespace ow::server::Internal
