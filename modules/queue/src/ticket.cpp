// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/queue/ticket.h"
#include "ow/queue/tr.h"

#include <array>
#include <utility>

namespace ow::queue {

namespace {

constexpr std::array kPriorityNames{
    std::pair{Priority::Normal, "normal"},
    std::pair{Priority::Appointment, "appointment"},
    std::pair{Priority::Elderly, "elderly"},
    std::pair{Priority::Disabled, "disabled"},
};

constexpr std::array kStateNames{
    std::pair{TicketState::Waiting, "waiting"}, std::pair{TicketState::Called, "called"},
    std::pair{TicketState::Serving, "serving"}, std::pair{TicketState::Parked, "parked"},
    std::pair{TicketState::Finished, "finished"}, std::pair{TicketState::NoShow, "no-show"},
};

template<typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[key, name] : table) {
        if (key == value)
            return QLatin1String(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &table, QStringView name)
{
    for (const auto &[key, text] : table) {
        if (name == QLatin1String(text))
            return key;
    }
    return std::nullopt;
}

} // namespace

qint64 Ticket::waitingSeconds() const
{
    return firstCalledAt.isValid() ? issuedAt.secsTo(firstCalledAt) : -1;
}

qint64 Ticket::serviceSeconds() const
{
    return startedAt.isValid() && finishedAt.isValid() ? startedAt.secsTo(finishedAt) : -1;
}

QString priorityName(Priority priority)
{
    return nameOf(kPriorityNames, priority);
}

std::optional<Priority> priorityFromName(QStringView name)
{
    return valueOf(kPriorityNames, name);
}

QString priorityDisplayName(Priority priority)
{
    switch (priority) {
    case Priority::Normal:
        return Tr::tr("Ordinary");
    case Priority::Appointment:
        return Tr::tr("Appointment");
    case Priority::Elderly:
        return Tr::tr("Elderly");
    case Priority::Disabled:
        return Tr::tr("Disabled");
    }
    return {};
}

QString stateName(TicketState state)
{
    return nameOf(kStateNames, state);
}

std::optional<TicketState> stateFromName(QStringView name)
{
    return valueOf(kStateNames, name);
}

QString stateDisplayName(TicketState state)
{
    switch (state) {
    case TicketState::Waiting:
        return Tr::tr("Waiting");
    case TicketState::Called:
        return Tr::tr("Called");
    case TicketState::Serving:
        return Tr::tr("Being served");
    case TicketState::Parked:
        return Tr::tr("Parked");
    case TicketState::Finished:
        return Tr::tr("Finished");
    case TicketState::NoShow:
        return Tr::tr("No-show");
    }
    return {};
}

QString evaluationDisplayName(Evaluation evaluation)
{
    switch (evaluation) {
    case Evaluation::VerySatisfied:
        return Tr::tr("Very satisfied");
    case Evaluation::Satisfied:
        return Tr::tr("Satisfied");
    case Evaluation::BasicallySatisfied:
        return Tr::tr("Basically satisfied");
    case Evaluation::Dissatisfied:
        return Tr::tr("Dissatisfied");
    case Evaluation::VeryDissatisfied:
        return Tr::tr("Very dissatisfied");
    }
    return {};
}

QList<Evaluation> allEvaluations()
{
    return {Evaluation::VerySatisfied, Evaluation::Satisfied, Evaluation::BasicallySatisfied,
            Evaluation::Dissatisfied, Evaluation::VeryDissatisfied};
}

} // namespace ow::queue
