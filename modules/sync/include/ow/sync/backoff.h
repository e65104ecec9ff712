// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"

#include <QtGlobal>

namespace ow::sync {

// When to try again after failed sync runs: exponential, capped, with
// jitter so that the offices of a county that lost the link together do not
// all come back in the same second. After n failures the delay is drawn
// from [d/2, d] where d = min(initial * 2^(n-1), maximum).
class OW_SYNC_EXPORT Backoff
{
public:
    Backoff(qint64 initialMs = 15'000, qint64 maximumMs = 30 * 60'000)
        : m_initialMs(initialMs)
        , m_maximumMs(maximumMs)
    { }

    // The upper bound d for `failures` (>= 1) consecutive failures.
    qint64 ceilingMs(int failures) const;
    // A delay in [ceilingMs / 2, ceilingMs]; `unitRandom` in [0, 1) picks it.
    qint64 delayMs(int failures, double unitRandom) const;
    // The same with a random draw.
    qint64 delayMs(int failures) const;

    qint64 initialMs() const { return m_initialMs; }
    qint64 maximumMs() const { return m_maximumMs; }

private:
    qint64 m_initialMs;
    qint64 m_maximumMs;
};

} // namespace ow::sync
