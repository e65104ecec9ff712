// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/timelimitclock.h"

#include "ow/cases/statemachine.h"
#include "ow/cases/tr.h"

#include <algorithm>

namespace ow::cases {

namespace {

ClockReading uncertain(ClockReading reading, int missingYear)
{
    reading.status = ClockStatus::Uncertain;
    reading.light = ClockLight::None;
    reading.missingYear = missingYear;
    reading.message = core::WorkingCalendar::missingYearMessage(missingYear);
    return reading;
}

} // namespace

QString clockStatusName(ClockStatus status)
{
    switch (status) {
    case ClockStatus::NotStarted:
        return QStringLiteral("not-started");
    case ClockStatus::Running:
        return QStringLiteral("running");
    case ClockStatus::Stopped:
        return QStringLiteral("stopped");
    case ClockStatus::Finished:
        return QStringLiteral("finished");
    case ClockStatus::Uncertain:
        break;
    }
    return QStringLiteral("uncertain");
}

QString clockLightName(ClockLight light)
{
    switch (light) {
    case ClockLight::Green:
        return QStringLiteral("green");
    case ClockLight::Yellow:
        return QStringLiteral("yellow");
    case ClockLight::Red:
        return QStringLiteral("red");
    case ClockLight::None:
        break;
    }
    return QStringLiteral("none");
}

QString clockLightDisplayName(ClockLight light)
{
    switch (light) {
    case ClockLight::Green:
        return Tr::tr("Within the time limit");
    case ClockLight::Yellow:
        return Tr::tr("Time limit near");
    case ClockLight::Red:
        return Tr::tr("Overdue");
    case ClockLight::None:
        break;
    }
    return Tr::tr("No time limit running");
}

QDate TimeLimitClock::localDate(const QDateTime &utc, const ClockPolicy &policy)
{
    return utc.toUTC().addSecs(policy.utcOffsetSeconds).date();
}

ClockReading TimeLimitClock::read(const CaseState &state, const QDate &today,
                                  const core::WorkingCalendar &calendar, const ClockPolicy &policy)
{
    ClockReading reading;
    reading.limitDays = state.timeLimitDays;
    if (!state.acceptedAt.isValid())
        return reading;
    reading.acceptedOn = localDate(state.acceptedAt, policy);

    const bool finished = isConcluded(state.status) && state.concludedAt.isValid();
    QDate end = finished ? localDate(state.concludedAt, policy) : today;
    if (end < reading.acceptedOn) // a device clock behind the acceptance stamp
        end = reading.acceptedOn;

    int missingYear = 0;
    for (const ClockStop &stop : state.clockStops) {
        const QDate from = localDate(stop.from, policy);
        const QDate to = stop.isOpen() ? end : std::min(localDate(stop.to, policy), end);
        if (to <= from)
            continue;
        const auto days = calendar.workingDaysBetween(from, to, &missingYear);
        if (!days)
            return uncertain(reading, missingYear);
        reading.stoppedDays += *days;
    }
    const auto elapsed = calendar.workingDaysBetween(reading.acceptedOn, end, &missingYear);
    if (!elapsed)
        return uncertain(reading, missingYear);
    const auto deadline
        = calendar.addWorkingDays(reading.acceptedOn, reading.limitDays + reading.stoppedDays, &missingYear);
    if (!deadline)
        return uncertain(reading, missingYear);

    reading.deadline = *deadline;
    reading.usedDays = *elapsed - reading.stoppedDays;
    reading.remainingDays = reading.limitDays - reading.usedDays;
    reading.overdue = reading.remainingDays < 0;
    reading.status = finished    ? ClockStatus::Finished
        : state.isClockStopped() ? ClockStatus::Stopped
                                 : ClockStatus::Running;
    if (reading.overdue)
        reading.light = ClockLight::Red;
    else if (!finished
             && (reading.remainingDays <= policy.yellowWorkingDays
                 || reading.remainingDays <= policy.yellowFraction * reading.limitDays))
        reading.light = ClockLight::Yellow;
    else
        reading.light = ClockLight::Green;
    return reading;
}

std::optional<ClockReading> TimeLimitClock::read(const QList<Event> &events, const QDate &today,
                                                 const core::WorkingCalendar &calendar,
                                                 const ClockPolicy &policy, QString *error)
{
    const CaseStateMachine::FoldResult fold = CaseStateMachine::fold(events);
    if (!fold.isValid()) {
        if (error)
            *error = fold.error;
        return std::nullopt;
    }
    return read(fold.state, today, calendar, policy);
}

} // namespace ow::cases
