// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/queue/queue_export.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::queue {

// Who may skip the line (绿色通道): residents with an appointment checking in,
// the elderly and the disabled go before ordinary tickets of their category.
enum class Priority { Normal, Appointment, Elderly, Disabled };

enum class TicketState {
    Waiting, // issued, or transferred and waiting again
    Called, // shown on the display; the resident walks to the window
    Serving, // service started at the window
    Parked, // 挂起: the resident went to fetch a document; called back later (回呼)
    Finished,
    NoShow, // 弃号: called and did not come
};

// 好差评: the five levels of the national evaluation standard.
enum class Evaluation { VerySatisfied = 5, Satisfied = 4, BasicallySatisfied = 3, Dissatisfied = 2, VeryDissatisfied = 1 };

// A service category tickets are issued for (e.g. A 综合受理, B 出件, C 咨询).
struct OW_QUEUE_EXPORT ServiceCategory
{
    QString code; // one letter or two; also the ticket number's prefix
    QString name;
};

// A service window and the categories it calls.
struct OW_QUEUE_EXPORT ServiceWindow
{
    QString code; // e.g. "03"; what the display shows
    QString name; // e.g. 3号窗口
    QStringList categories;
};

struct OW_QUEUE_EXPORT Ticket
{
    QString number; // "A012": category prefix and the day's sequence of that category
    QString category;
    Priority priority = Priority::Normal;
    TicketState state = TicketState::Waiting;
    QDateTime issuedAt;
    QString window; // the window that called or serves it; empty while waiting
    QString targetWindow; // transferred to this window (it calls it first); empty otherwise
    QString transferredFrom; // the window it was transferred from
    int calls = 0; // how often it was called (重呼 counts)
    QDateTime firstCalledAt;
    QDateTime lastCalledAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString caseId; // the case the service produced, if any
    std::optional<Evaluation> evaluation;
    QString evaluationReason;

    bool isPriority() const { return priority != Priority::Normal; }
    bool isOpen() const
    {
        return state == TicketState::Waiting || state == TicketState::Called || state == TicketState::Serving
            || state == TicketState::Parked;
    }
    // Seconds from issue to the first call; -1 before it. For supervision.
    qint64 waitingSeconds() const;
    // Seconds from the start of service to its end; -1 before it ends.
    qint64 serviceSeconds() const;
};

OW_QUEUE_EXPORT QString priorityName(Priority priority); // stable key: "normal", "elderly", ...
OW_QUEUE_EXPORT std::optional<Priority> priorityFromName(QStringView name);
OW_QUEUE_EXPORT QString priorityDisplayName(Priority priority);
OW_QUEUE_EXPORT QString stateName(TicketState state);
OW_QUEUE_EXPORT std::optional<TicketState> stateFromName(QStringView name);
OW_QUEUE_EXPORT QString stateDisplayName(TicketState state);
OW_QUEUE_EXPORT QString evaluationDisplayName(Evaluation evaluation); // 非常满意 … 非常不满意
OW_QUEUE_EXPORT QList<Evaluation> allEvaluations(); // best first
// The low levels, for which the resident may say why.
inline bool isLowEvaluation(Evaluation evaluation)
{
    return evaluation == Evaluation::Dissatisfied || evaluation == Evaluation::VeryDissatisfied;
}

} // namespace ow::queue
