// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/idcardnumber.h>

#include <QTest>

using ow::core::IdCardCheck;
using ow::core::IdCardNumber;
using Reason = IdCardNumber::Reason;
using Sex = IdCardNumber::Sex;

// Check digits of the sample numbers were computed independently; 11010519491231002X
// is the standard's own example.
class tst_IdCardNumber : public QObject
{
    Q_OBJECT

private:
    const QDate m_today {2025, 6, 1};

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void checkDigit_data();
    void checkDigit();
    void messages();
    void defaultIsInvalid();
    void todayDefaultsToCurrentDate();
};

void tst_IdCardNumber::valid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QDate>("birthDate");
    QTest::addColumn<Sex>("sex");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("province");
    QTest::addColumn<QString>("legacy");

    const QString beijing = QStringLiteral("北京市");
    const QString standard = QStringLiteral("11010519491231002X");
    const QDate standardBirth(1949, 12, 31);
    const QString r110105 = QStringLiteral("110105");

    QTest::newRow("standard example")
        << standard << standard << standardBirth << Sex::Female << r110105 << beijing << QString();
    QTest::newRow("lower-case x") << QStringLiteral("11010519491231002x") << standard << standardBirth
                                  << Sex::Female << r110105 << beijing << QString();
    QTest::newRow("full-width") << QStringLiteral("１１０１０５１９４９１２３１００２Ｘ") << standard
                                << standardBirth << Sex::Female << r110105 << beijing << QString();
    QTest::newRow("full-width lower-case x")
        << QStringLiteral("１１０１０５１９４９１２３１００２ｘ") << standard << standardBirth << Sex::Female
        << r110105 << beijing << QString();
    QTest::newRow("spaces") << QStringLiteral("  110105 19491231 002X\t") << standard << standardBirth
                            << Sex::Female << r110105 << beijing << QString();
    QTest::newRow("ideographic and zero-width spaces")
        << QStringLiteral("\u3000110105\u200B19491231002X\uFEFF") << standard << standardBirth << Sex::Female
        << r110105 << beijing << QString();
    QTest::newRow("male, X check digit")
        << QStringLiteral("44030419900307123X") << QStringLiteral("44030419900307123X") << QDate(1990, 3, 7)
        << Sex::Male << QStringLiteral("440304") << QStringLiteral("广东省") << QString();
    QTest::newRow("male, Shanghai") << QStringLiteral("310115198506154015")
                                    << QStringLiteral("310115198506154015") << QDate(1985, 6, 15) << Sex::Male
                                    << QStringLiteral("310115") << QStringLiteral("上海市") << QString();
    QTest::newRow("29 February of a leap year")
        << QStringLiteral("650102197602290537") << QStringLiteral("650102197602290537") << QDate(1976, 2, 29)
        << Sex::Male << QStringLiteral("650102") << QStringLiteral("新疆维吾尔自治区") << QString();
    QTest::newRow("1 January 1900") << QStringLiteral("11010519000101001X")
                                    << QStringLiteral("11010519000101001X") << QDate(1900, 1, 1) << Sex::Male
                                    << r110105 << beijing << QString();
    QTest::newRow("born today") << QStringLiteral("110105202506010010")
                                << QStringLiteral("110105202506010010") << QDate(2025, 6, 1) << Sex::Male
                                << r110105 << beijing << QString();
    QTest::newRow("Hong Kong residence permit")
        << QStringLiteral("810000199801010017") << QStringLiteral("810000199801010017") << QDate(1998, 1, 1)
        << Sex::Male << QStringLiteral("810000") << QStringLiteral("香港特别行政区") << QString();
    QTest::newRow("Macao residence permit")
        << QStringLiteral("820000200002290021") << QStringLiteral("820000200002290021") << QDate(2000, 2, 29)
        << Sex::Female << QStringLiteral("820000") << QStringLiteral("澳门特别行政区") << QString();
    QTest::newRow("Taiwan residence permit")
        << QStringLiteral("830000199909090032") << QStringLiteral("830000199909090032") << QDate(1999, 9, 9)
        << Sex::Male << QStringLiteral("830000") << QStringLiteral("台湾省") << QString();
    QTest::newRow("15 digits upgraded")
        << QStringLiteral("110105491231002") << standard << standardBirth << Sex::Female << r110105 << beijing
        << QStringLiteral("110105491231002");
    QTest::newRow("15 digits upgraded to X")
        << QStringLiteral("４４０３０４９００３０７１２３") << QStringLiteral("44030419900307123X")
        << QDate(1990, 3, 7) << Sex::Male << QStringLiteral("440304") << QStringLiteral("广东省")
        << QStringLiteral("440304900307123");
}

void tst_IdCardNumber::valid()
{
    QFETCH(QString, input);
    QFETCH(QString, number);
    QFETCH(QDate, birthDate);
    QFETCH(Sex, sex);
    QFETCH(QString, region);
    QFETCH(QString, province);
    QFETCH(QString, legacy);

    const IdCardCheck check = IdCardNumber::parse(input, m_today);
    QVERIFY2(check.isValid(), qPrintable(check.message()));
    QCOMPARE(check.reason(), Reason::None);
    QVERIFY(check.message().isEmpty());
    const IdCardNumber id = check.number();
    QVERIFY(id.isValid());
    QCOMPARE(id.toString(), number);
    QCOMPARE(id.birthDate(), birthDate);
    QCOMPARE(id.sex(), sex);
    QCOMPARE(id.regionCode(), region);
    QCOMPARE(id.provinceCode(), region.left(2));
    QCOMPARE(id.provinceName(), province);
    QCOMPARE(id.legacyNumber(), legacy);
    // The upgraded or normalised form is itself valid and unchanged by parsing again.
    QCOMPARE(IdCardNumber::parse(number, m_today).number(), id);
}

void tst_IdCardNumber::invalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Reason>("reason");

    QTest::newRow("empty") << QString() << Reason::Empty;
    QTest::newRow("only spaces") << QStringLiteral(" \u3000 ") << Reason::Empty;
    QTest::newRow("17 digits") << QStringLiteral("11010519491231002") << Reason::WrongLength;
    QTest::newRow("19 characters") << QStringLiteral("11010519491231002X1") << Reason::WrongLength;
    QTest::newRow("16 digits") << QStringLiteral("1101051949123100") << Reason::WrongLength;
    QTest::newRow("X not last") << QStringLiteral("1101051949123100X2") << Reason::InvalidCharacter;
    QTest::newRow("X in 15 digits") << QStringLiteral("11010549123100X") << Reason::InvalidCharacter;
    QTest::newRow("letter") << QStringLiteral("11010519491231002Y") << Reason::InvalidCharacter;
    QTest::newRow("hyphen") << QStringLiteral("110105-19491231-002X") << Reason::InvalidCharacter;
    QTest::newRow("Chinese digit") << QStringLiteral("11010519491231002一") << Reason::InvalidCharacter;
    QTest::newRow("Arabic-Indic digit")
        << QStringLiteral("11010519491231002\u0663") << Reason::InvalidCharacter;
    QTest::newRow("province 99") << QStringLiteral("990105194912310023") << Reason::UnknownProvince;
    QTest::newRow("province 20") << QStringLiteral("200105194912310021") << Reason::UnknownProvince;
    QTest::newRow("province 00") << QStringLiteral("000105194912310024") << Reason::UnknownProvince;
    QTest::newRow("15 digits from Hong Kong") << QStringLiteral("810000500101001") << Reason::UnknownProvince;
    QTest::newRow("30 February") << QStringLiteral("110105194902300012") << Reason::InvalidBirthDate;
    QTest::newRow("29 February 1900") << QStringLiteral("110105190002290017") << Reason::InvalidBirthDate;
    QTest::newRow("month 13") << QStringLiteral("110105194913310021") << Reason::InvalidBirthDate;
    QTest::newRow("15 digits, 31 February") << QStringLiteral("110105490231002") << Reason::InvalidBirthDate;
    QTest::newRow("before 1900") << QStringLiteral("110105189912310015") << Reason::BirthDateTooEarly;
    QTest::newRow("tomorrow") << QStringLiteral("110105202506020016") << Reason::BirthDateInFuture;
    QTest::newRow("wrong check digit") << QStringLiteral("110105194912310021") << Reason::WrongCheckDigit;
    QTest::newRow("X instead of a digit") << QStringLiteral("31011519850615401X") << Reason::WrongCheckDigit;
    QTest::newRow("swapped digits") << QStringLiteral("11010519491213002X") << Reason::WrongCheckDigit;
}

void tst_IdCardNumber::invalid()
{
    QFETCH(QString, input);
    QFETCH(Reason, reason);

    const IdCardCheck check = IdCardNumber::parse(input, m_today);
    QVERIFY(!check.isValid());
    QCOMPARE(check.reason(), reason);
    QVERIFY(!check.message().isEmpty());
    QVERIFY(!check.number().isValid());
    QVERIFY(check.number().toString().isEmpty());
    QVERIFY(!IdCardCheck::reasonKey(reason).isEmpty());
}

void tst_IdCardNumber::checkDigit_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QChar>("expected");

    QTest::newRow("X") << QStringLiteral("11010519491231002") << QChar(u'X');
    QTest::newRow("0") << QStringLiteral("11010520250601001") << QChar(u'0');
    QTest::newRow("5") << QStringLiteral("31011519850615401") << QChar(u'5');
    QTest::newRow("too short") << QStringLiteral("1101051949123100") << QChar();
    QTest::newRow("not digits") << QStringLiteral("1101051949123100A") << QChar();
}

void tst_IdCardNumber::checkDigit()
{
    QFETCH(QString, first17);
    QFETCH(QChar, expected);
    QCOMPARE(IdCardNumber::checkDigit(first17), expected);
}

void tst_IdCardNumber::messages()
{
    // No translator is installed, so these are the English sources.
    QCOMPARE(IdCardNumber::parse(QStringLiteral("110105194912310021"), m_today).message(),
             QStringLiteral("the check digit should be X, not 1"));
    QCOMPARE(IdCardNumber::parse(QStringLiteral("11010519491231002"), m_today).message(),
             QStringLiteral("an ID card number has 18 characters (or 15 for old cards), not 17"));
    QCOMPARE(IdCardNumber::parse(QStringLiteral("１１０１０５１９４９１２３１００２Ｙ"), m_today).message(),
             QStringLiteral("the character “Y” at position 18 is not allowed in an ID card number"));
    QCOMPARE(IdCardNumber::parse(QStringLiteral("110105202506020016"), m_today).message(),
             QStringLiteral("the date of birth 2025-06-02 is in the future"));
    QCOMPARE(IdCardNumber::parse(QStringLiteral("990105194912310023"), m_today).message(),
             QStringLiteral("“99” is not the code of a province, autonomous region or municipality"));
    QCOMPARE(IdCardCheck::reasonKey(Reason::WrongCheckDigit), QStringLiteral("wrong-check-digit"));
    QCOMPARE(IdCardNumber::sexName(Sex::Female), QStringLiteral("female"));
    QCOMPARE(IdCardNumber::sexName(Sex::Male), QStringLiteral("male"));
    QCOMPARE(IdCardNumber::parse(QStringLiteral(" 11010519491231002x "), m_today).normalisedInput(),
             QStringLiteral("11010519491231002X"));
}

void tst_IdCardNumber::defaultIsInvalid()
{
    const IdCardNumber id;
    QVERIFY(!id.isValid());
    QVERIFY(id.toString().isEmpty());
    QVERIFY(!id.birthDate().isValid());
    QVERIFY(id.provinceName().isEmpty());
    QCOMPARE(IdCardCheck().reason(), Reason::Empty);
}

void tst_IdCardNumber::todayDefaultsToCurrentDate()
{
    const QDate tomorrow = QDate::currentDate().addDays(1);
    const QString body
        = QStringLiteral("110105") + tomorrow.toString(QStringLiteral("yyyyMMdd")) + QStringLiteral("001");
    const QString number = body + IdCardNumber::checkDigit(body);
    QCOMPARE(IdCardNumber::parse(number).reason(), Reason::BirthDateInFuture);
    QVERIFY(IdCardNumber::parse(number, tomorrow).isValid());
}

QTEST_GUILESS_MAIN(tst_IdCardNumber)
#include "tst_idcardnumber.moc"
