// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "renewals.h"

#include "eventlogschema.h"

#include "eventlog.h"
#include "principal.h"
#include "ow/server/tr.h"

#include <ow/cases/casenumber.h>
#include <ow/cases/statemachine.h>
#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>

namespace ow::server::Internal {

namespace {

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

QList<ServerMigration> renewalMigrations()
{
    return {
        {1, QStringLiteral("violations and certificate renewals"),
         [](SqlDialect) {
             return QStringList {
                 // 违法记录: a holder with one gets no renewal without application.
                 QStringLiteral("CREATE TABLE violations ("
                                " holder_id TEXT NOT NULL,"
                                " reason TEXT NOT NULL,"
                                " recorded_at TEXT NOT NULL)"),
                 QStringLiteral("CREATE INDEX violations_holder ON violations (holder_id)"),
                 QStringLiteral("CREATE TABLE renewals ("
                                " certificate_id TEXT PRIMARY KEY,"
                                " serial BIGINT NOT NULL UNIQUE,"
                                " case_id TEXT NOT NULL,"
                                " created_at TEXT NOT NULL)"),
                 QStringLiteral("CREATE TABLE renewal_device ("
                                " id INTEGER PRIMARY KEY CHECK (id = 1),"
                                " device_id TEXT NOT NULL)"),
             };
         }},
    };
}

Renewals::Renewals(QSqlDatabase db, SqlDialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{ }

bool Renewals::recordViolation(const QString &holderIdNumber, const QString &reason, QString *error)
{
    if (holderIdNumber.trimmed().isEmpty() || reason.trimmed().isEmpty()) {
        *error = Tr::tr("A violation needs the holder's ID number and what was found.");
        return false;
    }
    QSqlQuery query(m_db);
    return runSql(query, m_dialect,
                  QStringLiteral("INSERT INTO violations (holder_id, reason, recorded_at) VALUES (?, ?, ?)"),
                  {holderIdNumber.trimmed().toUpper(), reason.trimmed(), nowUtc()}, error);
}

std::optional<QString> Renewals::deviceId(QString *error)
{
    QSqlQuery query(m_db);
    if (!runSql(query, m_dialect, QStringLiteral("SELECT device_id FROM renewal_device WHERE id = 1"), {}, error))
        return std::nullopt;
    if (query.next())
        return query.value(0).toString();
    const QString id = core::Uuid::createV7String();
    if (!runSql(query, m_dialect,
                QStringLiteral("INSERT INTO renewal_device (id, device_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING"),
                {id}, error))
        return std::nullopt;
    return deviceId(error);
}

std::optional<RenewalRun> Renewals::run(const QDate &today, int windowDays, QString *error)
{
    RenewalRun result;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT c.certificate_id, c.case_id, c.payload, r.certificate_id FROM certificates c"
                               " LEFT JOIN renewals r ON r.certificate_id = c.certificate_id"
                               " ORDER BY c.server_seq"),
                {}, error))
        return std::nullopt;
    struct Candidate
    {
        QString certificateId;
        QString caseId;
        QJsonObject payload;
    };
    QList<Candidate> due;
    const QDate last = today.addDays(windowDays);
    while (query.next()) {
        const QJsonObject payload = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
        const QDate validUntil = QDate::fromString(payload.value(QStringLiteral("validUntil")).toString(), Qt::ISODate);
        if (!validUntil.isValid() || validUntil < today || validUntil > last)
            continue;
        if (!query.value(3).isNull() && !query.value(3).toString().isEmpty()) {
            ++result.alreadyRenewed;
            continue;
        }
        due.append({query.value(0).toString(), query.value(1).toString(), payload});
    }
    query.finish();

    QSet<QString> offenders;
    if (!runSql(query, m_dialect, QStringLiteral("SELECT DISTINCT holder_id FROM violations"), {}, error))
        return std::nullopt;
    while (query.next())
        offenders.insert(query.value(0).toString());
    query.finish();

    for (const Candidate &candidate : due) {
        const QString holder = candidate.payload.value(QStringLiteral("holder"))
                                   .toObject()
                                   .value(QStringLiteral("idNumber"))
                                   .toString()
                                   .toUpper();
        if (offenders.contains(holder)) {
            ++result.heldBack;
            continue;
        }
        const auto caseId = renew(candidate.certificateId, candidate.caseId, candidate.payload, today, error);
        if (!caseId)
            return std::nullopt;
        if (!caseId->isEmpty())
            result.caseIds.append(*caseId);
    }
    return result;
}

// The renewal case for one certificate; empty if another server process took it first.
std::optional<QString> Renewals::renew(const QString &certificateId, const QString &originalCaseId,
                                       const QJsonObject &certificate, const QDate &today, QString *error)
{
    const auto device = deviceId(error);
    if (!device)
        return std::nullopt;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT event_json FROM server_events WHERE %1 = ? AND type = 'created'")
                    .arg(bytewise(m_dialect, QStringLiteral("case_id"))),
                {originalCaseId}, error))
        return std::nullopt;
    if (!query.next()) {
        *error = Tr::tr("The case %1 of certificate %2 has no created event.").arg(originalCaseId, certificateId);
        return std::nullopt;
    }
    const auto original = cases::Event::fromJson(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object(),
                                                 error);
    query.finish();
    if (!original)
        return std::nullopt;
    const QString itemCode = certificate.value(QStringLiteral("itemCode")).toString();
    QJsonArray items;
    for (const QJsonValue &item : original->payload.value(QStringLiteral("items")).toArray()) {
        if (item[QStringLiteral("code")].toString() == itemCode || itemCode.isEmpty())
            items.append(item);
    }
    if (items.isEmpty()) {
        *error = Tr::tr("The certificate %1 names item %2, which its case does not have.")
                     .arg(certificateId, itemCode);
        return std::nullopt;
    }

    // Claim the certificate and the next serial in one statement: a second
    // server process running the job at the same time gets nothing to do.
    const QString caseId = core::Uuid::createV7String();
    if (!runSql(query, m_dialect,
                QStringLiteral("INSERT INTO renewals (certificate_id, serial, case_id, created_at)"
                               " SELECT ?, COALESCE(MAX(serial), 0) + 1, ?, ? FROM renewals"
                               // SQLite needs the WHERE to tell ON CONFLICT from a join.
                               " WHERE true ON CONFLICT (certificate_id) DO NOTHING"),
                {certificateId, caseId, nowUtc()}, error))
        return std::nullopt;
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT serial, case_id FROM renewals WHERE certificate_id = ?"), {certificateId},
                error)
        || !query.next())
        return std::nullopt;
    if (query.value(1).toString() != caseId)
        return QString();
    const qint64 serial = query.value(0).toLongLong();
    query.finish();
    // Whatever fails from here gives the certificate back to the next run.
    const auto release = [&]() -> std::optional<QString> {
        QSqlQuery undo(m_db);
        QString ignored;
        runSql(undo, m_dialect, QStringLiteral("DELETE FROM renewals WHERE certificate_id = ? AND case_id = ?"),
               {certificateId, caseId}, &ignored);
        return std::nullopt;
    };

    const QString office = original->actor.officeCode;
    const auto number = cases::CaseNumber::make(office.left(6), today, QStringLiteral("XQ"), serial, error);
    if (!number)
        return release();

    Principal principal;
    principal.userId = QLatin1String(kServiceUser);
    principal.userName = QLatin1String(kServiceUser);
    principal.roles = {cases::Role::Clerk};
    principal.officeCode = office;
    cases::Actor actor {principal.userId, office, *device, cases::Role::Clerk};

    QJsonObject created {
        {QStringLiteral("caseNumber"), number->toString()},
        {QStringLiteral("catalogVersion"), original->payload.value(QStringLiteral("catalogVersion"))},
        {QStringLiteral("items"), items},
        {QStringLiteral("applicant"), original->payload.value(QStringLiteral("applicant"))},
        {QStringLiteral("form"), certificate.value(QStringLiteral("fields"))},
        {QStringLiteral("withoutApplication"), true},
        {QStringLiteral("renewalOf"),
         QJsonObject {{QStringLiteral("certificateId"), certificateId},
                      {QStringLiteral("number"), certificate.value(QStringLiteral("number"))},
                      {QStringLiteral("validUntil"), certificate.value(QStringLiteral("validUntil"))}}},
    };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<cases::Event> events {cases::Event::make(caseId, cases::EventType::Created, actor, created, now),
                                cases::Event::make(caseId, cases::EventType::Accepted, actor, {}, now)};
    cases::CaseState state;
    for (const cases::Event &event : events)
        cases::CaseStateMachine::applyTo(state, event);
    const auto plan = state.defaultRouting(error);
    if (!plan)
        return release();
    events.append(cases::Event::make(caseId, cases::EventType::Routed, actor, plan->toJson(), now));

    // The device's chain continues from what the server holds of it.
    if (!runSql(query, m_dialect, QStringLiteral("SELECT last_hash FROM device_heads WHERE device_id = ?"),
                {*device}, error))
        return release();
    QString previous = query.next() ? query.value(0).toString() : QString();
    query.finish();
    QJsonArray batch;
    for (cases::Event &event : events) {
        if (!event.seal(previous, core::HashAlgorithm::Sha256, error))
            return release();
        previous = event.hash;
        batch.append(event.toJson());
    }
    TreeHead head;
    const auto outcomes = EventLog(m_db, m_dialect).push(principal, *device, batch, &head, error);
    if (!outcomes)
        return release();
    for (const PushOutcome &outcome : *outcomes) {
        if (outcome.status == PushOutcome::Status::Rejected) {
            *error = Tr::tr("The renewal of certificate %1 was refused: %2").arg(certificateId, outcome.reason);
            return release();
        }
    }
    return caseId;
}

} // namespace ow::server::Internal
