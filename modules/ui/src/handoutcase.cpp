// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "handoutcase.h"

#include "ow/ui/tr.h"

#include <ow/cases/casenumber.h>
#include <ow/cases/statemachine.h>
#include <ow/core/idcardnumber.h>
#include <ow/core/socialcreditcode.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>

#include <QRegularExpression>

namespace ow::ui::Internal {

namespace {

using Status = cases::CaseStatus;

QString isoDate(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

} // namespace

HandoutQuery HandoutQuery::parse(const QString &text)
{
    HandoutQuery query;
    const QString input = text.trimmed();
    if (input.isEmpty())
        return query;
    if (const auto number = cases::CaseNumber::parse(input)) {
        query.kind = Kind::CaseNumber;
        query.value = number->toString();
        return query;
    }
    // OFFICE-YYYYMMDD-DEVICE-SERIAL-C anywhere in the text, e.g. in a scanned URL.
    static const QRegularExpression embedded(
        QStringLiteral("[0-9A-Za-z]{6,12}-[0-9]{8}-[0-9A-Za-z]{1,4}-[0-9]{6,9}-[0-9A-Za-z]"));
    const QRegularExpressionMatch match = embedded.match(input);
    if (match.hasMatch()) {
        QString error;
        if (const auto number = cases::CaseNumber::parse(match.captured(), &error)) {
            query.kind = Kind::CaseNumber;
            query.value = number->toString();
        } else {
            query.kind = Kind::Invalid;
            query.error = Tr::tr("The case number %1 is not valid: %2").arg(match.captured(), error);
        }
        return query;
    }
    static const QRegularExpression idShape(QStringLiteral("^([0-9]{17}[0-9Xx]|[0-9]{15})$"));
    if (idShape.match(input).hasMatch()) {
        const core::IdCardCheck check = core::IdCardNumber::parse(input);
        if (check.isValid()) {
            query.kind = Kind::IdNumber;
            query.value = check.number().toString();
        } else {
            query.kind = Kind::Invalid;
            query.error = Tr::tr("The ID number %1 is not valid: %2").arg(input, check.message());
        }
        return query;
    }
    if (input.size() == 18) {
        const core::SocialCreditCodeCheck check = core::SocialCreditCode::parse(input);
        if (check.isValid()) {
            query.kind = Kind::CreditCode;
            query.value = check.code().toString();
        } else {
            query.kind = Kind::Invalid;
            query.error
                = Tr::tr("The unified social credit code %1 is not valid: %2").arg(input, check.message());
        }
        return query;
    }
    query.kind = Kind::Invalid;
    QString error;
    if (input.contains(QLatin1Char('-')) && !cases::CaseNumber::parse(input, &error))
        query.error = Tr::tr("The case number %1 is not valid: %2").arg(input, error);
    else
        query.error = Tr::tr("Enter a case number, an ID number or a unified social credit code, or scan the "
                             "QR code of the acceptance notice.");
    return query;
}

HandoutFinder::HandoutFinder(const QSqlDatabase &db, const catalog::Catalog &catalog, cases::Role role)
    : m_db(db)
    , m_catalog(catalog)
    , m_role(role)
{ }

bool HandoutFinder::find(const HandoutQuery &query, QList<HandoutCase> *found, QString *error) const
{
    found->clear();
    storage::CaseRepository repository(m_db);
    QList<storage::CaseRecord> records;
    switch (query.kind) {
    case HandoutQuery::Kind::CaseNumber:
        if (const auto record = repository.findByCaseNumber(query.value))
            records.append(*record);
        break;
    case HandoutQuery::Kind::IdNumber:
    case HandoutQuery::Kind::CreditCode:
        records = repository.findByApplicantIdNumber(query.value);
        break;
    case HandoutQuery::Kind::Empty:
    case HandoutQuery::Kind::Invalid:
        return true;
    }
    if (!repository.lastError().isEmpty()) {
        *error = repository.lastError();
        return false;
    }
    // The state comes from the events, not the projection row: the state machine decides.
    storage::CaseJournal journal(m_db, {});
    for (const storage::CaseRecord &record : std::as_const(records)) {
        const cases::CaseState state = journal.state(record.id);
        if (!journal.lastError().isEmpty()) {
            *error = journal.lastError();
            return false;
        }
        found->append(describe(record, state));
    }
    return true;
}

HandoutCase HandoutFinder::describe(const storage::CaseRecord &record, const cases::CaseState &state) const
{
    HandoutCase entry;
    entry.caseId = record.id;
    entry.caseNumber = state.caseNumber.isEmpty() ? record.caseNumber : state.caseNumber;
    entry.applicantName = state.applicant.value(QStringLiteral("name")).toString();
    entry.applicantIdNumber = state.applicant.value(QStringLiteral("idNumber")).toString();
    for (const cases::CaseItem &item : state.items)
        entry.itemNames.append(item.name.isEmpty() ? item.code : item.name);
    entry.status = state.status;
    entry.deadline = record.deadline;
    entry.ready = cases::CaseStateMachine::allowedEvents(state, m_role).contains(cases::EventType::Delivered);
    entry.documents = documents(state);
    entry.reason = entry.ready ? Tr::tr("Ready to hand out") : reason(entry, state);
    return entry;
}

QString HandoutFinder::departmentNames(const QStringList &codes) const
{
    QStringList names;
    for (const QString &code : codes) {
        const catalog::Department *department = m_catalog.department(code);
        names.append(department && !department->name.isEmpty() ? department->name : code);
    }
    return names.join(Tr::tr(", "));
}

QStringList HandoutFinder::documents(const cases::CaseState &state) const
{
    if (state.status == Status::Denied)
        return {Tr::tr("Decision not to grant the licence")};
    QStringList documents;
    for (const cases::CaseItem &item : state.items) {
        if (!state.approvedItems.isEmpty() && !state.approvedItems.contains(item.code))
            continue;
        const catalog::ServiceItem *known = m_catalog.item(item.code);
        QString name;
        if (known && !known->outcome.name.isEmpty()) {
            name = known->outcome.name;
        } else if (known && !known->outcome.certificateType.isEmpty()) {
            const catalog::CertificateType *type = m_catalog.certificateType(known->outcome.certificateType);
            name = type ? type->name : known->outcome.certificateType;
        } else {
            name = Tr::tr("Decision of approval: %1").arg(item.name.isEmpty() ? item.code : item.name);
        }
        if (!documents.contains(name))
            documents.append(name);
    }
    return documents;
}

QString HandoutFinder::reason(const HandoutCase &entry, const cases::CaseState &state) const
{
    const QString due = entry.deadline.isValid() ? isoDate(entry.deadline) : QString();
    switch (state.status) {
    case Status::None:
        return Tr::tr("The case has no recorded events.");
    case Status::Created:
        return Tr::tr("Registered but not yet accepted.");
    case Status::Accepted:
        return due.isEmpty() ? Tr::tr("Accepted, not yet sent for review.")
                             : Tr::tr("Accepted, not yet sent for review; due %1.").arg(due);
    case Status::AwaitingMaterials:
        return Tr::tr("Waiting for the materials listed in the one-time notice.");
    case Status::UnderReview: {
        QStringList pending = state.review.pendingDepartments();
        if (pending.isEmpty())
            pending = {state.leadDepartment};
        const QString at = departmentNames(pending);
        return due.isEmpty() ? Tr::tr("Under review at %1.").arg(at)
                             : Tr::tr("Under review at %1, due %2.").arg(at, due);
    }
    case Status::SupplementPending:
        return Tr::tr("%1 asked for supplementary materials; the time limit is paused.")
            .arg(departmentNames({state.leadDepartment}));
    case Status::Suspended:
        return Tr::tr("Review suspended at %1; the time limit is paused.")
            .arg(departmentNames({state.leadDepartment}));
    case Status::Approved:
        if (state.producesCertificate())
            return Tr::tr("Approved; the certificate has not been produced yet.");
        break;
    case Status::Refused:
        return Tr::tr("Not accepted at the window: there is no result to hand out.");
    case Status::Delivered:
        return Tr::tr("Already handed out on %1.").arg(isoDate(state.deliveredAt.toLocalTime().date()));
    case Status::Withdrawn:
        return Tr::tr("Withdrawn by the applicant.");
    case Status::Terminated:
        return Tr::tr("The case was terminated.");
    case Status::Denied:
    case Status::CertificateReady:
        break;
    }
    // Ready by status, yet the state machine refuses this user's role.
    return Tr::tr("Your role cannot hand out results.");
}

} // namespace ow::ui::Internal
