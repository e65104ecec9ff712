// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/stockrepository.h"

#include "ow/storage/tr.h"
#include "ow/storage/transaction.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace ow::storage {

using Internal::Access;

namespace {

// A prefix then the number: "SC0000451". A prefix may end in digits, so a
// range's own prefix decides where its number starts (StockRange::contains).
struct ParsedSerial
{
    QString prefix;
    QString digits;
    qint64 number = 0;
};

std::optional<ParsedSerial> parseSerial(const QString &serial)
{
    static const QRegularExpression shape(QStringLiteral("^(\\S*?)(\\d{1,18})$"));
    const QRegularExpressionMatch match = shape.match(serial);
    if (!match.hasMatch())
        return std::nullopt;
    ParsedSerial parsed;
    parsed.prefix = match.captured(1);
    parsed.digits = match.captured(2);
    parsed.number = parsed.digits.toLongLong();
    return parsed;
}

bool appliesTo(const StockRange &range, const QString &certificateType)
{
    return range.certificateType.isEmpty() || certificateType.isEmpty()
        || range.certificateType == certificateType;
}

StockRange readRange(const QSqlQuery &query)
{
    StockRange range;
    range.rangeId = query.value(0).toString();
    range.office = query.value(1).toString();
    range.certificateType = query.value(2).toString();
    range.prefix = query.value(3).toString();
    range.first = query.value(4).toLongLong();
    range.last = query.value(5).toLongLong();
    range.width = query.value(6).toInt();
    range.issuedAt = Internal::parseDateTime(query.value(7));
    return range;
}

} // namespace

QString StockRange::serial(qint64 number) const
{
    return prefix + QString::number(number).rightJustified(width, u'0');
}

bool StockRange::contains(const QString &serial) const
{
    if (!serial.startsWith(prefix))
        return false;
    const QString digits = serial.mid(prefix.size());
    if (digits.isEmpty() || digits.size() > 18
        || !std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return false;
    const qint64 number = digits.toLongLong();
    // The same sheet is never written two ways: the digits must be the canonical ones.
    return number >= first && number <= last && this->serial(number) == serial;
}

StockRepository::StockRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

StockRepository::~StockRepository() = default;

QList<StockRange> StockRepository::ranges(const QString &office) const
{
    m_lastError.clear();
    static const QString sql = QStringLiteral(
        "SELECT range_id, office, certificate_type, prefix, first_number, last_number, width, issued_at "
        "FROM stock_ranges WHERE office = ? ORDER BY prefix, first_number, range_id");
    return m_statements->readRows(sql, {office}, readRange, &m_lastError);
}

QStringList StockRepository::offices() const
{
    m_lastError.clear();
    return m_statements->readRows(
        QStringLiteral("SELECT DISTINCT office FROM stock_ranges ORDER BY office"), {},
        [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
}

bool StockRepository::replaceFromServer(const QString &office, const QList<StockRange> &ranges,
                                        const QStringList &usedSerials, const QStringList &voidedSerials)
{
    m_lastError.clear();
    if (office.isEmpty()) {
        m_lastError = Tr::tr("The stock of certificate paper cannot be saved without its office.");
        return false;
    }
    for (const StockRange &range : ranges) {
        if (range.rangeId.isEmpty() || range.first < 0 || range.last < range.first || range.width < 1
            || range.width > 18) {
            m_lastError = Tr::tr("The central server sent a stock range of certificate paper that is not "
                                 "valid (%1: %2 to %3); nothing was saved.")
                              .arg(range.rangeId, range.serial(range.first), range.serial(range.last));
            return false;
        }
    }
    const QSqlDatabase &db = m_statements->database();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    const auto run = [this](const QString &sql, const QVariantList &values) {
        QSqlQuery *query = m_statements->get(sql, &m_lastError);
        if (!query)
            return false;
        for (const QVariant &value : values)
            query->addBindValue(value);
        return m_statements->exec(query, Access::Write, &m_lastError);
    };
    if (!run(QStringLiteral("DELETE FROM stock_ranges WHERE office = ?"), {office})
        || !run(QStringLiteral("DELETE FROM stock_serials WHERE office = ? AND source = 'server'"), {office}))
        return false;
    for (const StockRange &range : ranges) {
        if (!run(QStringLiteral(
                     "INSERT OR REPLACE INTO stock_ranges (range_id, office, certificate_type, prefix, "
                     "first_number, last_number, width, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {range.rangeId, office, Internal::nonNull(range.certificateType), range.prefix, range.first,
                  range.last, range.width, Internal::nonNull(Internal::dateTimeText(range.issuedAt))}))
            return false;
    }
    // A serial both used and voided is reported voided.
    const QString insertSerial = QStringLiteral(
        "INSERT OR REPLACE INTO stock_serials (serial, state, office, source, case_id, event_id) "
        "VALUES (?, ?, ?, 'server', '', '')");
    for (const QString &serial : usedSerials) {
        if (!serial.trimmed().isEmpty()
            && !run(insertSerial, {serial.trimmed(), QStringLiteral("used"), office}))
            return false;
    }
    for (const QString &serial : voidedSerials) {
        if (!serial.trimmed().isEmpty()
            && !run(insertSerial, {serial.trimmed(), QStringLiteral("voided"), office}))
            return false;
    }
    if (!transaction.commit()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    return true;
}

StockSerialProblem StockRepository::check(const QString &office, const QString &certificateType,
                                          const QString &serial) const
{
    m_lastError.clear();
    if (!parseSerial(serial))
        return StockSerialProblem::Malformed;
    const QList<StockRange> issued = ranges(office);
    if (!m_lastError.isEmpty())
        return StockSerialProblem::NotIssued;
    if (std::none_of(issued.cbegin(), issued.cend(), [&](const StockRange &range) {
            return appliesTo(range, certificateType) && range.contains(serial);
        }))
        return StockSerialProblem::NotIssued;
    // Whoever used it: a sheet is printed on once, whichever office's event says so.
    static const QString sql = QStringLiteral("SELECT state FROM stock_serials WHERE serial = ?");
    const QStringList states = m_statements->readRows(
        sql, {serial}, [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
    if (!m_lastError.isEmpty())
        return StockSerialProblem::Used;
    if (states.contains(QLatin1String("voided")))
        return StockSerialProblem::Voided;
    if (!states.isEmpty())
        return StockSerialProblem::Used;
    return StockSerialProblem::None;
}

QString StockRepository::describe(StockSerialProblem problem, const QString &serial)
{
    switch (problem) {
    case StockSerialProblem::None:
        return {};
    case StockSerialProblem::Malformed:
        return Tr::tr("\"%1\" is not a serial number of certificate paper (a prefix followed by digits, e.g. "
                      "SC0000451).")
            .arg(serial);
    case StockSerialProblem::NotIssued:
        return Tr::tr(
                   "The certificate paper %1 was not issued to this office for this certificate; check the "
                   "serial number printed on the sheet.")
            .arg(serial);
    case StockSerialProblem::Used:
        return Tr::tr("The certificate paper %1 has already been used and cannot be printed on again.")
            .arg(serial);
    case StockSerialProblem::Voided:
        return Tr::tr("The certificate paper %1 has been voided and cannot be printed on.").arg(serial);
    }
    return {};
}

std::optional<QString> StockRepository::nextFree(const QString &office, const QString &certificateType,
                                                 const QString &from) const
{
    m_lastError.clear();
    QList<StockRange> issued = ranges(office);
    if (!m_lastError.isEmpty())
        return std::nullopt;
    issued.erase(std::remove_if(issued.begin(), issued.end(),
                                [&](const StockRange &range) { return !appliesTo(range, certificateType); }),
                 issued.end());
    std::optional<ParsedSerial> start;
    if (!from.isEmpty()) {
        for (const StockRange &range : std::as_const(issued)) {
            if (range.contains(from))
                start = ParsedSerial {range.prefix, from.mid(range.prefix.size()),
                                      from.mid(range.prefix.size()).toLongLong()};
        }
        if (!start)
            start = parseSerial(from);
        if (!start) {
            m_lastError = describe(StockSerialProblem::Malformed, from);
            return std::nullopt;
        }
    }
    static const QString sql = QStringLiteral("SELECT DISTINCT serial FROM stock_serials");
    const QList<QString> taken = m_statements->readRows(
        sql, {}, [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
    if (!m_lastError.isEmpty())
        return std::nullopt;
    const QSet<QString> unavailable(taken.cbegin(), taken.cend());
    // Serials in (prefix, number) order; each range is walked past its taken serials only.
    std::optional<QString> best;
    std::optional<std::pair<QString, qint64>> bestKey;
    for (const StockRange &range : std::as_const(issued)) {
        qint64 number = range.first;
        if (start) {
            if (range.prefix < start->prefix)
                continue;
            if (range.prefix == start->prefix)
                number = std::max(number, start->number);
        }
        for (; number <= range.last; ++number) {
            if (!unavailable.contains(range.serial(number)))
                break;
        }
        if (number > range.last)
            continue;
        const std::pair<QString, qint64> key {range.prefix, number};
        if (!bestKey || key < *bestKey) {
            bestKey = key;
            best = range.serial(number);
        }
    }
    return best;
}

qint64 StockRepository::remaining(const QString &office, const QString &certificateType) const
{
    m_lastError.clear();
    const QList<StockRange> issued = ranges(office);
    if (!m_lastError.isEmpty())
        return 0;
    static const QString sql = QStringLiteral("SELECT DISTINCT serial FROM stock_serials");
    const QList<QString> taken = m_statements->readRows(
        sql, {}, [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
    if (!m_lastError.isEmpty())
        return 0;
    qint64 left = 0;
    for (const StockRange &range : issued) {
        if (!appliesTo(range, certificateType))
            continue;
        left += range.last - range.first + 1;
        for (const QString &serial : taken) {
            if (range.contains(serial))
                --left;
        }
    }
    return std::max<qint64>(left, 0);
}

} // namespace ow::storage
