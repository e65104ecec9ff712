// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/printdialog.h"

#include "ow/ui/calibrationdialog.h"
#include "ow/ui/tr.h"

#include "ui_printdialog.h"

#include <ow/storage/stockrepository.h>

#include <QDir>
#include <QFileDialog>
#include <QPrinterInfo>
#include <QPushButton>

namespace ow::ui {

namespace {

QString errorHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#b3261e\">✘ %1</span>").arg(text.toHtmlEscaped());
}

QString millimetres(qreal value)
{
    return QStringLiteral("%1%2").arg(value > 0 ? QStringLiteral("+") : QString()).arg(value, 0, 'f', 1);
}

} // namespace

PrintDialog::PrintDialog(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
                         const QList<storage::CertificateRow> &rows, bool reprint, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::PrintDialog>())
    , m_db(db)
    , m_session(session)
    , m_catalog(catalog)
    , m_rows(rows)
    , m_reprint(reprint)
{
    m_ui->setupUi(this);
    setMinimumWidth(600);
    setWindowTitle(reprint ? Tr::tr("Reprint certificates") : Tr::tr("Print certificates"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(reprint ? Tr::tr("&Reprint") : Tr::tr("&Print"));
    // Enter anywhere in the dialog prints: the clerk's hands stay on the keyboard.
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setDefault(true);

    QStringList numbers;
    for (const storage::CertificateRow &row : rows)
        numbers.append(QStringLiteral("%1 %2（%3）").arg(row.number, row.name, row.holderName));
    const int shown = 5;
    QString list = numbers.mid(0, shown).join(QStringLiteral("<br/>"));
    if (numbers.size() > shown)
        list += QStringLiteral("<br/>") + Tr::tr("… and %1 more").arg(numbers.size() - shown);
    m_ui->summaryLabel->setText(Tr::tr("<b>Certificates to print: %1</b>").arg(rows.size())
                                + QStringLiteral("<br/>") + list);

    for (const QString &name : QPrinterInfo::availablePrinterNames())
        m_ui->printerComboBox->addItem(name, name);
    m_ui->printerComboBox->addItem(Tr::tr("PDF files"), PrintTarget::pdfLogName());
    const QString preferred = QPrinterInfo::defaultPrinterName();
    const int index
        = m_ui->printerComboBox->findData(preferred.isEmpty() ? PrintTarget::pdfLogName() : preferred);
    m_ui->printerComboBox->setCurrentIndex(std::max(index, 0));

    // 套打 only where every chosen certificate's template has a layout for pre-printed paper.
    CertificatePrintJob job(db, session, catalog);
    m_stockPossible = !rows.isEmpty();
    for (const storage::CertificateRow &row : rows) {
        const auto tmpl = job.templateOf(row);
        if (!tmpl || !CertificatePrintJob::supportsStock(*tmpl))
            m_stockPossible = false;
    }
    m_ui->modeComboBox->addItem(Tr::tr("Plain paper (the whole design)"), false);
    if (m_stockPossible)
        m_ui->modeComboBox->addItem(Tr::tr("Pre-printed certificate paper (variable fields only)"), true);

    for (const QString &reason :
         {Tr::tr("The certificate was soiled or damaged"), Tr::tr("The certificate was lost"),
          Tr::tr("Printing fault (paper jam, misprint)")})
        m_ui->reasonComboBox->addItem(reason);
    m_ui->reasonComboBox->setCurrentIndex(-1);
    m_ui->reasonComboBox->lineEdit()->setPlaceholderText(Tr::tr("Required: why it is printed again"));
    m_ui->reasonLabel->setVisible(reprint);
    m_ui->reasonComboBox->setVisible(reprint);

    m_ui->directoryLineEdit->setText(QDir::homePath());
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PrintDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &PrintDialog::reject);
    connect(m_ui->printerComboBox, &QComboBox::currentIndexChanged, this, &PrintDialog::printerChanged);
    connect(m_ui->modeComboBox, &QComboBox::currentIndexChanged, this, &PrintDialog::modeChanged);
    connect(m_ui->calibratePushButton, &QPushButton::clicked, this, &PrintDialog::calibrate);
    connect(m_ui->browsePushButton, &QPushButton::clicked, this, [this] {
        const QString directory = QFileDialog::getExistingDirectory(this, Tr::tr("Folder for the PDF files"),
                                                                    m_ui->directoryLineEdit->text());
        if (!directory.isEmpty())
            m_ui->directoryLineEdit->setText(QDir::toNativeSeparators(directory));
    });
    connect(m_ui->serialLineEdit, &QLineEdit::textEdited, this, [this] { m_ui->messageLabel->clear(); });
    printerChanged();
    modeChanged();
    m_ui->printerComboBox->setFocus();
}

PrintDialog::~PrintDialog() = default;

void PrintDialog::printerChanged()
{
    const bool pdf = m_ui->printerComboBox->currentData().toString() == PrintTarget::pdfLogName();
    m_ui->directoryLabel->setVisible(pdf);
    m_ui->directoryLineEdit->setVisible(pdf);
    m_ui->browsePushButton->setVisible(pdf);
    showCalibration();
}

void PrintDialog::showCalibration()
{
    const QString printer = m_ui->printerComboBox->currentData().toString();
    const printing::Calibration calibration = CertificatePrintJob::calibration(m_db, printer);
    m_ui->calibrationLabel->setText(
        calibration.isIdentity()
            ? Tr::tr("This printer is not calibrated: fields are placed as the template says.")
            : Tr::tr("Calibration applied: shifted %1 mm right, %2 mm down; scaled %3 × %4.")
                  .arg(millimetres(calibration.xOffsetMm), millimetres(calibration.yOffsetMm))
                  .arg(calibration.xScale, 0, 'f', 4)
                  .arg(calibration.yScale, 0, 'f', 4));
}

void PrintDialog::modeChanged()
{
    const bool stock = m_ui->modeComboBox->currentData().toBool();
    m_ui->serialLabel->setVisible(stock);
    m_ui->serialLineEdit->setVisible(stock);
    if (!stock || m_rows.isEmpty() || !m_ui->serialLineEdit->text().isEmpty())
        return;
    const storage::StockRepository stockRepository(m_db);
    const QString office = m_session.user.user.officeCode;
    const QString type = m_rows.constFirst().certificateType;
    if (const auto next = stockRepository.nextFree(office, type)) {
        m_ui->serialLineEdit->setText(*next);
        const qint64 left = stockRepository.remaining(office, type);
        if (left < m_rows.size())
            m_ui->messageLabel->setText(errorHtml(
                Tr::tr("Only %1 sheets of certificate paper are left for this certificate type.").arg(left)));
    } else {
        m_ui->messageLabel->setText(errorHtml(Tr::tr(
            "No certificate paper is left for this office: ask the administrator to issue a new range.")));
    }
}

void PrintDialog::calibrate()
{
    CalibrationDialog dialog(m_db, this);
    dialog.selectPrinter(m_ui->printerComboBox->currentData().toString());
    dialog.setSheetDirectory(m_ui->directoryLineEdit->text());
    dialog.exec();
    showCalibration();
}

PrintRequest PrintDialog::request() const
{
    PrintRequest request;
    const QString printer = m_ui->printerComboBox->currentData().toString();
    if (printer != PrintTarget::pdfLogName())
        request.target.printerName = printer;
    request.target.pdfDirectory = QDir::fromNativeSeparators(m_ui->directoryLineEdit->text().trimmed());
    request.stock = m_ui->modeComboBox->currentData().toBool();
    request.firstSerial = request.stock ? m_ui->serialLineEdit->text().trimmed().toUpper() : QString();
    request.reprint = m_reprint;
    request.reason = m_reprint ? m_ui->reasonComboBox->currentText().trimmed() : QString();
    return request;
}

void PrintDialog::setPdfDirectory(const QString &directory)
{
    m_ui->directoryLineEdit->setText(QDir::toNativeSeparators(directory));
}

bool PrintDialog::selectPrinter(const QString &logName)
{
    const int index = m_ui->printerComboBox->findData(logName);
    if (index < 0)
        return false;
    m_ui->printerComboBox->setCurrentIndex(index);
    return true;
}

void PrintDialog::setStock(bool stock)
{
    const int index = m_ui->modeComboBox->findData(stock);
    if (index >= 0)
        m_ui->modeComboBox->setCurrentIndex(index);
}

void PrintDialog::setFirstSerial(const QString &serial)
{
    m_ui->serialLineEdit->setText(serial);
}

void PrintDialog::setReason(const QString &reason)
{
    m_ui->reasonComboBox->setEditText(reason);
}

QString PrintDialog::message() const
{
    return m_ui->messageLabel->text();
}

bool PrintDialog::refuse(QWidget *focus, const QString &message)
{
    m_ui->messageLabel->setText(errorHtml(message));
    if (focus) {
        focus->setFocus();
        if (auto *edit = qobject_cast<QLineEdit *>(focus))
            edit->selectAll();
    }
    return false;
}

void PrintDialog::accept()
{
    const PrintRequest request = this->request();
    if (m_reprint && request.reason.isEmpty()) {
        refuse(m_ui->reasonComboBox,
               Tr::tr("A reprint needs its reason (e.g. 原证污损): nothing was printed."));
        return;
    }
    if (request.target.isPdf() && request.target.pdfDirectory.isEmpty()) {
        refuse(m_ui->directoryLineEdit, Tr::tr("Choose the folder the PDF files are written to."));
        return;
    }
    if (request.stock) {
        if (request.firstSerial.isEmpty()) {
            refuse(m_ui->serialLineEdit,
                   Tr::tr("Enter the serial number of the first sheet of certificate paper."));
            return;
        }
        const storage::StockRepository stock(m_db);
        const storage::StockSerialProblem problem = stock.check(
            m_session.user.user.officeCode,
            m_rows.isEmpty() ? QString() : m_rows.constFirst().certificateType, request.firstSerial);
        if (problem != storage::StockSerialProblem::None) {
            refuse(m_ui->serialLineEdit, storage::StockRepository::describe(problem, request.firstSerial));
            return;
        }
    }
    const CertificatePrintJob job(m_db, m_session, m_catalog);
    if (const QString problem = job.check(m_rows, request); !problem.isEmpty()) {
        refuse(nullptr, problem);
        return;
    }
    QDialog::accept();
}

} // namespace ow::ui
