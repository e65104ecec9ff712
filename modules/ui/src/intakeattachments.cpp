// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakeattachments.h"

#include "ow/ui/tr.h"

#include <ow/storage/attachmentrepository.h>

#include <QApplication>
#include <QBuffer>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

#ifdef OW_HAVE_QTPDF
#include <QEventLoop>
#include <QPdfDocument>
#include <QTimer>
#endif

namespace ow::ui::Internal {

namespace {

const QString pngType = QStringLiteral("image/png");
const QString jpegType = QStringLiteral("image/jpeg");
const QString pdfType = QStringLiteral("application/pdf");

#ifdef OW_HAVE_QTPDF
// Opens a PDF held in memory; the buffer must outlive the document. Loading
// from a device may finish on the event loop, so wait for it briefly.
bool openPdf(QPdfDocument &document, QBuffer &buffer)
{
    buffer.open(QIODevice::ReadOnly);
    document.load(&buffer);
    if (document.status() == QPdfDocument::Status::Loading) {
        QEventLoop loop;
        QObject::connect(&document, &QPdfDocument::statusChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    return document.status() == QPdfDocument::Status::Ready && document.pageCount() > 0;
}
#else
// Without QtPdf the page count is read from the page objects; PDFs that hide
// them in compressed object streams show no count.
int countPdfPages(const QByteArray &bytes)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    int count = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(bytes)); it.hasNext(); it.next())
        ++count;
    return count;
}
#endif

QImage documentIcon(const QSize &bound)
{
    const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_FileIcon);
    return icon.pixmap(bound).toImage();
}

} // namespace

QString IntakeAttachment::summary() const
{
    const QString size = QLocale().formattedDataSize(this->size, 1, QLocale::DataSizeTraditionalFormat);
    if (isPdf() && pages > 0)
        return Tr::tr("%1 (%2, %n page(s))", nullptr, pages).arg(fileName, size);
    return Tr::tr("%1 (%2)").arg(fileName, size);
}

QJsonObject IntakeAttachment::toJson() const
{
    QJsonObject json {{QStringLiteral("sha256"), sha256},
                      {QStringLiteral("mediaType"), mediaType},
                      {QStringLiteral("fileName"), fileName},
                      {QStringLiteral("size"), size}};
    if (pages > 0)
        json.insert(QStringLiteral("pages"), pages);
    return json;
}

std::optional<IntakeAttachment> IntakeAttachment::fromJson(const QJsonObject &json)
{
    IntakeAttachment attachment;
    attachment.sha256 = json.value(QStringLiteral("sha256")).toString();
    attachment.mediaType = json.value(QStringLiteral("mediaType")).toString();
    attachment.fileName = json.value(QStringLiteral("fileName")).toString();
    attachment.size = json.value(QStringLiteral("size")).toInteger();
    attachment.pages = json.value(QStringLiteral("pages")).toInt();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex.match(attachment.sha256).hasMatch())
        return std::nullopt;
    return attachment;
}

QString sniffMediaType(const QByteArray &head)
{
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return pngType;
    if (head.startsWith("\xff\xd8\xff"))
        return jpegType;
    if (head.startsWith("%PDF-"))
        return pdfType;
    return {};
}

std::optional<IntakeAttachment> storeAttachmentFile(const QSqlDatabase &db, const QString &path,
                                                    QString *error)
{
    const QFileInfo info(path);
    const QLocale locale;
    // The size is checked before reading, so a huge file is never loaded.
    if (!info.isFile()) {
        *error = Tr::tr("%1 is not a file that can be read.").arg(QDir::toNativeSeparators(path));
        return std::nullopt;
    }
    if (info.size() > storage::AttachmentRepository::MaxSize) {
        *error
            = Tr::tr("%1 is %2; an attachment can be at most %3. Scan it at a lower resolution or split it "
                     "into several files. Nothing was attached.")
                  .arg(info.fileName(),
                       locale.formattedDataSize(info.size(), 1, QLocale::DataSizeTraditionalFormat),
                       locale.formattedDataSize(storage::AttachmentRepository::MaxSize, 0,
                                                QLocale::DataSizeTraditionalFormat));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("%1 cannot be read: %2").arg(info.fileName(), file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() > storage::AttachmentRepository::MaxSize) { // it grew while we looked
        *error
            = Tr::tr("%1 is %2; an attachment can be at most %3. Scan it at a lower resolution or split it "
                     "into several files. Nothing was attached.")
                  .arg(info.fileName(),
                       locale.formattedDataSize(bytes.size(), 1, QLocale::DataSizeTraditionalFormat),
                       locale.formattedDataSize(storage::AttachmentRepository::MaxSize, 0,
                                                QLocale::DataSizeTraditionalFormat));
        return std::nullopt;
    }
    IntakeAttachment attachment;
    attachment.mediaType = sniffMediaType(bytes.left(16));
    attachment.fileName = info.fileName();
    attachment.size = bytes.size();
    if (attachment.mediaType.isEmpty()) {
        *error = Tr::tr("%1 is not a PNG or JPEG image or a PDF document; only those can be attached. "
                        "Nothing was attached.")
                     .arg(info.fileName());
        return std::nullopt;
    }
    // A damaged file would reach the reviewing department unreadable: refuse it here.
    if (renderAttachment(bytes, attachment.mediaType, QSize(64, 64), &attachment.pages).isNull()) {
        *error = Tr::tr("%1 is damaged or cannot be opened. Nothing was attached.").arg(info.fileName());
        return std::nullopt;
    }
    storage::AttachmentRepository repository(db);
    attachment.sha256 = repository.put(bytes, attachment.mediaType);
    if (attachment.sha256.isEmpty()) {
        *error = Tr::tr("%1 could not be stored: %2").arg(info.fileName(), repository.lastError());
        return std::nullopt;
    }
    return attachment;
}

QImage renderAttachment(const QByteArray &bytes, const QString &mediaType, const QSize &bound, int *pages,
                        int page)
{
    if (mediaType == pngType || mediaType == jpegType) {
        QBuffer buffer;
        buffer.setData(bytes);
        QImageReader reader(&buffer, mediaType == pngType ? "png" : "jpeg");
        // Phone photos are often stored sideways with an orientation tag.
        reader.setAutoTransform(true);
        const QSize full = reader.size();
        if (full.isValid() && (full.width() > bound.width() || full.height() > bound.height()))
            reader.setScaledSize(full.scaled(bound, Qt::KeepAspectRatio));
        return reader.read();
    }
    if (mediaType != pdfType)
        return {};
#ifdef OW_HAVE_QTPDF
    QBuffer buffer;
    buffer.setData(bytes);
    QPdfDocument document;
    if (!openPdf(document, buffer))
        return {};
    if (pages)
        *pages = document.pageCount();
    if (page < 0 || page >= document.pageCount())
        return {};
    const QSize size = document.pagePointSize(page).toSize().scaled(bound, Qt::KeepAspectRatio);
    const QImage rendered = document.render(page, size.isEmpty() ? bound : size);
    if (rendered.isNull())
        return {};
    // PDF pages are transparent where nothing is drawn.
    QImage white(rendered.size(), QImage::Format_RGB32);
    white.fill(Qt::white);
    QPainter(&white).drawImage(0, 0, rendered);
    return white;
#else
    Q_UNUSED(page)
    if (!bytes.startsWith("%PDF-"))
        return {};
    if (pages)
        *pages = countPdfPages(bytes);
    return documentIcon(bound);
#endif
}

QIcon attachmentIcon(const QSqlDatabase &db, const IntakeAttachment &attachment, const QSize &size)
{
    const auto record = storage::AttachmentRepository(db).get(attachment.sha256);
    if (!record)
        return QIcon(QPixmap::fromImage(documentIcon(size)));
    QImage image = renderAttachment(record->bytes, attachment.mediaType, size);
    if (image.isNull())
        image = documentIcon(size);
    return QIcon(QPixmap::fromImage(image));
}

IntakeAttachmentPreview::IntakeAttachmentPreview(const QSqlDatabase &db, const IntakeAttachment &attachment,
                                                 QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("attachmentPreviewDialog"));
    setWindowTitle(Tr::tr("Attachment: %1").arg(attachment.fileName));
    auto *layout = new QVBoxLayout(this);
    auto *picture = new QLabel(this);
    picture->setObjectName(QStringLiteral("attachmentPreviewLabel"));
    picture->setAlignment(Qt::AlignCenter);
    storage::AttachmentRepository repository(db);
    const auto record = repository.get(attachment.sha256);
    QImage image;
    if (record)
        image = renderAttachment(record->bytes, attachment.mediaType, QSize(720, 900));
    if (!image.isNull())
        picture->setPixmap(QPixmap::fromImage(image));
    else
        picture->setText(record ? Tr::tr("This file cannot be shown.")
                                : Tr::tr("The file is not in this store: %1").arg(repository.lastError()));
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(picture);
    scroll->setWidgetResizable(true);
    layout->addWidget(scroll, 1);
    QString about = attachment.summary();
    if (attachment.isPdf())
        about += QLatin1Char(' ') + Tr::tr("— the first page is shown.");
    auto *info = new QLabel(about, this);
    info->setObjectName(QStringLiteral("attachmentPreviewInfoLabel"));
    info->setWordWrap(true);
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(info);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(780, 980);
}

} // namespace ow::ui::Internal
