// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/workingcalendar.h"

#include "calendarfile.h"
#include "ow/core/tr.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QStringList>

namespace ow::core {

namespace {

bool isWorking(WorkingCalendar::DayKind kind)
{
    return kind == WorkingCalendar::DayKind::Workday || kind == WorkingCalendar::DayKind::MakeupWorkday;
}

// A date lies in at most three national files: its own year's and, near the
// turn of the year, a neighbour's.
template<typename Fn>
auto findInYears(const QMap<int, WorkingCalendar::Year> &years, const QDate &date, Fn fn)
{
    for (int y : {date.year(), date.year() - 1, date.year() + 1}) {
        const auto it = years.constFind(y);
        if (it == years.cend())
            continue;
        if (auto found = fn(*it))
            return found;
    }
    return decltype(fn(years.first())) {};
}

} // namespace

QString Holiday::displayName() const
{
    if (nameEn.isEmpty() || QLocale().language() == QLocale::Chinese)
        return name;
    return nameEn;
}

WorkingCalendar WorkingCalendar::builtIn()
{
    WorkingCalendar calendar;
    QString error;
    if (!calendar.loadDirectory(QStringLiteral(":/calendar"), &error))
        qWarning("built-in working calendar: %s", qPrintable(error));
    return calendar;
}

bool WorkingCalendar::loadJson(const QByteArray &json, const QString &sourceName, QString *error)
{
    const auto file = Internal::parseCalendarFile(json, sourceName, error);
    if (!file)
        return false;
    if (file->local) {
        for (auto it = file->contents.holidays.cbegin(); it != file->contents.holidays.cend(); ++it)
            m_local.holidays.insert(it.key(), it.value());
        m_local.makeupWorkdays.unite(file->contents.makeupWorkdays);
        return true;
    }
    // The notice, once loaded, stands whatever order the files come in.
    if (file->contents.provisional && m_years.contains(file->year) && !m_years.value(file->year).provisional)
        return true;
    // A day both a holiday in one notice and a workday in another means one
    // of the files is wrong; refuse rather than pick one.
    for (auto it = m_years.cbegin(); it != m_years.cend(); ++it) {
        if (it.key() == file->year)
            continue;
        for (const QDate &d : file->contents.makeupWorkdays) {
            if (it->holidays.contains(d)) {
                if (error) {
                    *error = Tr::tr("%1: %2 is a make-up workday here but a holiday in the calendar for %3")
                                 .arg(sourceName, d.toString(Qt::ISODate))
                                 .arg(it.key());
                }
                return false;
            }
        }
        for (auto h = file->contents.holidays.cbegin(); h != file->contents.holidays.cend(); ++h) {
            if (it->makeupWorkdays.contains(h.key())) {
                if (error) {
                    *error = Tr::tr("%1: %2 is a holiday here but a make-up workday in the calendar for %3")
                                 .arg(sourceName, h.key().toString(Qt::ISODate))
                                 .arg(it.key());
                }
                return false;
            }
        }
    }
    m_years.insert(file->year, file->contents);
    return true;
}

bool WorkingCalendar::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("%1: cannot read the calendar file: %2").arg(path, file.errorString());
        return false;
    }
    return loadJson(file.readAll(), path, error);
}

bool WorkingCalendar::loadDirectory(const QString &directory, QString *error)
{
    const QDir dir(directory);
    if (!dir.exists()) {
        if (error)
            *error = Tr::tr("%1: the calendar folder does not exist").arg(directory);
        return false;
    }
    QStringList errors;
    const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QString fileError;
        if (!loadFile(dir.filePath(name), &fileError))
            errors.append(fileError);
    }
    if (error)
        *error = errors.join(QLatin1Char('\n'));
    return errors.isEmpty();
}

void WorkingCalendar::addLocalHoliday(const QDate &date, const Holiday &holiday)
{
    if (!date.isValid())
        return;
    m_local.makeupWorkdays.remove(date);
    m_local.holidays.insert(date, holiday);
}

WorkingCalendar::DayKind WorkingCalendar::dayKind(const QDate &date) const
{
    if (!date.isValid() || !covers(date))
        return DayKind::Unknown;
    // The centre's own days take precedence over the national notice.
    if (m_local.holidays.contains(date))
        return DayKind::Holiday;
    if (m_local.makeupWorkdays.contains(date))
        return DayKind::MakeupWorkday;
    const auto national = findInYears(m_years, date, [&date](const Year &year) -> std::optional<DayKind> {
        if (year.holidays.contains(date))
            return DayKind::Holiday;
        if (year.makeupWorkdays.contains(date))
            return DayKind::MakeupWorkday;
        return std::nullopt;
    });
    if (national)
        return *national;
    return date.dayOfWeek() >= Qt::Saturday ? DayKind::Weekend : DayKind::Workday;
}

std::optional<bool> WorkingCalendar::isWorkingDay(const QDate &date) const
{
    const DayKind kind = dayKind(date);
    if (kind == DayKind::Unknown)
        return std::nullopt;
    return isWorking(kind);
}

std::optional<Holiday> WorkingCalendar::holiday(const QDate &date) const
{
    if (dayKind(date) != DayKind::Holiday)
        return std::nullopt;
    const auto local = m_local.holidays.constFind(date);
    if (local != m_local.holidays.cend())
        return *local;
    return findInYears(m_years, date, [&date](const Year &year) -> std::optional<Holiday> {
        const auto it = year.holidays.constFind(date);
        return it != year.holidays.cend() ? std::optional<Holiday>(*it) : std::nullopt;
    });
}

std::optional<QDate> WorkingCalendar::addWorkingDays(const QDate &start, int n, int *missingYear) const
{
    const int step = n < 0 ? -1 : 1;
    QDate date = start;
    for (int remaining = qAbs(n); remaining > 0;) {
        date = date.addDays(step);
        const DayKind kind = dayKind(date);
        if (kind == DayKind::Unknown) {
            if (missingYear)
                *missingYear = date.year();
            return std::nullopt;
        }
        if (isWorking(kind))
            --remaining;
    }
    return date;
}

std::optional<int> WorkingCalendar::workingDaysBetween(const QDate &from, const QDate &to,
                                                       int *missingYear) const
{
    const bool backwards = to < from;
    const QDate first = backwards ? to : from;
    const QDate last = backwards ? from : to;
    int count = 0;
    for (QDate date = first.addDays(1); date <= last; date = date.addDays(1)) {
        const DayKind kind = dayKind(date);
        if (kind == DayKind::Unknown) {
            if (missingYear)
                *missingYear = date.year();
            return std::nullopt;
        }
        if (isWorking(kind))
            ++count;
    }
    return backwards ? -count : count;
}

QString WorkingCalendar::missingYearMessage(int year)
{
    return Tr::tr("no working-day calendar is loaded for %1, so time limits reaching into that year "
                  "cannot be computed; add the holiday calendar for %1")
        .arg(year);
}

} // namespace ow::core
