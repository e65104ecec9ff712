// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/queue/queuestore.h"

#include "ow/queue/ticketqueue.h"
#include "ow/queue/tr.h"

namespace ow::queue {

QueueStore::QueueStore(const QSqlDatabase &db, const QDate &day)
    : m_tickets(db)
    , m_day(day)
{ }

storage::QueueTicketRecord QueueStore::toRecord(const QDate &day, const Ticket &ticket)
{
    storage::QueueTicketRecord record;
    record.day = day;
    record.number = ticket.number;
    record.category = ticket.category;
    record.priority = priorityName(ticket.priority);
    record.state = stateName(ticket.state);
    record.issuedAt = ticket.issuedAt;
    record.window = ticket.window;
    record.targetWindow = ticket.targetWindow;
    record.transferredFrom = ticket.transferredFrom;
    record.calls = ticket.calls;
    record.firstCalledAt = ticket.firstCalledAt;
    record.lastCalledAt = ticket.lastCalledAt;
    record.startedAt = ticket.startedAt;
    record.finishedAt = ticket.finishedAt;
    record.caseId = ticket.caseId;
    record.evaluation = ticket.evaluation ? static_cast<int>(*ticket.evaluation) : 0;
    record.evaluationReason = ticket.evaluationReason;
    return record;
}

std::optional<Ticket> QueueStore::fromRecord(const storage::QueueTicketRecord &record, QString *error)
{
    const std::optional<Priority> priority = priorityFromName(record.priority);
    const std::optional<TicketState> state = stateFromName(record.state);
    const bool evaluationKnown = record.evaluation >= 0 && record.evaluation <= 5;
    if (!priority || !state || !evaluationKnown) {
        if (error) {
            *error = Tr::tr("The stored queue ticket %1 cannot be read by this version of OneWindow "
                            "(priority \"%2\", state \"%3\").")
                         .arg(record.number, record.priority, record.state);
        }
        return std::nullopt;
    }
    Ticket ticket;
    ticket.number = record.number;
    ticket.category = record.category;
    ticket.priority = *priority;
    ticket.state = *state;
    ticket.issuedAt = record.issuedAt;
    ticket.window = record.window;
    ticket.targetWindow = record.targetWindow;
    ticket.transferredFrom = record.transferredFrom;
    ticket.calls = record.calls;
    ticket.firstCalledAt = record.firstCalledAt;
    ticket.lastCalledAt = record.lastCalledAt;
    ticket.startedAt = record.startedAt;
    ticket.finishedAt = record.finishedAt;
    ticket.caseId = record.caseId;
    if (record.evaluation > 0)
        ticket.evaluation = static_cast<Evaluation>(record.evaluation);
    ticket.evaluationReason = record.evaluationReason;
    return ticket;
}

bool QueueStore::save(const Ticket &ticket)
{
    const bool ok = m_tickets.save(toRecord(m_day, ticket));
    m_lastError = m_tickets.lastError();
    return ok;
}

bool QueueStore::setWindowPaused(const QString &window, bool paused)
{
    const bool ok = m_tickets.setWindowPaused(m_day, window, paused);
    m_lastError = m_tickets.lastError();
    return ok;
}

bool QueueStore::loadDay(TicketQueue &queue)
{
    m_lastError.clear();
    if (queue.day() != m_day) {
        m_lastError = Tr::tr("The queue of %1 cannot be loaded from the tickets of %2.")
                          .arg(queue.day().toString(Qt::ISODate), m_day.toString(Qt::ISODate));
        return false;
    }
    const QList<storage::QueueTicketRecord> records = m_tickets.ticketsOfDay(m_day);
    if (!m_tickets.lastError().isEmpty()) {
        m_lastError = m_tickets.lastError();
        return false;
    }
    const QStringList paused = m_tickets.pausedWindows(m_day);
    if (!m_tickets.lastError().isEmpty()) {
        m_lastError = m_tickets.lastError();
        return false;
    }
    QList<Ticket> tickets;
    tickets.reserve(records.size());
    for (const storage::QueueTicketRecord &record : records) {
        std::optional<Ticket> ticket = fromRecord(record, &m_lastError);
        if (!ticket)
            return false;
        tickets.append(std::move(*ticket));
    }
    queue.restore(tickets, paused);
    return true;
}

} // namespace ow::queue
