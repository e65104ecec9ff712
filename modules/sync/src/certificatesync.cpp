// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/certificatesync.h"

#include "ow/sync/tr.h"

#include <ow/cases/event.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/transaction.h>

#include <QJsonDocument>

namespace ow::sync {

namespace {

const QString verificationCodeKey = QStringLiteral("verificationCode");

} // namespace

QHash<QString, QString> verificationCodes(const QJsonArray &envelopes)
{
    QHash<QString, QString> codes;
    for (const QJsonValue &value : envelopes) {
        const QJsonObject envelope = value.toObject();
        const QString code = envelope.value(verificationCodeKey).toString().trimmed();
        const QString certificateId = envelope.value(QStringLiteral("payload"))
                                          .toObject()
                                          .value(QStringLiteral("certificateId"))
                                          .toString()
                                          .trimmed();
        if (!code.isEmpty() && !certificateId.isEmpty()
            && envelope.value(QStringLiteral("type")).toString() == QLatin1String("certificate-produced"))
            codes.insert(certificateId, code);
    }
    return codes;
}

QJsonObject eventOfEnvelope(QJsonObject envelope)
{
    envelope.remove(verificationCodeKey);
    return envelope;
}

bool storeVerificationCodes(const QSqlDatabase &db, const QHash<QString, QString> &codes, QString *error)
{
    storage::CertificateRepository certificates(db);
    for (auto it = codes.cbegin(); it != codes.cend(); ++it) {
        if (certificates.setVerificationCode(it.key(), it.value()))
            continue;
        const QString failure = certificates.lastError();
        // A certificate this store does not hold (its case is out of scope) is not an error.
        if (!certificates.find(it.key()) && certificates.lastError().isEmpty())
            continue;
        if (error)
            *error = certificates.lastError().isEmpty() ? failure : certificates.lastError();
        return false;
    }
    return true;
}

bool storePulledPage(const QSqlDatabase &db, const QString &deviceId, const QJsonObject &page, int *inserted,
                     QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (inserted)
        *inserted = 0;
    const QJsonArray envelopes = page.value(QStringLiteral("events")).toArray();
    QList<cases::Event> events;
    events.reserve(envelopes.size());
    for (const QJsonValue &value : envelopes) {
        QString problem;
        const std::optional<cases::Event> event
            = cases::Event::fromJson(eventOfEnvelope(value.toObject()), &problem);
        if (!event || !event->serverSeq)
            return fail(
                Tr::tr("The central server sent an event this workstation cannot read (%1); nothing of "
                       "this batch was stored.")
                    .arg(event ? Tr::tr("no server sequence number") : problem));
        events.append(*event);
    }
    storage::Transaction transaction(db);
    if (!transaction.isActive())
        return fail(transaction.lastError().text());
    storage::CaseJournal journal(db, {deviceId, QString()});
    if (!journal.storePulled(events, inserted))
        return fail(journal.lastError());
    QString problem;
    if (!storeVerificationCodes(db, verificationCodes(envelopes), &problem))
        return fail(problem);
    if (!transaction.commit())
        return fail(transaction.lastError().text());
    return true;
}

QStringList StockAnswer::offices() const
{
    QStringList found;
    for (const storage::StockRange &range : ranges) {
        if (!found.contains(range.office))
            found.append(range.office);
    }
    return found;
}

std::optional<StockAnswer> parseStockAnswer(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<StockAnswer> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!json.value(QStringLiteral("ranges")).isArray())
        return fail(Tr::tr("The central server's list of certificate paper has no \"ranges\"."));
    StockAnswer answer;
    for (const QJsonValue &value : json.value(QStringLiteral("ranges")).toArray()) {
        const QJsonObject object = value.toObject();
        storage::StockRange range;
        range.rangeId = object.value(QStringLiteral("rangeId")).toVariant().toString();
        range.office = object.value(QStringLiteral("office")).toString();
        range.certificateType = object.value(QStringLiteral("certificateType")).toString();
        range.prefix = object.value(QStringLiteral("prefix")).toString();
        range.first = object.value(QStringLiteral("first")).toInteger(-1);
        range.last = object.value(QStringLiteral("last")).toInteger(-1);
        range.width = object.value(QStringLiteral("width")).toInt(7);
        range.issuedAt
            = QDateTime::fromString(object.value(QStringLiteral("issuedAt")).toString(), Qt::ISODateWithMs);
        if (range.rangeId.isEmpty() || range.office.isEmpty() || range.first < 0 || range.last < range.first)
            return fail(Tr::tr("The central server sent a range of certificate paper that is not valid: %1")
                            .arg(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact))));
        answer.ranges.append(range);
    }
    for (const QJsonValue &value : json.value(QStringLiteral("used")).toArray())
        answer.used.append(value.toString());
    for (const QJsonValue &value : json.value(QStringLiteral("voided")).toArray())
        answer.voided.append(value.toString());
    return answer;
}

} // namespace ow::sync
