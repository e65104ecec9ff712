// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "stockstore.h"

#include "eventlog.h"

#include "ow/server/tr.h"

#include <ow/cases/event.h>
#include <ow/core/uuid.h>

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

namespace {

constexpr int kMaxWidth = 15; // 10^15 - 1 is still exact in a JSON number (a double)

qint64 largest(int width)
{
    qint64 value = 1;
    for (int i = 0; i < width; ++i)
        value *= 10;
    return value - 1;
}

SerialUse readUse(const QSqlQuery &query)
{
    SerialUse use;
    use.serial = query.value(0).toString();
    use.office = query.value(1).toString();
    use.voided = query.value(2).toLongLong() != 0;
    use.eventId = query.value(3).toString();
    use.certificateId = query.value(4).toString();
    use.reason = query.value(5).toString();
    return use;
}

const QString kUseColumns = QStringLiteral("serial, office_code, voided, event_id, certificate_id, reason");

} // namespace

std::optional<qint64> StockRange::numberOf(const QString &serial) const
{
    if (!serial.startsWith(prefix) || serial.size() != prefix.size() + width)
        return std::nullopt;
    const QStringView digits = QStringView(serial).mid(prefix.size());
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 number = digits.toLongLong();
    if (number < first || number > last)
        return std::nullopt;
    return number;
}

QString StockRange::serial(qint64 number) const
{
    return prefix + QStringLiteral("%1").arg(number, width, 10, QLatin1Char('0'));
}

QJsonObject StockRange::toJson() const
{
    return {{QStringLiteral("rangeId"), rangeId},
            {QStringLiteral("office"), office},
            {QStringLiteral("certificateType"), certificateType},
            {QStringLiteral("prefix"), prefix},
            {QStringLiteral("first"), double(first)},
            {QStringLiteral("last"), double(last)},
            {QStringLiteral("width"), width},
            {QStringLiteral("issuedAt"), issuedAt}};
}

QString StockRange::problem(QString *field) const
{
    static const QRegularExpression officeCode(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    static const QRegularExpression prefixForm(QStringLiteral("^[A-Za-z0-9-]{1,16}$"));
    if (!officeCode.match(office).hasMatch()) {
        *field = QStringLiteral("office");
        return Tr::tr("\"office\" must be an office code.");
    }
    if (!prefixForm.match(prefix).hasMatch()) {
        *field = QStringLiteral("prefix");
        return Tr::tr("\"prefix\" must be 1 to 16 letters, digits or '-' (e.g. SC).");
    }
    if (certificateType.size() > 64) {
        *field = QStringLiteral("certificateType");
        return Tr::tr("\"certificateType\" must be a certificate type code.");
    }
    if (width < 1 || width > kMaxWidth) {
        *field = QStringLiteral("width");
        return Tr::tr("\"width\" must be a whole number from 1 to %1.").arg(kMaxWidth);
    }
    if (first < 0 || first > largest(width)) {
        *field = QStringLiteral("first");
        return Tr::tr("\"first\" must be a whole number from 0 to %1.").arg(largest(width));
    }
    if (last < first || last > largest(width)) {
        *field = QStringLiteral("last");
        return Tr::tr("\"last\" must be a whole number from \"first\" (%1) to %2.")
            .arg(first)
            .arg(largest(width));
    }
    return {};
}

StockStore::StockStore(QSqlDatabase db, SqlDialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{ }

std::optional<QList<StockRange>> StockStore::ranges(const QString &office, QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect,
                QStringLiteral(
                    "SELECT range_id, office_code, certificate_type, prefix, first_number, last_number,"
                    " width, issued_at, issued_by FROM stock_ranges WHERE office_code = ?"
                    " ORDER BY prefix, first_number"),
                {office}, error))
        return std::nullopt;
    QList<StockRange> result;
    while (query.next()) {
        StockRange range;
        range.rangeId = query.value(0).toString();
        range.office = query.value(1).toString();
        range.certificateType = query.value(2).toString();
        range.prefix = query.value(3).toString();
        range.first = query.value(4).toLongLong();
        range.last = query.value(5).toLongLong();
        range.width = query.value(6).toInt();
        range.issuedAt = query.value(7).toString();
        range.issuedBy = query.value(8).toString();
        result.append(range);
    }
    return result;
}

std::optional<QHash<QString, SerialUse>> StockStore::uses(const QStringList &serials, QString *error)
{
    QHash<QString, SerialUse> result;
    if (serials.isEmpty())
        return result;
    QVariantList values;
    for (const QString &serial : serials)
        values.append(serial);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT %1 FROM stock_serials WHERE serial IN (%2)")
                    .arg(kUseColumns, sqlPlaceholders(values.size())),
                values, error))
        return std::nullopt;
    while (query.next()) {
        const SerialUse use = readUse(query);
        result.insert(use.serial, use);
    }
    return result;
}

std::optional<QList<SerialUse>> StockStore::usesOfOffice(const QString &office, QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT %1 FROM stock_serials WHERE office_code = ? ORDER BY serial")
                    .arg(kUseColumns),
                {office}, error))
        return std::nullopt;
    QList<SerialUse> result;
    while (query.next())
        result.append(readUse(query));
    return result;
}

const StockRange *StockStore::rangeOf(const QList<StockRange> &ranges, const QString &serial)
{
    for (const StockRange &range : ranges) {
        if (range.numberOf(serial))
            return &range;
    }
    return nullptr;
}

QString StockStore::insertHead()
{
    return QStringLiteral(
        "INSERT INTO stock_serials (serial, office_code, voided, event_id, certificate_id, reason,"
        " recorded_by, recorded_at)");
}

StockStore::Outcome StockStore::issue(StockRange &range, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return Outcome::Failed;
    }
    const auto fail = [&](Outcome outcome) {
        m_db.rollback();
        return outcome;
    };
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (m_dialect == SqlDialect::Postgres
        && !runSql(query, m_dialect, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kSequencerLock},
                   error))
        return fail(Outcome::Failed);
    if (!runSql(query, m_dialect, QStringLiteral("SELECT code FROM offices WHERE code = ?"), {range.office},
                error))
        return fail(Outcome::Failed);
    if (!query.next()) {
        *error = Tr::tr("There is no office %1.").arg(range.office);
        return fail(Outcome::UnknownOffice);
    }
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT office_code, first_number, last_number, width FROM stock_ranges"
                               " WHERE prefix = ? AND first_number <= ? AND last_number >= ?"
                               " ORDER BY first_number LIMIT 1"),
                {range.prefix, range.last, range.first}, error))
        return fail(Outcome::Failed);
    if (query.next()) {
        StockRange existing = range;
        existing.first = query.value(1).toLongLong();
        existing.last = query.value(2).toLongLong();
        existing.width = query.value(3).toInt();
        *error = Tr::tr("The serials overlap the range %1–%2 already issued to office %3.")
                     .arg(existing.serial(existing.first), existing.serial(existing.last),
                          query.value(0).toString());
        return fail(Outcome::Overlap);
    }
    range.rangeId = core::Uuid::createV7String();
    range.issuedAt = cases::Event::formatTime(QDateTime::currentDateTimeUtc());
    if (!runSql(query, m_dialect,
                QStringLiteral(
                    "INSERT INTO stock_ranges (range_id, office_code, certificate_type, prefix, first_number,"
                    " last_number, width, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {range.rangeId, range.office,
                 // Not NULL: "any type" is the empty code.
                 range.certificateType.isEmpty() ? QStringLiteral("") : range.certificateType, range.prefix,
                 range.first, range.last, range.width, range.issuedAt, range.issuedBy},
                error))
        return fail(Outcome::Failed);
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        return fail(Outcome::Failed);
    }
    return Outcome::Done;
}

StockStore::Outcome StockStore::voidSerial(const QString &office, const QString &serial,
                                           const QString &reason, const QString &userId, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return Outcome::Failed;
    }
    const auto fail = [&](Outcome outcome) {
        m_db.rollback();
        return outcome;
    };
    QSqlQuery query(m_db);
    // The push path checks and records serials under this lock: a sheet is
    // either printed on or voided, never both.
    if (m_dialect == SqlDialect::Postgres
        && !runSql(query, m_dialect, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kSequencerLock},
                   error))
        return fail(Outcome::Failed);
    const auto issued = ranges(office, error);
    if (!issued)
        return fail(Outcome::Failed);
    if (!rangeOf(*issued, serial)) {
        *error = Tr::tr("Stock serial %1 was not issued to office %2.").arg(serial, office);
        return fail(Outcome::NotIssued);
    }
    const auto known = uses({serial}, error);
    if (!known)
        return fail(Outcome::Failed);
    if (known->contains(serial)) {
        const SerialUse use = known->value(serial);
        *error = use.voided ? Tr::tr("Stock serial %1 is already voided.").arg(serial)
                            : Tr::tr("Stock serial %1 was already used to print certificate %2.")
                                  .arg(serial, use.certificateId);
        return fail(Outcome::AlreadyUsed);
    }
    if (!runSql(query, m_dialect, insertHead() + QStringLiteral(" VALUES (?, ?, 1, NULL, NULL, ?, ?, ?)"),
                {serial, office, reason, userId, cases::Event::formatTime(QDateTime::currentDateTimeUtc())},
                error))
        return fail(Outcome::Failed);
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        return fail(Outcome::Failed);
    }
    return Outcome::Done;
}

QList<ServerMigration> stockMigrations()
{
    return {
        {1,
         QStringLiteral("pre-printed certificate stock: ranges issued to offices, used and voided serials"),
         [](SqlDialect) {
             return QStringList {
                 QStringLiteral("CREATE TABLE stock_ranges ("
                                " range_id TEXT PRIMARY KEY,"
                                " office_code TEXT NOT NULL,"
                                " certificate_type TEXT NOT NULL,"
                                " prefix TEXT NOT NULL,"
                                " first_number BIGINT NOT NULL,"
                                " last_number BIGINT NOT NULL,"
                                " width INTEGER NOT NULL,"
                                " issued_at TEXT NOT NULL,"
                                " issued_by TEXT NOT NULL)"),
                 QStringLiteral("CREATE INDEX stock_ranges_prefix ON stock_ranges (prefix, first_number)"),
                 QStringLiteral("CREATE INDEX stock_ranges_office ON stock_ranges (office_code)"),
                 // One row per sheet that can no longer be printed on: printed
                 // (event_id set; voided = 1 when the print was spoiled) or voided blank.
                 QStringLiteral("CREATE TABLE stock_serials ("
                                " serial TEXT PRIMARY KEY,"
                                " office_code TEXT NOT NULL,"
                                " voided INTEGER NOT NULL,"
                                " event_id TEXT,"
                                " certificate_id TEXT,"
                                " reason TEXT,"
                                " recorded_by TEXT NOT NULL,"
                                " recorded_at TEXT NOT NULL)"),
                 QStringLiteral("CREATE INDEX stock_serials_office ON stock_serials (office_code)"),
             };
         }},
    };
}

} // namespace ow::server::Internal
