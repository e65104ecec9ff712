// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// A morning at the hall kept in the workstation's encrypted store: after a
// restart the queue has every ticket as it was, goes on numbering, and keeps
// paused windows and the residents' evaluations.

#include <ow/queue/queuestore.h>
#include <ow/queue/ticketqueue.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/queueticketrepository.h>
#include <ow/test/tempdatadir.h>

#include <QRandomGenerator>
#include <QTest>

using namespace ow::queue;
using namespace ow::storage;
using namespace Qt::StringLiterals;

namespace {

const QDate kDay(2026, 11, 30);

QDateTime at(int minute)
{
    return QDateTime(kDay, QTime(9, 0)).addSecs(60 * minute);
}

std::unique_ptr<TicketQueue> newQueue(const QDate &day = kDay)
{
    return std::make_unique<TicketQueue>(
        QList<ServiceCategory> {{u"A"_s, u"综合受理"_s}, {u"B"_s, u"出件"_s}, {u"C"_s, u"咨询"_s}},
        QList<ServiceWindow> {{u"01"_s, u"1号窗口"_s, {u"A"_s, u"C"_s}},
                              {u"02"_s, u"2号窗口"_s, {u"A"_s}},
                              {u"03"_s, u"3号窗口"_s, {u"B"_s}}},
        day);
}

} // namespace

class QueueStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void restartContinuesTheDay();
    void otherDayIsRefused();
    void unreadableTicketLeavesQueueAsItWas();

private:
    bool open();
    void close();
    // Saves the ticket an operation changed, as the workstation does.
    bool keep(QueueStore &store, const TicketQueue::Result &result);

    std::unique_ptr<ow::test::TempDataDir> m_dir;
    QByteArray m_key;
    QSqlDatabase m_db;
};

void QueueStoreTest::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    m_key = QByteArray(Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(m_key.begin(), m_key.end());
    QVERIFY(open());
}

void QueueStoreTest::cleanup()
{
    close();
    m_dir.reset();
}

bool QueueStoreTest::open()
{
    const QString path = m_dir->filePath(u"workstation.db"_s);
    auto opened
        = Database::open(path, m_key, u"queue"_s,
                         QFile::exists(path) ? Database::Mode::OpenExisting : Database::Mode::CreateNew);
    if (!opened.ok()) {
        qWarning("%s", qPrintable(opened.message));
        return false;
    }
    QString message;
    if (Migrations::migrate(opened.db, &message) != DatabaseError::None) {
        qWarning("%s", qPrintable(message));
        return false;
    }
    m_db = opened.db;
    return true;
}

void QueueStoreTest::close()
{
    m_db = QSqlDatabase();
    Database::close(u"queue"_s);
}

bool QueueStoreTest::keep(QueueStore &store, const TicketQueue::Result &result)
{
    if (!result.ok()) {
        qWarning("refused: %s", qPrintable(result.error));
        return false;
    }
    if (!store.save(*result.ticket)) {
        qWarning("not saved: %s", qPrintable(store.lastError()));
        return false;
    }
    return true;
}

void QueueStoreTest::restartContinuesTheDay()
{
    auto queue = newQueue();
    QList<Ticket> before;
    {
        QueueStore store(m_db, kDay);
        QVERIFY(keep(store, queue->issue(u"A"_s, Priority::Normal, at(0)))); // A001
        QVERIFY(keep(store, queue->issue(u"A"_s, Priority::Elderly, at(1)))); // A002, green channel
        QVERIFY(keep(store, queue->issue(u"A"_s, Priority::Normal, at(2)))); // A003
        QVERIFY(keep(store, queue->issue(u"B"_s, Priority::Normal, at(3)))); // B001

        // Window 01 serves the elderly resident first; she rates the service low and says why.
        const auto called = queue->callNext(u"01"_s, at(4));
        QVERIFY(keep(store, called));
        QCOMPARE(called.ticket->number, u"A002"_s);
        QVERIFY(keep(store, queue->recall(u"01"_s, at(5))));
        QVERIFY(keep(store, queue->startService(u"01"_s, at(6))));
        QVERIFY(
            keep(store, queue->finishService(u"01"_s, u"0193a5b2-0000-7000-8000-00000000002a"_s, at(16))));
        QVERIFY(keep(store, queue->evaluate(u"A002"_s, Evaluation::Dissatisfied, u"材料清单没有一次说清"_s)));

        // Window 02 calls A001 and sends it to window 01, then pauses.
        const auto second = queue->callNext(u"02"_s, at(17));
        QVERIFY(keep(store, second));
        QCOMPARE(second.ticket->number, u"A001"_s);
        QVERIFY(keep(store, queue->transferToWindow(u"02"_s, u"01"_s, at(18))));
        QCOMPARE(queue->setWindowPaused(u"02"_s, true), QString());
        QVERIFY2(store.setWindowPaused(u"02"_s, true), qPrintable(store.lastError()));

        // Window 03 calls B001, who has left.
        QVERIFY(keep(store, queue->callNext(u"03"_s, at(19))));
        QVERIFY(keep(store, queue->markNoShow(u"03"_s, at(21))));
        before = queue->tickets();
    }
    QCOMPARE(before.size(), 4);

    // The workstation restarts: the store is closed and opened again.
    queue.reset();
    close();
    QVERIFY(open());
    QueueStore store(m_db, kDay);
    auto restored = newQueue();
    QVERIFY2(store.loadDay(*restored), qPrintable(store.lastError()));

    const QList<Ticket> after = restored->tickets();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const Ticket &was = before.at(i);
        const Ticket &is = after.at(i);
        QCOMPARE(is.number, was.number);
        QCOMPARE(is.category, was.category);
        QCOMPARE(is.priority, was.priority);
        QCOMPARE(is.state, was.state);
        QCOMPARE(is.issuedAt, was.issuedAt);
        QCOMPARE(is.window, was.window);
        QCOMPARE(is.targetWindow, was.targetWindow);
        QCOMPARE(is.transferredFrom, was.transferredFrom);
        QCOMPARE(is.calls, was.calls);
        QCOMPARE(is.firstCalledAt, was.firstCalledAt);
        QCOMPARE(is.lastCalledAt, was.lastCalledAt);
        QCOMPARE(is.startedAt, was.startedAt);
        QCOMPARE(is.finishedAt, was.finishedAt);
        QCOMPARE(is.caseId, was.caseId);
        QCOMPARE(is.evaluation, was.evaluation);
        QCOMPARE(is.evaluationReason, was.evaluationReason);
    }

    // What a clerk and the supervisor see after the restart.
    const Ticket *served = restored->ticket(u"A002"_s);
    QVERIFY(served);
    QCOMPARE(served->state, TicketState::Finished);
    QCOMPARE(served->priority, Priority::Elderly);
    QCOMPARE(served->calls, 2);
    QCOMPARE(served->evaluation, std::optional<Evaluation>(Evaluation::Dissatisfied));
    QCOMPARE(served->evaluationReason, u"材料清单没有一次说清"_s);
    QCOMPARE(served->waitingSeconds(), qint64(3 * 60));
    QCOMPARE(served->serviceSeconds(), qint64(10 * 60));
    QCOMPARE(served->caseId, u"0193a5b2-0000-7000-8000-00000000002a"_s);
    QCOMPARE(restored->ticket(u"B001"_s)->state, TicketState::NoShow);
    QVERIFY(restored->isWindowPaused(u"02"_s));
    QVERIFY(!restored->isWindowPaused(u"01"_s));
    // A rating is given once, also after a restart.
    QVERIFY(!restored->evaluate(u"A002"_s, Evaluation::VerySatisfied).ok());

    // Numbering goes on, and the transferred ticket is still called at window 01 first.
    const auto next = restored->issue(u"A"_s, Priority::Normal, at(30));
    QVERIFY(keep(store, next));
    QCOMPARE(next.ticket->number, u"A004"_s);
    QCOMPARE(restored->issue(u"B"_s, Priority::Normal, at(31)).ticket->number, u"B002"_s);
    const auto transferred = restored->callNext(u"01"_s, at(32));
    QVERIFY(keep(store, transferred));
    QCOMPARE(transferred.ticket->number, u"A001"_s);
    QCOMPARE(transferred.ticket->transferredFrom, u"02"_s);
    QVERIFY(!restored->callNext(u"02"_s, at(33)).ok()); // still paused
    QCOMPARE(QueueTicketRepository(m_db).ticketsOfDay(kDay).size(), 5);
}

void QueueStoreTest::otherDayIsRefused()
{
    {
        QueueStore store(m_db, kDay);
        auto queue = newQueue();
        QVERIFY(keep(store, queue->issue(u"A"_s, Priority::Normal, at(0))));
    }
    // The next morning starts empty with A001; yesterday's queue is not today's.
    QueueStore tomorrow(m_db, kDay.addDays(1));
    auto queue = newQueue(kDay.addDays(1));
    QVERIFY2(tomorrow.loadDay(*queue), qPrintable(tomorrow.lastError()));
    QVERIFY(queue->tickets().isEmpty());
    QCOMPARE(queue->issue(u"A"_s, Priority::Normal, at(24 * 60)).ticket->number, u"A001"_s);

    QueueStore today(m_db, kDay);
    auto wrong = newQueue(kDay.addDays(1));
    QVERIFY(!today.loadDay(*wrong));
    QVERIFY(today.lastError().contains(u"2026-11-30"_s));
    QVERIFY(wrong->tickets().isEmpty());
}

void QueueStoreTest::unreadableTicketLeavesQueueAsItWas()
{
    QueueTicketRepository repository(m_db);
    QueueTicketRecord record
        = QueueStore::toRecord(kDay, *newQueue()->issue(u"A"_s, Priority::Normal, at(0)).ticket);
    record.state = u"teleported"_s;
    QVERIFY(repository.save(record));

    QueueStore store(m_db, kDay);
    auto queue = newQueue();
    QVERIFY(queue->issue(u"C"_s, Priority::Normal, at(1)).ok());
    QVERIFY(!store.loadDay(*queue));
    QVERIFY2(store.lastError().contains(u"A001"_s), qPrintable(store.lastError()));
    QCOMPARE(queue->tickets().size(), 1);
    QCOMPARE(queue->tickets().first().number, u"C001"_s);
}

QTEST_GUILESS_MAIN(QueueStoreTest)
#include "tst_queuestore.moc"
