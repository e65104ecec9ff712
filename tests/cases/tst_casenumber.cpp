// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/cases/casenumber.h>

#include <QTest>

using namespace ow::cases;

class TestCaseNumber : public QObject
{
    Q_OBJECT

private slots:
    void isoCheckCharacter_data();
    void isoCheckCharacter();
    void make_data();
    void make();
    void parse_data();
    void parse();
    void everySingleSubstitutionIsCaught();
    void invalidParts_data();
    void invalidParts();
};

void TestCaseNumber::isoCheckCharacter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QChar>("check");
    // The ISO/IEC 7064 MOD 37,36 example also used by python-stdnum.
    QTest::newRow("stdnum example") << QStringLiteral("A12425GABC1234002") << QChar(u'M');
    QTest::newRow("hyphens skipped") << QStringLiteral("330102-20261122-D07-000123") << QChar(u'8');
    QTest::newRow("lower case is not a code") << QStringLiteral("a1") << QChar();
}

void TestCaseNumber::isoCheckCharacter()
{
    QFETCH(QString, text);
    QFETCH(QChar, check);
    QCOMPARE(CaseNumber::computeCheckCharacter(text), check);
}

void TestCaseNumber::make_data()
{
    QTest::addColumn<QString>("office");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("device");
    QTest::addColumn<qint64>("serial");
    QTest::addColumn<QString>("expected");
    QTest::newRow("county centre") << "330102" << QDate(2026, 11, 22) << "D07" << qint64(123)
                                   << "330102-20261122-D07-000123-8";
    QTest::newRow("village point") << "330102105201" << QDate(2026, 2, 14) << "V1" << qint64(1)
                                   << QString(QStringLiteral("330102105201-20260214-V1-000001-")
                                              + CaseNumber::computeCheckCharacter(
                                                  u"33010210520120260214V1000001"));
    QTest::newRow("serial past six digits")
        << "330102" << QDate(2026, 1, 4) << "D07" << qint64(1234567)
        << QString(QStringLiteral("330102-20260104-D07-1234567-")
                   + CaseNumber::computeCheckCharacter(u"33010220260104D071234567"));
}

void TestCaseNumber::make()
{
    QFETCH(QString, office);
    QFETCH(QDate, date);
    QFETCH(QString, device);
    QFETCH(qint64, serial);
    QFETCH(QString, expected);
    const auto number = CaseNumber::make(office, date, device, serial);
    QVERIFY(number);
    QCOMPARE(number->toString(), expected);
    const auto parsed = CaseNumber::parse(expected);
    QVERIFY(parsed);
    QCOMPARE(*parsed, *number);
    QCOMPARE(parsed->officeCode(), office);
    QCOMPARE(parsed->date(), date);
    QCOMPARE(parsed->deviceCode(), device);
    QCOMPARE(parsed->serial(), serial);
}

void TestCaseNumber::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("valid") << "330102-20261122-D07-000123-8" << true << "";
    QTest::newRow("spaces and lower case") << "  330102-20261122-d07-000123-8 " << true << "";
    QTest::newRow("wrong check") << "330102-20261122-D07-000123-K" << false << "check character";
    QTest::newRow("digit typo") << "330102-20261122-D07-000132-8" << false << "check character";
    QTest::newRow("swapped neighbours") << "330102-20261122-D70-000123-8" << false << "check character";
    QTest::newRow("impossible date") << "330102-20260230-D07-000123-8" << false << "date";
    QTest::newRow("serial too short") << "330102-20261122-D07-00123-8" << false << "form";
    QTest::newRow("padded beyond six") << "330102-20261122-D07-0000123-8" << false << "leading zeros";
    QTest::newRow("serial zero") << "330102-20261122-D07-000000-0" << false << "serial";
    QTest::newRow("missing part") << "330102-20261122-000123-8" << false << "form";
    QTest::newRow("full-width digits") << "３３０１０２-20261122-D07-000123-8" << false << "form";
    QTest::newRow("empty") << "" << false << "form";
}

void TestCaseNumber::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, fragment);
    QString error;
    const auto number = CaseNumber::parse(text, &error);
    QCOMPARE(number.has_value(), valid);
    QCOMPARE(CaseNumber::isValid(text), valid);
    if (!valid)
        QVERIFY2(error.contains(fragment), qPrintable(error));
}

// The check character exists to catch a mistyped character: all of them.
void TestCaseNumber::everySingleSubstitutionIsCaught()
{
    const QString number = QStringLiteral("330102-20261122-D07-000123-8");
    const QString alphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    int tried = 0;
    for (qsizetype i = 0; i < number.size(); ++i) {
        if (number.at(i) == QLatin1Char('-'))
            continue;
        for (QChar c : alphabet) {
            if (c == number.at(i))
                continue;
            QString typo = number;
            typo[i] = c;
            QVERIFY2(!CaseNumber::isValid(typo), qPrintable(typo));
            ++tried;
        }
    }
    QVERIFY(tried > 500);
}

void TestCaseNumber::invalidParts_data()
{
    QTest::addColumn<QString>("office");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("device");
    QTest::addColumn<qint64>("serial");
    QTest::newRow("short office") << "3301" << QDate(2026, 1, 5) << "D1" << qint64(1);
    QTest::newRow("office with hyphen") << "330-102" << QDate(2026, 1, 5) << "D1" << qint64(1);
    QTest::newRow("lower-case device") << "330102" << QDate(2026, 1, 5) << "d1" << qint64(1);
    QTest::newRow("long device") << "330102" << QDate(2026, 1, 5) << "DEV01" << qint64(1);
    QTest::newRow("no date") << "330102" << QDate() << "D1" << qint64(1);
    QTest::newRow("serial zero") << "330102" << QDate(2026, 1, 5) << "D1" << qint64(0);
    QTest::newRow("serial too large") << "330102" << QDate(2026, 1, 5) << "D1" << qint64(1000000000);
}

void TestCaseNumber::invalidParts()
{
    QFETCH(QString, office);
    QFETCH(QDate, date);
    QFETCH(QString, device);
    QFETCH(qint64, serial);
    QString error;
    QVERIFY(!CaseNumber::make(office, date, device, serial, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestCaseNumber)
#include "tst_casenumber.moc"
