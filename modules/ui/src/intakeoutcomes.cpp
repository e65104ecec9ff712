// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakepage_p.h"

namespace ow::ui {

using namespace Internal;

// ---- outcomes ---------------------------------------------------------------

void IntakePage::Private::showMessage(const QString &html)
{
    message->setText(html);
}

bool IntakePage::Private::checkReady()
{
    if (!checkApplicant(true)) {
        showMessage(errorHtml(Tr::tr("Identify the applicant first: a valid ID number is needed.")));
        idEdit->setFocus();
        return false;
    }
    if (nameEdit->text().trimmed().isEmpty()) {
        showMessage(errorHtml(Tr::tr("Enter the applicant's name.")));
        nameEdit->setFocus();
        return false;
    }
    if (kindCombo->currentData().toInt() == Organisation && representativeEdit->text().trimmed().isEmpty()) {
        showMessage(errorHtml(Tr::tr("Enter the legal entity's legal representative.")));
        representativeEdit->setFocus();
        return false;
    }
    if (application.isNull()) {
        showMessage(errorHtml(Tr::tr("Choose a service item or bundle first.")));
        searchEdit->setFocus();
        return false;
    }
    return true;
}

cases::Role IntakePage::Private::role() const
{
    const sync::UserProfile &user = session.user.user;
    if (user.hasRole(cases::Role::Clerk))
        return cases::Role::Clerk;
    if (user.hasRole(cases::Role::Agent))
        return cases::Role::Agent;
    return user.primaryRole();
}

cases::Actor IntakePage::Private::actor() const
{
    // The journal stamps device, office and role; the user is ours to name.
    cases::Actor actor;
    actor.userId = session.user.user.id;
    actor.officeCode = session.user.user.officeCode;
    actor.deviceId = session.user.deviceId;
    actor.role = role();
    return actor;
}

std::optional<QString> IntakePage::Private::nextCaseNumber(QString *error)
{
    // The device's code within its office: set by the administrator, else
    // taken from the device id (hex digits, upper case, are valid characters).
    QString device = settings.value(QStringLiteral("deviceCode"));
    if (device.isEmpty())
        device = session.user.deviceId.right(4).toUpper();
    const QString serialKey = QStringLiteral("intake.caseSerial");
    const qint64 serial = settings.value(serialKey, QStringLiteral("0")).toLongLong() + 1;
    const auto number
        = cases::CaseNumber::make(session.user.user.officeCode, QDate::currentDate(), device, serial, error);
    if (!number)
        return std::nullopt;
    // Burnt before use: a number is never given twice, even if recording then fails.
    if (!settings.setValue(serialKey, QString::number(serial))) {
        *error = settings.lastError();
        return std::nullopt;
    }
    return number->toString();
}

bool IntakePage::Private::recordEvent(storage::CaseJournal &journal, const cases::Event &draft)
{
    const storage::CaseJournal::Result result = journal.record(draft, role());
    if (!result.isValid()) {
        showMessage(errorHtml(Tr::tr("Not recorded: %1").arg(result.message)));
        return false;
    }
    return true;
}

std::optional<QString> IntakePage::Private::recordCase(cases::EventType outcome,
                                                       const QJsonObject &outcomePayload, QString *caseNumber)
{
    QString error;
    const auto number = nextCaseNumber(&error);
    if (!number) {
        showMessage(errorHtml(Tr::tr("No case number can be made: %1").arg(error)));
        return std::nullopt;
    }
    *caseNumber = *number;
    QJsonObject created {
        {QStringLiteral("caseNumber"), *number},
        {QStringLiteral("catalogVersion"), catalog.version()},
        {QStringLiteral("items"), application.itemsJson()},
        {QStringLiteral("applicant"), applicantJson()},
        {QStringLiteral("form"), form->values()},
        {QStringLiteral("materialsReceived"), toArray(receivedMaterials())},
        {QStringLiteral("onBehalf"), onBehalf->isChecked()},
    };
    if (application.bundle)
        created.insert(QStringLiteral("bundle"), application.bundleJson());

    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    journal.setCalendar(core::WorkingCalendar::builtIn());
    const QString caseId = core::Uuid::createV7String();
    if (!recordEvent(journal, cases::Event::make(caseId, cases::EventType::Created, actor(), created)))
        return std::nullopt;
    if (!recordEvent(journal, cases::Event::make(caseId, outcome, actor(), outcomePayload)))
        return std::nullopt;

    storage::ApplicantRecord applicant;
    applicant.idNumber = applicantId();
    applicant.kind = kindCombo->currentData().toInt() == Organisation ? storage::ApplicantKind::Legal
                                                                      : storage::ApplicantKind::Natural;
    applicant.name = nameEdit->text().trimmed();
    applicant.phone = phoneEdit->text().trimmed();
    applicant.updatedAt = QDateTime::currentDateTimeUtc();
    storage::ApplicantRepository(db).save(applicant); // a convenience for next time; the case holds the facts
    lastCaseId = caseId;
    lastCaseNumber = *number;
    return caseId;
}

void IntakePage::Private::accept()
{
    if (!checkReady())
        return;
    const auto missing = missingRequired();
    if (!missing.isEmpty()) {
        QStringList names;
        for (const catalog::MergedMaterial *material : missing)
            names.append(material->material.name);
        showMessage(
            errorHtml(Tr::tr("Required materials not received: %1. Tick them when handed in, or issue a "
                             "one-time notice of missing materials.")
                          .arg(names.join(Tr::tr("; ")))));
        materials->setFocus();
        return;
    }
    const QStringList problems = form->validate();
    if (!problems.isEmpty()) {
        showMessage(errorHtml(Tr::tr("The form has %n problem(s); first: %1", nullptr, int(problems.size()))
                                  .arg(problems.constFirst())));
        return;
    }
    const int days = application.promisedDays();
    int missingYear = 0;
    const auto due
        = core::WorkingCalendar::builtIn().addWorkingDays(QDate::currentDate(), days, &missingYear);
    if (!due) {
        showMessage(errorHtml(core::WorkingCalendar::missingYearMessage(missingYear)));
        return;
    }
    updateSmartApproval();
    const std::optional<cases::RuleTrace> decided = trace;

    QString caseNumber;
    // How the materials came (a shared licence in place of paper, attached files) is part of the acceptance.
    QJsonObject accepted = materialsPayload();
    accepted.insert(QStringLiteral("promisedDays"), days);
    accepted.insert(QStringLiteral("promisedDate"), due->toString(Qt::ISODate));
    const auto caseId = recordCase(cases::EventType::Accepted, accepted, &caseNumber);
    if (!caseId)
        return;

    QString result = Tr::tr("Accepted as case %1; the result is promised by %2.")
                         .arg(caseNumber, due->toString(Qt::ISODate));
    if (decided && decided->outcome == cases::RuleOutcome::Approve) {
        // 秒批: the rules approve on what the clerk checked, so the approval is recorded now.
        storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
        QJsonArray codes;
        for (const catalog::ServiceItem *item : application.items)
            codes.append(item->code);
        const QJsonObject payload {{QStringLiteral("items"), codes},
                                   {QStringLiteral("smartApproval"), decided->toJson()}};
        const auto recorded = journal.record(
            cases::Event::make(*caseId, cases::EventType::Approved, actor(), payload), role());
        result += QLatin1Char(' ')
            + (recorded.isValid() ? Tr::tr("Approved at once by smart approval.")
                                  : Tr::tr("Smart approval could not be recorded: %1").arg(recorded.message));
    } else {
        // 前台受理、后台审批: the accepted case goes straight to its departments' inboxes.
        storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
        journal.setCalendar(core::WorkingCalendar::builtIn());
        QString routingError;
        const auto plan = journal.state(*caseId).defaultRouting(&routingError);
        const auto routed = plan ? journal.record(cases::Event::make(*caseId, cases::EventType::Routed, actor(),
                                                                     plan->toJson()),
                                                  role())
                                 : storage::CaseJournal::Result();
        result += QLatin1Char(' ')
            + (routed.isValid()
                   ? Tr::tr("Sent to %1 for review.").arg(plan->departments().join(QStringLiteral("、")))
                   : Tr::tr("The case could not be sent for review: %1")
                         .arg(plan ? routed.message : routingError));
    }
    printing::Notice acceptance = notice(printing::NoticeKind::Accepted, caseNumber);
    acceptance.promisedDays = days;
    acceptance.promisedDate = *due;
    const QStringList received = receivedMaterials();
    for (int i = 0; i < materials->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = materials->topLevelItem(i);
        if (!received.contains(row->data(NameColumn, CodeRole).toString()))
            continue;
        const QString number = row->data(NameColumn, SharedRole).toString();
        acceptance.materials.append(
            number.isEmpty() ? row->text(NameColumn)
                             : Tr::tr("%1 (shared licence No. %2)").arg(row->text(NameColumn), number));
    }
    reset();
    showMessage(okHtml(result));
    issue(acceptance);
    emit q->caseRecorded(*caseId, caseNumber);
}

void IntakePage::Private::notifyMissing()
{
    if (!checkReady())
        return;
    const auto missing = missingRequired();
    if (missing.isEmpty()) {
        showMessage(
            errorHtml(Tr::tr("Every required material was received: accept the application instead.")));
        return;
    }
    QStringList basis {oneTimeNoticeBasis};
    for (const QString &citation : application.basis()) {
        if (!basis.contains(citation))
            basis.append(citation);
    }
    QJsonArray list;
    QStringList names;
    for (const catalog::MergedMaterial *merged : missing) {
        const catalog::Material &material = merged->material;
        const QString line = Tr::tr("%1 (%2, copies: %3)")
                                 .arg(material.name, catalog::displayName(material.form))
                                 .arg(material.copies);
        names.append(material.notes.isEmpty() ? line : Tr::tr("%1 — %2").arg(line, material.notes));
        list.append(QJsonObject {{QStringLiteral("code"), material.code},
                                 {QStringLiteral("name"), material.name},
                                 {QStringLiteral("form"), catalog::toKey(material.form)},
                                 {QStringLiteral("copies"), material.copies}});
    }
    QJsonObject payload = materialsPayload(); // what was received so far, and how
    payload.insert(QStringLiteral("materials"), list);
    payload.insert(QStringLiteral("basis"), basis.join(QStringLiteral("；")));
    QString caseNumber;
    const auto caseId = recordCase(cases::EventType::MissingMaterialsNotified, payload, &caseNumber);
    if (!caseId)
        return;
    printing::Notice missingNotice = notice(printing::NoticeKind::MissingMaterials, caseNumber);
    missingNotice.materials = names;
    missingNotice.basis = basis;
    reset();
    showMessage(okHtml(
        Tr::tr("One-time notice issued for case %1: %n material(s) missing.", nullptr, int(missing.size()))
            .arg(caseNumber)));
    issue(missingNotice);
    emit q->caseRecorded(*caseId, caseNumber);
}

void IntakePage::Private::refuse()
{
    if (!checkReady())
        return;
    const QString reason = reasonEdit->text().trimmed();
    const QString basis = basisEdit->text().trimmed();
    if (reason.isEmpty()) {
        showMessage(errorHtml(Tr::tr("State why the application is not accepted.")));
        reasonEdit->setFocus();
        return;
    }
    if (basis.isEmpty()) {
        showMessage(
            errorHtml(Tr::tr("A refusal must cite its legal basis: enter the law and article it rests on. "
                             "Nothing was recorded.")));
        basisEdit->setFocus();
        return;
    }
    QString caseNumber;
    const QJsonObject payload {{QStringLiteral("reason"), reason}, {QStringLiteral("basis"), basis}};
    const auto caseId = recordCase(cases::EventType::Refused, payload, &caseNumber);
    if (!caseId)
        return;
    printing::Notice refusal = notice(printing::NoticeKind::Refused, caseNumber);
    refusal.reason = reason;
    refusal.basis = {basis};
    reset();
    showMessage(okHtml(Tr::tr("Refusal recorded as case %1.").arg(caseNumber)));
    issue(refusal);
    emit q->caseRecorded(*caseId, caseNumber);
}

printing::Notice IntakePage::Private::notice(printing::NoticeKind kind, const QString &caseNumber) const
{
    const sync::UserProfile &user = session.user.user;
    printing::Notice notice;
    notice.kind = kind;
    notice.issuer = !options.issuer.isEmpty()
        ? options.issuer
        : (user.officeName.isEmpty() ? user.officeCode : user.officeName);
    notice.caseNumber = caseNumber;
    notice.applicantName = nameEdit->text().trimmed();
    notice.applicantIdNumber = applicantId();
    notice.items = application.displayNames();
    notice.issuedOn = QDate::currentDate();
    notice.clerk = user.displayName.isEmpty() ? user.name : user.displayName;
    notice.onBehalf = onBehalf->isChecked();
    return notice;
}

void IntakePage::Private::issue(const printing::Notice &notice)
{
    const QString directory = options.noticeDirectory.isEmpty() ? QDir::tempPath() : options.noticeDirectory;
    if (!QDir().mkpath(directory)) {
        showMessage(message->text() + QStringLiteral("<br/>")
                    + errorHtml(Tr::tr("The folder %1 for notices cannot be created.").arg(directory)));
        return;
    }
    static const QStringList suffixes {QStringLiteral("accepted"), QStringLiteral("missing-materials"),
                                       QStringLiteral("refused")};
    const QString file = QDir(directory).filePath(
        QStringLiteral("%1-%2.pdf").arg(notice.caseNumber, suffixes.value(int(notice.kind))));
    QString error;
    if (!printing::NoticeRenderer::renderPdf(notice, file, &error)) {
        showMessage(message->text() + QStringLiteral("<br/>") + errorHtml(error));
        return;
    }
    lastNoticeFile = file;
    if (options.showPreview) {
        if (dialog)
            dialog->close();
        dialog = new IntakeNoticeDialog(notice, file, q);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    }
}

} // namespace ow::ui
