// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/certificatetemplate.h"
#include "ow/printing/printing_export.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QPageLayout>
#include <QString>

class QPagedPaintDevice;
class QPainter;

namespace ow::printing {

// A printer's own error, measured with the calibration sheet: where it puts
// a point of the template that should be at (x, y) mm is corrected to
// (x · xScale + xOffsetMm, y · yScale + yOffsetMm). Applied to every element.
struct OW_PRINTING_EXPORT Calibration
{
    qreal xOffsetMm = 0;
    qreal yOffsetMm = 0;
    qreal xScale = 1;
    qreal yScale = 1;

    bool isIdentity() const { return xOffsetMm == 0 && yOffsetMm == 0 && xScale == 1 && yScale == 1; }
};

struct OW_PRINTING_EXPORT RenderOptions
{
    enum class Mode {
        Plain, // blank paper: the whole design
        PreprintedStock, // 套打: the certificate paper carries the design; only the variable elements print
    };
    Mode mode = Mode::Plain;
    Calibration calibration;
    // Drawn across the page so that a preview can never pass as a certificate.
    bool previewWatermark = false;
    // The watermark's wording; empty: watermarkText().
    QString watermark;

    static QString watermarkText(); // 预览 — 无效
};

// The values of a certificate by field name. Dates are ISO (yyyy-MM-dd)
// where a template formats them.
using CertificateFields = QHash<QString, QString>;

// Draws a CertificateTemplate with a certificate's fields: onto any painter
// (a printer, a PDF, a preview image), converting millimetres to the
// device's units.
class OW_PRINTING_EXPORT TemplateRenderer
{
public:
    // Paints the page onto `painter`, whose device has `dotsPerMm` device
    // units per millimetre and whose origin is the paper's top left corner.
    // False with a translated reason when a required field is missing.
    static bool paint(QPainter &painter, qreal dotsPerMm, const CertificateTemplate &tmpl,
                      const CertificateFields &fields, const RenderOptions &options,
                      QString *error = nullptr);
    // Paints page `page` (0: the first) of a template whose Flow continues on
    // further pages (its continueBox); `pageCount` receives how many pages
    // the fields take (the same on every device). paint() is page 0.
    static bool paintPage(QPainter &painter, qreal dotsPerMm, const CertificateTemplate &tmpl,
                          const CertificateFields &fields, const RenderOptions &options, int page,
                          int *pageCount, QString *error = nullptr);
    // A PDF of the template's page size (one page, or more where a Flow
    // continues); false with a translated reason on failure, leaving no file.
    static bool renderPdf(const CertificateTemplate &tmpl, const CertificateFields &fields,
                          const RenderOptions &options, const QString &fileName, QString *error = nullptr);
    // Paints onto a paged device (a QPrinter) whose page is already the template's paper.
    static bool renderTo(QPagedPaintDevice &device, const CertificateTemplate &tmpl,
                         const CertificateFields &fields, const RenderOptions &options,
                         QString *error = nullptr);
    // The template's paper without margins, landscape when wider than high:
    // what a QPrinter or QPdfWriter is set to before renderTo().
    static QPageLayout pageLayout(const CertificateTemplate &tmpl);
    // The first page as an image at `dpi` (white paper), for an on-screen preview.
    static QImage renderImage(const CertificateTemplate &tmpl, const CertificateFields &fields,
                              const RenderOptions &options, int dpi = 96, QString *error = nullptr);
    // Every page as an image at `dpi`; empty with a translated reason on failure.
    static QList<QImage> renderImages(const CertificateTemplate &tmpl, const CertificateFields &fields,
                                      const RenderOptions &options, int dpi = 96, QString *error = nullptr);

    // The text a Field element shows for `value` (its format applied).
    static QString formatted(const TemplateElement &element, const QString &value);
    // `text` with its {field} and {field:date} placeholders replaced by the values.
    static QString filled(const QString &text, const CertificateFields &fields);
    // Whether an element or block with these `when`/`unless` conditions is drawn.
    static bool applies(const QString &when, const QString &unless, const CertificateFields &fields);
    // The wording of the page (text, fields and flowing content, in drawing
    // order; no pictures) as escaped HTML, for tests and other layouts.
    static QString html(const CertificateTemplate &tmpl, const CertificateFields &fields);
    // The entries of a list field's value.
    static QStringList listEntries(const QString &value);
    static QString listValue(const QStringList &entries);
};

} // namespace ow::printing
