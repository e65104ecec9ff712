// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/notice.h"
#include "ow/printing/printing_export.h"
#include "ow/printing/templaterenderer.h"

#include <QImage>
#include <QRectF>
#include <QString>

class QPagedPaintDevice;

namespace ow::printing {

// Lays a notice out on A4 paper from its template (resources/templates/
// notice-*.json, docs/templates.md): a PDF file for the record, an image for
// the on-screen preview, or any paged device (a printer). All three share
// one layout, so what the clerk previews is what prints. Notices are Chinese
// documents whatever the language of the screen: their wording is the
// template's.
class OW_PRINTING_EXPORT NoticeRenderer
{
public:
    static QString fontFamily() { return QStringLiteral("Noto Sans CJK SC"); }

    // Writes the notice as an A4 PDF: one page, set smaller down to the
    // template's minimum where its lists are long, further pages where even
    // that is not enough. False with a translated reason on failure, leaving no file.
    static bool renderPdf(const Notice &notice, const QString &fileName, QString *error = nullptr);
    // The A4 page at `dpi` (a longer notice: its pages one under another);
    // `watermark` (e.g. "预览 — 无效") is drawn across each when not empty.
    // A notice that cannot be laid out gives a page that says why.
    static QImage renderImage(const Notice &notice, int dpi = 96, const QString &watermark = QString());
    // Paints onto an A4 paged device that is already set up (e.g. a QPrinter).
    static bool renderTo(const Notice &notice, QPagedPaintDevice &device, QString *error = nullptr);

    // The notice's wording (heading and body) as HTML (escaped), for tests and for other layouts.
    static QString html(const Notice &notice);

    // The built-in template of a kind of notice, e.g. "notice-accepted".
    static QString templateId(NoticeKind kind);
    // The notice as the template's fields: lists one entry per line, dates
    // ISO, deliveryMethod "in-person" | "delegate" | "mail", onBehalf
    // "yes" or empty, promisedDays empty when handled on the spot.
    static CertificateFields fields(const Notice &notice);
};

} // namespace ow::printing
