// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The 同步 page as a clerk reads it: what waits to be sent, what the server
// refused and why, attachments still to upload, and past runs.

#include <ow/cases/casenumber.h>
#include <ow/core/uuid.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/outboxrepository.h>
#include <ow/storage/syncstaterepository.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/syncpage.h>

#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace ow;
using namespace Qt::StringLiterals;

class TestSyncPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsWaitingRefusedAttachmentsAndHistory();
    void withoutServerNothingCanBeStarted();

private:
    QString recordCase(qint64 serial);

    std::unique_ptr<test::TempDataDir> m_dir;
    QSqlDatabase m_db;
    std::unique_ptr<storage::CaseJournal> m_journal;
};

void TestSyncPage::init()
{
    m_dir = std::make_unique<test::TempDataDir>();
    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    auto opened = storage::Database::open(m_dir->filePath(u"onewindow.db"_s), key, u"syncpage"_s,
                                          storage::Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    QString message;
    QCOMPARE(storage::Migrations::migrate(m_db, &message), storage::DatabaseError::None);
    m_journal = std::make_unique<storage::CaseJournal>(
        m_db, storage::CaseJournal::Identity{u"0193a6b4-1d00-7000-8000-00000000a001"_s, u"330102001"_s});
}

void TestSyncPage::cleanup()
{
    m_journal.reset();
    m_db = QSqlDatabase();
    storage::Database::close(u"syncpage"_s);
    m_dir.reset();
}

QString TestSyncPage::recordCase(qint64 serial)
{
    const QString number
        = cases::CaseNumber::make(u"330102"_s, QDate(2026, 11, 30), u"D07"_s, serial)->toString();
    const QJsonObject item{{u"code"_s, u"MZ-JF-002"_s},         {u"name"_s, u"临时救助"_s},
                           {u"department"_s, u"MZ"_s},          {u"legalDays"_s, 10},
                           {u"promisedDays"_s, 5},              {u"producesCertificate"_s, false}};
    const QJsonObject payload{{u"caseNumber"_s, number},
                              {u"items"_s, QJsonArray{item}},
                              {u"applicant"_s, QJsonObject{{u"idNumber"_s, u"33010219900307123X"_s},
                                                           {u"name"_s, u"欧阳娜娜"_s}}}};
    cases::Actor actor;
    actor.userId = u"agent01"_s;
    const QString caseId = core::Uuid::createV7String();
    const auto result = m_journal->record(cases::Event::make(caseId, cases::EventType::Created, actor, payload),
                                          cases::Role::Agent);
    return result.isValid() ? number : QString();
}

void TestSyncPage::showsWaitingRefusedAttachmentsAndHistory()
{
    const QString waitingNumber = recordCase(1);
    const QString refusedNumber = recordCase(2);
    QVERIFY(!waitingNumber.isEmpty() && !refusedNumber.isEmpty());
    storage::OutboxRepository outbox(m_db);
    const QList<storage::OutboxEntry> entries = outbox.pending();
    QCOMPARE(entries.size(), 2);
    QVERIFY(outbox.markFailed(entries.at(0).event.id, u"The central server cannot be reached."_s, u"network"_s));
    QVERIFY(outbox.park(entries.at(1).event.id, u"office_mismatch"_s, u"该办件不属于本机构。"_s));
    storage::AttachmentRepository attachments(m_db);
    QVERIFY(!attachments.put(QByteArray(2048, 'x'), u"image/jpeg"_s).isEmpty());
    storage::SyncStateRepository state(m_db);
    const qint64 run = state.beginSyncRun();
    storage::SyncRunRecord record;
    record.id = run;
    record.finishedAt = QDateTime::currentDateTimeUtc();
    record.outcome = storage::SyncRunRecord::Outcome::Failed;
    record.error = u"The central server cannot be reached."_s;
    QVERIFY(state.finishSyncRun(record));

    ui::SyncPage page(m_db, nullptr);
    QSignalSpy parkedChanged(&page, &ui::SyncPage::parkedCountChanged);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.refresh();

    auto *tabs = page.findChild<QTabWidget *>(u"detailsTabWidget"_s);
    QCOMPARE(tabs->tabText(0), u"Waiting to send (1)"_s);
    QCOMPARE(tabs->tabText(1), u"Refused by the server (1)"_s);
    QCOMPARE(page.pendingCount(), 1);
    QCOMPARE(page.parkedCount(), 1);

    const QAbstractItemModel *pending = page.findChild<QTableView *>(u"pendingTableView"_s)->model();
    QCOMPARE(pending->index(0, 0).data().toString(), waitingNumber);
    QCOMPARE(pending->index(0, 3).data().toString(), u"1"_s); // attempts
    QCOMPARE(pending->index(0, 4).data().toString(), u"The central server cannot be reached."_s);

    const QAbstractItemModel *parked = page.findChild<QTableView *>(u"parkedTableView"_s)->model();
    QCOMPARE(parked->index(0, 0).data().toString(), refusedNumber);
    QCOMPARE(parked->index(0, 4).data().toString(), u"该办件不属于本机构。"_s);

    const QAbstractItemModel *uploads = page.findChild<QTableView *>(u"attachmentsTableView"_s)->model();
    QCOMPARE(uploads->rowCount(), 1);
    QCOMPARE(uploads->index(0, 2).data().toString(), u"Waiting"_s);

    const QAbstractItemModel *history = page.findChild<QTableView *>(u"historyTableView"_s)->model();
    QCOMPARE(history->rowCount(), 1);
    QVERIFY(history->index(0, 6).data().toString().startsWith(u"Failed"_s));
    QVERIFY(!parkedChanged.isEmpty());
    QCOMPARE(parkedChanged.last().first().toInt(), 1);
}

void TestSyncPage::withoutServerNothingCanBeStarted()
{
    ui::SyncPage page(m_db, nullptr);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(!page.findChild<QPushButton *>(u"syncNowPushButton"_s)->isEnabled());
    QVERIFY(page.findChild<QLabel *>(u"stateLabel"_s)->text().contains(u"No central server"_s));
    QCOMPARE(page.findChild<QLabel *>(u"lastRunLabel"_s)->text(), u"Never"_s);
}

QTEST_MAIN(TestSyncPage)
#include "tst_syncpage.moc"
