// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <optional>

namespace ow::core {

struct OW_CORE_EXPORT Holiday
{
    QString name; // Chinese, as in the State Council notice
    QString nameEn;
    // nameEn unless the default QLocale is Chinese (or nameEn is empty).
    QString displayName() const;
};

// The working days of a service centre: Monday to Friday, minus the public
// holidays, plus the make-up workdays (调休) of the State Council's yearly
// notice, plus the centre's local holidays.
//
// Holidays are only known one year at a time, from calendar files (see
// docs in resources/calendar/README.md). For a date in a year with no national
// calendar loaded the calendar does not guess: the queries return nullopt and
// name the missing year, and time limits reaching into that year are
// uncertain until the centre adds the new year's file.
//
// Time limits follow the Civil Code art. 201 and the Administrative Licensing
// Law art. 82: the day an application is accepted is not counted, and only
// working days are. addWorkingDays(accepted, 20) is the last day of a
// 20-working-day limit.
class OW_CORE_EXPORT WorkingCalendar
{
public:
    enum class DayKind { Unknown, Workday, Weekend, Holiday, MakeupWorkday };

    // A calendar with no years loaded (every query answers "unknown").
    WorkingCalendar() = default;
    // The national calendars shipped with OneWindow (resource prefix /calendar).
    static WorkingCalendar builtIn();

    // Load a calendar file's contents, all-or-nothing. A national calendar for
    // a year already loaded replaces it, so a centre can correct a shipped one;
    // a provisional one never replaces a national one.
    // On error `error` gets a translated message starting with `sourceName`.
    bool loadJson(const QByteArray &json, const QString &sourceName, QString *error = nullptr);
    bool loadFile(const QString &path, QString *error = nullptr);
    // Loads every *.json file in `directory`, in name order. Valid files are
    // loaded even if others fail; `error` then lists the failures, one per line.
    bool loadDirectory(const QString &directory, QString *error = nullptr);
    // A centre's own closure day (e.g. a local ethnic festival).
    void addLocalHoliday(const QDate &date, const Holiday &holiday);

    // Years with a national calendar, ascending.
    QList<int> years() const { return m_years.keys(); }
    bool covers(const QDate &date) const { return m_years.contains(date.year()); }
    // True when the year is known only provisionally (statutory holidays,
    // no 调休 yet): its time limits may move when the notice is loaded.
    bool isProvisional(int year) const { return m_years.value(year).provisional; }

    DayKind dayKind(const QDate &date) const;
    std::optional<bool> isWorkingDay(const QDate &date) const;
    std::optional<Holiday> holiday(const QDate &date) const;

    // The n-th working day after `start` (before it for negative n); `start`
    // itself is never counted and n = 0 gives `start`. Nullopt, and the year
    // in `missingYear`, if a day on the way has no calendar.
    std::optional<QDate> addWorkingDays(const QDate &start, int n, int *missingYear = nullptr) const;
    // Working days in (from, to]; negative if `to` is before `from`. So
    // workingDaysBetween(d, addWorkingDays(d, n)) == n.
    std::optional<int> workingDaysBetween(const QDate &from, const QDate &to,
                                          int *missingYear = nullptr) const;

    // Translated explanation for a missing year, for the user.
    static QString missingYearMessage(int year);

    // The contents of one calendar file.
    struct Year
    {
        QString source;
        QHash<QDate, Holiday> holidays;
        QSet<QDate> makeupWorkdays;
        // Made from the statutory holidays before the State Council's notice
        // for the year was out: any national file for the year replaces it.
        bool provisional = false;
    };

private:
    QMap<int, Year> m_years;
    Year m_local;
};

} // namespace ow::core
