// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/socialcreditcode.h>

#include <QTest>

using ow::core::SocialCreditCode;
using ow::core::SocialCreditCodeCheck;
using Reason = SocialCreditCode::Reason;

// Check characters of the samples were computed independently (GB 32100
// weights, modulus 31); 91350100M000100Y43 is the example the standard's
// guidance documents use.
class tst_SocialCreditCode : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void checkCharacter_data();
    void checkCharacter();
    void alphabet();
    void messages();
};

void tst_SocialCreditCode::valid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("type");

    auto row = [](const char *name, const QString &input, const QString &code, const char *authority,
                  const char *type) {
        QTest::newRow(name) << input << code << QString::fromUtf8(authority) << QString::fromUtf8(type);
    };
    const QString example = QStringLiteral("91350100M000100Y43");
    row("enterprise", example, example, "market regulation", "enterprise");
    row("lower case", QStringLiteral("91350100m000100y43"), example, "market regulation", "enterprise");
    row("full-width", QStringLiteral("９１３５０１００Ｍ０００１００Ｙ４３"), example, "market regulation",
        "enterprise");
    row("full-width lower case", QStringLiteral("９１３５０１００ｍ０００１００ｙ４３"), example,
        "market regulation", "enterprise");
    row("spaces", QStringLiteral(" 913501 00M000100Y 43\u3000"), example, "market regulation", "enterprise");
    row("check character 0", QStringLiteral("911100001000000020"), QStringLiteral("911100001000000020"),
        "market regulation", "enterprise");
    row("check character R", QStringLiteral("91110000100000000R"), QStringLiteral("91110000100000000R"),
        "market regulation", "enterprise");
    row("individual business", QStringLiteral("92440300MA5F000017"), QStringLiteral("92440300MA5F000017"),
        "market regulation", "individual business");
    row("cooperative", QStringLiteral("93510100MA6C0000NK"), QStringLiteral("93510100MA6C0000NK"),
        "market regulation", "farmers' specialised cooperative");
    row("government organ", QStringLiteral("11100000000013127D"), QStringLiteral("11100000000013127D"),
        "organisational staffing", "government organ");
    row("public institution", QStringLiteral("12100000400001234Y"), QStringLiteral("12100000400001234Y"),
        "organisational staffing", "public institution");
    row("mass organisation", QStringLiteral("13100000MA0000000F"), QStringLiteral("13100000MA0000000F"),
        "organisational staffing", "mass organisation staffed by the central staffing office");
    row("foreign news agency", QStringLiteral("21110000MA0000000Q"), QStringLiteral("21110000MA0000000Q"),
        "foreign affairs", "resident office of a foreign news agency");
    row("law firm", QStringLiteral("31110000E00000000K"), QStringLiteral("31110000E00000000K"),
        "judicial administration", "law firm");
    row("notary office", QStringLiteral("32110000MA0000000L"), QStringLiteral("32110000MA0000000L"),
        "judicial administration", "notary office");
    row("arbitration commission", QStringLiteral("35110000MA0000000B"), QStringLiteral("35110000MA0000000B"),
        "judicial administration", "arbitration commission");
    row("cultural centre", QStringLiteral("41110000MA0000000N"), QStringLiteral("41110000MA0000000N"),
        "culture", "foreign cultural centre in China");
    row("social organisation", QStringLiteral("51110000500000000B"), QStringLiteral("51110000500000000B"),
        "civil affairs", "social organisation");
    row("private non-enterprise unit", QStringLiteral("52440300MA5DA0000G"),
        QStringLiteral("52440300MA5DA0000G"), "civil affairs", "private non-enterprise unit");
    row("foundation", QStringLiteral("53100000500021676K"), QStringLiteral("53100000500021676K"),
        "civil affairs", "foundation");
    row("tourism office", QStringLiteral("62110000MA0000000H"), QStringLiteral("62110000MA0000000H"),
        "tourism", "resident office of a Hong Kong, Macao or Taiwan tourism authority");
    row("religious venue", QStringLiteral("71110000MA0000000K"), QStringLiteral("71110000MA0000000K"),
        "religious affairs", "religious venue");
    row("trade union", QStringLiteral("81110000MA0000000J"), QStringLiteral("81110000MA0000000J"),
        "trade unions", "grassroots trade union");
    row("military institution", QStringLiteral("A1100000MA000000X6"), QStringLiteral("A1100000MA000000X6"),
        "Reform and Organisation Office of the Central Military Commission", "military public institution");
    row("village collective", QStringLiteral("N2330100MA2B00000L"), QStringLiteral("N2330100MA2B00000L"),
        "agriculture", "village-level collective economic organisation");
    row("other", QStringLiteral("Y1320500MA1MB0000Q"), QStringLiteral("Y1320500MA1MB0000Q"), "other",
        "other");
}

void tst_SocialCreditCode::valid()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QFETCH(QString, authority);
    QFETCH(QString, type);

    const SocialCreditCodeCheck check = SocialCreditCode::parse(input);
    QVERIFY2(check.isValid(), qPrintable(check.message()));
    QCOMPARE(check.reason(), Reason::None);
    const SocialCreditCode uscc = check.code();
    QCOMPARE(uscc.toString(), code);
    QCOMPARE(uscc.registrationAuthorityCode(), code.at(0));
    QCOMPARE(uscc.organisationTypeCode(), code.left(2));
    QCOMPARE(uscc.registrationAuthority(), authority);
    QCOMPARE(uscc.organisationType(), type);
    QCOMPARE(uscc.regionCode(), code.mid(2, 6));
    QCOMPARE(uscc.organisationCode(), code.mid(8, 9));
    QCOMPARE(SocialCreditCode::parse(code).code(), uscc);
}

void tst_SocialCreditCode::invalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Reason>("reason");

    QTest::newRow("empty") << QString() << Reason::Empty;
    QTest::newRow("blank") << QStringLiteral("  ") << Reason::Empty;
    QTest::newRow("17 characters") << QStringLiteral("91350100M000100Y4") << Reason::WrongLength;
    QTest::newRow("19 characters") << QStringLiteral("91350100M000100Y430") << Reason::WrongLength;
    QTest::newRow("old organisation code") << QStringLiteral("M000100Y4") << Reason::WrongLength;
    QTest::newRow("letter I") << QStringLiteral("91350100I000100Y43") << Reason::InvalidCharacter;
    QTest::newRow("letter O") << QStringLiteral("91350100O000100Y43") << Reason::InvalidCharacter;
    QTest::newRow("letter Z") << QStringLiteral("91350100Z000100Y43") << Reason::InvalidCharacter;
    QTest::newRow("letter S") << QStringLiteral("91350100S000100Y43") << Reason::InvalidCharacter;
    QTest::newRow("letter V") << QStringLiteral("91350100V000100Y43") << Reason::InvalidCharacter;
    QTest::newRow("lower-case o") << QStringLiteral("91350100o000100Y43") << Reason::InvalidCharacter;
    QTest::newRow("hyphen") << QStringLiteral("91350100-M000100Y4") << Reason::InvalidCharacter;
    QTest::newRow("Chinese") << QStringLiteral("91350100M000100Y4三") << Reason::InvalidCharacter;
    QTest::newRow("authority B") << QStringLiteral("B1110000100000000P")
                                 << Reason::UnknownRegistrationAuthority;
    QTest::newRow("authority 0") << QStringLiteral("01110000100000000R")
                                 << Reason::UnknownRegistrationAuthority;
    QTest::newRow("type 94") << QStringLiteral("94110000100000000G") << Reason::UnknownOrganisationType;
    QTest::newRow("type 54") << QStringLiteral("54110000100000000L") << Reason::UnknownOrganisationType;
    QTest::newRow("type 10") << QStringLiteral("101100001000000005") << Reason::UnknownOrganisationType;
    QTest::newRow("type Y2") << QStringLiteral("Y2320500MA1MB0000M") << Reason::UnknownOrganisationType;
    QTest::newRow("letter in region") << QStringLiteral("91A100001000000006") << Reason::InvalidRegionCode;
    QTest::newRow("wrong check character")
        << QStringLiteral("91350100M000100Y44") << Reason::WrongCheckCharacter;
    QTest::newRow("swapped characters")
        << QStringLiteral("91350100M001000Y43") << Reason::WrongCheckCharacter;
    QTest::newRow("check character from another code")
        << QStringLiteral("91110000100000000B") << Reason::WrongCheckCharacter;
}

void tst_SocialCreditCode::invalid()
{
    QFETCH(QString, input);
    QFETCH(Reason, reason);

    const SocialCreditCodeCheck check = SocialCreditCode::parse(input);
    QVERIFY(!check.isValid());
    QCOMPARE(check.reason(), reason);
    QVERIFY(!check.message().isEmpty());
    QVERIFY(!check.code().isValid());
    QVERIFY(check.code().registrationAuthority().isEmpty());
    QVERIFY(!SocialCreditCodeCheck::reasonKey(reason).isEmpty());
}

void tst_SocialCreditCode::checkCharacter_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QChar>("expected");

    QTest::newRow("3") << QStringLiteral("91350100M000100Y4") << QChar(u'3');
    QTest::newRow("0 (sum divisible by 31)") << QStringLiteral("91110000100000002") << QChar(u'0');
    QTest::newRow("too short") << QStringLiteral("91350100M000100Y") << QChar();
    QTest::newRow("bad character") << QStringLiteral("91350100O000100Y4") << QChar();
}

void tst_SocialCreditCode::checkCharacter()
{
    QFETCH(QString, first17);
    QFETCH(QChar, expected);
    QCOMPARE(SocialCreditCode::checkCharacter(first17), expected);
}

void tst_SocialCreditCode::alphabet()
{
    const QStringView alphabet = SocialCreditCode::alphabet();
    QCOMPARE(alphabet.size(), 31);
    for (char16_t c : {u'I', u'O', u'Z', u'S', u'V'})
        QVERIFY(!alphabet.contains(QChar(c)));
}

void tst_SocialCreditCode::messages()
{
    QCOMPARE(SocialCreditCode::parse(QStringLiteral("91350100M000100Y44")).message(),
             QStringLiteral("the check character should be 3, not 4"));
    QCOMPARE(SocialCreditCode::parse(QStringLiteral("91350100O000100Y43")).message(),
             QStringLiteral("the character “O” at position 9 is not used in unified social credit codes"));
    QCOMPARE(SocialCreditCode::parse(QStringLiteral("94110000100000000G")).message(),
             QStringLiteral("“4” is not an organisation type of registration authority “9”"));
    QCOMPARE(SocialCreditCodeCheck::reasonKey(Reason::WrongCheckCharacter),
             QStringLiteral("wrong-check-character"));
}

QTEST_GUILESS_MAIN(tst_SocialCreditCode)
#include "tst_socialcreditcode.moc"
