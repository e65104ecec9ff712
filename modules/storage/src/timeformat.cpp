// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "timeformat_p.h"

namespace ow::storage::Internal {

namespace {

// Formatting by hand: QDateTime::toString() with a format costs as much as the insert it serves.
void appendNumber(QString *text, int value, int width)
{
    QChar digits[4];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = QChar(u'0' + value % 10);
        value /= 10;
    }
    text->append(digits, width);
}

} // namespace

QString dateTimeText(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QDateTime utc = dateTime.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    if (date.year() < 0 || date.year() > 9999)
        return utc.toString(Qt::ISODateWithMs);
    QString text;
    text.reserve(24);
    appendNumber(&text, date.year(), 4);
    text.append(u'-');
    appendNumber(&text, date.month(), 2);
    text.append(u'-');
    appendNumber(&text, date.day(), 2);
    text.append(u'T');
    appendNumber(&text, time.hour(), 2);
    text.append(u':');
    appendNumber(&text, time.minute(), 2);
    text.append(u':');
    appendNumber(&text, time.second(), 2);
    text.append(u'.');
    appendNumber(&text, time.msec(), 3);
    text.append(u'Z');
    return text;
}

QString nowText()
{
    return dateTimeText(QDateTime::currentDateTimeUtc());
}

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QDateTime parseDateTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QDate parseDate(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDate::fromString(value.toString(), Qt::ISODate);
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace ow::storage::Internal
