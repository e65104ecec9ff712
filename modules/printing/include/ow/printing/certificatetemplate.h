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
};

// One field a template expects from the certificate record.
struct OW_PRINTING_EXPORT TemplateField
{
    QString name;
    QString label; // what the field is, for people editing the template
    bool required = false;
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
