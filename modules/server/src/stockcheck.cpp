// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "stockcheck.h"

#include "eventlog.h"

#include "ow/server/tr.h"

namespace ow::server::Internal {

using cases::Event;
using cases::EventType;

StockCheck::StockCheck(QSqlDatabase db, SqlDialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{ }

QString StockCheck::serialOf(const Event &event)
{
    return event.type == EventType::Printed ? event.payload.value(QStringLiteral("stockSerial")).toString()
                                            : QString();
}

bool StockCheck::load(const QList<const Event *> &events, const QString &office, QString *error)
{
    QStringList serials;
    for (const Event *event : events) {
        if (const QString serial = serialOf(*event); !serial.isEmpty() && !serials.contains(serial))
            serials.append(serial);
    }
    if (serials.isEmpty())
        return true;
    StockStore stock(m_db, m_dialect);
    if (!m_ranges.contains(office)) {
        auto ranges = stock.ranges(office, error);
        if (!ranges)
            return false;
        m_ranges.insert(office, *ranges);
    }
    auto uses = stock.uses(serials, error);
    if (!uses)
        return false;
    // What the round used already is newer than what the database holds.
    for (auto use = uses->cbegin(); use != uses->cend(); ++use) {
        if (!m_uses.contains(use.key()))
            m_uses.insert(use.key(), use.value());
    }
    return true;
}

std::pair<QString, QString> StockCheck::problem(const Event &event) const
{
    const QString serial = serialOf(event);
    if (serial.isEmpty())
        return {};
    const QString used = QStringLiteral("stock_serial_used");
    const QList<StockRange> ranges = m_ranges.value(event.actor.officeCode);
    if (!StockStore::rangeOf(ranges, serial))
        return {QStringLiteral("stock_serial_not_issued"),
                Tr::tr("Stock serial %1 was not issued to office %2: print on a sheet from a range issued to "
                       "this office.")
                    .arg(serial, event.actor.officeCode)};
    const auto use = m_uses.constFind(serial);
    if (use == m_uses.constEnd())
        return {};
    if (use->voided && use->eventId.isEmpty())
        return {used,
                Tr::tr("Stock serial %1 was voided (%2) and cannot be used again.").arg(serial, use->reason)};
    if (use->voided)
        return {
            used,
            Tr::tr("Stock serial %1 was spoiled in an earlier print and cannot be used again.").arg(serial)};
    return {used,
            Tr::tr("Stock serial %1 was already used to print certificate %2; each sheet is printed once.")
                .arg(serial, use->certificateId)};
}

void StockCheck::recordAccepted(const Event &event, const QString &receivedAt)
{
    const QString serial = serialOf(event);
    if (serial.isEmpty())
        return;
    SerialUse use;
    use.serial = serial;
    use.office = event.actor.officeCode;
    use.voided = event.payload.value(QStringLiteral("spoiled")).toBool();
    use.eventId = event.id;
    use.certificateId = event.payload.value(QStringLiteral("certificateId")).toString();
    use.reason = event.payload.value(QStringLiteral("reason")).toString();
    m_uses.insert(serial, use);
    m_rows << use.serial << use.office << (use.voided ? 1 : 0) << use.eventId << use.certificateId
           << use.reason << event.actor.userId << receivedAt;
}

void StockCheck::addWrites(SqlWrites &writes) const
{
    writes.addFewRows(StockStore::insertHead(), 8, m_rows);
}

} // namespace ow::server::Internal
