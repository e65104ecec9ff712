// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::server::Internal {

// A range of serial numbers of pre-printed certificate paper (套打纸编号段)
// issued to one office. Serial = prefix + number zero-padded to width.
struct StockRange
{
    QString rangeId; // UUIDv7, assigned on issue
    QString office;
    QString certificateType; // empty: any
    QString prefix;
    qint64 first = 0;
    qint64 last = 0;
    int width = 7;
    QString issuedAt; // RFC 3339
    QString issuedBy; // user id or "onewindow-admin"

    // The number `serial` stands for when it lies in this range.
    std::optional<qint64> numberOf(const QString &serial) const;
    QString serial(qint64 number) const;
    QJsonObject toJson() const;
    // What is wrong with the range as given (translated), and the field; empty when valid.
    QString problem(QString *field) const;
};

// A serial that can no longer be printed on: used by a printed event, or voided.
struct SerialUse
{
    QString serial;
    QString office;
    bool voided = false; // a blank voided through the API or a spoiled print
    QString eventId; // the printed event, if any
    QString certificateId;
    QString reason;
};

// Issued ranges and used serials ("stock" component). The push path reads
// through it and writes its rows with the batch (stock_serials); the stock API
// and onewindow-admin stock-issue use the rest.
class StockStore
{
public:
    StockStore(QSqlDatabase db, SqlDialect dialect);

    std::optional<QList<StockRange>> ranges(const QString &office, QString *error);
    // The uses of `serials` by serial.
    std::optional<QHash<QString, SerialUse>> uses(const QStringList &serials, QString *error);
    // All used and voided serials of an office.
    std::optional<QList<SerialUse>> usesOfOffice(const QString &office, QString *error);

    enum class Outcome { Done, UnknownOffice, Overlap, NotIssued, AlreadyUsed, Failed };
    // Issues `range` (validated by the caller) in one transaction; fills rangeId and issuedAt.
    // Overlap: a range with the same prefix shares a number (`error` names it).
    Outcome issue(StockRange &range, QString *error);
    // Voids a blank sheet of `office`'s stock.
    Outcome voidSerial(const QString &office, const QString &serial, const QString &reason,
                       const QString &userId, QString *error);

    // The range of `ranges` that `serial` belongs to, if any.
    static const StockRange *rangeOf(const QList<StockRange> &ranges, const QString &serial);
    // The INSERT head of stock_serials (8 columns: serial, office_code, voided, event_id,
    // certificate_id, reason, recorded_by, recorded_at) for SqlWrites::addRows.
    static QString insertHead();

private:
    QSqlDatabase m_db;
    SqlDialect m_dialect;
};

QList<ServerMigration> stockMigrations();

} // namespace ow::server::Internal
