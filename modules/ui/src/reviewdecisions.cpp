// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// What the review page records: every decision is an event of the case,
// checked by the state machine; approval adds the certificate records, a
// supplement request its 补正通知书.
#include "reviewpage_p.h"

#include "ow/ui/intakenoticedialog.h"
#include "ow/ui/tr.h"

#include <ow/cases/timelimitclock.h>
#include <ow/core/uuid.h>
#include <ow/printing/noticerenderer.h>
#include <ow/storage/casejournal.h>

#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace ow::ui {

bool ReviewPage::Private::record(cases::EventType type, const QJsonObject &payload)
{
    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    journal.setCalendar(calendar);
    cases::Actor actor;
    actor.userId = session.user.user.id;
    const auto result
        = journal.record(cases::Event::make(caseId, type, actor, payload, QDateTime::currentDateTimeUtc()),
                         cases::Role::Reviewer);
    if (!result.isValid())
        return fail(result.message);
    state = result.state;
    events.append(*result.event);
    render();
    message = Tr::tr("Recorded: %1.").arg(cases::eventTypeDisplayName(type));
    messageLabel->setStyleSheet(QStringLiteral("color:#1b873f"));
    messageLabel->setText(message);
    opinionEdit->clear();
    basisEdit->clear();
    materialsEdit->clear();
    emit q->caseChanged(caseId);
    return true;
}

QJsonObject ReviewPage::Private::certificatePayload(const cases::CaseItem &item, int index) const
{
    const catalog::ServiceItem *described = catalog ? catalog->item(item.code) : nullptr;
    const QString type = described ? described->outcome.certificateType : QString();
    const catalog::CertificateType *certificateType
        = catalog && !type.isEmpty() ? catalog->certificateType(type) : nullptr;
    const QDate issuedOn = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
    // The type's prefix and the case number, which is unique across the
    // province: JY33010220261130P10000012. A case issuing several
    // certificates tells them apart by their place in it: …0000012-2.
    QString prefix = certificateType ? certificateType->numberPrefix : QString();
    if (prefix.isEmpty())
        prefix = type.isEmpty() ? QStringLiteral("ZZ") : type.toUpper().remove(QLatin1Char('-'));
    int issued = 0;
    int ordinal = 0;
    for (qsizetype i = 0; i < state.items.size(); ++i) {
        const cases::CaseItem &other = state.items.at(i);
        if (!other.producesCertificate || !state.approvedItems.contains(other.code))
            continue;
        ++issued;
        if (i <= index)
            ordinal = issued;
    }
    QString number = prefix + QString(state.caseNumber).remove(QLatin1Char('-'));
    if (issued > 1)
        number += QLatin1Char('-') + QString::number(ordinal);
    QJsonObject payload {
        {QStringLiteral("certificateId"), core::Uuid::createV7String()},
        {QStringLiteral("number"), number},
        {QStringLiteral("itemCode"), item.code},
        {QStringLiteral("itemName"), item.name},
        {QStringLiteral("certificateType"), type},
        {QStringLiteral("name"),
         certificateType
             ? certificateType->name
             : (described && !described->outcome.name.isEmpty() ? described->outcome.name : item.name)},
        {QStringLiteral("templateId"), described ? described->outcome.templateId : QString()},
        {QStringLiteral("holder"), state.applicant},
        {QStringLiteral("issuedBy"), item.department},
        {QStringLiteral("issuedAt"), issuedOn.toString(Qt::ISODate)},
        {QStringLiteral("fields"),
         events.isEmpty() ? QJsonObject()
                          : events.constFirst().payload.value(QStringLiteral("form")).toObject()},
        // Printed where the applicant applied (异地打证).
        {QStringLiteral("printOffice"), state.officeCode},
    };
    if (described && described->outcome.validityYears)
        payload.insert(
            QStringLiteral("validUntil"),
            issuedOn.addYears(*described->outcome.validityYears).addDays(-1).toString(Qt::ISODate));
    return payload;
}

void ReviewPage::Private::issueSupplementNotice(const QStringList &materials, const QString &reason)
{
    printing::Notice notice;
    notice.kind = printing::NoticeKind::SupplementRequest;
    notice.issuer = department;
    notice.caseNumber = state.caseNumber;
    notice.applicantName = state.applicant.value(QStringLiteral("name")).toString();
    notice.applicantIdNumber = state.applicant.value(QStringLiteral("idNumber")).toString();
    for (const cases::CaseItem &item : state.items)
        notice.items.append(item.name);
    notice.issuedOn = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
    notice.materials = materials;
    notice.reason = reason;
    notice.clerk
        = session.user.user.displayName.isEmpty() ? session.user.user.id : session.user.user.displayName;
    const QString directory = noticeDirectory.isEmpty() ? QDir::tempPath() : noticeDirectory;
    QString error;
    const QString file = QDir(directory).filePath(
        QStringLiteral("%1-supplement-%2.pdf").arg(state.caseNumber).arg(state.clockStops.size()));
    if (!QDir().mkpath(directory) || !printing::NoticeRenderer::renderPdf(notice, file, &error)) {
        fail(Tr::tr("The supplement was requested, but its notice could not be written: %1")
                 .arg(error.isEmpty() ? directory : error));
        return;
    }
    lastNoticeFile = file;
    if (previewNotices) {
        auto *dialog = new IntakeNoticeDialog(notice, file, q);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    }
}

bool ReviewPage::Private::produceCertificates()
{
    for (qsizetype i = 0; i < state.items.size(); ++i) {
        const cases::CaseItem &item = state.items.at(i);
        if (!item.producesCertificate || !state.approvedItems.contains(item.code))
            continue;
        const QString approvedMessage = message;
        if (!record(cases::EventType::CertificateProduced, certificatePayload(item, int(i))))
            return fail(
                Tr::tr("The case was approved, but its certificate could not be recorded: %1").arg(message));
        message = approvedMessage + QLatin1Char(' ')
            + Tr::tr("Certificate %1 is ready to print.")
                  .arg(events.constLast().payload.value(QStringLiteral("number")).toString());
        messageLabel->setText(message);
    }
    return true;
}

bool ReviewPage::decide(Decision decision)
{
    if (d->caseId.isEmpty())
        return d->fail(Tr::tr("Open a case first."));
    if (d->department.isEmpty())
        return d->fail(Tr::tr("None of your departments reviews this case."));
    const QString opinion = d->opinionEdit->toPlainText().trimmed();
    const QString basis = d->basisEdit->text().trimmed();
    const bool lead = d->isLead();
    QJsonObject payload;
    if (!opinion.isEmpty())
        payload.insert(QStringLiteral("opinion"), opinion);
    switch (decision) {
    case Decision::Opinion:
        // The reviewer's 审查意见 goes on record for whoever decides (决定).
        if (opinion.isEmpty()) {
            d->opinionEdit->setFocus();
            return d->fail(Tr::tr("Write the review opinion first."));
        }
        payload.insert(QStringLiteral("department"), d->department);
        return d->record(cases::EventType::Opinion, payload);
    case Decision::Approve:
        if (!lead) {
            payload.insert(QStringLiteral("department"), d->department);
            payload.insert(QStringLiteral("decision"), QStringLiteral("approve"));
            return d->record(cases::EventType::Opinion, payload);
        }
        if (const QStringList pending = d->state.review.pendingDepartments(); !pending.isEmpty())
            return d->fail(Tr::tr("The case can be concluded once every department has given its opinion; "
                                  "waiting for: %1.")
                               .arg(pending.join(QStringLiteral("、"))));
        if (d->state.review.isRouted())
            payload.insert(QStringLiteral("items"),
                           QJsonArray::fromStringList(d->state.review.approvableItems()));
        return d->record(cases::EventType::Approved, payload) && d->produceCertificates();
    case Decision::Deny:
        if (basis.isEmpty()) {
            d->basisEdit->setFocus();
            return d->fail(Tr::tr("A denial must cite its legal basis: fill in \"Basis or reason\"."));
        }
        payload.insert(QStringLiteral("basis"), basis);
        if (!lead) {
            payload.insert(QStringLiteral("department"), d->department);
            payload.insert(QStringLiteral("decision"), QStringLiteral("deny"));
            return d->record(cases::EventType::Opinion, payload);
        }
        if (const QStringList pending = d->state.review.pendingDepartments(); !pending.isEmpty())
            return d->fail(Tr::tr("The case can be concluded once every department has given its opinion; "
                                  "waiting for: %1.")
                               .arg(pending.join(QStringLiteral("、"))));
        return d->record(cases::EventType::Denied, payload);
    case Decision::Supplement: {
        QStringList materials;
        for (const QString &part :
             d->materialsEdit->text().split(QRegularExpression(QStringLiteral("[；;]")))) {
            if (!part.trimmed().isEmpty())
                materials.append(part.trimmed());
        }
        if (materials.isEmpty()) {
            d->materialsEdit->setFocus();
            return d->fail(Tr::tr("List the materials to supplement, separated by \"；\"."));
        }
        payload.insert(QStringLiteral("materials"), QJsonArray::fromStringList(materials));
        payload.insert(QStringLiteral("department"), d->department);
        if (!basis.isEmpty())
            payload.insert(QStringLiteral("reason"), basis);
        if (!d->record(cases::EventType::SupplementRequested, payload))
            return false;
        d->issueSupplementNotice(materials, basis.isEmpty() ? opinion : basis);
        return true;
    }
    case Decision::SupplementReceived:
        return d->record(cases::EventType::SupplementReceived, payload);
    case Decision::Suspend:
        if (basis.isEmpty()) {
            d->basisEdit->setFocus();
            return d->fail(Tr::tr("A suspension must give its reason: fill in \"Basis or reason\"."));
        }
        payload.insert(QStringLiteral("reason"), basis);
        payload.insert(QStringLiteral("kind"), d->suspensionKindCombo->currentData().toString());
        return d->record(cases::EventType::Suspended, payload);
    case Decision::Resume:
        return d->record(cases::EventType::Resumed, payload);
    case Decision::Extend: {
        const QString approver = d->extensionApproverEdit->text().trimmed();
        if (approver.isEmpty()) {
            d->extensionApproverEdit->setFocus();
            return d->fail(
                Tr::tr("An extension needs the approval of the authority's head: fill in who approved it."));
        }
        if (basis.isEmpty()) {
            d->basisEdit->setFocus();
            return d->fail(Tr::tr("An extension must cite its basis: fill in \"Basis or reason\", e.g. "
                                  "《行政许可法》第四十二条."));
        }
        payload.insert(QStringLiteral("department"), d->department);
        payload.insert(QStringLiteral("extension"),
                       QJsonObject {{QStringLiteral("days"), d->extensionDaysSpin->value()},
                                    {QStringLiteral("approvedBy"), approver},
                                    {QStringLiteral("basis"), basis}});
        if (!d->record(cases::EventType::Opinion, payload))
            return false;
        d->extensionApproverEdit->clear();
        return true;
    }
    case Decision::Terminate:
        if (!lead)
            return d->fail(Tr::tr("Only the lead department can terminate the case."));
        if (basis.isEmpty()) {
            d->basisEdit->setFocus();
            return d->fail(Tr::tr("A termination must cite its legal basis: fill in \"Basis or reason\"."));
        }
        payload.insert(QStringLiteral("basis"), basis);
        return d->record(cases::EventType::Terminated, payload);
    }
    return false;
}

} // namespace ow::ui
