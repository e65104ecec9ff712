// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-admin validate-catalog and render-guide, run as the real binary
// the way administrators' scripts and outside tests run it.

#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAdminCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void validate_data();
    void validate();
    void renderGuide_data();
    void renderGuide();
    void renderHtml();
    void chineseGuide();
    void renderErrors_data();
    void renderErrors();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result admin(const QStringList &arguments) const;

    QString m_program;
};

void TestAdminCatalog::initTestCase()
{
    m_program = ow::test::executablePath(u"onewindow-admin"_s);
    QVERIFY2(QFileInfo(m_program).isExecutable(), qPrintable(m_program + u" is not built"_s));
}

TestAdminCatalog::Result TestAdminCatalog::admin(const QStringList &arguments) const
{
    QProcess process;
    process.start(m_program, arguments);
    Result result;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestAdminCatalog::validate_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("lines");

    QTest::newRow("demo") << u"resources/catalog/demo-catalog.json"_s << 0 << QStringList {};
    QTest::newRow("one problem") << u"tests/catalog/broken/promised-exceeds-legal.json"_s << 1
                                 << QStringList {u"items[1].promisedDays: "_s};
    QTest::newRow("every problem at once")
        << u"tests/catalog/broken/many-problems.json"_s << 1
        << QStringList {u"items[0].materials[1].code: "_s, u"items[1].legalDays: "_s,
                        u"items[2].department: "_s, u"bundles[0].leadDepartment: "_s};
    QTest::newRow("not json") << u"tests/catalog/broken/not-json.json"_s << 1 << QStringList {u"$: "_s};
}

void TestAdminCatalog::validate()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QStringList, lines);

    const Result result = admin({u"validate-catalog"_s, ow::test::sourcePath(file)});
    QCOMPARE(result.exitCode, exitCode);
    if (exitCode == 0) {
        QVERIFY2(result.out.contains(u"2026.11.2"_s), qPrintable(result.out));
        QVERIFY(result.err.isEmpty());
        return;
    }
    // One problem per line on stdout, each starting with its path; a summary on stderr.
    const QStringList out = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(out.size(), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i)
        QVERIFY2(out.at(i).startsWith(lines.at(i)) && out.at(i).size() > lines.at(i).size(),
                 qPrintable(out.at(i)));
    QCOMPARE(result.err.count(u'\n'), 1);
}

void TestAdminCatalog::renderGuide_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("guide") << QStringList {}
                           << QStringList {u"食品经营许可（新办）"_s, u"SCJG-XK-001"_s,
                                           u"食品经营许可申请书"_s, u"示范县市场监督管理局"_s, u"10"_s};
    QTest::newRow("manual") << QStringList {u"--manual"_s}
                            << QStringList {u"食品经营许可（新办）"_s, u"核验原件后退还"_s};
    QTest::newRow("other catalogue")
        << QStringList {u"--catalog"_s, ow::test::sourcePath(u"tests/catalog/data/minimal.json"_s)}
        << QStringList {u"测试县政务服务中心"_s};
}

void TestAdminCatalog::renderGuide()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, expected);

    ow::test::TempDataDir dir;
    const QString pdf = dir.filePath(u"guide.pdf"_s);
    const QString code = options.contains(u"--catalog"_s) ? u"T-002"_s : u"SCJG-XK-001"_s;
    const Result result = admin(QStringList {u"render-guide"_s, code, u"--pdf"_s, pdf} + options);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(QFileInfo(pdf).size() > 1000);

    QProcess pdftotext;
    pdftotext.start(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s});
    QVERIFY2(pdftotext.waitForFinished(60000) && pdftotext.exitCode() == 0,
             "pdftotext (poppler-utils) failed");
    const QString text
        = QString::fromUtf8(pdftotext.readAllStandardOutput()).remove(QRegularExpression(u"\\s+"_s));
    for (const QString &phrase : std::as_const(expected))
        QVERIFY2(text.contains(phrase), qPrintable(phrase));
}

void TestAdminCatalog::renderHtml()
{
    ow::test::TempDataDir dir;
    const QString html = dir.filePath(u"guide.html"_s);
    const Result result = admin({u"render-guide"_s, u"RS-JF-002"_s, u"--html"_s, html, u"--manual"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(text.contains(u"失业保险金申领"_s));
    QVERIFY(text.contains(u"《中华人民共和国社会保险法》第四十五条"_s));
}

// Labels follow the UI language; Simplified Chinese is what a centre prints.
void TestAdminCatalog::chineseGuide()
{
    ow::test::TempDataDir dir;
    const QString pdf = dir.filePath(u"guide.pdf"_s);
    const Result result
        = admin({u"--lang"_s, u"zh_CN"_s, u"render-guide"_s, u"SCJG-XK-001"_s, u"--pdf"_s, pdf});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QProcess pdftotext;
    pdftotext.start(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s});
    QVERIFY(pdftotext.waitForFinished(60000) && pdftotext.exitCode() == 0);
    const QString text
        = QString::fromUtf8(pdftotext.readAllStandardOutput()).remove(QRegularExpression(u"\\s+"_s));
    for (const QString &phrase : {u"办事指南"_s, u"法定办结时限"_s, u"10个工作日"_s, u"承诺办结时限"_s,
                                  u"5个工作日"_s, u"申请材料"_s})
        QVERIFY2(text.contains(phrase), qPrintable(phrase));
}

void TestAdminCatalog::renderErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("unknown item") << QStringList {u"render-guide"_s, u"NO-SUCH-ITEM"_s, u"--pdf"_s,
                                                  u"x.pdf"_s}
                                  << 1;
    QTest::newRow("no output") << QStringList {u"render-guide"_s, u"SCJG-XK-001"_s} << 2;
    QTest::newRow("no item") << QStringList {u"render-guide"_s, u"--pdf"_s, u"x.pdf"_s} << 2;
    QTest::newRow("unknown option") << QStringList {u"render-guide"_s, u"SCJG-XK-001"_s, u"--pfd"_s, u"x"_s}
                                    << 2;
    QTest::newRow("broken catalogue")
        << QStringList {u"render-guide"_s, u"T-001"_s,
                        u"--pdf"_s,        u"x.pdf"_s,
                        u"--catalog"_s,    ow::test::sourcePath(u"tests/catalog/broken/many-problems.json"_s)}
        << 1;
    QTest::newRow("missing catalogue")
        << QStringList {u"render-guide"_s, u"T-001"_s,     u"--pdf"_s,
                        u"x.pdf"_s,        u"--catalog"_s, u"/nonexistent.json"_s}
        << 3;
    QTest::newRow("unwritable pdf") << QStringList {u"render-guide"_s, u"SCJG-XK-001"_s, u"--pdf"_s,
                                                    u"/nonexistent/dir/x.pdf"_s}
                                    << 3;
    QTest::newRow("validate without file") << QStringList {u"validate-catalog"_s} << 2;
    QTest::newRow("validate missing file")
        << QStringList {u"validate-catalog"_s, u"/nonexistent.json"_s} << 3;
}

void TestAdminCatalog::renderErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);

    ow::test::TempDataDir dir; // a relative x.pdf must not land in the source tree
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(m_program, arguments);
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), exitCode);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(!err.trimmed().isEmpty(), "a failure says why on stderr");
    QVERIFY(!QFileInfo::exists(dir.filePath(u"x.pdf"_s)));
}

QTEST_GUILESS_MAIN(TestAdminCatalog)
#include "tst_admin_catalog.moc"
