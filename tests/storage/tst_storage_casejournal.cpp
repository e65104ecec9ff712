// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "dbtestutil.h"

#include "ow/storage/casejournal.h"
#include "ow/storage/caserepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/outboxrepository.h"
#include "ow/test/tempdatadir.h"

#include <ow/cases/casenumber.h>
#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;
using ow::cases::CaseStatus;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;

namespace {

const QString connection = QStringLiteral("journal");
const QString device = QStringLiteral("0193a6b4-1d00-7000-8000-00000000d007");
const QString office = QStringLiteral("330102");
const QString market = QStringLiteral("市场监管局");
const QString basis = QStringLiteral("《中华人民共和国行政许可法》第三十二条");

// A fixed key: the test needs no keyring.
QByteArray testKey()
{
    return QByteArray(Database::KeySize, '\x5a');
}

QDateTime utc(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), Qt::UTC);
}

QString caseNumber(qint64 serial)
{
    return ow::cases::CaseNumber::make(office, QDate(2026, 3, 16), QStringLiteral("D07"), serial)->toString();
}

QJsonObject createdPayload(qint64 serial)
{
    const QJsonObject item {{QStringLiteral("code"), QStringLiteral("330102-SC-001")},
                            {QStringLiteral("name"), QStringLiteral("食品经营许可")},
                            {QStringLiteral("department"), market},
                            {QStringLiteral("legalDays"), 20},
                            {QStringLiteral("promisedDays"), 5},
                            {QStringLiteral("producesCertificate"), false}};
    return {{QStringLiteral("caseNumber"), caseNumber(serial)},
            {QStringLiteral("catalogVersion"), QStringLiteral("2026.1")},
            {QStringLiteral("items"), QJsonArray {item}},
            {QStringLiteral("applicant"),
             QJsonObject {{QStringLiteral("idNumber"), QStringLiteral("33010219900307123X")},
                          {QStringLiteral("name"), QStringLiteral("欧阳娜娜")}}}};
}

QJsonObject routedPayload()
{
    return {
        {QStringLiteral("lead"), market},
        {QStringLiteral("tasks"),
         QJsonArray {QJsonObject {{QStringLiteral("department"), market},
                                  {QStringLiteral("items"), QJsonArray {QStringLiteral("330102-SC-001")}}}}}};
}

Event draft(const QString &caseId, EventType type, const QDateTime &at, const QJsonObject &payload = {},
            const QString &user = QStringLiteral("clerk-07"))
{
    ow::cases::Actor actor;
    actor.userId = user;
    return Event::make(caseId, type, actor, payload, at);
}

// QVERIFY2 evaluates its message even when the check passes.
QString breakMessage(const ow::cases::ChainVerification &verification)
{
    return verification.firstBreak ? verification.firstBreak->message : QString();
}

qint64 countRows(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT count(*) FROM ") + table) && query.next()
        ? query.value(0).toLongLong()
        : -1;
}

} // namespace

class TstStorageCaseJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void lifecycleUpdatesProjection();
    void stoppedClockMovesDeadline();
    void rejectedEventsWriteNothing();
    void eventBeforeCaseHistoryRejected();
    void chainAcrossCases();
    void storedEventsRehashIdentically();
    void outboxHoldsEveryEventInOrder();
    void reopenContinuesChain();

private:
    void open();
    void close();
    CaseJournal::Result record(const QString &caseId, EventType type, const QDateTime &at, Role role,
                               const QJsonObject &payload = {});
    QString newCase(qint64 serial, const QDateTime &at);

    QSqlDatabase m_db;
    std::unique_ptr<ow::test::TempDataDir> m_dir;
    std::unique_ptr<CaseJournal> m_journal;
    ow::core::WorkingCalendar m_calendar = ow::core::WorkingCalendar::builtIn();
};

void TstStorageCaseJournal::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    auto opened = openStore(m_dir->filePath(QStringLiteral("store.db")), testKey(), connection,
                            Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    m_journal = std::make_unique<CaseJournal>(m_db, CaseJournal::Identity {device, office});
}

void TstStorageCaseJournal::cleanup()
{
    close();
    m_dir.reset();
}

void TstStorageCaseJournal::open()
{
    auto opened = openStore(m_dir->filePath(QStringLiteral("store.db")), testKey(), connection,
                            Database::Mode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    m_journal = std::make_unique<CaseJournal>(m_db, CaseJournal::Identity {device, office});
}

void TstStorageCaseJournal::close()
{
    m_journal.reset();
    m_db = QSqlDatabase();
    Database::close(connection);
}

CaseJournal::Result TstStorageCaseJournal::record(const QString &caseId, EventType type, const QDateTime &at,
                                                  Role role, const QJsonObject &payload)
{
    const QString user = role == Role::Reviewer ? QStringLiteral("reviewer-03") : QStringLiteral("clerk-07");
    return m_journal->record(draft(caseId, type, at, payload, user), role);
}

QString TstStorageCaseJournal::newCase(qint64 serial, const QDateTime &at)
{
    const QString caseId = ow::core::Uuid::createV7String();
    const auto result = record(caseId, EventType::Created, at, Role::Clerk, createdPayload(serial));
    return result.isValid() ? caseId : QString();
}

void TstStorageCaseJournal::lifecycleUpdatesProjection()
{
    const QString caseId = ow::core::Uuid::createV7String();
    CaseRepository cases(m_db);
    EventRepository events(m_db);

    struct Step
    {
        EventType type;
        Role role;
        QDateTime at;
        QJsonObject payload;
        CaseStatus status;
        QDate deadline;
    };
    // Accepted on Monday 16 March 2026 (local time) with a 5-working-day promise.
    const QDate deadline = *m_calendar.addWorkingDays(QDate(2026, 3, 16), 5);
    QCOMPARE(deadline, QDate(2026, 3, 23));
    const QList<Step> steps {
        {EventType::Created, Role::Clerk, utc(3, 16, 1), createdPayload(1), CaseStatus::Created, QDate()},
        {EventType::Accepted, Role::Clerk, utc(3, 16, 1, 5), {}, CaseStatus::Accepted, deadline},
        {EventType::Routed, Role::Clerk, utc(3, 16, 2), routedPayload(), CaseStatus::UnderReview, deadline},
        {EventType::Approved, Role::Reviewer, utc(3, 18, 6), {}, CaseStatus::Approved, QDate()},
        {EventType::Delivered, Role::Clerk, utc(3, 19, 2), {}, CaseStatus::Delivered, QDate()},
    };

    QString previousHash;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const Step &step = steps.at(i);
        const auto result = record(caseId, step.type, step.at, step.role, step.payload);
        QVERIFY2(result.isValid(), qPrintable(result.message));
        QCOMPARE(result.error, CaseJournal::Result::Error::None);
        QVERIFY(m_journal->lastError().isEmpty());
        QCOMPARE(result.state.status, step.status);
        QCOMPARE(result.event->actor.deviceId, device);
        QCOMPARE(result.event->actor.officeCode, office);
        QCOMPARE(result.event->actor.role, step.role);
        QCOMPARE(result.event->prevHash, previousHash);
        QVERIFY(result.event->hasValidHash());
        previousHash = result.event->hash;

        const auto stored = events.find(result.event->id);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->deviceSeq, i + 1);
        QCOMPARE(stored->actorRole, ow::cases::roleName(step.role));
        QCOMPARE(stored->hash, result.event->hash);

        const auto row = cases.findById(caseId);
        QVERIFY2(row.has_value(), qPrintable(cases.lastError()));
        QCOMPARE(row->state, ow::cases::caseStatusName(step.status));
        QCOMPARE(row->deadline, step.deadline);
        QCOMPARE(row->caseNumber, caseNumber(1));
        QCOMPARE(row->itemCode, QStringLiteral("330102-SC-001"));
        QCOMPARE(row->applicantIdNumber, QStringLiteral("33010219900307123X"));
        QCOMPARE(row->applicantName, QStringLiteral("欧阳娜娜"));
        QCOMPARE(row->office, office);
        QCOMPARE(row->department, market);
        QCOMPARE(row->catalogVersion, QStringLiteral("2026.1"));
        QCOMPARE(row->lastEventId, result.event->id);
        QCOMPARE(row->updatedAt, step.at);
        QCOMPARE(row->acceptedAt, i == 0 ? QDateTime() : steps.at(1).at);
        const QJsonObject details = QJsonDocument::fromJson(row->details.toUtf8()).object();
        QCOMPARE(details, result.state.toJson());
        QCOMPARE(details.value(QStringLiteral("eventCount")).toInt(), i + 1);
    }

    const QList<Event> stored = m_journal->events(caseId);
    QCOMPARE(stored.size(), steps.size());
    for (qsizetype i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).type, steps.at(i).type);
    const auto state = m_journal->state(caseId);
    QVERIFY(m_journal->lastError().isEmpty());
    QCOMPARE(state.status, CaseStatus::Delivered);
    QCOMPARE(state.toJson(), ow::cases::CaseStateMachine::fold(stored).state.toJson());
    QCOMPARE(m_journal->state(ow::core::Uuid::createV7String()).status, CaseStatus::None);
}

// Supplement (补正) stops the clock: while stopped the deadline is the one
// if the clock ran again on the event's day; afterwards it moves on by the
// working days it stood still.
void TstStorageCaseJournal::stoppedClockMovesDeadline()
{
    const QString caseId = newCase(2, utc(3, 16, 1));
    QVERIFY(!caseId.isEmpty());
    QVERIFY(record(caseId, EventType::Accepted, utc(3, 16, 1, 5), Role::Clerk).isValid());
    QVERIFY(record(caseId, EventType::Routed, utc(3, 16, 2), Role::Clerk, routedPayload()).isValid());
    const auto requested = record(caseId, EventType::SupplementRequested, utc(3, 18, 2), Role::Reviewer,
                                  {{QStringLiteral("materials"), QJsonArray {QStringLiteral("健康证明")}}});
    QVERIFY2(requested.isValid(), qPrintable(requested.message));
    CaseRepository cases(m_db);
    QCOMPARE(cases.findById(caseId)->state, QStringLiteral("supplement-pending"));
    QCOMPARE(cases.findById(caseId)->deadline, QDate(2026, 3, 23));
    // Materials arrive on Friday: Thursday and Friday did not count.
    const auto received = record(caseId, EventType::SupplementReceived, utc(3, 20, 2), Role::Clerk);
    QVERIFY2(received.isValid(), qPrintable(received.message));
    QCOMPARE(cases.findById(caseId)->state, QStringLiteral("under-review"));
    QCOMPARE(cases.findById(caseId)->deadline, *m_calendar.addWorkingDays(QDate(2026, 3, 16), 5 + 2));
    QCOMPARE(cases.findById(caseId)->deadline, QDate(2026, 3, 25));
}

void TstStorageCaseJournal::rejectedEventsWriteNothing()
{
    const QString caseId = newCase(3, utc(3, 16, 1));
    QVERIFY(!caseId.isEmpty());
    CaseRepository cases(m_db);
    const CaseRecord before = *cases.findById(caseId);
    const qint64 eventCount = countRows(m_db, QStringLiteral("events"));
    const qint64 outboxCount = countRows(m_db, QStringLiteral("outbox"));
    const qint64 caseCount = countRows(m_db, QStringLiteral("cases"));
    const auto unchanged = [&] {
        return countRows(m_db, QStringLiteral("events")) == eventCount
            && countRows(m_db, QStringLiteral("outbox")) == outboxCount
            && countRows(m_db, QStringLiteral("cases")) == caseCount
            && cases.findById(caseId)->lastEventId == before.lastEventId
            && cases.findById(caseId)->state == before.state;
    };

    // Not in the transition table.
    auto result = record(caseId, EventType::Delivered, utc(3, 16, 2), Role::Clerk);
    QVERIFY(!result.isValid());
    QCOMPARE(result.error, CaseJournal::Result::Error::Rejected);
    QCOMPARE(result.rejection, ow::cases::CaseStateMachine::ErrorKind::NotAllowed);
    QVERIFY(!result.message.isEmpty());
    QCOMPARE(m_journal->lastError(), result.message);
    QCOMPARE(result.state.status, CaseStatus::Created);
    QVERIFY(unchanged());

    // A refusal must cite its basis.
    result = record(caseId, EventType::Refused, utc(3, 16, 2), Role::Clerk);
    QVERIFY(!result.isValid());
    QCOMPARE(result.rejection, ow::cases::CaseStateMachine::ErrorKind::InvalidPayload);
    QVERIFY2(result.message.contains(QLatin1String("basis")), qPrintable(result.message));
    QVERIFY(unchanged());

    // A reviewer does not accept cases.
    result = record(caseId, EventType::Accepted, utc(3, 16, 2), Role::Reviewer);
    QCOMPARE(result.rejection, ow::cases::CaseStateMachine::ErrorKind::RoleNotAllowed);
    QVERIFY(unchanged());

    // An event of a case that was never created.
    result = record(ow::core::Uuid::createV7String(), EventType::Accepted, utc(3, 16, 2), Role::Clerk);
    QCOMPARE(result.rejection, ow::cases::CaseStateMachine::ErrorKind::NotAllowed);
    QVERIFY(unchanged());

    // With its basis the refusal goes through, and the chain continues from the created event.
    result
        = record(caseId, EventType::Refused, utc(3, 16, 2), Role::Clerk, {{QStringLiteral("basis"), basis}});
    QVERIFY2(result.isValid(), qPrintable(result.message));
    QCOMPARE(result.event->prevHash, m_journal->events(caseId).constFirst().hash);
    QCOMPARE(cases.findById(caseId)->state, QStringLiteral("refused"));
    QCOMPARE(countRows(m_db, QStringLiteral("outbox")), outboxCount + 1);
}

void TstStorageCaseJournal::eventBeforeCaseHistoryRejected()
{
    const QString caseId = newCase(4, utc(3, 16, 1));
    QVERIFY(!caseId.isEmpty());
    const qint64 eventCount = countRows(m_db, QStringLiteral("events"));
    const auto result = record(caseId, EventType::Accepted, utc(3, 16, 0, 59), Role::Clerk);
    QVERIFY(!result.isValid());
    QCOMPARE(result.error, CaseJournal::Result::Error::InvalidEvent);
    QCOMPARE(countRows(m_db, QStringLiteral("events")), eventCount);
}

void TstStorageCaseJournal::chainAcrossCases()
{
    const QString first = newCase(5, utc(3, 16, 1));
    const QString second = newCase(6, utc(3, 16, 1, 1));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QVERIFY(record(first, EventType::Accepted, utc(3, 16, 1, 2), Role::Clerk).isValid());
    QVERIFY(record(second, EventType::Accepted, utc(3, 16, 1, 3), Role::Clerk).isValid());
    QVERIFY(record(first, EventType::Routed, utc(3, 16, 1, 4), Role::Clerk, routedPayload()).isValid());

    EventRepository events(m_db);
    const QList<EventRecord> chain = events.eventsOfDevice(device);
    QCOMPARE(chain.size(), 5);
    const QStringList caseOrder {first, second, first, second, first};
    for (qsizetype i = 0; i < chain.size(); ++i) {
        QCOMPARE(chain.at(i).deviceSeq, i + 1);
        QCOMPARE(chain.at(i).caseId, caseOrder.at(i));
        QCOMPARE(chain.at(i).prevHash, i == 0 ? QString() : chain.at(i - 1).hash);
    }
    QCOMPARE(events.lastOfDevice(device)->hash, chain.constLast().hash);

    const auto verification = m_journal->verifyDeviceChain(device);
    QVERIFY2(verification.isValid(), qPrintable(breakMessage(verification)));
    QCOMPARE(verification.eventCount, 5);
    QCOMPARE(verification.heads.value(device), chain.constLast().hash);
    // A device without events has an empty, valid chain.
    QVERIFY(m_journal->verifyDeviceChain(QStringLiteral("other-device")).isValid());
}

void TstStorageCaseJournal::storedEventsRehashIdentically()
{
    const QString caseId = newCase(7, utc(3, 16, 1));
    QVERIFY(!caseId.isEmpty());
    QVERIFY(record(caseId, EventType::Accepted, utc(3, 16, 1, 2), Role::Clerk).isValid());
    QVERIFY(record(caseId, EventType::Routed, utc(3, 16, 1, 4), Role::Clerk, routedPayload()).isValid());

    EventRepository repository(m_db);
    const QList<EventRecord> records = repository.eventsOfDevice(device);
    QCOMPARE(records.size(), 3);
    QList<Event> events;
    for (const EventRecord &record : records) {
        QString error;
        const auto event = CaseJournal::fromRecord(record, &error);
        QVERIFY2(event.has_value(), qPrintable(error));
        QCOMPARE(event->computeHash(), std::optional<QString>(record.hash));
        QVERIFY(event->hasValidHash());
        // Back to a record: the same row, field by field.
        const EventRecord again = CaseJournal::toRecord(*event, record.deviceSeq);
        QCOMPARE(again.id, record.id);
        QCOMPARE(again.caseId, record.caseId);
        QCOMPARE(again.type, record.type);
        QCOMPARE(again.actorUser, record.actorUser);
        QCOMPARE(again.actorOffice, record.actorOffice);
        QCOMPARE(again.actorRole, record.actorRole);
        QCOMPARE(again.deviceId, record.deviceId);
        QCOMPARE(again.at, record.at);
        QCOMPARE(again.payload, record.payload);
        QCOMPARE(again.prevHash, record.prevHash);
        QCOMPARE(again.hash, record.hash);
        events.append(*event);
    }
    // The journal's own reading is the same.
    QCOMPARE(m_journal->events(caseId).constLast().toJson(), events.constLast().toJson());

    // The log cannot be tampered with through SQL...
    QSqlQuery query(m_db);
    QVERIFY(!query.exec(
        QStringLiteral("UPDATE events SET payload = '{}' WHERE id = '%1'").arg(records.at(1).id)));
    QVERIFY(!query.exec(QStringLiteral("DELETE FROM events WHERE id = '%1'").arg(records.at(1).id)));
    query.finish();
    QVERIFY(m_journal->verifyDeviceChain(device).isValid());

    // ... and a changed or shortened copy is caught.
    ow::cases::HashChainVerifier verifier;
    QVERIFY(verifier.verify(events).isValid());
    QList<Event> changed = events;
    changed[1].payload.insert(QStringLiteral("note"), QStringLiteral("altered"));
    auto verification = verifier.verify(changed);
    QVERIFY(!verification.isValid());
    QCOMPARE(verification.firstBreak->kind, ow::cases::ChainBreak::Kind::Changed);
    QCOMPARE(verification.firstBreak->eventId, events.at(1).id);
    QCOMPARE(verification.firstBreak->index, 1);
    QList<Event> dropped = events;
    dropped.removeAt(1);
    verification = verifier.verify(dropped);
    QVERIFY(!verification.isValid());
    QCOMPARE(verification.firstBreak->kind, ow::cases::ChainBreak::Kind::Dropped);
    QCOMPARE(verification.firstBreak->eventId, events.at(2).id);

    // A row that is not an event (here: from before schema version 3, without
    // a role) is named as the first broken link.
    EventRecord legacy = CaseJournal::toRecord(events.constLast(), 4);
    legacy.id = ow::core::Uuid::createV7String();
    legacy.actorRole.clear();
    legacy.prevHash = records.constLast().hash;
    QVERIFY2(repository.append(legacy, *CaseRepository(m_db).findById(caseId)),
             qPrintable(repository.lastError()));
    verification = m_journal->verifyDeviceChain(device);
    QVERIFY(!verification.isValid());
    QCOMPARE(verification.firstBreak->eventId, legacy.id);
    QCOMPARE(verification.firstBreak->index, 3);
    QVERIFY2(verification.firstBreak->message.contains(legacy.id),
             qPrintable(verification.firstBreak->message));
}

void TstStorageCaseJournal::outboxHoldsEveryEventInOrder()
{
    const QString first = newCase(8, utc(3, 16, 1));
    const QString second = newCase(9, utc(3, 16, 1, 1));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QVERIFY(record(second, EventType::Accepted, utc(3, 16, 1, 2), Role::Clerk).isValid());
    QVERIFY(record(first, EventType::Withdrawn, utc(3, 16, 1, 3), Role::Clerk).isValid());

    const QList<EventRecord> chain = EventRepository(m_db).eventsOfDevice(device);
    const QList<OutboxEntry> pending = OutboxRepository(m_db).pending();
    QCOMPARE(pending.size(), chain.size());
    QCOMPARE(pending.size(), 4);
    for (qsizetype i = 0; i < pending.size(); ++i) {
        QCOMPARE(pending.at(i).event.id, chain.at(i).id);
        QCOMPARE(pending.at(i).event.hash, chain.at(i).hash);
        QCOMPARE(pending.at(i).event.actorRole, QStringLiteral("clerk"));
        if (i > 0)
            QVERIFY(pending.at(i).seq > pending.at(i - 1).seq);
        QVERIFY(CaseJournal::fromRecord(pending.at(i).event).has_value());
    }
}

void TstStorageCaseJournal::reopenContinuesChain()
{
    const QString caseId = newCase(10, utc(3, 16, 1));
    QVERIFY(!caseId.isEmpty());
    const auto accepted = record(caseId, EventType::Accepted, utc(3, 16, 1, 2), Role::Clerk);
    QVERIFY(accepted.isValid());

    close();
    open();
    QCOMPARE(m_journal->state(caseId).status, CaseStatus::Accepted);
    const auto routed = record(caseId, EventType::Routed, utc(3, 16, 1, 4), Role::Clerk, routedPayload());
    QVERIFY2(routed.isValid(), qPrintable(routed.message));
    QCOMPARE(routed.event->prevHash, accepted.event->hash);
    QCOMPARE(EventRepository(m_db).find(routed.event->id)->deviceSeq, 3);
    const auto verification = m_journal->verifyDeviceChain(device);
    QVERIFY2(verification.isValid(), qPrintable(breakMessage(verification)));
    QCOMPARE(verification.eventCount, 3);
    QCOMPARE(CaseRepository(m_db).findById(caseId)->state, QStringLiteral("under-review"));
}

QTEST_GUILESS_MAIN(TstStorageCaseJournal)
#include "tst_storage_casejournal.moc"
