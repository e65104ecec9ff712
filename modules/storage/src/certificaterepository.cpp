// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/certificaterepository.h"

#include "ow/storage/tr.h"
#include "certificates_p.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

namespace ow::storage {

using Internal::Access;

namespace Internal {

namespace {

const QString producedType = QStringLiteral("certificate-produced");
const QString printedType = QStringLiteral("printed");

QString textOf(const QJsonObject &payload, const QString &key)
{
    return payload.value(key).toString().trimmed();
}

// The review page writes {"holder": {"name", "idNumber"}}; older records name the holder only.
QString holderName(const QJsonObject &payload)
{
    const QJsonValue holder = payload.value(QStringLiteral("holder"));
    return holder.isObject() ? holder.toObject().value(QStringLiteral("name")).toString() : holder.toString();
}

QString holderId(const QJsonObject &payload)
{
    return payload.value(QStringLiteral("holder")).toObject().value(QStringLiteral("idNumber")).toString();
}

QString certificateSearchText(const CertificateRow &row)
{
    return row.caseNumber + u' ' + row.number + u' ' + row.holderName + u' ' + row.holderId;
}

struct ProducedCertificate
{
    CertificateRow row;
    QString eventId;
    QString at; // the event's time exactly as stored, so that the queue keeps the events' order
    QString lastPrintedAt;
};

struct UsedSerial
{
    QString serial;
    QString state; // "used" or "voided"
    QString office;
    QString eventId;
};

bool deleteStaleCertificates(StatementCache &statements, const QString &caseId, const QSet<QString> &keep,
                             QString *error)
{
    QSqlQuery *existing
        = statements.get(QStringLiteral("SELECT certificate_id FROM certificates WHERE case_id = ?"), error);
    if (!existing)
        return false;
    existing->addBindValue(caseId);
    if (!statements.exec(existing, Access::Read, error))
        return false;
    QStringList stale;
    while (existing->next()) {
        if (!keep.contains(existing->value(0).toString()))
            stale.append(existing->value(0).toString());
    }
    existing->finish();
    if (stale.isEmpty())
        return true;
    QSqlQuery *remove = statements.get(
        QStringLiteral("DELETE FROM certificates WHERE case_id = ? AND certificate_id = ?"), error);
    if (!remove)
        return false;
    for (const QString &id : std::as_const(stale)) {
        remove->addBindValue(caseId);
        remove->addBindValue(id);
        if (!statements.exec(remove, Access::Write, error))
            return false;
    }
    return true;
}

} // namespace

bool affectsCertificates(const QString &eventType)
{
    return eventType == producedType || eventType == printedType;
}

bool writeCertificates(StatementCache &statements, const QString &caseId, QString *error)
{
    QSqlQuery *read = statements.get(
        QStringLiteral("SELECT id, type, actor_user, actor_office, at, payload FROM events "
                       "WHERE case_id = ? AND type IN ('certificate-produced', 'printed') "
                       "AND id NOT IN (SELECT event_id FROM event_rejections) ORDER BY at, id"),
        error);
    if (!read)
        return false;
    read->addBindValue(caseId);
    if (!statements.exec(read, Access::Read, error))
        return false;
    QList<ProducedCertificate> produced;
    QHash<QString, qsizetype> byId;
    QList<UsedSerial> serials;
    while (read->next()) {
        const QString eventId = read->value(0).toString();
        const QString type = read->value(1).toString();
        const QString actorUser = read->value(2).toString();
        const QString actorOffice = read->value(3).toString();
        const QString at = read->value(4).toString();
        const QJsonObject payload = QJsonDocument::fromJson(read->value(5).toString().toUtf8()).object();
        const QString certificateId = textOf(payload, QStringLiteral("certificateId"));
        if (type == producedType) {
            // The first record of an id counts, as in the migration that made the table.
            if (certificateId.isEmpty() || byId.contains(certificateId))
                continue;
            ProducedCertificate certificate;
            CertificateRow &row = certificate.row;
            row.certificateId = certificateId;
            row.caseId = caseId;
            row.number = payload.value(QStringLiteral("number")).toString();
            row.certificateType = payload.value(QStringLiteral("certificateType")).toString();
            row.templateId = payload.value(QStringLiteral("templateId")).toString();
            row.name = payload.value(QStringLiteral("name")).toString();
            row.itemName = payload.value(QStringLiteral("itemName")).toString();
            row.holderName = holderName(payload);
            row.holderId = holderId(payload);
            row.issuingOffice = actorOffice;
            row.printOffice = textOf(payload, QStringLiteral("printOffice"));
            if (row.printOffice.isEmpty())
                row.printOffice = actorOffice;
            row.record = payload;
            certificate.eventId = eventId;
            certificate.at = at;
            byId.insert(certificateId, produced.size());
            produced.append(certificate);
            continue;
        }
        const bool spoiled = payload.value(QStringLiteral("spoiled")).toBool();
        const QString serial = textOf(payload, QStringLiteral("stockSerial"));
        // The sheet is gone whether or not the print came out right.
        if (payload.value(QStringLiteral("mode")).toString() == QLatin1String("stock") && !serial.isEmpty())
            serials.append(
                {serial, spoiled ? QStringLiteral("voided") : QStringLiteral("used"), actorOffice, eventId});
        if (spoiled || !byId.contains(certificateId))
            continue;
        ProducedCertificate &certificate = produced[byId.value(certificateId)];
        ++certificate.row.printCount;
        certificate.lastPrintedAt = at;
        certificate.row.lastPrintedBy = actorUser;
        certificate.row.lastStockSerial = serial;
    }
    read->finish();

    QString caseNumber;
    if (!produced.isEmpty()) {
        QSqlQuery *number
            = statements.get(QStringLiteral("SELECT case_number FROM cases WHERE id = ?"), error);
        if (!number)
            return false;
        number->addBindValue(caseId);
        if (!statements.exec(number, Access::Read, error))
            return false;
        if (number->next())
            caseNumber = number->value(0).toString();
        number->finish();
    }

    QSet<QString> keep;
    for (const ProducedCertificate &certificate : std::as_const(produced))
        keep.insert(certificate.row.certificateId);
    if (!deleteStaleCertificates(statements, caseId, keep, error))
        return false;

    QSqlQuery *upsert = statements.get(
        QStringLiteral(
            "INSERT INTO certificates (certificate_id, case_id, case_number, number, certificate_type, "
            "template_id, name, item_name, holder_name, holder_id, issuing_office, print_office, "
            "produced_at, produced_event_id, record, print_count, last_printed_at, last_printed_by, "
            "last_stock_serial, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (certificate_id) DO UPDATE SET case_id = excluded.case_id, "
            "case_number = excluded.case_number, number = excluded.number, "
            "certificate_type = excluded.certificate_type, template_id = excluded.template_id, "
            "name = excluded.name, item_name = excluded.item_name, holder_name = excluded.holder_name, "
            "holder_id = excluded.holder_id, issuing_office = excluded.issuing_office, "
            "print_office = excluded.print_office, produced_at = excluded.produced_at, "
            "produced_event_id = excluded.produced_event_id, record = excluded.record, "
            "print_count = excluded.print_count, last_printed_at = excluded.last_printed_at, "
            "last_printed_by = excluded.last_printed_by, last_stock_serial = excluded.last_stock_serial, "
            "search_text = excluded.search_text"),
        error);
    if (!upsert)
        return false;
    for (ProducedCertificate &certificate : produced) {
        CertificateRow &row = certificate.row;
        row.caseNumber = caseNumber;
        upsert->addBindValue(row.certificateId);
        upsert->addBindValue(caseId);
        upsert->addBindValue(nonNull(caseNumber));
        upsert->addBindValue(nonNull(row.number));
        upsert->addBindValue(nonNull(row.certificateType));
        upsert->addBindValue(nonNull(row.templateId));
        upsert->addBindValue(nonNull(row.name));
        upsert->addBindValue(nonNull(row.itemName));
        upsert->addBindValue(nonNull(row.holderName));
        upsert->addBindValue(nonNull(row.holderId));
        upsert->addBindValue(nonNull(row.issuingOffice));
        upsert->addBindValue(nonNull(row.printOffice));
        upsert->addBindValue(certificate.at);
        upsert->addBindValue(certificate.eventId);
        upsert->addBindValue(QString::fromUtf8(QJsonDocument(row.record).toJson(QJsonDocument::Compact)));
        upsert->addBindValue(row.printCount);
        upsert->addBindValue(nonNull(certificate.lastPrintedAt));
        upsert->addBindValue(nonNull(row.lastPrintedBy));
        upsert->addBindValue(nonNull(row.lastStockSerial));
        upsert->addBindValue(certificateSearchText(row));
        if (!statements.exec(upsert, Access::Write, error))
            return false;
    }

    QSqlQuery *clear = statements.get(
        QStringLiteral("DELETE FROM stock_serials WHERE case_id = ? AND source = 'event'"), error);
    if (!clear)
        return false;
    clear->addBindValue(caseId);
    if (!statements.exec(clear, Access::Write, error))
        return false;
    if (serials.isEmpty())
        return true;
    QSqlQuery *insertSerial = statements.get(
        QStringLiteral(
            "INSERT OR IGNORE INTO stock_serials (serial, state, office, source, case_id, event_id) "
            "VALUES (?, ?, ?, 'event', ?, ?)"),
        error);
    if (!insertSerial)
        return false;
    for (const UsedSerial &serial : std::as_const(serials)) {
        insertSerial->addBindValue(serial.serial);
        insertSerial->addBindValue(serial.state);
        insertSerial->addBindValue(nonNull(serial.office));
        insertSerial->addBindValue(caseId);
        insertSerial->addBindValue(serial.eventId);
        if (!statements.exec(insertSerial, Access::Write, error))
            return false;
    }
    return true;
}

} // namespace Internal

namespace {

const QString certificateColumns = QStringLiteral(
    "certificate_id, case_id, case_number, number, certificate_type, template_id, name, item_name, "
    "holder_name, holder_id, issuing_office, print_office, produced_at, record, verification_code, "
    "print_count, last_printed_at, last_printed_by, last_stock_serial");

CertificateRow readCertificate(const QSqlQuery &query)
{
    CertificateRow row;
    row.certificateId = query.value(0).toString();
    row.caseId = query.value(1).toString();
    row.caseNumber = query.value(2).toString();
    row.number = query.value(3).toString();
    row.certificateType = query.value(4).toString();
    row.templateId = query.value(5).toString();
    row.name = query.value(6).toString();
    row.itemName = query.value(7).toString();
    row.holderName = query.value(8).toString();
    row.holderId = query.value(9).toString();
    row.issuingOffice = query.value(10).toString();
    row.printOffice = query.value(11).toString();
    row.producedAt = Internal::parseDateTime(query.value(12));
    row.record = QJsonDocument::fromJson(query.value(13).toString().toUtf8()).object();
    row.verificationCode = query.value(14).toString();
    row.printCount = query.value(15).toInt();
    row.lastPrintedAt = Internal::parseDateTime(query.value(16));
    row.lastPrintedBy = query.value(17).toString();
    row.lastStockSerial = query.value(18).toString();
    return row;
}

} // namespace

CertificateRepository::CertificateRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

CertificateRepository::~CertificateRepository() = default;

QList<CertificateRow> CertificateRepository::printQueue(const PrintQueueFilter &filter, int limit) const
{
    m_lastError.clear();
    if (filter.printOffice.isEmpty()) {
        m_lastError = Tr::tr("The print queue needs the office that prints.");
        return {};
    }
    // lower() folds ASCII only: enough for the letters of numbers and ids.
    static const QString sql = QStringLiteral("SELECT %1 FROM certificates WHERE print_office = ? "
                                              "AND (? OR print_count = 0) "
                                              "AND (? = '' OR instr(lower(search_text), lower(?)) > 0) "
                                              "ORDER BY produced_at, certificate_id LIMIT ?")
                                   .arg(certificateColumns);
    const QString text = Internal::nonNull(filter.text.trimmed()); // NULL would match nothing
    return m_statements->readRows(
        sql, {filter.printOffice, filter.includePrinted ? 1 : 0, text, text, std::max(limit, 0)},
        readCertificate, &m_lastError);
}

std::optional<CertificateRow> CertificateRepository::find(const QString &certificateId) const
{
    m_lastError.clear();
    static const QString sql
        = QStringLiteral("SELECT %1 FROM certificates WHERE certificate_id = ?").arg(certificateColumns);
    const QList<CertificateRow> rows
        = m_statements->readRows(sql, {certificateId}, readCertificate, &m_lastError);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.constFirst();
}

QList<CertificateRow> CertificateRepository::forCase(const QString &caseId) const
{
    m_lastError.clear();
    static const QString sql
        = QStringLiteral("SELECT %1 FROM certificates WHERE case_id = ? ORDER BY produced_at, certificate_id")
              .arg(certificateColumns);
    return m_statements->readRows(sql, {caseId}, readCertificate, &m_lastError);
}

QList<CertificateRow> CertificateRepository::unsignedCertificates(int limit) const
{
    m_lastError.clear();
    static const QString sql = QStringLiteral("SELECT %1 FROM certificates WHERE verification_code = ''"
                                              " ORDER BY produced_at, certificate_id LIMIT ?")
                                   .arg(certificateColumns);
    return m_statements->readRows(sql, {qMax(0, limit)}, readCertificate, &m_lastError);
}

bool CertificateRepository::setVerificationCode(const QString &certificateId, const QString &code)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("UPDATE certificates SET verification_code = ? WHERE certificate_id = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::nonNull(code.trimmed()));
    query->addBindValue(certificateId);
    if (!m_statements->exec(query, Access::Write, &m_lastError))
        return false;
    if (query->numRowsAffected() != 1) {
        m_lastError = Tr::tr("The certificate %1 is not in this store; its verification code was not saved.")
                          .arg(certificateId);
        return false;
    }
    return true;
}

} // namespace ow::storage
