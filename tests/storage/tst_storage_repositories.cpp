// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "dbtestutil.h"

#include "ow/storage/applicantrepository.h"
#include "ow/storage/attachmentrepository.h"
#include "ow/storage/caserepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/outboxrepository.h"
#include "ow/storage/settingsrepository.h"
#include "ow/storage/syncstaterepository.h"
#include "ow/storage/transaction.h"
#include "ow/test/tempdatadir.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace ow::storage;
using namespace ow::test::db;

namespace {

QString caseNumber(int n)
{
    return QStringLiteral("YCT-330102-20260315-%1").arg(n, 6, 10, QLatin1Char('0'));
}

qint64 countRows(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT count(*) FROM ") + table) && query.next()
        ? query.value(0).toLongLong()
        : -1;
}

QString queryPlan(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
        return query.lastError().text();
    QStringList steps;
    while (query.next())
        steps.append(query.value(3).toString());
    return steps.join(QStringLiteral("; "));
}

} // namespace

class TstStorageRepositories : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void appendWritesEventProjectionAndOutbox();
    void appendIsAllOrNothing();
    void appendInsideCallersTransaction();
    void pulledEventsAreNotQueued();
    void eventsAreAppendOnly();
    void deviceChainHead();
    void caseLookups();
    void workQueuePages();
    void applicantNamePrefix();
    void queryPlansUseIndexes();
    void attachments();
    void outbox();
    void settingsAndSyncState();

private:
    QSqlDatabase m_db;
    std::unique_ptr<ow::test::TempDataDir> m_dir;
};

void TstStorageRepositories::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    auto opened = openStore(m_dir->filePath(QStringLiteral("store.db")), randomKey(), QStringLiteral("repo"),
                            Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
}

void TstStorageRepositories::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(QStringLiteral("repo"));
    m_dir.reset();
}

void TstStorageRepositories::appendWritesEventProjectionAndOutbox()
{
    EventRepository events(m_db);
    CaseRecord c = sampleCase(caseNumber(1));
    const EventRecord e = sampleEvent(c.id, QStringLiteral("device-1"), 1);
    QVERIFY2(events.append(e, c), qPrintable(events.lastError()));
    QVERIFY(events.lastError().isEmpty());

    const auto stored = events.find(e.id);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->payload, e.payload);
    QCOMPARE(stored->hash, e.hash);
    QCOMPARE(stored->prevHash, QString());
    QCOMPARE(stored->serverSeq, 0);
    QVERIFY(!stored->receivedAt.isValid());

    const auto projected = CaseRepository(m_db).findById(c.id);
    QVERIFY(projected.has_value());
    QCOMPARE(projected->lastEventId, e.id);
    QCOMPARE(projected->state, QStringLiteral("accepted"));
    QCOMPARE(projected->deadline, c.deadline);
    QCOMPARE(projected->catalogVersion, QStringLiteral("2026.1"));

    const QList<OutboxEntry> pending = OutboxRepository(m_db).pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().event.id, e.id);
    QCOMPARE(pending.first().event.payload, e.payload);

    // The next event moves the projection on.
    c.state = QStringLiteral("routed");
    const EventRecord routed = sampleEvent(c.id, QStringLiteral("device-1"), 2, e.hash);
    QVERIFY(events.append(routed, c));
    QCOMPARE(CaseRepository(m_db).findById(c.id)->state, QStringLiteral("routed"));
    QCOMPARE(CaseRepository(m_db).findById(c.id)->lastEventId, routed.id);
    QCOMPARE(events.eventsOfCase(c.id).size(), 2);
    QCOMPARE(events.count(), 2);
}

void TstStorageRepositories::appendIsAllOrNothing()
{
    EventRepository events(m_db);
    const CaseRecord first = sampleCase(caseNumber(1));
    const EventRecord e1 = sampleEvent(first.id, QStringLiteral("device-1"), 1);
    QVERIFY(events.append(e1, first));

    // The projection step fails (another case already has this number): the
    // event inserted just before it must not stay, nor an outbox entry.
    const CaseRecord clash = sampleCase(caseNumber(1));
    const EventRecord e2 = sampleEvent(clash.id, QStringLiteral("device-1"), 2, e1.hash);
    QVERIFY(!events.append(e2, clash));
    QVERIFY2(events.lastError().contains(QLatin1String("UNIQUE")), qPrintable(events.lastError()));
    QVERIFY(events.lastError().contains(QLatin1String("store.db")));
    QVERIFY(!events.contains(e2.id));
    QVERIFY(!CaseRepository(m_db).findById(clash.id).has_value());
    QCOMPARE(OutboxRepository(m_db).count(), 1);

    // The event step fails (same id again): the projection is not touched.
    CaseRecord changed = first;
    changed.state = QStringLiteral("approved");
    QVERIFY(!events.append(e1, changed));
    QCOMPARE(CaseRepository(m_db).findById(first.id)->state, QStringLiteral("accepted"));
    QCOMPARE(countRows(m_db, QStringLiteral("events")), 1);
    QCOMPARE(countRows(m_db, QStringLiteral("outbox")), 1);

    // An event may only move its own case's projection.
    const EventRecord stray = sampleEvent(newId(), QStringLiteral("device-1"), 3, e1.hash);
    QVERIFY(!events.append(stray, first));
    QVERIFY(!events.lastError().isEmpty());
    QVERIFY(!events.contains(stray.id));

    // A required field missing fails as a whole too.
    EventRecord incomplete = sampleEvent(first.id, QStringLiteral("device-1"), 3, e1.hash);
    incomplete.type.clear();
    QVERIFY(!events.append(incomplete, first));
    QVERIFY(!events.contains(incomplete.id));
    // And the connection is usable afterwards (no transaction left open).
    QVERIFY(events.append(sampleEvent(first.id, QStringLiteral("device-1"), 3, e1.hash), first));
}

void TstStorageRepositories::appendInsideCallersTransaction()
{
    EventRepository events(m_db);
    const CaseRecord a = sampleCase(caseNumber(1));
    const CaseRecord b = sampleCase(caseNumber(2));
    {
        Transaction outer(m_db);
        QVERIFY(outer.isActive());
        QVERIFY(!outer.isNested());
        QVERIFY(events.append(sampleEvent(a.id, QStringLiteral("d"), 1), a));
        QVERIFY(events.append(sampleEvent(b.id, QStringLiteral("d"), 2), b));
        // Leaving without commit rolls both back.
    }
    QCOMPARE(events.count(), 0);
    QCOMPARE(CaseRepository(m_db).count(), 0);

    Transaction outer(m_db);
    QVERIFY(events.append(sampleEvent(a.id, QStringLiteral("d"), 1), a));
    {
        Transaction inner(m_db);
        QVERIFY(inner.isNested());
        QVERIFY(SettingsRepository(m_db).setValue(QStringLiteral("k"), QStringLiteral("v")));
        inner.rollback();
    }
    // A failing append inside rolls back only its own savepoint.
    QVERIFY(!events.append(sampleEvent(b.id, QStringLiteral("d"), 1), b));
    QVERIFY(events.append(sampleEvent(b.id, QStringLiteral("d"), 2), b));
    QVERIFY(outer.commit());
    QCOMPARE(events.count(), 2);
    QCOMPARE(CaseRepository(m_db).count(), 2);
    QVERIFY(!SettingsRepository(m_db).contains(QStringLiteral("k")));
}

void TstStorageRepositories::pulledEventsAreNotQueued()
{
    EventRepository events(m_db);
    const CaseRecord c = sampleCase(caseNumber(1));
    EventRecord e = sampleEvent(c.id, QStringLiteral("other-device"), 1);
    e.serverSeq = 4711;
    e.receivedAt = QDateTime(QDate(2026, 3, 15), QTime(9, 0, 0, 5), Qt::UTC);
    QVERIFY(events.append(e, c, EventRepository::Origin::Pulled));
    QCOMPARE(OutboxRepository(m_db).count(), 0);
    const auto stored = events.find(e.id);
    QCOMPARE(stored->serverSeq, 4711);
    QCOMPARE(stored->receivedAt, e.receivedAt);
}

void TstStorageRepositories::eventsAreAppendOnly()
{
    EventRepository events(m_db);
    const CaseRecord c = sampleCase(caseNumber(1));
    const EventRecord e = sampleEvent(c.id, QStringLiteral("device-1"), 1);
    QVERIFY(events.append(e, c));
    QSqlQuery query(m_db);
    QVERIFY(!query.exec(QStringLiteral("UPDATE events SET type = 'approved'")));
    QCOMPARE(query.lastError().databaseText(),
             QStringLiteral("events are append-only: UPDATE is not allowed"));
    QVERIFY(!query.exec(QStringLiteral("DELETE FROM events WHERE id = '%1'").arg(e.id)));
    QCOMPARE(query.lastError().databaseText(),
             QStringLiteral("events are append-only: DELETE is not allowed"));
    QVERIFY(!query.exec(QStringLiteral("DELETE FROM events")));
    // REPLACE would delete and re-insert without firing the DELETE trigger.
    QVERIFY(!query.exec(QStringLiteral("INSERT OR REPLACE INTO events SELECT * FROM events")));
    QVERIFY(
        !query.exec(QStringLiteral("REPLACE INTO events (id, case_id, type, actor_user, actor_office, "
                                   "device_id, device_seq, at, payload, prev_hash, hash) "
                                   "VALUES ('%1', 'c', 'approved', 'u', 'o', 'x', 1, 'at', '{}', '', 'h')")
                        .arg(e.id)));
    QCOMPARE(query.lastError().databaseText(),
             QStringLiteral("events are append-only: an event cannot be written twice"));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO events SELECT * FROM events ON CONFLICT DO UPDATE SET "
                                       "type = 'approved'")));
    QCOMPARE(events.find(e.id)->type, QStringLiteral("accepted"));
    QCOMPARE(events.count(), 1);
}

void TstStorageRepositories::deviceChainHead()
{
    EventRepository events(m_db);
    QVERIFY(!events.lastOfDevice(QStringLiteral("device-1")).has_value());
    QVERIFY(events.lastError().isEmpty());
    const CaseRecord c = sampleCase(caseNumber(1));
    QString prev;
    for (int seq = 1; seq <= 3; ++seq) {
        const EventRecord e = sampleEvent(c.id, QStringLiteral("device-1"), seq, prev);
        QVERIFY(events.append(e, c));
        prev = e.hash;
    }
    QVERIFY(events.append(sampleEvent(c.id, QStringLiteral("device-2"), 9), c));
    const auto head = events.lastOfDevice(QStringLiteral("device-1"));
    QCOMPARE(head->deviceSeq, 3);
    QCOMPARE(head->hash, prev);
    // The same position in a device's chain cannot be taken twice.
    QVERIFY(!events.append(sampleEvent(c.id, QStringLiteral("device-1"), 3, prev), c));
}

void TstStorageRepositories::caseLookups()
{
    EventRepository events(m_db);
    CaseRepository cases(m_db);
    for (int n = 1; n <= 5; ++n) {
        CaseRecord c = sampleCase(caseNumber(n));
        c.applicantIdNumber
            = n <= 3 ? QStringLiteral("110101198001010016") : QStringLiteral("33010219900307123X");
        c.updatedAt = QDateTime(QDate(2026, 3, n), QTime(10, 0), Qt::UTC);
        QVERIFY(events.append(sampleEvent(c.id, QStringLiteral("d"), n), c));
    }
    const auto byNumber = cases.findByCaseNumber(caseNumber(4));
    QVERIFY(byNumber.has_value());
    QCOMPARE(byNumber->caseNumber, caseNumber(4));
    QVERIFY(!cases.findByCaseNumber(QStringLiteral("YCT-000000-00000000-000000")).has_value());
    QVERIFY(cases.lastError().isEmpty());

    const QList<CaseRecord> mine = cases.findByApplicantIdNumber(QStringLiteral("110101198001010016"));
    QStringList numbers;
    for (const CaseRecord &c : mine)
        numbers.append(c.caseNumber);
    QCOMPARE(numbers, QStringList({caseNumber(3), caseNumber(2), caseNumber(1)}));
    QCOMPARE(cases.findByApplicantIdNumber(QStringLiteral("110101198001010016"), 2).size(), 2);

    CaseRecord rebuilt = *byNumber;
    rebuilt.state = QStringLiteral("approved");
    rebuilt.details = QStringLiteral(R"({"opinion":"同意"})");
    QVERIFY(cases.save(rebuilt));
    QCOMPARE(cases.findById(rebuilt.id)->details, rebuilt.details);
}

void TstStorageRepositories::workQueuePages()
{
    EventRepository events(m_db);
    QList<CaseRecord> expected;
    const QStringList states
        = {QStringLiteral("accepted"), QStringLiteral("routed"), QStringLiteral("approved")};
    const QStringList departments = {QStringLiteral("市场监管"), QStringLiteral("人力社保")};
    for (int n = 0; n < 240; ++n) {
        // Few distinct deadlines (ties are broken by id) and some without one.
        const QDate deadline = n % 17 == 0 ? QDate() : QDate(2026, 4, 1).addDays((n * 7) % 11);
        CaseRecord c = sampleCase(caseNumber(n), departments.at(n % 2), states.at(n % 3), deadline);
        QVERIFY(
            events.append(sampleEvent(c.id, QStringLiteral("d"), n + 1), c, EventRepository::Origin::Pulled));
        if (c.department == departments.first() && c.state != QStringLiteral("approved"))
            expected.append(c);
    }
    std::sort(expected.begin(), expected.end(), [](const CaseRecord &a, const CaseRecord &b) {
        if (a.deadline.isValid() != b.deadline.isValid())
            return !a.deadline.isValid();
        return a.deadline != b.deadline ? a.deadline < b.deadline : a.id < b.id;
    });

    CaseRepository cases(m_db);
    QStringList seen;
    WorkQueueCursor cursor;
    int pages = 0;
    do {
        const WorkQueuePage page = cases.workQueue(
            departments.first(), {QStringLiteral("accepted"), QStringLiteral("routed")}, 30, cursor);
        QVERIFY2(cases.lastError().isEmpty(), qPrintable(cases.lastError()));
        QVERIFY(page.cases.size() <= 30);
        for (const CaseRecord &c : page.cases)
            seen.append(c.id);
        cursor = page.next;
        QVERIFY(++pages < 20);
    } while (!cursor.isNull());
    QStringList expectedIds;
    for (const CaseRecord &c : expected)
        expectedIds.append(c.id);
    QCOMPARE(seen.size(), expectedIds.size());
    QCOMPARE(seen, expectedIds);
    QCOMPARE(pages, int((expected.size() + 29) / 30));

    cases.workQueue(departments.first(), {}, 50);
    QVERIFY(!cases.lastError().isEmpty());
}

void TstStorageRepositories::applicantNamePrefix()
{
    ApplicantRepository applicants(m_db);
    const QStringList names = {QStringLiteral("张三"),   QStringLiteral("张三丰"),   QStringLiteral("张伟"),
                               QStringLiteral("章子怡"), QStringLiteral("欧阳娜娜"), QStringLiteral("𠀀明"),
                               QStringLiteral("张"),     QStringLiteral("Zhang San")};
    int n = 0;
    for (const QString &name : names) {
        ApplicantRecord a;
        a.idNumber = QStringLiteral("1101011980010100%1").arg(++n, 2, 10, QLatin1Char('0'));
        a.kind = n == 5 ? ApplicantKind::Legal : ApplicantKind::Natural;
        a.name = name;
        QVERIFY2(applicants.save(a), qPrintable(applicants.lastError()));
    }
    const auto search = [&applicants](const QString &prefix, int limit = 20) {
        QStringList found;
        for (const ApplicantRecord &a : applicants.searchByNamePrefix(prefix, limit))
            found.append(a.name);
        return found;
    };
    QCOMPARE(search(QStringLiteral("张")),
             QStringList({QStringLiteral("张"), QStringLiteral("张三"), QStringLiteral("张三丰"),
                          QStringLiteral("张伟")}));
    QCOMPARE(search(QStringLiteral("张三")), QStringList({QStringLiteral("张三"), QStringLiteral("张三丰")}));
    QCOMPARE(search(QStringLiteral("张"), 2), QStringList({QStringLiteral("张"), QStringLiteral("张三")}));
    QCOMPARE(search(QStringLiteral("𠀀")), QStringList({QStringLiteral("𠀀明")}));
    QCOMPARE(search(QStringLiteral("Zh")), QStringList({QStringLiteral("Zhang San")}));
    QCOMPARE(search(QStringLiteral("zh")), QStringList()); // exact code points
    QCOMPARE(search(QString()), QStringList());
    QCOMPARE(applicants.findByIdNumber(QStringLiteral("110101198001010005"))->kind, ApplicantKind::Legal);

    ApplicantRecord renamed = *applicants.findByIdNumber(QStringLiteral("110101198001010001"));
    renamed.name = QStringLiteral("张三三");
    QVERIFY(applicants.save(renamed));
    QCOMPARE(search(QStringLiteral("张三三")), QStringList({QStringLiteral("张三三")}));
}

void TstStorageRepositories::queryPlansUseIndexes()
{
    const auto plan = [this](const QString &sql) {
        return queryPlan(m_db, sql);
    };
    const QString byNumber = plan(QStringLiteral("SELECT * FROM cases WHERE case_number = 'x'"));
    QVERIFY2(byNumber.contains(QLatin1String("USING INDEX sqlite_autoindex_cases_2")), qPrintable(byNumber));
    const QString byApplicant = plan(QStringLiteral(
        "SELECT * FROM cases WHERE applicant_id_number = 'x' ORDER BY updated_at DESC, id LIMIT 100"));
    QVERIFY2(byApplicant.contains(QLatin1String("USING INDEX cases_applicant")), qPrintable(byApplicant));
    for (const char *condition : {"1", "(deadline, id) > ('2026-04-01', 'x')",
                                  "(deadline IS NULL AND id > 'x') OR deadline IS NOT NULL"}) {
        const QString queue
            = plan(QStringLiteral("SELECT * FROM cases WHERE department = 'd' AND state = 's' "
                                  "AND (%1) ORDER BY deadline, id LIMIT 51")
                       .arg(QLatin1String(condition)));
        QVERIFY2(queue.contains(QLatin1String("USING INDEX cases_queue")), qPrintable(queue));
        QVERIFY2(!queue.contains(QLatin1String("TEMP B-TREE")), qPrintable(queue));
    }
    const QString keyset
        = plan(QStringLiteral("SELECT * FROM cases WHERE department = 'd' AND state = 's' "
                              "AND ((deadline, id) > ('2026-04-01', 'x')) ORDER BY deadline, id"));
    QVERIFY2(keyset.contains(QLatin1String("(deadline,id)>(?,?)")), qPrintable(keyset));
    const QString prefix = plan(QStringLiteral(
        "SELECT * FROM applicants WHERE name >= '张' AND name < '张z' ORDER BY name, id_number LIMIT 20"));
    QVERIFY2(prefix.contains(QLatin1String("USING INDEX applicants_name (name>? AND name<?)")),
             qPrintable(prefix));
    QVERIFY2(!prefix.contains(QLatin1String("TEMP B-TREE")), qPrintable(prefix));
    const QString ofCase = plan(QStringLiteral("SELECT * FROM events WHERE case_id = 'x' ORDER BY at, id"));
    QVERIFY2(ofCase.contains(QLatin1String("USING INDEX events_case")), qPrintable(ofCase));
}

void TstStorageRepositories::attachments()
{
    AttachmentRepository attachments(m_db);
    const QByteArray scan = QByteArray("%PDF-1.7 ") + QByteArray(100000, 'x');
    const QString hash = attachments.put(scan, QStringLiteral("application/pdf"));
    QCOMPARE(hash, AttachmentRepository::sha256Of(scan));
    QCOMPARE(hash.size(), 64);
    QVERIFY(attachments.contains(hash));
    QVERIFY(attachments.contains(hash.toUpper()));
    const auto stored = attachments.get(hash);
    QVERIFY(stored.has_value());
    QVERIFY(stored->bytes == scan);
    QCOMPARE(stored->mediaType, QStringLiteral("application/pdf"));
    QVERIFY(stored->createdAt.isValid());
    // The same bytes again, with the expected hash: kept once.
    QCOMPARE(attachments.put(scan, QStringLiteral("application/pdf"), hash.toUpper()), hash);
    QCOMPARE(countRows(m_db, QStringLiteral("attachments")), 1);

    QVERIFY(attachments.put(scan + "!", QStringLiteral("application/pdf"), hash).isEmpty());
    QVERIFY(attachments.lastError().contains(QLatin1String("SHA-256")));

    const QByteArray tooLarge(AttachmentRepository::MaxSize + 1, 'z');
    QVERIFY(attachments.put(tooLarge, QStringLiteral("image/jpeg")).isEmpty());
    QVERIFY(!attachments.lastError().isEmpty());
    QVERIFY(!attachments.contains(AttachmentRepository::sha256Of(tooLarge)));
    const QByteArray largest(AttachmentRepository::MaxSize, 'y');
    QVERIFY2(!attachments.put(largest, QStringLiteral("image/jpeg")).isEmpty(),
             qPrintable(attachments.lastError()));

    const QString empty = attachments.put(QByteArray(), QStringLiteral("text/plain"));
    QCOMPARE(empty, AttachmentRepository::sha256Of(QByteArray()));
    QCOMPARE(attachments.get(empty)->bytes.size(), 0);

    // Damage is reported, not handed out.
    QSqlQuery query(m_db);
    QVERIFY(query.exec(
        QStringLiteral("UPDATE attachments SET bytes = x'00', size = 1 WHERE sha256 = '%1'").arg(hash)));
    QVERIFY(!attachments.get(hash).has_value());
    QVERIFY(attachments.lastError().contains(QLatin1String("damaged")));
    QVERIFY(!attachments.get(QString(64, u'0')).has_value());
    QVERIFY(attachments.lastError().isEmpty());
}

void TstStorageRepositories::outbox()
{
    EventRepository events(m_db);
    OutboxRepository outbox(m_db);
    QStringList ids;
    for (int n = 1; n <= 5; ++n) {
        const CaseRecord c = sampleCase(caseNumber(n));
        const EventRecord e = sampleEvent(c.id, QStringLiteral("d"), n);
        QVERIFY(events.append(e, c));
        ids.append(e.id);
    }
    QList<OutboxEntry> pending = outbox.pending(3);
    QCOMPARE(pending.size(), 3);
    QCOMPARE(pending.at(0).event.id, ids.at(0));
    QCOMPARE(pending.at(2).event.id, ids.at(2));
    QVERIFY(pending.at(0).seq < pending.at(1).seq);

    QVERIFY(outbox.markFailed(ids.at(0), QStringLiteral("connection refused")));
    QVERIFY(outbox.markFailed(ids.at(0), QStringLiteral("timeout")));
    pending = outbox.pending();
    QCOMPARE(pending.first().attempts, 2);
    QCOMPARE(pending.first().lastError, QStringLiteral("timeout"));
    QVERIFY(pending.first().lastAttemptAt.isValid());

    QVERIFY(outbox.markPushed({ids.at(0), ids.at(1), QStringLiteral("unknown")}));
    QCOMPARE(outbox.count(), 3);
    QCOMPARE(outbox.pending().first().event.id, ids.at(2));
    QCOMPARE(events.count(), 5); // pushing never removes events
}

void TstStorageRepositories::settingsAndSyncState()
{
    SettingsRepository settings(m_db);
    QCOMPARE(settings.value(QStringLiteral("device.id"), QStringLiteral("none")), QStringLiteral("none"));
    QVERIFY(!settings.contains(QStringLiteral("device.id")));
    QVERIFY(settings.setValue(QStringLiteral("device.id"), QStringLiteral("d-1")));
    QVERIFY(settings.setValue(QStringLiteral("device.id"), QStringLiteral("d-2")));
    QCOMPARE(settings.value(QStringLiteral("device.id")), QStringLiteral("d-2"));
    QVERIFY(settings.setValue(QStringLiteral("empty"), QString()));
    QVERIFY(settings.contains(QStringLiteral("empty")));
    QVERIFY(settings.remove(QStringLiteral("device.id")));
    QVERIFY(!settings.contains(QStringLiteral("device.id")));

    SyncStateRepository sync(m_db);
    QCOMPARE(sync.cursor(QStringLiteral("events")), QString());
    QVERIFY(sync.setCursor(QStringLiteral("events"), QStringLiteral("1042")));
    QVERIFY(sync.setCursor(QStringLiteral("events"), QStringLiteral("2000")));
    QCOMPARE(sync.cursor(QStringLiteral("events")), QStringLiteral("2000"));

    QVERIFY(!sync.latestCatalogVersion().has_value());
    QVERIFY(
        sync.addCatalogVersion({QStringLiteral("2026.1"), QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC),
                                QStringLiteral("{\"items\":[]}")}));
    QVERIFY(
        sync.addCatalogVersion({QStringLiteral("2026.2"), QDateTime(), QStringLiteral("{\"items\":[1]}")}));
    QVERIFY(!sync.addCatalogVersion({QStringLiteral("2026.2"), QDateTime(), QStringLiteral("{}")}));
    QCOMPARE(sync.latestCatalogVersion()->version, QStringLiteral("2026.2"));
    QCOMPARE(sync.catalogVersion(QStringLiteral("2026.1"))->document, QStringLiteral("{\"items\":[]}"));
    QCOMPARE(sync.catalogVersions(), QStringList({QStringLiteral("2026.1"), QStringLiteral("2026.2")}));
}

QTEST_GUILESS_MAIN(TstStorageRepositories)
#include "tst_storage_repositories.moc"
