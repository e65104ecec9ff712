// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// A morning at the hall: tickets issued at the kiosk, called to windows, the
// green channel, transfers, residents who step away or never come, and their
// evaluations.

#include <ow/queue/ticketqueue.h>

#include <QTest>

using namespace ow::queue;
using namespace Qt::StringLiterals;

class TicketQueueTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void numbersRunPerCategoryAndDay();
    void greenChannelGoesFirstThenIssueOrder();
    void windowCallsOnlyItsCategories();
    void windowMustCloseItsTicketBeforeTheNext();
    void recallCountsCalls();
    void noShowFreesTheWindow();
    void parkedTicketIsCalledBackLater();
    void transferToWindowIsCalledThereFirst();
    void transferToCategoryKeepsItsPlace();
    void pausedWindowCallsNothing();
    void evaluationIsStoredOnceWithReasonOnlyWhenLow();
    void waitingAndServiceTimesAreRecorded();
    void restoredDayContinuesNumbering();
    void refusalsChangeNothing();

private:
    QDateTime at(int minute) const { return QDateTime(QDate(2026, 11, 30), QTime(9, 0)).addSecs(60 * minute); }
    QString issue(const QString &category, Priority priority = Priority::Normal, int minute = 0)
    {
        const auto result = m_queue->issue(category, priority, at(minute));
        return result.ok() ? result.ticket->number : result.error;
    }

    std::unique_ptr<TicketQueue> m_queue;
};

void TicketQueueTest::init()
{
    m_queue = std::make_unique<TicketQueue>(
        QList<ServiceCategory>{{u"A"_s, u"综合受理"_s}, {u"B"_s, u"出件"_s}, {u"C"_s, u"咨询"_s}},
        QList<ServiceWindow>{{u"01"_s, u"1号窗口"_s, {u"A"_s, u"C"_s}},
                             {u"02"_s, u"2号窗口"_s, {u"A"_s}},
                             {u"03"_s, u"3号窗口"_s, {u"B"_s}}},
        QDate(2026, 11, 30));
}

void TicketQueueTest::numbersRunPerCategoryAndDay()
{
    QCOMPARE(issue(u"A"_s), u"A001"_s);
    QCOMPARE(issue(u"A"_s), u"A002"_s);
    QCOMPARE(issue(u"B"_s), u"B001"_s);
    QCOMPARE(issue(u"A"_s, Priority::Elderly), u"A003"_s);
    QVERIFY(!m_queue->issue(u"Z"_s, Priority::Normal, at(1)).ok());
}

void TicketQueueTest::greenChannelGoesFirstThenIssueOrder()
{
    issue(u"A"_s, Priority::Normal, 0); // A001
    issue(u"A"_s, Priority::Normal, 1); // A002
    issue(u"A"_s, Priority::Disabled, 2); // A003
    issue(u"A"_s, Priority::Appointment, 3); // A004
    QStringList order;
    for (const Ticket &ticket : m_queue->waiting(u"02"_s))
        order.append(ticket.number);
    QCOMPARE(order, (QStringList{u"A003"_s, u"A004"_s, u"A001"_s, u"A002"_s}));

    QCOMPARE(m_queue->callNext(u"02"_s, at(5)).ticket->number, u"A003"_s);
}

void TicketQueueTest::windowCallsOnlyItsCategories()
{
    issue(u"B"_s, Priority::Normal, 0);
    issue(u"C"_s, Priority::Normal, 1);
    const auto refused = m_queue->callNext(u"02"_s, at(2)); // serves A only
    QVERIFY(!refused.ok());
    QVERIFY(refused.error.contains(u"02"_s));
    QCOMPARE(m_queue->callNext(u"01"_s, at(2)).ticket->number, u"C001"_s);
    QCOMPARE(m_queue->callNext(u"03"_s, at(2)).ticket->number, u"B001"_s);
}

void TicketQueueTest::windowMustCloseItsTicketBeforeTheNext()
{
    issue(u"A"_s);
    issue(u"A"_s);
    QVERIFY(m_queue->callNext(u"02"_s, at(1)).ok());
    const auto refused = m_queue->callNext(u"02"_s, at(2));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error.contains(u"A001"_s), qPrintable(refused.error));
    QCOMPARE(m_queue->waiting(u"02"_s).size(), 1);
}

void TicketQueueTest::recallCountsCalls()
{
    issue(u"A"_s);
    QVERIFY(!m_queue->recall(u"02"_s, at(1)).ok());
    m_queue->callNext(u"02"_s, at(1));
    const auto again = m_queue->recall(u"02"_s, at(2));
    QVERIFY(again.ok());
    QCOMPARE(again.ticket->calls, 2);
    QCOMPARE(again.ticket->firstCalledAt, at(1));
    QCOMPARE(again.ticket->lastCalledAt, at(2));
    QCOMPARE(m_queue->recentCalls(5).first().number, u"A001"_s);
}

void TicketQueueTest::noShowFreesTheWindow()
{
    issue(u"A"_s);
    issue(u"A"_s);
    m_queue->callNext(u"02"_s, at(1));
    const auto gone = m_queue->markNoShow(u"02"_s, at(3));
    QVERIFY(gone.ok());
    QCOMPARE(gone.ticket->state, TicketState::NoShow);
    QVERIFY(!m_queue->currentTicket(u"02"_s));
    QCOMPARE(m_queue->callNext(u"02"_s, at(3)).ticket->number, u"A002"_s);
    // A no-show cannot be called back.
    QVERIFY(!m_queue->callNumber(u"01"_s, u"A001"_s, at(4)).ok());
}

void TicketQueueTest::parkedTicketIsCalledBackLater()
{
    issue(u"A"_s);
    issue(u"A"_s);
    m_queue->callNext(u"02"_s, at(1));
    m_queue->startService(u"02"_s, at(2));
    const auto parked = m_queue->park(u"02"_s, at(3));
    QVERIFY(parked.ok());
    QCOMPARE(m_queue->parked().size(), 1);
    QCOMPARE(m_queue->callNext(u"02"_s, at(3)).ticket->number, u"A002"_s);
    m_queue->startService(u"02"_s, at(4));
    m_queue->finishService(u"02"_s, QString(), at(8));
    const auto back = m_queue->callNumber(u"02"_s, u"a001"_s, at(9)); // typed in lower case
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.ticket->state, TicketState::Called);
    QVERIFY(m_queue->parked().isEmpty());
}

void TicketQueueTest::transferToWindowIsCalledThereFirst()
{
    issue(u"A"_s, Priority::Normal, 0); // A001
    issue(u"A"_s, Priority::Elderly, 1); // A002, green channel
    issue(u"C"_s, Priority::Normal, 2); // C001
    m_queue->callNext(u"01"_s, at(3)); // A002
    m_queue->callNext(u"02"_s, at(3)); // A001
    QVERIFY(m_queue->transferToWindow(u"02"_s, u"01"_s, at(4)).ok());
    QVERIFY(!m_queue->currentTicket(u"02"_s));
    m_queue->startService(u"01"_s, at(4));
    m_queue->finishService(u"01"_s, QString(), at(6));
    const auto next = m_queue->callNext(u"01"_s, at(6));
    QCOMPARE(next.ticket->number, u"A001"_s);
    QCOMPARE(next.ticket->transferredFrom, u"02"_s);
    QVERIFY(!m_queue->transferToWindow(u"01"_s, u"01"_s, at(7)).ok());
    QVERIFY(!m_queue->transferToWindow(u"01"_s, u"99"_s, at(7)).ok());
}

void TicketQueueTest::transferToCategoryKeepsItsPlace()
{
    issue(u"A"_s, Priority::Normal, 0); // A001, came for intake but needs to collect a result
    issue(u"B"_s, Priority::Normal, 5); // B001
    m_queue->callNext(u"02"_s, at(6));
    QVERIFY(m_queue->transferToCategory(u"02"_s, u"B"_s, at(7)).ok());
    const QList<Ticket> queue = m_queue->waiting(u"03"_s);
    QCOMPARE(queue.size(), 2);
    QCOMPARE(queue.first().number, u"A001"_s); // issued before B001
}

void TicketQueueTest::pausedWindowCallsNothing()
{
    issue(u"A"_s);
    QVERIFY(m_queue->setWindowPaused(u"02"_s, true).isEmpty());
    QVERIFY(m_queue->isWindowPaused(u"02"_s));
    QVERIFY(m_queue->callNext(u"02"_s, at(1)).error.contains(u"paused"_s));
    QVERIFY(m_queue->setWindowPaused(u"02"_s, false).isEmpty());
    m_queue->callNext(u"02"_s, at(2));
    QVERIFY(!m_queue->setWindowPaused(u"02"_s, true).isEmpty()); // a ticket is open
}

void TicketQueueTest::evaluationIsStoredOnceWithReasonOnlyWhenLow()
{
    issue(u"A"_s);
    issue(u"A"_s);
    QVERIFY(!m_queue->evaluate(u"A001"_s, Evaluation::Satisfied).ok()); // not served yet
    for (int i = 0; i < 2; ++i) {
        m_queue->callNext(u"02"_s, at(1 + i * 10));
        m_queue->startService(u"02"_s, at(2 + i * 10));
        m_queue->finishService(u"02"_s, u"case-%1"_s.arg(i), at(8 + i * 10));
    }
    QVERIFY(!m_queue->evaluate(u"A001"_s, Evaluation::VerySatisfied, u"很好"_s).ok());
    const auto good = m_queue->evaluate(u"A001"_s, Evaluation::VerySatisfied);
    QVERIFY(good.ok());
    QVERIFY(!m_queue->evaluate(u"A001"_s, Evaluation::Dissatisfied).ok()); // once
    const auto low = m_queue->evaluate(u"A002"_s, Evaluation::VeryDissatisfied, u" 等候时间太长 "_s);
    QVERIFY(low.ok());
    QCOMPARE(low.ticket->evaluationReason, u"等候时间太长"_s);
    QCOMPARE(m_queue->ticket(u"A002"_s)->evaluation, Evaluation::VeryDissatisfied);
    QCOMPARE(m_queue->ticket(u"A002"_s)->caseId, u"case-1"_s);
    QCOMPARE(evaluationDisplayName(Evaluation::BasicallySatisfied), u"Basically satisfied"_s);
}

void TicketQueueTest::waitingAndServiceTimesAreRecorded()
{
    issue(u"A"_s, Priority::Normal, 0);
    QCOMPARE(m_queue->ticket(u"A001"_s)->waitingSeconds(), -1);
    m_queue->callNext(u"02"_s, at(12));
    m_queue->recall(u"02"_s, at(13));
    m_queue->startService(u"02"_s, at(14));
    m_queue->finishService(u"02"_s, QString(), at(21));
    const Ticket *ticket = m_queue->ticket(u"A001"_s);
    QCOMPARE(ticket->waitingSeconds(), 12 * 60); // to the first call, not the recall
    QCOMPARE(ticket->serviceSeconds(), 7 * 60);
}

void TicketQueueTest::restoredDayContinuesNumbering()
{
    issue(u"A"_s, Priority::Normal, 0);
    issue(u"A"_s, Priority::Normal, 1);
    m_queue->callNext(u"02"_s, at(2));
    const QList<Ticket> saved = m_queue->tickets();

    init();
    m_queue->restore(saved, {u"03"_s});
    QCOMPARE(issue(u"A"_s, Priority::Normal, 3), u"A003"_s);
    QCOMPARE(issue(u"B"_s, Priority::Normal, 3), u"B001"_s);
    QCOMPARE(m_queue->currentTicket(u"02"_s)->number, u"A001"_s);
    QVERIFY(m_queue->isWindowPaused(u"03"_s));
}

void TicketQueueTest::refusalsChangeNothing()
{
    issue(u"A"_s);
    const QList<Ticket> before = m_queue->tickets();
    QVERIFY(!m_queue->startService(u"02"_s, at(1)).ok());
    QVERIFY(!m_queue->finishService(u"02"_s, QString(), at(1)).ok());
    QVERIFY(!m_queue->park(u"02"_s, at(1)).ok());
    QVERIFY(!m_queue->markNoShow(u"02"_s, at(1)).ok());
    QVERIFY(!m_queue->callNumber(u"02"_s, u"A999"_s, at(1)).ok());
    QVERIFY(!m_queue->callNext(u"99"_s, at(1)).ok());
    QCOMPARE(m_queue->tickets().size(), before.size());
    QCOMPARE(m_queue->tickets().first().state, TicketState::Waiting);
    QCOMPARE(m_queue->tickets().first().calls, 0);
}

QTEST_GUILESS_MAIN(TicketQueueTest)
#include "tst_ticketqueue.moc"
