// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/guide.h"

#include "ow/catalog/tr.h"
#include "pdfunicodefix.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace ow::catalog {

namespace {

constexpr int resolution = 300; // dots per inch of the PDF's coordinate system

int millimetres(double mm)
{
    return qRound(mm / 25.4 * resolution);
}

} // namespace

bool Guide::writePdf(const Catalog &catalog, const ServiceItem &item, GuideKind kind, const QString &fileName,
                     QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (error)
            *error = Tr::tr("rendering a PDF needs a QGuiApplication (the offscreen platform will do)");
        return false;
    }
    // Written to memory first: the text layer is fixed up before the file is
    // saved, and a failed write never leaves half a PDF behind.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(resolution);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 16, 18, 14), QPageLayout::Millimeter);
    writer.setTitle(item.name + QStringLiteral(" — ")
                    + (kind == GuideKind::Guide ? Tr::tr("Service Guide") : Tr::tr("Staff Manual")));
    writer.setCreator(QStringLiteral("OneWindow"));

    QTextDocument document;
    QFont font(fontFamily());
    font.setPointSizeF(10);
    // Shaping gives Latin-context digits of Noto CJK glyphs that its cmap does
    // not name, so Qt's /ToUnicode map leaves them out and "2026" vanishes
    // from the PDF's text layer. Chinese and our Latin need no shaping.
    font.setStyleStrategy(QFont::PreferNoShaping);
    document.setDefaultFont(font);
    // Without this the layout assumes the screen's 96 dpi and the text comes
    // out a quarter of its size on the 300 dpi page.
    document.documentLayout()->setPaintDevice(&writer);
    document.setHtml(html(catalog, item, kind));

    const QRect page = writer.pageLayout().paintRectPixels(resolution);
    const int footerHeight = millimetres(8);
    const QSizeF bodySize(page.width(), page.height() - footerHeight);
    document.setPageSize(bodySize);
    const int pageCount = document.pageCount();

    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = Tr::tr("cannot write %1").arg(fileName);
        return false;
    }
    QFont footerFont = font;
    footerFont.setPointSizeF(8);
    const QString left = item.code + QStringLiteral("  ") + item.name;
    for (int i = 0; i < pageCount; ++i) {
        if (i > 0)
            writer.newPage();
        painter.save();
        const QRectF clip(0, i * bodySize.height(), bodySize.width(), bodySize.height());
        painter.translate(0, -clip.top());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = clip;
        context.palette.setColor(QPalette::Text, Qt::black);
        painter.setClipRect(clip);
        document.documentLayout()->draw(&painter, context);
        painter.restore();

        const int lineY = int(bodySize.height()) + millimetres(2);
        painter.setPen(QPen(QColor(0x99, 0x99, 0x99), 2));
        painter.drawLine(0, lineY, page.width(), lineY);
        painter.setFont(footerFont);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const QRect footer(0, lineY + millimetres(1), page.width(), footerHeight - millimetres(3));
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, left);
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                         Tr::tr("Page %1 of %2").arg(i + 1).arg(pageCount));
    }
    if (!painter.end()) {
        if (error)
            *error = Tr::tr("cannot write %1").arg(fileName);
        return false;
    }

    QByteArray pdf = buffer.data();
    Internal::fixRadicalsInToUnicode(pdf, font);
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit()) {
        if (error)
            *error = Tr::tr("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace ow::catalog
