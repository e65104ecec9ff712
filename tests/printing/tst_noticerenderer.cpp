// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Notices as the applicant receives them, laid out by their templates
// (resources/templates/notice-*.json): a PDF whose text says everything the
// window decided, a printed page (pdftoppm) with nothing off the paper and
// the case number's QR code (zbarimg), and the same page as the clerk
// previews it, watermarked.

#include <ow/printing/certificatetemplate.h>
#include <ow/printing/noticerenderer.h>
#include <ow/printing/qrcode.h>

#include "pdftext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageLayout>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ow::printing;

Q_DECLARE_METATYPE(ow::printing::Notice)

namespace {

constexpr int scanDpi = 150;
constexpr qreal mmPerInch = 25.4;

QStringList materials()
{
    return {
        QStringLiteral("营业执照副本复印件（加盖公章）"),
        QStringLiteral("法定代表人身份证明及身份证复印件"),
        QStringLiteral(
            "经营场所使用证明（房屋产权证明或租赁合同，租赁期限不少于一年，并附出租方产权证明复印件）"),
        QStringLiteral(
            "食品安全管理制度文本（含从业人员健康管理、进货查验记录、食品安全自查、食品安全事故处置方案等）"),
        QStringLiteral("与食品经营相适应的主要设备设施布局、操作流程等文件"),
        QStringLiteral("食品安全管理人员培训考核合格证明"),
        QStringLiteral("从业人员健康证明（共12人）"),
        QStringLiteral("公共场所卫生许可申请书"),
        QStringLiteral("卫生管理制度及卫生管理人员名单"),
        QStringLiteral("集中空调通风系统卫生检测报告"),
        QStringLiteral("户外广告设施设计图、效果图及安全技术说明"),
        QStringLiteral("委托代理人授权委托书及代理人身份证复印件")};
}

QStringList basis()
{
    return {QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第四项"),
            QStringLiteral("《中华人民共和国食品安全法》第三十五条"),
            QStringLiteral("《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）第十五条"),
            QStringLiteral("《公共场所卫生管理条例实施细则》第二十二条"),
            QStringLiteral("《优化营商环境条例》第三十五条"),
            QStringLiteral("《浙江省保障“最多跑一次”改革规定》第十二条")};
}

Notice sample(NoticeKind kind)
{
    Notice notice;
    notice.kind = kind;
    notice.issuer = QStringLiteral("示范县政务服务中心");
    notice.caseNumber = QStringLiteral("330102-20261122-D07-000123-8");
    notice.applicantName = QStringLiteral("某某餐饮管理有限公司");
    notice.applicantIdNumber = QStringLiteral("91330102MA2H3C4D5E");
    notice.items = {QStringLiteral("食品经营许可（新办）"), QStringLiteral("公共场所卫生许可（新办）"),
                    QStringLiteral("户外广告设施设置审批")};
    notice.issuedOn = QDate(2026, 11, 30);
    notice.promisedDays = 5;
    notice.promisedDate = QDate(2026, 12, 7);
    notice.clerk = QStringLiteral("张三");
    switch (kind) {
    case NoticeKind::Accepted:
        notice.materials = materials();
        notice.basis = basis();
        notice.onBehalf = true;
        break;
    case NoticeKind::MissingMaterials:
        notice.caseNumber.clear();
        notice.materials = materials().mid(2, 6);
        notice.basis = basis();
        break;
    case NoticeKind::Refused:
        notice.reason = QStringLiteral(
            "申请人申请的户外广告设施设置地点位于城市主干道禁止设置区域；申请事项依法不属于本机关"
            "职权范围，请向示范县自然资源和规划局申请。");
        notice.basis = basis().mid(0, 2);
        break;
    case NoticeKind::SupplementRequest:
        notice.materials = materials().mid(5, 5);
        notice.reason = QStringLiteral("现场核查发现从业人员3名未提供健康证明，集中空调通风系统未经检测");
        notice.basis = basis().mid(1, 2);
        break;
    case NoticeKind::DeliveryReceipt:
        notice.documents
            = {QStringLiteral("食品经营许可证（正本、副本）"), QStringLiteral("公共场所卫生许可证")};
        notice.deliveryMethod = DeliveryMethod::Mail;
        notice.mailAddress = QStringLiteral("示范县城关街道人民路1号某某大厦12层1203室");
        notice.mailCarrier = QStringLiteral("中国邮政EMS");
        notice.trackingNumber = QStringLiteral("1151234567890");
        break;
    }
    return notice;
}

// Every value the notice states, as the applicant must find it on paper.
QStringList statedValues(const Notice &notice)
{
    QStringList values {notice.issuer, notice.applicantName, notice.applicantIdNumber, notice.clerk,
                        QStringLiteral("2026年11月30日")};
    values << notice.items << notice.materials << notice.basis << notice.documents;
    for (const QString &value :
         {notice.caseNumber, notice.reason, notice.delegateName, notice.delegateIdNumber, notice.mailAddress,
          notice.mailCarrier, notice.trackingNumber}) {
        if (!value.isEmpty())
            values << value;
    }
    if (notice.kind == NoticeKind::Accepted)
        values << QStringLiteral("5个工作日") << QStringLiteral("2026年12月7日");
    return values;
}

// The title printed on the notice, whatever the language of the screen.
QString printedTitle(NoticeKind kind)
{
    switch (kind) {
    case NoticeKind::Accepted:
        return QStringLiteral("受理通知书");
    case NoticeKind::MissingMaterials:
        return QStringLiteral("一次性告知书");
    case NoticeKind::Refused:
        return QStringLiteral("不予受理通知书");
    case NoticeKind::DeliveryReceipt:
        return QStringLiteral("送达回证");
    case NoticeKind::SupplementRequest:
        return QStringLiteral("补正通知书");
    }
    return {};
}

// The PDF's page as the printer would put it on paper.
QString pagePng(const QString &pdf, int dpi)
{
    const QString prefix = pdf.chopped(4);
    QProcess process;
    process.start(QStringLiteral("pdftoppm"),
                  {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-png"),
                   QStringLiteral("-singlefile"), pdf, prefix});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return prefix + QStringLiteral(".png");
}

// The text of one page of the PDF (1: the first), as pdfText() gives it.
QString pageText(const QString &pdf, int page)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
                  {QStringLiteral("-enc"), QStringLiteral("UTF-8"), QStringLiteral("-f"),
                   QString::number(page), QStringLiteral("-l"), QString::number(page), pdf,
                   QStringLiteral("-")});
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return ow::test::normalisedPdfText(QString::fromUtf8(process.readAllStandardOutput()));
}

// Every page of the PDF as the printer would put it on paper, in order.
QStringList pageImages(const QString &pdf, int dpi)
{
    const QString prefix = pdf.chopped(4) + QStringLiteral("-page");
    QProcess process;
    process.start(QStringLiteral("pdftoppm"),
                  {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-png"), pdf, prefix});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    const QFileInfo info(prefix);
    QStringList files
        = QDir(info.path()).entryList({info.fileName() + QStringLiteral("-*.png")}, QDir::Files, QDir::Name);
    for (QString &file : files)
        file = QDir(info.path()).filePath(file);
    return files;
}

// What a QR scanner reads from the image file (empty: no code found).
QString scan(const QString &png)
{
    QProcess process;
    process.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), png});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

// The smallest rectangle holding every dark pixel (what ink there is).
QRect inkBounds(const QImage &image)
{
    int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 160) {
                left = qMin(left, x);
                right = qMax(right, x);
                top = qMin(top, y);
                bottom = qMax(bottom, y);
            }
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

int reddish(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            count += qRed(pixel) > qGreen(pixel) + 40 && qRed(pixel) > qBlue(pixel) + 40 ? 1 : 0;
        }
    return count;
}

qreal pixels(qreal mm, int dpi)
{
    return mm / mmPerInch * dpi;
}

} // namespace

class TestNoticeRenderer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyKindStatesEverything_data();
    void everyKindStatesEverything();
    void acceptanceNoticeQrIsTheCaseNumber();
    void longListsShrinkToFitThePage();
    void longListsContinueOnFurtherPages();
    void tooLongForThePageIsRefused();
    void handledOnTheSpot();
    void missingRequiredValueIsRefused();
    void sealFollowsTheClosing();
    void deliveryReceiptToDelegate();
    void previewImage();
    void templatesAreBuiltIn();
    void qrCode();

private:
    QString render(const Notice &notice, const QString &name);

    QTemporaryDir m_dir;
};

void TestNoticeRenderer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *tool : {"pdftoppm", "pdftotext", "zbarimg"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (scripts/setup-deps.sh)")
                                 .arg(QString::fromLatin1(tool))));
    }
}

QString TestNoticeRenderer::render(const Notice &notice, const QString &name)
{
    const QString pdf = m_dir.filePath(name + QStringLiteral(".pdf"));
    QString error;
    if (!NoticeRenderer::renderPdf(notice, pdf, &error)) {
        qWarning() << error;
        return {};
    }
    ow::test::keepForInspection(pdf, name);
    return pdf;
}

void TestNoticeRenderer::everyKindStatesEverything_data()
{
    QTest::addColumn<Notice>("notice");
    QTest::addColumn<QString>("wording"); // a sentence of the template's body
    QTest::newRow("受理通知书") << sample(NoticeKind::Accepted)
                                << QStringLiteral("查询或领取结果时请提供上述办件编号");
    QTest::newRow("一次性告知书") << sample(NoticeKind::MissingMaterials)
                                  << QStringLiteral("现将需要补齐的全部材料一次性告知如下");
    QTest::newRow("不予受理通知书") << sample(
        NoticeKind::Refused) << QStringLiteral("六十日内依法申请行政复议，或者六个月内依法提起行政诉讼");
    QTest::newRow("补正通知书") << sample(NoticeKind::SupplementRequest)
                                << QStringLiteral("审查期限中止计算");
    QTest::newRow("送达回证") << sample(NoticeKind::DeliveryReceipt)
                              << QStringLiteral("受送达人在下方签名确认签收");
}

void TestNoticeRenderer::everyKindStatesEverything()
{
    QFETCH(Notice, notice);
    QFETCH(QString, wording);
    const QString pdf = render(notice, NoticeRenderer::templateId(notice.kind));
    QVERIFY(!pdf.isEmpty());
    const QString text = ow::test::pdfText(pdf);
    QVERIFY2(text.contains(printedTitle(notice.kind)), qPrintable(text));
    QVERIFY2(text.contains(ow::test::normalisedPdfText(wording)), qPrintable(text));
    for (const QString &value : statedValues(notice))
        QVERIFY2(text.contains(ow::test::normalisedPdfText(value)),
                 qPrintable(value + QStringLiteral(" not in: ") + text));
    // The list entries are numbered in order.
    if (!notice.materials.isEmpty()) {
        const QString last = ow::test::normalisedPdfText(notice.materials.constLast());
        QVERIFY2(text.contains(QString::number(notice.materials.size()) + QStringLiteral(".") + last.left(4)),
                 qPrintable(text));
    }
    // Within the page's margins: nothing is cut off at the paper's edge.
    const QImage page(pagePng(pdf, scanDpi));
    QVERIFY(!page.isNull());
    const QRect ink = inkBounds(page);
    QVERIFY2(ink.left() >= pixels(15, scanDpi) && ink.right() <= pixels(210 - 15, scanDpi)
                 && ink.top() >= pixels(10, scanDpi) && ink.bottom() <= pixels(297 - 15, scanDpi),
             qPrintable(QStringLiteral("ink at %1,%2 to %3,%4 px")
                            .arg(ink.left())
                            .arg(ink.top())
                            .arg(ink.right())
                            .arg(ink.bottom())));
    // Only the acceptance notice carries the case number as a QR code.
    if (notice.kind != NoticeKind::Accepted)
        QCOMPARE(scan(pagePng(pdf, scanDpi)), QString());
}

void TestNoticeRenderer::acceptanceNoticeQrIsTheCaseNumber()
{
    const Notice notice = sample(NoticeKind::Accepted);
    const QString pdf = render(notice, QStringLiteral("accepted-qr"));
    QVERIFY(!pdf.isEmpty());
    const QString png = pagePng(pdf, scanDpi);
    QCOMPARE(scan(png), notice.caseNumber);
    // In the top right corner, clear of the heading.
    const QImage page(png);
    QRect corner(QPoint(qRound(pixels(160, scanDpi)), 0),
                 QPoint(page.width() - 1, qRound(pixels(46, scanDpi))));
    QImage cut = page.copy(corner);
    const QString cutFile = m_dir.filePath(QStringLiteral("accepted-qr-corner.png"));
    QVERIFY(cut.save(cutFile));
    QCOMPARE(scan(cutFile), notice.caseNumber);
}

void TestNoticeRenderer::longListsShrinkToFitThePage()
{
    // Twenty materials and eight citations: smaller type keeps the notice on one page.
    Notice notice = sample(NoticeKind::Accepted);
    notice.materials.clear();
    for (int i = 1; i <= 20; ++i)
        notice.materials.append(
            QStringLiteral("第%1项：经营场所使用证明（房屋产权证明或租赁合同复印件）").arg(i));
    notice.basis.clear();
    for (int i = 1; i <= 8; ++i)
        notice.basis.append(QStringLiteral("《示范省行政审批条例》第%1条第二款").arg(i + 20));
    const QString pdf = render(notice, QStringLiteral("accepted-shrunk"));
    QVERIFY(!pdf.isEmpty());
    QCOMPARE(pageImages(pdf, scanDpi).size(), 1);
    const QString text = ow::test::pdfText(pdf);
    for (const QString &entry : std::as_const(notice.materials) + notice.basis)
        QVERIFY2(text.contains(ow::test::normalisedPdfText(entry)),
                 qPrintable(entry + QStringLiteral(" not in: ") + text));
    QVERIFY(text.contains(QStringLiteral("2026年11月30日")));
    QVERIFY(!text.contains(QStringLiteral("共2页")));
    const QRect ink = inkBounds(QImage(pageImages(pdf, scanDpi).constFirst()));
    QVERIFY2(ink.bottom() <= pixels(282, scanDpi) && ink.right() <= pixels(195, scanDpi),
             qPrintable(QStringLiteral("ink reaches %1,%2 px").arg(ink.right()).arg(ink.bottom())));
}

void TestNoticeRenderer::longListsContinueOnFurtherPages()
{
    // Forty long materials do not fit one page even in small type: the notice continues, every entry there.
    Notice notice = sample(NoticeKind::Accepted);
    notice.materials.clear();
    for (int i = 1; i <= 40; ++i)
        notice.materials.append(
            QStringLiteral("第%1项材料：经营场所使用证明（房屋产权证明或租赁合同，租赁期限不少于一年，"
                           "并附出租方产权证明复印件及消防安全检查合格意见书编号%2）")
                .arg(i)
                .arg(90000 + i));
    const QString pdf = render(notice, QStringLiteral("accepted-long"));
    QVERIFY(!pdf.isEmpty());
    const QStringList pages = pageImages(pdf, scanDpi);
    QVERIFY2(pages.size() >= 2, qPrintable(QString::number(pages.size())));
    const QString text = ow::test::pdfText(pdf);
    for (const QString &entry : std::as_const(notice.materials) + notice.basis)
        QVERIFY2(text.contains(ow::test::normalisedPdfText(entry)),
                 qPrintable(entry + QStringLiteral(" not in: ") + text));
    // Each page is numbered; the following ones say whose notice they continue.
    for (int page = 1; page <= pages.size(); ++page)
        QVERIFY2(text.contains(QStringLiteral("第%1页,共%2页").arg(page).arg(pages.size())),
                 qPrintable(text));
    QCOMPARE(text.count(ow::test::normalisedPdfText(QStringLiteral("受理通知书（续）"))), pages.size() - 1);
    // The closing (clerk, issuer, date) stays together on the last page.
    const QString last = pageText(pdf, int(pages.size()));
    QVERIFY2(last.contains(QStringLiteral("经办人")) && last.contains(QStringLiteral("2026年11月30日")),
             qPrintable(last));
    // Nothing beyond the margins on any page; the QR code only on the first.
    for (const QString &png : pages) {
        const QRect ink = inkBounds(QImage(png));
        QVERIFY2(ink.top() >= pixels(10, scanDpi) && ink.bottom() <= pixels(292, scanDpi)
                     && ink.left() >= pixels(15, scanDpi) && ink.right() <= pixels(195, scanDpi),
                 qPrintable(png));
    }
    QCOMPARE(scan(pages.constFirst()), notice.caseNumber);
    QCOMPARE(scan(pages.constLast()), QString());
    // The preview shows the pages one under another, each watermarked.
    const QImage preview = NoticeRenderer::renderImage(notice, 72, QStringLiteral("预览 — 无效"));
    const int gap = qRound(72 / mmPerInch * 5);
    QCOMPARE(preview.size(), QSize(595, int(pages.size()) * (842 + gap) - gap));
    QVERIFY(reddish(preview.copy(0, preview.height() - 842, 595, 842)) > 5000);
}

void TestNoticeRenderer::tooLongForThePageIsRefused()
{
    // A reason longer than a page cannot be split sensibly: the clerk is told, and nothing is written.
    Notice notice = sample(NoticeKind::Refused);
    notice.reason = QString(12000, QChar(0x7406)); // 理
    const QString pdf = m_dir.filePath(QStringLiteral("too-long.pdf"));
    QString error;
    QVERIFY(!NoticeRenderer::renderPdf(notice, pdf, &error));
    QVERIFY2(error.contains(QStringLiteral("longer than a page")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(pdf));
    // The preview shows the same reason on an otherwise empty page.
    const QImage preview = NoticeRenderer::renderImage(notice, 72);
    QCOMPARE(preview.size(), QSize(595, 842));
    QVERIFY(reddish(preview) > 100);
    // A printer is refused as well, with the same reason.
    QPdfWriter printer(m_dir.filePath(QStringLiteral("too-long-printer.pdf")));
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
    QString printerError;
    QVERIFY(!NoticeRenderer::renderTo(notice, printer, &printerError));
    QVERIFY2(printerError.contains(QStringLiteral("longer than a page")), qPrintable(printerError));

    // A template whose flow has no continuation refuses what does not fit one page even in small type.
    QFile file(QStringLiteral(":/templates/notice-missing-materials.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray document = file.readAll();
    document.replace("\"continueBox\": [20, 30, 170, 250], ", "");
    const auto single = TemplateLoader::load(document, QStringLiteral(":/templates"));
    QVERIFY2(single.isValid(), qPrintable(single.problems.join(QLatin1Char('\n'))));
    QVERIFY(single.tmpl->elements.constLast().continueBox.isEmpty());
    Notice many = sample(NoticeKind::MissingMaterials);
    many.materials.clear();
    for (int i = 1; i <= 300; ++i)
        many.materials.append(QStringLiteral("补充材料第%1项（加盖公章的复印件一份）").arg(i));
    const QString manyPdf = m_dir.filePath(QStringLiteral("too-many.pdf"));
    QVERIFY(!TemplateRenderer::renderPdf(*single.tmpl, NoticeRenderer::fields(many), RenderOptions(), manyPdf,
                                         &error));
    QVERIFY2(error.contains(QStringLiteral("does not fit on the page even in 9 pt type")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(manyPdf));
}

void TestNoticeRenderer::handledOnTheSpot()
{
    Notice notice = sample(NoticeKind::Accepted);
    notice.promisedDays = 0;
    notice.promisedDate = notice.issuedOn;
    notice.onBehalf = false;
    notice.materials.clear();
    const QString html = NoticeRenderer::html(notice);
    QVERIFY2(html.contains(QStringLiteral("本事项为即办件，当场办结")), qPrintable(html));
    QVERIFY(!html.contains(QStringLiteral("个工作日内")));
    QVERIFY(!html.contains(QStringLiteral("已收材料")));
    QVERIFY(!html.contains(QStringLiteral("代办")));
    QVERIFY(html.contains(QStringLiteral("依据")));
}

void TestNoticeRenderer::missingRequiredValueIsRefused()
{
    // A refusal must cite its basis: without one nothing is written.
    Notice notice = sample(NoticeKind::Refused);
    notice.basis.clear();
    const QString pdf = m_dir.filePath(QStringLiteral("refused-without-basis.pdf"));
    QString error;
    QVERIFY(!NoticeRenderer::renderPdf(notice, pdf, &error));
    QVERIFY2(error.contains(QStringLiteral("\"basis\"")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(pdf));
}

void TestNoticeRenderer::sealFollowsTheClosing()
{
    // A centre with its own seal image puts it over the closing, wherever the lists end.
    QFile file(QStringLiteral(":/templates/notice-accepted.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QJsonArray elements = root.value(QStringLiteral("elements")).toArray();
    const qsizetype flow = elements.size() - 1;
    QJsonObject flowElement = elements.at(flow).toObject();
    QCOMPARE(flowElement.value(QStringLiteral("type")).toString(), QStringLiteral("flow"));
    QJsonArray blocks = flowElement.value(QStringLiteral("blocks")).toArray();
    qsizetype issuer = 0;
    while (blocks.at(issuer).toObject().value(QStringLiteral("text")).toString()
           != QStringLiteral("{issuer}（印章）"))
        ++issuer;
    blocks.insert(issuer + 1,
                  QJsonObject {{QStringLiteral("type"), QStringLiteral("seal")},
                               {QStringLiteral("source"),
                                QStringLiteral("images/demo-seal-shifan-county-market-regulation.svg")},
                               {QStringLiteral("box"), QJsonArray {118, -24, 40, 40}}});
    flowElement.insert(QStringLiteral("blocks"), blocks);
    elements.replace(flow, flowElement);
    root.insert(QStringLiteral("elements"), elements);
    const auto sealed = TemplateLoader::load(QJsonDocument(root).toJson(), QStringLiteral(":/templates"));
    QVERIFY2(sealed.isValid(), qPrintable(sealed.problems.join(QLatin1Char('\n'))));

    const auto sealAt = [&](const Notice &notice, const QString &name) {
        const QImage page = TemplateRenderer::renderImage(*sealed.tmpl, NoticeRenderer::fields(notice),
                                                          RenderOptions(), scanDpi);
        if (const QString keep = qEnvironmentVariable("OW_TEST_KEEP_DIR"); !keep.isEmpty())
            page.save(keep + QLatin1Char('/') + name + QStringLiteral(".png"));
        int top = INT_MAX, bottom = -1;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x) {
                const QRgb pixel = page.pixel(x, y);
                if (qRed(pixel) > 170 && qGreen(pixel) < 110 && qBlue(pixel) < 110) {
                    top = qMin(top, y);
                    bottom = qMax(bottom, y);
                }
            }
        return QPair<int, int>(top, bottom);
    };
    Notice brief = sample(NoticeKind::Accepted);
    brief.materials = brief.materials.mid(0, 2);
    brief.basis = brief.basis.mid(0, 1);
    const auto [briefTop, briefBottom] = sealAt(brief, QStringLiteral("sealed-brief"));
    const auto [longTop, longBottom] = sealAt(sample(NoticeKind::Accepted), QStringLiteral("sealed-long"));
    QVERIFY2(briefBottom > briefTop && longBottom > longTop, "no seal drawn");
    // About 40 mm high either way, lower on the page by as much as the lists are longer.
    QVERIFY(qAbs(briefBottom - briefTop - pixels(40, scanDpi)) < pixels(8, scanDpi));
    QVERIFY2(longTop - briefTop > pixels(40, scanDpi),
             qPrintable(QStringLiteral("%1 vs %2").arg(briefTop).arg(longTop)));
    QVERIFY(longBottom < pixels(290, scanDpi));
}

void TestNoticeRenderer::deliveryReceiptToDelegate()
{
    Notice notice = sample(NoticeKind::DeliveryReceipt);
    notice.documents = {QStringLiteral("食品经营许可证")};
    notice.deliveryMethod = DeliveryMethod::Delegate;
    notice.delegateName = QStringLiteral("李四");
    notice.delegateIdNumber = QStringLiteral("110105194912310029");
    notice.mailAddress.clear();
    notice.mailCarrier.clear();
    notice.trackingNumber.clear();
    const QString pdf = render(notice, QStringLiteral("receipt-delegate"));
    QVERIFY(!pdf.isEmpty());
    const QString text = ow::test::pdfText(pdf);
    QVERIFY2(text.contains(QStringLiteral("送达回证")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("委托代领")));
    QVERIFY(text.contains(ow::test::normalisedPdfText(QStringLiteral("李四（110105194912310029）"))));
    QVERIFY(text.contains(ow::test::normalisedPdfText(QStringLiteral("受托代领人签名"))));
    QVERIFY(!text.contains(ow::test::normalisedPdfText(QStringLiteral("受送达人签名"))));
    QVERIFY(!text.contains(QStringLiteral("邮件单号")));
    // The lines the delegate and the deliverer sign on, and the date of receipt.
    QCOMPARE(NoticeRenderer::html(notice).count(QString(24, QLatin1Char('_'))), 3);
    // Drawn: three long horizontal rules below the body, besides the heading's rule.
    const QImage page(pagePng(pdf, scanDpi));
    int rules = 0;
    bool inRule = false;
    for (int y = 0; y < page.height(); ++y) {
        int run = 0, longest = 0;
        for (int x = 0; x < page.width(); ++x) {
            run = qGray(page.pixel(x, y)) < 128 ? run + 1 : 0;
            longest = qMax(longest, run);
        }
        const bool rule = longest > pixels(60, scanDpi);
        if (rule && !inRule)
            ++rules;
        inRule = rule;
    }
    QCOMPARE(rules, 4);
}

void TestNoticeRenderer::previewImage()
{
    const QImage plain = NoticeRenderer::renderImage(sample(NoticeKind::Accepted), 72);
    const QImage marked
        = NoticeRenderer::renderImage(sample(NoticeKind::Accepted), 72, QStringLiteral("预览 — 无效"));
    // A4 at 72 dpi is 595 × 842 points.
    QCOMPARE(plain.size(), QSize(595, 842));
    QCOMPARE(marked.size(), plain.size());
    // The watermark is red across the page; the notice itself is black on white.
    QCOMPARE(reddish(plain), 0);
    QVERIFY(reddish(marked) > 5000);
    // The QR code's top-left finder pattern is dark, inside the top-right corner's quiet zone.
    int dark = 0;
    for (int x = 400; x < plain.width(); ++x)
        for (int y = 0; y < 160; ++y)
            dark += qGray(plain.pixel(x, y)) < 64 ? 1 : 0;
    QVERIFY(dark > 500);
    // The preview reads like the PDF: the same wording at the same place.
    const QString file = m_dir.filePath(QStringLiteral("preview.png"));
    QVERIFY(NoticeRenderer::renderImage(sample(NoticeKind::Accepted), 200).save(file));
    QCOMPARE(scan(file), sample(NoticeKind::Accepted).caseNumber);
}

void TestNoticeRenderer::templatesAreBuiltIn()
{
    for (NoticeKind kind : {NoticeKind::Accepted, NoticeKind::MissingMaterials, NoticeKind::Refused,
                            NoticeKind::DeliveryReceipt, NoticeKind::SupplementRequest}) {
        const auto result = TemplateLoader::loadNamed(NoticeRenderer::templateId(kind));
        QVERIFY2(result.isValid(), qPrintable(result.problems.join(QLatin1Char('\n'))));
        QCOMPARE(result.tmpl->title, printedTitle(kind));
        QCOMPARE(result.tmpl->pageSizeMm, QSizeF(210, 297));
    }
    // Lists travel one entry per line; a line break inside an entry does not split it.
    Notice notice = sample(NoticeKind::MissingMaterials);
    notice.materials = {QStringLiteral("甲\n乙"), QString(), QStringLiteral("丙")};
    QCOMPARE(NoticeRenderer::fields(notice).value(QStringLiteral("materials")), QStringLiteral("甲 乙\n丙"));
    QCOMPARE(
        NoticeRenderer::fields(sample(NoticeKind::DeliveryReceipt)).value(QStringLiteral("deliveryMethod")),
        QStringLiteral("mail"));
}

void TestNoticeRenderer::qrCode()
{
    const QrCode code = QrCode::encode(QStringLiteral("330102-20261122-D07-000123-8"));
    QVERIFY(!code.isNull());
    QCOMPARE(code.width(), 29); // version 3: 28 bytes exceed version 2's 26 at level M
    // Finder pattern corners are dark.
    QVERIFY(code.isDark(0, 0));
    QVERIFY(code.isDark(code.width() - 1, 0));
    QVERIFY(code.isDark(0, code.width() - 1));
    QVERIFY(QrCode::encode(QString(5000, QLatin1Char('x'))).isNull());
}

QTEST_MAIN(TestNoticeRenderer)
#include "tst_noticerenderer.moc"
