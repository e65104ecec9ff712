// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/workingcalendar.h>

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using ow::core::Holiday;
using ow::core::WorkingCalendar;
using Kind = WorkingCalendar::DayKind;

namespace {

QDate d(int y, int m, int day)
{
    return QDate(y, m, day);
}

// A minimal valid national calendar for `year` with one holiday on 2 January.
QByteArray yearFile(int year, const QByteArray &extra = {})
{
    return QStringLiteral(R"({"version": 1, "year": %1, "holidays": [
        {"name": "测试", "nameEn": "Test", "days": ["%1-01-02"]}]%2})")
        .arg(year)
        .arg(QString::fromUtf8(extra))
        .toUtf8();
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

// Expected days follow the State Council notices for 2025 (国办发明电〔2024〕12号)
// and 2026 (国办发明电〔2025〕7号).
class tst_WorkingCalendar : public QObject
{
    Q_OBJECT

private:
    const WorkingCalendar m_calendar = WorkingCalendar::builtIn();

private slots:
    void builtIn();
    void dayKind_data();
    void dayKind();
    void addWorkingDays_data();
    void addWorkingDays();
    void workingDaysBetween_data();
    void workingDaysBetween();
    void missingYear();
    void holidayNames();
    void localHoliday();
    void loadDirectory();
    void invalidFiles_data();
    void invalidFiles();
    void conflictingFiles();
};

void tst_WorkingCalendar::builtIn()
{
    QCOMPARE(m_calendar.years(), (QList<int> {2025, 2026, 2027}));
    QVERIFY(m_calendar.covers(d(2025, 1, 1)));
    QVERIFY(m_calendar.covers(d(2026, 12, 31)));
    QVERIFY(!m_calendar.covers(d(2024, 12, 31)));
    QVERIFY(m_calendar.covers(d(2027, 1, 1)));
    QVERIFY(!m_calendar.covers(d(2028, 1, 1)));
    QVERIFY(!m_calendar.isProvisional(2026));
    QVERIFY(m_calendar.isProvisional(2027));
    // 365 days, minus weekends and holidays, plus make-up workdays.
    QCOMPARE(m_calendar.workingDaysBetween(d(2024, 12, 31), d(2025, 12, 31)), std::optional(248));
    QCOMPARE(m_calendar.workingDaysBetween(d(2025, 12, 31), d(2026, 12, 31)), std::optional(248));
}

void tst_WorkingCalendar::dayKind_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<Kind>("kind");

    // 2026 Spring Festival: 2/15 (Sun) to 2/23 (Mon); Saturdays 2/14 and 2/28 are workdays.
    QTest::newRow("2026-02-13 Fri") << d(2026, 2, 13) << Kind::Workday;
    QTest::newRow("2026-02-14 Sat make-up") << d(2026, 2, 14) << Kind::MakeupWorkday;
    QTest::newRow("2026-02-15 Sun holiday") << d(2026, 2, 15) << Kind::Holiday;
    QTest::newRow("2026-02-17 New Year's Day") << d(2026, 2, 17) << Kind::Holiday;
    QTest::newRow("2026-02-23 Mon holiday") << d(2026, 2, 23) << Kind::Holiday;
    QTest::newRow("2026-02-24 Tue") << d(2026, 2, 24) << Kind::Workday;
    QTest::newRow("2026-02-28 Sat make-up") << d(2026, 2, 28) << Kind::MakeupWorkday;
    QTest::newRow("2026-03-01 Sun") << d(2026, 3, 1) << Kind::Weekend;
    QTest::newRow("2026-01-01 New Year") << d(2026, 1, 1) << Kind::Holiday;
    QTest::newRow("2026-01-03 Sat holiday") << d(2026, 1, 3) << Kind::Holiday;
    QTest::newRow("2026-01-04 Sun make-up") << d(2026, 1, 4) << Kind::MakeupWorkday;
    QTest::newRow("2026-04-06 Qingming Mon") << d(2026, 4, 6) << Kind::Holiday;
    QTest::newRow("2026-05-05 Labour Day Tue") << d(2026, 5, 5) << Kind::Holiday;
    QTest::newRow("2026-05-09 Sat make-up") << d(2026, 5, 9) << Kind::MakeupWorkday;
    QTest::newRow("2026-06-19 Dragon Boat Fri") << d(2026, 6, 19) << Kind::Holiday;
    QTest::newRow("2026-09-20 Sun make-up") << d(2026, 9, 20) << Kind::MakeupWorkday;
    QTest::newRow("2026-09-25 Mid-Autumn Fri") << d(2026, 9, 25) << Kind::Holiday;
    QTest::newRow("2026-09-28 Mon") << d(2026, 9, 28) << Kind::Workday;
    QTest::newRow("2026-10-07 National Day Wed") << d(2026, 10, 7) << Kind::Holiday;
    QTest::newRow("2026-10-08 Thu") << d(2026, 10, 8) << Kind::Workday;
    QTest::newRow("2026-10-10 Sat make-up") << d(2026, 10, 10) << Kind::MakeupWorkday;
    QTest::newRow("2026-10-11 Sun") << d(2026, 10, 11) << Kind::Weekend;
    QTest::newRow("2025-01-26 Sun make-up") << d(2025, 1, 26) << Kind::MakeupWorkday;
    QTest::newRow("2025-01-28 New Year's Eve") << d(2025, 1, 28) << Kind::Holiday;
    QTest::newRow("2025-02-04 Tue holiday") << d(2025, 2, 4) << Kind::Holiday;
    QTest::newRow("2025-02-08 Sat make-up") << d(2025, 2, 8) << Kind::MakeupWorkday;
    QTest::newRow("2025-04-27 Sun make-up") << d(2025, 4, 27) << Kind::MakeupWorkday;
    QTest::newRow("2025-06-02 Dragon Boat Mon") << d(2025, 6, 2) << Kind::Holiday;
    QTest::newRow("2025-09-28 Sun make-up") << d(2025, 9, 28) << Kind::MakeupWorkday;
    QTest::newRow("2025-10-08 Wed holiday") << d(2025, 10, 8) << Kind::Holiday;
    QTest::newRow("2025-10-11 Sat make-up") << d(2025, 10, 11) << Kind::MakeupWorkday;
    QTest::newRow("2025-12-31 Wed") << d(2025, 12, 31) << Kind::Workday;
    // 2027 before its notice: the statutory days, a weekend one made up on the next workday.
    QTest::newRow("2027-01-01 Fri provisional") << d(2027, 1, 1) << Kind::Holiday;
    QTest::newRow("2027-02-08 Mon 初三") << d(2027, 2, 8) << Kind::Holiday;
    QTest::newRow("2027-02-10 Wed made up") << d(2027, 2, 10) << Kind::Holiday;
    QTest::newRow("2027-02-11 Thu") << d(2027, 2, 11) << Kind::Workday;
    QTest::newRow("2027-05-04 Tue made up") << d(2027, 5, 4) << Kind::Holiday;
    QTest::newRow("2027-10-05 Tue made up") << d(2027, 10, 5) << Kind::Holiday;
    QTest::newRow("2027-10-09 Sat") << d(2027, 10, 9) << Kind::Weekend;
    QTest::newRow("2028-01-04 not loaded") << d(2028, 1, 4) << Kind::Unknown;
    QTest::newRow("2024-12-31 not loaded") << d(2024, 12, 31) << Kind::Unknown;
    QTest::newRow("invalid date") << QDate() << Kind::Unknown;
}

void tst_WorkingCalendar::dayKind()
{
    QFETCH(QDate, date);
    QFETCH(Kind, kind);
    QCOMPARE(m_calendar.dayKind(date), kind);
    const auto working = m_calendar.isWorkingDay(date);
    if (kind == Kind::Unknown) {
        QVERIFY(!working);
    } else {
        QVERIFY(working);
        QCOMPARE(*working, kind == Kind::Workday || kind == Kind::MakeupWorkday);
    }
    QCOMPARE(m_calendar.holiday(date).has_value(), kind == Kind::Holiday);
}

void tst_WorkingCalendar::addWorkingDays_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<int>("n");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("zero") << d(2026, 2, 15) << 0 << d(2026, 2, 15);
    QTest::newRow("Thu + 1") << d(2026, 2, 12) << 1 << d(2026, 2, 13);
    QTest::newRow("into make-up Saturday") << d(2026, 2, 12) << 2 << d(2026, 2, 14);
    QTest::newRow("across Spring Festival") << d(2026, 2, 12) << 3 << d(2026, 2, 24);
    QTest::newRow("from make-up Saturday") << d(2026, 2, 14) << 1 << d(2026, 2, 24);
    QTest::newRow("from a holiday") << d(2026, 2, 16) << 1 << d(2026, 2, 24);
    QTest::newRow("onto second make-up Saturday") << d(2026, 2, 23) << 5 << d(2026, 2, 28);
    QTest::newRow("past second make-up Saturday") << d(2026, 2, 23) << 6 << d(2026, 3, 2);
    QTest::newRow("20-day licensing limit") << d(2026, 2, 10) << 20 << d(2026, 3, 16);
    QTest::newRow("Friday to make-up Sunday") << d(2026, 9, 18) << 1 << d(2026, 9, 20);
    QTest::newRow("over Mid-Autumn") << d(2026, 9, 24) << 1 << d(2026, 9, 28);
    QTest::newRow("over National Day") << d(2026, 9, 30) << 1 << d(2026, 10, 8);
    QTest::newRow("onto make-up 10-10") << d(2026, 9, 30) << 3 << d(2026, 10, 10);
    QTest::newRow("past make-up 10-10") << d(2026, 9, 30) << 4 << d(2026, 10, 12);
    QTest::newRow("2025 make-up Sunday") << d(2025, 1, 24) << 1 << d(2025, 1, 26);
    QTest::newRow("2025 Spring Festival") << d(2025, 1, 24) << 3 << d(2025, 2, 5);
    QTest::newRow("2025 National Day") << d(2025, 9, 30) << 1 << d(2025, 10, 9);
    QTest::newRow("across the year") << d(2025, 12, 31) << 1 << d(2026, 1, 4);
    QTest::newRow("backwards over Spring Festival") << d(2026, 2, 24) << -1 << d(2026, 2, 14);
    QTest::newRow("backwards over National Day") << d(2026, 10, 12) << -4 << d(2026, 9, 30);
}

void tst_WorkingCalendar::addWorkingDays()
{
    QFETCH(QDate, start);
    QFETCH(int, n);
    QFETCH(QDate, expected);
    int missing = -1;
    QCOMPARE(m_calendar.addWorkingDays(start, n, &missing), std::optional(expected));
    QCOMPARE(missing, -1);
    if (n != 0 && m_calendar.dayKind(start) != Kind::Holiday && m_calendar.dayKind(start) != Kind::Weekend)
        QCOMPARE(m_calendar.workingDaysBetween(start, expected), std::optional(n));
}

void tst_WorkingCalendar::workingDaysBetween_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("expected");

    QTest::newRow("same day") << d(2026, 2, 14) << d(2026, 2, 14) << 0;
    QTest::newRow("Spring Festival 2026") << d(2026, 2, 12) << d(2026, 3, 2) << 8;
    QTest::newRow("reversed") << d(2026, 3, 2) << d(2026, 2, 12) << -8;
    QTest::newRow("inside the holiday") << d(2026, 2, 15) << d(2026, 2, 23) << 0;
    QTest::newRow("make-up Saturday only") << d(2026, 2, 13) << d(2026, 2, 14) << 1;
    QTest::newRow("National Day week 2026") << d(2026, 9, 30) << d(2026, 10, 11) << 3;
    QTest::newRow("ordinary week") << d(2026, 3, 6) << d(2026, 3, 13) << 5;
    QTest::newRow("both years") << d(2024, 12, 31) << d(2026, 12, 31) << 496;
}

void tst_WorkingCalendar::workingDaysBetween()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, expected);
    QCOMPARE(m_calendar.workingDaysBetween(from, to), std::optional(expected));
}

void tst_WorkingCalendar::missingYear()
{
    int missing = 0;
    QCOMPARE(m_calendar.addWorkingDays(d(2027, 12, 30), 5, &missing), std::nullopt);
    QCOMPARE(missing, 2028);
    missing = 0;
    QCOMPARE(m_calendar.addWorkingDays(d(2025, 1, 3), -5, &missing), std::nullopt);
    QCOMPARE(missing, 2024);
    missing = 0;
    QCOMPARE(m_calendar.workingDaysBetween(d(2027, 12, 1), d(2028, 1, 10), &missing), std::nullopt);
    QCOMPARE(missing, 2028);
    QCOMPARE(m_calendar.addWorkingDays(d(2027, 12, 30), 1), std::optional(d(2027, 12, 31)));
    // A limit reaching into the provisional year is counted (New Year's Day off).
    QCOMPARE(m_calendar.addWorkingDays(d(2026, 12, 30), 5), std::optional(d(2027, 1, 7)));
    QVERIFY(WorkingCalendar::missingYearMessage(2027).contains(QLatin1String("2027")));

    const WorkingCalendar empty;
    QVERIFY(empty.years().isEmpty());
    QCOMPARE(empty.isWorkingDay(d(2026, 3, 2)), std::nullopt);
    QCOMPARE(empty.addWorkingDays(d(2026, 3, 2), 1), std::nullopt);
}

void tst_WorkingCalendar::holidayNames()
{
    const auto holiday = m_calendar.holiday(d(2026, 2, 17));
    QVERIFY(holiday);
    QCOMPARE(holiday->name, QStringLiteral("春节"));
    QCOMPARE(holiday->nameEn, QStringLiteral("Spring Festival"));
    const QLocale saved;
    QLocale::setDefault(QLocale(QLocale::English));
    QCOMPARE(holiday->displayName(), QStringLiteral("Spring Festival"));
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(holiday->displayName(), QStringLiteral("春节"));
    QLocale::setDefault(saved);
    QCOMPARE(m_calendar.holiday(d(2025, 10, 6))->name, QStringLiteral("国庆节、中秋节"));
    QCOMPARE(m_calendar.holiday(d(2026, 9, 26))->name, QStringLiteral("中秋节"));
}

void tst_WorkingCalendar::localHoliday()
{
    WorkingCalendar calendar = m_calendar;
    calendar.addLocalHoliday(d(2026, 3, 3),
                             Holiday {QStringLiteral("本地节日"), QStringLiteral("Local festival")});
    QCOMPARE(calendar.dayKind(d(2026, 3, 3)), Kind::Holiday);
    QCOMPARE(calendar.holiday(d(2026, 3, 3))->name, QStringLiteral("本地节日"));
    QCOMPARE(calendar.addWorkingDays(d(2026, 3, 2), 1), std::optional(d(2026, 3, 4)));
    // A local closure on a national make-up Saturday wins.
    calendar.addLocalHoliday(d(2026, 2, 28), Holiday {QStringLiteral("本地节日"), {}});
    QCOMPARE(calendar.dayKind(d(2026, 2, 28)), Kind::Holiday);
    // The copy it came from is untouched.
    QCOMPARE(m_calendar.dayKind(d(2026, 3, 3)), Kind::Workday);
}

void tst_WorkingCalendar::loadDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("cn-2027.json")),
                      yearFile(2027, R"(, "makeupWorkdays": ["2027-01-09"])")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("local.json")),
                      R"({"version": 1, "scope": "local", "year": 2026, "holidays": [
                          {"name": "那达慕", "nameEn": "Naadam", "days": ["2026-07-15", "2026-07-16"]}]})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.txt")), "not a calendar"));

    WorkingCalendar calendar = WorkingCalendar::builtIn();
    QString error;
    QVERIFY2(calendar.loadDirectory(dir.path(), &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(calendar.years(), (QList<int> {2025, 2026, 2027}));
    // The notice replaces the provisional year, and a provisional file loaded
    // after it does not bring the provisional days back.
    QVERIFY(!calendar.isProvisional(2027));
    QVERIFY(calendar.loadFile(QStringLiteral(":/calendar/cn-2027-provisional.json"), &error));
    QVERIFY(!calendar.isProvisional(2027));
    QCOMPARE(calendar.dayKind(d(2027, 1, 2)), Kind::Holiday);
    QCOMPARE(calendar.dayKind(d(2027, 1, 9)), Kind::MakeupWorkday);
    QCOMPARE(calendar.dayKind(d(2027, 1, 4)), Kind::Workday);
    QCOMPARE(calendar.addWorkingDays(d(2026, 12, 30), 5), std::optional(d(2027, 1, 6)));
    QCOMPARE(calendar.dayKind(d(2026, 7, 15)), Kind::Holiday);
    QCOMPARE(calendar.holiday(d(2026, 7, 16))->nameEn, QStringLiteral("Naadam"));

    // A broken file is reported; the good ones still load.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("cn-2028.json")), "{"));
    WorkingCalendar partial;
    QVERIFY(!partial.loadDirectory(dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("cn-2028.json")), qPrintable(error));
    QCOMPARE(partial.years(), QList<int> {2027});

    QVERIFY(!partial.loadDirectory(dir.filePath(QStringLiteral("missing")), &error));
    QVERIFY(!partial.loadFile(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.contains(QLatin1String("missing.json")));

    // A national file replaces the shipped year.
    WorkingCalendar replaced = WorkingCalendar::builtIn();
    QVERIFY(replaced.loadJson(yearFile(2026), QStringLiteral("fix"), &error));
    QCOMPARE(replaced.dayKind(d(2026, 2, 16)), Kind::Workday);
    QCOMPARE(replaced.dayKind(d(2026, 1, 2)), Kind::Holiday);
}

void tst_WorkingCalendar::invalidFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("not JSON") << QByteArray("{\"version\": 1,") << QStringLiteral("JSON");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("object");
    QTest::newRow("no version") << QByteArray(R"({"year": 2027, "holidays": []})")
                                << QStringLiteral("version");
    QTest::newRow("version 2") << QByteArray(R"({"version": 2, "year": 2027, "holidays": []})")
                               << QStringLiteral("version");
    QTest::newRow("bad scope") << QByteArray(
        R"({"version": 1, "scope": "city", "year": 2027, "holidays": []})")
                               << QStringLiteral("city");
    QTest::newRow("no year") << QByteArray(R"({"version": 1, "holidays": []})") << QStringLiteral("year");
    QTest::newRow("year as text") << QByteArray(R"({"version": 1, "year": "2027", "holidays": []})")
                                  << QStringLiteral("year");
    QTest::newRow("fractional year") << QByteArray(R"({"version": 1, "year": 2027.5, "holidays": []})")
                                     << QStringLiteral("year");
    QTest::newRow("no holidays") << QByteArray(R"({"version": 1, "year": 2027})")
                                 << QStringLiteral("holidays");
    QTest::newRow("holiday without name")
        << QByteArray(R"({"version": 1, "year": 2027, "holidays": [{"days": ["2027-01-01"]}]})")
        << QStringLiteral("name");
    QTest::newRow("holiday without days")
        << QByteArray(R"({"version": 1, "year": 2027, "holidays": [{"name": "元旦"}]})")
        << QStringLiteral("元旦");
    QTest::newRow("bad date") << QByteArray(
        R"({"version": 1, "year": 2027, "holidays": [{"name": "元旦", "days": ["2027-02-30"]}]})")
                              << QStringLiteral("2027-02-30");
    QTest::newRow("short date") << QByteArray(
        R"({"version": 1, "year": 2027, "holidays": [{"name": "元旦", "days": ["2027-1-1"]}]})")
                                << QStringLiteral("2027-1-1");
    QTest::newRow("date as number") << QByteArray(
        R"({"version": 1, "year": 2027, "holidays": [{"name": "元旦", "days": [20270101]}]})")
                                    << QStringLiteral("YYYY-MM-DD");
    QTest::newRow("date in another year") << QByteArray(
        R"({"version": 1, "year": 2027, "holidays": [{"name": "元旦", "days": ["2029-01-01"]}]})")
                                          << QStringLiteral("2029-01-01");
    QTest::newRow("duplicate holiday") << QByteArray(
        R"({"version": 1, "year": 2027, "holidays": [{"name": "A", "days": ["2027-01-01"]}, {"name": "B", "days": ["2027-01-01"]}]})")
                                       << QStringLiteral("already listed as a holiday (A)");
    QTest::newRow("make-up on a weekday")
        << yearFile(2027, R"(, "makeupWorkdays": ["2027-01-11"])") << QStringLiteral("2027-01-11");
    QTest::newRow("make-up on a holiday")
        << yearFile(2027, R"(, "makeupWorkdays": ["2027-01-02"])") << QStringLiteral("2027-01-02");
    QTest::newRow("make-up not a list")
        << yearFile(2027, R"(, "makeupWorkdays": "2027-01-09")") << QStringLiteral("makeupWorkdays");
}

void tst_WorkingCalendar::invalidFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    WorkingCalendar calendar = m_calendar;
    QString error;
    QVERIFY(!calendar.loadJson(json, QStringLiteral("cn-2027.json"), &error));
    QVERIFY2(error.startsWith(QLatin1String("cn-2027.json")), qPrintable(error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    // All or nothing: the calendar is unchanged.
    QCOMPARE(calendar.years(), m_calendar.years());
    QCOMPARE(calendar.isProvisional(2027), m_calendar.isProvisional(2027));
    QCOMPARE(calendar.dayKind(d(2027, 1, 4)), m_calendar.dayKind(d(2027, 1, 4)));
}

void tst_WorkingCalendar::conflictingFiles()
{
    // 2026-10-10 is a make-up workday in the 2026 notice.
    WorkingCalendar calendar = m_calendar;
    QString error;
    const QByteArray conflicting = R"({"version": 1, "year": 2027, "holidays": [
        {"name": "X", "days": ["2026-10-10"]}]})";
    QVERIFY(!calendar.loadJson(conflicting, QStringLiteral("cn-2027.json"), &error));
    QVERIFY2(error.contains(QLatin1String("2026-10-10")), qPrintable(error));
    QCOMPARE(calendar.years(), m_calendar.years());
}

QTEST_GUILESS_MAIN(tst_WorkingCalendar)
#include "tst_workingcalendar.moc"
