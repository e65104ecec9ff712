// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "intakeattachments.h"

#include <QDialog>
#include <QImage>
#include <QSqlDatabase>

class QLabel;
class QPushButton;

namespace ow::ui::Internal {

// A reviewer reads a case's attachment: images zoomed in and out, a PDF page
// by page (Ctrl++ / Ctrl+- / Ctrl+0, Page Up / Page Down).
class AttachmentViewer : public QDialog
{
public:
    AttachmentViewer(const QSqlDatabase &db, const IntakeAttachment &attachment, QWidget *parent = nullptr);

    void zoomBy(double factor);
    void showPage(int page);
    double zoom() const { return m_zoom; }
    int page() const { return m_page; }
    int pageCount() const { return m_pages; }

private:
    void render();

    IntakeAttachment m_attachment;
    QByteArray m_bytes;
    QImage m_native; // an image at its own size, scaled for each zoom
    double m_zoom = 1.0;
    int m_page = 0;
    int m_pages = 1;
    QLabel *m_picture = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
};

} // namespace ow::ui::Internal
