// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/workingcalendar.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ow::core::Internal {

struct CalendarFile
{
    int year = 0;
    bool local = false;
    WorkingCalendar::Year contents;
};

// Parses and validates one calendar file; on failure a translated message
// naming `sourceName` and the offending entry.
std::optional<CalendarFile> parseCalendarFile(const QByteArray &json, const QString &sourceName,
                                              QString *error);

} // namespace ow::core::Internal
