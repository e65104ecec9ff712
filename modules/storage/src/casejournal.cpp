// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/casejournal.h"

#include "ow/storage/eventrepository.h"
#include "ow/storage/outboxrepository.h"
#include "ow/storage/tr.h"
#include "ow/storage/transaction.h"
#include "repositoryutil_p.h"

#include <ow/core/canonicaljson.h>

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace ow::storage {

using cases::CaseState;
using cases::CaseStateMachine;
using cases::Event;

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QDateTime toMilliseconds(const QDateTime &time)
{
    return time.isValid() ? QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC) : time;
}

} // namespace

CaseJournal::CaseJournal(const QSqlDatabase &db, const Identity &identity, core::HashAlgorithm algorithm)
    : m_db(db)
    , m_identity(identity)
    , m_algorithm(algorithm)
    , m_calendar(core::WorkingCalendar::builtIn())
    , m_events(std::make_unique<EventRepository>(db))
{ }

CaseJournal::~CaseJournal() = default;

EventRecord CaseJournal::toRecord(const Event &event, qint64 deviceSeq)
{
    EventRecord record;
    record.id = event.id;
    record.caseId = event.caseId;
    record.type = cases::eventTypeName(event.type);
    record.actorUser = event.actor.userId;
    record.actorOffice = event.actor.officeCode;
    record.deviceId = event.actor.deviceId;
    record.actorRole = cases::roleName(event.actor.role);
    record.deviceSeq = deviceSeq;
    record.at = Event::formatTime(event.at);
    // The canonical form the hash covers; any JSON text would re-read to the same object.
    const auto canonical = core::CanonicalJson::toBytes(event.payload);
    record.payload = canonical ? QString::fromUtf8(*canonical) : compactJson(event.payload);
    record.prevHash = event.prevHash;
    record.hash = event.hash;
    record.serverSeq = event.serverSeq.value_or(0);
    record.receivedAt = event.receivedAt;
    return record;
}

std::optional<Event> CaseJournal::fromRecord(const EventRecord &record, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument payload = QJsonDocument::fromJson(record.payload.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !payload.isObject()) {
        if (error)
            *error = Tr::tr("payload: not a JSON object");
        return std::nullopt;
    }
    const QJsonObject actor {{QStringLiteral("userId"), record.actorUser},
                             {QStringLiteral("officeCode"), record.actorOffice},
                             {QStringLiteral("deviceId"), record.deviceId},
                             {QStringLiteral("role"), record.actorRole}};
    QJsonObject json {{QStringLiteral("id"), record.id},
                      {QStringLiteral("caseId"), record.caseId},
                      {QStringLiteral("type"), record.type},
                      {QStringLiteral("actor"), actor},
                      {QStringLiteral("at"), record.at},
                      {QStringLiteral("payload"), payload.object()},
                      {QStringLiteral("prevHash"), record.prevHash},
                      {QStringLiteral("hash"), record.hash}};
    if (record.serverSeq > 0)
        json.insert(QStringLiteral("serverSeq"), double(record.serverSeq));
    if (record.receivedAt.isValid())
        json.insert(QStringLiteral("receivedAt"), Event::formatTime(record.receivedAt));
    return Event::fromJson(json, error);
}

std::optional<QList<Event>> CaseJournal::readCase(const QString &caseId) const
{
    const QList<EventRecord> records = m_events->unrejectedEventsOfCase(caseId);
    if (!m_events->lastError().isEmpty()) {
        m_lastError = m_events->lastError();
        return std::nullopt;
    }
    QList<Event> events;
    events.reserve(records.size());
    for (const EventRecord &record : records) {
        QString error;
        const auto event = fromRecord(record, &error);
        if (!event) {
            m_lastError = Tr::tr("The stored event %1 of the case %2 cannot be read: %3")
                              .arg(record.id, caseId, error);
            return std::nullopt;
        }
        events.append(*event);
    }
    return events;
}

CaseRecord CaseJournal::projection(const CaseState &state, const QList<Event> &events) const
{
    CaseRecord row;
    row.id = state.caseId;
    row.caseNumber = state.caseNumber.isEmpty() ? state.caseId : state.caseNumber;
    row.state = cases::caseStatusName(state.status);
    row.itemCode = state.itemCodes().join(u',');
    row.applicantIdNumber = state.applicant.value(QStringLiteral("idNumber")).toString();
    row.applicantName = state.applicant.value(QStringLiteral("name")).toString();
    row.office = state.officeCode;
    row.department = state.leadDepartment;
    row.acceptedAt = state.acceptedAt;
    const QDateTime last = events.constLast().at;
    const cases::ClockReading reading = cases::TimeLimitClock::read(
        state, cases::TimeLimitClock::localDate(last, m_policy), m_calendar, m_policy);
    if (reading.status == cases::ClockStatus::Running || reading.status == cases::ClockStatus::Stopped)
        row.deadline = reading.deadline;
    row.updatedAt = last;
    row.catalogVersion = events.constFirst().payload.value(QStringLiteral("catalogVersion")).toString();
    row.details = compactJson(state.toJson());
    row.lastEventId = state.lastEventId;
    return row;
}

CaseJournal::Result CaseJournal::record(const Event &draft, cases::Role role)
{
    m_lastError.clear();
    Result result;
    const auto fail = [this, &result](Result::Error error, const QString &message) {
        result.error = error;
        result.message = message;
        m_lastError = message;
        return result;
    };

    Event event = draft;
    event.actor.deviceId = m_identity.deviceId;
    event.actor.officeCode = m_identity.officeCode;
    event.actor.role = role;
    event.at = toMilliseconds(event.at);
    event.serverSeq.reset();
    event.receivedAt = QDateTime();
    if (!event.at.isValid())
        return fail(Result::Error::InvalidEvent,
                    Tr::tr("The event %1 has no time; nothing was saved.").arg(event.id));

    // The write lock from here on: the device's chain head cannot move under us.
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return fail(Result::Error::Storage,
                    Internal::storageErrorMessage(m_db, Internal::Access::Write, transaction.lastError()));

    const auto existing = readCase(event.caseId);
    if (!existing)
        return fail(Result::Error::Storage, m_lastError);
    const CaseStateMachine::FoldResult fold = CaseStateMachine::fold(*existing);
    result.state = fold.state;
    if (!fold.isValid())
        return fail(Result::Error::Storage,
                    Tr::tr("The stored events of the case %1 do not form a valid history: %2")
                        .arg(event.caseId, fold.error));
    if (!existing->isEmpty() && event.at < existing->constLast().at)
        return fail(Result::Error::InvalidEvent,
                    Tr::tr("The event's time %1 is before the case's last event (%2); check the clock of "
                           "this computer. Nothing was saved.")
                        .arg(Event::formatTime(event.at), Event::formatTime(existing->constLast().at)));

    CaseState next = fold.state;
    const CaseStateMachine::Result applied = CaseStateMachine::applyTo(next, event);
    if (!applied.isValid()) {
        result.rejection = applied.errorKind;
        return fail(Result::Error::Rejected, applied.error);
    }

    const std::optional<EventRecord> head = m_events->lastOfDevice(m_identity.deviceId);
    if (!head && !m_events->lastError().isEmpty())
        return fail(Result::Error::Storage, m_events->lastError());
    QString error;
    if (!event.seal(head ? head->hash : QString(), m_algorithm, &error))
        return fail(Result::Error::InvalidEvent,
                    Tr::tr("The event %1 cannot be sealed: %2").arg(event.id, error));
    const EventRecord record = toRecord(event, head ? head->deviceSeq + 1 : 1);
    // What is stored must read back as exactly this event.
    const auto reread = fromRecord(record, &error);
    if (!reread || reread->computeHash(m_algorithm) != std::optional<QString>(event.hash))
        return fail(Result::Error::InvalidEvent,
                    Tr::tr("The event %1 cannot be stored as it is: %2; nothing was saved.")
                        .arg(event.id, reread ? Tr::tr("it does not read back identically") : error));

    QList<Event> events = *existing;
    events.append(event);
    if (!m_events->append(record, projection(next, events), EventRepository::Origin::Local))
        return fail(Result::Error::Storage, m_events->lastError());
    if (!transaction.commit())
        return fail(Result::Error::Storage,
                    Internal::storageErrorMessage(m_db, Internal::Access::Write, transaction.lastError()));
    result.event = event;
    result.state = next;
    return result;
}

bool CaseJournal::rebuildProjection(const QString &caseId)
{
    const auto events = readCase(caseId);
    if (!events)
        return false;
    const CaseStateMachine::FoldResult fold = CaseStateMachine::fold(*events);
    // Up to the last event the state machine accepts: later ones depended on a refused one.
    const QList<Event> valid
        = fold.isValid() ? *events : events->mid(0, std::max<qsizetype>(fold.failedIndex, 0));
    std::optional<CaseRecord> row;
    if (!valid.isEmpty())
        row = projection(fold.state, valid);
    if (!m_events->saveProjection(caseId, row)) {
        m_lastError = m_events->lastError();
        return false;
    }
    return true;
}

bool CaseJournal::reject(const EventRejection &rejection)
{
    m_lastError.clear();
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        m_lastError = Internal::storageErrorMessage(m_db, Internal::Access::Write, transaction.lastError());
        return false;
    }
    const std::optional<EventRecord> event = m_events->find(rejection.eventId);
    if (!event) {
        m_lastError = m_events->lastError().isEmpty()
            ? Tr::tr("The server refused the event %1, which this store does not hold.")
                  .arg(rejection.eventId)
            : m_events->lastError();
        return false;
    }
    OutboxRepository outbox(m_db);
    if (!m_events->addRejection(rejection)) {
        m_lastError = m_events->lastError();
        return false;
    }
    if (!outbox.park(rejection.eventId, rejection.code, rejection.reason)) {
        m_lastError = outbox.lastError();
        return false;
    }
    if (!rebuildProjection(event->caseId))
        return false;
    if (!transaction.commit()) {
        m_lastError = Internal::storageErrorMessage(m_db, Internal::Access::Write, transaction.lastError());
        return false;
    }
    return true;
}

bool CaseJournal::storePulled(const QList<Event> &events, int *inserted)
{
    m_lastError.clear();
    if (inserted)
        *inserted = 0;
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        m_lastError = Internal::storageErrorMessage(m_db, Internal::Access::Write, transaction.lastError());
        return false;
    }
    QStringList touched;
    for (const Event &event : events) {
        if (!event.serverSeq || *event.serverSeq <= 0) {
            m_lastError = Tr::tr("The event %1 came from the server without its server sequence number; "
                                 "nothing of this batch was saved.")
                              .arg(event.id);
            return false;
        }
        bool added = false;
        if (!m_events->insertPulled(toRecord(event, 0), &added)) {
            m_lastError = m_events->lastError();
            return false;
        }
        if (added) {
            if (inserted)
                ++*inserted;
            if (!touched.contains(event.caseId))
                touched.append(event.caseId);
        }
    }
    for (const QString &caseId : std::as_const(touched)) {
        if (!rebuildProjection(caseId))
            return false;
    }
    if (!transaction.commit()) {
        m_lastError = Internal::storageErrorMessage(m_db, Internal::Access::Write, transaction.lastError());
        return false;
    }
    return true;
}

QList<Event> CaseJournal::events(const QString &caseId) const
{
    m_lastError.clear();
    return readCase(caseId).value_or(QList<Event>());
}

CaseState CaseJournal::state(const QString &caseId) const
{
    m_lastError.clear();
    const auto events = readCase(caseId);
    if (!events)
        return {};
    const CaseStateMachine::FoldResult fold = CaseStateMachine::fold(*events);
    if (!fold.isValid())
        m_lastError = Tr::tr("The stored events of the case %1 do not form a valid history: %2")
                          .arg(caseId, fold.error);
    return fold.state;
}

cases::ChainVerification CaseJournal::verifyDeviceChain(const QString &deviceId) const
{
    m_lastError.clear();
    cases::ChainVerification verification;
    const auto broken = [&](const QString &eventId, qsizetype index, const QString &message) {
        cases::ChainBreak link;
        link.kind = cases::ChainBreak::Kind::Changed;
        link.deviceId = deviceId;
        link.eventId = eventId;
        link.index = index;
        link.message = message;
        verification.firstBreak = link;
        verification.eventCount = std::max<qsizetype>(index, 0);
        return verification;
    };

    const QList<EventRecord> records = m_events->eventsOfDevice(deviceId);
    if (!m_events->lastError().isEmpty()) {
        m_lastError = m_events->lastError();
        return broken(QString(), -1,
                      Tr::tr("The events of the device %1 cannot be read: %2").arg(deviceId, m_lastError));
    }
    QList<Event> events;
    events.reserve(records.size());
    for (qsizetype i = 0; i < records.size(); ++i) {
        QString error;
        const auto event = fromRecord(records.at(i), &error);
        if (!event)
            return broken(records.at(i).id, i,
                          Tr::tr("The event %1 (#%2 of the device %3) is not a valid event: %4")
                              .arg(records.at(i).id)
                              .arg(records.at(i).deviceSeq)
                              .arg(deviceId, error));
        events.append(*event);
    }
    return cases::HashChainVerifier(m_algorithm).verify(events);
}

} // namespace ow::storage
