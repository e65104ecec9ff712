// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/notice.h"
#include "ow/printing/printing_export.h"

#include <QImage>
#include <QRectF>
#include <QString>

class QPagedPaintDevice;
class QPaintDevice;
class QPainter;

namespace ow::printing {

// Lays a notice out on one A4 page in "Noto Sans CJK SC": a PDF file for the
// record, an image for the on-screen preview, or any paged device (a printer).
// All three share one layout, so what the clerk previews is what prints.
class OW_PRINTING_EXPORT NoticeRenderer
{
public:
    static QString fontFamily() { return QStringLiteral("Noto Sans CJK SC"); }

    // Writes the notice as a one-page A4 PDF; false with a translated reason on failure.
    static bool renderPdf(const Notice &notice, const QString &fileName, QString *error = nullptr);
    // The A4 page at `dpi`; `watermark` (e.g. "预览 — 无效") is drawn across it when not empty.
    static QImage renderImage(const Notice &notice, int dpi = 96, const QString &watermark = QString());
    // Paints onto an A4 paged device that is already set up (e.g. a QPrinter).
    static bool renderTo(const Notice &notice, QPagedPaintDevice &device, QString *error = nullptr);

    // The notice body as HTML (escaped), for tests and for other layouts.
    static QString html(const Notice &notice);

private:
    static void paint(const Notice &notice, QPainter &painter, QPaintDevice &device, const QRectF &page);
};

} // namespace ow::printing
