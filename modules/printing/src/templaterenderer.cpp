// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/templaterenderer.h"

#include "ow/printing/qrcode.h"
#include "ow/printing/tr.h"
#include "templateflow_p.h"

#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>

#include <optional>

namespace ow::printing {

namespace {

using namespace Internal;
using Type = TemplateElement::Type;

void drawImage(QPainter &painter, const TemplateElement &element, const QRectF &box)
{
    drawPicture(painter, element.svg.get(), element.image, box);
}

void drawWatermark(QPainter &painter, const QRectF &page, const QString &wording)
{
    const QString text = wording.isEmpty() ? RenderOptions::watermarkText() : wording;
    painter.save();
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    font.setBold(true);
    // Large across the middle, smaller ones tiled so that no cut-out piece
    // is clean. A longer wording (e.g. in English) is set smaller so that
    // the big one stays on the page and the tiles do not run into each other.
    const auto sized = [&font, &painter, &text](int pixels, qreal width) {
        font.setPixelSize(pixels);
        const qreal advance = QFontMetricsF(font, painter.device()).horizontalAdvance(text);
        if (advance > width)
            font.setPixelSize(qMax(4, int(pixels * width / advance)));
        painter.setFont(font);
    };
    // Turned by 30°, a line as long as the page is wide stays on a portrait page.
    sized(qMax(8, int(page.width() / 8)), qMin(page.width(), page.height()));
    painter.setPen(QColor(200, 0, 0));
    painter.setOpacity(0.35);
    painter.translate(page.center());
    painter.rotate(-30);
    const QRectF band(-page.width(), -page.height() / 4, 2 * page.width(), page.height() / 2);
    painter.drawText(band, Qt::AlignCenter, text);
    const qreal stepX = page.width() / 3;
    const qreal stepY = page.height() / 4;
    sized(qMax(6, int(page.width() / 30)), stepX * 0.9);
    painter.setOpacity(0.2);
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

} // namespace

QPageLayout TemplateRenderer::pageLayout(const CertificateTemplate &tmpl)
{
    // QPageSize describes paper portrait; a landscape template turns it.
    const QSizeF mm = tmpl.pageSizeMm;
    const bool landscape = mm.width() > mm.height();
    const QPageSize size(landscape ? mm.transposed() : mm, QPageSize::Millimeter, tmpl.title,
                         QPageSize::FuzzyMatch);
    return QPageLayout(size, landscape ? QPageLayout::Landscape : QPageLayout::Portrait, QMarginsF());
}

// Certificates are Chinese documents whatever the language of the screen, so
// their wording (watermark, dates) is part of the document, not of the UI.
QString RenderOptions::watermarkText()
{
    return QStringLiteral("预览 — 无效");
}

QString TemplateRenderer::filled(const QString &text, const CertificateFields &fields)
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z0-9_]+)(?::([a-z]+))?\\}"));
    QString result;
    qsizetype from = 0;
    for (const QRegularExpressionMatch &match : placeholder.globalMatch(text)) {
        result += text.mid(from, match.capturedStart() - from);
        const QString value = fields.value(match.captured(1));
        if (match.captured(2) == QLatin1String("date")) {
            result += chineseDate(value);
        } else {
            // A list reads as its entries in a row; one entry per line is for List blocks.
            result += value.contains(QLatin1Char('\n')) ? listEntries(value).join(listSeparator()) : value;
        }
        from = match.capturedEnd();
    }
    return result + text.mid(from);
}

bool TemplateRenderer::applies(const QString &when, const QString &unless, const CertificateFields &fields)
{
    const auto holds = [&fields](const QString &condition) {
        const qsizetype equals = condition.indexOf(QLatin1Char('='));
        if (equals < 0)
            return !fields.value(condition.trimmed()).trimmed().isEmpty();
        return fields.value(condition.left(equals).trimmed()) == condition.mid(equals + 1).trimmed();
    };
    return (when.isEmpty() || holds(when)) && (unless.isEmpty() || !holds(unless));
}

QStringList TemplateRenderer::listEntries(const QString &value)
{
    QStringList entries;
    for (const QString &line : value.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            entries.append(line.trimmed());
    }
    return entries;
}

QString TemplateRenderer::listValue(const QStringList &entries)
{
    QStringList lines;
    for (QString entry : entries) {
        // An entry is one line of the value: a line break inside one would split it in two.
        entry.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (!entry.trimmed().isEmpty())
            lines.append(entry.trimmed());
    }
    return lines.join(QLatin1Char('\n'));
}

QString TemplateRenderer::html(const CertificateTemplate &tmpl, const CertificateFields &fields)
{
    const auto escaped = [](const QString &text) {
        return text.toHtmlEscaped();
    };
    const QString blank(24, QLatin1Char('_'));
    QString html;
    bool inTable = false;
    const auto closeTable = [&]() {
        if (inTable)
            html += QStringLiteral("</table>");
        inTable = false;
    };
    const auto row = [&](const QString &label, const QString &value) {
        if (!inTable)
            html += QStringLiteral("<table>");
        inTable = true;
        html += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>") + escaped(label)
            + QStringLiteral("</b></td><td>") + escaped(value) + QStringLiteral("</td></tr>");
    };
    for (const TemplateElement &element : tmpl.elements) {
        if (!applies(element.when, element.unless, fields))
            continue;
        if (element.type == Type::Text || element.type == Type::Field) {
            const QString text = element.type == Type::Text ? filled(element.text, fields)
                                                            : formatted(element, fields.value(element.field));
            if (!text.trimmed().isEmpty())
                html += QStringLiteral("<p>") + escaped(text) + QStringLiteral("</p>");
            continue;
        }
        if (element.type != Type::Flow)
            continue;
        for (const FlowBlock &block : element.blocks) {
            if (!applies(block.when, block.unless, fields))
                continue;
            const QString text = filled(block.text, fields);
            switch (block.type) {
            case FlowBlock::Type::Row:
                row(filled(block.label, fields), text);
                break;
            case FlowBlock::Type::Signature:
                row(filled(block.label, fields), text.isEmpty() ? blank : text);
                break;
            case FlowBlock::Type::Paragraph: {
                closeTable();
                if (text.trimmed().isEmpty())
                    break;
                const QString align = block.alignment == Qt::AlignRight ? QStringLiteral(" align=\"right\"")
                    : block.alignment == Qt::AlignHCenter               ? QStringLiteral(" align=\"center\"")
                                                                        : QString();
                html += QStringLiteral("<p%1>").arg(align) + escaped(text) + QStringLiteral("</p>");
                break;
            }
            case FlowBlock::Type::List: {
                closeTable();
                const QStringList entries = listEntries(fields.value(block.field));
                if (entries.isEmpty())
                    break;
                const QString title = filled(block.title, fields);
                if (!title.isEmpty())
                    html += QStringLiteral("<p>") + escaped(title) + QStringLiteral("</p>");
                html += QStringLiteral("<ol>");
                for (const QString &entry : entries)
                    html += QStringLiteral("<li>") + escaped(entry) + QStringLiteral("</li>");
                html += QStringLiteral("</ol>");
                break;
            }
            case FlowBlock::Type::Space:
                closeTable();
                break;
            case FlowBlock::Type::Image:
                break;
            }
        }
        closeTable();
    }
    return html;
}

QString TemplateRenderer::formatted(const TemplateElement &element, const QString &value)
{
    return element.format == QLatin1String("date") ? chineseDate(value) : value;
}

bool TemplateRenderer::paint(QPainter &painter, qreal dotsPerMm, const CertificateTemplate &tmpl,
                             const CertificateFields &fields, const RenderOptions &options, QString *error)
{
    return paintPage(painter, dotsPerMm, tmpl, fields, options, 0, nullptr, error);
}

bool TemplateRenderer::paintPage(QPainter &painter, qreal dotsPerMm, const CertificateTemplate &tmpl,
                                 const CertificateFields &values, const RenderOptions &options, int page,
                                 int *pageCount, QString *error)
{
    if (!hasRequiredFields(tmpl, values, error))
        return false;
    const bool stock = options.mode == RenderOptions::Mode::PreprintedStock;
    const auto device = [dotsPerMm](const QRectF &mm) {
        return QRectF(mm.left() * dotsPerMm, mm.top() * dotsPerMm, mm.width() * dotsPerMm,
                      mm.height() * dotsPerMm);
    };

    // The flows decide how many pages there are, which {pages} and "pages=1" may ask.
    QHash<const TemplateElement *, FlowPlan> plans;
    int pages = 1;
    for (const TemplateElement &element : tmpl.elements) {
        if (element.type != Type::Flow || (stock && element.printOn == TemplateElement::PrintOn::Plain)
            || !applies(element.when, element.unless, values))
            continue;
        std::optional<FlowPlan> plan = planFlow(tmpl, element, values, stock, error);
        if (!plan)
            return false;
        pages = qMax(pages, plan->pages);
        plans.insert(&element, std::move(*plan));
    }
    if (pageCount)
        *pageCount = pages;
    CertificateFields fields = values;
    fields.insert(QStringLiteral("page"), QString::number(page + 1));
    fields.insert(QStringLiteral("pages"), QString::number(pages));

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const Calibration &c = options.calibration;
    painter.translate(c.xOffsetMm * dotsPerMm, c.yOffsetMm * dotsPerMm);
    painter.scale(c.xScale, c.yScale);
    for (const TemplateElement &element : tmpl.elements) {
        if (stock && element.printOn == TemplateElement::PrintOn::Plain)
            continue;
        if ((element.pages == TemplateElement::Pages::First && page > 0)
            || (element.pages == TemplateElement::Pages::Rest && page == 0))
            continue;
        if (!applies(element.when, element.unless, fields))
            continue;
        const QRectF box = device(element.box);
        painter.setOpacity(element.opacity);
        switch (element.type) {
        case Type::Text:
            drawText(painter, element, filled(element.text, fields), box);
            break;
        case Type::Field: {
            const TemplateField *field = tmpl.fieldNamed(element.field);
            const QString value = field && field->list
                ? listEntries(fields.value(element.field)).join(listSeparator())
                : fields.value(element.field);
            drawText(painter, element, formatted(element, value), box);
            break;
        }
        case Type::Flow: {
            const FlowPlan &plan = plans[&element];
            painter.save();
            painter.scale(dotsPerMm / (layoutDpi / mmPerInch), dotsPerMm / (layoutDpi / mmPerInch));
            drawFlowPage(plan, painter, page);
            painter.restore();
            break;
        }
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
        drawWatermark(painter, device(QRectF(QPointF(0, 0), tmpl.pageSizeMm)), options.watermark);
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
    int pages = 1;
    bool painted = true;
    for (int page = 0; painted && page < pages; ++page) {
        if (page > 0)
            device.newPage();
        painted = paintPage(painter, dpi / mmPerInch, tmpl, fields, options, page, &pages, error);
    }
    painter.end();
    return painted;
}

bool TemplateRenderer::renderPdf(const CertificateTemplate &tmpl, const CertificateFields &fields,
                                 const RenderOptions &options, const QString &fileName, QString *error)
{
    // Checked before the file is created: a refused render leaves nothing behind.
    if (!hasRequiredFields(tmpl, fields, error))
        return false;
    bool failed = false;
    {
        QPdfWriter writer(fileName);
        writer.setTitle(tmpl.title);
        writer.setCreator(QStringLiteral("OneWindow"));
        writer.setResolution(300);
        writer.setPageLayout(pageLayout(tmpl));
        failed = !renderTo(writer, tmpl, fields, options, error);
    }
    // Content refused half-way (too long for the page) leaves no file behind either.
    if (failed) {
        QFile::remove(fileName);
        return false;
    }
    if (!QFileInfo(fileName).isFile() || QFileInfo(fileName).size() == 0) {
        if (error)
            *error = Tr::tr("The certificate could not be written to %1.").arg(fileName);
        return false;
    }
    return true;
}

QList<QImage> TemplateRenderer::renderImages(const CertificateTemplate &tmpl, const CertificateFields &fields,
                                             const RenderOptions &options, int dpi, QString *error)
{
    const qreal dotsPerMm = dpi / mmPerInch;
    QList<QImage> images;
    int pages = 1;
    for (int page = 0; page < pages; ++page) {
        QImage image(qRound(tmpl.pageSizeMm.width() * dotsPerMm),
                     qRound(tmpl.pageSizeMm.height() * dotsPerMm), QImage::Format_RGB32);
        // Fonts are sized in points for the image's resolution, as on paper.
        image.setDotsPerMeterX(qRound(dotsPerMm * 1000));
        image.setDotsPerMeterY(qRound(dotsPerMm * 1000));
        image.fill(Qt::white);
        QPainter painter(&image);
        if (!paintPage(painter, dotsPerMm, tmpl, fields, options, page, &pages, error))
            return {};
        painter.end();
        images.append(image);
    }
    return images;
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
