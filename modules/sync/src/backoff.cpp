// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace ow::sync {

qint64 Backoff::ceilingMs(int failures) const
{
    if (failures <= 0)
        return 0;
    qint64 delay = m_initialMs;
    for (int i = 1; i < failures && delay < m_maximumMs; ++i)
        delay *= 2;
    return std::min(delay, m_maximumMs);
}

qint64 Backoff::delayMs(int failures, double unitRandom) const
{
    const qint64 ceiling = ceilingMs(failures);
    const double r = std::clamp(unitRandom, 0.0, 1.0);
    return ceiling / 2 + qint64(double(ceiling - ceiling / 2) * r);
}

qint64 Backoff::delayMs(int failures) const
{
    return delayMs(failures, QRandomGenerator::global()->generateDouble());
}

} // namespace ow::sync
