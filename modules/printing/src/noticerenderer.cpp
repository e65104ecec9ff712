// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/noticerenderer.h"

#include "ow/printing/certificatetemplate.h"
#include "ow/printing/tr.h"

#include <QFontMetricsF>
#include <QHash>
#include <QMutex>
#include <QPainter>

#include <memory>

namespace ow::printing {

namespace {

constexpr qreal mmPerInch = 25.4;

// The built-in templates are read once per process: a batch of notices
// must not parse JSON for every page. Shared, so that a template in use
// stays valid while another thread loads the next kind.
std::shared_ptr<const TemplateLoader::Result> noticeTemplate(NoticeKind kind)
{
    static QMutex mutex;
    static QHash<int, std::shared_ptr<const TemplateLoader::Result>> loaded;
    const QMutexLocker locker(&mutex);
    std::shared_ptr<const TemplateLoader::Result> &result = loaded[int(kind)];
    if (!result)
        result = std::make_shared<const TemplateLoader::Result>(
            TemplateLoader::loadNamed(NoticeRenderer::templateId(kind)));
    return result;
}

// The template of `notice` (null with a translated reason when it cannot be used).
std::shared_ptr<const CertificateTemplate> templateOf(const Notice &notice, QString *error)
{
    const std::shared_ptr<const TemplateLoader::Result> result = noticeTemplate(notice.kind);
    if (!result->isValid()) {
        if (error)
            *error = Tr::tr("The notice template \"%1\" cannot be used: %2")
                         .arg(NoticeRenderer::templateId(notice.kind),
                              result->problems.join(QStringLiteral("; ")));
        return nullptr;
    }
    // Aliasing: the template lives as long as the loaded result it is part of.
    return std::shared_ptr<const CertificateTemplate>(result, &*result->tmpl);
}

QString isoDate(const QDate &day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QString();
}

QString deliveryMethodCode(DeliveryMethod method)
{
    switch (method) {
    case DeliveryMethod::InPerson:
        return QStringLiteral("in-person");
    case DeliveryMethod::Delegate:
        return QStringLiteral("delegate");
    case DeliveryMethod::Mail:
        return QStringLiteral("mail");
    }
    return {};
}

// A white A4 page that says why the notice could not be laid out, so that a
// preview explains itself instead of staying blank.
QImage errorPage(int dpi, const QString &error)
{
    const qreal dotsPerMm = dpi / mmPerInch;
    QImage image(qRound(210 * dotsPerMm), qRound(297 * dotsPerMm), QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(dotsPerMm * 1000));
    image.setDotsPerMeterY(qRound(dotsPerMm * 1000));
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), NoticeRenderer::fontFamily()});
    font.setPointSizeF(12);
    painter.setFont(font);
    painter.setPen(QColor(170, 0, 0));
    painter.drawText(QRectF(20 * dotsPerMm, 20 * dotsPerMm, 170 * dotsPerMm, 257 * dotsPerMm),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, error);
    return image;
}

} // namespace

QString NoticeRenderer::templateId(NoticeKind kind)
{
    switch (kind) {
    case NoticeKind::Accepted:
        return QStringLiteral("notice-accepted");
    case NoticeKind::MissingMaterials:
        return QStringLiteral("notice-missing-materials");
    case NoticeKind::Refused:
        return QStringLiteral("notice-refused");
    case NoticeKind::DeliveryReceipt:
        return QStringLiteral("notice-delivery-receipt");
    case NoticeKind::SupplementRequest:
        return QStringLiteral("notice-supplement-request");
    }
    return {};
}

CertificateFields NoticeRenderer::fields(const Notice &notice)
{
    CertificateFields fields {
        {QStringLiteral("issuer"), notice.issuer},
        {QStringLiteral("caseNumber"), notice.caseNumber},
        {QStringLiteral("applicantName"), notice.applicantName},
        {QStringLiteral("applicantIdNumber"), notice.applicantIdNumber},
        {QStringLiteral("items"), TemplateRenderer::listValue(notice.items)},
        {QStringLiteral("issuedOn"), isoDate(notice.issuedOn)},
        {QStringLiteral("promisedDate"), isoDate(notice.promisedDate)},
        {QStringLiteral("materials"), TemplateRenderer::listValue(notice.materials)},
        {QStringLiteral("reason"), notice.reason},
        {QStringLiteral("basis"), TemplateRenderer::listValue(notice.basis)},
        {QStringLiteral("clerk"), notice.clerk},
        {QStringLiteral("documents"), TemplateRenderer::listValue(notice.documents)},
        {QStringLiteral("deliveryMethod"), deliveryMethodCode(notice.deliveryMethod)},
        {QStringLiteral("delegateName"), notice.delegateName},
        {QStringLiteral("delegateIdNumber"), notice.delegateIdNumber},
        {QStringLiteral("mailAddress"), notice.mailAddress},
        {QStringLiteral("mailCarrier"), notice.mailCarrier},
        {QStringLiteral("trackingNumber"), notice.trackingNumber},
    };
    // Templates ask "has a value": no working days is a service handled on the spot.
    if (notice.promisedDays > 0)
        fields.insert(QStringLiteral("promisedDays"), QString::number(notice.promisedDays));
    if (notice.onBehalf)
        fields.insert(QStringLiteral("onBehalf"), QStringLiteral("yes"));
    return fields;
}

QString NoticeRenderer::html(const Notice &notice)
{
    const auto tmpl = templateOf(notice, nullptr);
    return tmpl ? TemplateRenderer::html(*tmpl, fields(notice)) : QString();
}

bool NoticeRenderer::renderTo(const Notice &notice, QPagedPaintDevice &device, QString *error)
{
    const auto tmpl = templateOf(notice, error);
    if (!tmpl)
        return false;
    QString reason;
    if (TemplateRenderer::renderTo(device, *tmpl, fields(notice), RenderOptions(), &reason))
        return true;
    if (error)
        *error = Tr::tr("The %1 cannot be printed: %2").arg(notice.title(), reason);
    return false;
}

bool NoticeRenderer::renderPdf(const Notice &notice, const QString &fileName, QString *error)
{
    const auto tmpl = templateOf(notice, error);
    if (!tmpl)
        return false;
    QString reason;
    if (TemplateRenderer::renderPdf(*tmpl, fields(notice), RenderOptions(), fileName, &reason))
        return true;
    if (error)
        *error = Tr::tr("The %1 cannot be printed: %2").arg(notice.title(), reason);
    return false;
}

QImage NoticeRenderer::renderImage(const Notice &notice, int dpi, const QString &watermark)
{
    QString error;
    const auto tmpl = templateOf(notice, &error);
    if (!tmpl)
        return errorPage(dpi, error);
    RenderOptions options;
    options.previewWatermark = !watermark.isEmpty();
    options.watermark = watermark;
    const QList<QImage> pages = TemplateRenderer::renderImages(*tmpl, fields(notice), options, dpi, &error);
    if (pages.isEmpty())
        return errorPage(dpi, error);
    if (pages.size() == 1)
        return pages.constFirst();
    // A notice that continues on further pages: the pages one under another, as a preview scrolls.
    const int gap = qRound(dpi / mmPerInch * 5);
    QImage all(pages.constFirst().width(), int(pages.size()) * (pages.constFirst().height() + gap) - gap,
               QImage::Format_RGB32);
    all.setDotsPerMeterX(pages.constFirst().dotsPerMeterX());
    all.setDotsPerMeterY(pages.constFirst().dotsPerMeterY());
    all.fill(QColor(128, 128, 128));
    QPainter painter(&all);
    for (qsizetype i = 0; i < pages.size(); ++i)
        painter.drawImage(QPointF(0, qreal(i) * (pages.at(i).height() + gap)), pages.at(i));
    return all;
}

} // namespace ow::printing
