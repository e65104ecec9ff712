// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/queueticketrepository.h"

#include "ow/storage/tr.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

namespace {

// Optional times are NULL until they happen.
QVariant timeOrNull(const QDateTime &dateTime)
{
    return Internal::textOrNull(Internal::dateTimeText(dateTime));
}

} // namespace

QueueTicketRepository::QueueTicketRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

QueueTicketRepository::~QueueTicketRepository() = default;

bool QueueTicketRepository::save(const QueueTicketRecord &record)
{
    m_lastError.clear();
    if (!record.day.isValid() || record.number.isEmpty() || !record.issuedAt.isValid()) {
        m_lastError = Tr::tr("The queue ticket \"%1\" was not saved: it needs a day, a number and the time "
                             "it was issued.")
                          .arg(record.number);
        return false;
    }
    if (record.calls < 0 || record.evaluation < 0 || record.evaluation > 5) {
        m_lastError = Tr::tr("The queue ticket %1 was not saved: its call count or evaluation is out of "
                             "range.")
                          .arg(record.number);
        return false;
    }
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT OR REPLACE INTO queue_tickets (day, number, category, priority, state, "
                       "issued_at, \"window\", target_window, transferred_from, calls, first_called_at, "
                       "last_called_at, started_at, finished_at, case_id, evaluation, evaluation_reason) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::dateText(record.day));
    query->addBindValue(record.number);
    query->addBindValue(Internal::nonNull(record.category));
    query->addBindValue(Internal::nonNull(record.priority));
    query->addBindValue(Internal::nonNull(record.state));
    query->addBindValue(Internal::dateTimeText(record.issuedAt));
    query->addBindValue(Internal::nonNull(record.window));
    query->addBindValue(Internal::nonNull(record.targetWindow));
    query->addBindValue(Internal::nonNull(record.transferredFrom));
    query->addBindValue(record.calls);
    query->addBindValue(timeOrNull(record.firstCalledAt));
    query->addBindValue(timeOrNull(record.lastCalledAt));
    query->addBindValue(timeOrNull(record.startedAt));
    query->addBindValue(timeOrNull(record.finishedAt));
    query->addBindValue(Internal::nonNull(record.caseId));
    query->addBindValue(record.evaluation > 0 ? QVariant(record.evaluation)
                                              : QVariant(QMetaType::fromType<int>()));
    query->addBindValue(Internal::nonNull(record.evaluationReason));
    return m_statements->exec(query, Access::Write, &m_lastError);
}

QList<QueueTicketRecord> QueueTicketRepository::ticketsOfDay(const QDate &day) const
{
    m_lastError.clear();
    QList<QueueTicketRecord> records;
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT number, category, priority, state, issued_at, \"window\", target_window, "
                       "transferred_from, calls, first_called_at, last_called_at, started_at, finished_at, "
                       "case_id, evaluation, evaluation_reason FROM queue_tickets WHERE day = ? "
                       "ORDER BY issued_at, number"),
        &m_lastError);
    if (!query)
        return records;
    query->addBindValue(Internal::dateText(day));
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return records;
    while (query->next()) {
        QueueTicketRecord record;
        record.day = day;
        record.number = query->value(0).toString();
        record.category = query->value(1).toString();
        record.priority = query->value(2).toString();
        record.state = query->value(3).toString();
        record.issuedAt = Internal::parseDateTime(query->value(4));
        record.window = query->value(5).toString();
        record.targetWindow = query->value(6).toString();
        record.transferredFrom = query->value(7).toString();
        record.calls = query->value(8).toInt();
        record.firstCalledAt = Internal::parseDateTime(query->value(9));
        record.lastCalledAt = Internal::parseDateTime(query->value(10));
        record.startedAt = Internal::parseDateTime(query->value(11));
        record.finishedAt = Internal::parseDateTime(query->value(12));
        record.caseId = query->value(13).toString();
        record.evaluation = query->value(14).isNull() ? 0 : query->value(14).toInt();
        record.evaluationReason = query->value(15).toString();
        records.append(record);
    }
    query->finish();
    return records;
}

bool QueueTicketRepository::setWindowPaused(const QDate &day, const QString &window, bool paused)
{
    m_lastError.clear();
    if (!day.isValid() || window.isEmpty()) {
        m_lastError = Tr::tr("The pause of a service window was not saved: it needs a day and a window.");
        return false;
    }
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO queue_windows (day, \"window\", paused) VALUES (?, ?, ?) "
                       "ON CONFLICT (day, \"window\") DO UPDATE SET paused = excluded.paused"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::dateText(day));
    query->addBindValue(window);
    query->addBindValue(paused ? 1 : 0);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

QStringList QueueTicketRepository::pausedWindows(const QDate &day) const
{
    m_lastError.clear();
    return m_statements->readRows(
        QStringLiteral("SELECT \"window\" FROM queue_windows WHERE day = ? AND paused = 1 ORDER BY \"window\""),
        {Internal::dateText(day)}, [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
}

} // namespace ow::storage
