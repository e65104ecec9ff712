// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// The queue's tickets and paused windows, per day. Each ticket is written
// whole whenever it changes, in one statement, so a restart finds every
// ticket as last changed. Failed calls set lastError() and change nothing.
class OW_STORAGE_EXPORT QueueTicketRepository
{
public:
    explicit QueueTicketRepository(const QSqlDatabase &db);
    ~QueueTicketRepository();
    QueueTicketRepository(const QueueTicketRepository &) = delete;
    QueueTicketRepository &operator=(const QueueTicketRepository &) = delete;

    // Inserts the ticket or replaces the stored one of the same day and number.
    bool save(const QueueTicketRecord &record);
    // The day's tickets in issue order.
    QList<QueueTicketRecord> ticketsOfDay(const QDate &day) const;

    bool setWindowPaused(const QDate &day, const QString &window, bool paused);
    // The windows paused on the day, by code.
    QStringList pausedWindows(const QDate &day) const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
