// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>

#include <QSqlDatabase>
#include <QWidget>

#include <memory>

namespace ow::ui {

class IntakeNoticeDialog;

// The window's hand-out page (出件): find a case by its number, the
// applicant's ID number or credit code, or the QR code of the acceptance
// notice; see whether its result can be handed out and, if not, why; then
// record the delivery (in person, to a delegate, or by mail) as a
// `delivered` event through the case journal and print the delivery
// receipt (送达回证) the recipient signs.
class OW_UI_EXPORT HandoutPage : public QWidget
{
    Q_OBJECT

public:
    struct Options
    {
        QString noticeDirectory; // where receipt PDFs are kept
        QString issuer; // printed at the top of receipts; default: the office's name
        bool showPreview = true; // open the receipt preview after each delivery
    };

    HandoutPage(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
                Options options, QWidget *parent = nullptr);
    ~HandoutPage() override;

    // Searches as if `text` was typed or scanned into the search field and Enter pressed.
    void search(const QString &text);

    QString lastReceiptFile() const;
    IntakeNoticeDialog *receiptDialog() const;

signals:
    void delivered(const QString &caseId, const QString &caseNumber);

protected:
    void showEvent(QShowEvent *event) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace ow::ui
