// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/server_export.h"
#include "ow/server/serverconfig.h"

#include <QString>

#include <memory>

namespace ow::server {

namespace Internal {
class StockRangesPrivate;
}

// Issuing ranges of pre-printed certificate paper (套打纸编号段) to offices,
// straight in the server's database, for onewindow-admin stock-issue (the
// API's POST /stock/ranges does the same for a signed-in administrator).
class OW_SERVER_EXPORT StockRanges
{
public:
    StockRanges();
    ~StockRanges();
    StockRanges(const StockRanges &) = delete;
    StockRanges &operator=(const StockRanges &) = delete;

    // `config` needs dataDir (an existing embedded store) or databaseUrl.
    bool open(const ServerConfig &config, QString *error);

    struct Range
    {
        QString office;
        QString certificateType; // empty: any
        QString prefix;
        qint64 first = 0;
        qint64 last = 0;
        int width = 7;
        // Set by issue():
        QString rangeId;
        QString firstSerial;
        QString lastSerial;
    };
    enum class Outcome { Issued, Invalid, Overlap, Failed };
    // Validates and issues `range` in one transaction; anything but Issued
    // leaves the database as it was, with one translated line in `error`.
    Outcome issue(Range &range, QString *error);

private:
    std::unique_ptr<Internal::StockRangesPrivate> d;
};

} // namespace ow::server
