// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/printing/templaterenderer.h>

#include <QDialog>
#include <QSqlDatabase>

#include <memory>

namespace Ui {
class CalibrationDialog;
}

namespace ow::ui {

// 打印机校准: per printer, the x/y shift (mm) and scale that correct where it
// puts the page, measured on the printed calibration sheet and kept in the
// workstation's settings (printing.calibration.<printer>); every print on
// that printer applies it.
class OW_UI_EXPORT CalibrationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CalibrationDialog(const QSqlDatabase &db, QWidget *parent = nullptr);
    ~CalibrationDialog() override;

    // By the name the print log knows it ("PDF" for PDF files); false when it is not listed.
    bool selectPrinter(const QString &logName);
    QString printerLogName() const;
    printing::Calibration calibration() const;
    void setCalibration(const printing::Calibration &calibration);
    // Where the calibration sheet goes when PDF files are chosen.
    void setSheetDirectory(const QString &directory);
    QString lastSheetFile() const { return m_lastSheetFile; }
    QString message() const;

    // Stores the calibration of the chosen printer; false (and says why) when it cannot.
    bool save();
    // Prints the calibration sheet, uncorrected, on the chosen printer.
    bool printSheet();

private:
    void printerChanged();
    void explain();
    void showMessage(bool ok, const QString &text);

    const std::unique_ptr<::Ui::CalibrationDialog> m_ui;
    QSqlDatabase m_db;
    QString m_sheetDirectory;
    QString m_lastSheetFile;
};

} // namespace ow::ui
