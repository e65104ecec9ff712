// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/certificateprintjob.h"
#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>

#include <QSqlDatabase>
#include <QStringList>
#include <QWidget>

#include <memory>

namespace ow::ui {

// 打证: the office's print queue — certificates approved here or elsewhere
// for printing at this office (异地打证), oldest first — to print, preview
// (watermarked 预览 — 无效), reprint (with a reason) or record a spoiled
// sheet. Several can be chosen and printed in one batch, with progress and a
// cancel that stops after the current certificate. Every sheet is a
// `printed` event of its case. A certificate the central server has not
// signed yet shows 待签发 and cannot be printed: its QR code would be missing.
//
// Keyboard: the filter field has the focus; Enter there moves to the list,
// Enter or F5 on the list prints, Ctrl+P previews, Ctrl+F returns to the filter.
class OW_UI_EXPORT PrintQueuePage : public QWidget
{
    Q_OBJECT

public:
    struct Options
    {
        QString pdfDirectory; // suggested folder for PDF output
    };

    PrintQueuePage(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
                   Options options = {}, QWidget *parent = nullptr);
    ~PrintQueuePage() override;

    void refresh();
    void setFilterText(const QString &text);
    void setIncludePrinted(bool include);
    // The certificate ids listed, in the list's order.
    QStringList listedIds() const;
    QStringList selectedIds() const;
    // Chooses these certificates in the list (the others are deselected).
    void select(const QStringList &certificateIds);

    // Prints the chosen certificates as `request` says (what the print
    // dialog gives), in one batch; false when it refused or stopped early,
    // with message() saying why. What was printed stays recorded.
    bool printSelected(const PrintRequest &request);
    // Records a spoiled sheet of the one chosen certificate (see CertificatePrintJob::recordSpoiled).
    bool recordSpoiled(const QString &printerLogName, const QString &serial, const QString &reason);
    QString message() const;

    // The interactive actions of the buttons and keys: each opens its dialog.
    void print();
    void reprint();
    void preview();
    void spoiled();
    void verify();

signals:
    // After each certificate's printed event is recorded.
    void certificatePrinted(const QString &certificateId, const QString &number);

protected:
    void showEvent(QShowEvent *event) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace ow::ui
