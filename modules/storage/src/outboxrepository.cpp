// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/outboxrepository.h"

#include "ow/storage/transaction.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

OutboxRepository::OutboxRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

OutboxRepository::~OutboxRepository() = default;

QList<OutboxEntry> OutboxRepository::pending(int limit) const
{
    m_lastError.clear();
    QList<OutboxEntry> entries;
    static const QString querySql = [] {
        QStringList eventColumns = Internal::eventColumns().split(QStringLiteral(", "));
        for (QString &column : eventColumns)
            column.prepend(QStringLiteral("e."));
        return QStringLiteral("SELECT o.seq, o.queued_at, o.attempts, o.last_attempt_at, o.last_error, %1 "
                              "FROM outbox o JOIN events e ON e.id = o.event_id ORDER BY o.seq LIMIT ?")
            .arg(eventColumns.join(QStringLiteral(", ")));
    }();
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return entries;
    query->addBindValue(limit);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return entries;
    while (query->next()) {
        OutboxEntry entry;
        entry.seq = query->value(0).toLongLong();
        entry.queuedAt = Internal::parseDateTime(query->value(1));
        entry.attempts = query->value(2).toInt();
        entry.lastAttemptAt = Internal::parseDateTime(query->value(3));
        entry.lastError = query->value(4).toString();
        entry.event = Internal::readEvent(*query, 5);
        entries.append(entry);
    }
    query->finish();
    return entries;
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

bool OutboxRepository::markFailed(const QString &eventId, const QString &error)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? "
                       "WHERE event_id = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::nowText());
    query->addBindValue(Internal::nonNull(error));
    query->addBindValue(eventId);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

qint64 OutboxRepository::count() const
{
    m_lastError.clear();
    return m_statements->countRows(QStringLiteral("outbox"), &m_lastError);
}

} // namespace ow::storage
