// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QList>

#include <QFile>
#include <QString>

#include <algorithm>
#include <ctime>

namespace ow::bench {

struct Percentiles
{
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    int samples = 0;
};

inline Percentiles percentiles(QList<qint64> nanoseconds)
{
    if (nanoseconds.isEmpty())
        return {};
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const auto at = [&nanoseconds](double quantile) {
        const qsizetype i
            = std::min(nanoseconds.size() - 1, qsizetype(quantile * double(nanoseconds.size())));
        return double(nanoseconds.at(i)) / 1e6;
    };
    return {at(0.50), at(0.95), at(0.99), double(nanoseconds.constLast()) / 1e6, int(nanoseconds.size())};
}

// CPU time of the calling thread, ns: what a sample cost the GUI thread, apart from waiting for the
// CPU (the machine is shared), for the disk or for fsync.
inline qint64 threadCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// The 1, 5 and 15 minute load averages, as /proc/loadavg has them.
inline QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

} // namespace ow::bench
