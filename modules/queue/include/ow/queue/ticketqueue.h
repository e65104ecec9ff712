// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/queue/queue_export.h"
#include "ow/queue/ticket.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

namespace ow::queue {

// One centre's queue for one day: issuing tickets, calling them to windows,
// and everything that happens at a window (重呼, 暂停, 弃号, 挂起/回呼, 转移,
// start and finish, 好差评). Pure logic: the caller persists changed tickets
// (every operation returns the ticket it changed) and restores a day with
// fromTickets(). Refused operations change nothing and say why.
class OW_QUEUE_EXPORT TicketQueue
{
public:
    struct Result
    {
        std::optional<Ticket> ticket; // the ticket as changed
        QString error; // translated; set when refused

        bool ok() const { return ticket.has_value(); }
    };

    TicketQueue(QList<ServiceCategory> categories, QList<ServiceWindow> windows, QDate day);

    // Restores a day from stored tickets (e.g. after a restart).
    void restore(const QList<Ticket> &tickets, const QStringList &pausedWindows = {});

    QDate day() const { return m_day; }
    const QList<ServiceCategory> &categories() const { return m_categories; }
    const QList<ServiceWindow> &windows() const { return m_windows; }

    Result issue(const QString &category, Priority priority, const QDateTime &now);

    // The next ticket for the window: tickets transferred to it first, then
    // the green channel (priority tickets), then the others, each in the order
    // issued. A window must finish, park or give up its ticket before the next.
    Result callNext(const QString &window, const QDateTime &now);
    // Calls a particular waiting or parked ticket (e.g. a resident at the counter).
    Result callNumber(const QString &window, const QString &number, const QDateTime &now);
    // 重呼: calls the window's ticket again.
    Result recall(const QString &window, const QDateTime &now);
    // 弃号: the called resident did not come.
    Result markNoShow(const QString &window, const QDateTime &now);
    // 挂起: the resident fetches a document; the window is free for the next.
    Result park(const QString &window, const QDateTime &now);
    // 转移 to another window (it calls the ticket first) …
    Result transferToWindow(const QString &window, const QString &targetWindow, const QDateTime &now);
    // … or to another category, keeping its place by issue time.
    Result transferToCategory(const QString &window, const QString &category, const QDateTime &now);
    Result startService(const QString &window, const QDateTime &now);
    Result finishService(const QString &window, const QString &caseId, const QDateTime &now);
    // 好差评, once per finished ticket; a reason only for the low levels.
    Result evaluate(const QString &number, Evaluation evaluation, const QString &reason = QString());

    // 暂停: a paused window calls nothing. Refused while it has a ticket open.
    QString setWindowPaused(const QString &window, bool paused);
    bool isWindowPaused(const QString &window) const { return m_paused.contains(window); }

    // The window's current ticket (called or serving), if any.
    const Ticket *currentTicket(const QString &window) const;
    const Ticket *ticket(const QString &number) const;
    // In the order callNext() would take them, for the window (or all categories when empty).
    QList<Ticket> waiting(const QString &window = QString()) const;
    QList<Ticket> parked() const;
    QList<Ticket> tickets() const { return m_tickets; }
    // The most recent calls, newest first, for the display: (ticket, window).
    QList<Ticket> recentCalls(int count) const;

private:
    Ticket *find(const QString &number);
    Ticket *current(const QString &window);
    const ServiceWindow *windowByCode(const QString &code) const;
    bool hasCategory(const QString &code) const;
    QString checkWindowFree(const QString &window) const;
    Result call(Ticket &ticket, const QString &window, const QDateTime &now);
    static Result refuse(const QString &error) { return {std::nullopt, error}; }

    QList<ServiceCategory> m_categories;
    QList<ServiceWindow> m_windows;
    QDate m_day;
    QList<Ticket> m_tickets; // in issue order
    QHash<QString, int> m_lastSequence; // per category
    QStringList m_paused;
};

} // namespace ow::queue
