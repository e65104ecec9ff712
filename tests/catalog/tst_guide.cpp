// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Service guides and staff manuals: rendered to an A4 PDF that poppler can
// rasterise, whose extracted text carries the item's name, code, materials
// and time limits in Chinese.


#include <ow/catalog/catalogloader.h>
#include <ow/catalog/guide.h>
#include <ow/core/localization.h>
#include <ow/test/tempdatadir.h>

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace ow::catalog;
using namespace Qt::StringLiterals;

class TestGuide : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void html_data();
    void html();
    void pdf_data();
    void pdf();
    void englishLabels();
    void writeErrors();

private:
    static QString run(const QString &program, const QStringList &arguments);
    static QString squeezed(QString text) { return text.remove(QRegularExpression(u"\\s+"_s)); }

    Catalog m_catalog;
};

void TestGuide::initTestCase()
{
    QVERIFY(ow::core::Localization::install(u"zh_CN"_s));
    const LoadResult result = CatalogLoader::loadDemo();
    QVERIFY(result.isValid());
    m_catalog = *result.catalog;
    QVERIFY2(!QStandardPaths::findExecutable(u"pdftoppm"_s).isEmpty(), "pdftoppm (poppler-utils) is needed");
    QVERIFY2(!QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty(),
             "pdftotext (poppler-utils) is needed");
}

QString TestGuide::run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        return u"FAILED: "_s + QString::fromLocal8Bit(process.readAllStandardError());
    return QString::fromUtf8(process.readAllStandardOutput());
}

void TestGuide::html_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<GuideKind>("kind");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("food licence guide") << u"SCJG-XK-001"_s << GuideKind::Guide
                                        << QStringList {u"食品经营许可（新办）"_s,
                                                        u"SCJG-XK-001"_s,
                                                        u"示范县市场监督管理局"_s,
                                                        u"经营场所平面布局图"_s,
                                                        u"《中华人民共和国食品安全法》第三十五条"_s,
                                                        u"办事指南"_s,
                                                        u"不收费"_s}
                                        << QStringList {u"审查要点"_s, u"智能审批"_s};
    QTest::newRow("individual business manual")
        << u"SCJG-XK-003"_s << GuideKind::Manual
        << QStringList {u"业务手册"_s,     u"审查要点"_s,     u"经营者签字"_s,
                        u"智能审批规则"_s, u"年满十八周岁"_s, u"《中华人民共和国民法典》第十八条"_s,
                        u"「组成形式」"_s, u"窗口工作人员"_s}
        << QStringList {};
    QTest::newRow("identity card fee")
        << u"GA-QT-001"_s << GuideKind::Guide << QStringList {u"20.00"_s, u"发改价格〔2003〕2322号"_s}
        << QStringList {};
}

void TestGuide::html()
{
    QFETCH(QString, code);
    QFETCH(GuideKind, kind);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);

    const ServiceItem *item = m_catalog.item(code);
    QVERIFY(item);
    const QString html = Guide::html(m_catalog, *item, kind);
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
    for (const QString &text : std::as_const(expected))
        QVERIFY2(html.contains(text), qPrintable(text));
    for (const QString &text : std::as_const(absent))
        QVERIFY2(!html.contains(text), qPrintable(text));
}

void TestGuide::pdf_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<GuideKind>("kind");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("food licence guide")
        << u"SCJG-XK-001"_s << GuideKind::Guide
        << QStringList {
               u"食品经营许可（新办）"_s, u"SCJG-XK-001"_s,  u"食品经营许可申请书"_s, u"法定办结时限"_s,
               u"10个工作日"_s,           u"承诺办结时限"_s, u"5个工作日"_s,          u"第1页"_s};
    QTest::newRow("food licence manual") << u"SCJG-XK-001"_s << GuideKind::Manual
                                         << QStringList {u"食品经营许可（新办）"_s, u"业务手册"_s,
                                                         u"审查要点"_s, u"现场核查"_s, u"10个工作日"_s};
    QTest::newRow("unemployment manual")
        << u"RS-JF-002"_s << GuideKind::Manual
        << QStringList {u"失业保险金申领"_s, u"RS-JF-002"_s,  u"终止或者解除劳动关系证明"_s,
                        u"智能审批规则"_s,   u"第四十五条"_s, u"3个工作日"_s};
}

void TestGuide::pdf()
{
    QFETCH(QString, code);
    QFETCH(GuideKind, kind);
    QFETCH(QStringList, expected);

    ow::test::TempDataDir dir;
    const QString pdf = dir.filePath(u"guide.pdf"_s);
    QString error;
    QVERIFY2(Guide::writePdf(m_catalog, *m_catalog.item(code), kind, pdf, &error), qPrintable(error));

    // It renders: poppler rasterises every page into a real A4 picture.
    const QString ppm = run(u"pdftoppm"_s, {u"-png"_s, u"-r"_s, u"60"_s, pdf, dir.filePath(u"page"_s)});
    QVERIFY2(!ppm.startsWith(u"FAILED"_s), qPrintable(ppm));
    const QStringList pages = QDir(dir.path()).entryList({u"page*.png"_s});
    QVERIFY(!pages.isEmpty());
    const QImage first(dir.filePath(pages.first()));
    QVERIFY(!first.isNull());
    QCOMPARE(first.width(), 496); // 210 mm at 60 dpi
    QCOMPARE(first.height(), 702); // 297 mm

    // Its text is real text, and in Chinese.
    const QString text = run(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s});
    QVERIFY2(!text.startsWith(u"FAILED"_s), qPrintable(text));
    // Qt maps some glyphs of Noto CJK back to radicals (⻝ for 食) and drops
    // shaped digits unless the renderer prevents it; neither may reach the PDF.
    for (const QChar c : text)
        QVERIFY2(c.unicode() < 0x2E80 || c.unicode() > 0x2FDF, qPrintable(u"radical in text layer: "_s + c));
    const QString flat = squeezed(text);
    for (const QString &phrase : std::as_const(expected))
        QVERIFY2(flat.contains(squeezed(phrase)), qPrintable(phrase + u" not in:\n"_s + text.left(2000)));
}

void TestGuide::englishLabels()
{
    ow::core::Localization::install(u"en"_s);
    const QString html = Guide::html(m_catalog, *m_catalog.item(u"SCJG-XK-001"_s), GuideKind::Guide);
    ow::core::Localization::install(u"zh_CN"_s);
    QVERIFY(html.contains(u"Service Guide"_s));
    QVERIFY(html.contains(u"Legal time limit"_s));
    QVERIFY(html.contains(u"10 working day"_s));
    QVERIFY(html.contains(u"食品经营许可申请书"_s)); // content stays as published
}

void TestGuide::writeErrors()
{
    QString error;
    QVERIFY(!Guide::writePdf(m_catalog, *m_catalog.item(u"SCJG-XK-001"_s), GuideKind::Guide,
                             u"/nonexistent/dir/guide.pdf"_s, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestGuide)
#include "tst_guide.moc"
