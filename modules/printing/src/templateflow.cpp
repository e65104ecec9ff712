// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "templateflow_p.h"

#include "ow/printing/templaterenderer.h"
#include "ow/printing/tr.h"

#include <QDate>
#include <QFontMetricsF>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextLayout>

namespace ow::printing::Internal {

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

namespace {

// A Flow element's content at one font size, cut into pieces that are never
// split across pages (a paragraph, a row, one list entry, a signature line),
// then placed top to bottom in the box and, when the element has a
// continueBox, on further pages. Measuring and drawing share this code, so
// what was measured to fit is what is drawn.
class FlowLayout
{
public:
    using Piece = FlowPiece;

    struct Placement
    {
        int pages = 1;
        bool fits = true;
        qreal needed = 0; // device units: all pieces one under another (for the reason when not fitting)
    };

    FlowLayout(const TemplateElement &element, const CertificateFields &fields, qreal dotsPerMm,
               QPaintDevice *device, bool stock)
        : m_element(element)
        , m_fields(fields)
        , m_dotsPerMm(dotsPerMm)
        , m_device(device)
        , m_stock(stock)
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
            // Pre-printed paper carries the design; a seal is stamped on it, never printed.
            if (m_stock && block.type == FlowBlock::Type::Image)
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
    bool m_stock;
    QFont m_font;
    QFont m_bold;
};

} // namespace

std::optional<FlowPlan> planFlow(const CertificateTemplate &tmpl, const TemplateElement &element,
                                 const CertificateFields &fields, bool stock, QString *error)
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
    FlowLayout layout(element, fields, dotsPerMm, device, stock);
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

void drawFlowPage(const FlowPlan &plan, QPainter &painter, int page)
{
    FlowLayout::place(plan.pieces, plan.box, plan.next, &painter, page);
}

} // namespace ow::printing::Internal
