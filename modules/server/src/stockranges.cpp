// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/server/stockranges.h"
#include "ow/server/tr.h"

#include "authstore.h"
#include "serverdatabase.h"
#include "serverschema.h"
#include "stockstore.h"

namespace ow::server {

namespace Internal {

class StockRangesPrivate
{
public:
    ServerDatabase database;
    bool opened = false;
};

} // namespace Internal

StockRanges::StockRanges()
    : d(std::make_unique<Internal::StockRangesPrivate>())
{ }

StockRanges::~StockRanges() = default;

bool StockRanges::open(const ServerConfig &config, QString *error)
{
    if (!d->database.open(config, error, false))
        return false;
    QSqlDatabase db = d->database.database();
    d->opened = Internal::migrateComponent(db, d->database.dialect(), QStringLiteral("auth"),
                                           Internal::authMigrations(), error)
        && Internal::migrateComponent(db, d->database.dialect(), QStringLiteral("stock"),
                                      Internal::stockMigrations(), error);
    return d->opened;
}

StockRanges::Outcome StockRanges::issue(Range &range, QString *error)
{
    if (!d->opened) {
        *error = Tr::tr("The server database is not open.");
        return Outcome::Failed;
    }
    Internal::StockRange stock;
    stock.office = range.office;
    stock.certificateType = range.certificateType;
    stock.prefix = range.prefix;
    stock.first = range.first;
    stock.last = range.last;
    stock.width = range.width;
    stock.issuedBy = QStringLiteral("onewindow-admin");
    QString field;
    if (const QString problem = stock.problem(&field); !problem.isEmpty()) {
        *error = problem;
        return Outcome::Invalid;
    }
    QString detail;
    switch (Internal::StockStore(d->database.database(), d->database.dialect()).issue(stock, &detail)) {
    case Internal::StockStore::Outcome::Done:
        range.rangeId = stock.rangeId;
        range.firstSerial = stock.serial(stock.first);
        range.lastSerial = stock.serial(stock.last);
        return Outcome::Issued;
    case Internal::StockStore::Outcome::UnknownOffice:
        *error = detail;
        return Outcome::Invalid;
    case Internal::StockStore::Outcome::Overlap:
        *error = detail;
        return Outcome::Overlap;
    default:
        *error = Tr::tr("The server database is not available: %1").arg(detail);
        return Outcome::Failed;
    }
}

} // namespace ow::server
