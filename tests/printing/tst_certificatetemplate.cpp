// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Certificates from their templates as the holder and a checker see them:
// the PDF's text, the printed page (pdftoppm) and its QR code (zbarimg),
// checked with the authority's public key.

#include <ow/core/canonicaljson.h>
#include <ow/printing/certificatecode.h>
#include <ow/printing/certificatetemplate.h>
#include <ow/printing/templaterenderer.h>

#include "certificatesample.h"
#include "pdftext.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ow::printing;

namespace {

constexpr int scanDpi = 200;
constexpr qreal mmPerInch = 25.4;

// The PDF's only page as the printer would put it on paper, at `dpi`.
QImage pageImage(const QString &pdf, int dpi)
{
    const QString prefix = pdf + QStringLiteral("-%1").arg(dpi);
    QProcess process;
    process.start(QStringLiteral("pdftoppm"),
                  {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-png"),
                   QStringLiteral("-singlefile"), pdf, prefix});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QImage(prefix + QStringLiteral(".png"));
}

// What a QR scanner reads from the image file.
QString scan(const QString &png)
{
    QProcess process;
    process.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), png});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

// The smallest rectangle holding every dark pixel (what ink there is).
QRect inkBounds(const QImage &image, const QRect &within = QRect())
{
    const QRect area = within.isNull() ? image.rect() : within & image.rect();
    int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = area.left(); x <= area.right(); ++x) {
            if (qGray(line[x]) < 128) {
                left = qMin(left, x);
                right = qMax(right, x);
                top = qMin(top, y);
                bottom = qMax(bottom, y);
            }
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

int countPixels(const QImage &image, const std::function<bool(QRgb)> &test)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            count += test(line[x]) ? 1 : 0;
    }
    return count;
}

bool isSealRed(QRgb pixel)
{
    return qRed(pixel) > 170 && qGreen(pixel) < 110 && qBlue(pixel) < 110;
}

qreal pixels(qreal mm, int dpi)
{
    return mm / mmPerInch * dpi;
}

QByteArray builtInDocument(const QString &id)
{
    QFile file(QStringLiteral(":/templates/%1.json").arg(id));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCertificateTemplate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void builtInTemplatesLoad();
    void renderedCodeVerifies_data();
    void renderedCodeVerifies();
    void preprintedStockOmitsDesign();
    void calibrationMovesEveryField();
    void calibrationScales();
    void previewIsWatermarked();
    void textFitsItsBox();
    void missingRequiredFieldIsRefused();
    void bitmapImages();
    void loaderErrors_data();
    void loaderErrors();

private:
    CertificateTemplate load(const QString &id);
    QString render(const QString &id, const CertificateFields &fields, const RenderOptions &options,
                   const QString &name);

    QTemporaryDir m_dir;
    AuthorityKey m_key;
    AuthorityPublicKeys m_keys;
};

void TestCertificateTemplate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *tool : {"pdftoppm", "pdftotext", "zbarimg"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (scripts/setup-deps.sh)")
                                 .arg(QString::fromLatin1(tool))));
    }
    m_key = AuthorityKey::generate();
    QVERIFY(!m_key.isNull());
    m_keys.insert(QStringLiteral("demo-centre-2026"), m_key.publicPem());
}

CertificateTemplate TestCertificateTemplate::load(const QString &id)
{
    const auto result = TemplateLoader::loadNamed(id);
    if (!result.isValid())
        qWarning() << result.problems;
    return result.tmpl.value_or(CertificateTemplate());
}

QString TestCertificateTemplate::render(const QString &id, const CertificateFields &fields,
                                        const RenderOptions &options, const QString &name)
{
    const QString pdf = m_dir.filePath(name + QStringLiteral(".pdf"));
    QString error;
    if (!TemplateRenderer::renderPdf(load(id), fields, options, pdf, &error)) {
        qWarning() << error;
        return {};
    }
    ow::test::keepForInspection(pdf, name);
    return pdf;
}

void TestCertificateTemplate::builtInTemplatesLoad()
{
    const QStringList ids = TemplateLoader::builtInIds();
    QVERIFY2(ids.contains(QStringLiteral("food-business-licence")), qPrintable(ids.join(QLatin1Char(' '))));
    QVERIFY(ids.contains(QStringLiteral("business-licence-individual")));
    QVERIFY(ids.contains(QStringLiteral("calibration-sheet")));
    for (const QString &id : ids) {
        const auto result = TemplateLoader::loadNamed(id);
        QVERIFY2(result.isValid(),
                 qPrintable(id + QStringLiteral(": ") + result.problems.join(QLatin1Char('\n'))));
        QCOMPARE(result.tmpl->id, id);
    }
    // The certificate types are the demo catalogue's.
    QCOMPARE(load(QStringLiteral("food-business-licence")).certificateType,
             QStringLiteral("food-business-licence"));
    QCOMPARE(load(QStringLiteral("business-licence-individual")).certificateType,
             QStringLiteral("business-licence"));
    // A template file outside the built-in ones loads with its images beside it.
    const QString file = m_dir.filePath(QStringLiteral("copy/food.json"));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("copy/images"))));
    QVERIFY(QFile::copy(QStringLiteral(":/templates/food-business-licence.json"), file));
    for (const QString &image : {QStringLiteral("demo-seal-shifan-county-market-regulation.svg"),
                                 QStringLiteral("emblem-placeholder.svg")})
        QVERIFY(QFile::copy(QStringLiteral(":/templates/images/") + image,
                            m_dir.filePath(QStringLiteral("copy/images/") + image)));
    const auto copy = TemplateLoader::loadNamed(file);
    QVERIFY2(copy.isValid(), qPrintable(copy.problems.join(QLatin1Char('\n'))));
    QVERIFY(!TemplateLoader::loadNamed(QStringLiteral("no-such-template")).isValid());
}

void TestCertificateTemplate::renderedCodeVerifies_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("printed"); // text the PDF must contain
    QTest::newRow("食品经营许可证") << QStringLiteral("food-business-licence")
                                    << QStringList {QStringLiteral("食品经营许可证"),
                                                    QStringLiteral("JY13301020000123"),
                                                    QStringLiteral("示范县欧阳娜娜小吃店"),
                                                    QStringLiteral("92330102MA2KX1234Q"),
                                                    QStringLiteral("示范县城关镇人民路88号1层"),
                                                    QStringLiteral("小餐饮"),
                                                    QStringLiteral("热食类食品制售"),
                                                    QStringLiteral("2031年11月29日"),
                                                    QStringLiteral("示范县市场监督管理局"),
                                                    QStringLiteral("2026年11月30日"),
                                                    QStringLiteral("张建国")};
    QTest::newRow("营业执照") << QStringLiteral("business-licence-individual")
                              << QStringList {QStringLiteral("营业执照"),
                                              QStringLiteral("92330102MA2KX1234Q"),
                                              QStringLiteral("示范县欧阳娜娜小吃店"),
                                              QStringLiteral("个体工商户"),
                                              QStringLiteral("欧阳娜娜"),
                                              QStringLiteral("个人经营"),
                                              QStringLiteral("示范县城关镇人民路88号1层"),
                                              QStringLiteral("外卖递送服务"),
                                              QStringLiteral("示范县市场监督管理局"),
                                              QStringLiteral("2026年11月30日")};
}

void TestCertificateTemplate::renderedCodeVerifies()
{
    QFETCH(QString, id);
    QFETCH(QStringList, printed);
    const CertificateKeyFields key = ow::test::sampleKeyFields(id);
    QString error;
    const QString code = CertificateCode::sign(key, m_key, &error);
    QVERIFY2(!code.isEmpty(), qPrintable(error));
    const QString pdf = render(id, ow::test::sampleFields(id, key, code), RenderOptions(), id);
    QVERIFY(!pdf.isEmpty());

    // Chinese text is real text in the PDF (searchable, copyable), as printed.
    const QString text = ow::test::pdfText(pdf);
    for (const QString &expected : printed)
        QVERIFY2(text.contains(ow::test::normalisedPdfText(expected)),
                 qPrintable(expected + QStringLiteral(" in ") + text));

    // A phone camera's view of the printed page: the QR code decodes to the signed code.
    const QImage page = pageImage(pdf, scanDpi);
    QVERIFY(!page.isNull());
    const QString scanned = scan(pdf + QStringLiteral("-%1.png").arg(scanDpi));
    QCOMPARE(scanned, code);
    const auto verification = CertificateCode::verify(scanned, m_keys);
    QCOMPARE(verification.status, CertificateCode::Status::Genuine);
    QCOMPARE(*verification.fields, key);

    // A certificate printed with one detail changed carries a code that fails.
    CertificateKeyFields changed = key;
    changed.holderName = QStringLiteral("示范县欧阳娜娜大酒店");
    const QByteArray changedDetails = *ow::core::CanonicalJson::toBytes(changed.toJson());
    const QString forgedCode = CertificateCode::prefix()
        + QString::fromLatin1(changedDetails.toBase64(QByteArray::Base64UrlEncoding
                                                      | QByteArray::OmitTrailingEquals))
        + QLatin1Char('.') + code.section(QLatin1Char('.'), 1); // the genuine certificate's signature
    const QString forgedPdf = render(id, ow::test::sampleFields(id, changed, forgedCode), RenderOptions(),
                                     id + QStringLiteral("-forged"));
    QVERIFY(pageImage(forgedPdf, scanDpi).width() > 0);
    const QString forgedScan = scan(forgedPdf + QStringLiteral("-%1.png").arg(scanDpi));
    QCOMPARE(forgedScan, forgedCode);
    const auto forged = CertificateCode::verify(forgedScan, m_keys);
    QCOMPARE(forged.status, CertificateCode::Status::Forged);
    QCOMPARE(forged.fields->holderName, changed.holderName);
}

void TestCertificateTemplate::preprintedStockOmitsDesign()
{
    const QString id = QStringLiteral("food-business-licence");
    const CertificateKeyFields key = ow::test::sampleKeyFields(id);
    const QString code = CertificateCode::sign(key, m_key);
    const CertificateFields fields = ow::test::sampleFields(id, key, code);
    RenderOptions stock;
    stock.mode = RenderOptions::Mode::PreprintedStock;
    const QString plainPdf = render(id, fields, RenderOptions(), QStringLiteral("plain"));
    const QString stockPdf = render(id, fields, stock, QStringLiteral("stock"));

    // The title and the labels are on the paper already; the values are printed.
    const QString plainText = ow::test::pdfText(plainPdf);
    const QString stockText = ow::test::pdfText(stockPdf);
    for (const QString &design : {QStringLiteral("食品经营许可证"), QStringLiteral("经营者名称"),
                                  QStringLiteral("发证机关"), QStringLiteral("国家市场监督管理总局监制")}) {
        const QString normalised = ow::test::normalisedPdfText(design);
        QVERIFY2(plainText.contains(normalised), qPrintable(design));
        QVERIFY2(!stockText.contains(normalised), qPrintable(design));
    }
    for (const QString &value : {QStringLiteral("示范县欧阳娜娜小吃店"), QStringLiteral("JY13301020000123"),
                                 QStringLiteral("2031年11月29日")})
        QVERIFY2(stockText.contains(ow::test::normalisedPdfText(value)), qPrintable(value));

    // No border, no emblem, no seal on stock; the QR code still scans.
    const QImage plain = pageImage(plainPdf, 100);
    const QImage onStock = pageImage(stockPdf, 100);
    QVERIFY(countPixels(plain, isSealRed) > 1000);
    QCOMPARE(countPixels(onStock, isSealRed), 0);
    const auto gold = [](QRgb p) {
        return qRed(p) > 120 && qBlue(p) < 90 && qRed(p) - qBlue(p) > 60 && qGreen(p) > 80;
    };
    QVERIFY(countPixels(plain, gold) > 1000);
    QCOMPARE(countPixels(onStock, gold), 0);
    QVERIFY(!pageImage(stockPdf, scanDpi).isNull());
    QCOMPARE(scan(stockPdf + QStringLiteral("-%1.png").arg(scanDpi)), code);
}

void TestCertificateTemplate::calibrationMovesEveryField()
{
    const QString id = QStringLiteral("food-business-licence");
    const CertificateKeyFields key = ow::test::sampleKeyFields(id);
    const CertificateFields fields = ow::test::sampleFields(id, key, CertificateCode::sign(key, m_key));
    RenderOptions options;
    options.mode = RenderOptions::Mode::PreprintedStock;
    const QImage before = pageImage(render(id, fields, options, QStringLiteral("calibration-none")), scanDpi);
    options.calibration.xOffsetMm = 5;
    options.calibration.yOffsetMm = -3;
    const QImage after
        = pageImage(render(id, fields, options, QStringLiteral("calibration-offset")), scanDpi);
    QCOMPARE(after.size(), before.size());

    // Everything printed (the fields and the QR code) moved by 5 mm right and 3 mm up.
    const QRect was = inkBounds(before);
    const QRect is = inkBounds(after);
    QVERIFY(!was.isNull());
    const qreal dx = pixels(5, scanDpi); // 39.4 px
    const qreal dy = pixels(-3, scanDpi); // -23.6 px
    const qreal tolerance = 1.5;
    QVERIFY2(qAbs(is.left() - was.left() - dx) <= tolerance,
             qPrintable(QStringLiteral("%1 → %2").arg(was.left()).arg(is.left())));
    QVERIFY(qAbs(is.right() - was.right() - dx) <= tolerance);
    QVERIFY(qAbs(is.top() - was.top() - dy) <= tolerance);
    QVERIFY(qAbs(is.bottom() - was.bottom() - dy) <= tolerance);

    // And one field on its own: the certificate number, right of the middle.
    const QRect numberArea(qRound(pixels(200, scanDpi)), qRound(pixels(76, scanDpi)),
                           qRound(pixels(90, scanDpi)), qRound(pixels(12, scanDpi)));
    const QRect numberWas = inkBounds(before, numberArea);
    const QRect numberIs = inkBounds(after, numberArea.translated(qRound(dx), qRound(dy)));
    QVERIFY(!numberWas.isNull() && !numberIs.isNull());
    QVERIFY(qAbs(numberIs.left() - numberWas.left() - dx) <= tolerance);
    QVERIFY(qAbs(numberIs.top() - numberWas.top() - dy) <= tolerance);
}

void TestCertificateTemplate::calibrationScales()
{
    const QString id = QStringLiteral("food-business-licence");
    const CertificateKeyFields key = ow::test::sampleKeyFields(id);
    const CertificateFields fields = ow::test::sampleFields(id, key, CertificateCode::sign(key, m_key));
    RenderOptions options;
    options.mode = RenderOptions::Mode::PreprintedStock;
    const QRect was
        = inkBounds(pageImage(render(id, fields, options, QStringLiteral("scale-none")), scanDpi));
    options.calibration.xScale = 1.02;
    options.calibration.yScale = 0.98;
    const QRect is = inkBounds(pageImage(render(id, fields, options, QStringLiteral("scale-set")), scanDpi));
    // Scaled about the paper's corner: every edge moves in proportion to its distance from it.
    const qreal tolerance = 2;
    QVERIFY2(qAbs(is.left() - was.left() * 1.02) <= tolerance,
             qPrintable(QStringLiteral("%1 → %2").arg(was.left()).arg(is.left())));
    QVERIFY(qAbs(is.right() - was.right() * 1.02) <= tolerance);
    QVERIFY(qAbs(is.top() - was.top() * 0.98) <= tolerance);
    QVERIFY(qAbs(is.bottom() - was.bottom() * 0.98) <= tolerance);
}

void TestCertificateTemplate::previewIsWatermarked()
{
    const QString id = QStringLiteral("food-business-licence");
    const CertificateKeyFields key = ow::test::sampleKeyFields(id);
    const CertificateFields fields = ow::test::sampleFields(id, key, CertificateCode::sign(key, m_key));
    RenderOptions preview;
    preview.previewWatermark = true;
    const QString pdf = render(id, fields, preview, QStringLiteral("preview"));
    QVERIFY(ow::test::pdfText(pdf).contains(ow::test::normalisedPdfText(RenderOptions::watermarkText())));
    QVERIFY(!ow::test::pdfText(render(id, fields, RenderOptions(), QStringLiteral("no-preview")))
                 .contains(ow::test::normalisedPdfText(RenderOptions::watermarkText())));
    // On screen too: reddish ink across the middle of the page, where the certificate has none.
    const QImage image = TemplateRenderer::renderImage(load(id), fields, preview, 96);
    const QImage clean = TemplateRenderer::renderImage(load(id), fields, RenderOptions(), 96);
    QCOMPARE(image.size(), QSize(qRound(pixels(297, 96)), qRound(pixels(210, 96))));
    const auto pinkish = [](QRgb p) {
        return qRed(p) > 200 && qGreen(p) < 200 && qBlue(p) < 200 && qGreen(p) > 100;
    };
    QVERIFY(countPixels(image, pinkish) > countPixels(clean, pinkish) + 2000);
}

void TestCertificateTemplate::textFitsItsBox()
{
    // A one-field template: a long name shrinks into its box, a long scope wraps in its box.
    const QByteArray document = R"({
        "format": "onewindow-certificate-template", "version": 1, "id": "fit", "title": "fit",
        "page": {"widthMm": 100, "heightMm": 60},
        "fields": [{"name": "name"}, {"name": "scope"}],
        "elements": [
            {"type": "field", "field": "name", "box": [10, 5, 50, 8], "font": {"sizePt": 14}, "fit": "shrink", "minSizePt": 5},
            {"type": "field", "field": "scope", "box": [10, 20, 50, 30], "font": {"sizePt": 12}, "fit": "wrap", "minSizePt": 5, "valign": "top"}
        ]})";
    const auto result = TemplateLoader::load(document, QString());
    QVERIFY2(result.isValid(), qPrintable(result.problems.join(QLatin1Char('\n'))));
    const int dpi = 300;
    const CertificateFields fields {
        {QStringLiteral("name"), QStringLiteral("示范县城关镇欧阳娜娜餐饮管理服务有限责任公司第一分公司")},
        {QStringLiteral("scope"),
         QStringLiteral("热食类食品制售；冷食类食品制售（不含烧卤熟肉）；生食类食品制售（限生食"
                        "类水产品）；糕点类食品制售（不含裱花蛋糕）；自制饮品制售（不含生鲜乳饮品）"
                        "；预包装食品销售（含冷藏冷冻食品）；散装食品销售（不含散装熟食）")},
    };
    const QImage image = TemplateRenderer::renderImage(*result.tmpl, fields, RenderOptions(), dpi);
    QVERIFY(!image.isNull());
    const auto box = [dpi](qreal x, qreal y, qreal w, qreal h) {
        return QRectF(pixels(x, dpi), pixels(y, dpi), pixels(w, dpi), pixels(h, dpi));
    };
    const QRect name = inkBounds(image, QRect(0, 0, image.width(), qRound(pixels(16, dpi))));
    QVERIFY(!name.isNull());
    QVERIFY2(
        box(10, 5, 50, 8).adjusted(-2, -2, 2, 2).contains(QRectF(name)),
        qPrintable(
            QStringLiteral("%1 %2 %3 %4").arg(name.x()).arg(name.y()).arg(name.width()).arg(name.height())));
    QVERIFY(name.width() > pixels(45, dpi)); // shrunk to fit, not to nothing
    const QRect scope = inkBounds(image, QRect(0, qRound(pixels(18, dpi)), image.width(), image.height()));
    QVERIFY(box(10, 20, 50, 30).adjusted(-2, -2, 2, 2).contains(QRectF(scope)));
    QVERIFY(scope.height() > pixels(15, dpi)); // several lines
}

void TestCertificateTemplate::missingRequiredFieldIsRefused()
{
    const QString id = QStringLiteral("food-business-licence");
    const CertificateKeyFields key = ow::test::sampleKeyFields(id);
    CertificateFields fields = ow::test::sampleFields(id, key, CertificateCode::sign(key, m_key));
    fields.remove(QStringLiteral("holderName"));
    const QString pdf = m_dir.filePath(QStringLiteral("refused.pdf"));
    QString error;
    QVERIFY(!TemplateRenderer::renderPdf(load(id), fields, RenderOptions(), pdf, &error));
    QVERIFY2(error.contains(QStringLiteral("holderName")), qPrintable(error));
    QVERIFY(!QFile::exists(pdf));
}

void TestCertificateTemplate::bitmapImages()
{
    // An authority's seal may come as a PNG: drawn in its box, in proportion.
    QImage seal(200, 100, QImage::Format_ARGB32);
    seal.fill(QColor(215, 0, 15));
    QVERIFY(seal.save(m_dir.filePath(QStringLiteral("seal.png"))));
    QFile broken(m_dir.filePath(QStringLiteral("broken.svg")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=");
    broken.close();
    const QByteArray document = R"({
        "format": "onewindow-certificate-template", "version": 1, "id": "png", "title": "png",
        "page": {"widthMm": 100, "heightMm": 60},
        "elements": [{"type": "seal", "box": [10, 10, 40, 40], "source": "seal.png"}]})";
    const auto result = TemplateLoader::load(document, m_dir.path());
    QVERIFY2(result.isValid(), qPrintable(result.problems.join(QLatin1Char('\n'))));
    const int dpi = 100;
    const QImage image = TemplateRenderer::renderImage(*result.tmpl, {}, RenderOptions(), dpi);
    const QRect red = inkBounds(image);
    // 40 × 20 mm, centred vertically in the 40 mm box.
    QVERIFY(qAbs(red.left() - pixels(10, dpi)) <= 1.5);
    QVERIFY(qAbs(red.width() - pixels(40, dpi)) <= 1.5);
    QVERIFY(qAbs(red.top() - pixels(20, dpi)) <= 1.5);
    QVERIFY(qAbs(red.height() - pixels(20, dpi)) <= 1.5);

    const auto bad
        = TemplateLoader::load(QByteArray(document).replace("seal.png", "broken.svg"), m_dir.path());
    QVERIFY(!bad.isValid());
    QVERIFY2(bad.problems.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("elements[0].source: cannot read the image")),
             qPrintable(bad.problems.join(QLatin1Char('\n'))));
}

void TestCertificateTemplate::loaderErrors_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected"); // part of the reported problem

    const QJsonObject valid
        = QJsonDocument::fromJson(builtInDocument(QStringLiteral("food-business-licence"))).object();
    QVERIFY(!valid.isEmpty());
    const auto changed = [&](const std::function<void(QJsonObject &)> &change) {
        QJsonObject copy = valid;
        change(copy);
        return QJsonDocument(copy).toJson();
    };
    const auto changeElement = [&](int index, const std::function<void(QJsonObject &)> &change) {
        return changed([&](QJsonObject &root) {
            QJsonArray elements = root.value(QStringLiteral("elements")).toArray();
            QJsonObject element = elements.at(index).toObject();
            change(element);
            elements.replace(index, element);
            root.insert(QStringLiteral("elements"), elements);
        });
    };
    // Element 0 is the border, 3 the title; find the first field element.
    int field = 0;
    const QJsonArray elements = valid.value(QStringLiteral("elements")).toArray();
    while (elements.at(field).toObject().value(QStringLiteral("type")).toString() != QLatin1String("field"))
        ++field;
    const QString fieldPath = QStringLiteral("elements[%1]").arg(field);

    QTest::newRow("not json") << QByteArray("{\"format\": ") << QStringLiteral("not valid JSON");
    QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("a template is a JSON object");
    QTest::newRow("other format") << changed([](QJsonObject &r) {
        r.insert(QStringLiteral("format"), QStringLiteral("x"));
    }) << QStringLiteral("format: must be");
    QTest::newRow("unknown field") << changeElement(field, [](QJsonObject &e) {
        e.insert(QStringLiteral("field"), QStringLiteral("holderNmae"));
    }) << fieldPath + QStringLiteral(".field: unknown field \"holderNmae\"");
    QTest::newRow("box off the page")
        << changeElement(0,
                         [](QJsonObject &e) {
                             e.insert(QStringLiteral("box"), QJsonArray {5, 5, 300, 200});
                         })
        << QStringLiteral(
               "elements[0].box: the box (x 5, y 5, 300 × 200 mm) extends beyond the 297 × 210 mm page");
    QTest::newRow("negative position") << changeElement(field, [](QJsonObject &e) {
        e.insert(QStringLiteral("box"), QJsonArray {-3, 5, 30, 10});
    }) << fieldPath + QStringLiteral(".box: the box");
    QTest::newRow("empty box") << changeElement(field, [](QJsonObject &e) {
        e.insert(QStringLiteral("box"), QJsonArray {3, 5, 0, 10});
    }) << fieldPath + QStringLiteral(".box: the width and height must be greater than zero");
    QTest::newRow("box not four numbers") << changeElement(field, [](QJsonObject &e) {
        e.insert(QStringLiteral("box"), QJsonArray {3, 5, 10});
    }) << fieldPath + QStringLiteral(".box: must be [x, y, width, height]");
    QTest::newRow("unknown type") << changeElement(0, [](QJsonObject &e) {
        e.insert(QStringLiteral("type"), QStringLiteral("circle"));
    }) << QStringLiteral("elements[0].type: unknown element type \"circle\"");
    QTest::newRow("unknown property") << changeElement(field, [](QJsonObject &e) {
        e.insert(QStringLiteral("allign"), QStringLiteral("left"));
    }) << fieldPath + QStringLiteral(".allign: unknown property");
    QTest::newRow("bad fit") << changeElement(field, [](QJsonObject &e) {
        e.insert(QStringLiteral("fit"), QStringLiteral("squeeze"));
    }) << fieldPath + QStringLiteral(".fit: must be");
    QTest::newRow("minimum above size")
        << changeElement(field, [](QJsonObject &e) { e.insert(QStringLiteral("minSizePt"), 40); })
        << fieldPath
            + QStringLiteral(".minSizePt: must be at least 2 points and not larger than the font size");
    QTest::newRow("missing image") << changeElement(2, [](QJsonObject &e) {
        e.insert(QStringLiteral("source"), QStringLiteral("images/none.png"));
    }) << QStringLiteral("elements[2].source: cannot read the image");
    QTest::newRow("bad printOn") << changeElement(0, [](QJsonObject &e) {
        e.insert(QStringLiteral("printOn"), QStringLiteral("stock"));
    }) << QStringLiteral("elements[0].printOn: must be \"plain\"");
    QTest::newRow("page in centimetres")
        << changed([](QJsonObject &r) {
               r.insert(QStringLiteral("page"),
                        QJsonObject {{QStringLiteral("widthMm"), 29.7}, {QStringLiteral("heightMm"), 21}});
           })
        << QStringLiteral(
               "elements[0].box: the box (x 5, y 5, 287 × 200 mm) extends beyond the 29.7 × 21 mm page");
    QTest::newRow("field declared twice") << changed([](QJsonObject &r) {
        QJsonArray fields = r.value(QStringLiteral("fields")).toArray();
        fields.append(fields.at(0));
        r.insert(QStringLiteral("fields"), fields);
    }) << QStringLiteral("is declared twice");

    // Flowing content (the notices): blocks, list fields, placeholders and conditions.
    const QJsonObject notice
        = QJsonDocument::fromJson(builtInDocument(QStringLiteral("notice-accepted"))).object();
    QVERIFY(!notice.isEmpty());
    const QJsonArray noticeElements = notice.value(QStringLiteral("elements")).toArray();
    int flow = 0;
    while (noticeElements.at(flow).toObject().value(QStringLiteral("type")).toString()
           != QLatin1String("flow"))
        ++flow;
    int qr = 0;
    while (noticeElements.at(qr).toObject().value(QStringLiteral("type")).toString() != QLatin1String("qr"))
        ++qr;
    const QString flowPath = QStringLiteral("elements[%1]").arg(flow);
    const auto changeNotice = [&](int index, const std::function<void(QJsonObject &)> &change) {
        QJsonObject root = notice;
        QJsonArray list = root.value(QStringLiteral("elements")).toArray();
        QJsonObject element = list.at(index).toObject();
        change(element);
        list.replace(index, element);
        root.insert(QStringLiteral("elements"), list);
        return QJsonDocument(root).toJson();
    };
    // Block 0 is the case number row.
    const auto changeBlock = [&](const std::function<void(QJsonObject &)> &change) {
        return changeNotice(flow, [&](QJsonObject &e) {
            QJsonArray blocks = e.value(QStringLiteral("blocks")).toArray();
            QJsonObject block = blocks.at(0).toObject();
            change(block);
            blocks.replace(0, block);
            e.insert(QStringLiteral("blocks"), blocks);
        });
    };
    const QString blockPath = flowPath + QStringLiteral(".blocks[0]");
    QTest::newRow("unknown block type")
        << changeBlock([](QJsonObject &b) { b.insert(QStringLiteral("type"), QStringLiteral("table")); })
        << blockPath + QStringLiteral(".type: unknown block type \"table\"");
    QTest::newRow("list of a single value") << changeBlock([](QJsonObject &b) {
        b = QJsonObject {{QStringLiteral("type"), QStringLiteral("list")},
                         {QStringLiteral("field"), QStringLiteral("caseNumber")}};
    }) << blockPath + QStringLiteral(".field: \"caseNumber\" is not a list field");
    QTest::newRow("placeholder of an undeclared field") << changeBlock([](QJsonObject &b) {
        b.insert(QStringLiteral("text"), QStringLiteral("{caseNumbr}"));
    }) << blockPath + QStringLiteral(".text: the placeholder {caseNumbr} names no declared field");
    QTest::newRow("placeholder format") << changeBlock([](QJsonObject &b) {
        b.insert(QStringLiteral("text"), QStringLiteral("{issuedOn:long}"));
    }) << QStringLiteral("the placeholder {issuedOn:long} has an unknown format \"long\"");
    QTest::newRow("stray brace") << changeBlock([](QJsonObject &b) {
        b.insert(QStringLiteral("text"), QStringLiteral("编号{caseNumber"));
    }) << blockPath + QStringLiteral(".text: has a \"{\" or \"}\" that is not part of a {field} placeholder");
    QTest::newRow("condition on an undeclared field") << changeBlock([](QJsonObject &b) {
        b.insert(QStringLiteral("when"), QStringLiteral("caseNumbr=1"));
    }) << blockPath + QStringLiteral(".when: unknown field \"caseNumbr\"");
    QTest::newRow("unknown block property")
        << changeBlock([](QJsonObject &b) { b.insert(QStringLiteral("bold"), true); })
        << blockPath + QStringLiteral(".bold: unknown property");
    QTest::newRow("flow without blocks")
        << changeNotice(flow, [](QJsonObject &e) { e.insert(QStringLiteral("blocks"), QJsonArray()); })
        << flowPath + QStringLiteral(".blocks: must be a list of at least one block");
    QTest::newRow("line spacing") << changeNotice(flow, [](QJsonObject &e) {
        e.insert(QStringLiteral("lineSpacing"), 10);
    }) << flowPath + QStringLiteral(".lineSpacing: must be a number from 0.8 to 3");
    QTest::newRow("flow off the page")
        << changeNotice(flow,
                        [](QJsonObject &e) {
                            e.insert(QStringLiteral("box"), QJsonArray {20, 52, 170, 250});
                        })
        << flowPath
            + QStringLiteral(".box: the box (x 20, y 52, 170 × 250 mm) extends beyond the 210 × 297 mm page");
    QTest::newRow("QR code of a list") << changeNotice(qr, [](QJsonObject &e) {
        e.insert(QStringLiteral("field"), QStringLiteral("materials"));
    }) << QStringLiteral("elements[%1].field: \"materials\" is a list field").arg(qr);
}

void TestCertificateTemplate::loaderErrors()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, expected);
    const auto result = TemplateLoader::load(document, QStringLiteral(":/templates"));
    QVERIFY(!result.isValid());
    QVERIFY2(std::any_of(result.problems.cbegin(), result.problems.cend(),
                         [&](const QString &problem) { return problem.contains(expected); }),
             qPrintable(result.problems.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestCertificateTemplate)
#include "tst_certificatetemplate.moc"
