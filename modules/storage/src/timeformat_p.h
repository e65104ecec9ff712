// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QVariant>

namespace ow::storage::Internal {

// How the repositories store dates and times: ISO 8601 text that sorts in time
// order, UTC date-times with milliseconds ("2026-03-15T08:30:00.000Z").
QString dateTimeText(const QDateTime &dateTime);
QString nowText();
QString dateText(const QDate &date);
QDateTime parseDateTime(const QVariant &value);
QDate parseDate(const QVariant &value);
// A null QVariant of type QString for an empty text, so that it binds NULL.
QVariant textOrNull(const QString &text);

} // namespace ow::storage::Internal
