// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/cases/statemachine.h>
#include <ow/cases/timelimitclock.h>

#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QTest>

using namespace ow::cases;

Q_DECLARE_METATYPE(ow::cases::ClockStatus)
Q_DECLARE_METATYPE(ow::cases::ClockLight)
Q_DECLARE_METATYPE(ow::cases::EventType)

namespace {

QDateTime utc(const char *text)
{
    return text && *text ? Event::parseTime(QString::fromLatin1(text)) : QDateTime();
}

// A one-item case: created and accepted at `accepted`, routed, optionally
// stopped (suspension or supplement) and started again, optionally approved.
QList<Event> caseEvents(const QDateTime &accepted, int limit, EventType stop, const QDateTime &stoppedAt,
                        const QDateTime &restartedAt, const QDateTime &approvedAt)
{
    const QString caseId = ow::core::Uuid::createV7String();
    const Actor clerk {QStringLiteral("u-1"), QStringLiteral("330102"), QStringLiteral("D01"), Role::Clerk};
    const Actor reviewer {QStringLiteral("u-2"), QStringLiteral("330102"), QStringLiteral("D02"),
                          Role::Reviewer};
    const QString department = QStringLiteral("民政局");
    QList<Event> events;
    if (!accepted.isValid()) {
        events.append(Event::make(caseId, EventType::Created, clerk,
                                  {{QStringLiteral("items"),
                                    QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("C1")},
                                                             {QStringLiteral("department"), department}}}}}));
        return events;
    }
    events.append(Event::make(caseId, EventType::Created, clerk,
                              {{QStringLiteral("items"),
                                QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("C1")},
                                                         {QStringLiteral("department"), department},
                                                         {QStringLiteral("legalDays"), 20},
                                                         {QStringLiteral("promisedDays"), limit}}}}},
                              accepted.addSecs(-60)));
    events.append(Event::make(caseId, EventType::Accepted, clerk, {}, accepted));
    events.append(Event::make(caseId, EventType::Routed, clerk,
                              RoutingPlan::forItem({QStringLiteral("C1"), department}).toJson(),
                              accepted.addSecs(60)));
    if (stoppedAt.isValid()) {
        const QJsonObject payload = stop == EventType::Suspended
            ? QJsonObject {{QStringLiteral("reason"), QStringLiteral("现场核查")}}
            : QJsonObject {{QStringLiteral("materials"), QJsonArray {QStringLiteral("身份证明")}}};
        events.append(Event::make(caseId, stop, reviewer, payload, stoppedAt));
        if (restartedAt.isValid())
            events.append(Event::make(
                caseId, stop == EventType::Suspended ? EventType::Resumed : EventType::SupplementReceived,
                reviewer, {}, restartedAt));
    }
    if (approvedAt.isValid())
        events.append(Event::make(caseId, EventType::Approved, reviewer, {}, approvedAt));
    return events;
}

} // namespace

class TestClock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reading_data();
    void reading();
    void policy_data();
    void policy();
    void localDate();

private:
    ow::core::WorkingCalendar m_calendar;
};

void TestClock::initTestCase()
{
    m_calendar = ow::core::WorkingCalendar::builtIn();
    QVERIFY(m_calendar.years().contains(2026));
    QVERIFY(!m_calendar.years().contains(2028));
}

void TestClock::reading_data()
{
    QTest::addColumn<QDateTime>("accepted");
    QTest::addColumn<int>("limit");
    QTest::addColumn<EventType>("stop");
    QTest::addColumn<QDateTime>("stoppedAt");
    QTest::addColumn<QDateTime>("restartedAt");
    QTest::addColumn<QDateTime>("approvedAt");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<ClockStatus>("status");
    QTest::addColumn<ClockLight>("light");
    QTest::addColumn<QDate>("deadline");
    QTest::addColumn<int>("stopped");
    QTest::addColumn<int>("remaining");

    using S = ClockStatus;
    using L = ClockLight;
    const auto row = [](const char *name, const char *accepted, int limit, EventType stop,
                        const char *stoppedAt, const char *restartedAt, const char *approvedAt, QDate today,
                        S status, L light, QDate deadline, int stopped, int remaining) {
        QTest::newRow(name) << utc(accepted) << limit << stop << utc(stoppedAt) << utc(restartedAt)
                            << utc(approvedAt) << today << status << light << deadline << stopped
                            << remaining;
    };
    const EventType suspended = EventType::Suspended;
    const EventType supplement = EventType::SupplementRequested;

    // National Day 2026: 1-7 October off, Saturday 10 October a make-up workday.
    // Accepted Monday 28 September (09:30 in Beijing), 5 working days.
    const char *monday = "2026-09-28T01:30:00.000Z";
    row("National Day, running", monday, 5, suspended, "", "", "", QDate(2026, 9, 30), S::Running, L::Green,
        QDate(2026, 10, 10), 0, 3);
    row("National Day, last day is the make-up Saturday", monday, 5, suspended, "", "", "",
        QDate(2026, 10, 10), S::Running, L::Yellow, QDate(2026, 10, 10), 0, 0);
    row("National Day, overdue on Monday", monday, 5, suspended, "", "", "", QDate(2026, 10, 12), S::Running,
        L::Red, QDate(2026, 10, 10), 0, -1);
    const char *suspendedWed = "2026-09-30T02:00:00.000Z";
    row("suspended across the holiday, read on 5 October", monday, 5, suspended, suspendedWed, "", "",
        QDate(2026, 10, 5), S::Stopped, L::Green, QDate(2026, 10, 10), 0, 3);
    row("still suspended after the holiday", monday, 5, suspended, suspendedWed, "", "", QDate(2026, 10, 8),
        S::Stopped, L::Green, QDate(2026, 10, 12), 1, 3);
    const char *resumedFri = "2026-10-09T01:00:00.000Z";
    row("resumed on 9 October", monday, 5, suspended, suspendedWed, resumedFri, "", QDate(2026, 10, 9),
        S::Running, L::Green, QDate(2026, 10, 13), 2, 3);
    row("resumed, the make-up Saturday counts", monday, 5, suspended, suspendedWed, resumedFri, "",
        QDate(2026, 10, 10), S::Running, L::Yellow, QDate(2026, 10, 13), 2, 2);
    row("resumed, one day left", monday, 5, suspended, suspendedWed, resumedFri, "", QDate(2026, 10, 12),
        S::Running, L::Yellow, QDate(2026, 10, 13), 2, 1);
    row("resumed, last day", monday, 5, suspended, suspendedWed, resumedFri, "", QDate(2026, 10, 13),
        S::Running, L::Yellow, QDate(2026, 10, 13), 2, 0);
    row("resumed, overdue", monday, 5, suspended, suspendedWed, resumedFri, "", QDate(2026, 10, 14),
        S::Running, L::Red, QDate(2026, 10, 13), 2, -1);

    // Spring Festival 2026: 15-23 February off, 14 and 28 February make-up workdays.
    const char *thursday = "2026-02-12T02:00:00.000Z";
    row("Spring Festival, no stop, read in the holiday", thursday, 3, supplement, "", "", "",
        QDate(2026, 2, 20), S::Running, L::Yellow, QDate(2026, 2, 24), 0, 1);
    row("Spring Festival, supplement pending", thursday, 3, supplement, "2026-02-13T03:00:00.000Z", "", "",
        QDate(2026, 2, 24), S::Stopped, L::Yellow, QDate(2026, 2, 26), 2, 2);
    row("Spring Festival, supplement received", thursday, 3, supplement, "2026-02-13T03:00:00.000Z",
        "2026-02-26T03:00:00.000Z", "", QDate(2026, 2, 26), S::Running, L::Yellow, QDate(2026, 2, 28), 4, 2);

    // Thresholds on a 20-day limit: yellow at 20% (4 days) left.
    const char *march = "2026-03-02T01:00:00.000Z";
    row("20 days, 5 left", march, 20, suspended, "", "", "", QDate(2026, 3, 23), S::Running, L::Green,
        QDate(2026, 3, 30), 0, 5);
    row("20 days, 4 left", march, 20, suspended, "", "", "", QDate(2026, 3, 24), S::Running, L::Yellow,
        QDate(2026, 3, 30), 0, 4);
    row("20 days, overdue", march, 20, suspended, "", "", "", QDate(2026, 3, 31), S::Running, L::Red,
        QDate(2026, 3, 30), 0, -1);
    row("accepted 01:00 Beijing is the local day", "2026-03-01T17:00:00.000Z", 20, suspended, "", "", "",
        QDate(2026, 3, 2), S::Running, L::Green, QDate(2026, 3, 30), 0, 20);

    // Concluded cases are read as of the conclusion, whatever today is.
    row("approved in time", march, 20, suspended, "", "", "2026-03-10T02:00:00.000Z", QDate(2026, 12, 1),
        S::Finished, L::Green, QDate(2026, 3, 30), 0, 14);
    row("approved late", march, 3, suspended, "", "", "2026-03-10T02:00:00.000Z", QDate(2026, 3, 11),
        S::Finished, L::Red, QDate(2026, 3, 5), 0, -3);
    row("approved on the last day", march, 3, suspended, "", "", "2026-03-05T09:00:00.000Z",
        QDate(2026, 3, 20), S::Finished, L::Green, QDate(2026, 3, 5), 0, 0);

    row("not accepted", "", 5, suspended, "", "", "", QDate(2026, 3, 2), S::NotStarted, L::None, QDate(), 0,
        0);
    // No calendar for 2028 or 2024: uncertain, not a guess.
    row("deadline in an unknown year", "2027-12-28T02:00:00.000Z", 20, suspended, "", "", "",
        QDate(2027, 12, 29), S::Uncertain, L::None, QDate(), 0, 0);
    row("today in an unknown year", march, 20, suspended, "", "", "", QDate(2028, 1, 4), S::Uncertain,
        L::None, QDate(), 0, 0);
    row("accepted in an unknown year", "2024-05-06T02:00:00.000Z", 5, suspended, "", "", "",
        QDate(2024, 5, 7), S::Uncertain, L::None, QDate(), 0, 0);
}

void TestClock::reading()
{
    QFETCH(QDateTime, accepted);
    QFETCH(int, limit);
    QFETCH(EventType, stop);
    QFETCH(QDateTime, stoppedAt);
    QFETCH(QDateTime, restartedAt);
    QFETCH(QDateTime, approvedAt);
    QFETCH(QDate, today);
    QFETCH(ClockStatus, status);
    QFETCH(ClockLight, light);
    QFETCH(QDate, deadline);
    QFETCH(int, stopped);
    QFETCH(int, remaining);

    const QList<Event> events = caseEvents(accepted, limit, stop, stoppedAt, restartedAt, approvedAt);
    QString error;
    const auto reading = TimeLimitClock::read(events, today, m_calendar, ClockPolicy(), &error);
    QVERIFY2(reading, qPrintable(error));
    QCOMPARE(clockStatusName(reading->status), clockStatusName(status));
    QCOMPARE(clockLightName(reading->light), clockLightName(light));
    if (status == ClockStatus::Uncertain) {
        QVERIFY(reading->missingYear == 2028 || reading->missingYear == 2024);
        QVERIFY2(reading->message.contains(QString::number(reading->missingYear)),
                 qPrintable(reading->message));
        return;
    }
    QCOMPARE(reading->deadline, deadline);
    QCOMPARE(reading->stoppedDays, stopped);
    QCOMPARE(reading->remainingDays, remaining);
    QCOMPARE(reading->overdue, remaining < 0);
    if (status != ClockStatus::NotStarted)
        QCOMPARE(reading->usedDays, limit - remaining);
}

void TestClock::policy_data()
{
    QTest::addColumn<int>("yellowDays");
    QTest::addColumn<double>("yellowFraction");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<ClockLight>("light");
    // 20 working days from Monday 2 March 2026; 24 March leaves 4, 26 March 2.
    QTest::newRow("days only, 4 left") << 2 << 0.0 << QDate(2026, 3, 24) << ClockLight::Green;
    QTest::newRow("days only, 2 left") << 2 << 0.0 << QDate(2026, 3, 26) << ClockLight::Yellow;
    QTest::newRow("five days, 5 left") << 5 << 0.0 << QDate(2026, 3, 23) << ClockLight::Yellow;
    QTest::newRow("half, 10 left") << 0 << 0.5 << QDate(2026, 3, 16) << ClockLight::Yellow;
    QTest::newRow("half, 11 left") << 0 << 0.5 << QDate(2026, 3, 13) << ClockLight::Green;
}

void TestClock::policy()
{
    QFETCH(int, yellowDays);
    QFETCH(double, yellowFraction);
    QFETCH(QDate, today);
    QFETCH(ClockLight, light);
    ClockPolicy policy;
    policy.yellowWorkingDays = yellowDays;
    policy.yellowFraction = yellowFraction;
    const QList<Event> events
        = caseEvents(utc("2026-03-02T01:00:00.000Z"), 20, EventType::Suspended, {}, {}, {});
    const auto reading = TimeLimitClock::read(events, today, m_calendar, policy);
    QVERIFY(reading);
    QCOMPARE(clockLightName(reading->light), clockLightName(light));
}

void TestClock::localDate()
{
    QCOMPARE(TimeLimitClock::localDate(utc("2026-09-30T15:59:59.999Z")), QDate(2026, 9, 30));
    QCOMPARE(TimeLimitClock::localDate(utc("2026-09-30T16:00:00.000Z")), QDate(2026, 10, 1));
    ClockPolicy urumqi; // a centre keeping Xinjiang time
    urumqi.utcOffsetSeconds = 6 * 3600;
    QCOMPARE(TimeLimitClock::localDate(utc("2026-09-30T17:00:00.000Z"), urumqi), QDate(2026, 9, 30));
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
