// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "attachmentviewer.h"

#include "ow/ui/tr.h"

#include <ow/storage/attachmentrepository.h>

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>

namespace ow::ui::Internal {

namespace {

// What the page fits in at 100 %.
const QSize kBaseBound(760, 980);
constexpr double kMinZoom = 0.25;
constexpr double kMaxZoom = 4.0;

} // namespace

AttachmentViewer::AttachmentViewer(const QSqlDatabase &db, const IntakeAttachment &attachment, QWidget *parent)
    : QDialog(parent)
    , m_attachment(attachment)
{
    setObjectName(QStringLiteral("attachmentViewer"));
    setWindowTitle(Tr::tr("Attachment: %1").arg(attachment.fileName));
    auto *layout = new QVBoxLayout(this);
    auto *tools = new QHBoxLayout;
    auto *zoomOut = new QPushButton(Tr::tr("Zoom out (Ctrl+-)"), this);
    auto *zoomIn = new QPushButton(Tr::tr("Zoom in (Ctrl++)"), this);
    auto *actual = new QPushButton(Tr::tr("100 % (Ctrl+0)"), this);
    m_previous = new QPushButton(Tr::tr("Previous page (PgUp)"), this);
    m_next = new QPushButton(Tr::tr("Next page (PgDn)"), this);
    for (QPushButton *button : {zoomOut, zoomIn, actual, m_previous, m_next}) {
        button->setAutoDefault(false);
        tools->addWidget(button);
    }
    tools->addStretch(1);
    layout->addLayout(tools);
    m_picture = new QLabel(this);
    m_picture->setObjectName(QStringLiteral("attachmentViewerPicture"));
    m_picture->setAlignment(Qt::AlignCenter);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_picture);
    scroll->setWidgetResizable(true);
    layout->addWidget(scroll, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("attachmentViewerStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(zoomIn, &QPushButton::clicked, this, [this] { zoomBy(1.25); });
    connect(zoomOut, &QPushButton::clicked, this, [this] { zoomBy(0.8); });
    connect(actual, &QPushButton::clicked, this, [this] { zoomBy(1.0 / m_zoom); });
    connect(m_previous, &QPushButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showPage(m_page + 1); });
    const auto key = [this](const QKeySequence &sequence, auto slot) {
        connect(new QShortcut(sequence, this), &QShortcut::activated, this, slot);
    };
    key(QKeySequence::ZoomIn, [this] { zoomBy(1.25); });
    key(QKeySequence::ZoomOut, [this] { zoomBy(0.8); });
    key(QKeySequence(Qt::CTRL | Qt::Key_0), [this] { zoomBy(1.0 / m_zoom); });
    key(QKeySequence(Qt::Key_PageUp), [this] { showPage(m_page - 1); });
    key(QKeySequence(Qt::Key_PageDown), [this] { showPage(m_page + 1); });

    storage::AttachmentRepository repository(db);
    if (const auto record = repository.get(attachment.sha256))
        m_bytes = record->bytes;
    else
        m_status->setText(Tr::tr("The file is not in this store: %1").arg(repository.lastError()));
    render();
    resize(840, 1000);
}

void AttachmentViewer::zoomBy(double factor)
{
    m_zoom = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    render();
}

void AttachmentViewer::showPage(int page)
{
    if (page < 0 || page >= m_pages)
        return;
    m_page = page;
    render();
}

void AttachmentViewer::render()
{
    if (m_bytes.isEmpty())
        return;
    const QSize bound(qRound(kBaseBound.width() * m_zoom), qRound(kBaseBound.height() * m_zoom));
    int pages = 0;
    QImage image;
    if (m_attachment.isPdf()) {
        image = renderAttachment(m_bytes, m_attachment.mediaType, bound, &pages, m_page);
    } else {
        // Scanned pages are read at their own size once; zooming scales up as well as down.
        if (m_native.isNull())
            m_native = renderAttachment(m_bytes, m_attachment.mediaType, QSize(16384, 16384));
        if (!m_native.isNull())
            image = m_native.scaled(m_native.size().scaled(bound, Qt::KeepAspectRatio), Qt::KeepAspectRatio,
                                    Qt::SmoothTransformation);
    }
    if (m_attachment.isPdf() && pages > 0)
        m_pages = pages;
    if (image.isNull()) {
        m_picture->setPixmap({});
        m_picture->setText(Tr::tr("This file cannot be shown."));
    } else {
        m_picture->setPixmap(QPixmap::fromImage(image));
    }
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_page + 1 < m_pages);
    QString status = m_attachment.summary() + QStringLiteral(" · ")
        + Tr::tr("%1 %").arg(qRound(m_zoom * 100));
    if (m_attachment.isPdf())
        status += QStringLiteral(" · ") + Tr::tr("page %1 of %2").arg(m_page + 1).arg(m_pages);
    m_status->setText(status);
}

} // namespace ow::ui::Internal
