// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "handoutpage_p.h"

#include "ow/ui/tr.h"

#include "handoutactor.h"
#include "ui_handoutpage.h"

#include <ow/core/idcardnumber.h>
#include <ow/core/workingcalendar.h>
#include <ow/printing/noticerenderer.h>
#include <ow/storage/casejournal.h>

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace ow::ui {

using namespace Internal;

namespace {

QString methodKey(printing::DeliveryMethod method)
{
    switch (method) {
    case printing::DeliveryMethod::InPerson:
        return QStringLiteral("in-person");
    case printing::DeliveryMethod::Delegate:
        return QStringLiteral("delegate");
    case printing::DeliveryMethod::Mail:
        return QStringLiteral("mail");
    }
    return {};
}

} // namespace

void HandoutPage::Private::showDeliveryMessage(const QString &html)
{
    ui->deliveryMessageLabel->setText(html);
}

bool HandoutPage::Private::refuse(QWidget *focus, const QString &message)
{
    showDeliveryMessage(handoutErrorHtml(message));
    if (focus)
        focus->setFocus();
    return false;
}

printing::Notice HandoutPage::Private::receipt(const HandoutCase &entry) const
{
    const sync::UserProfile &user = session.user.user;
    printing::Notice notice;
    notice.kind = printing::NoticeKind::DeliveryReceipt;
    notice.issuer = !options.issuer.isEmpty()
        ? options.issuer
        : (user.officeName.isEmpty() ? user.officeCode : user.officeName);
    notice.caseNumber = entry.caseNumber;
    notice.applicantName = entry.applicantName;
    notice.applicantIdNumber = entry.applicantIdNumber;
    notice.items = entry.itemNames;
    notice.documents = entry.documents;
    notice.issuedOn = QDate::currentDate();
    notice.clerk = user.displayName.isEmpty() ? user.name : user.displayName;
    return notice;
}

std::optional<printing::Notice> HandoutPage::Private::checkDelivery(const HandoutCase &entry,
                                                                    QJsonObject *payload)
{
    printing::Notice notice = receipt(entry);
    if (ui->delegateRadioButton->isChecked()) {
        notice.deliveryMethod = printing::DeliveryMethod::Delegate;
        notice.delegateName = ui->delegateNameLineEdit->text().trimmed();
        if (notice.delegateName.isEmpty()) {
            refuse(ui->delegateNameLineEdit,
                   Tr::tr("Enter the name of the delegate collecting the result. Nothing was recorded."));
            return std::nullopt;
        }
        const core::IdCardCheck check = core::IdCardNumber::parse(ui->delegateIdLineEdit->text());
        if (!check.isValid()) {
            refuse(
                ui->delegateIdLineEdit,
                ui->delegateIdLineEdit->text().trimmed().isEmpty()
                    ? Tr::tr("Enter the delegate's ID number and check their ID card. Nothing was recorded.")
                    : Tr::tr("The delegate's ID number is not valid: %1. Nothing was recorded.")
                          .arg(check.message()));
            return std::nullopt;
        }
        notice.delegateIdNumber = check.number().toString();
        payload->insert(QStringLiteral("delegate"),
                        QJsonObject {{QStringLiteral("name"), notice.delegateName},
                                     {QStringLiteral("idNumber"), notice.delegateIdNumber}});
    } else if (ui->mailRadioButton->isChecked()) {
        notice.deliveryMethod = printing::DeliveryMethod::Mail;
        notice.mailAddress = ui->mailAddressLineEdit->text().trimmed();
        notice.mailCarrier = ui->mailCarrierComboBox->currentText().trimmed();
        notice.trackingNumber = ui->trackingNumberLineEdit->text().trimmed().toUpper();
        if (notice.mailAddress.isEmpty()) {
            refuse(ui->mailAddressLineEdit, Tr::tr("Enter the mailing address. Nothing was recorded."));
            return std::nullopt;
        }
        if (notice.mailCarrier.isEmpty()) {
            refuse(ui->mailCarrierComboBox, Tr::tr("Choose the postal carrier. Nothing was recorded."));
            return std::nullopt;
        }
        if (notice.trackingNumber.isEmpty()) {
            refuse(ui->trackingNumberLineEdit,
                   Tr::tr("A delivery by mail needs the carrier's tracking number. Nothing was recorded."));
            return std::nullopt;
        }
        static const QRegularExpression waybill(QStringLiteral("^[A-Z0-9][A-Z0-9-]{5,39}$"));
        if (!waybill.match(notice.trackingNumber).hasMatch()) {
            refuse(ui->trackingNumberLineEdit,
                   Tr::tr("The tracking number %1 is not valid: enter the letters and digits printed on the "
                          "waybill. Nothing was recorded.")
                       .arg(notice.trackingNumber));
            return std::nullopt;
        }
        payload->insert(QStringLiteral("mail"),
                        QJsonObject {{QStringLiteral("address"), notice.mailAddress},
                                     {QStringLiteral("carrier"), notice.mailCarrier},
                                     {QStringLiteral("trackingNumber"), notice.trackingNumber}});
    }
    payload->insert(QStringLiteral("method"), methodKey(notice.deliveryMethod));
    payload->insert(QStringLiteral("documents"), QJsonArray::fromStringList(notice.documents));
    // The recipient signs the printed receipt; the event records that it is on paper.
    payload->insert(QStringLiteral("signature"), QStringLiteral("paper"));
    return notice;
}

void HandoutPage::Private::deliver()
{
    const HandoutCase *selected = current();
    if (!selected) {
        refuse(ui->searchLineEdit, Tr::tr("Find the case and choose it in the list first."));
        return;
    }
    const HandoutCase entry = *selected;
    if (!entry.ready) {
        refuse(ui->casesTreeView,
               Tr::tr("Case %1 cannot be handed out: %2 Nothing was recorded.")
                   .arg(entry.caseNumber, entry.reason));
        return;
    }
    QJsonObject payload;
    const std::optional<printing::Notice> notice = checkDelivery(entry, &payload);
    if (!notice)
        return;

    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    journal.setCalendar(core::WorkingCalendar::builtIn());
    const storage::CaseJournal::Result result
        = journal.record(cases::Event::make(entry.caseId, cases::EventType::Delivered,
                                            Internal::windowActor(session), payload),
                         Internal::windowRole(session));
    if (!result.isValid()) {
        refuse(nullptr, Tr::tr("Not recorded: %1").arg(result.message));
        return;
    }
    ui->delegateNameLineEdit->clear();
    ui->delegateIdLineEdit->clear();
    ui->mailAddressLineEdit->clear();
    ui->trackingNumberLineEdit->clear();
    ui->inPersonRadioButton->setChecked(true);
    refresh();
    showDeliveryMessage(handoutOkHtml(
        Tr::tr("Case %1 handed out: %2.")
            .arg(entry.caseNumber, printing::Notice::deliveryMethodName(notice->deliveryMethod))));
    issue(*notice);
    ui->searchLineEdit->setFocus();
    ui->searchLineEdit->selectAll();
    emit q->delivered(entry.caseId, entry.caseNumber);
}

void HandoutPage::Private::issue(const printing::Notice &notice)
{
    const QString directory = options.noticeDirectory.isEmpty() ? QDir::tempPath() : options.noticeDirectory;
    if (!QDir().mkpath(directory)) {
        showDeliveryMessage(
            ui->deliveryMessageLabel->text() + QStringLiteral("<br/>")
            + handoutErrorHtml(Tr::tr("The folder %1 for notices cannot be created.").arg(directory)));
        return;
    }
    const QString file
        = QDir(directory).filePath(QStringLiteral("%1-delivery-receipt.pdf").arg(notice.caseNumber));
    QString error;
    if (!printing::NoticeRenderer::renderPdf(notice, file, &error)) {
        showDeliveryMessage(ui->deliveryMessageLabel->text() + QStringLiteral("<br/>")
                            + handoutErrorHtml(error));
        return;
    }
    lastReceiptFile = file;
    if (options.showPreview) {
        if (dialog)
            dialog->close();
        dialog = new IntakeNoticeDialog(notice, file, q);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    }
}

void HandoutPage::Private::receiveSupplement()
{
    const HandoutCase *entry = current();
    if (!entry || entry->status != cases::CaseStatus::SupplementPending)
        return;
    const HandoutCase received = *entry;
    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    journal.setCalendar(core::WorkingCalendar::builtIn());
    const auto result = journal.record(cases::Event::make(received.caseId, cases::EventType::SupplementReceived,
                                                          Internal::windowActor(session), {}),
                                       Internal::windowRole(session));
    if (!result.isValid()) {
        refuse(nullptr, Tr::tr("Not recorded: %1").arg(result.message));
        return;
    }
    refresh();
    showDeliveryMessage(handoutOkHtml(
        Tr::tr("Supplementary materials for case %1 received; the reviewing department has them and the time "
               "limit runs again.")
            .arg(received.caseNumber)));
}

} // namespace ow::ui
