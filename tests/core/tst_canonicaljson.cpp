// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/canonicaljson.h>

#include <QJsonDocument>
#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

using ow::core::CanonicalJson;

// Expected outputs are RFC 8785's own examples and number samples (appendix B),
// and further cases cross-checked against a JavaScript engine's JSON.stringify
// with sorted keys.
class tst_CanonicalJson : public QObject
{
    Q_OBJECT

private slots:
    void documents_data();
    void documents();
    void numbers_data();
    void numbers();
    void integers_data();
    void integers();
    void errors_data();
    void errors();
    void objectAndArrayOverloads();
    void appendsAfterWhatIsThere();
};

void tst_CanonicalJson::documents_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("RFC 8785 3.2.2")
        << QByteArray(R"({
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            })")
        << QByteArray(
               R"({"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"})");
    QTest::newRow("RFC 8785 3.2.3 sorting")
        << QByteArray(R"({
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            })")
        << QByteArray("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                      "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                      "\"😀\":\"Emoji: Grinning Face\",\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
    QTest::newRow("nesting and empty containers")
        << QByteArray(R"({"b":[],"a":{},"c":[{"z":1,"y":[true,{"x":null}]}],"":"empty key"})")
        << QByteArray(R"({"":"empty key","a":{},"b":[],"c":[{"y":[true,{"x":null}],"z":1}]})");
    QTest::newRow("control characters")
        << QByteArray(R"(["\u0000\u0001\u001f\u007f\b\f\t\n\r <>&\u2028\u2029"])")
        << QByteArray("[\"\\u0000\\u0001\\u001f\x7f\\b\\f\\t\\n\\r <>&\u2028\u2029\"]");
    QTest::newRow("event-like")
        << QByteArray(R"({"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","at":"2025-06-01T08:00:00Z","seq":42,
                         "amount":-12.5,"ratio":0.1,"tiny":1.5e-7,"big":1e21,"neg0":-0.0})")
        << QByteArray(
               R"({"amount":-12.5,"at":"2025-06-01T08:00:00Z","big":1e+21,"id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","neg0":0,"ratio":0.1,"seq":42,"tiny":1.5e-7})");
    QTest::newRow("code-unit order, not locale order")
        << QByteArray(R"({"aa":1,"a":2,"B":3,"b":4,"_":5,"\u00e9":6,"e\u0301":7})")
        << QByteArray("{\"B\":3,\"_\":5,\"a\":2,\"aa\":1,\"b\":4,\"e\u0301\":7,\"é\":6}");
    QTest::newRow("array") << QByteArray("[\"中文\", 1, -1, 0.5]") << QByteArray("[\"中文\",1,-1,0.5]");
}

void tst_CanonicalJson::documents()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(input, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonValue value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    QString message;
    const auto bytes = CanonicalJson::toBytes(value, &message);
    QVERIFY2(bytes, qPrintable(message));
    QCOMPARE(*bytes, expected);
    // Canonical output is a fixed point.
    const QJsonDocument again = QJsonDocument::fromJson(*bytes);
    const QJsonValue againValue = again.isObject() ? QJsonValue(again.object()) : QJsonValue(again.array());
    QCOMPARE(CanonicalJson::toBytes(againValue).value_or(QByteArray()), expected);
}

void tst_CanonicalJson::numbers_data()
{
    QTest::addColumn<quint64>("bits");
    QTest::addColumn<QByteArray>("expected");

    // RFC 8785 appendix B.
    const struct
    {
        quint64 bits;
        const char *text;
    } samples[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
    };
    for (const auto &s : samples)
        QTest::addRow("%016llx", static_cast<unsigned long long>(s.bits)) << s.bits << QByteArray(s.text);

    auto row = [](const char *name, double value, const char *text) {
        QTest::newRow(name) << std::bit_cast<quint64>(value) << QByteArray(text);
    };
    row("0.1", 0.1, "0.1");
    row("0.1 + 0.2", 0.1 + 0.2, "0.30000000000000004");
    row("1/3", 1.0 / 3.0, "0.3333333333333333");
    row("1.5e-7", 1.5e-7, "1.5e-7");
    row("1e-7", 1e-7, "1e-7");
    row("1e20", 1e20, "100000000000000000000");
    row("1e21", 1e21, "1e+21");
    row("-1.5", -1.5, "-1.5");
    row("100", 100.0, "100");
    row("1234.5678", 1234.5678, "1234.5678");
    row("123456789012345680000", 123456789012345680000.0, "123456789012345680000");
}

void tst_CanonicalJson::numbers()
{
    QFETCH(quint64, bits);
    QFETCH(QByteArray, expected);
    const double value = std::bit_cast<double>(bits);
    QCOMPARE(CanonicalJson::formatNumber(value).value_or("<none>"), expected);
    QCOMPARE(CanonicalJson::toBytes(QJsonValue(value)).value_or("<none>"), expected);
}

void tst_CanonicalJson::integers_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("0") << qint64(0) << QByteArray("0");
    QTest::newRow("-7") << qint64(-7) << QByteArray("-7");
    QTest::newRow("2^53") << (qint64(1) << 53) << QByteArray("9007199254740992");
    QTest::newRow("-2^53") << -(qint64(1) << 53) << QByteArray("-9007199254740992");
    QTest::newRow("2^53 + 1") << (qint64(1) << 53) + 1 << QByteArray();
    QTest::newRow("-2^53 - 1") << -(qint64(1) << 53) - 1 << QByteArray();
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << QByteArray();
}

void tst_CanonicalJson::integers()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, expected);
    QString error;
    const auto bytes = CanonicalJson::toBytes(QJsonValue(value), &error);
    if (expected.isEmpty()) {
        QVERIFY(!bytes);
        QVERIFY(error.contains(QString::number(value)));
    } else {
        QCOMPARE(bytes.value_or("<none>"), expected);
    }
}

void tst_CanonicalJson::errors_data()
{
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("NaN") << QJsonValue(std::numeric_limits<double>::quiet_NaN());
    QTest::newRow("infinity") << QJsonValue(std::numeric_limits<double>::infinity());
    QTest::newRow("-infinity in an array")
        << QJsonValue(QJsonArray {1, -std::numeric_limits<double>::infinity()});
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("lone high surrogate") << QJsonValue(QString(QChar(0xD83D)));
    QTest::newRow("lone low surrogate in a key") << QJsonValue(QJsonObject {{QString(QChar(0xDE00)), 1}});
    QTest::newRow("reversed pair") << QJsonValue(QString(QChar(0xDE00)) + QChar(0xD83D));
    QTest::newRow("nested large integer") << QJsonValue(QJsonObject {
        {QStringLiteral("a"), QJsonArray {QJsonObject {{QStringLiteral("n"), qint64(1) << 60}}}}});
}

void tst_CanonicalJson::errors()
{
    QFETCH(QJsonValue, value);
    QString error;
    QVERIFY(!CanonicalJson::toBytes(value, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!CanonicalJson::toBytes(value)); // no error pointer is fine too
}

void tst_CanonicalJson::objectAndArrayOverloads()
{
    const QJsonObject object {{QStringLiteral("z"), 1}, {QStringLiteral("a"), QStringLiteral("x")}};
    QCOMPARE(CanonicalJson::toBytes(object).value_or(QByteArray()), QByteArray(R"({"a":"x","z":1})"));
    const QJsonArray array {object, QJsonValue::Null, false};
    QCOMPARE(CanonicalJson::toBytes(array).value_or(QByteArray()),
             QByteArray(R"([{"a":"x","z":1},null,false])"));
    QCOMPARE(CanonicalJson::toBytes(QJsonValue(QStringLiteral("a/b"))).value_or(QByteArray()),
             QByteArray(R"("a/b")"));
    QVERIFY(!CanonicalJson::formatNumber(std::nan("")));
}

void tst_CanonicalJson::appendsAfterWhatIsThere()
{
    QByteArray out("{\"payload\":");
    QVERIFY(
        CanonicalJson::append(out, QJsonObject {{QStringLiteral("b"), 1.5}, {QStringLiteral("a"), true}}));
    out += ",\"who\":";
    QVERIFY(CanonicalJson::appendString(out, u"张三 \"😀\"\n"));
    QCOMPARE(out, QByteArray("{\"payload\":{\"a\":true,\"b\":1.5},\"who\":\"张三 \\\"😀\\\"\\n\""));

    // A string JSON cannot carry: false with a reason, and nothing of it left behind.
    const QByteArray before = out;
    QString error;
    QVERIFY(!CanonicalJson::appendString(out, QString(QChar(0xD83D)), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(out, before);
}

QTEST_GUILESS_MAIN(tst_CanonicalJson)
#include "tst_canonicaljson.moc"
