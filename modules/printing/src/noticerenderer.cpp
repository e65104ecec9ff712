// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/noticerenderer.h"

#include "ow/printing/qrcode.h"
#include "ow/printing/tr.h"

#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

namespace ow::printing {

namespace {

constexpr qreal mmPerInch = 25.4;
constexpr qreal marginMm = 20;
constexpr qreal qrSideMm = 28;

qreal mm(qreal millimetres, qreal dpi)
{
    return millimetres / mmPerInch * dpi;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString list(const QStringList &entries)
{
    QString html = QStringLiteral("<ol>");
    for (const QString &entry : entries)
        html += QStringLiteral("<li>") + escaped(entry) + QStringLiteral("</li>");
    return html + QStringLiteral("</ol>");
}

QString paragraph(const QString &text)
{
    return QStringLiteral("<p>") + escaped(text) + QStringLiteral("</p>");
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>") + escaped(label)
        + QStringLiteral("</b></td><td>") + escaped(value) + QStringLiteral("</td></tr>");
}

QString date(const QDate &day)
{
    return day.isValid() ? day.toString(QStringLiteral("yyyy-MM-dd")) : QString();
}

// Latin letters and digits from DejaVu Sans, Chinese from Noto Sans CJK SC:
// Qt's PDF writer maps Noto CJK's digit glyphs to no characters, so a case
// number set in it could not be searched or copied from the PDF.
QFont noticeFont(qreal pointSize, bool bold = false)
{
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), NoticeRenderer::fontFamily()});
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

// The receipt's own rows: what was served, how, and to whom.
QString deliveryRows(const Notice &notice)
{
    QString html = row(Tr::tr("Documents served"), notice.documents.join(Tr::tr("; ")));
    html += row(Tr::tr("Method of service"), Notice::deliveryMethodName(notice.deliveryMethod));
    switch (notice.deliveryMethod) {
    case DeliveryMethod::InPerson:
        break;
    case DeliveryMethod::Delegate:
        html += row(Tr::tr("Delegate"), Tr::tr("%1 (%2)").arg(notice.delegateName, notice.delegateIdNumber));
        break;
    case DeliveryMethod::Mail:
        html += row(Tr::tr("Mailing address"), notice.mailAddress);
        html += row(Tr::tr("Postal carrier"), notice.mailCarrier);
        html += row(Tr::tr("Tracking number"), notice.trackingNumber);
        break;
    }
    html += row(Tr::tr("Date of service"), date(notice.issuedOn));
    return html;
}

// Blank lines the recipient and the deliverer sign on paper.
QString signatureLines(const Notice &notice)
{
    const QString blank = QStringLiteral("________________________");
    const QString recipient = notice.deliveryMethod == DeliveryMethod::Delegate
        ? Tr::tr("Signature of the delegate collecting")
        : Tr::tr("Signature of the recipient");
    QString html = QStringLiteral("<br/><table cellpadding=\"8\">");
    html += row(recipient, blank) + row(Tr::tr("Date received"), blank);
    html += row(Tr::tr("Deliverer"), notice.clerk);
    html += row(Tr::tr("Signature of the deliverer"), blank);
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p align=\"right\">") + escaped(notice.issuer) + QStringLiteral("<br/>")
        + escaped(date(notice.issuedOn)) + QStringLiteral("</p>");
    return html;
}

} // namespace

QString NoticeRenderer::html(const Notice &notice)
{
    QString html = QStringLiteral("<table>");
    if (!notice.caseNumber.isEmpty())
        html += row(Tr::tr("Case number"), notice.caseNumber);
    const QString applicant = notice.applicantIdNumber.isEmpty()
        ? notice.applicantName
        : Tr::tr("%1 (%2)").arg(notice.applicantName, notice.applicantIdNumber);
    html += row(Tr::tr("Applicant"), applicant);
    html += row(Tr::tr("Service applied for"), notice.items.join(Tr::tr("; ")));
    if (notice.kind == NoticeKind::DeliveryReceipt)
        html += deliveryRows(notice);
    html += QStringLiteral("</table>");

    switch (notice.kind) {
    case NoticeKind::Accepted:
        html += paragraph(
            Tr::tr("Your application has been accepted. The result will be ready within %n working "
                   "day(s), no later than %1. Quote the case number above when you enquire or "
                   "collect the result.",
                   nullptr, notice.promisedDays)
                .arg(date(notice.promisedDate)));
        if (notice.promisedDays == 0)
            html += paragraph(Tr::tr("This service is handled on the spot."));
        if (!notice.materials.isEmpty())
            html += paragraph(Tr::tr("Materials received:")) + list(notice.materials);
        break;
    case NoticeKind::MissingMaterials:
        html += paragraph(
                    Tr::tr("Your application cannot be accepted yet: the materials below are missing. This "
                           "notice lists all of them at once; bring them together and your application will "
                           "be accepted."))
            + list(notice.materials);
        break;
    case NoticeKind::Refused:
        html += paragraph(Tr::tr("Your application is not accepted for the following reason:"))
            + paragraph(notice.reason);
        break;
    case NoticeKind::SupplementRequest:
        html += paragraph(Tr::tr("Your application is under review. The reviewing department needs the "
                                 "materials below; this notice lists all of them at once. The time limit stops "
                                 "from the day after this notice until they are received; hand them in at any "
                                 "window with the case number above."))
            + list(notice.materials);
        if (!notice.reason.isEmpty())
            html += paragraph(Tr::tr("Why they are needed: %1").arg(notice.reason));
        break;
    case NoticeKind::DeliveryReceipt:
        html += paragraph(Tr::tr("The documents above were served on the date stated. The recipient signs "
                                 "below to acknowledge receipt; this receipt is kept with the case file."));
        return html + signatureLines(notice);
    }
    if (!notice.basis.isEmpty())
        html += paragraph(Tr::tr("Basis:")) + list(notice.basis);
    if (notice.kind == NoticeKind::Refused)
        html += paragraph(
            Tr::tr("If you disagree with this decision, you may apply for administrative "
                   "reconsideration within 60 days or bring an administrative lawsuit within six "
                   "months of receiving this notice."));
    if (notice.onBehalf)
        html += paragraph(Tr::tr("Handled on behalf of the applicant (agency service)."));
    html += QStringLiteral("<p align=\"right\">") + escaped(Tr::tr("Issued by: %1").arg(notice.clerk))
        + QStringLiteral("<br/>") + escaped(notice.issuer) + QStringLiteral("<br/>")
        + escaped(date(notice.issuedOn)) + QStringLiteral("</p>");
    return html;
}

void NoticeRenderer::paint(const Notice &notice, QPainter &painter, QPaintDevice &device, const QRectF &page)
{
    const qreal dpi = device.logicalDpiX();
    const QRectF area
        = page.adjusted(mm(marginMm, dpi), mm(marginMm, dpi), -mm(marginMm, dpi), -mm(marginMm, dpi));

    painter.save();
    painter.fillRect(page, Qt::white);
    const QFont titleFont = noticeFont(20, true);
    const QFont smallFont = noticeFont(11);

    // The QR code sits in the top right corner; the headings keep clear of it.
    qreal top = area.top();
    const qreal qrSide = mm(qrSideMm, dpi);
    if (notice.kind == NoticeKind::Accepted && !notice.caseNumber.isEmpty()) {
        const QrCode code = QrCode::encode(notice.caseNumber);
        code.paint(painter, QRectF(area.right() - qrSide, area.top(), qrSide, qrSide));
    }
    painter.setPen(Qt::black);
    painter.setFont(smallFont);
    const QFontMetricsF small(smallFont, &device);
    painter.drawText(QRectF(area.left(), top, area.width(), small.height() * 1.5),
                     Qt::AlignHCenter | Qt::AlignTop, notice.issuer);
    top += small.height() * 2;
    painter.setFont(titleFont);
    const QFontMetricsF titleMetrics(titleFont, &device);
    painter.drawText(QRectF(area.left(), top, area.width(), titleMetrics.height() * 1.5),
                     Qt::AlignHCenter | Qt::AlignTop, notice.title());
    top = qMax(top + titleMetrics.height() * 2, area.top() + qrSide + mm(4, dpi));

    QTextDocument document;
    document.documentLayout()->setPaintDevice(&device);
    document.setDefaultFont(noticeFont(12));
    document.setTextWidth(area.width());
    document.setHtml(html(notice));
    painter.translate(area.left(), top);
    document.drawContents(&painter, QRectF(0, 0, area.width(), area.bottom() - top));
    painter.restore();
}

bool NoticeRenderer::renderTo(const Notice &notice, QPagedPaintDevice &device, QString *error)
{
    QPainter painter;
    if (!painter.begin(&device)) {
        if (error)
            *error = Tr::tr("The notice cannot be drawn on this device.");
        return false;
    }
    const qreal dpi = device.logicalDpiX();
    // The full page; the painter's origin is the printable area's corner.
    const QRectF full = device.pageLayout().fullRectPixels(int(dpi));
    const QRectF paintRect = device.pageLayout().paintRectPixels(int(dpi));
    paint(notice, painter, device, full.translated(-paintRect.topLeft()));
    painter.end();
    return true;
}

bool NoticeRenderer::renderPdf(const Notice &notice, const QString &fileName, QString *error)
{
    QPdfWriter writer(fileName);
    writer.setTitle(notice.title());
    writer.setCreator(QStringLiteral("OneWindow"));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
    if (!renderTo(notice, writer, error))
        return false;
    if (!QFileInfo(fileName).isFile() || QFileInfo(fileName).size() == 0) {
        if (error)
            *error = Tr::tr("The notice could not be written to %1.").arg(fileName);
        return false;
    }
    return true;
}

QImage NoticeRenderer::renderImage(const Notice &notice, int dpi, const QString &watermark)
{
    const QSizeF a4 = QPageSize(QPageSize::A4).size(QPageSize::Millimeter);
    QImage image(qRound(mm(a4.width(), dpi)), qRound(mm(a4.height(), dpi)), QImage::Format_RGB32);
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(notice, painter, image, QRectF(QPointF(0, 0), QSizeF(image.size())));
    if (!watermark.isEmpty()) {
        painter.setFont(noticeFont(48, true));
        painter.setPen(QColor(200, 0, 0, 90));
        painter.translate(image.width() / 2.0, image.height() / 2.0);
        painter.rotate(-35);
        painter.drawText(
            QRectF(-image.width(), -image.height() / 8.0, 2.0 * image.width(), image.height() / 4.0),
            Qt::AlignCenter, watermark);
    }
    return image;
}

} // namespace ow::printing
