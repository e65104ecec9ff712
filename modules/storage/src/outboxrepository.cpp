// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/outboxrepository.h"

#include "ow/storage/transaction.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

namespace {

const QString &entrySelect()
{
    static const QString sql = [] {
        QStringList eventColumns = Internal::eventColumns().split(QStringLiteral(", "));
        for (QString &column : eventColumns)
            column.prepend(QStringLiteral("e."));
        return QStringLiteral(
                   "SELECT o.seq, o.queued_at, o.attempts, o.last_attempt_at, o.last_error, o.state, "
                   "o.last_error_code, %1 FROM outbox o JOIN events e ON e.id = o.event_id ")
            .arg(eventColumns.join(QStringLiteral(", ")));
    }();
    return sql;
}

OutboxEntry readEntry(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.seq = query.value(0).toLongLong();
    entry.queuedAt = Internal::parseDateTime(query.value(1));
    entry.attempts = query.value(2).toInt();
    entry.lastAttemptAt = Internal::parseDateTime(query.value(3));
    entry.lastError = query.value(4).toString();
    entry.state
        = query.value(5).toString() == QLatin1String("parked") ? OutboxState::Parked : OutboxState::Pending;
    entry.lastErrorCode = query.value(6).toString();
    entry.event = Internal::readEvent(query, 7);
    return entry;
}

} // namespace

OutboxRepository::OutboxRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

OutboxRepository::~OutboxRepository() = default;

QList<OutboxEntry> OutboxRepository::pending(int limit) const
{
    m_lastError.clear();
    static const QString querySql
        = entrySelect() + QStringLiteral("WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?");
    return m_statements->readRows(querySql, {limit}, readEntry, &m_lastError);
}

QList<OutboxEntry> OutboxRepository::parked(int limit) const
{
    m_lastError.clear();
    static const QString querySql
        = entrySelect() + QStringLiteral("WHERE o.state = 'parked' ORDER BY o.seq LIMIT ?");
    return m_statements->readRows(querySql, {limit}, readEntry, &m_lastError);
}

std::optional<OutboxEntry> OutboxRepository::entry(const QString &eventId) const
{
    m_lastError.clear();
    static const QString querySql = entrySelect() + QStringLiteral("WHERE o.event_id = ?");
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(eventId);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<OutboxEntry> found;
    if (query->next())
        found = readEntry(*query);
    query->finish();
    return found;
}

bool OutboxRepository::markPushed(const QStringList &eventIds)
{
    m_lastError.clear();
    const QSqlDatabase &db = m_statements->database();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    QSqlQuery *query
        = m_statements->get(QStringLiteral("DELETE FROM outbox WHERE event_id = ?"), &m_lastError);
    if (!query)
        return false;
    for (const QString &id : eventIds) {
        query->addBindValue(id);
        if (!m_statements->exec(query, Access::Write, &m_lastError))
            return false;
    }
    if (!transaction.commit()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    return true;
}

bool OutboxRepository::markFailed(const QString &eventId, const QString &error, const QString &code)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?, "
                       "last_error_code = ? WHERE event_id = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::nowText());
    query->addBindValue(Internal::nonNull(error));
    query->addBindValue(Internal::nonNull(code));
    query->addBindValue(eventId);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

bool OutboxRepository::park(const QString &eventId, const QString &code, const QString &reason)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_attempt_at = ?, "
                       "last_error = ?, last_error_code = ? WHERE event_id = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::nowText());
    query->addBindValue(Internal::nonNull(reason));
    query->addBindValue(Internal::nonNull(code));
    query->addBindValue(eventId);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

qint64 OutboxRepository::count() const
{
    m_lastError.clear();
    return m_statements->countRows(QStringLiteral("outbox"), &m_lastError);
}

qint64 OutboxRepository::pendingCount() const
{
    m_lastError.clear();
    return m_statements->countRows(QStringLiteral("outbox WHERE state = 'pending'"), &m_lastError);
}

qint64 OutboxRepository::parkedCount() const
{
    m_lastError.clear();
    return m_statements->countRows(QStringLiteral("outbox WHERE state = 'parked'"), &m_lastError);
}

} // namespace ow::storage
