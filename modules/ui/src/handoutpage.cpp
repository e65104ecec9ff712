// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "handoutpage_p.h"

#include "ow/ui/tr.h"

#include "handoutactor.h"
#include "ui_handoutpage.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QShortcut>

namespace ow::ui {

using namespace Internal;

HandoutPage::Private::Private(HandoutPage *q, const QSqlDatabase &db, const Session &session,
                              const catalog::Catalog &catalog, Options options)
    : q(q)
    , ui(std::make_unique<::Ui::HandoutPage>())
    , db(db)
    , session(session)
    , catalog(catalog)
    , options(std::move(options))
{ }

HandoutPage::Private::~Private() = default;

void HandoutPage::Private::setUp()
{
    ui->setupUi(q);
    ui->casesTreeView->setModel(&model);
    ui->casesTreeView->header()->setStretchLastSection(true);
    ui->casesTreeView->setColumnWidth(HandoutCaseModel::NumberColumn, 260);
    ui->casesTreeView->setColumnWidth(HandoutCaseModel::ApplicantColumn, 110);
    ui->casesTreeView->setColumnWidth(HandoutCaseModel::ItemsColumn, 220);
    ui->casesTreeView->setColumnWidth(HandoutCaseModel::StateColumn, 90);
    for (const QString &carrier : {Tr::tr("China Post EMS"), Tr::tr("China Post registered mail"),
                                   Tr::tr("SF Express"), Tr::tr("JD Logistics")})
        ui->mailCarrierComboBox->addItem(carrier);

    connect(ui->receiveSupplementPushButton, &QPushButton::clicked, q, [this] { receiveSupplement(); });
    connect(ui->searchLineEdit, &QLineEdit::returnPressed, q, [this] { search(); });
    connect(ui->searchPushButton, &QPushButton::clicked, q, [this] { search(); });
    connect(ui->casesTreeView->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
            [this] { selectionChanged(); });
    // Enter on a case moves on to how it is handed out.
    connect(ui->casesTreeView, &QAbstractItemView::activated, q, [this] {
        if (!current() || !current()->ready)
            return;
        if (ui->delegateRadioButton->isChecked())
            ui->delegateNameLineEdit->setFocus();
        else if (ui->mailRadioButton->isChecked())
            ui->mailAddressLineEdit->setFocus();
        else
            ui->inPersonRadioButton->setFocus();
    });
    for (QRadioButton *button : {ui->inPersonRadioButton, ui->delegateRadioButton, ui->mailRadioButton})
        connect(button, &QRadioButton::toggled, q, [this](bool on) {
            if (on)
                methodChanged();
        });
    connect(ui->deliverPushButton, &QPushButton::clicked, q, [this] { deliver(); });
    // Enter moves through the delegate's or the mail's fields and delivers from the last.
    connect(ui->delegateNameLineEdit, &QLineEdit::returnPressed, ui->delegateIdLineEdit,
            qOverload<>(&QWidget::setFocus));
    connect(ui->mailAddressLineEdit, &QLineEdit::returnPressed, ui->trackingNumberLineEdit,
            qOverload<>(&QWidget::setFocus));
    connect(ui->delegateIdLineEdit, &QLineEdit::returnPressed, q, [this] { deliver(); });
    connect(ui->trackingNumberLineEdit, &QLineEdit::returnPressed, q, [this] { deliver(); });

    // Keyboard: Ctrl+Enter records the delivery from anywhere on the page,
    // Ctrl+F (or F3) goes back to the search field for the next applicant.
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, q);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, q, [this] { deliver(); });
    }
    for (const QKeySequence &keys : {QKeySequence(QKeySequence::Find), QKeySequence(Qt::Key_F3)}) {
        auto *shortcut = new QShortcut(keys, q);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, q, [this] {
            ui->searchLineEdit->setFocus();
            ui->searchLineEdit->selectAll();
        });
    }
    ui->deliverPushButton->setToolTip(Tr::tr("Record the delivery and print the receipt (Ctrl+Enter)"));
    methodChanged();
    selectionChanged();
}

void HandoutPage::Private::showSearchMessage(const QString &html)
{
    ui->searchMessageLabel->setText(html);
}

void HandoutPage::Private::search()
{
    lastQuery = HandoutQuery::parse(ui->searchLineEdit->text());
    if (lastQuery.kind == HandoutQuery::Kind::Empty) {
        model.setCases({});
        showSearchMessage(handoutErrorHtml(
            Tr::tr("Enter a case number, an ID number or a unified social credit code, or scan the QR code "
                   "of the acceptance notice.")));
        selectionChanged();
        return;
    }
    if (lastQuery.kind == HandoutQuery::Kind::Invalid) {
        model.setCases({});
        showSearchMessage(handoutErrorHtml(lastQuery.error));
        selectionChanged();
        ui->searchLineEdit->selectAll();
        return;
    }
    // A scanned QR code shows as the case number it carries.
    if (lastQuery.kind == HandoutQuery::Kind::CaseNumber)
        ui->searchLineEdit->setText(lastQuery.value);
    showDeliveryMessage({});
    refresh();
    if (model.rowCount() > 0)
        ui->casesTreeView->setFocus();
}

void HandoutPage::Private::refresh()
{
    const QString selected = current() ? current()->caseId : QString();
    QList<HandoutCase> found;
    QString error;
    const HandoutFinder finder(db, catalog, Internal::windowRole(session));
    if (!finder.find(lastQuery, &found, &error)) {
        model.setCases({});
        showSearchMessage(handoutErrorHtml(Tr::tr("The local store cannot be read: %1").arg(error)));
        selectionChanged();
        return;
    }
    model.setCases(found);
    if (found.isEmpty()) {
        showSearchMessage(handoutErrorHtml(
            lastQuery.kind == HandoutQuery::Kind::CaseNumber
                ? Tr::tr("No case %1 in this workstation's store.").arg(lastQuery.value)
                : Tr::tr("No case of the applicant %1 in this workstation's store.").arg(lastQuery.value)));
        selectionChanged();
        return;
    }
    int ready = 0;
    int row = -1;
    for (int i = 0; i < found.size(); ++i) {
        ready += found.at(i).ready ? 1 : 0;
        if (found.at(i).caseId == selected || (row < 0 && found.at(i).ready))
            row = i;
    }
    showSearchMessage(
        Tr::tr("%n case(s) found, %1 ready to hand out.", nullptr, int(found.size())).arg(ready));
    ui->casesTreeView->setCurrentIndex(model.index(row < 0 ? 0 : row, 0));
    selectionChanged();
}

const HandoutCase *HandoutPage::Private::current() const
{
    return model.caseAt(ui->casesTreeView->currentIndex());
}

void HandoutPage::Private::selectionChanged()
{
    const HandoutCase *entry = current();
    ui->deliveryGroupBox->setEnabled(entry && entry->ready);
    ui->receiveSupplementPushButton->setVisible(entry && entry->status == cases::CaseStatus::SupplementPending);
    if (!entry) {
        ui->caseDetailLabel->clear();
        return;
    }
    QString html = QStringLiteral("<b>%1</b> — %2 (%3)<br/>")
                       .arg(entry->caseNumber.toHtmlEscaped(), entry->applicantName.toHtmlEscaped(),
                            entry->applicantIdNumber.toHtmlEscaped());
    if (entry->ready)
        html += handoutOkHtml(Tr::tr("Ready to hand out: %1").arg(entry->documents.join(Tr::tr("; "))));
    else if (entry->status == cases::CaseStatus::Delivered)
        html += handoutOkHtml(entry->reason);
    else
        html += handoutErrorHtml(Tr::tr("Cannot be handed out yet: %1").arg(entry->reason));
    ui->caseDetailLabel->setText(html);
}

void HandoutPage::Private::methodChanged()
{
    QWidget *page = ui->inPersonPage;
    if (ui->delegateRadioButton->isChecked())
        page = ui->delegatePage;
    else if (ui->mailRadioButton->isChecked())
        page = ui->mailPage;
    ui->methodStackedWidget->setCurrentWidget(page);
}

HandoutPage::HandoutPage(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
                         Options options, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, db, session, catalog, std::move(options)))
{
    d->setUp();
}

HandoutPage::~HandoutPage() = default;

void HandoutPage::search(const QString &text)
{
    d->ui->searchLineEdit->setText(text);
    d->search();
}

QString HandoutPage::lastReceiptFile() const
{
    return d->lastReceiptFile;
}

IntakeNoticeDialog *HandoutPage::receiptDialog() const
{
    return d->dialog.data();
}

void HandoutPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Cases move on while the page is hidden (review, sync): show them as they are now.
    if (d->lastQuery.kind != Internal::HandoutQuery::Kind::Empty
        && d->lastQuery.kind != Internal::HandoutQuery::Kind::Invalid)
        d->refresh();
    else
        d->ui->searchLineEdit->setFocus();
}

} // namespace ow::ui
