// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/templaterenderer.h"

#include "ow/printing/qrcode.h"
#include "ow/printing/tr.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextLayout>

#include <functional>
#include <memory>
#include <optional>

namespace ow::printing {

namespace {

constexpr qreal mmPerInch = 25.4;
constexpr qreal shrinkStepPt = 0.5;

using Type = TemplateElement::Type;

// An ISO date as a Chinese document writes it (2026年11月30日); anything else as it is.
QString chineseDate(const QString &value)
{
    const QDate day = QDate::fromString(value, QStringLiteral("yyyy-MM-dd"));
    if (!day.isValid())
        return value;
    return QStringLiteral("%1年%2月%3日").arg(day.year()).arg(day.month()).arg(day.day());
}

// How a list reads inside running text: 材料一；材料二.
QString listSeparator()
{
    return QStringLiteral("；");
}

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

// A picture kept in proportion and centred in its box.
void drawPicture(QPainter &painter, QSvgRenderer *svg, const QImage &image, const QRectF &box)
{
    QSizeF size = svg ? svg->viewBoxF().size() : QSizeF(image.size());
    if (size.isEmpty())
        return;
    size.scale(box.size(), Qt::KeepAspectRatio);
    const QRectF target(box.center() - QPointF(size.width() / 2, size.height() / 2), size);
    if (svg)
        svg->render(&painter, target);
    else
        painter.drawImage(target, image);
}

// A Flow element's content at one font size, cut into pieces that are never
// split across pages (a paragraph, a row, one list entry, a signature line),
// then placed top to bottom in the box and, when the element has a
// continueBox, on further pages. Measuring and drawing share this code, so
// what was measured to fit is what is drawn.
class FlowLayout
{
public:
    struct Piece
    {
        qreal spaceBefore = 0; // dropped at the top of a page
        qreal height = 0;
        bool keepWithNext = false; // a list's title stays with its first entry, a closing's lines together
        bool blank = false; // a Space: dropped at the top of a page
        std::function<void(QPainter &, const QPointF &)> draw; // at the piece's top left
    };

    struct Placement
    {
        int pages = 1;
        bool fits = true;
        qreal needed = 0; // device units: all pieces one under another (for the reason when not fitting)
    };

    FlowLayout(const TemplateElement &element, const CertificateFields &fields, qreal dotsPerMm,
               QPaintDevice *device)
        : m_element(element)
        , m_fields(fields)
        , m_dotsPerMm(dotsPerMm)
        , m_device(device)
    { }

    QList<Piece> pieces(qreal sizePt, qreal width)
    {
        QList<Piece> pieces;
        m_font = fontOf(m_element, sizePt);
        m_bold = m_font;
        m_bold.setBold(true);
        const QFontMetricsF metrics(m_font, m_device);
        const qreal em = metrics.horizontalAdvance(QChar(0x4E00));
        const qreal labelWidth = qMin(m_element.labelWidthMm * m_dotsPerMm, width / 2);
        const FlowBlock *previous = nullptr;
        for (const FlowBlock &block : m_element.blocks) {
            if (!TemplateRenderer::applies(block.when, block.unless, m_fields))
                continue;
            const QStringList entries = block.type == FlowBlock::Type::List
                ? TemplateRenderer::listEntries(m_fields.value(block.field))
                : QStringList();
            if (block.type == FlowBlock::Type::List && entries.isEmpty())
                continue;
            const QString text = TemplateRenderer::filled(block.text, m_fields);
            if (block.type == FlowBlock::Type::Paragraph && text.trimmed().isEmpty())
                continue;
            const qreal space
                = previous && block.type != FlowBlock::Type::Image ? spaceBefore(block, *previous) : 0;
            previous = &block;
            const qsizetype first = pieces.size();
            switch (block.type) {
            case FlowBlock::Type::Paragraph:
                pieces.append(single(
                    lay(text, block.bold ? m_bold : m_font, width, block.indentEm * em, block.alignment)));
                break;
            case FlowBlock::Type::Row:
                pieces.append(beside(lay(TemplateRenderer::filled(block.label, m_fields), m_bold, labelWidth),
                                     lay(text, m_font, width - labelWidth), 0, labelWidth));
                break;
            case FlowBlock::Type::List: {
                const QString title = TemplateRenderer::filled(block.title, m_fields);
                if (!title.trimmed().isEmpty()) {
                    pieces.append(single(lay(title, m_font, width)));
                    pieces.last().keepWithNext = true;
                }
                // Numbers right-aligned in a column as wide as the widest, entries wrapped beside them.
                const qreal numberWidth
                    = metrics.horizontalAdvance(QStringLiteral("%1.").arg(entries.size())) + em / 2;
                const qreal entryLeft = em + numberWidth;
                for (qsizetype i = 0; i < entries.size(); ++i) {
                    pieces.append(beside(lay(QStringLiteral("%1.").arg(i + 1), m_font, numberWidth - em / 2,
                                             0, Qt::AlignRight),
                                         lay(entries.at(i), m_font, width - entryLeft), em, entryLeft));
                }
                break;
            }
            case FlowBlock::Type::Signature: {
                // The label sits on the blank line at the bottom of the room left to sign in.
                const qreal room
                    = qMax(block.heightMm * m_dotsPerMm, metrics.height() * m_element.lineSpacing);
                const qreal lineLeft = labelWidth;
                const qreal lineRight = qMin(width, lineLeft + block.lineMm * m_dotsPerMm);
                Piece piece = beside(lay(TemplateRenderer::filled(block.label, m_fields), m_bold, labelWidth),
                                     lay(text, m_font, lineRight - lineLeft - em / 2), 0, lineLeft + em / 2);
                const qreal above = room - metrics.height();
                const QColor color = m_element.color;
                const qreal stroke = qMax<qreal>(1, 0.25 * m_dotsPerMm);
                const qreal lineY = above + metrics.ascent() + metrics.descent() / 2;
                piece.draw = [drawLabel = piece.draw, above, color, stroke, lineLeft, lineRight,
                              lineY](QPainter &painter, const QPointF &at) {
                    drawLabel(painter, at + QPointF(0, above));
                    painter.save();
                    painter.setPen(QPen(color, stroke));
                    painter.drawLine(at + QPointF(lineLeft, lineY), at + QPointF(lineRight, lineY));
                    painter.restore();
                };
                // A label that wraps takes the room below the line as well.
                piece.height = above + qMax(piece.height, metrics.height());
                pieces.append(piece);
                break;
            }
            case FlowBlock::Type::Space: {
                Piece piece;
                piece.height = block.heightMm * m_dotsPerMm;
                piece.blank = true;
                pieces.append(piece);
                break;
            }
            case FlowBlock::Type::Image: {
                // Takes no room: the text around it flows as if it were not there.
                Piece piece;
                const QRectF box(block.box.topLeft() * m_dotsPerMm, block.box.size() * m_dotsPerMm);
                piece.draw
                    = [svg = block.svg, image = block.image, box](QPainter &painter, const QPointF &at) {
                          drawPicture(painter, svg.get(), image, box.translated(at));
                      };
                pieces.append(piece);
                break;
            }
            }
            if (pieces.size() > first) {
                pieces[first].spaceBefore = space;
                if (block.keepWithNext)
                    pieces.last().keepWithNext = true;
            }
        }
        return pieces;
    }

    // Places the pieces in `box` and, with a continuation box, on further
    // pages; draws those of page `drawPage` when given a painter.
    static Placement place(const QList<Piece> &pieces, const QRectF &box, const std::optional<QRectF> &next,
                           QPainter *painter = nullptr, int drawPage = 0)
    {
        Placement placement;
        QRectF current = box;
        qreal y = 0;
        for (qsizetype i = 0; i < pieces.size(); ++i) {
            const Piece &piece = pieces.at(i);
            placement.needed += piece.spaceBefore + piece.height;
            if (piece.blank && y == 0 && placement.pages > 1)
                continue;
            qreal space = y > 0 ? piece.spaceBefore : 0;
            // What must stand together: the piece and those it keeps with, unless they need more than a page.
            qreal together = piece.height;
            for (qsizetype j = i; pieces.at(j).keepWithNext && j + 1 < pieces.size(); ++j)
                together += pieces.at(j + 1).spaceBefore + pieces.at(j + 1).height;
            if (next && together > next->height())
                together = piece.height;
            if (y + space + together > current.height() + 0.01 && y > 0 && next) {
                ++placement.pages;
                current = *next;
                y = 0;
                space = 0;
            }
            y += space;
            if (y + piece.height > current.height() + 0.01)
                placement.fits = false;
            if (painter && piece.draw && placement.pages - 1 == drawPage)
                piece.draw(*painter, current.topLeft() + QPointF(0, y));
            y += piece.height;
        }
        return placement;
    }

private:
    // A text wrapped to a width: its lines, height and first line's ascent.
    struct Laid
    {
        std::shared_ptr<QTextLayout> layout;
        qreal height = 0;
        qreal ascent = 0;
    };

    qreal spaceBefore(const FlowBlock &block, const FlowBlock &previous) const
    {
        if (block.spaceBeforeMm >= 0)
            return block.spaceBeforeMm * m_dotsPerMm;
        // Rows one under another read as a table.
        if (block.type == FlowBlock::Type::Row && previous.type == FlowBlock::Type::Row)
            return m_dotsPerMm * 0.5;
        return m_element.blockSpacingMm * m_dotsPerMm;
    }

    // Wraps `text` into `width`, the first line indented by `indent`.
    Laid lay(const QString &text, const QFont &font, qreal width, qreal indent = 0,
             Qt::Alignment alignment = Qt::AlignLeft) const
    {
        Laid laid;
        if (text.isEmpty())
            return laid;
        laid.layout = std::make_shared<QTextLayout>(text, font, m_device);
        QTextOption option(alignment);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        laid.layout->setTextOption(option);
        laid.layout->beginLayout();
        for (QTextLine line = laid.layout->createLine(); line.isValid(); line = laid.layout->createLine()) {
            const qreal lineIndent = line.lineNumber() == 0 ? indent : 0;
            line.setLineWidth(qMax<qreal>(1, width - lineIndent));
            line.setPosition(QPointF(lineIndent, laid.height));
            if (line.lineNumber() == 0)
                laid.ascent = line.ascent();
            laid.height += line.height() * m_element.lineSpacing;
        }
        laid.layout->endLayout();
        return laid;
    }

    Piece single(const Laid &laid) const
    {
        Piece piece;
        piece.height = laid.height;
        piece.draw = [laid, color = m_element.color](QPainter &painter, const QPointF &at) {
            if (!laid.layout)
                return;
            painter.setPen(color);
            laid.layout->draw(&painter, at);
        };
        return piece;
    }

    // Two texts side by side (a label and its value, a number and its
    // entry) on a common first baseline: digits set in a Latin font stand
    // as high as the Chinese beside them.
    Piece beside(const Laid &first, const Laid &second, qreal firstX, qreal secondX) const
    {
        const qreal baseline = qMax(first.ascent, second.ascent);
        const qreal firstTop = baseline - first.ascent;
        const qreal secondTop = baseline - second.ascent;
        Piece piece;
        piece.height = qMax(firstTop + first.height, secondTop + second.height);
        piece.draw = [first, second, firstX, secondX, firstTop, secondTop,
                      color = m_element.color](QPainter &painter, const QPointF &at) {
            painter.setPen(color);
            if (first.layout)
                first.layout->draw(&painter, at + QPointF(firstX, firstTop));
            if (second.layout)
                second.layout->draw(&painter, at + QPointF(secondX, secondTop));
        };
        return piece;
    }

    const TemplateElement &m_element;
    const CertificateFields &m_fields;
    qreal m_dotsPerMm;
    QPaintDevice *m_device;
    QFont m_font;
    QFont m_bold;
};

// How a Flow is set: the largest size from its font size down to its
// minimum at which everything fits the first page; with a continuation box,
// content too long for one page even at the minimum continues on further
// pages at the full font size. Without one it is refused (a translated
// reason) rather than cut off the page.
//
// The layout is made once at the PDF's 300 dpi, on an image standing in for
// the paper, and scaled to the device it is drawn on: a screen preview at
// 72 dpi rounds font metrics differently and would otherwise break lines
// and pages elsewhere than the printed notice.
constexpr qreal layoutDpi = 300;

struct FlowPlan
{
    std::shared_ptr<QImage> reference; // the device the text was laid out for
    QList<FlowLayout::Piece> pieces;
    QRectF box;
    std::optional<QRectF> next;
    int pages = 1;
};

std::optional<FlowPlan> planFlow(const CertificateTemplate &tmpl, const TemplateElement &element,
                                 const CertificateFields &fields, QString *error)
{
    const qreal dotsPerMm = layoutDpi / mmPerInch;
    FlowPlan plan;
    plan.reference = std::make_shared<QImage>(1, 1, QImage::Format_RGB32);
    plan.reference->setDotsPerMeterX(qRound(dotsPerMm * 1000));
    plan.reference->setDotsPerMeterY(qRound(dotsPerMm * 1000));
    QPaintDevice *device = plan.reference.get();
    const auto toDevice = [dotsPerMm](const QRectF &mm) {
        return QRectF(mm.topLeft() * dotsPerMm, mm.size() * dotsPerMm);
    };
    FlowLayout layout(element, fields, dotsPerMm, device);
    plan.box = toDevice(element.box);
    if (!element.continueBox.isEmpty())
        plan.next = toDevice(element.continueBox);
    qreal needed = 0;
    for (qreal size = element.fontSizePt; size >= element.minSizePt - 1e-9; size -= shrinkStepPt) {
        plan.pieces = layout.pieces(size, plan.box.width());
        const FlowLayout::Placement placement = FlowLayout::place(plan.pieces, plan.box, std::nullopt);
        if (placement.fits)
            return plan;
        needed = placement.needed;
    }
    if (plan.next) {
        plan.pieces = layout.pieces(element.fontSizePt, plan.box.width());
        const FlowLayout::Placement placement = FlowLayout::place(plan.pieces, plan.box, plan.next);
        if (placement.fits) {
            plan.pages = placement.pages;
            return plan;
        }
        if (error)
            *error
                = Tr::tr("A single paragraph of \"%1\" is longer than a page: shorten it.").arg(tmpl.title);
        return std::nullopt;
    }
    if (error)
        *error = Tr::tr("The content of \"%1\" does not fit on the page even in %2 pt type: it needs "
                        "%3 mm where the template leaves %4 mm. Shorten the lists or split them.")
                     .arg(tmpl.title, QString::number(element.minSizePt),
                          QString::number(qRound(needed / dotsPerMm)),
                          QString::number(qRound(plan.box.height() / dotsPerMm)));
    return std::nullopt;
}

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
        std::optional<FlowPlan> plan = planFlow(tmpl, element, values, error);
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
            FlowLayout::place(plan.pieces, plan.box, plan.next, &painter, page);
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
        writer.setPageLayout(layoutOf(tmpl));
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
