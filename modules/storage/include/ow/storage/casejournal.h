// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <ow/cases/casestate.h>
#include <ow/cases/event.h>
#include <ow/cases/hashchain.h>
#include <ow/cases/statemachine.h>
#include <ow/cases/timelimitclock.h>
#include <ow/core/hash.h>
#include <ow/core/workingcalendar.h>

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

class EventRepository;

// The device's case journal (DESIGN.md, "Cases are event logs"): records case
// events through the state machine, seals each into this device's hash chain,
// and appends it with its case's projection row and its outbox entry in one
// transaction. Reads cases back as cases::Event and cases::CaseState.
//
// The projection row: state = the status's wire name; item_code = the item
// codes joined by ","; applicant from the `created` payload's applicant
// "idNumber" and "name"; office = where the case was registered; department
// = the lead department (every department is in details.departments);
// case_number = the `created` payload's caseNumber, or the case id for a case
// created without one (the column is unique); deadline = the time limit's last
// day on the calendar (setCalendar(), by default the built-in national one)
// while the clock runs, as of the event's local date, so a lower bound while
// the clock is stopped, and invalid before acceptance, after the conclusion
// or for a year the calendar does not know; catalog_version = the `created`
// payload's "catalogVersion"; details = CaseState::toJson().
//
// Failed calls set lastError() (translated). Destroy the journal before
// closing its connection.
class OW_STORAGE_EXPORT CaseJournal
{
public:
    struct Identity
    {
        QString deviceId; // becomes every recorded event's actor.deviceId
        QString officeCode; // ... and actor.officeCode
    };

    struct Result
    {
        enum class Error {
            None,
            InvalidEvent, // the draft cannot be sealed or stored as it is
            Rejected, // the state machine refused it (see `rejection`)
            Storage, // reading or writing the store failed
        };

        std::optional<cases::Event> event; // sealed, exactly as stored
        cases::CaseState state; // the case after the event (before it on error)
        Error error = Error::None;
        cases::CaseStateMachine::ErrorKind rejection = cases::CaseStateMachine::ErrorKind::None;
        QString message; // translated, for the user
        bool isValid() const { return event.has_value(); }
    };

    CaseJournal(const QSqlDatabase &db, const Identity &identity,
                core::HashAlgorithm algorithm = core::HashAlgorithm::Sha256);
    ~CaseJournal();
    CaseJournal(const CaseJournal &) = delete;
    CaseJournal &operator=(const CaseJournal &) = delete;

    Identity identity() const { return m_identity; }
    core::HashAlgorithm algorithm() const { return m_algorithm; }
    // The centre's calendar and clock policy for the projection's deadline.
    void setCalendar(const core::WorkingCalendar &calendar) { m_calendar = calendar; }
    void setClockPolicy(const cases::ClockPolicy &policy) { m_policy = policy; }

    // Records `draft` (e.g. from cases::Event::make) acting in `role`: stamps
    // the actor with this device, its office and `role`; checks it against the
    // case's events with the state machine; seals it after this device's last
    // event (device_seq + 1); then, in one transaction, appends it, replaces
    // the case's projection row and queues it in the outbox. Nothing is
    // written unless everything succeeds. The draft's time must not precede
    // the case's last event, so that the case's order stays the order of time.
    Result record(const cases::Event &draft, cases::Role role);

    // Sync. The projection never shows what the server refused: it is the
    // fold of the case's events without the refused ones.

    // Records the server's refusal of an event recorded here, parks its
    // outbox entry and rebuilds its case's projection, in one transaction.
    bool reject(const EventRejection &rejection);
    // Stores events received from the server (their serverSeq set), skipping
    // those already held (by id), and rebuilds the projection of every case
    // they touch, in one transaction (a savepoint inside the caller's, so a
    // pull cursor can be saved with them). `inserted` counts the new ones.
    bool storePulled(const QList<cases::Event> &events, int *inserted = nullptr);
    // Folds the case's unrefused events into its projection row (removed when none is left).
    bool rebuildProjection(const QString &caseId);

    // A case's events in order, without those the server refused; empty with
    // lastError() if one cannot be read.
    QList<cases::Event> events(const QString &caseId) const;
    // The fold of a case's events (status None for an unknown case); up to
    // the last valid event, with lastError(), if the state machine rejects one.
    cases::CaseState state(const QString &caseId) const;
    // Re-checks every stored event of a device: its content against its hash
    // and its link to the event before it, from the device's first event. A
    // row that is not a valid event is reported as a changed link.
    cases::ChainVerification verifyDeviceChain(const QString &deviceId) const;

    // Lossless conversions: fromRecord(toRecord(e, n)) re-hashes to e.hash.
    static EventRecord toRecord(const cases::Event &event, qint64 deviceSeq);
    static std::optional<cases::Event> fromRecord(const EventRecord &record, QString *error = nullptr);

    QString lastError() const { return m_lastError; }

private:
    std::optional<QList<cases::Event>> readCase(const QString &caseId) const;
    CaseRecord projection(const cases::CaseState &state, const QList<cases::Event> &events) const;

    QSqlDatabase m_db;
    Identity m_identity;
    core::HashAlgorithm m_algorithm;
    core::WorkingCalendar m_calendar;
    cases::ClockPolicy m_policy;
    std::unique_ptr<EventRepository> m_events;
    mutable QString m_lastError;
};

} // namespace ow::storage
