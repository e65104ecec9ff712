// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The queue's tickets in the store: written whole on every change, read back
// per day, with the windows paused that day.

#include "dbtestutil.h"

#include "ow/storage/queueticketrepository.h"
#include "ow/test/tempdatadir.h"

#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;
using namespace Qt::StringLiterals;

namespace {

const QDate kDay(2026, 11, 30);

QueueTicketRecord ticket(const QString &number, int minute, const QDate &day = kDay)
{
    QueueTicketRecord record;
    record.day = day;
    record.number = number;
    record.category = number.left(1);
    record.priority = u"normal"_s;
    record.state = u"waiting"_s;
    record.issuedAt = QDateTime(day, QTime(9, 0), Qt::UTC).addSecs(60 * minute);
    return record;
}

} // namespace

class TstStorageQueue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void savedTicketsComeBackInIssueOrder();
    void saveReplacesTheStoredTicket();
    void otherDaysAreUntouched();
    void pausedWindowsPerDay();
    void badRecordIsRefusedAndChangesNothing();
    void ticketsSurviveReopening();
    void dayIsReadThroughItsIndex();

private:
    QSqlDatabase m_db;
    std::unique_ptr<ow::test::TempDataDir> m_dir;
    QByteArray m_key;
};

void TstStorageQueue::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    m_key = randomKey();
    auto opened = openStore(m_dir->filePath(u"store.db"_s), m_key, u"queue"_s, Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
}

void TstStorageQueue::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(u"queue"_s);
    m_dir.reset();
}

void TstStorageQueue::savedTicketsComeBackInIssueOrder()
{
    QueueTicketRepository repository(m_db);
    QVERIFY(repository.ticketsOfDay(kDay).isEmpty());
    QVERIFY(repository.lastError().isEmpty());

    QueueTicketRecord elderly = ticket(u"A002"_s, 5);
    elderly.priority = u"elderly"_s;
    QVERIFY2(repository.save(elderly), qPrintable(repository.lastError()));
    QVERIFY(repository.save(ticket(u"B001"_s, 3)));
    QVERIFY(repository.save(ticket(u"A001"_s, 1)));

    const QList<QueueTicketRecord> day = repository.ticketsOfDay(kDay);
    QCOMPARE(day.size(), 3);
    QCOMPARE(day.at(0).number, u"A001"_s);
    QCOMPARE(day.at(1).number, u"B001"_s);
    QCOMPARE(day.at(2).number, u"A002"_s);
    QCOMPARE(day.at(2).priority, u"elderly"_s);
    QCOMPARE(day.at(2).category, u"A"_s);
    QCOMPARE(day.at(2).day, kDay);
    QCOMPARE(day.at(2).issuedAt, QDateTime(kDay, QTime(9, 5), Qt::UTC));
    // Nothing happened to them yet: no times, no window, no evaluation.
    QVERIFY(!day.at(0).firstCalledAt.isValid());
    QVERIFY(!day.at(0).finishedAt.isValid());
    QCOMPARE(day.at(0).window, QString());
    QCOMPARE(day.at(0).calls, 0);
    QCOMPARE(day.at(0).evaluation, 0);
}

void TstStorageQueue::saveReplacesTheStoredTicket()
{
    QueueTicketRepository repository(m_db);
    QueueTicketRecord record = ticket(u"A001"_s, 0);
    QVERIFY(repository.save(record));

    record.state = u"finished"_s;
    record.window = u"01"_s;
    record.targetWindow = u"02"_s;
    record.transferredFrom = u"03"_s;
    record.calls = 2;
    record.firstCalledAt = QDateTime(kDay, QTime(9, 10), Qt::UTC);
    record.lastCalledAt = QDateTime(kDay, QTime(9, 12), Qt::UTC);
    record.startedAt = QDateTime(kDay, QTime(9, 13), Qt::UTC);
    record.finishedAt = QDateTime(kDay, QTime(9, 25, 30, 250), Qt::UTC);
    record.caseId = u"0193a5b2-0000-7000-8000-000000000001"_s;
    record.evaluation = 2;
    record.evaluationReason = u"等候时间太长"_s;
    QVERIFY2(repository.save(record), qPrintable(repository.lastError()));

    const QList<QueueTicketRecord> day = repository.ticketsOfDay(kDay);
    QCOMPARE(day.size(), 1);
    const QueueTicketRecord &stored = day.first();
    QCOMPARE(stored.state, u"finished"_s);
    QCOMPARE(stored.window, u"01"_s);
    QCOMPARE(stored.targetWindow, u"02"_s);
    QCOMPARE(stored.transferredFrom, u"03"_s);
    QCOMPARE(stored.calls, 2);
    QCOMPARE(stored.firstCalledAt, record.firstCalledAt);
    QCOMPARE(stored.lastCalledAt, record.lastCalledAt);
    QCOMPARE(stored.startedAt, record.startedAt);
    QCOMPARE(stored.finishedAt, record.finishedAt);
    QCOMPARE(stored.caseId, record.caseId);
    QCOMPARE(stored.evaluation, 2);
    QCOMPARE(stored.evaluationReason, u"等候时间太长"_s);

    QSqlQuery query(m_db);
    QVERIFY(query.exec(u"SELECT count(*) FROM queue_tickets"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TstStorageQueue::otherDaysAreUntouched()
{
    QueueTicketRepository repository(m_db);
    const QDate yesterday = kDay.addDays(-1);
    QueueTicketRecord old = ticket(u"A001"_s, 0, yesterday);
    old.state = u"finished"_s;
    QVERIFY(repository.save(old));
    QVERIFY(repository.setWindowPaused(yesterday, u"01"_s, true));

    // Today's A001 is another ticket: it neither replaces nor shows yesterday's.
    QVERIFY(repository.save(ticket(u"A001"_s, 0)));
    QCOMPARE(repository.ticketsOfDay(kDay).size(), 1);
    QCOMPARE(repository.ticketsOfDay(kDay).first().state, u"waiting"_s);
    QCOMPARE(repository.ticketsOfDay(yesterday).size(), 1);
    QCOMPARE(repository.ticketsOfDay(yesterday).first().state, u"finished"_s);
    QCOMPARE(repository.ticketsOfDay(yesterday).first().day, yesterday);
    QVERIFY(repository.pausedWindows(kDay).isEmpty());
    QCOMPARE(repository.pausedWindows(yesterday), QStringList {u"01"_s});
    QVERIFY(repository.ticketsOfDay(kDay.addDays(1)).isEmpty());
}

void TstStorageQueue::pausedWindowsPerDay()
{
    QueueTicketRepository repository(m_db);
    QVERIFY2(repository.setWindowPaused(kDay, u"03"_s, true), qPrintable(repository.lastError()));
    QVERIFY(repository.setWindowPaused(kDay, u"01"_s, true));
    QVERIFY(repository.setWindowPaused(kDay, u"02"_s, false));
    QCOMPARE(repository.pausedWindows(kDay), QStringList({u"01"_s, u"03"_s}));
    // Resuming a window, and pausing one twice, keep one flag per window.
    QVERIFY(repository.setWindowPaused(kDay, u"03"_s, false));
    QVERIFY(repository.setWindowPaused(kDay, u"01"_s, true));
    QCOMPARE(repository.pausedWindows(kDay), QStringList {u"01"_s});
}

void TstStorageQueue::badRecordIsRefusedAndChangesNothing()
{
    QueueTicketRepository repository(m_db);
    QVERIFY(repository.save(ticket(u"A001"_s, 0)));

    QueueTicketRecord noNumber = ticket(QString(), 1);
    QVERIFY(!repository.save(noNumber));
    QVERIFY(!repository.lastError().isEmpty());
    QueueTicketRecord noDay = ticket(u"A002"_s, 1);
    noDay.day = QDate();
    QVERIFY(!repository.save(noDay));
    QueueTicketRecord badEvaluation = ticket(u"A001"_s, 0);
    badEvaluation.state = u"finished"_s;
    badEvaluation.evaluation = 9;
    QVERIFY(!repository.save(badEvaluation));
    QVERIFY2(repository.lastError().contains(u"A001"_s), qPrintable(repository.lastError()));
    QVERIFY(!repository.setWindowPaused(kDay, QString(), true));
    QVERIFY(!repository.lastError().isEmpty());

    const QList<QueueTicketRecord> day = repository.ticketsOfDay(kDay);
    QCOMPARE(day.size(), 1);
    QCOMPARE(day.first().state, u"waiting"_s);
    QCOMPARE(day.first().evaluation, 0);
    QVERIFY(repository.pausedWindows(kDay).isEmpty());
}

void TstStorageQueue::ticketsSurviveReopening()
{
    {
        QueueTicketRepository repository(m_db);
        QVERIFY(repository.save(ticket(u"A001"_s, 0)));
        QVERIFY(repository.setWindowPaused(kDay, u"02"_s, true));
    }
    m_db = QSqlDatabase();
    Database::close(u"queue"_s);

    auto opened = openStore(m_dir->filePath(u"store.db"_s), m_key, u"queue"_s, Database::Mode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    QueueTicketRepository repository(m_db);
    QCOMPARE(repository.ticketsOfDay(kDay).size(), 1);
    QCOMPARE(repository.ticketsOfDay(kDay).first().number, u"A001"_s);
    QCOMPARE(repository.pausedWindows(kDay), QStringList {u"02"_s});
}

// Restoring a day reads only that day's rows, already in issue order.
void TstStorageQueue::dayIsReadThroughItsIndex()
{
    QSqlQuery query(m_db);
    QVERIFY(query.exec(u"EXPLAIN QUERY PLAN SELECT number FROM queue_tickets WHERE day = '2026-11-30' "
                       "ORDER BY issued_at, number"_s));
    QStringList plan;
    while (query.next())
        plan.append(query.value(3).toString());
    const QString text = plan.join(u'\n');
    QVERIFY2(text.contains(u"USING INDEX queue_tickets_day (day=?)"_s), qPrintable(text));
    QVERIFY2(!text.contains(u"SCAN queue_tickets"_s), qPrintable(text));
}

QTEST_GUILESS_MAIN(TstStorageQueue)
#include "tst_storage_queue.moc"
