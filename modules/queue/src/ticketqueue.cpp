// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/queue/ticketqueue.h"
#include "ow/queue/tr.h"

#include <algorithm>

namespace ow::queue {

namespace {

// "A" + 12 → "A012"; the sequence grows past three digits on a very busy day.
QString ticketNumber(const QString &category, int sequence)
{
    return category + QStringLiteral("%1").arg(sequence, 3, 10, QLatin1Char('0'));
}

int sequenceOf(const Ticket &ticket)
{
    // Transfers between categories keep the number, so parse after the original prefix's letters.
    int i = 0;
    while (i < ticket.number.size() && !ticket.number.at(i).isDigit())
        ++i;
    return ticket.number.mid(i).toInt();
}

QString prefixOf(const QString &number)
{
    int i = 0;
    while (i < number.size() && !number.at(i).isDigit())
        ++i;
    return number.left(i);
}

} // namespace

TicketQueue::TicketQueue(QList<ServiceCategory> categories, QList<ServiceWindow> windows, QDate day)
    : m_categories(std::move(categories))
    , m_windows(std::move(windows))
    , m_day(day)
{}

void TicketQueue::restore(const QList<Ticket> &tickets, const QStringList &pausedWindows)
{
    m_tickets = tickets;
    std::stable_sort(m_tickets.begin(), m_tickets.end(),
                     [](const Ticket &a, const Ticket &b) { return a.issuedAt < b.issuedAt; });
    m_lastSequence.clear();
    for (const Ticket &ticket : std::as_const(m_tickets)) {
        const QString prefix = prefixOf(ticket.number);
        m_lastSequence[prefix] = std::max(m_lastSequence.value(prefix), sequenceOf(ticket));
    }
    m_paused = pausedWindows;
}

Ticket *TicketQueue::find(const QString &number)
{
    for (Ticket &ticket : m_tickets) {
        if (ticket.number.compare(number, Qt::CaseInsensitive) == 0)
            return &ticket;
    }
    return nullptr;
}

const Ticket *TicketQueue::ticket(const QString &number) const
{
    return const_cast<TicketQueue *>(this)->find(number);
}

Ticket *TicketQueue::current(const QString &window)
{
    for (Ticket &ticket : m_tickets) {
        if (ticket.window == window
            && (ticket.state == TicketState::Called || ticket.state == TicketState::Serving))
            return &ticket;
    }
    return nullptr;
}

const Ticket *TicketQueue::currentTicket(const QString &window) const
{
    return const_cast<TicketQueue *>(this)->current(window);
}

const ServiceWindow *TicketQueue::windowByCode(const QString &code) const
{
    for (const ServiceWindow &window : m_windows) {
        if (window.code == code)
            return &window;
    }
    return nullptr;
}

bool TicketQueue::hasCategory(const QString &code) const
{
    return std::any_of(m_categories.cbegin(), m_categories.cend(),
                       [&code](const ServiceCategory &category) { return category.code == code; });
}

QString TicketQueue::checkWindowFree(const QString &window) const
{
    if (!windowByCode(window))
        return Tr::tr("There is no window %1.").arg(window);
    if (m_paused.contains(window))
        return Tr::tr("Window %1 is paused; resume it first.").arg(window);
    if (const Ticket *open = currentTicket(window))
        return Tr::tr("Window %1 still has ticket %2; finish it, park it or mark it as a no-show first.")
            .arg(window, open->number);
    return {};
}

TicketQueue::Result TicketQueue::issue(const QString &category, Priority priority, const QDateTime &now)
{
    if (!hasCategory(category))
        return refuse(Tr::tr("There is no service category %1.").arg(category));
    const int sequence = m_lastSequence.value(category) + 1;
    m_lastSequence[category] = sequence;
    Ticket ticket;
    ticket.number = ticketNumber(category, sequence);
    ticket.category = category;
    ticket.priority = priority;
    ticket.issuedAt = now;
    m_tickets.append(ticket);
    return {ticket, {}};
}

QList<Ticket> TicketQueue::waiting(const QString &window) const
{
    const ServiceWindow *serving = window.isEmpty() ? nullptr : windowByCode(window);
    QList<Ticket> list;
    for (const Ticket &ticket : m_tickets) {
        if (ticket.state != TicketState::Waiting)
            continue;
        if (serving) {
            const bool mine = ticket.targetWindow == window
                || (ticket.targetWindow.isEmpty() && serving->categories.contains(ticket.category));
            if (!mine)
                continue;
        }
        list.append(ticket);
    }
    // Transferred here first, then the green channel, then by issue time: a
    // transferred ticket keeps the place its resident has already waited for.
    std::stable_sort(list.begin(), list.end(), [&window](const Ticket &a, const Ticket &b) {
        const bool aHere = !window.isEmpty() && a.targetWindow == window;
        const bool bHere = !window.isEmpty() && b.targetWindow == window;
        if (aHere != bHere)
            return aHere;
        if (a.isPriority() != b.isPriority())
            return a.isPriority();
        return a.issuedAt < b.issuedAt;
    });
    return list;
}

QList<Ticket> TicketQueue::parked() const
{
    QList<Ticket> list;
    std::copy_if(m_tickets.cbegin(), m_tickets.cend(), std::back_inserter(list),
                 [](const Ticket &ticket) { return ticket.state == TicketState::Parked; });
    return list;
}

QList<Ticket> TicketQueue::recentCalls(int count) const
{
    QList<Ticket> called;
    std::copy_if(m_tickets.cbegin(), m_tickets.cend(), std::back_inserter(called),
                 [](const Ticket &ticket) { return ticket.lastCalledAt.isValid(); });
    std::stable_sort(called.begin(), called.end(),
                     [](const Ticket &a, const Ticket &b) { return a.lastCalledAt > b.lastCalledAt; });
    if (called.size() > count)
        called.resize(count);
    return called;
}

TicketQueue::Result TicketQueue::call(Ticket &ticket, const QString &window, const QDateTime &now)
{
    ticket.state = TicketState::Called;
    ticket.window = window;
    ticket.targetWindow.clear();
    ++ticket.calls;
    if (!ticket.firstCalledAt.isValid())
        ticket.firstCalledAt = now;
    ticket.lastCalledAt = now;
    return {ticket, {}};
}

TicketQueue::Result TicketQueue::callNext(const QString &window, const QDateTime &now)
{
    if (const QString error = checkWindowFree(window); !error.isEmpty())
        return refuse(error);
    const QList<Ticket> queue = waiting(window);
    if (queue.isEmpty())
        return refuse(Tr::tr("Nobody is waiting for window %1.").arg(window));
    return call(*find(queue.first().number), window, now);
}

TicketQueue::Result TicketQueue::callNumber(const QString &window, const QString &number, const QDateTime &now)
{
    if (const QString error = checkWindowFree(window); !error.isEmpty())
        return refuse(error);
    Ticket *ticket = find(number.trimmed());
    if (!ticket)
        return refuse(Tr::tr("There is no ticket %1 today.").arg(number.trimmed()));
    if (ticket->state != TicketState::Waiting && ticket->state != TicketState::Parked)
        return refuse(Tr::tr("Ticket %1 cannot be called: it is %2.")
                          .arg(ticket->number, stateDisplayName(ticket->state)));
    return call(*ticket, window, now);
}

TicketQueue::Result TicketQueue::recall(const QString &window, const QDateTime &now)
{
    Ticket *ticket = current(window);
    if (!ticket || ticket->state != TicketState::Called)
        return refuse(Tr::tr("Window %1 has no called ticket to call again.").arg(window));
    return call(*ticket, window, now);
}

TicketQueue::Result TicketQueue::markNoShow(const QString &window, const QDateTime &now)
{
    Ticket *ticket = current(window);
    if (!ticket || ticket->state != TicketState::Called)
        return refuse(Tr::tr("Window %1 has no called ticket to give up.").arg(window));
    ticket->state = TicketState::NoShow;
    ticket->finishedAt = now;
    return {*ticket, {}};
}

TicketQueue::Result TicketQueue::park(const QString &window, const QDateTime &now)
{
    Q_UNUSED(now)
    Ticket *ticket = current(window);
    if (!ticket)
        return refuse(Tr::tr("Window %1 has no ticket to park.").arg(window));
    ticket->state = TicketState::Parked;
    return {*ticket, {}};
}

TicketQueue::Result TicketQueue::transferToWindow(const QString &window, const QString &targetWindow,
                                                  const QDateTime &now)
{
    Q_UNUSED(now)
    Ticket *ticket = current(window);
    if (!ticket)
        return refuse(Tr::tr("Window %1 has no ticket to transfer.").arg(window));
    if (!windowByCode(targetWindow))
        return refuse(Tr::tr("There is no window %1.").arg(targetWindow));
    if (targetWindow == window)
        return refuse(Tr::tr("A ticket cannot be transferred to the window it is at."));
    ticket->state = TicketState::Waiting;
    ticket->transferredFrom = window;
    ticket->targetWindow = targetWindow;
    ticket->window.clear();
    return {*ticket, {}};
}

TicketQueue::Result TicketQueue::transferToCategory(const QString &window, const QString &category,
                                                    const QDateTime &now)
{
    Q_UNUSED(now)
    Ticket *ticket = current(window);
    if (!ticket)
        return refuse(Tr::tr("Window %1 has no ticket to transfer.").arg(window));
    if (!hasCategory(category))
        return refuse(Tr::tr("There is no service category %1.").arg(category));
    ticket->state = TicketState::Waiting;
    ticket->transferredFrom = window;
    ticket->category = category;
    ticket->targetWindow.clear();
    ticket->window.clear();
    return {*ticket, {}};
}

TicketQueue::Result TicketQueue::startService(const QString &window, const QDateTime &now)
{
    Ticket *ticket = current(window);
    if (!ticket || ticket->state != TicketState::Called)
        return refuse(Tr::tr("Window %1 has no called ticket to serve.").arg(window));
    ticket->state = TicketState::Serving;
    ticket->startedAt = now;
    return {*ticket, {}};
}

TicketQueue::Result TicketQueue::finishService(const QString &window, const QString &caseId, const QDateTime &now)
{
    Ticket *ticket = current(window);
    if (!ticket || ticket->state != TicketState::Serving)
        return refuse(Tr::tr("Window %1 is not serving anyone.").arg(window));
    ticket->state = TicketState::Finished;
    ticket->finishedAt = now;
    ticket->caseId = caseId;
    return {*ticket, {}};
}

TicketQueue::Result TicketQueue::evaluate(const QString &number, Evaluation evaluation, const QString &reason)
{
    Ticket *ticket = find(number);
    if (!ticket)
        return refuse(Tr::tr("There is no ticket %1 today.").arg(number));
    if (ticket->state != TicketState::Finished)
        return refuse(Tr::tr("Only a finished service can be evaluated."));
    if (ticket->evaluation)
        return refuse(Tr::tr("Ticket %1 has already been evaluated.").arg(ticket->number));
    if (!reason.trimmed().isEmpty() && !isLowEvaluation(evaluation))
        return refuse(Tr::tr("A reason is recorded only with a dissatisfied evaluation."));
    ticket->evaluation = evaluation;
    ticket->evaluationReason = reason.trimmed();
    return {*ticket, {}};
}

QString TicketQueue::setWindowPaused(const QString &window, bool paused)
{
    if (!windowByCode(window))
        return Tr::tr("There is no window %1.").arg(window);
    if (paused) {
        if (const Ticket *open = currentTicket(window))
            return Tr::tr("Window %1 still has ticket %2; finish it first.").arg(window, open->number);
        if (!m_paused.contains(window))
            m_paused.append(window);
    } else {
        m_paused.removeAll(window);
    }
    return {};
}

} // namespace ow::queue
