// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QDateTime>
#include <QMutex>
#include <QString>
#include <QUuid>

#include <optional>

namespace ow::core {

// Time-ordered UUIDs (RFC 9562 version 7) for cases, events and devices:
// ids made on one device sort by creation, and ids made offline on
// different devices do not collide (74 bits from a CSPRNG).
class OW_CORE_EXPORT Uuid
{
public:
    // A new id from the process-wide generator; thread-safe.
    static QUuid createV7();
    // The same as lower-case text without braces, the form stored and sent.
    static QString createV7String();
    static QString toString(const QUuid &uuid);

    static bool isV7(const QUuid &uuid);
    // Milliseconds since the Unix epoch in a v7 id; nullopt for other versions.
    static std::optional<qint64> timestampMs(const QUuid &uuid);
    // The same as a UTC date-time; invalid for other versions.
    static QDateTime timestamp(const QUuid &uuid);
};

// Makes v7 ids that increase strictly, also within one millisecond and when
// the clock steps back: RFC 9562 §6.2 method 1, with the 12-bit rand_a field
// as a counter seeded randomly each millisecond. When the counter runs out
// the timestamp is advanced by a millisecond, which §6.2 allows.
// Uuid::createV7() uses one instance; tests drive one with their own clock.
class OW_CORE_EXPORT UuidV7Generator
{
public:
    // `unixMs`: the current time in milliseconds since the Unix epoch.
    QUuid next(qint64 unixMs);

private:
    QMutex m_mutex;
    qint64 m_lastMs = -1;
    quint16 m_counter = 0;
};

} // namespace ow::core
