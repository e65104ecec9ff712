// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/intakenoticedialog.h"

#include "ow/ui/tr.h"

#include <ow/printing/noticerenderer.h>

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace ow::ui {

IntakeNoticeDialog::IntakeNoticeDialog(const printing::Notice &notice, const QString &pdfFile,
                                       QWidget *parent)
    : QDialog(parent)
    , m_notice(notice)
    , m_pdfFile(pdfFile)
{
    setObjectName(QStringLiteral("intakeNoticeDialog"));
    setWindowTitle(Tr::tr("Preview: %1").arg(notice.title()));
    auto *layout = new QVBoxLayout(this);
    auto *page = new QLabel(this);
    page->setObjectName(QStringLiteral("noticePreviewLabel"));
    page->setPixmap(QPixmap::fromImage(printing::NoticeRenderer::renderImage(notice, 80, watermark())));
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setAlignment(Qt::AlignHCenter);
    layout->addWidget(scroll);
    auto *file = new QLabel(Tr::tr("Saved as %1").arg(QDir::toNativeSeparators(pdfFile)), this);
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(file);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *printButton = buttons->addButton(Tr::tr("&Print…"), QDialogButtonBox::ActionRole);
    printButton->setObjectName(QStringLiteral("printPushButton"));
    printButton->setDefault(true);
    connect(printButton, &QPushButton::clicked, this, &IntakeNoticeDialog::print);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 900);
}

IntakeNoticeDialog::~IntakeNoticeDialog() = default;

QString IntakeNoticeDialog::watermark()
{
    return Tr::tr("PREVIEW — NOT VALID");
}

void IntakeNoticeDialog::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setFullPage(true);
    printer.setDocName(m_notice.title());
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!printing::NoticeRenderer::renderTo(m_notice, printer, &error))
        QMessageBox::warning(this, Tr::tr("Printing failed"), error);
}

} // namespace ow::ui
