// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/printing_export.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSvgRenderer;

namespace ow::printing {

// One block of a Flow element: laid out below the previous one, as tall as
// its wrapped text needs (docs/templates.md, "Flowing content").
struct OW_PRINTING_EXPORT FlowBlock
{
    enum class Type {
        Paragraph, // wrapped text
        Row, // a label in the flow's label column, its text wrapped beside it
        List, // a list field's entries as numbered, wrapped lines (none: the block is left out)
        Signature, // a label and a blank line to sign or write a date on
        Space, // vertical room
        Image, // a picture where the flow has reached (the seal over the closing), taking no room
    };

    Type type = Type::Paragraph;
    QString text; // Paragraph, Row, Signature (printed on the line): may hold {field} placeholders
    QString label; // Row, Signature
    QString title; // List: a paragraph before the entries
    QString field; // List: a field declared with "list": true
    Qt::Alignment alignment = Qt::AlignLeft; // Paragraph
    bool bold = false; // Paragraph
    qreal indentEm = 0; // Paragraph: first-line indent in characters (Chinese body text: 2)
    qreal spaceBeforeMm = -1; // negative: the flow's default
    bool keepWithNext = false; // on the same page as the next block (a closing's lines)
    qreal heightMm = 0; // Space; Signature: the room to sign in
    qreal lineMm = 50; // Signature: the length of the blank line
    // Conditions: "field" (has a value) or "field=value"; empty: always.
    QString when;
    QString unless;
    // Image: millimetres from the flow's left edge and the block's top (may
    // be negative: a seal over the lines above); the picture as for elements.
    QRectF box;
    QString source;
    std::shared_ptr<QSvgRenderer> svg;
    QImage image;
};

// A certificate's layout as data (resources/templates/*.json, described in
// docs/templates.md): every position and size in millimetres from the top
// left corner of the page, so one template serves every printer and the
// printer's own error is corrected by a Calibration, not by editing layouts.
struct OW_PRINTING_EXPORT TemplateElement
{
    enum class Type {
        Text, // static wording of the design (title, labels)
        Field, // a value from the certificate record
        Image, // a picture of the design (emblem, ornament)
        Seal, // the issuing authority's seal image
        QrCode, // the signed verification code
        Rect, // a frame or a filled area
        Line,
        Flow, // variable-length content (paragraphs, lists, rows, signature lines) wrapped down a box
    };
    enum class Fit {
        None, // one line at the given size, whatever its width
        Shrink, // one line, made smaller (down to minSizePt) until it fits the box
        Wrap, // wrapped within the box, made smaller (down to minSizePt) until it fits
    };
    // Plain paper gets the whole design; pre-printed stock (套打) already
    // carries everything marked Plain and only gets the elements marked Both.
    enum class PrintOn { Plain, Both };

    Type type = Type::Text;
    PrintOn printOn = PrintOn::Plain;
    QRectF box; // millimetres; a Line runs from the top left to the bottom right corner
    QString text; // Text
    QString field; // Field and QrCode: the name of the value
    QString format; // Field: "" (as given) or "date" (ISO date written as 2026年11月30日)
    QStringList fontFamilies;
    qreal fontSizePt = 12;
    qreal minSizePt = 12;
    bool bold = false;
    qreal letterSpacingPercent = 100;
    Fit fit = Fit::None;
    Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    QColor color = Qt::black;
    QColor fill; // Rect: invalid for none
    qreal strokeMm = 0.3; // Rect, Line
    qreal opacity = 1;
    // Image and Seal, loaded with the template: an SVG (drawn as vectors,
    // sharp on paper and small in a PDF) or a bitmap (PNG).
    std::shared_ptr<QSvgRenderer> svg;
    QImage image;
    QString source; // Image and Seal: file name as written in the template
    // Drawn only when the condition holds: "field" (has a value) or
    // "field=value"; `unless` is the opposite. Empty: always.
    QString when;
    QString unless;
    // Which pages it is drawn on, where a Flow continues on further pages.
    enum class Pages { All, First, Rest };
    Pages pages = Pages::All;
    // Flow: where content continues on the following pages (same width as
    // `box`); empty: the flow has one page and refuses what does not fit.
    QRectF continueBox;
    // Flow: the blocks top to bottom; line height as a multiple of the
    // font's; room between blocks; width of the row and signature labels.
    QList<FlowBlock> blocks;
    qreal lineSpacing = 1;
    qreal blockSpacingMm = 2;
    qreal labelWidthMm = 25;
};

// One field a template expects from the certificate record.
struct OW_PRINTING_EXPORT TemplateField
{
    QString name;
    QString label; // what the field is, for people editing the template
    bool required = false;
    // A list (materials, citations): the value holds one entry per line
    // ("\n"); List blocks number them, placeholders join them with "；".
    bool list = false;
};

struct OW_PRINTING_EXPORT CertificateTemplate
{
    QString id; // e.g. "food-business-licence": the catalogue's outcome.template
    QString certificateType; // the catalogue's certificateTypes code
    QString title; // e.g. 食品经营许可证
    QSizeF pageSizeMm;
    QList<TemplateField> fields;
    QList<TemplateElement> elements; // in drawing order

    const TemplateField *fieldNamed(const QString &name) const;
};

// Reads and checks a template. Every problem is reported (path and a
// translated reason), and a template with any problem is not returned.
class OW_PRINTING_EXPORT TemplateLoader
{
public:
    struct Result
    {
        std::optional<CertificateTemplate> tmpl;
        QStringList problems; // "elements[3].box: …"
        bool isValid() const { return tmpl.has_value(); }
    };

    // Images named in the document are read relative to `baseDir` (a
    // directory or a ":/…" resource directory).
    static Result load(const QByteArray &document, const QString &baseDir);
    static Result loadFile(const QString &fileName);
    // A built-in template by its id (e.g. "food-business-licence"), or a file name.
    static Result loadNamed(const QString &nameOrFile);
    // The ids of the built-in templates.
    static QStringList builtInIds();
};

} // namespace ow::printing
