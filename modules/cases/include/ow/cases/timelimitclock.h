// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"
#include "ow/cases/casestate.h"

#include <ow/core/workingcalendar.h>

#include <QDate>
#include <QString>

#include <optional>

namespace ow::cases {

// When a case turns yellow, and in which civil time its dates are counted.
struct OW_CASES_EXPORT ClockPolicy
{
    int yellowWorkingDays = 2; // yellow when this many working days or fewer remain
    double yellowFraction = 0.2; // ... or this share of the time limit or less
    // The centre's UTC offset: events are stamped in UTC, but a working day
    // is a local date. China Standard Time has no daylight saving time.
    int utcOffsetSeconds = 8 * 3600;
};

enum class ClockStatus {
    NotStarted, // not accepted yet: no time limit runs
    Running,
    Stopped, // supplement pending or suspended: the days do not count
    Finished, // concluded: the reading is as of the conclusion
    Uncertain, // a year the calendar does not know is involved
};

enum class ClockLight { None, Green, Yellow, Red };

OW_CASES_EXPORT QString clockStatusName(ClockStatus status); // "not-started", "running", ...
OW_CASES_EXPORT QString clockLightName(ClockLight light); // "none", "green", "yellow", "red"
OW_CASES_EXPORT QString clockLightDisplayName(ClockLight light); // translated

struct OW_CASES_EXPORT ClockReading
{
    ClockStatus status = ClockStatus::NotStarted;
    ClockLight light = ClockLight::None;
    QDate acceptedOn;
    // The last working day of the limit, moved on by every stopped working
    // day (while stopped: the deadline if the clock started again today).
    QDate deadline;
    int limitDays = 0;
    int stoppedDays = 0; // working days the clock stood still
    int usedDays = 0; // working days counted against the limit
    int remainingDays = 0; // negative when overdue
    bool overdue = false;
    int missingYear = 0; // for Uncertain
    QString message; // for Uncertain: translated explanation
};

// The time limit of a case (Administrative Licensing Law art. 42, 45, 82):
// counted in working days on the centre's calendar from the day after
// acceptance; the days of a supplement request (补正, from the day after the
// request up to the day the materials arrive) and of a suspension (中止) do
// not count. Always computed from the case and today, never stored, so it
// cannot go stale; a year without a calendar gives Uncertain, not a guess.
class OW_CASES_EXPORT TimeLimitClock
{
public:
    static ClockReading read(const CaseState &state, const QDate &today,
                             const core::WorkingCalendar &calendar, const ClockPolicy &policy = {});
    // The same from the case's events; nullopt and the fold's error if the
    // state machine rejects one of them.
    static std::optional<ClockReading> read(const QList<Event> &events, const QDate &today,
                                            const core::WorkingCalendar &calendar,
                                            const ClockPolicy &policy = {}, QString *error = nullptr);

    // The local date of a UTC time stamp under `policy`.
    static QDate localDate(const QDateTime &utc, const ClockPolicy &policy = {});
};

} // namespace ow::cases
