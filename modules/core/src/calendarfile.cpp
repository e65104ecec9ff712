// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "calendarfile.h"

#include "ow/core/tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace ow::core::Internal {

namespace {

constexpr int formatVersion = 1;

class Parser
{
public:
    explicit Parser(const QString &sourceName)
        : m_source(sourceName)
    { }

    std::optional<CalendarFile> parse(const QByteArray &json);
    QString m_error;

private:
    bool fail(const QString &message)
    {
        m_error = Tr::tr("%1: %2").arg(m_source, message);
        return false;
    }
    bool parseHolidays(const QJsonValue &value);
    bool parseMakeupWorkdays(const QJsonValue &value);
    // A date in the file's year or next to it (a notice may move a January
    // make-up day into December); empty on error.
    QDate parseDate(const QJsonValue &value, const QString &where);
    bool checkUnused(const QDate &date);

    QString m_source;
    CalendarFile m_file;
};

std::optional<CalendarFile> Parser::parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(Tr::tr("not valid JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        fail(Tr::tr("a calendar file must contain a JSON object"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("version")).toInt(-1) != formatVersion) {
        fail(Tr::tr("unsupported calendar format: \"version\" must be %1").arg(formatVersion));
        return std::nullopt;
    }
    const QString scope = root.value(QLatin1String("scope")).toString(QStringLiteral("national"));
    if (scope != QLatin1String("national") && scope != QLatin1String("local")
        && scope != QLatin1String("provisional")) {
        fail(Tr::tr("\"scope\" must be \"national\", \"provisional\" or \"local\", not \"%1\"").arg(scope));
        return std::nullopt;
    }
    m_file.local = scope == QLatin1String("local");
    m_file.contents.provisional = scope == QLatin1String("provisional");
    const QJsonValue year = root.value(QLatin1String("year"));
    m_file.year = year.toInt(0);
    if (!year.isDouble() || year.toDouble() != m_file.year || m_file.year < 1900 || m_file.year > 9999) {
        fail(Tr::tr("\"year\" must be a year such as 2026"));
        return std::nullopt;
    }
    m_file.contents.source = root.value(QLatin1String("source")).toString();
    if (!parseHolidays(root.value(QLatin1String("holidays")))
        || !parseMakeupWorkdays(root.value(QLatin1String("makeupWorkdays")))) {
        return std::nullopt;
    }
    return m_file;
}

bool Parser::parseHolidays(const QJsonValue &value)
{
    if (!value.isArray())
        return fail(Tr::tr("\"holidays\" must be a list"));
    const QJsonArray holidays = value.toArray();
    for (qsizetype i = 0; i < holidays.size(); ++i) {
        const QJsonObject entry = holidays.at(i).toObject();
        Holiday holiday;
        holiday.name = entry.value(QLatin1String("name")).toString().trimmed();
        holiday.nameEn = entry.value(QLatin1String("nameEn")).toString().trimmed();
        const QString where = Tr::tr("holiday %1").arg(i + 1);
        if (holiday.name.isEmpty())
            return fail(Tr::tr("%1 has no \"name\"").arg(where));
        const QJsonArray days = entry.value(QLatin1String("days")).toArray();
        if (days.isEmpty())
            return fail(Tr::tr("%1 (%2) has no \"days\"").arg(where, holiday.name));
        for (const QJsonValue &day : days) {
            const QDate date = parseDate(day, holiday.name);
            if (!date.isValid() || !checkUnused(date))
                return false;
            m_file.contents.holidays.insert(date, holiday);
        }
    }
    return true;
}

bool Parser::parseMakeupWorkdays(const QJsonValue &value)
{
    if (value.isUndefined())
        return true; // some years have none
    if (!value.isArray())
        return fail(Tr::tr("\"makeupWorkdays\" must be a list"));
    const QString where = Tr::tr("make-up workdays");
    for (const QJsonValue &day : value.toArray()) {
        const QDate date = parseDate(day, where);
        if (!date.isValid() || !checkUnused(date))
            return false;
        // A make-up workday replaces a weekend day; anything else is a typo.
        if (date.dayOfWeek() < Qt::Saturday) {
            fail(
                Tr::tr("the make-up workday %1 is not a Saturday or Sunday").arg(date.toString(Qt::ISODate)));
            return false;
        }
        m_file.contents.makeupWorkdays.insert(date);
    }
    return true;
}

QDate Parser::parseDate(const QJsonValue &value, const QString &where)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!value.isString()) {
        fail(Tr::tr("%1: dates must be strings in the form YYYY-MM-DD").arg(where));
        return {};
    }
    const QString text = value.toString();
    const QDate date = pattern.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    if (!date.isValid()) {
        fail(Tr::tr("%1: “%2” is not a date in the form YYYY-MM-DD").arg(where, text));
        return {};
    }
    if (qAbs(date.year() - m_file.year) > 1) {
        fail(Tr::tr("%1: %2 is too far from the calendar's year %3").arg(where, text).arg(m_file.year));
        return {};
    }
    return date;
}

bool Parser::checkUnused(const QDate &date)
{
    const QString text = date.toString(Qt::ISODate);
    if (m_file.contents.holidays.contains(date))
        return fail(Tr::tr("%1 is already listed as a holiday (%2)")
                        .arg(text, m_file.contents.holidays.value(date).name));
    if (m_file.contents.makeupWorkdays.contains(date))
        return fail(Tr::tr("%1 is listed more than once as a make-up workday").arg(text));
    return true;
}

} // namespace

std::optional<CalendarFile> parseCalendarFile(const QByteArray &json, const QString &sourceName,
                                              QString *error)
{
    Parser parser(sourceName);
    auto file = parser.parse(json);
    if (!file && error)
        *error = parser.m_error;
    return file;
}

} // namespace ow::core::Internal
