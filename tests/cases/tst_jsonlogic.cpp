// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/cases/jsonlogic.h>
#include <ow/cases/ruleset.h>

#include <ow/core/canonicaljson.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace ow::cases;

namespace {

QJsonValue json(const char *text)
{
    QString error;
    const auto value = JsonLogic::parseJson(QByteArrayView(text), &error);
    if (!value)
        qFatal("bad JSON in test: %s (%s)", text, qPrintable(error));
    return *value;
}

// Results compare as JSON.stringify() would print them, so 3 and 3.0 agree
// and NaN shows as null.
QByteArray str(const QJsonValue &value)
{
    return JsonLogic::toJson(value);
}

} // namespace

class TestJsonLogic : public QObject
{
    Q_OBJECT

private slots:
    void publishedSuite_data();
    void publishedSuite();
    void edgeCases_data();
    void edgeCases();
    void shortCircuit();
    void log();
    void invalidRules_data();
    void invalidRules();
    void deepNestingIsAnError();
    void parseJson_data();
    void parseJson();
    void ruleSetTrace_data();
    void ruleSetTrace();
    void traceRoundTrip();
    void traceIsHashable();
    void invalidRuleSets_data();
    void invalidRuleSets();
};

// The published JsonLogic conformance tests (tests/cases/data): every entry
// is [rule, data, expected]; strings are section headings.
void TestJsonLogic::publishedSuite_data()
{
    QTest::addColumn<QJsonValue>("rule");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QJsonValue>("expected");

    QFile file(QFINDTESTDATA("data/jsonlogic-tests.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const auto suite = JsonLogic::parseJson(file.readAll());
    QVERIFY(suite && suite->isArray());
    QString section = QStringLiteral("Start");
    int index = 0;
    int cases = 0;
    for (const QJsonValue &entry : suite->toArray()) {
        if (entry.isString()) {
            section = entry.toString();
            if (section.startsWith(QLatin1String("# ")))
                section = section.mid(2);
            index = 0;
            continue;
        }
        const QJsonArray test = entry.toArray();
        QCOMPARE(test.size(), 3);
        ++index;
        ++cases;
        QTest::addRow("%s #%d", qPrintable(section.trimmed()), index)
            << test.at(0) << test.at(1) << test.at(2);
    }
    QCOMPARE(cases, 278);
}

void TestJsonLogic::publishedSuite()
{
    QFETCH(QJsonValue, rule);
    QFETCH(QJsonValue, data);
    QFETCH(QJsonValue, expected);
    const JsonLogic::Result result = JsonLogic::evaluate(rule, data);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(str(result.value), str(expected));
}

void TestJsonLogic::edgeCases_data()
{
    QTest::addColumn<QJsonValue>("rule");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QByteArray>("expected");

    const auto row = [](const char *name, const char *rule, const char *data, const char *expected) {
        QTest::newRow(name) << json(rule) << json(data) << QByteArray(expected);
    };
    // Truthiness
    row("truthy: empty object", R"({"!!": [{}]})", "null", "true");
    row("truthy: space", R"({"!!": [" "]})", "null", "true");
    row("truthy: [0]", R"({"!!": [[0]]})", "null", "true");
    row("truthy: null", R"({"!!": [null]})", "null", "false");
    row("truthy: NaN", R"({"!!": [{"-": ["abc", 1]}]})", "null", "false");
    row("truthy: -0", R"({"!!": [{"-": [0]}]})", "null", "false");
    // Loose and strict equality
    row("== null 0", R"({"==": [null, 0]})", "null", "false");
    row("== null null", R"({"==": [null, null]})", "null", "true");
    row("== 0 false", R"({"==": [0, false]})", "null", "true");
    row("== '' 0", R"({"==": ["", 0]})", "null", "true");
    row("== whitespace 0", R"({"==": [" \t\n", 0]})", "null", "true");
    row("== '1' true", R"({"==": ["1", true]})", "null", "true");
    row("== 'true' true", R"({"==": ["true", true]})", "null", "false");
    row("== [1] 1", R"({"==": [[1], 1]})", "null", "true");
    row("== [1,2] '1,2'", R"({"==": [[1, 2], "1,2"]})", "null", "true");
    row("== [] []", R"({"==": [[], []]})", "null", "false");
    row("== missing var null", R"({"==": [{"var": "x"}, null]})", "{}", "true");
    row("== hex string", R"({"==": ["0x10", 16]})", "null", "true");
    row("== unicode", R"({"==": [{"var": "姓名"}, "张三"]})", R"({"姓名": "张三"})", "true");
    row("!= null false", R"({"!=": [null, false]})", "null", "true");
    row("=== 1 1.0", R"({"===": [1, 1.0]})", "null", "true");
    row("!== null null", R"({"!==": [null, null]})", "null", "false");
    // Comparison
    row("< strings", R"({"<": ["a", "b"]})", "null", "true");
    row("< numeric strings compare as text", R"({"<": ["10", "9"]})", "null", "true");
    row("< number and string", R"({"<": [10, "9"]})", "null", "false");
    row("> null -1", R"({">": [null, -1]})", "null", "true");
    row("< NaN", R"({"<": ["abc", 1]})", "null", "false");
    row(">= NaN", R"({">=": ["abc", 1]})", "null", "false");
    row("<= null 0", R"({"<=": [null, 0]})", "null", "true");
    row("between exclusive", R"({"<": [1, {"var": "x"}, 10]})", R"({"x": 10})", "false");
    row("between inclusive", R"({"<=": [1, {"var": "x"}, 10]})", R"({"x": 10})", "true");
    row("<= all equal", R"({"<=": [1, 1, 1]})", "null", "true");
    // Arithmetic and coercion
    row("+ parseFloat prefix", R"({"+": ["3 apples", 1]})", "null", "4");
    row("- ToNumber rejects prefix", R"({"-": ["3 apples", 1]})", "null", "null");
    row("+ empty", R"({"+": []})", "null", "0");
    row("- unary string", R"({"-": "5"})", "null", "-5");
    row("- unary var", R"({"-": {"var": "n"}})", R"({"n": 2.5})", "-2.5");
    row("* strings", R"({"*": ["2", "3"]})", "null", "6");
    row("/ by zero", R"({"/": [1, 0]})", "null", "null");
    row("% negative", R"({"%": [-7, 3]})", "null", "-1");
    row("% fraction", R"({"%": [5.5, 2]})", "null", "1.5");
    row("+ floating point", R"({"+": [0.1, 0.2]})", "null", "0.30000000000000004");
    row("+ hex is parseFloat 0", R"({"+": ["0x10"]})", "null", "0");
    row("- hex is ToNumber 16", R"({"-": ["0x10", 0]})", "null", "16");
    row("+ padded", R"({"+": [" 12 "]})", "null", "12");
    row("+ exponent", R"({"+": ["1e3", "2.5E-1x"]})", "null", "1000.25");
    row("+ boolean is NaN", R"({"+": [true]})", "null", "null");
    row("- boolean is number", R"({"-": [true, 0]})", "null", "1");
    row("- null is 0", R"({"-": [5, null]})", "null", "5");
    row("+ huge overflows", R"({"+": ["1e400"]})", "null", "null");
    row("- tiny underflows", R"({"-": ["1e-400", 0]})", "null", "0");
    row("max coerces", R"({"max": [1, "5", 3]})", "null", "5");
    row("max NaN", R"({"max": [1, "x"]})", "null", "null");
    row("min array", R"({"min": [[2], 3]})", "null", "2");
    // Strings
    row("cat coerces", R"({"cat": [null, true, 1.5, [1, [2, 3]], {"var": "o"}]})", R"({"o": {"a": 1}})",
        R"("true1.51,2,3[object Object]")");
    row("cat big number", R"({"cat": [1e21, " ", 1e-7, " ", 0.000001]})", "null", R"("1e+21 1e-7 0.000001")");
    row("substr past end", R"({"substr": ["jsonlogic", 20]})", "null", R"("")");
    row("substr before start", R"({"substr": ["jsonlogic", -20, 2]})", "null", R"("js")");
    row("substr Chinese", R"({"substr": ["中华人民共和国", 2, 2]})", "null", R"("人民")");
    row("substr length beyond", R"({"substr": ["abc", 1, -5]})", "null", R"("")");
    row("substr of number", R"({"substr": [12345, 1, 2]})", "null", R"("23")");
    row("in empty in empty", R"({"in": ["", ""]})", "null", "false");
    row("in empty in text", R"({"in": ["", "abc"]})", "null", "true");
    row("in number in text", R"({"in": [1, "a1"]})", "null", "true");
    row("in strict in array", R"({"in": [1, ["1"]]})", "null", "false");
    row("in null", R"({"in": ["a", null]})", "null", "false");
    row("in object", R"({"in": ["a", {"var": "o"}]})", R"({"o": {"a": 1}})", "false");
    // var
    row("var array path", R"({"var": "a.0.b"})", R"({"a": [{"b": 5}]})", "5");
    row("var array length", R"({"var": "list.length"})", R"({"list": [1, 2, 3]})", "3");
    row("var string index", R"({"var": "s.1"})", R"({"s": "abc"})", R"("b")");
    row("var null value beats default", R"({"var": ["a", 5]})", R"({"a": null})", "null");
    row("var default through null", R"({"var": ["a.b", 7]})", R"({"a": null})", "7");
    row("var non-canonical index", R"({"var": "01"})", R"(["x", "y"])", "null");
    row("var evaluated default", R"({"var": ["x", {"var": "d"}]})", R"({"d": "fallback"})", R"("fallback")");
    row("var whole data", R"({"var": ""})", R"({"a": 1})", R"({"a":1})");
    row("var into number", R"({"var": "a.b"})", R"({"a": 3})", "null");
    // missing, missing_some
    row("missing empty string", R"({"missing": ["a", "b"]})", R"({"a": "", "b": 0})", R"(["a"])");
    row("missing false is present", R"({"missing": ["a"]})", R"({"a": false})", "[]");
    row("missing first array only", R"({"missing": [["a"], "b"]})", "{}", R"(["a"])");
    row("missing_some zero needed", R"({"missing_some": [0, ["a"]]})", "{}", "[]");
    row("missing_some too many asked", R"({"missing_some": [3, ["a", "b"]]})", R"({"a": 1, "b": 1})", "[]");
    row("missing_some dotted", R"({"missing_some": [1, ["a.b", "c"]]})", R"({"a": {"b": 1}})", "[]");
    row("missing_some two of three", R"({"missing_some": [2, ["a", "b", "c"]]})", R"({"a": 1, "b": ""})",
        R"(["b","c"])");
    // Array operators
    row("reduce without initial",
        R"({"reduce": [[1, 2], {"+": [{"var": "accumulator"}, {"var": "current"}]}]})", "null", "null");
    row("reduce non-array keeps initial", R"({"reduce": [{"var": "x"}, {"var": "current"}, 5]})", "{}", "5");
    row("reduce cat", R"({"reduce": [[1, 2, 3], {"cat": [{"var": "accumulator"}, {"var": "current"}]}, ""]})",
        "null", R"("123")");
    row("reduce max", R"({"reduce": [[3, 9, 2], {"max": [{"var": "accumulator"}, {"var": "current"}]}, 0]})",
        "null", "9");
    row("reduce objects",
        R"({"reduce": [{"var": "fees"}, {"+": [{"var": "accumulator"}, {"var": "current.amount"}]}, 0]})",
        R"({"fees": [{"amount": 10}, {"amount": 2.5}]})", "12.5");
    row("all null", R"({"all": [{"var": "x"}, true]})", "{}", "false");
    row("none null", R"({"none": [{"var": "x"}, true]})", "{}", "true");
    row("some string", R"({"some": ["abc", true]})", "null", "false");
    row("map nested", R"({"map": [[[1, 2], [3]], {"merge": [{"var": ""}, 0]}]})", "null", "[[1,2,0],[3,0]]");
    row("filter by index", R"({"filter": [[[1, "a"], [0, "b"]], {"var": "0"}]})", "null", R"([[1,"a"]])");
    row("map over literal", R"({"map": [[1, 2], {"+": [{"var": ""}, 1]}]})", "null", "[2,3]");
    row("merge one level", R"({"merge": [[1, [2]], 3]})", "null", "[1,[2],3]");
    // Control flow
    row("if empty", R"({"if": []})", "null", "null");
    row("?: two args", R"({"?:": [true, 1]})", "null", "1");
    row("and returns last truthy", R"({"and": [1, "a", [1]]})", "null", "[1]");
    row("or returns last falsy", R"({"or": [0, "", [], null]})", "null", "null");
    row("! on missing", R"({"!": {"missing": ["x"]}})", R"({"x": 1})", "true");
    // Data passes through
    row("object of two keys", R"({"a": 1, "b": {"var": "x"}})", "null", R"({"a":1,"b":{"var":"x"}})");
    row("empty object", "{}", "null", "{}");
    row("nested rule in array", R"([{"var": "a"}, [{"var": "b"}]])", R"({"a": 1, "b": 2})", "[1,[2]]");
}

void TestJsonLogic::edgeCases()
{
    QFETCH(QJsonValue, rule);
    QFETCH(QJsonValue, data);
    QFETCH(QByteArray, expected);
    const JsonLogic::Result result = JsonLogic::evaluate(rule, data);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(str(result.value), expected);
}

void TestJsonLogic::shortCircuit()
{
    const char *rules[] = {
        R"({"or": [true, {"log": "or"}]})",
        R"({"and": [false, {"log": "and"}]})",
        R"({"if": [true, 1, {"log": "else"}]})",
        R"({"if": [false, {"log": "then"}, 2]})",
        R"({"and": [{"log": "first"}, 0, {"log": "third"}]})",
    };
    for (const char *rule : rules) {
        const JsonLogic::Result result = JsonLogic::evaluate(json(rule), QJsonValue());
        QVERIFY(result.isValid());
        QVERIFY2(result.logged.size() <= 1, rule);
        if (!result.logged.isEmpty())
            QCOMPARE(result.logged.first().toString(), QStringLiteral("first"));
    }
}

void TestJsonLogic::log()
{
    const JsonLogic::Result result
        = JsonLogic::evaluate(json(R"({"log": {"var": "a"}})"), json(R"({"a": [1]})"));
    QCOMPARE(str(result.value), QByteArray("[1]"));
    QCOMPARE(result.logged, QJsonArray {QJsonArray {1}});
}

void TestJsonLogic::invalidRules_data()
{
    QTest::addColumn<QJsonValue>("rule");
    QTest::addColumn<QString>("fragment");

    const auto row = [](const char *rule, const char *fragment) {
        QTest::newRow(rule) << json(rule) << QString::fromUtf8(fragment);
    };
    row(R"({"foo": [1]})", "Unknown operator \"foo\" at $");
    row(R"({"and": [true, {"frobnicate": 1}]})", "\"frobnicate\" at $.and[1]");
    row(R"({"if": [true, 1, {"nope": 1}]})", "\"nope\" at $.if[2]");
    row(R"({"map": [[1], {"==": [{"var": ""}, {"oops": []}]}]})", "\"oops\" at $.map[1][\"==\"][1]");
    row(R"({"method": ["abc", "toUpperCase"]})", "Unknown operator \"method\"");
    row(R"({"==": [1]})", "\"==\" at $ takes 2 arguments but has 1");
    row(R"({"==": [1, 2, 3]})", "takes 2 arguments but has 3");
    row(R"({"==": 1})", "takes 2 arguments but has 1");
    row(R"({"missing_some": [1]})", "\"missing_some\"");
    row(R"({"map": [[1]]})", "\"map\"");
    row(R"({"reduce": [[1]]})", "takes 2 to 3 arguments");
    row(R"({"-": []})", "takes 1 to 2 arguments but has 0");
    row(R"({"*": []})", "takes 1 or more arguments");
    row(R"({"and": []})", "\"and\"");
    row(R"({"<": [1, 2, 3, 4]})", "takes 2 to 3 arguments but has 4");
    row(R"({"!": [1, 2]})", "\"!\"");
    row(R"({"substr": []})", "\"substr\"");
    row(R"([1, {"var": "a"}, {"nope": 1}])", "\"nope\" at $[2]");
}

void TestJsonLogic::invalidRules()
{
    QFETCH(QJsonValue, rule);
    QFETCH(QString, fragment);
    const QString checked = JsonLogic::check(rule);
    QVERIFY2(checked.contains(fragment), qPrintable(checked));
    const JsonLogic::Result result = JsonLogic::evaluate(rule, QJsonObject());
    QVERIFY(!result.isValid());
    QCOMPARE(result.error, checked);
    QVERIFY(result.value.isNull());
}

void TestJsonLogic::deepNestingIsAnError()
{
    QJsonValue rule = true;
    for (int i = 0; i < 1000; ++i)
        rule = QJsonObject {{QStringLiteral("!"), rule}};
    const JsonLogic::Result result = JsonLogic::evaluate(rule, QJsonValue());
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(QLatin1String("nested")), qPrintable(result.error));

    QJsonValue fine = true;
    for (int i = 0; i < 100; ++i)
        fine = QJsonObject {{QStringLiteral("!"), fine}};
    QCOMPARE(JsonLogic::evaluate(fine, QJsonValue()).value, QJsonValue(true));
}

void TestJsonLogic::parseJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("scalar") << QByteArray("17") << true;
    QTest::newRow("string") << QByteArray("\"apple\"") << true;
    QTest::newRow("null") << QByteArray(" null ") << true;
    QTest::newRow("object") << QByteArray("{\"var\": \"a\"}") << true;
    QTest::newRow("empty") << QByteArray("") << false;
    QTest::newRow("two values") << QByteArray("1, 2") << false;
    QTest::newRow("bracket escape") << QByteArray("1], [2") << false;
    QTest::newRow("unterminated") << QByteArray("{\"var\": ") << false;
    QTest::newRow("bare word") << QByteArray("apple") << false;
}

void TestJsonLogic::parseJson()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QString error;
    const auto value = JsonLogic::parseJson(text, &error);
    QCOMPARE(value.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
}

namespace {

// Renewal of a food business licence without application (免申即享): the
// licence is about to expire, the operator is an adult, no serious
// violation is on record, the premises are unchanged. "expiring" checks
// that the fact is there first: in JsonLogic null compares as 0.
const char renewalRules[] = R"({
  "mode": "without-application",
  "rules": [
    {"id": "expiring", "rule": {"and": [{"!": {"missing": "licence.daysToExpiry"}},
                                        {"<=": [0, {"var": "licence.daysToExpiry"}, 90]}]},
     "basis": "《食品经营许可和备案管理办法》第三十八条", "outcome": "manual"},
    {"id": "no-serious-violation",
     "rule": {"none": [{"var": "violations"}, {"==": [{"var": "severity"}, "serious"]}]},
     "basis": "《中华人民共和国食品安全法》第一百三十五条", "outcome": "deny"},
    {"id": "adult", "rule": {">=": [{"var": "applicant.age"}, 18]},
     "basis": "《中华人民共和国民法典》第十八条", "outcome": "deny"},
    {"id": "same-premises", "rule": {"==": [{"var": "form.address"}, {"var": "licence.address"}]},
     "basis": "《食品经营许可和备案管理办法》第三十九条", "outcome": "manual"}
  ]})";

const char renewalData[] = R"({
  "applicant": {"age": 45},
  "licence": {"daysToExpiry": 30, "address": "西湖区文三路 1 号"},
  "form": {"address": "西湖区文三路 1 号"},
  "violations": [{"severity": "minor"}]})";

} // namespace

void TestJsonLogic::ruleSetTrace_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QStringList>("deciding");
    QTest::addColumn<QStringList>("failed");

    const QJsonArray serious {QJsonObject {{QStringLiteral("severity"), QStringLiteral("serious")}}};
    QTest::newRow("all met") << QString() << QJsonValue() << "approve" << QStringList() << QStringList();
    QTest::newRow("serious violation") << "violations" << QJsonValue(serious) << "deny"
                                       << QStringList {QStringLiteral("no-serious-violation")}
                                       << QStringList {QStringLiteral("no-serious-violation")};
    QTest::newRow("moved premises") << "form.address" << QJsonValue(QStringLiteral("文二路 2 号")) << "manual"
                                    << QStringList {QStringLiteral("same-premises")}
                                    << QStringList {QStringLiteral("same-premises")};
    QTest::newRow("minor and far from expiry")
        << "applicant.age" << QJsonValue(17) << "deny" << QStringList {QStringLiteral("adult")}
        << QStringList {QStringLiteral("adult")};
    QTest::newRow("missing facts go to a person")
        << "licence" << QJsonValue(QJsonObject()) << "manual"
        << QStringList({QStringLiteral("expiring"), QStringLiteral("same-premises")})
        << QStringList({QStringLiteral("expiring"), QStringLiteral("same-premises")});
}

void TestJsonLogic::ruleSetTrace()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, outcome);
    QFETCH(QStringList, deciding);
    QFETCH(QStringList, failed);

    QString error;
    const auto set = RuleSet::fromJson(json(renewalRules), &error);
    QVERIFY2(set, qPrintable(error));
    QCOMPARE(set->rules.size(), 4);
    QJsonObject data = json(renewalData).toObject();
    if (!path.isEmpty()) {
        const QStringList parts = path.split(QLatin1Char('.'));
        if (parts.size() == 1) {
            data.insert(parts.first(), value);
        } else {
            QJsonObject inner = data.value(parts.first()).toObject();
            inner.insert(parts.last(), value);
            data.insert(parts.first(), inner);
        }
    }
    const RuleTrace trace = set->evaluate(data);
    QCOMPARE(ruleOutcomeName(trace.outcome), outcome);
    QCOMPARE(trace.decidingRules(), deciding);
    QCOMPARE(trace.results.size(), 4); // every rule is in the trace, also after a denial
    QStringList notPassed;
    for (const RuleResult &result : trace.results) {
        QVERIFY(!result.basis.isEmpty());
        if (!result.passed)
            notPassed.append(result.id);
    }
    QCOMPARE(notPassed, failed);
    QCOMPARE(trace.mode, QStringLiteral("without-application"));
    if (trace.outcome == RuleOutcome::Deny)
        QVERIFY(!trace.bases().isEmpty());
}

void TestJsonLogic::traceRoundTrip()
{
    const auto set = RuleSet::fromJson(json(renewalRules));
    QVERIFY(set);
    QCOMPARE(RuleSet::fromJson(set->toJson())->toJson(), set->toJson());
    QJsonObject data = json(renewalData).toObject();
    data.insert(QStringLiteral("applicant"), QJsonObject {{QStringLiteral("age"), 16}});
    const RuleTrace trace = set->evaluate(data);
    const QJsonObject stored = trace.toJson();
    QCOMPARE(stored.value(QStringLiteral("outcome")).toString(), QStringLiteral("deny"));
    QCOMPARE(stored.value(QStringLiteral("deciding")).toArray(), QJsonArray {QStringLiteral("adult")});
    const QJsonObject adult = stored.value(QStringLiteral("rules")).toArray().at(2).toObject();
    QCOMPARE(adult.value(QStringLiteral("result")), QJsonValue(false));
    QCOMPARE(adult.value(QStringLiteral("basis")).toString(),
             QStringLiteral("《中华人民共和国民法典》第十八条"));
    QString error;
    const auto parsed = RuleTrace::fromJson(stored, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->toJson(), stored);
    QCOMPARE(parsed->bases(), QStringList {QStringLiteral("《中华人民共和国民法典》第十八条")});
}

// A trace goes into an event, whose hash needs canonical JSON: no NaN or
// Infinity may reach it, though their truthiness still counts.
void TestJsonLogic::traceIsHashable()
{
    const auto set = RuleSet::fromJson(json(R"({"rules": [
        {"id": "infinite", "rule": {"/": [1, 0]}, "basis": "b", "outcome": "deny"},
        {"id": "nan", "rule": {"-": ["x", 1]}, "basis": "b", "outcome": "manual"}]})"));
    QVERIFY(set);
    const RuleTrace trace = set->evaluate(QJsonValue());
    QVERIFY(trace.results.at(0).passed);
    QVERIFY(!trace.results.at(1).passed);
    QCOMPARE(trace.outcome, RuleOutcome::Manual);
    QVERIFY(trace.results.at(0).value.isNull());
    QVERIFY(ow::core::CanonicalJson::toBytes(trace.toJson()).has_value());
}

void TestJsonLogic::invalidRuleSets_data()
{
    QTest::addColumn<QJsonValue>("set");
    QTest::addColumn<QString>("fragment");
    const auto row = [](const char *name, const char *set, const char *fragment) {
        QTest::newRow(name) << json(set) << QString::fromUtf8(fragment);
    };
    row("not a set", R"({"==": [1, 1]})", "rules:");
    row("empty", R"({"rules": []})", "rules: a rule set needs at least one rule");
    row("no basis", R"({"rules": [{"id": "a", "rule": true, "outcome": "deny"}]})", "rules[0].basis:");
    row("blank basis", R"({"rules": [{"id": "a", "rule": true, "basis": " ", "outcome": "deny"}]})",
        "rules[0].basis:");
    row("no id", R"({"rules": [{"rule": true, "basis": "b", "outcome": "deny"}]})", "rules[0].id:");
    row("duplicate id", R"({"rules": [{"id": "a", "rule": true, "basis": "b", "outcome": "deny"},
                                      {"id": "a", "rule": true, "basis": "b", "outcome": "manual"}]})",
        "rules[1].id:");
    row("no rule", R"({"rules": [{"id": "a", "basis": "b", "outcome": "deny"}]})", "rules[0].rule: missing");
    row("bad rule",
        R"({"rules": [{"id": "a", "rule": {"and": [{"nope": 1}]}, "basis": "b", "outcome": "deny"}]})",
        "rules[0].rule: Unknown operator \"nope\" at $.and[0]");
    row("approve outcome", R"({"rules": [{"id": "a", "rule": true, "basis": "b", "outcome": "approve"}]})",
        "rules[0].outcome:");
    row("unknown outcome", R"({"rules": [{"id": "a", "rule": true, "basis": "b", "outcome": "maybe"}]})",
        "rules[0].outcome:");
    row("rule not an object", R"({"rules": [1]})", "rules[0]:");
    row("mode not text",
        R"({"mode": 1, "rules": [{"id": "a", "rule": true, "basis": "b", "outcome": "deny"}]})", "mode:");
}

void TestJsonLogic::invalidRuleSets()
{
    QFETCH(QJsonValue, set);
    QFETCH(QString, fragment);
    QString error;
    QVERIFY(!RuleSet::fromJson(set, &error));
    QVERIFY2(error.startsWith(fragment), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestJsonLogic)
#include "tst_jsonlogic.moc"
