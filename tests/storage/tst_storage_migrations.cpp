// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "dbtestutil.h"

#include "ow/storage/applicantrepository.h"
#include "ow/storage/attachmentrepository.h"
#include "ow/storage/caserepository.h"
#include "ow/storage/certificaterepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/inboxrepository.h"
#include "ow/storage/outboxrepository.h"
#include "ow/storage/queueticketrepository.h"
#include "ow/storage/stockrepository.h"
#include "ow/storage/syncstaterepository.h"
#include "ow/test/tempdatadir.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;

namespace {

bool exec(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

// Rows as the first schema version stored them, written with plain SQL.
bool insertVersion1Data(const QSqlDatabase &db)
{
    return exec(db,
                QStringLiteral("INSERT INTO applicants (id_number, kind, name, phone, updated_at) VALUES "
                               "('33010219900307123X', 'natural', '欧阳娜娜', '13800000000', "
                               "'2026-03-15T08:00:00.000Z')"))
        && exec(db,
                QStringLiteral("INSERT INTO events (id, case_id, type, actor_user, actor_office, device_id, "
                               "device_seq, at, payload, prev_hash, hash) VALUES ('e1', 'c1', 'created', "
                               "'clerk-07', '330102', 'device-1', 1, '2026-03-15T08:30:00.000Z', "
                               "'{\"item\":\"SC-001\"}', '', 'h1')"))
        && exec(db,
                QStringLiteral("INSERT INTO cases (id, case_number, state, item_code, applicant_id_number, "
                               "applicant_name, office, department, accepted_at, deadline, updated_at, "
                               "last_event_id) VALUES ('c1', 'YCT-330102-20260315-000001', 'accepted', "
                               "'330102-SC-001', '33010219900307123X', '欧阳娜娜', '330102', '市场监管', "
                               "'2026-03-15T08:30:00.000Z', '2026-03-27', '2026-03-15T08:30:00.000Z', 'e1')"))
        && exec(db,
                QStringLiteral("INSERT INTO outbox (event_id, queued_at) VALUES "
                               "('e1', '2026-03-15T08:30:00.000Z')"));
}

} // namespace

class TstStorageMigrations : public QObject
{
    Q_OBJECT

private slots:
    void versions();
    void firstSchemaToCurrentKeepsData();
    void thirdSchemaToFourthKeepsData();
    void fourthSchemaToFifthKeepsData();
    void fifthSchemaToSixthFillsInboxes();
    void sixthSchemaToSeventhFillsCertificates();
    void failedStepChangesNothing();
    void newerStoreRefused();
    void unknownTarget();

private:
    ow::test::TempDataDir m_dir;
};

void TstStorageMigrations::versions()
{
    QCOMPARE(Migrations::latestVersion(), 7);
    auto opened = Database::open(m_dir.filePath(QStringLiteral("empty.db")), randomKey(), QStringLiteral("v"),
                                 Database::Mode::CreateNew);
    QVERIFY(opened.ok());
    QCOMPARE(Migrations::storedVersion(opened.db), 0);
    QString message;
    QCOMPARE(Migrations::migrate(opened.db, &message), DatabaseError::None);
    QVERIFY(message.isEmpty());
    QCOMPARE(Migrations::storedVersion(opened.db), 7);
    // Running it again changes nothing.
    QCOMPARE(Migrations::migrate(opened.db, &message), DatabaseError::None);
    QSqlQuery query(opened.db);
    QVERIFY(query.exec(QStringLiteral("SELECT version, applied_at FROM schema_migrations ORDER BY version")));
    QStringList rows;
    while (query.next()) {
        const QDateTime applied = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        QVERIFY(applied.isValid());
        QCOMPARE(applied.timeSpec(), Qt::UTC);
        rows.append(query.value(0).toString());
    }
    QCOMPARE(rows,
             QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"),
                          QStringLiteral("5"), QStringLiteral("6"), QStringLiteral("7")}));
    query.finish();
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("v"));
}

void TstStorageMigrations::firstSchemaToCurrentKeepsData()
{
    const QString path = m_dir.filePath(QStringLiteral("v1.db"));
    const QByteArray key = randomKey();
    {
        auto opened = openStore(path, key, QStringLiteral("v1"), Database::Mode::CreateNew, 1);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(Migrations::storedVersion(opened.db), 1);
        QVERIFY(!opened.db.tables().contains(QStringLiteral("attachments")));
        QVERIFY(!opened.db.record(QStringLiteral("cases")).contains(QStringLiteral("catalog_version")));
        QVERIFY(insertVersion1Data(opened.db));
    }
    Database::close(QStringLiteral("v1"));

    auto opened = openStore(path, key, QStringLiteral("v2"), Database::Mode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(Migrations::storedVersion(opened.db), Migrations::latestVersion());
    {
        CaseRepository cases(opened.db);
        const auto found = cases.findByCaseNumber(QStringLiteral("YCT-330102-20260315-000001"));
        QVERIFY2(found.has_value(), qPrintable(cases.lastError()));
        QCOMPARE(found->id, QStringLiteral("c1"));
        QCOMPARE(found->applicantName, QStringLiteral("欧阳娜娜"));
        QCOMPARE(found->deadline, QDate(2026, 3, 27));
        QCOMPARE(found->acceptedAt, QDateTime(QDate(2026, 3, 15), QTime(8, 30), Qt::UTC));
        QCOMPARE(found->lastEventId, QStringLiteral("e1"));
        QCOMPARE(found->catalogVersion, QString()); // added by version 2
        QCOMPARE(found->details, QStringLiteral("{}"));

        EventRepository events(opened.db);
        const auto event = events.find(QStringLiteral("e1"));
        QVERIFY(event.has_value());
        QCOMPARE(event->payload, QStringLiteral("{\"item\":\"SC-001\"}"));
        QCOMPARE(event->actorRole, QString()); // added by version 3
        QCOMPARE(event->hash, QStringLiteral("h1"));
        QCOMPARE(OutboxRepository(opened.db).pending().size(), 1);

        // What version 2 added works on the old rows.
        ApplicantRepository applicants(opened.db);
        const auto named = applicants.searchByNamePrefix(QStringLiteral("欧阳"));
        QCOMPARE(named.size(), 1);
        QCOMPARE(named.first().phone, QStringLiteral("13800000000"));
        AttachmentRepository attachments(opened.db);
        QVERIFY(!attachments.put("scan", QStringLiteral("image/png")).isEmpty());
        // Events stay append-only after version 3 added a column.
        QSqlQuery query(opened.db);
        QVERIFY(!query.exec(QStringLiteral("UPDATE events SET actor_role = 'clerk' WHERE id = 'e1'")));
        QVERIFY(query.lastError().text().contains(QLatin1String("append-only")));
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM events WHERE id = 'e1'")));
        query.finish();
        EventRecord next
            = sampleEvent(QStringLiteral("c1"), QStringLiteral("device-1"), 2, QStringLiteral("h1"));
        next.actorRole = QStringLiteral("reviewer");
        CaseRecord projection = *found;
        QVERIFY2(events.append(next, projection), qPrintable(events.lastError()));
        QCOMPARE(events.find(next.id)->actorRole, QStringLiteral("reviewer"));
        QCOMPARE(events.eventsOfDevice(QStringLiteral("device-1")).size(), 2);

        QStringList problems;
        QVERIFY2(Database::checkIntegrity(opened.db, &problems), qPrintable(problems.join(u'\n')));
    }
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("v2"));
}

// Version 4 (sync) on a store written at version 3: queued events become
// pending outbox entries, attachments wait for upload, cursors stay.
void TstStorageMigrations::thirdSchemaToFourthKeepsData()
{
    const QString path = m_dir.filePath(QStringLiteral("v3.db"));
    const QByteArray key = randomKey();
    QString attachment;
    {
        auto opened = openStore(path, key, QStringLiteral("v3"), Database::Mode::CreateNew, 3);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(Migrations::storedVersion(opened.db), 3);
        QVERIFY(insertVersion1Data(opened.db));
        QVERIFY(exec(opened.db, QStringLiteral("UPDATE outbox SET attempts = 2, last_error = 'timeout'")));
        QVERIFY(exec(opened.db,
                     QStringLiteral("INSERT INTO sync_cursors VALUES ('events', 'c-42', "
                                    "'2026-03-15T09:00:00.000Z')")));
        AttachmentRepository attachments(opened.db);
        attachment = attachments.put("scan of a licence", QStringLiteral("image/png"));
        QVERIFY(!attachment.isEmpty());
        QVERIFY(!opened.db.tables().contains(QStringLiteral("event_rejections")));
    }
    Database::close(QStringLiteral("v3"));

    auto opened = openStore(path, key, QStringLiteral("v4"), Database::Mode::OpenExisting, 4);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(Migrations::storedVersion(opened.db), 4);
    {
        OutboxRepository outbox(opened.db);
        const QList<OutboxEntry> pending = outbox.pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().event.id, QStringLiteral("e1"));
        QCOMPARE(pending.first().state, OutboxState::Pending);
        QCOMPARE(pending.first().attempts, 2);
        QCOMPARE(pending.first().lastError, QStringLiteral("timeout"));
        QCOMPARE(pending.first().lastErrorCode, QString());
        QCOMPARE(outbox.parkedCount(), 0);

        SyncStateRepository state(opened.db);
        QCOMPARE(state.cursor(QStringLiteral("events")), QStringLiteral("c-42"));
        QVERIFY(state.serverLogKey().isEmpty());
        QVERIFY(!state.verifiedTreeHead().has_value());
        QVERIFY(state.syncRuns().isEmpty());

        AttachmentRepository attachments(opened.db);
        const auto upload = attachments.upload(attachment);
        QVERIFY(upload.has_value());
        QCOMPARE(upload->state, UploadState::Pending);
        QCOMPARE(upload->size, qint64(17));
        QCOMPARE(attachments.get(attachment)->bytes, QByteArray("scan of a licence"));

        // What version 4 adds works on the old rows: the event can be refused and parked.
        EventRepository events(opened.db);
        QVERIFY(events.addRejection(
            {QStringLiteral("e1"), QStringLiteral("transition_not_allowed"), QStringLiteral("不允许"), {}}));
        QVERIFY(outbox.park(QStringLiteral("e1"), QStringLiteral("transition_not_allowed"),
                            QStringLiteral("不允许")));
        QCOMPARE(outbox.parkedCount(), 1);
        QCOMPARE(outbox.pendingCount(), 0);
        QVERIFY(events.find(QStringLiteral("e1")).has_value());
        QSqlQuery query(opened.db);
        QVERIFY(!query.exec(QStringLiteral("UPDATE outbox SET state = 'lost'")));
        query.finish();
        QStringList problems;
        QVERIFY2(Database::checkIntegrity(opened.db, &problems), qPrintable(problems.join(u'\n')));
    }
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("v4"));
}

// Version 5 (the queue) on a store written at version 4: everything stored
// stays, and the day's tickets and paused windows can be kept.
void TstStorageMigrations::fourthSchemaToFifthKeepsData()
{
    const QString path = m_dir.filePath(QStringLiteral("v4to5.db"));
    const QByteArray key = randomKey();
    {
        auto opened = openStore(path, key, QStringLiteral("v4a"), Database::Mode::CreateNew, 4);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(Migrations::storedVersion(opened.db), 4);
        QVERIFY(insertVersion1Data(opened.db));
        QVERIFY(exec(opened.db, QStringLiteral("UPDATE outbox SET state = 'parked', last_error_code = 'x'")));
        QVERIFY(exec(opened.db,
                     QStringLiteral("INSERT INTO sync_cursors VALUES ('events', 'c-7', "
                                    "'2026-11-29T09:00:00.000Z')")));
        QVERIFY(!opened.db.tables().contains(QStringLiteral("queue_tickets")));
        QVERIFY(!opened.db.tables().contains(QStringLiteral("queue_windows")));
    }
    Database::close(QStringLiteral("v4a"));

    auto opened = openStore(path, key, QStringLiteral("v5"), Database::Mode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(Migrations::storedVersion(opened.db), Migrations::latestVersion());
    {
        CaseRepository cases(opened.db);
        const auto found = cases.findByCaseNumber(QStringLiteral("YCT-330102-20260315-000001"));
        QVERIFY2(found.has_value(), qPrintable(cases.lastError()));
        QCOMPARE(found->applicantName, QStringLiteral("欧阳娜娜"));
        OutboxRepository outbox(opened.db);
        QCOMPARE(outbox.parkedCount(), 1);
        QCOMPARE(outbox.pendingCount(), 0);
        QCOMPARE(SyncStateRepository(opened.db).cursor(QStringLiteral("events")), QStringLiteral("c-7"));

        QueueTicketRepository queue(opened.db);
        const QDate day(2026, 11, 30);
        QVERIFY(queue.ticketsOfDay(day).isEmpty());
        QVERIFY(queue.pausedWindows(day).isEmpty());
        QueueTicketRecord ticket;
        ticket.day = day;
        ticket.number = QStringLiteral("A001");
        ticket.category = QStringLiteral("A");
        ticket.priority = QStringLiteral("normal");
        ticket.state = QStringLiteral("waiting");
        ticket.issuedAt = QDateTime(day, QTime(9, 0), Qt::UTC);
        QVERIFY2(queue.save(ticket), qPrintable(queue.lastError()));
        QVERIFY2(queue.setWindowPaused(day, QStringLiteral("02"), true), qPrintable(queue.lastError()));
        QCOMPARE(queue.ticketsOfDay(day).size(), 1);
        QCOMPARE(queue.pausedWindows(day), QStringList {QStringLiteral("02")});
        // An evaluation outside the five levels never reaches the table.
        QSqlQuery query(opened.db);
        QVERIFY(!query.exec(QStringLiteral("UPDATE queue_tickets SET evaluation = 6")));
        query.finish();

        QStringList problems;
        QVERIFY2(Database::checkIntegrity(opened.db, &problems), qPrintable(problems.join(u'\n')));
    }
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("v5"));
}

// Each version is one transaction: if a statement of version 2 fails, none of
// its statements (the ALTER TABLEs before it included) stays applied.
void TstStorageMigrations::failedStepChangesNothing()
{
    const QString path = m_dir.filePath(QStringLiteral("blocked.db"));
    auto opened = openStore(path, randomKey(), QStringLiteral("b"), Database::Mode::CreateNew, 1);
    QVERIFY(opened.ok());
    QVERIFY(exec(opened.db, QStringLiteral("CREATE TABLE attachments (x TEXT)")));
    QString message;
    QCOMPARE(Migrations::migrate(opened.db, &message), DatabaseError::Other);
    QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("version 2")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("already exists")), qPrintable(message));
    QCOMPARE(Migrations::storedVersion(opened.db), 1);
    QVERIFY(!opened.db.record(QStringLiteral("cases")).contains(QStringLiteral("catalog_version")));
    QVERIFY(!opened.db.tables().contains(QStringLiteral("sync_cursors")));
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("b"));
}

void TstStorageMigrations::newerStoreRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("newer.db"));
    const QByteArray key = randomKey();
    {
        auto opened = openStore(path, key, QStringLiteral("n"), Database::Mode::CreateNew);
        QVERIFY(opened.ok());
        QVERIFY(exec(opened.db,
                     QStringLiteral("INSERT INTO schema_migrations VALUES (%1, '2027-01-01T00:00:00.000Z')")
                         .arg(Migrations::latestVersion() + 1)));
    }
    Database::close(QStringLiteral("n"));
    const QByteArray before = readFile(path);
    {
        auto opened = Database::open(path, key, QStringLiteral("n"), Database::Mode::OpenExisting);
        QVERIFY(opened.ok());
        QCOMPARE(Migrations::storedVersion(opened.db), Migrations::latestVersion() + 1);
        QString message;
        QCOMPARE(Migrations::migrate(opened.db, &message), DatabaseError::TooNew);
        QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("newer version")), qPrintable(message));
        QCOMPARE(Migrations::storedVersion(opened.db), Migrations::latestVersion() + 1);
    }
    Database::close(QStringLiteral("n"));
    QVERIFY(readFile(path) == before);
    QCOMPARE(snapshot(m_dir.path()).value(QStringLiteral("newer.db")), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TstStorageMigrations::unknownTarget()
{
    auto opened = Database::open(m_dir.filePath(QStringLiteral("target.db")), randomKey(),
                                 QStringLiteral("t"), Database::Mode::CreateNew);
    QVERIFY(opened.ok());
    QString message;
    QCOMPARE(Migrations::migrate(opened.db, &message, Migrations::latestVersion() + 1), DatabaseError::Other);
    QVERIFY(!message.isEmpty());
    QCOMPARE(Migrations::storedVersion(opened.db), 0);
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("t"));
}

// Version 6 (inboxes) on a store written at version 5: a bundle routed
// before the upgrade is in each of its departments' inboxes afterwards.
void TstStorageMigrations::fifthSchemaToSixthFillsInboxes()
{
    const QString path = m_dir.filePath(QStringLiteral("v5to6.db"));
    const QByteArray key = randomKey();
    {
        auto opened = openStore(path, key, QStringLiteral("v5a"), Database::Mode::CreateNew, 5);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QVERIFY(insertVersion1Data(opened.db));
        QVERIFY(exec(opened.db,
                     QStringLiteral(
                         "UPDATE cases SET state = 'under-review', details = '{\"reviews\": ["
                         "{\"department\": \"市场监管\", \"decision\": \"pending\"},"
                         "{\"department\": \"卫生健康局\", \"decision\": \"approve\"}]}'")));
        QVERIFY(!opened.db.tables().contains(QStringLiteral("case_tasks")));
    }
    Database::close(QStringLiteral("v5a"));

    auto opened = openStore(path, key, QStringLiteral("v6"), Database::Mode::OpenExisting, 6);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(Migrations::storedVersion(opened.db), 6);
    {
        InboxRepository inbox(opened.db);
        const auto lead = inbox.find(QStringLiteral("市场监管"), QStringLiteral("c1"));
        QVERIFY2(lead.has_value(), qPrintable(inbox.lastError()));
        QVERIFY(lead->lead);
        QVERIFY(lead->open);
        QCOMPARE(lead->caseNumber, QStringLiteral("YCT-330102-20260315-000001"));
        QCOMPARE(lead->deadline, QDate(2026, 3, 27));
        QCOMPARE(lead->applicantName, QStringLiteral("欧阳娜娜"));
        const auto other = inbox.find(QStringLiteral("卫生健康局"), QStringLiteral("c1"));
        QVERIFY(other.has_value());
        QVERIFY(!other->lead);
        QCOMPARE(other->decision, QStringLiteral("approve"));
        QCOMPARE(inbox.count({QStringLiteral("卫生健康局")}), qint64(1));
        // The text index knows the rows the upgrade made.
        InboxFilter text(QStringLiteral("市场监管"));
        text.text = QStringLiteral("20260315-000001");
        QCOMPARE(inbox.page(text).rows.size(), 1);
    }
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("v6"));
}

// Version 7 (certificates) on a store written at version 6: the certificates
// its events produced are in the print queue of their office afterwards, with
// the prints already recorded, and the serials of stock printed on are used.
void TstStorageMigrations::sixthSchemaToSeventhFillsCertificates()
{
    const QString path = m_dir.filePath(QStringLiteral("v6to7.db"));
    const QByteArray key = randomKey();
    const auto event = [](const QString &id, const QString &type, int seq, const QString &office,
                          const QString &at, const QString &payload) {
        return QStringLiteral(
                   "INSERT INTO events (id, case_id, type, actor_user, actor_office, device_id, "
                   "device_seq, at, payload, prev_hash, hash, actor_role) VALUES ('%1', 'c1', '%2', "
                   "'reviewer-li', '%3', 'device-1', %4, '%5', '%6', '', 'h%4', 'reviewer')")
            .arg(id, type, office)
            .arg(seq)
            .arg(at, payload);
    };
    {
        auto opened = openStore(path, key, QStringLiteral("v6a"), Database::Mode::CreateNew, 6);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QVERIFY(insertVersion1Data(opened.db));
        QVERIFY(!opened.db.tables().contains(QStringLiteral("certificates")));
        // Decided at the county (330100), printed in the village (330102001).
        QVERIFY(
            exec(opened.db,
                 event(QStringLiteral("e2"), QStringLiteral("certificate-produced"), 2,
                       QStringLiteral("330100"), QStringLiteral("2026-03-20T08:00:00.000Z"),
                       QStringLiteral(R"({"certificateId":"ZS-2026-000001","number":"JY13301000001",)"
                                      R"("name":"食品经营许可证","certificateType":"food-business-licence",)"
                                      R"("holder":{"name":"欧阳娜娜","idNumber":"33010219900307123X"},)"
                                      R"("printOffice":"330102001"})"))));
        QVERIFY(exec(opened.db,
                     event(QStringLiteral("e3"), QStringLiteral("certificate-produced"), 3,
                           QStringLiteral("330100"), QStringLiteral("2026-03-20T08:01:00.000Z"),
                           QStringLiteral(R"({"certificateId":"ZS-2026-000002","holder":"欧阳娜娜"})"))));
        QVERIFY(
            exec(opened.db,
                 event(QStringLiteral("e4"), QStringLiteral("printed"), 4, QStringLiteral("330100"),
                       QStringLiteral("2026-03-21T08:00:00.000Z"),
                       QStringLiteral(R"({"certificateId":"ZS-2026-000002","printer":"PDF","mode":"stock",)"
                                      R"("stockSerial":"SC0000451","reprint":false,"spoiled":false})"))));
        // A certificate the server refused is not there.
        QVERIFY(exec(opened.db,
                     event(QStringLiteral("e5"), QStringLiteral("certificate-produced"), 5,
                           QStringLiteral("330100"), QStringLiteral("2026-03-21T09:00:00.000Z"),
                           QStringLiteral(R"({"certificateId":"ZS-2026-000003"})"))));
        QVERIFY(
            exec(opened.db,
                 QStringLiteral("INSERT INTO event_rejections (event_id, code, reason, rejected_at) VALUES "
                                "('e5', 'transition_not_allowed', '', '2026-03-21T09:05:00.000Z')")));
    }
    Database::close(QStringLiteral("v6a"));

    auto opened = openStore(path, key, QStringLiteral("v7"), Database::Mode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(Migrations::storedVersion(opened.db), 7);
    {
        CertificateRepository certificates(opened.db);
        const QList<CertificateRow> village = certificates.printQueue({QStringLiteral("330102001")});
        QVERIFY2(certificates.lastError().isEmpty(), qPrintable(certificates.lastError()));
        QCOMPARE(village.size(), 1);
        QCOMPARE(village.first().certificateId, QStringLiteral("ZS-2026-000001"));
        QCOMPARE(village.first().caseNumber, QStringLiteral("YCT-330102-20260315-000001"));
        QCOMPARE(village.first().holderName, QStringLiteral("欧阳娜娜"));
        QCOMPARE(village.first().holderId, QStringLiteral("33010219900307123X"));
        QCOMPARE(village.first().name, QStringLiteral("食品经营许可证"));
        QCOMPARE(village.first().issuingOffice, QStringLiteral("330100"));
        QCOMPARE(village.first().producedAt, QDateTime(QDate(2026, 3, 20), QTime(8, 0), Qt::UTC));
        QCOMPARE(village.first().record.value(QStringLiteral("number")).toString(),
                 QStringLiteral("JY13301000001"));
        PrintQueueFilter byNumber {QStringLiteral("330102001")};
        byNumber.text = QStringLiteral("JY13301000001");
        QCOMPARE(certificates.printQueue(byNumber).size(), 1);

        // Printed at the county already: out of its queue, counted.
        QVERIFY(certificates.printQueue({QStringLiteral("330100")}).isEmpty());
        const auto printed = certificates.find(QStringLiteral("ZS-2026-000002"));
        QVERIFY(printed.has_value());
        QCOMPARE(printed->holderName, QStringLiteral("欧阳娜娜"));
        QCOMPARE(printed->printOffice, QStringLiteral("330100"));
        QCOMPARE(printed->printCount, 1);
        QCOMPARE(printed->lastStockSerial, QStringLiteral("SC0000451"));
        QCOMPARE(printed->lastPrintedBy, QStringLiteral("reviewer-li"));
        QVERIFY(!certificates.find(QStringLiteral("ZS-2026-000003")).has_value());

        StockRepository stock(opened.db);
        StockRange range;
        range.rangeId = QStringLiteral("r1");
        range.office = QStringLiteral("330100");
        range.prefix = QStringLiteral("SC");
        range.first = 451;
        range.last = 460;
        QVERIFY(stock.replaceFromServer(QStringLiteral("330100"), {range}, {}, {}));
        QCOMPARE(stock.check(QStringLiteral("330100"), QString(), QStringLiteral("SC0000451")),
                 StockSerialProblem::Used);
        QCOMPARE(stock.nextFree(QStringLiteral("330100"), QString()),
                 std::optional<QString>(QStringLiteral("SC0000452")));
    }
    opened.db = QSqlDatabase();
    Database::close(QStringLiteral("v7"));
}

QTEST_GUILESS_MAIN(TstStorageMigrations)
#include "tst_storage_migrations.moc"
