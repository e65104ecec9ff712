// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/queue/queue_export.h"
#include "ow/queue/ticket.h"

#include <ow/storage/queueticketrepository.h>

#include <QDate>
#include <QSqlDatabase>
#include <QString>

namespace ow::queue {

class TicketQueue;

// Keeps one day's queue in the workstation's store: the caller saves every
// ticket a TicketQueue operation returns (and every pause), and after a
// restart loadDay() gives the queue back its tickets, numbering and paused
// windows. Failed calls set lastError() (translated).
class OW_QUEUE_EXPORT QueueStore
{
public:
    QueueStore(const QSqlDatabase &db, const QDate &day);

    QDate day() const { return m_day; }

    bool save(const Ticket &ticket);
    bool setWindowPaused(const QString &window, bool paused);
    // Restores `queue` (which must be for this store's day) from the stored
    // tickets. On failure the queue is left as it was.
    bool loadDay(TicketQueue &queue);

    QString lastError() const { return m_lastError; }

    static storage::QueueTicketRecord toRecord(const QDate &day, const Ticket &ticket);
    // Refuses a record whose priority, state or evaluation this version does not know.
    static std::optional<Ticket> fromRecord(const storage::QueueTicketRecord &record, QString *error);

private:
    storage::QueueTicketRepository m_tickets;
    QDate m_day;
    QString m_lastError;
};

} // namespace ow::queue
