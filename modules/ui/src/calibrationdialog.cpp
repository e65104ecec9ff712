// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/calibrationdialog.h"

#include "ow/ui/certificateprintjob.h"
#include "ow/ui/tr.h"

#include "ui_calibrationdialog.h"

#include <ow/printing/certificatetemplate.h>

#include <QDir>
#include <QPageLayout>
#include <QPrinter>
#include <QPrinterInfo>
#include <QPushButton>

namespace ow::ui {

namespace {

// The calibration sheet's outer crosses, as the sheet labels them (mm).
constexpr qreal leftCross = 20;
constexpr qreal rightCross = 190;
constexpr qreal topCross = 20;
constexpr qreal bottomCross = 277;

QString signedMm(qreal value)
{
    return QString::number(value, 'f', 1);
}

} // namespace

CalibrationDialog::CalibrationDialog(const QSqlDatabase &db, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::CalibrationDialog>())
    , m_db(db)
    , m_sheetDirectory(QDir::homePath())
{
    m_ui->setupUi(this);
    setMinimumWidth(560);
    for (const QString &name : QPrinterInfo::availablePrinterNames())
        m_ui->printerComboBox->addItem(name, name);
    m_ui->printerComboBox->addItem(Tr::tr("PDF files"), PrintTarget::pdfLogName());
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(Tr::tr("&Save for this printer"));
    connect(m_ui->printerComboBox, &QComboBox::currentIndexChanged, this, &CalibrationDialog::printerChanged);
    for (QDoubleSpinBox *box :
         {m_ui->xOffsetSpinBox, m_ui->yOffsetSpinBox, m_ui->xScaleSpinBox, m_ui->yScaleSpinBox})
        connect(box, &QDoubleSpinBox::valueChanged, this, &CalibrationDialog::explain);
    connect(m_ui->printSheetPushButton, &QPushButton::clicked, this, &CalibrationDialog::printSheet);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &CalibrationDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    printerChanged();
}

CalibrationDialog::~CalibrationDialog() = default;

bool CalibrationDialog::selectPrinter(const QString &logName)
{
    const int index = m_ui->printerComboBox->findData(logName);
    if (index < 0)
        return false;
    m_ui->printerComboBox->setCurrentIndex(index);
    printerChanged();
    return true;
}

QString CalibrationDialog::printerLogName() const
{
    return m_ui->printerComboBox->currentData().toString();
}

printing::Calibration CalibrationDialog::calibration() const
{
    printing::Calibration calibration;
    calibration.xOffsetMm = m_ui->xOffsetSpinBox->value();
    calibration.yOffsetMm = m_ui->yOffsetSpinBox->value();
    calibration.xScale = m_ui->xScaleSpinBox->value();
    calibration.yScale = m_ui->yScaleSpinBox->value();
    return calibration;
}

void CalibrationDialog::setCalibration(const printing::Calibration &calibration)
{
    m_ui->xOffsetSpinBox->setValue(calibration.xOffsetMm);
    m_ui->yOffsetSpinBox->setValue(calibration.yOffsetMm);
    m_ui->xScaleSpinBox->setValue(calibration.xScale);
    m_ui->yScaleSpinBox->setValue(calibration.yScale);
    explain();
}

void CalibrationDialog::setSheetDirectory(const QString &directory)
{
    m_sheetDirectory = QDir::fromNativeSeparators(directory);
}

QString CalibrationDialog::message() const
{
    return m_ui->messageLabel->text();
}

void CalibrationDialog::printerChanged()
{
    setCalibration(CertificatePrintJob::calibration(m_db, printerLogName()));
    m_ui->messageLabel->clear();
}

void CalibrationDialog::explain()
{
    const printing::Calibration c = calibration();
    if (c.isIdentity()) {
        m_ui->explanationLabel->setText(
            Tr::tr("No correction: everything is printed where the template places it."));
        return;
    }
    // Where the sheet's outer crosses land once corrected, as the clerk would measure them.
    const qreal left = leftCross * c.xScale + c.xOffsetMm;
    const qreal top = topCross * c.yScale + c.yOffsetMm;
    const qreal width = (rightCross - leftCross) * c.xScale;
    const qreal height = (bottomCross - topCross) * c.yScale;
    QStringList parts;
    if (c.xOffsetMm != 0)
        parts.append(c.xOffsetMm > 0
                         ? Tr::tr("everything moves %1 mm to the right").arg(signedMm(c.xOffsetMm))
                         : Tr::tr("everything moves %1 mm to the left").arg(signedMm(-c.xOffsetMm)));
    if (c.yOffsetMm != 0)
        parts.append(c.yOffsetMm > 0 ? Tr::tr("%1 mm down").arg(signedMm(c.yOffsetMm))
                                     : Tr::tr("%1 mm up").arg(signedMm(-c.yOffsetMm)));
    if (c.xScale != 1 || c.yScale != 1)
        parts.append(Tr::tr("the page is stretched to %1 % wide and %2 % high")
                         .arg(c.xScale * 100, 0, 'f', 2)
                         .arg(c.yScale * 100, 0, 'f', 2));
    m_ui->explanationLabel->setText(
        Tr::tr("Corrected, %1. The top left cross of the sheet (20, 20 mm) is printed at (%2, %3 mm); the "
               "crosses "
               "170 mm apart are printed %4 mm apart, those 257 mm apart %5 mm apart.")
            .arg(parts.join(Tr::tr(", ")), QString::number(left, 'f', 1), QString::number(top, 'f', 1),
                 QString::number(width, 'f', 1), QString::number(height, 'f', 1)));
}

void CalibrationDialog::showMessage(bool ok, const QString &text)
{
    m_ui->messageLabel->setText(
        ok ? QStringLiteral("<span style=\"color:#1b873f\">✔ %1</span>").arg(text.toHtmlEscaped())
           : QStringLiteral("<span style=\"color:#b3261e\">✘ %1</span>").arg(text.toHtmlEscaped()));
}

bool CalibrationDialog::save()
{
    QString error;
    const QString printer = printerLogName();
    if (!CertificatePrintJob::saveCalibration(m_db, printer, calibration(), &error)) {
        showMessage(false, error);
        return false;
    }
    showMessage(
        true,
        Tr::tr("Saved: every print on %1 is corrected this way.").arg(m_ui->printerComboBox->currentText()));
    return true;
}

bool CalibrationDialog::printSheet()
{
    const auto loaded = printing::TemplateLoader::loadNamed(QStringLiteral("calibration-sheet"));
    if (!loaded.isValid()) {
        showMessage(false, loaded.problems.join(QStringLiteral("; ")));
        return false;
    }
    const QString printer = printerLogName();
    const printing::CertificateFields fields {
        {QStringLiteral("printerName"), m_ui->printerComboBox->currentText()}};
    // Printed uncorrected: the sheet measures the printer's own error.
    const printing::RenderOptions options;
    QString error;
    if (printer == PrintTarget::pdfLogName()) {
        if (!QDir().mkpath(m_sheetDirectory)) {
            showMessage(false, Tr::tr("The folder %1 cannot be created.").arg(m_sheetDirectory));
            return false;
        }
        const QString file = QDir(m_sheetDirectory).filePath(QStringLiteral("calibration-sheet.pdf"));
        if (!printing::TemplateRenderer::renderPdf(*loaded.tmpl, fields, options, file, &error)) {
            showMessage(false, error);
            return false;
        }
        m_lastSheetFile = file;
        showMessage(true,
                    Tr::tr("The calibration sheet was written to %1.").arg(QDir::toNativeSeparators(file)));
        return true;
    }
    const QPrinterInfo info = QPrinterInfo::printerInfo(printer);
    if (info.isNull()) {
        showMessage(false, Tr::tr("The printer %1 is not available.").arg(printer));
        return false;
    }
    QPrinter device(info, QPrinter::HighResolution);
    device.setFullPage(true);
    device.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
    device.setDocName(loaded.tmpl->title);
    if (!printing::TemplateRenderer::renderTo(device, *loaded.tmpl, fields, options, &error)) {
        showMessage(false, error);
        return false;
    }
    showMessage(true, Tr::tr("The calibration sheet was sent to %1.").arg(printer));
    return true;
}

} // namespace ow::ui
