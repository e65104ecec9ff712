// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"
#include "stockstore.h"

#include <ow/cases/event.h>

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <utility>

namespace ow::server::Internal {

class SqlWrites;

// The stock checks of one push round (docs/sync-api.md, Print log): reads the
// pushing offices' ranges and the serials the round's printed events cite once,
// answers for each printed event, and keeps the serials the round uses for
// addWrites(). An accepted print uses its serial at once, also for the rest of
// the round.
class StockCheck
{
public:
    StockCheck(QSqlDatabase db, SqlDialect dialect);

    // The stock serial a printed event used (payload "stockSerial"), if any.
    static QString serialOf(const cases::Event &event);

    // `events`: parsed events pushed by `office` (called once per pushing office).
    bool load(const QList<const cases::Event *> &events, const QString &office, QString *error);
    // Why the event's serial cannot be used: (stock_serial_not_issued |
    // stock_serial_used, translated reason); an empty code when it can (or it cites none).
    std::pair<QString, QString> problem(const cases::Event &event) const;
    // After the event was accepted: its serial is used (voided when the print was spoiled).
    void recordAccepted(const cases::Event &event, const QString &receivedAt);
    void addWrites(SqlWrites &writes) const;

private:
    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QHash<QString, QList<StockRange>> m_ranges; // by office
    QHash<QString, SerialUse> m_uses;
    QVariantList m_rows;
};

} // namespace ow::server::Internal
