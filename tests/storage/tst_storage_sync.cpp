// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// What sync keeps in the store: outbox states, the server's refusals and the
// projection rebuilt without them, pulled events with their cursor, sync
// history, the server's log key and head, upload states, cached credentials.

#include "dbtestutil.h"

#include "ow/storage/attachmentrepository.h"
#include "ow/storage/casejournal.h"
#include "ow/storage/caserepository.h"
#include "ow/storage/credentialrepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/outboxrepository.h"
#include "ow/storage/syncstaterepository.h"
#include "ow/storage/transaction.h"
#include "ow/test/tempdatadir.h"

#include <ow/cases/casenumber.h>
#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;

namespace {

const QString village = QStringLiteral("0193a6b4-1d00-7000-8000-00000000a001");
const QString county = QStringLiteral("0193a6b4-1d00-7000-8000-00000000c001");
const QString office = QStringLiteral("330102");
const QString market = QStringLiteral("市场监管局");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}

QJsonObject createdPayload(qint64 serial)
{
    const QJsonObject item {{QStringLiteral("code"), QStringLiteral("330102-SC-001")},
                            {QStringLiteral("name"), QStringLiteral("食品经营许可")},
                            {QStringLiteral("department"), market},
                            {QStringLiteral("legalDays"), 20},
                            {QStringLiteral("promisedDays"), 5},
                            {QStringLiteral("producesCertificate"), false}};
    const QString number
        = ow::cases::CaseNumber::make(office, QDate(2026, 3, 16), QStringLiteral("D07"), serial)->toString();
    return {{QStringLiteral("caseNumber"), number},
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

// The event as the server hands it out: with its sequence number and time.
Event asPulled(Event event, qint64 serverSeq)
{
    event.serverSeq = serverSeq;
    event.receivedAt = QDateTime(QDate(2026, 3, 20), QTime(9, 0), Qt::UTC).addSecs(serverSeq);
    return event;
}

} // namespace

class TstStorageSync : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void outboxStates();
    void rejectionRebuildsProjection();
    void rejectedCreationRemovesCase();
    void pulledEventsStoredOnceById();
    void pulledBatchAndCursorTogether();
    void badPulledBatchStoresNothing();
    void pulledCaseOfALegalPersonApplies();
    void syncHistory();
    void serverLogKeyAndHead();
    void attachmentUploadStates();
    void cachedCredentials();

private:
    QString newCase(CaseJournal &journal, qint64 serial, const QDateTime &at);

    std::unique_ptr<ow::test::TempDataDir> m_dir;
    QSqlDatabase m_db; // the village workstation
    QSqlDatabase m_countyDb; // another workstation, whose events arrive by pull
    std::unique_ptr<CaseJournal> m_journal;
    std::unique_ptr<CaseJournal> m_countyJournal;
};

void TstStorageSync::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    auto opened = openStore(m_dir->filePath(QStringLiteral("village.db")), randomKey(),
                            QStringLiteral("village"), Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    auto other = openStore(m_dir->filePath(QStringLiteral("county.db")), randomKey(),
                           QStringLiteral("county"), Database::Mode::CreateNew);
    QVERIFY2(other.ok(), qPrintable(other.message));
    m_countyDb = other.db;
    m_journal = std::make_unique<CaseJournal>(m_db, CaseJournal::Identity {village, office});
    m_countyJournal = std::make_unique<CaseJournal>(m_countyDb, CaseJournal::Identity {county, office});
}

void TstStorageSync::cleanup()
{
    m_journal.reset();
    m_countyJournal.reset();
    m_db = QSqlDatabase();
    m_countyDb = QSqlDatabase();
    Database::close(QStringLiteral("village"));
    Database::close(QStringLiteral("county"));
    m_dir.reset();
}

QString TstStorageSync::newCase(CaseJournal &journal, qint64 serial, const QDateTime &at)
{
    const QString caseId = ow::core::Uuid::createV7String();
    const auto result
        = journal.record(draft(caseId, EventType::Created, at, createdPayload(serial)), Role::Clerk);
    return result.isValid() ? caseId : QString();
}

void TstStorageSync::outboxStates()
{
    const QString caseId = newCase(*m_journal, 1, utc(16, 1));
    QVERIFY(!caseId.isEmpty());
    QVERIFY(m_journal->record(draft(caseId, EventType::Accepted, utc(16, 2)), Role::Clerk).isValid());
    QVERIFY(m_journal->record(draft(caseId, EventType::Routed, utc(16, 3), routedPayload()), Role::Clerk)
                .isValid());

    OutboxRepository outbox(m_db);
    QList<OutboxEntry> pending = outbox.pending();
    QCOMPARE(pending.size(), 3);
    QCOMPARE(outbox.pendingCount(), 3);
    for (const OutboxEntry &entry : pending)
        QCOMPARE(entry.state, OutboxState::Pending);
    const QString first = pending.at(0).event.id;
    const QString second = pending.at(1).event.id;
    const QString third = pending.at(2).event.id;

    // A failure for now keeps the entry pending, with its attempts counted.
    QVERIFY(outbox.markFailed(first, QStringLiteral("服务器暂时无法访问"),
                              QStringLiteral("database_unavailable")));
    QVERIFY(outbox.markFailed(first, QStringLiteral("连接超时"), QStringLiteral("timeout")));
    auto entry = outbox.entry(first);
    QVERIFY(entry.has_value());
    QCOMPARE(entry->state, OutboxState::Pending);
    QCOMPARE(entry->attempts, 2);
    QCOMPARE(entry->lastErrorCode, QStringLiteral("timeout"));
    QCOMPARE(entry->lastError, QStringLiteral("连接超时"));
    QVERIFY(entry->lastAttemptAt.isValid());

    // Parked: out of the pending queue, kept with the server's reason.
    QVERIFY(outbox.park(third, QStringLiteral("role_not_allowed"), QStringLiteral("无权办理")));
    QCOMPARE(outbox.pendingCount(), 2);
    QCOMPARE(outbox.parkedCount(), 1);
    QCOMPARE(outbox.count(), 3);
    const QList<OutboxEntry> parked = outbox.parked();
    QCOMPARE(parked.size(), 1);
    QCOMPARE(parked.first().event.id, third);
    QCOMPARE(parked.first().lastErrorCode, QStringLiteral("role_not_allowed"));
    QCOMPARE(parked.first().lastError, QStringLiteral("无权办理"));
    QCOMPARE(parked.first().attempts, 1);

    QVERIFY(outbox.markPushed({first, second}));
    QCOMPARE(outbox.pendingCount(), 0);
    QCOMPARE(outbox.count(), 1);
    QVERIFY(outbox.pending().isEmpty());
}

void TstStorageSync::rejectionRebuildsProjection()
{
    const QString caseId = newCase(*m_journal, 2, utc(16, 1));
    QVERIFY(!caseId.isEmpty());
    QVERIFY(m_journal->record(draft(caseId, EventType::Accepted, utc(16, 2)), Role::Clerk).isValid());
    const auto routed
        = m_journal->record(draft(caseId, EventType::Routed, utc(16, 3), routedPayload()), Role::Clerk);
    QVERIFY2(routed.isValid(), qPrintable(routed.message));
    CaseRepository cases(m_db);
    const QString routedState = cases.findById(caseId)->state;
    QVERIFY(routedState != QLatin1String("accepted"));

    QVERIFY2(m_journal->reject({routed.event->id,
                                QStringLiteral("department_mismatch"),
                                QStringLiteral("该部门不受理此事项"),
                                {}}),
             qPrintable(m_journal->lastError()));

    // The case shows the state before the refused event; the event stays in the log.
    const auto row = cases.findById(caseId);
    QVERIFY(row.has_value());
    QCOMPARE(row->state, QStringLiteral("accepted"));
    QVERIFY(row->deadline.isValid());
    QCOMPARE(m_journal->state(caseId).status, ow::cases::CaseStatus::Accepted);
    QCOMPARE(m_journal->events(caseId).size(), 2);
    EventRepository events(m_db);
    QCOMPARE(events.eventsOfCase(caseId).size(), 3);
    const auto rejection = events.rejection(routed.event->id);
    QVERIFY(rejection.has_value());
    QCOMPARE(rejection->code, QStringLiteral("department_mismatch"));
    QCOMPARE(rejection->reason, QStringLiteral("该部门不受理此事项"));
    QVERIFY(rejection->rejectedAt.isValid());
    const auto entry = OutboxRepository(m_db).entry(routed.event->id);
    QVERIFY(entry.has_value());
    QCOMPARE(entry->state, OutboxState::Parked);
    QCOMPARE(entry->lastErrorCode, QStringLiteral("department_mismatch"));

    // The chain goes on after the refused event (the server has seen it).
    const auto next
        = m_journal->record(draft(caseId, EventType::Routed, utc(16, 4), routedPayload()), Role::Clerk);
    QVERIFY2(next.isValid(), qPrintable(next.message));
    QCOMPARE(next.event->prevHash, routed.event->hash);
    QCOMPARE(cases.findById(caseId)->state, routedState);
}

void TstStorageSync::rejectedCreationRemovesCase()
{
    const QString caseId = newCase(*m_journal, 3, utc(16, 1));
    QVERIFY(!caseId.isEmpty());
    const auto accepted = m_journal->record(draft(caseId, EventType::Accepted, utc(16, 2)), Role::Clerk);
    QVERIFY(accepted.isValid());
    const QString createdId = m_journal->events(caseId).first().id;
    QVERIFY(
        m_journal->reject({createdId, QStringLiteral("office_mismatch"), QStringLiteral("不属本机构"), {}}));
    // Nothing the server accepted is left: the case is no longer listed.
    CaseRepository cases(m_db);
    QVERIFY(!cases.findById(caseId).has_value());
    QVERIFY(cases.lastError().isEmpty());
    QCOMPARE(EventRepository(m_db).eventsOfCase(caseId).size(), 2);
    // Its later event, which depended on it, waits to be refused by the server too.
    QCOMPARE(OutboxRepository(m_db).entry(accepted.event->id)->state, OutboxState::Pending);
}

void TstStorageSync::pulledEventsStoredOnceById()
{
    // A case recorded at the county, and one of the village's own.
    const QString countyCase = newCase(*m_countyJournal, 4, utc(17, 1));
    QVERIFY(
        m_countyJournal->record(draft(countyCase, EventType::Accepted, utc(17, 2)), Role::Clerk).isValid());
    const QString ownCase = newCase(*m_journal, 5, utc(17, 3));
    QVERIFY(!ownCase.isEmpty());

    QList<Event> batch;
    qint64 seq = 100;
    for (const Event &event : m_countyJournal->events(countyCase))
        batch.append(asPulled(event, ++seq));
    for (const Event &event : m_journal->events(ownCase))
        batch.append(asPulled(event, ++seq)); // our own event, back from the server

    EventRepository events(m_db);
    const qint64 before = events.count();
    int inserted = -1;
    QVERIFY2(m_journal->storePulled(batch, &inserted), qPrintable(m_journal->lastError()));
    QCOMPARE(inserted, 2);
    QCOMPARE(events.count(), before + 2);

    const auto row = CaseRepository(m_db).findById(countyCase);
    QVERIFY(row.has_value());
    QCOMPARE(row->state, QStringLiteral("accepted"));
    const auto stored = events.find(batch.first().id);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->serverSeq, 101);
    QVERIFY(stored->receivedAt.isValid());
    QCOMPARE(stored->deviceId, county);
    // Pulled events are not pushed back.
    QCOMPARE(OutboxRepository(m_db).pendingCount(), 1);
    // They re-hash to what the county sealed.
    QCOMPARE(m_journal->events(countyCase).first().hash, batch.first().hash);
    QVERIFY(m_journal->events(countyCase).first().hasValidHash());

    // The same batch again (e.g. after resync_required): nothing new.
    QVERIFY(m_journal->storePulled(batch, &inserted));
    QCOMPARE(inserted, 0);
    QCOMPARE(events.count(), before + 2);
    // The village's chain head is still its own last event.
    QCOMPARE(events.lastOfDevice(village)->id, m_journal->events(ownCase).last().id);
}

void TstStorageSync::pulledBatchAndCursorTogether()
{
    const QString countyCase = newCase(*m_countyJournal, 6, utc(18, 1));
    QList<Event> batch;
    for (const Event &event : m_countyJournal->events(countyCase))
        batch.append(asPulled(event, 7));
    SyncStateRepository state(m_db);
    QVERIFY(state.setCursor(QStringLiteral("events"), QStringLiteral("c-1")));

    {
        // Cut off before the commit: neither the events nor the cursor.
        Transaction transaction(m_db);
        QVERIFY(transaction.isActive());
        QVERIFY(m_journal->storePulled(batch));
        QVERIFY(state.setCursor(QStringLiteral("events"), QStringLiteral("c-2")));
        transaction.rollback();
    }
    QCOMPARE(state.cursor(QStringLiteral("events")), QStringLiteral("c-1"));
    QVERIFY(!EventRepository(m_db).contains(batch.first().id));
    QVERIFY(!CaseRepository(m_db).findById(countyCase).has_value());

    {
        Transaction transaction(m_db);
        QVERIFY(m_journal->storePulled(batch));
        QVERIFY(state.setCursor(QStringLiteral("events"), QStringLiteral("c-2")));
        QVERIFY(transaction.commit());
    }
    QCOMPARE(state.cursor(QStringLiteral("events")), QStringLiteral("c-2"));
    QVERIFY(EventRepository(m_db).contains(batch.first().id));
    QVERIFY(CaseRepository(m_db).findById(countyCase).has_value());

    QVERIFY(state.clearCursor(QStringLiteral("events")));
    QVERIFY(state.cursor(QStringLiteral("events")).isEmpty());
}

void TstStorageSync::pulledCaseOfALegalPersonApplies()
{
    // A company applies with its credit code: no personal ID number. The
    // server accepted the case, so storing it here must not fail.
    ow::cases::Actor actor;
    actor.userId = QStringLiteral("clerk-09");
    actor.officeCode = office;
    actor.deviceId = county;
    actor.role = Role::Clerk;
    QJsonObject payload = createdPayload(9);
    payload.insert(QStringLiteral("applicant"),
                   QJsonObject {{QStringLiteral("kind"), QStringLiteral("legal")},
                                {QStringLiteral("uscc"), QStringLiteral("91330102MA2H0Q1X3P")},
                                {QStringLiteral("name"), QStringLiteral("示范县味美餐饮有限公司")}});
    Event created = Event::make(ow::core::Uuid::createV7String(), EventType::Created, actor, payload, utc(19, 9));
    QVERIFY(created.seal(QString()));
    QVERIFY2(m_journal->storePulled({asPulled(created, 200)}), qPrintable(m_journal->lastError()));
    const auto row = CaseRepository(m_db).findById(created.caseId);
    QVERIFY(row.has_value());
    QVERIFY(row->applicantIdNumber.isEmpty());
    QCOMPARE(row->applicantName, QStringLiteral("示范县味美餐饮有限公司"));
}

void TstStorageSync::badPulledBatchStoresNothing()
{
    const QString countyCase = newCase(*m_countyJournal, 8, utc(18, 1));
    QVERIFY(
        m_countyJournal->record(draft(countyCase, EventType::Accepted, utc(18, 2)), Role::Clerk).isValid());
    const QList<Event> events = m_countyJournal->events(countyCase);
    QList<Event> batch {asPulled(events.at(0), 1), events.at(1)}; // the second lacks its serverSeq
    QVERIFY(!m_journal->storePulled(batch));
    QVERIFY(!m_journal->lastError().isEmpty());
    QVERIFY(!EventRepository(m_db).contains(events.at(0).id));
    QVERIFY(!CaseRepository(m_db).findById(countyCase).has_value());
}

void TstStorageSync::syncHistory()
{
    SyncStateRepository state(m_db);
    const qint64 first = state.beginSyncRun();
    QVERIFY(first > 0);
    SyncRunRecord run;
    run.id = first;
    run.pushed = 12;
    run.pulled = 30;
    run.parked = 1;
    run.bytes = 4096;
    run.outcome = SyncRunRecord::Outcome::Succeeded;
    QVERIFY(state.finishSyncRun(run));
    const qint64 second = state.beginSyncRun(); // cut off: never finished
    QVERIFY(second > first);

    const QList<SyncRunRecord> runs = state.syncRuns();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).id, second);
    QCOMPARE(runs.at(0).outcome, SyncRunRecord::Outcome::Running);
    QVERIFY(!runs.at(0).finishedAt.isValid());
    QCOMPARE(runs.at(1).pushed, 12);
    QCOMPARE(runs.at(1).pulled, 30);
    QCOMPARE(runs.at(1).parked, 1);
    QCOMPARE(runs.at(1).bytes, 4096);
    QCOMPARE(runs.at(1).outcome, SyncRunRecord::Outcome::Succeeded);
    QVERIFY(runs.at(1).finishedAt >= runs.at(1).startedAt);
}

void TstStorageSync::serverLogKeyAndHead()
{
    SyncStateRepository state(m_db);
    const TreeHeadRecord head {
        5, QString(64, u'a'), QStringLiteral("2026-03-20T09:00:00Z"), QStringLiteral("c2ln"), {}};
    // A head is kept only with a pinned key.
    QVERIFY(!state.setVerifiedTreeHead(head));
    QVERIFY(!state.lastError().isEmpty());

    const QString key = QString::fromLatin1(QByteArray(32, '\x01').toBase64());
    QVERIFY(state.pinServerLogKey(key));
    QVERIFY(state.pinServerLogKey(key)); // the same again is fine
    QVERIFY(!state.pinServerLogKey(QString::fromLatin1(QByteArray(32, '\x02').toBase64())));
    QCOMPARE(state.serverLogKey(), key);

    QVERIFY(!state.verifiedTreeHead().has_value());
    QVERIFY2(state.setVerifiedTreeHead(head), qPrintable(state.lastError()));
    auto stored = state.verifiedTreeHead();
    QVERIFY(stored.has_value());
    QCOMPARE(stored->size, 5);
    QCOMPARE(stored->rootHash, head.rootHash);
    QCOMPARE(stored->timestamp, head.timestamp);
    QCOMPARE(stored->signature, head.signature);
    QVERIFY(stored->verifiedAt.isValid());
    TreeHeadRecord later = head;
    later.size = 9;
    QVERIFY(state.setVerifiedTreeHead(later));
    QCOMPARE(state.verifiedTreeHead()->size, 9);
}

void TstStorageSync::attachmentUploadStates()
{
    AttachmentRepository attachments(m_db);
    const QString a = attachments.put("营业执照扫描件", QStringLiteral("image/png"));
    const QString b = attachments.put("身份证复印件", QStringLiteral("image/png"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    QCOMPARE(attachments.uploads(UploadState::Pending).size(), 2);

    QVERIFY(attachments.markUploadFailed(a, QStringLiteral("连接超时"), false));
    auto upload = attachments.upload(a);
    QCOMPARE(upload->state, UploadState::Pending);
    QCOMPARE(upload->attempts, 1);
    QCOMPARE(upload->lastError, QStringLiteral("连接超时"));
    QVERIFY(attachments.markUploaded(a));
    QCOMPARE(attachments.upload(a)->state, UploadState::Uploaded);
    QVERIFY(attachments.upload(a)->lastError.isEmpty());

    QVERIFY(attachments.markUploadFailed(b, QStringLiteral("hash mismatch"), true));
    QCOMPARE(attachments.upload(b)->state, UploadState::Failed);
    QCOMPARE(attachments.uploads(UploadState::Failed).size(), 1);
    QCOMPARE(attachments.uploads(UploadState::Pending).size(), 0);
    QVERIFY(!attachments.upload(QString(64, u'0')).has_value());
}

void TstStorageSync::cachedCredentials()
{
    CredentialRepository credentials(m_db);
    QVERIFY(!credentials.find(QStringLiteral("zhangsan")).has_value());
    QVERIFY(credentials.lastError().isEmpty());
    CachedCredential credential {QStringLiteral("zhangsan"),
                                 QStringLiteral(R"({"displayName":"张三"})"),
                                 QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$abc$def"),
                                 {}};
    QVERIFY(credentials.put(credential));
    auto found = credentials.find(QStringLiteral("zhangsan"));
    QVERIFY(found.has_value());
    QCOMPARE(found->passwordHash, credential.passwordHash);
    QCOMPARE(found->userJson, credential.userJson);
    QVERIFY(found->cachedAt.isValid());
    credential.passwordHash = QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$xyz$uvw");
    QVERIFY(credentials.put(credential));
    QCOMPARE(credentials.find(QStringLiteral("zhangsan"))->passwordHash, credential.passwordHash);
    QVERIFY(credentials.remove(QStringLiteral("zhangsan")));
    QVERIFY(!credentials.find(QStringLiteral("zhangsan")).has_value());
}

QTEST_GUILESS_MAIN(TstStorageSync)
#include "tst_storage_sync.moc"
