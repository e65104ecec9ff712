// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/test/fixtures.h>

#include <QFileInfo>
#include <QProcess>
#include <QTest>

// Runs the real onewindow-admin binary, as administrators' scripts and
// outside tests do.
class tst_AdminValidate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void run_data();
    void run();
    void chineseOutput();

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

void tst_AdminValidate::initTestCase()
{
    m_program = ow::test::executablePath(QStringLiteral("onewindow-admin"));
    QVERIFY2(QFileInfo(m_program).isExecutable(), qPrintable(m_program + QStringLiteral(" is not built")));
}

tst_AdminValidate::Result tst_AdminValidate::admin(const QStringList &arguments)
{
    QProcess process;
    process.start(m_program, arguments);
    Result result;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void tst_AdminValidate::run_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("errContains");

    const QString standardOut = QStringLiteral("number: 11010519491231002X\n"
                                               "birthDate: 1949-12-31\n"
                                               "sex: female\n"
                                               "region: 110105\n"
                                               "province: 北京市\n");
    auto id = [](const QString &value) {
        return QStringList {QStringLiteral("validate-id"), value};
    };
    auto uscc = [](const QString &value) {
        return QStringList {QStringLiteral("validate-uscc"), value};
    };

    QTest::newRow("id valid") << id(QStringLiteral("11010519491231002X")) << 0 << standardOut << QString();
    QTest::newRow("id full-width, lower-case x")
        << id(QStringLiteral("１１０１０５ １９４９１２３１ ００２ｘ")) << 0 << standardOut << QString();
    QTest::newRow("id male") << id(QStringLiteral("44030419900307123X")) << 0
                             << QStringLiteral("number: 44030419900307123X\nbirthDate: 1990-03-07\nsex: "
                                               "male\nregion: 440304\nprovince: 广东省\n")
                             << QString();
    QTest::newRow("id 15 digits")
        << id(QStringLiteral("110105491231002")) << 0
        << QStringLiteral("number: 11010519491231002X\nupgradedFrom: 110105491231002\nbirthDate: 1949-12-31\n"
                          "sex: female\nregion: 110105\nprovince: 北京市\n")
        << QString();
    QTest::newRow("id check digit") << id(QStringLiteral("110105194912310021")) << 1 << QString()
                                    << QStringLiteral("the check digit should be X, not 1");
    QTest::newRow("id province") << id(QStringLiteral("990105194912310023")) << 1 << QString()
                                 << QStringLiteral("“99”");
    QTest::newRow("id future") << id(QStringLiteral("110105209901010012")) << 1 << QString()
                               << QStringLiteral("future");
    QTest::newRow("id length") << id(QStringLiteral("1101051949")) << 1 << QString()
                               << QStringLiteral("not 10");
    QTest::newRow("id empty") << id(QString()) << 1 << QString() << QStringLiteral("no ID card number");
    QTest::newRow("id no argument") << QStringList {QStringLiteral("validate-id")} << 2 << QString()
                                    << QStringLiteral("Usage");
    QTest::newRow("id two arguments")
        << QStringList {QStringLiteral("validate-id"), QStringLiteral("1"), QStringLiteral("2")} << 2
        << QString() << QStringLiteral("NUMBER");
    QTest::newRow("id unknown option")
        << id(QStringLiteral("--verbose")) << 2 << QString() << QStringLiteral("Usage");
    QTest::newRow("id help") << id(QStringLiteral("--help")) << 0 << QString() << QString();

    QTest::newRow("uscc valid") << uscc(QStringLiteral("９１３５０１００ｍ０００１００ｙ４３")) << 0
                                << QStringLiteral(
                                       "code: 91350100M000100Y43\nregistrationAuthority: market regulation\n"
                                       "organisationType: enterprise\nregion: 350100\nprovince: "
                                       "福建省\norganisationCode: M000100Y4\n")
                                << QString();
    QTest::newRow("uscc central, no province")
        << uscc(QStringLiteral("11100000000013127D")) << 0
        << QStringLiteral("code: 11100000000013127D\nregistrationAuthority: organisational staffing\n"
                          "organisationType: government organ\nregion: 100000\norganisationCode: 000013127\n")
        << QString();
    QTest::newRow("uscc check character") << uscc(QStringLiteral("91350100M000100Y44")) << 1 << QString()
                                          << QStringLiteral("the check character should be 3, not 4");
    QTest::newRow("uscc letter O") << uscc(QStringLiteral("91350100O000100Y43")) << 1 << QString()
                                   << QStringLiteral("“O”");
    QTest::newRow("uscc no argument")
        << QStringList {QStringLiteral("validate-uscc")} << 2 << QString() << QStringLiteral("CODE");
}

void tst_AdminValidate::run()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, errContains);

    const Result result = admin(QStringList {QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (arguments.last() == QLatin1String("--help")) {
        QVERIFY(result.out.contains(QLatin1String("validate-id NUMBER")));
        return;
    }
    QCOMPARE(result.out, out);
    if (exitCode == 0) {
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    } else {
        // One line naming the reason.
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(result.err.contains(errContains), qPrintable(result.err));
    }
}

void tst_AdminValidate::chineseOutput()
{
    // Keys stay English in every language; facts that are data stay as they are.
    const Result result = admin({QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                                 QStringLiteral("validate-id"), QStringLiteral("11010519491231002X")});
    QCOMPARE(result.exitCode, 0);
    const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines.at(0), QStringLiteral("number: 11010519491231002X"));
    QVERIFY(lines.at(2).startsWith(QLatin1String("sex: ")));
    QCOMPARE(lines.at(4), QStringLiteral("province: 北京市"));
}

QTEST_GUILESS_MAIN(tst_AdminValidate)
#include "tst_admin_validate.moc"
