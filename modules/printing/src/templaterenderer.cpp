// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/templaterenderer.h"

#include "ow/printing/qrcode.h"
#include "ow/printing/tr.h"

#include <QDate>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>

namespace ow::printing {

namespace {

constexpr qreal mmPerInch = 25.4;
constexpr qreal shrinkStepPt = 0.5;

using Type = TemplateElement::Type;

QFont fontOf(const TemplateElement &element, qreal sizePt)
{
    QFont font;
    font.setFamilies(element.fontFamilies);
    font.setPointSizeF(sizePt);
    font.setBold(element.bold);
    if (element.letterSpacingPercent != 100)
        font.setLetterSpacing(QFont::PercentageSpacing, element.letterSpacingPercent);
    // Metrics must not be rounded to device pixels: the same layout on paper,
    // in a PDF and in a 96 dpi preview.
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

// The largest size from the element's size down to its minimum at which the
// text fits the box (in device units), or the minimum when none does.
qreal fittedSize(const TemplateElement &element, const QString &text, const QRectF &box, QPaintDevice *device)
{
    if (element.fit == TemplateElement::Fit::None)
        return element.fontSizePt;
    for (qreal size = element.fontSizePt; size > element.minSizePt; size -= shrinkStepPt) {
        const QFontMetricsF metrics(fontOf(element, size), device);
        const bool fits = element.fit == TemplateElement::Fit::Shrink
            ? metrics.horizontalAdvance(text) <= box.width() && metrics.height() <= box.height()
            : metrics.boundingRect(box, Qt::TextWordWrap | element.alignment, text).height() <= box.height();
        if (fits)
            return size;
    }
    return element.minSizePt;
}

void drawText(QPainter &painter, const TemplateElement &element, const QString &text, const QRectF &box)
{
    if (text.isEmpty())
        return;
    const qreal size = fittedSize(element, text, box, painter.device());
    painter.setFont(fontOf(element, size));
    painter.setPen(element.color);
    const int flags = int(element.alignment)
        | (element.fit == TemplateElement::Fit::Wrap ? int(Qt::TextWordWrap) : int(Qt::TextSingleLine));
    painter.drawText(box, flags, text);
}

void drawImage(QPainter &painter, const TemplateElement &element, const QRectF &box)
{
    // Kept in proportion and centred in its box.
    QSizeF size = element.svg ? element.svg->viewBoxF().size() : QSizeF(element.image.size());
    if (size.isEmpty())
        return;
    size.scale(box.size(), Qt::KeepAspectRatio);
    const QRectF target(box.center() - QPointF(size.width() / 2, size.height() / 2), size);
    if (element.svg)
        element.svg->render(&painter, target);
    else
        painter.drawImage(target, element.image);
}

void drawWatermark(QPainter &painter, const QRectF &page)
{
    const QString text = RenderOptions::watermarkText();
    painter.save();
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    font.setBold(true);
    // Large across the middle, smaller ones tiled so that no cut-out piece is clean.
    font.setPixelSize(qMax(8, int(page.width() / 8)));
    painter.setFont(font);
    painter.setPen(QColor(200, 0, 0));
    painter.setOpacity(0.35);
    painter.translate(page.center());
    painter.rotate(-30);
    const QRectF band(-page.width(), -page.height() / 4, 2 * page.width(), page.height() / 2);
    painter.drawText(band, Qt::AlignCenter, text);
    font.setPixelSize(qMax(6, int(page.width() / 30)));
    painter.setFont(font);
    painter.setOpacity(0.2);
    const qreal stepX = page.width() / 3;
    const qreal stepY = page.height() / 4;
    for (int row = -4; row <= 4; ++row) {
        for (int column = -3; column <= 3; ++column) {
            if (row == 0)
                continue;
            painter.drawText(QRectF(column * stepX - stepX / 2, row * stepY - stepY / 4, stepX, stepY / 2),
                             Qt::AlignCenter, text);
        }
    }
    painter.restore();
}

bool hasRequiredFields(const CertificateTemplate &tmpl, const CertificateFields &fields, QString *error)
{
    for (const TemplateField &field : tmpl.fields) {
        if (field.required && fields.value(field.name).trimmed().isEmpty()) {
            if (error)
                *error = Tr::tr("The template \"%1\" needs the field \"%2\" (%3), which has no value.")
                             .arg(tmpl.id, field.name, field.label);
            return false;
        }
    }
    return true;
}

QPageLayout layoutOf(const CertificateTemplate &tmpl)
{
    // QPageSize describes paper portrait; a landscape template turns it.
    const QSizeF mm = tmpl.pageSizeMm;
    const bool landscape = mm.width() > mm.height();
    const QPageSize size(landscape ? mm.transposed() : mm, QPageSize::Millimeter, tmpl.title,
                         QPageSize::FuzzyMatch);
    return QPageLayout(size, landscape ? QPageLayout::Landscape : QPageLayout::Portrait, QMarginsF());
}

} // namespace

// Certificates are Chinese documents whatever the language of the screen, so
// their wording (watermark, dates) is part of the document, not of the UI.
QString RenderOptions::watermarkText()
{
    return QStringLiteral("预览 — 无效");
}

QString TemplateRenderer::formatted(const TemplateElement &element, const QString &value)
{
    if (element.format == QLatin1String("date")) {
        const QDate day = QDate::fromString(value, QStringLiteral("yyyy-MM-dd"));
        if (day.isValid())
            return QStringLiteral("%1年%2月%3日").arg(day.year()).arg(day.month()).arg(day.day());
    }
    return value;
}

bool TemplateRenderer::paint(QPainter &painter, qreal dotsPerMm, const CertificateTemplate &tmpl,
                             const CertificateFields &fields, const RenderOptions &options, QString *error)
{
    if (!hasRequiredFields(tmpl, fields, error))
        return false;
    const bool stock = options.mode == RenderOptions::Mode::PreprintedStock;
    const auto device = [dotsPerMm](const QRectF &mm) {
        return QRectF(mm.left() * dotsPerMm, mm.top() * dotsPerMm, mm.width() * dotsPerMm,
                      mm.height() * dotsPerMm);
    };

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const Calibration &c = options.calibration;
    painter.translate(c.xOffsetMm * dotsPerMm, c.yOffsetMm * dotsPerMm);
    painter.scale(c.xScale, c.yScale);
    for (const TemplateElement &element : tmpl.elements) {
        if (stock && element.printOn == TemplateElement::PrintOn::Plain)
            continue;
        const QRectF box = device(element.box);
        painter.setOpacity(element.opacity);
        switch (element.type) {
        case Type::Text:
            drawText(painter, element, element.text, box);
            break;
        case Type::Field:
            drawText(painter, element, formatted(element, fields.value(element.field)), box);
            break;
        case Type::Image:
        case Type::Seal:
            drawImage(painter, element, box);
            break;
        case Type::QrCode: {
            const QString text = fields.value(element.field);
            if (text.isEmpty())
                break;
            const QrCode code = QrCode::encode(text);
            if (code.isNull()) {
                painter.restore();
                if (error)
                    *error = Tr::tr("The field \"%1\" is too long for a QR code.").arg(element.field);
                return false;
            }
            code.paint(painter, box);
            break;
        }
        case Type::Rect:
            painter.setPen(element.strokeMm > 0 ? QPen(element.color, element.strokeMm * dotsPerMm)
                                                : QPen(Qt::NoPen));
            painter.setBrush(element.fill.isValid() ? QBrush(element.fill) : QBrush(Qt::NoBrush));
            painter.drawRect(box);
            break;
        case Type::Line:
            painter.setPen(QPen(element.color, element.strokeMm * dotsPerMm, Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(box.topLeft(), box.bottomRight());
            break;
        }
    }
    painter.restore();
    if (options.previewWatermark) {
        painter.save();
        drawWatermark(painter, device(QRectF(QPointF(0, 0), tmpl.pageSizeMm)));
        painter.restore();
    }
    return true;
}

bool TemplateRenderer::renderTo(QPagedPaintDevice &device, const CertificateTemplate &tmpl,
                                const CertificateFields &fields, const RenderOptions &options, QString *error)
{
    QPainter painter;
    if (!painter.begin(&device)) {
        if (error)
            *error = Tr::tr("The certificate cannot be drawn on this device.");
        return false;
    }
    const int dpi = device.logicalDpiX();
    // The painter's origin is the printable area's corner; templates measure from the paper's.
    const QRectF paintRect = device.pageLayout().paintRectPixels(dpi);
    painter.translate(-paintRect.topLeft());
    const bool painted = paint(painter, dpi / mmPerInch, tmpl, fields, options, error);
    painter.end();
    return painted;
}

bool TemplateRenderer::renderPdf(const CertificateTemplate &tmpl, const CertificateFields &fields,
                                 const RenderOptions &options, const QString &fileName, QString *error)
{
    // Checked before the file is created: a refused render leaves nothing behind.
    if (!hasRequiredFields(tmpl, fields, error))
        return false;
    {
        QPdfWriter writer(fileName);
        writer.setTitle(tmpl.title);
        writer.setCreator(QStringLiteral("OneWindow"));
        writer.setResolution(300);
        writer.setPageLayout(layoutOf(tmpl));
        if (!renderTo(writer, tmpl, fields, options, error))
            return false;
    }
    if (!QFileInfo(fileName).isFile() || QFileInfo(fileName).size() == 0) {
        if (error)
            *error = Tr::tr("The certificate could not be written to %1.").arg(fileName);
        return false;
    }
    return true;
}

QImage TemplateRenderer::renderImage(const CertificateTemplate &tmpl, const CertificateFields &fields,
                                     const RenderOptions &options, int dpi, QString *error)
{
    const qreal dotsPerMm = dpi / mmPerInch;
    QImage image(qRound(tmpl.pageSizeMm.width() * dotsPerMm), qRound(tmpl.pageSizeMm.height() * dotsPerMm),
                 QImage::Format_RGB32);
    // Fonts are sized in points for the image's resolution, as on paper.
    image.setDotsPerMeterX(qRound(dotsPerMm * 1000));
    image.setDotsPerMeterY(qRound(dotsPerMm * 1000));
    image.fill(Qt::white);
    QPainter painter(&image);
    if (!paint(painter, dotsPerMm, tmpl, fields, options, error))
        return {};
    return image;
}

} // namespace ow::printing
