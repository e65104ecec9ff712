// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Notices as the applicant receives them: a PDF whose text says what the
// window decided, and the same page as the clerk previews it.

#include <ow/printing/noticerenderer.h>
#include <ow/printing/qrcode.h>

#include "pdftext.h"

#include <QGuiApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ow::printing;

namespace {

Notice sample(NoticeKind kind)
{
    Notice notice;
    notice.kind = kind;
    notice.issuer = QStringLiteral("某某县政务服务中心");
    notice.caseNumber = QStringLiteral("330102-20261122-D07-000123-8");
    notice.applicantName = QStringLiteral("欧阳娜娜");
    notice.applicantIdNumber = QStringLiteral("11010519491231002X");
    notice.items = {QStringLiteral("食品经营许可（新办）")};
    notice.issuedOn = QDate(2026, 11, 30);
    notice.promisedDays = 5;
    notice.promisedDate = QDate(2026, 12, 7);
    notice.clerk = QStringLiteral("张三");
    return notice;
}

} // namespace

class TestNoticeRenderer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acceptanceNoticePdf();
    void missingMaterialsListsEveryMaterial();
    void refusalCitesBasis();
    void supplementRequestListsMaterialsAndReason();
    void deliveryReceiptToDelegate();
    void deliveryReceiptByMail();
    void previewImage();
    void qrCode();

private:
    QTemporaryDir m_dir;
};

void TestNoticeRenderer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
}

void TestNoticeRenderer::acceptanceNoticePdf()
{
    Notice notice = sample(NoticeKind::Accepted);
    notice.materials = {QStringLiteral("营业执照"), QStringLiteral("法定代表人身份证明")};
    const QString file = m_dir.filePath(QStringLiteral("accepted.pdf"));
    QString error;
    QVERIFY2(NoticeRenderer::renderPdf(notice, file, &error), qPrintable(error));
    const QString text = ow::test::pdfText(file);
    QVERIFY2(text.contains(QStringLiteral("330102-20261122-D07-000123-8")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("欧阳娜娜")));
    QVERIFY(text.contains(ow::test::normalisedPdfText(QStringLiteral("食品经营许可（新办）"))));
    QVERIFY(text.contains(QStringLiteral("2026-12-07")));
    QVERIFY(text.contains(QStringLiteral("法定代表人身份证明")));
}

void TestNoticeRenderer::missingMaterialsListsEveryMaterial()
{
    Notice notice = sample(NoticeKind::MissingMaterials);
    notice.caseNumber.clear();
    notice.materials = {QStringLiteral("经营场所使用证明"), QStringLiteral("食品安全管理制度")};
    notice.basis = {QStringLiteral("《中华人民共和国行政许可法》第三十二条")};
    const QString file = m_dir.filePath(QStringLiteral("missing.pdf"));
    QVERIFY(NoticeRenderer::renderPdf(notice, file));
    const QString text = ow::test::pdfText(file);
    QVERIFY2(text.contains(QStringLiteral("经营场所使用证明")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("食品安全管理制度")));
    QVERIFY(text.contains(QStringLiteral("《中华人民共和国行政许可法》第三十二条")));
}

void TestNoticeRenderer::supplementRequestListsMaterialsAndReason()
{
    Notice notice = sample(NoticeKind::SupplementRequest);
    notice.materials = {QStringLiteral("从业人员健康证明"), QStringLiteral("消防安全检查合格证")};
    notice.reason = QStringLiteral("现场核查发现从业人员3名未提供健康证明");
    const QString file = m_dir.filePath(QStringLiteral("supplement.pdf"));
    QVERIFY(NoticeRenderer::renderPdf(notice, file));
    const QString text = ow::test::pdfText(file);
    QVERIFY2(text.contains(QStringLiteral("从业人员健康证明")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("消防安全检查合格证")));
    QVERIFY(text.contains(QStringLiteral("未提供健康证明")));
    QVERIFY(text.contains(notice.caseNumber));
    QVERIFY2(text.contains(Notice::title(NoticeKind::SupplementRequest).remove(u' ')), qPrintable(text));
}

void TestNoticeRenderer::refusalCitesBasis()
{
    Notice notice = sample(NoticeKind::Refused);
    notice.reason = QStringLiteral("申请事项依法不需要取得行政许可");
    notice.basis = {QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第一项")};
    const QString file = m_dir.filePath(QStringLiteral("refused.pdf"));
    QVERIFY(NoticeRenderer::renderPdf(notice, file));
    const QString text = ow::test::pdfText(file);
    QVERIFY2(text.contains(QStringLiteral("申请事项依法不需要取得行政许可")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("第三十二条第一款第一项")));
}

void TestNoticeRenderer::deliveryReceiptToDelegate()
{
    Notice notice = sample(NoticeKind::DeliveryReceipt);
    notice.documents = {QStringLiteral("食品经营许可证")};
    notice.deliveryMethod = DeliveryMethod::Delegate;
    notice.delegateName = QStringLiteral("李四");
    notice.delegateIdNumber = QStringLiteral("110105194912310029");
    const QString file = m_dir.filePath(QStringLiteral("receipt-delegate.pdf"));
    QString error;
    QVERIFY2(NoticeRenderer::renderPdf(notice, file, &error), qPrintable(error));
    const QString text = ow::test::pdfText(file);
    QVERIFY2(text.contains(ow::test::normalisedPdfText(notice.title())), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("330102-20261122-D07-000123-8")));
    QVERIFY(text.contains(ow::test::normalisedPdfText(QStringLiteral("食品经营许可证"))));
    QVERIFY(text.contains(ow::test::normalisedPdfText(Notice::deliveryMethodName(DeliveryMethod::Delegate))));
    QVERIFY(text.contains(QStringLiteral("110105194912310029")));
    QVERIFY(text.contains(QStringLiteral("2026-11-30")));
    // The lines the delegate and the deliverer sign on.
    QCOMPARE(NoticeRenderer::html(notice).count(QString(24, QLatin1Char('_'))), 3);
    QVERIFY(!NoticeRenderer::html(notice).contains(QStringLiteral("Tracking")));
}

void TestNoticeRenderer::deliveryReceiptByMail()
{
    Notice notice = sample(NoticeKind::DeliveryReceipt);
    notice.documents = {QStringLiteral("不予行政许可决定书")};
    notice.deliveryMethod = DeliveryMethod::Mail;
    notice.mailAddress = QStringLiteral("示范县城关街道人民路1号");
    notice.mailCarrier = QStringLiteral("中国邮政EMS");
    notice.trackingNumber = QStringLiteral("1151234567890");
    const QString file = m_dir.filePath(QStringLiteral("receipt-mail.pdf"));
    QVERIFY(NoticeRenderer::renderPdf(notice, file));
    const QString text = ow::test::pdfText(file);
    QVERIFY2(text.contains(QStringLiteral("1151234567890")), qPrintable(text));
    QVERIFY(text.contains(ow::test::normalisedPdfText(QStringLiteral("示范县城关街道人民路1号"))));
    QVERIFY(text.contains(QStringLiteral("EMS")));
    // A preview carries the watermark; the printed layout does not.
    QVERIFY(NoticeRenderer::renderImage(notice, 72)
            != NoticeRenderer::renderImage(notice, 72, QStringLiteral("预览 — 无效")));
}

void TestNoticeRenderer::previewImage()
{
    const QImage plain = NoticeRenderer::renderImage(sample(NoticeKind::Accepted), 72);
    const QImage marked
        = NoticeRenderer::renderImage(sample(NoticeKind::Accepted), 72, QStringLiteral("预览 — 无效"));
    // A4 at 72 dpi is 595 × 842 points.
    QCOMPARE(plain.size(), QSize(595, 842));
    QVERIFY(plain != marked);
    // The QR code's top-left finder pattern is dark, inside the top-right corner's quiet zone.
    int dark = 0;
    for (int x = 400; x < plain.width(); ++x)
        for (int y = 0; y < 160; ++y)
            dark += qGray(plain.pixel(x, y)) < 64 ? 1 : 0;
    QVERIFY(dark > 500);
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
