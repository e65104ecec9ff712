// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/printing/notice.h>

#include <QDialog>

namespace ow::ui {

// Shows a notice as it will print, watermarked "预览 — 无效" so a screenshot
// of the preview is never mistaken for the notice, with a Print button.
class OW_UI_EXPORT IntakeNoticeDialog : public QDialog
{
    Q_OBJECT

public:
    IntakeNoticeDialog(const printing::Notice &notice, const QString &pdfFile, QWidget *parent = nullptr);
    ~IntakeNoticeDialog() override;

    static QString watermark();
    QString pdfFile() const { return m_pdfFile; }

private:
    void print();

    printing::Notice m_notice;
    QString m_pdfFile;
};

} // namespace ow::ui
