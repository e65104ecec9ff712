// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/test/fixtures.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real onewindow-admin eval-rule, as rule authors and outside tests do.
class tst_AdminRule : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void evalRule_data();
    void evalRule();
    void ruleSet();
    void ruleFromFile();
    void logGoesToStderr();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result admin(const QStringList &arguments);
    QString m_program;
};

void tst_AdminRule::initTestCase()
{
    m_program = ow::test::executablePath(QStringLiteral("onewindow-admin"));
    QVERIFY2(QFileInfo(m_program).isExecutable(), qPrintable(m_program + QStringLiteral(" is not built")));
}

tst_AdminRule::Result tst_AdminRule::admin(const QStringList &arguments)
{
    QProcess process;
    process.start(m_program, QStringList {QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    Result result;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void tst_AdminRule::evalRule_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("errContains");

    const auto eval = [](const char *rule, const char *data) {
        return QStringList {QStringLiteral("eval-rule"), QString::fromUtf8(rule), QString::fromUtf8(data)};
    };
    QTest::newRow("sum") << eval(R"({"+": [1, 2]})", "{}") << 0 << "3\n" << QString();
    QTest::newRow("string coerced") << eval(R"({"+": ["1", 1]})", "null") << 0 << "2\n" << QString();
    QTest::newRow("Chinese data") << eval(R"({"var": "申请人.姓名"})", R"({"申请人": {"姓名": "张三"}})") << 0
                                  << "\"张三\"\n"
                                  << QString();
    QTest::newRow("array result") << eval(R"({"missing": ["a", "b"]})", R"({"a": 1})") << 0 << "[\"b\"]\n"
                                  << QString();
    QTest::newRow("fraction") << eval(R"({"/": [2, 4]})", "{}") << 0 << "0.5\n" << QString();
    QTest::newRow("infinity is null") << eval(R"({"/": [1, 0]})", "{}") << 0 << "null\n" << QString();
    QTest::newRow("scalar rule") << eval("-1", "{}") << 0 << "-1\n" << QString();
    QTest::newRow("object result sorted")
        << eval(R"({"var": ""})", R"({"b": 1, "a": [true, null]})") << 0 << "{\"a\":[true,null],\"b\":1}\n"
        << QString();

    QTest::newRow("unknown operator") << eval(R"({"and": [true, {"frobnicate": 1}]})", "{}") << 1 << QString()
                                      << "\"frobnicate\" at $.and[1]";
    QTest::newRow("wrong arity") << eval(R"({"==": [1]})", "{}") << 1 << QString() << "takes 2 arguments";
    QTest::newRow("rule not JSON") << eval(R"({"var": )", "{}") << 1 << QString() << "Invalid rule";
    QTest::newRow("rule two values") << eval("1, 2", "{}") << 1 << QString() << "Invalid rule";
    QTest::newRow("data not JSON") << eval(R"({"var": "a"})", "{a: 1}") << 1 << QString() << "Invalid data";
    QTest::newRow("bad rule set") << eval(R"({"rules": [{"id": "x", "rule": true, "outcome": "deny"}]})",
                                          "{}")
                                  << 1 << QString() << "rules[0].basis";
    QTest::newRow("no arguments") << QStringList {QStringLiteral("eval-rule")} << 2 << QString() << "Usage";
    QTest::newRow("one argument") << QStringList {QStringLiteral("eval-rule"), QStringLiteral("true")} << 2
                                  << QString() << "Usage";
    QTest::newRow("missing file") << eval("@/nonexistent/rule.json", "{}") << 1 << QString() << "cannot read";
}

void tst_AdminRule::evalRule()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, errContains);
    const Result result = admin(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.out, out);
    if (errContains.isEmpty()) {
        QCOMPARE(result.err, QString());
    } else {
        QVERIFY2(result.err.contains(errContains), qPrintable(result.err));
        QVERIFY2(result.err.endsWith(QLatin1Char('\n')) && result.err.count(QLatin1Char('\n')) == 1,
                 qPrintable(result.err)); // one clear line
    }
}

void tst_AdminRule::ruleSet()
{
    const QString set = QStringLiteral(R"({"mode": "on-application", "rules": [
        {"id": "adult", "rule": {">=": [{"var": "age"}, 18]}, "basis": "《民法典》第十八条", "outcome": "deny"},
        {"id": "local", "rule": {"in": ["330102", {"var": "region"}]}, "basis": "本地户籍", "outcome": "manual"}]})");
    Result result
        = admin({QStringLiteral("eval-rule"), set, QStringLiteral(R"({"age": 30, "region": "330102"})")});
    QCOMPARE(result.exitCode, 0);
    QJsonObject trace = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(trace.value(QStringLiteral("outcome")).toString(), QStringLiteral("approve"));
    QCOMPARE(trace.value(QStringLiteral("rules")).toArray().size(), 2);

    result = admin({QStringLiteral("eval-rule"), set, QStringLiteral(R"({"age": 16, "region": "110105"})")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.count(QLatin1Char('\n')), 1);
    trace = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(trace.value(QStringLiteral("outcome")).toString(), QStringLiteral("deny"));
    QCOMPARE(trace.value(QStringLiteral("deciding")).toArray(), QJsonArray {QStringLiteral("adult")});
    const QJsonObject adult = trace.value(QStringLiteral("rules")).toArray().first().toObject();
    QCOMPARE(adult.value(QStringLiteral("basis")).toString(), QStringLiteral("《民法典》第十八条"));
    QCOMPARE(adult.value(QStringLiteral("passed")).toBool(true), false);
}

void tst_AdminRule::ruleFromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile rule(dir.filePath(QStringLiteral("rule.json")));
    QVERIFY(rule.open(QIODevice::WriteOnly));
    rule.write(
        R"({"cat": ["共 ", {"reduce": [{"var": "fees"}, {"+": [{"var": "accumulator"}, {"var": "current"}]}, 0]}, " 元"]})");
    rule.close();
    const Result result = admin({QStringLiteral("eval-rule"), QLatin1Char('@') + rule.fileName(),
                                 QStringLiteral(R"({"fees": [10, 2.5]})")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QStringLiteral("\"共 12.5 元\"\n"));
}

void tst_AdminRule::logGoesToStderr()
{
    const Result result = admin({QStringLiteral("eval-rule"), QStringLiteral(R"({"log": {"var": "a"}})"),
                                 QStringLiteral(R"({"a": [1]})")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QStringLiteral("[1]\n"));
    QCOMPARE(result.err, QStringLiteral("log: [1]\n"));
}

QTEST_GUILESS_MAIN(tst_AdminRule)
#include "tst_admin_rule.moc"
