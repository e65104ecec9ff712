// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/certificateprintjob.h"
#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>
#include <ow/storage/certificaterepository.h>

#include <QDialog>
#include <QSqlDatabase>

#include <memory>

namespace Ui {
class PrintDialog;
}

namespace ow::ui {

// How the chosen certificates are printed: on which printer (the system's
// printers, or PDF files into a folder), on plain paper or on pre-printed
// certificate paper (套打, when every template has a layout for it) from
// which serial number (the next free one suggested, checked against the
// office's stock), and for a reprint why. The printer's calibration is shown
// and can be set from here.
class OW_UI_EXPORT PrintDialog : public QDialog
{
    Q_OBJECT

public:
    PrintDialog(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
                const QList<storage::CertificateRow> &rows, bool reprint, QWidget *parent = nullptr);
    ~PrintDialog() override;

    // What the dialog asks for (valid once accepted).
    PrintRequest request() const;
    // The folder PDF files go to, when "PDF files" is chosen.
    void setPdfDirectory(const QString &directory);
    // Chooses a printer by its log name ("PDF" for files); false when it is not listed.
    bool selectPrinter(const QString &logName);
    void setStock(bool stock);
    void setFirstSerial(const QString &serial);
    void setReason(const QString &reason);
    QString message() const;

    // Checks everything; stays open and says what is wrong unless it is right.
    void accept() override;

private:
    void printerChanged();
    void modeChanged();
    void showCalibration();
    void calibrate();
    bool refuse(QWidget *focus, const QString &message);

    const std::unique_ptr<::Ui::PrintDialog> m_ui;
    QSqlDatabase m_db;
    Session m_session;
    catalog::Catalog m_catalog;
    QList<storage::CertificateRow> m_rows;
    bool m_reprint = false;
    bool m_stockPossible = false;
};

} // namespace ow::ui
