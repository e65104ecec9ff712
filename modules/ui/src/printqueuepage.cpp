// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/printqueuepage.h"

#include "ow/ui/printdialog.h"
#include "ow/ui/tr.h"
#include "ow/ui/verifycertificatedialog.h"

#include "ui_printqueuepage.h"

#include <ow/storage/certificaterepository.h>
#include <ow/storage/stockrepository.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPrinterInfo>
#include <QProgressDialog>
#include <QPushButton>
#include <QShortcut>
#include <QStandardItemModel>
#include <QTimer>

#include <algorithm>

namespace ow::ui {

namespace {

enum Column { NumberColumn, NameColumn, HolderColumn, CaseColumn, ProducedColumn, StateColumn, ColumnCount };
constexpr int IdRole = Qt::UserRole + 1;

QString errorHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#b3261e\">✘ %1</span>").arg(text.toHtmlEscaped());
}

QString okHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#1b873f\">✔ %1</span>").arg(text.toHtmlEscaped());
}

} // namespace

class PrintQueuePage::Private
{
public:
    Private(PrintQueuePage *q, const QSqlDatabase &db, const Session &session,
            const catalog::Catalog &catalog, Options options)
        : q(q)
        , ui(std::make_unique<::Ui::PrintQueuePage>())
        , db(db)
        , session(session)
        , catalog(catalog)
        , options(std::move(options))
    { }

    void setUp();
    void refresh();
    QList<storage::CertificateRow> selectedRows() const;
    void selectionChanged();
    bool refuse(const QString &text);
    void say(const QString &html) { ui->messageLabel->setText(html); }
    void openPrintDialog(bool reprint);

    PrintQueuePage *q;
    const std::unique_ptr<::Ui::PrintQueuePage> ui;
    QSqlDatabase db;
    Session session;
    catalog::Catalog catalog;
    Options options;
    QStandardItemModel model;
    QList<storage::CertificateRow> rows; // as listed
    QString lastPdfDirectory;
    QString lastPrinter;
    bool printing = false;
};

void PrintQueuePage::Private::setUp()
{
    ui->setupUi(q);
    model.setColumnCount(ColumnCount);
    model.setHorizontalHeaderLabels({Tr::tr("Certificate number"), Tr::tr("Certificate"), Tr::tr("Holder"),
                                     Tr::tr("Case number"), Tr::tr("Approved on"), Tr::tr("State")});
    ui->queueTreeView->setModel(&model);
    ui->queueTreeView->header()->setStretchLastSection(true);
    ui->queueTreeView->setColumnWidth(NumberColumn, 240);
    ui->queueTreeView->setColumnWidth(NameColumn, 150);
    ui->queueTreeView->setColumnWidth(HolderColumn, 150);
    ui->queueTreeView->setColumnWidth(CaseColumn, 240);
    ui->queueTreeView->setColumnWidth(ProducedColumn, 110);
    lastPdfDirectory = options.pdfDirectory;

    connect(ui->filterLineEdit, &QLineEdit::textChanged, q, [this] { refresh(); });
    connect(ui->filterLineEdit, &QLineEdit::returnPressed, q, [this] {
        if (model.rowCount() == 0)
            return;
        ui->queueTreeView->setFocus();
        if (!ui->queueTreeView->selectionModel()->hasSelection())
            ui->queueTreeView->setCurrentIndex(model.index(0, 0));
    });
    connect(ui->includePrintedCheckBox, &QCheckBox::toggled, q, [this] { refresh(); });
    connect(ui->refreshPushButton, &QPushButton::clicked, q, [this] { refresh(); });
    connect(ui->queueTreeView->selectionModel(), &QItemSelectionModel::selectionChanged, q,
            [this] { selectionChanged(); });
    connect(ui->queueTreeView, &QAbstractItemView::activated, q, [this] { q->print(); });
    connect(ui->printPushButton, &QPushButton::clicked, q, [this] { q->print(); });
    connect(ui->previewPushButton, &QPushButton::clicked, q, [this] { q->preview(); });
    connect(ui->reprintPushButton, &QPushButton::clicked, q, [this] { q->reprint(); });
    connect(ui->spoiledPushButton, &QPushButton::clicked, q, [this] { q->spoiled(); });
    connect(ui->verifyPushButton, &QPushButton::clicked, q, [this] { q->verify(); });

    const auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *item = new QShortcut(keys, q);
        item->setContext(Qt::WidgetWithChildrenShortcut);
        connect(item, &QShortcut::activated, q, slot);
    };
    shortcut(QKeySequence(Qt::Key_F5), [this] { q->print(); });
    shortcut(QKeySequence(QKeySequence::Print), [this] { q->preview(); });
    shortcut(QKeySequence(QKeySequence::Find), [this] {
        ui->filterLineEdit->setFocus();
        ui->filterLineEdit->selectAll();
    });
    refresh();
}

void PrintQueuePage::Private::refresh()
{
    const QStringList selected = q->selectedIds();
    storage::PrintQueueFilter filter;
    filter.printOffice = session.user.user.officeCode;
    filter.includePrinted = ui->includePrintedCheckBox->isChecked();
    filter.text = ui->filterLineEdit->text().trimmed();
    const storage::CertificateRepository repository(db);
    rows = repository.printQueue(filter);
    model.removeRows(0, model.rowCount());
    if (!repository.lastError().isEmpty()) {
        rows.clear();
        say(errorHtml(Tr::tr("The print queue cannot be read: %1").arg(repository.lastError())));
    }
    int unsigned_ = 0;
    for (const storage::CertificateRow &row : std::as_const(rows)) {
        QString state;
        if (!row.isSigned()) {
            state = Tr::tr("Awaiting signature");
            ++unsigned_;
        } else if (row.printCount > 0) {
            state = Tr::tr("Printed %1× (last %2)")
                        .arg(row.printCount)
                        .arg(row.lastPrintedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        } else {
            state = Tr::tr("Ready to print");
        }
        QList<QStandardItem *> items {
            new QStandardItem(row.number),
            new QStandardItem(row.name),
            new QStandardItem(row.holderName),
            new QStandardItem(row.caseNumber),
            new QStandardItem(row.producedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd"))),
            new QStandardItem(state),
        };
        for (QStandardItem *item : items) {
            item->setData(row.certificateId, IdRole);
            item->setEditable(false);
            if (!row.isSigned()) {
                item->setForeground(QColor(0x80, 0x80, 0x80));
                item->setToolTip(Tr::tr("The central server has not signed this certificate yet: it can be "
                                        "printed after the next sync brings its verification code."));
            }
        }
        items.at(StateColumn)
            ->setForeground(!row.isSigned()          ? QColor(0x8a, 0x5a, 0x00)
                                : row.printCount > 0 ? QColor(0x55, 0x55, 0x55)
                                                     : QColor(0x1b, 0x87, 0x3f));
        model.appendRow(items);
    }
    ui->summaryLabel->setText(
        rows.isEmpty()       ? (filter.text.isEmpty() ? Tr::tr("Nothing waits to be printed at this office.")
                                                      : Tr::tr("No certificate matches \"%1\".").arg(filter.text))
            : unsigned_ == 0 ? Tr::tr("%1 certificates listed.").arg(rows.size())
                             : Tr::tr("%1 certificates listed, %2 of them awaiting signature.")
                                   .arg(rows.size())
                                   .arg(unsigned_));
    q->select(selected);
    selectionChanged();
}

QList<storage::CertificateRow> PrintQueuePage::Private::selectedRows() const
{
    QList<storage::CertificateRow> chosen;
    const QModelIndexList indexes = ui->queueTreeView->selectionModel()->selectedRows();
    QList<int> numbers;
    for (const QModelIndex &index : indexes)
        numbers.append(index.row());
    std::sort(numbers.begin(), numbers.end());
    for (int row : numbers) {
        if (row >= 0 && row < rows.size())
            chosen.append(rows.at(row));
    }
    return chosen;
}

void PrintQueuePage::Private::selectionChanged()
{
    const QList<storage::CertificateRow> chosen = selectedRows();
    bool anyUnsigned = false;
    bool allPrinted = !chosen.isEmpty();
    bool nonePrinted = !chosen.isEmpty();
    for (const storage::CertificateRow &row : chosen) {
        anyUnsigned = anyUnsigned || !row.isSigned();
        allPrinted = allPrinted && row.printCount > 0;
        nonePrinted = nonePrinted && row.printCount == 0;
    }
    const bool printable = !chosen.isEmpty() && !anyUnsigned;
    ui->printPushButton->setEnabled(printable && nonePrinted);
    ui->previewPushButton->setEnabled(!chosen.isEmpty());
    ui->reprintPushButton->setEnabled(printable && allPrinted);
    ui->spoiledPushButton->setEnabled(chosen.size() == 1);
}

bool PrintQueuePage::Private::refuse(const QString &text)
{
    say(errorHtml(text));
    return false;
}

PrintQueuePage::PrintQueuePage(const QSqlDatabase &db, const Session &session,
                               const catalog::Catalog &catalog, Options options, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, db, session, catalog, std::move(options)))
{
    d->setUp();
}

PrintQueuePage::~PrintQueuePage() = default;

void PrintQueuePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Certificates arrive with every sync: the queue is read again whenever the page is shown.
    if (!d->printing)
        d->refresh();
    d->ui->filterLineEdit->setFocus();
}

void PrintQueuePage::refresh()
{
    d->refresh();
}

void PrintQueuePage::setFilterText(const QString &text)
{
    d->ui->filterLineEdit->setText(text);
}

void PrintQueuePage::setIncludePrinted(bool include)
{
    d->ui->includePrintedCheckBox->setChecked(include);
}

QStringList PrintQueuePage::listedIds() const
{
    QStringList ids;
    for (const storage::CertificateRow &row : d->rows)
        ids.append(row.certificateId);
    return ids;
}

QStringList PrintQueuePage::selectedIds() const
{
    QStringList ids;
    for (const storage::CertificateRow &row : d->selectedRows())
        ids.append(row.certificateId);
    return ids;
}

void PrintQueuePage::select(const QStringList &certificateIds)
{
    QItemSelection selection;
    int current = -1;
    for (int row = 0; row < d->rows.size(); ++row) {
        if (certificateIds.contains(d->rows.at(row).certificateId)) {
            selection.select(d->model.index(row, 0), d->model.index(row, ColumnCount - 1));
            if (current < 0)
                current = row;
        }
    }
    QItemSelectionModel *model = d->ui->queueTreeView->selectionModel();
    model->select(selection, QItemSelectionModel::ClearAndSelect);
    if (current >= 0)
        model->setCurrentIndex(d->model.index(current, 0), QItemSelectionModel::NoUpdate);
}

QString PrintQueuePage::message() const
{
    return d->ui->messageLabel->text();
}

bool PrintQueuePage::printSelected(const PrintRequest &request)
{
    const QList<storage::CertificateRow> chosen = d->selectedRows();
    CertificatePrintJob job(d->db, d->session, d->catalog);
    if (const QString problem = job.check(chosen, request); !problem.isEmpty())
        return d->refuse(problem);

    d->printing = true;
    QProgressDialog progress(Tr::tr("Printing certificates…"), Tr::tr("Stop after this certificate"), 0,
                             int(chosen.size()), this);
    progress.setWindowTitle(Tr::tr("Printing"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setValue(0);
    QString serial;
    QString stoppedBy;
    QStringList printed;
    for (const storage::CertificateRow &row : chosen) {
        QCoreApplication::processEvents();
        if (progress.wasCanceled())
            break;
        progress.setLabelText(
            Tr::tr("Printing %1 (%2 of %3)…").arg(row.number).arg(printed.size() + 1).arg(chosen.size()));
        const std::optional<QString> sheet = job.serialFor(row, request, serial);
        if (!sheet) {
            stoppedBy = job.lastError();
            break;
        }
        if (!job.print(row.certificateId, request, *sheet)) {
            stoppedBy = job.lastError();
            break;
        }
        serial = *sheet;
        printed.append(row.number);
        emit certificatePrinted(row.certificateId, row.number);
        progress.setValue(int(printed.size()));
    }
    const bool canceled = progress.wasCanceled();
    progress.close();
    d->printing = false;
    d->lastPrinter = request.target.logName();
    if (request.target.isPdf())
        d->lastPdfDirectory = request.target.pdfDirectory;
    d->refresh();

    QString done;
    if (!printed.isEmpty()) {
        done = request.target.isPdf()
            ? Tr::tr("Printed %1 of %2 as PDF files in %3: %4.")
                  .arg(printed.size())
                  .arg(chosen.size())
                  .arg(QDir::toNativeSeparators(request.target.pdfDirectory),
                       printed.join(QStringLiteral("、")))
            : Tr::tr("Printed %1 of %2 on %3: %4.")
                  .arg(printed.size())
                  .arg(chosen.size())
                  .arg(request.target.printerName, printed.join(QStringLiteral("、")));
        if (request.stock)
            done += QLatin1Char(' ') + Tr::tr("Last sheet used: %1.").arg(serial);
    }
    if (!stoppedBy.isEmpty()) {
        d->say((done.isEmpty() ? QString() : okHtml(done) + QStringLiteral("<br/>")) + errorHtml(stoppedBy));
        return false;
    }
    if (canceled && printed.size() < chosen.size()) {
        d->say((done.isEmpty() ? QString() : okHtml(done) + QStringLiteral("<br/>"))
               + errorHtml(Tr::tr("Stopped: %1 certificates were not printed and stay in the queue.")
                               .arg(chosen.size() - printed.size())));
        return false;
    }
    d->say(okHtml(done));
    d->ui->filterLineEdit->setFocus();
    d->ui->filterLineEdit->selectAll();
    return true;
}

bool PrintQueuePage::recordSpoiled(const QString &printerLogName, const QString &serial,
                                   const QString &reason)
{
    const QList<storage::CertificateRow> chosen = d->selectedRows();
    if (chosen.size() != 1)
        return d->refuse(Tr::tr("Choose the one certificate whose sheet was spoiled."));
    CertificatePrintJob job(d->db, d->session, d->catalog);
    if (!job.recordSpoiled(chosen.constFirst().certificateId, printerLogName, serial, reason))
        return d->refuse(job.lastError());
    d->refresh();
    d->say(okHtml(
        Tr::tr("Sheet %1 recorded as spoiled and voided; certificate %2 was not counted as printed by it.")
            .arg(serial.trimmed(), chosen.constFirst().number)));
    return true;
}

void PrintQueuePage::Private::openPrintDialog(bool reprint)
{
    const QList<storage::CertificateRow> chosen = selectedRows();
    if (chosen.isEmpty()) {
        refuse(Tr::tr("Choose the certificates to print in the list first."));
        return;
    }
    // Say at once what cannot be printed, before any dialog.
    CertificatePrintJob job(db, session, catalog);
    PrintRequest probe;
    probe.target.pdfDirectory = QStringLiteral("-");
    probe.reprint = reprint;
    probe.reason = QStringLiteral("-");
    if (const QString problem = job.check(chosen, probe); !problem.isEmpty()) {
        refuse(problem);
        return;
    }
    PrintDialog dialog(db, session, catalog, chosen, reprint, q);
    dialog.setPdfDirectory(lastPdfDirectory.isEmpty() ? QDir::homePath() : lastPdfDirectory);
    if (!lastPrinter.isEmpty())
        dialog.selectPrinter(lastPrinter);
    if (dialog.exec() != QDialog::Accepted)
        return;
    q->printSelected(dialog.request());
    // Once the dialogs have handed the focus back: ready for the next applicant.
    QTimer::singleShot(0, ui->filterLineEdit, [this] {
        ui->filterLineEdit->setFocus();
        ui->filterLineEdit->selectAll();
    });
}

void PrintQueuePage::print()
{
    d->openPrintDialog(false);
}

void PrintQueuePage::reprint()
{
    d->openPrintDialog(true);
}

void PrintQueuePage::preview()
{
    const QList<storage::CertificateRow> chosen = d->selectedRows();
    if (chosen.isEmpty()) {
        d->refuse(Tr::tr("Choose the certificates to preview in the list first."));
        return;
    }
    auto *dialog = new QPrintPreviewDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("certificatePreviewDialog"));
    dialog->setWindowTitle(Tr::tr("Preview (not valid as a certificate)"));
    connect(dialog, &QPrintPreviewDialog::paintRequested, this, [this, chosen](QPrinter *printer) {
        CertificatePrintJob job(d->db, d->session, d->catalog);
        if (!job.paintPreview(printer, chosen, false))
            d->refuse(job.lastError());
    });
    dialog->resize(1000, 760);
    dialog->open();
}

void PrintQueuePage::spoiled()
{
    const QList<storage::CertificateRow> chosen = d->selectedRows();
    if (chosen.size() != 1) {
        d->refuse(Tr::tr("Choose the one certificate whose sheet was spoiled."));
        return;
    }
    const storage::CertificateRow row = chosen.constFirst();
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("spoiledSheetDialog"));
    dialog.setWindowTitle(Tr::tr("Spoiled sheet"));
    auto *form = new QFormLayout(&dialog);
    auto *intro
        = new QLabel(Tr::tr("A blank sheet of certificate paper was ruined while printing %1 (%2), "
                            "before the certificate was on it (e.g. it jammed while feeding). Its serial "
                            "number is voided and cannot be used again. A sheet that printed but came "
                            "out wrong is already counted: reprint the certificate with the reason.")
                         .arg(row.number, row.holderName),
                     &dialog);
    intro->setWordWrap(true);
    form->addRow(intro);
    auto *printer = new QComboBox(&dialog);
    printer->setObjectName(QStringLiteral("spoiledPrinterComboBox"));
    printer->setEditable(true);
    printer->addItems(QPrinterInfo::availablePrinterNames());
    if (!d->lastPrinter.isEmpty() && d->lastPrinter != PrintTarget::pdfLogName())
        printer->setCurrentText(d->lastPrinter);
    form->addRow(Tr::tr("P&rinter:"), printer);
    // The sheet in the feeder: the next serial no print has used.
    const storage::StockRepository stock(d->db);
    auto *serial = new QLineEdit(
        stock.nextFree(d->session.user.user.officeCode, row.certificateType).value_or(QString()), &dialog);
    serial->setObjectName(QStringLiteral("spoiledSerialLineEdit"));
    serial->setPlaceholderText(Tr::tr("The number printed on the spoiled sheet"));
    form->addRow(Tr::tr("&Serial number:"), serial);
    auto *reason = new QComboBox(&dialog);
    reason->setObjectName(QStringLiteral("spoiledReasonComboBox"));
    reason->setEditable(true);
    reason->addItems({Tr::tr("Paper jam"), Tr::tr("Misprint"), Tr::tr("Printed out of position")});
    form->addRow(Tr::tr("&What happened:"), reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    dialog.setMinimumWidth(520);
    buttons->button(QDialogButtonBox::Ok)->setText(Tr::tr("&Void the sheet"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    serial->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString sheet = serial->text().trimmed().toUpper();
    if (QMessageBox::question(this, Tr::tr("Spoiled sheet"),
                              Tr::tr("Void sheet %1? This cannot be undone.").arg(sheet))
        != QMessageBox::Yes)
        return;
    recordSpoiled(printer->currentText().trimmed(), sheet, reason->currentText());
}

void PrintQueuePage::verify()
{
    auto *dialog = new VerifyCertificateDialog(d->catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace ow::ui
