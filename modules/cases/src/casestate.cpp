// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/casestate.h"

#include "ow/cases/tr.h"

#include <QJsonArray>

#include <algorithm>

namespace ow::cases {

namespace {

struct StatusName
{
    CaseStatus status;
    const char *name;
};

// Stored in projections and shown in exports: never rename.
constexpr StatusName statusNames[] = {
    {CaseStatus::None, "none"},
    {CaseStatus::Created, "created"},
    {CaseStatus::Accepted, "accepted"},
    {CaseStatus::AwaitingMaterials, "awaiting-materials"},
    {CaseStatus::Refused, "refused"},
    {CaseStatus::UnderReview, "under-review"},
    {CaseStatus::SupplementPending, "supplement-pending"},
    {CaseStatus::Suspended, "suspended"},
    {CaseStatus::Approved, "approved"},
    {CaseStatus::Denied, "denied"},
    {CaseStatus::CertificateReady, "certificate-ready"},
    {CaseStatus::Delivered, "delivered"},
    {CaseStatus::Withdrawn, "withdrawn"},
    {CaseStatus::Terminated, "terminated"},
};

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Event::formatTime(time)) : QJsonValue();
}

} // namespace

QString caseStatusName(CaseStatus status)
{
    for (const StatusName &entry : statusNames) {
        if (entry.status == status)
            return QString::fromLatin1(entry.name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<CaseStatus> caseStatusFromName(QStringView name)
{
    for (const StatusName &entry : statusNames) {
        if (name == QLatin1String(entry.name))
            return entry.status;
    }
    return std::nullopt;
}

QList<CaseStatus> allCaseStatuses()
{
    QList<CaseStatus> statuses;
    for (const StatusName &entry : statusNames)
        statuses.append(entry.status);
    return statuses;
}

QString caseStatusDisplayName(CaseStatus status)
{
    switch (status) {
    case CaseStatus::None:
        return Tr::tr("Not yet registered");
    case CaseStatus::Created:
        return Tr::tr("Registered");
    case CaseStatus::Accepted:
        return Tr::tr("Accepted");
    case CaseStatus::AwaitingMaterials:
        return Tr::tr("Awaiting missing materials");
    case CaseStatus::Refused:
        return Tr::tr("Refused");
    case CaseStatus::UnderReview:
        return Tr::tr("Under review");
    case CaseStatus::SupplementPending:
        return Tr::tr("Awaiting supplementary materials");
    case CaseStatus::Suspended:
        return Tr::tr("Suspended");
    case CaseStatus::Approved:
        return Tr::tr("Approved");
    case CaseStatus::Denied:
        return Tr::tr("Denied");
    case CaseStatus::CertificateReady:
        return Tr::tr("Certificate ready");
    case CaseStatus::Delivered:
        return Tr::tr("Delivered");
    case CaseStatus::Withdrawn:
        return Tr::tr("Withdrawn");
    case CaseStatus::Terminated:
        return Tr::tr("Terminated");
    }
    return {};
}

bool isConcluded(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Refused:
    case CaseStatus::Approved:
    case CaseStatus::Denied:
    case CaseStatus::CertificateReady:
    case CaseStatus::Delivered:
    case CaseStatus::Withdrawn:
    case CaseStatus::Terminated:
        return true;
    default:
        return false;
    }
}

QStringList CaseState::itemCodes() const
{
    QStringList codes;
    for (const CaseItem &item : items)
        codes.append(item.code);
    return codes;
}

QStringList CaseState::departments() const
{
    QStringList result;
    for (const CaseItem &item : items) {
        if (!result.contains(item.department))
            result.append(item.department);
    }
    for (const QString &department : review.plan().departments()) {
        if (!result.contains(department))
            result.append(department);
    }
    return result;
}

bool CaseState::producesCertificate() const
{
    return std::any_of(items.begin(), items.end(),
                       [](const CaseItem &item) { return item.producesCertificate; });
}

std::optional<RoutingPlan> CaseState::defaultRouting(QString *error) const
{
    QList<ItemRoute> routes;
    for (const CaseItem &item : items)
        routes.append({item.code, item.department});
    if (routes.size() == 1 && (leadDepartment.isEmpty() || leadDepartment == routes.first().department))
        return RoutingPlan::forItem(routes.first());
    return RoutingPlan::forBundle(leadDepartment, routes, error);
}

QJsonObject CaseState::toJson() const
{
    QJsonArray itemArray;
    for (const CaseItem &item : items)
        itemArray.append(QJsonObject {{QStringLiteral("code"), item.code},
                                      {QStringLiteral("name"), item.name},
                                      {QStringLiteral("department"), item.department},
                                      {QStringLiteral("legalDays"), item.legalDays},
                                      {QStringLiteral("promisedDays"), item.promisedDays},
                                      {QStringLiteral("producesCertificate"), item.producesCertificate}});
    QJsonArray stops;
    for (const ClockStop &stop : clockStops)
        stops.append(QJsonObject {{QStringLiteral("cause"), eventTypeName(stop.cause)},
                                  {QStringLiteral("from"), timeJson(stop.from)},
                                  {QStringLiteral("to"), timeJson(stop.to)}});
    QJsonArray reviews;
    for (const DepartmentReview &r : review.reviews())
        reviews.append(
            QJsonObject {{QStringLiteral("department"), r.department},
                         {QStringLiteral("items"), QJsonArray::fromStringList(r.itemCodes)},
                         {QStringLiteral("decision"), reviewDecisionName(r.decision)},
                         {QStringLiteral("basis"), r.basis},
                         {QStringLiteral("affectedItems"), QJsonArray::fromStringList(r.affectedItems)},
                         {QStringLiteral("assignee"), r.assignee}});
    return {{QStringLiteral("caseId"), caseId},
            {QStringLiteral("caseNumber"), caseNumber},
            {QStringLiteral("status"), caseStatusName(status)},
            {QStringLiteral("items"), itemArray},
            {QStringLiteral("bundleCode"), bundleCode},
            {QStringLiteral("leadDepartment"), leadDepartment},
            {QStringLiteral("departments"), QJsonArray::fromStringList(departments())},
            {QStringLiteral("applicant"), applicant},
            {QStringLiteral("officeCode"), officeCode},
            {QStringLiteral("createdAt"), timeJson(createdAt)},
            {QStringLiteral("acceptedAt"), timeJson(acceptedAt)},
            {QStringLiteral("concludedAt"), timeJson(concludedAt)},
            {QStringLiteral("deliveredAt"), timeJson(deliveredAt)},
            {QStringLiteral("timeLimitDays"), timeLimitDays},
            {QStringLiteral("extensionDays"), extensionDays},
            {QStringLiteral("clockStops"), stops},
            {QStringLiteral("clockStopped"), isClockStopped()},
            {QStringLiteral("reviews"), reviews},
            {QStringLiteral("missingMaterialsNotified"), missingMaterialsNotified},
            {QStringLiteral("approvedItems"), QJsonArray::fromStringList(approvedItems)},
            {QStringLiteral("deniedItems"), QJsonArray::fromStringList(deniedItems)},
            {QStringLiteral("certificateIds"), QJsonArray::fromStringList(certificateIds)},
            {QStringLiteral("printedCertificateIds"), QJsonArray::fromStringList(printedCertificateIds)},
            {QStringLiteral("printCount"), printCount},
            {QStringLiteral("rating"), rating ? QJsonValue(*rating) : QJsonValue()},
            {QStringLiteral("eventCount"), eventCount},
            {QStringLiteral("lastEventId"), lastEventId}};
}

} // namespace ow::cases
