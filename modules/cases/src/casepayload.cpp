// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "casepayload.h"

#include "ow/cases/casenumber.h"
#include "ow/cases/routing.h"
#include "ow/cases/ruleset.h"
#include "ow/cases/tr.h"

#include <QJsonArray>

#include <algorithm>

namespace ow::cases::Internal {

namespace {

const QString basisKey = QStringLiteral("basis");
// Art. 42 allows ten working days; other laws a little more.
constexpr int kMaxExtensionDays = 30;
const QString itemsKey = QStringLiteral("items");

QString text(const Event &event, const QString &key)
{
    return event.payload.value(key).toString().trimmed();
}

bool hasNonEmptyList(const Event &event, const QString &key)
{
    const QJsonArray list = event.payload.value(key).toArray();
    return !list.isEmpty();
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &element : value.toArray())
        list.append(element.toString());
    return list;
}

// Item codes a payload names must belong to the case.
QString checkItemsBelong(const CaseState &state, const QStringList &codes)
{
    for (const QString &code : codes) {
        if (!state.itemCodes().contains(code))
            return Tr::tr("Item \"%1\" is not part of this case.").arg(code);
    }
    return {};
}

bool isWholeNumber(const QJsonValue &value, int min, int max)
{
    return value.isDouble() && value.toDouble() == double(value.toInt()) && value.toInt() >= min
        && value.toInt() <= max;
}

QString checkCreated(const Event &event)
{
    const QJsonArray items = event.payload.value(itemsKey).toArray();
    if (items.isEmpty())
        return Tr::tr("A new case must name its service items (payload \"items\").");
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        if (item.value(QStringLiteral("code")).toString().isEmpty()
            || item.value(QStringLiteral("department")).toString().isEmpty())
            return Tr::tr("Item %1 of the new case needs a code and a department.").arg(i + 1);
        for (const QString &key : {QStringLiteral("legalDays"), QStringLiteral("promisedDays")}) {
            if (item.contains(key) && !isWholeNumber(item.value(key), 0, 3650))
                return Tr::tr("Item %1: %2 must be a whole number of working days.").arg(i + 1).arg(key);
        }
    }
    const QJsonValue limit = event.payload.value(QStringLiteral("timeLimitDays"));
    if (!limit.isUndefined() && !isWholeNumber(limit, 1, 3650))
        return Tr::tr("The time limit must be a whole number of working days.");
    const QJsonValue number = event.payload.value(QStringLiteral("caseNumber"));
    QString error;
    if (!number.isUndefined() && !CaseNumber::parse(number.toString(), &error))
        return error;
    return {};
}

// A claim (认领) rides on `routed`: the plan as it stands plus
// {"assignee": {"department": D, "userId": U}}; an empty U releases it.
QString checkAssignee(const CaseState &state, const RoutingPlan &plan, const Event &event)
{
    const QJsonValue value = event.payload.value(QStringLiteral("assignee"));
    if (value.isUndefined())
        return {};
    const QJsonObject assignee = value.toObject();
    const QString department = assignee.value(QStringLiteral("department")).toString();
    const QJsonValue user = assignee.value(QStringLiteral("userId"));
    if (!value.isObject() || department.isEmpty() || !user.isString())
        return Tr::tr("A claim must name the department and the user (payload \"assignee\").");
    const QString userId = user.toString();
    if (!userId.isEmpty() && userId != event.actor.userId)
        return Tr::tr("A reviewer can claim a case only for themselves.");
    ParallelReview review = state.review;
    review.reroute(plan);
    const QString holder = review.assigneeOf(department);
    if (userId.isEmpty() && !holder.isEmpty() && holder != event.actor.userId)
        return Tr::tr("Only %1, who claimed the case, can release it.").arg(holder);
    QString error;
    if (!review.assign(department, userId, event.at, &error))
        return error;
    return {};
}

QString checkOpinion(const CaseState &state, const Event &event)
{
    const QString department = text(event, QStringLiteral("department"));
    if (department.isEmpty())
        return Tr::tr("An opinion must name the department giving it (payload \"department\").");
    const QJsonValue decisionValue = event.payload.value(QStringLiteral("decision"));
    ReviewDecision decision = ReviewDecision::Pending;
    if (!decisionValue.isUndefined()) {
        const auto parsed = reviewDecisionFromName(decisionValue.toString());
        if (!parsed || *parsed == ReviewDecision::Pending)
            return Tr::tr("An opinion's decision must be \"approve\" or \"deny\".");
        decision = *parsed;
    }
    if (const QJsonValue extension = event.payload.value(QStringLiteral("extension")); !extension.isUndefined()) {
        // 延期 (行政许可法 art. 42): once, by the lead department, approved by
        // the head of the authority, with its basis.
        const QJsonObject e = extension.toObject();
        const QJsonValue days = e.value(QStringLiteral("days"));
        if (!extension.isObject() || !days.isDouble() || days.toDouble() != days.toInt() || days.toInt() < 1
            || days.toInt() > kMaxExtensionDays)
            return Tr::tr("An extension must give its working days, 1 to %1 (payload \"extension\").")
                .arg(kMaxExtensionDays);
        if (e.value(QStringLiteral("approvedBy")).toString().trimmed().isEmpty()
            || e.value(QStringLiteral("basis")).toString().trimmed().isEmpty())
            return Tr::tr("An extension must name who approved it and its basis.");
        if (state.extensionDays > 0)
            return Tr::tr("The time limit has already been extended once.");
        const QString lead = state.review.isRouted() ? state.review.plan().leadDepartment() : state.leadDepartment;
        if (department != lead)
            return Tr::tr("Only the lead department %1 can extend the time limit.").arg(lead);
    }
    ParallelReview review = state.review; // a scratch copy: checking must not change the case
    QString error;
    if (!review.record(department, decision, text(event, basisKey), text(event, QStringLiteral("opinion")),
                       stringList(event.payload.value(itemsKey)), &error))
        return error;
    return {};
}

QString checkApproved(const CaseState &state, const Event &event)
{
    const QStringList items = stringList(event.payload.value(itemsKey));
    if (const QString error = checkItemsBelong(state, items); !error.isEmpty())
        return error;
    if (state.review.isRouted()) {
        const QStringList approvable = state.review.approvableItems();
        if (approvable.isEmpty())
            return Tr::tr("Every item was denied by its department; the case can only be denied.");
        for (const QString &code : items) {
            if (!approvable.contains(code))
                return Tr::tr("Item \"%1\" was denied by its department and cannot be approved.").arg(code);
        }
    }
    const QJsonValue trace = event.payload.value(QStringLiteral("smartApproval"));
    if (!trace.isUndefined() && !RuleTrace::fromJson(trace.toObject()))
        return Tr::tr("The smart-approval trace of the approval is not valid.");
    return {};
}

// The print log (打证): which certificate, on which printer, on plain paper or
// on numbered pre-printed stock (套打), and whether it is a reprint. A reprint
// is a further print of a certificate printed successfully before; a spoiled
// sheet does not count as a print.
QString checkPrinted(const CaseState &state, const Event &event)
{
    const QString certificateId = text(event, QStringLiteral("certificateId"));
    if (certificateId.isEmpty())
        return Tr::tr("A print must name the certificate printed (payload \"certificateId\").");
    if (!state.certificateIds.contains(certificateId))
        return Tr::tr("The certificate %1 is not one of this case's certificates.").arg(certificateId);
    if (text(event, QStringLiteral("printer")).isEmpty())
        return Tr::tr("A print must name the printer it was printed on (payload \"printer\").");
    const QString mode = event.payload.value(QStringLiteral("mode")).toString();
    if (mode != QLatin1String("plain") && mode != QLatin1String("stock"))
        return Tr::tr("A print must say whether it was on plain paper or on pre-printed certificate paper "
                      "(payload \"mode\": \"plain\" or \"stock\").");
    if (mode == QLatin1String("stock") && text(event, QStringLiteral("stockSerial")).isEmpty())
        return Tr::tr("A print on pre-printed certificate paper must give the serial number of the sheet "
                      "(payload \"stockSerial\").");
    for (const QString &flag : {QStringLiteral("reprint"), QStringLiteral("spoiled")}) {
        const QJsonValue value = event.payload.value(flag);
        if (!value.isUndefined() && !value.isBool())
            return Tr::tr("The print's \"%1\" must be true or false.").arg(flag);
    }
    const bool reprint = event.payload.value(QStringLiteral("reprint")).toBool();
    const bool printedBefore = state.printedCertificateIds.contains(certificateId);
    if (reprint && !printedBefore)
        return Tr::tr("The certificate %1 has not been printed yet: its first print is not a reprint.")
            .arg(certificateId);
    if (!reprint && printedBefore)
        return Tr::tr("The certificate %1 was printed before: printing it again is a reprint and needs a "
                      "reason.")
            .arg(certificateId);
    if (reprint && text(event, QStringLiteral("reason")).isEmpty())
        return Tr::tr("A reprint must give its reason (payload \"reason\").");
    return {};
}

} // namespace

bool carriesApprovingTrace(const Event &event)
{
    const auto trace = RuleTrace::fromJson(event.payload.value(QStringLiteral("smartApproval")).toObject());
    return trace && trace->outcome == RuleOutcome::Approve;
}

QString checkPayload(const CaseState &state, const Event &event)
{
    switch (event.type) {
    case EventType::Created:
        return checkCreated(event);
    case EventType::MissingMaterialsNotified:
        if (text(event, basisKey).isEmpty())
            return Tr::tr("A one-time notice of missing materials must cite its basis (payload \"basis\").");
        if (!hasNonEmptyList(event, QStringLiteral("materials")))
            return Tr::tr(
                "A one-time notice must list every missing material at once (payload \"materials\").");
        return {};
    case EventType::Refused:
        if (text(event, basisKey).isEmpty())
            return Tr::tr("A refusal to accept must cite its legal basis (payload \"basis\").");
        return {};
    case EventType::Denied:
        if (text(event, basisKey).isEmpty())
            return Tr::tr("A denial must cite its legal basis (payload \"basis\").");
        return checkItemsBelong(state, stringList(event.payload.value(itemsKey)));
    case EventType::Terminated:
        if (text(event, basisKey).isEmpty())
            return Tr::tr("A termination must cite its legal basis (payload \"basis\").");
        return {};
    case EventType::Routed: {
        QString error;
        const auto plan = RoutingPlan::fromJson(event.payload, &error);
        if (!plan)
            return Tr::tr("The routing is not valid: %1").arg(error);
        for (const DepartmentTask &task : plan->tasks()) {
            if (const QString problem = checkItemsBelong(state, task.itemCodes); !problem.isEmpty())
                return problem;
        }
        return checkAssignee(state, *plan, event);
    }
    case EventType::Opinion:
        return checkOpinion(state, event);
    case EventType::SupplementRequested:
        if (!hasNonEmptyList(event, QStringLiteral("materials")))
            return Tr::tr("A request for supplementary materials must list them (payload \"materials\").");
        return {};
    case EventType::Suspended:
        if (text(event, QStringLiteral("reason")).isEmpty())
            return Tr::tr("A suspension must give its reason (payload \"reason\").");
        return {};
    case EventType::Approved:
        return checkApproved(state, event);
    case EventType::CertificateProduced:
        if (text(event, QStringLiteral("certificateId")).isEmpty())
            return Tr::tr("A produced certificate must be identified (payload \"certificateId\").");
        return {};
    case EventType::Printed:
        return checkPrinted(state, event);
    case EventType::Evaluated:
        if (!isWholeNumber(event.payload.value(QStringLiteral("rating")), 1, 5))
            return Tr::tr("An evaluation needs a rating from 1 (very dissatisfied) to 5 (very satisfied).");
        return {};
    case EventType::Accepted:
    case EventType::SupplementReceived:
    case EventType::Resumed:
    case EventType::Delivered:
    case EventType::Withdrawn:
        break;
    }
    return {};
}

namespace {

void closeClock(CaseState &state, const QDateTime &at)
{
    if (state.isClockStopped())
        state.clockStops.last().to = at;
}

void projectCreated(CaseState &state, const Event &event)
{
    state.caseId = event.caseId;
    state.caseNumber = text(event, QStringLiteral("caseNumber"));
    state.officeCode = event.actor.officeCode;
    state.createdAt = event.at;
    state.applicant = event.payload.value(QStringLiteral("applicant")).toObject();
    const QJsonObject bundle = event.payload.value(QStringLiteral("bundle")).toObject();
    state.bundleCode = bundle.value(QStringLiteral("code")).toString();
    int longest = 0;
    for (const QJsonValue &value : event.payload.value(itemsKey).toArray()) {
        const QJsonObject json = value.toObject();
        CaseItem item;
        item.code = json.value(QStringLiteral("code")).toString();
        item.name = json.value(QStringLiteral("name")).toString();
        item.department = json.value(QStringLiteral("department")).toString();
        item.legalDays = json.value(QStringLiteral("legalDays")).toInt();
        item.promisedDays = json.value(QStringLiteral("promisedDays")).toInt();
        item.producesCertificate = json.value(QStringLiteral("producesCertificate")).toBool();
        longest = std::max(longest, item.promisedDays > 0 ? item.promisedDays : item.legalDays);
        state.items.append(item);
    }
    state.leadDepartment = bundle.value(QStringLiteral("leadDepartment")).toString();
    if (state.leadDepartment.isEmpty())
        state.leadDepartment = state.items.first().department;
    const int limit = event.payload.value(QStringLiteral("timeLimitDays")).toInt();
    state.timeLimitDays = limit > 0 ? limit : longest;
}

} // namespace

void project(CaseState &state, const Event &event, CaseStatus next)
{
    switch (event.type) {
    case EventType::Created:
        projectCreated(state, event);
        break;
    case EventType::Accepted:
        state.acceptedAt = event.at;
        break;
    case EventType::MissingMaterialsNotified:
        state.missingMaterialsNotified = true;
        break;
    case EventType::Refused:
    case EventType::Withdrawn:
    case EventType::Terminated:
        closeClock(state, event.at);
        state.concludedAt = event.at;
        break;
    case EventType::Routed:
        state.review.reroute(*RoutingPlan::fromJson(event.payload));
        state.leadDepartment = state.review.plan().leadDepartment();
        if (const QJsonObject assignee = event.payload.value(QStringLiteral("assignee")).toObject();
            !assignee.isEmpty())
            state.review.assign(assignee.value(QStringLiteral("department")).toString(),
                                assignee.value(QStringLiteral("userId")).toString(), event.at);
        break;
    case EventType::Opinion: {
        if (const QJsonObject extension = event.payload.value(QStringLiteral("extension")).toObject();
            !extension.isEmpty()) {
            state.extensionDays = extension.value(QStringLiteral("days")).toInt();
            state.extensionBasis = extension.value(QStringLiteral("basis")).toString();
            state.timeLimitDays += state.extensionDays;
        }
        const auto decision = reviewDecisionFromName(text(event, QStringLiteral("decision")));
        if (decision)
            state.review.record(text(event, QStringLiteral("department")), *decision, text(event, basisKey),
                                text(event, QStringLiteral("opinion")),
                                stringList(event.payload.value(itemsKey)));
        break;
    }
    case EventType::SupplementRequested:
    case EventType::Suspended:
        state.clockStops.append({event.type, event.at, QDateTime()});
        break;
    case EventType::SupplementReceived:
    case EventType::Resumed:
        closeClock(state, event.at);
        break;
    case EventType::Approved: {
        state.concludedAt = event.at;
        const QStringList named = stringList(event.payload.value(itemsKey));
        state.approvedItems = !named.isEmpty() ? named
            : state.review.isRouted()          ? state.review.approvableItems()
                                               : state.itemCodes();
        state.deniedItems = state.review.deniedItems();
        break;
    }
    case EventType::Denied: {
        state.concludedAt = event.at;
        const QStringList named = stringList(event.payload.value(itemsKey));
        state.deniedItems = named.isEmpty() ? state.itemCodes() : named;
        break;
    }
    case EventType::CertificateProduced:
        state.certificateIds.append(text(event, QStringLiteral("certificateId")));
        break;
    case EventType::Printed:
        if (!event.payload.value(QStringLiteral("spoiled")).toBool()) {
            ++state.printCount;
            const QString certificateId = text(event, QStringLiteral("certificateId"));
            if (!state.printedCertificateIds.contains(certificateId))
                state.printedCertificateIds.append(certificateId);
        }
        break;
    case EventType::Delivered:
        state.deliveredAt = event.at;
        break;
    case EventType::Evaluated:
        state.rating = event.payload.value(QStringLiteral("rating")).toInt();
        break;
    }
    state.status = next;
    ++state.eventCount;
    state.lastEventId = event.id;
}

} // namespace ow::cases::Internal
