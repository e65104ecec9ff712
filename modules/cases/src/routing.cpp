// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/routing.h"

#include "ow/cases/tr.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace ow::cases {

namespace {

const QString leadKey = QStringLiteral("lead");
const QString tasksKey = QStringLiteral("tasks");
const QString departmentKey = QStringLiteral("department");
const QString itemsKey = QStringLiteral("items");

std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

RoutingPlan RoutingPlan::forItem(const ItemRoute &item)
{
    RoutingPlan plan;
    plan.m_lead = item.department;
    plan.m_tasks.append({item.department, {item.itemCode}});
    return plan;
}

std::optional<RoutingPlan> RoutingPlan::forBundle(const QString &leadDepartment,
                                                  const QList<ItemRoute> &items, QString *error)
{
    if (leadDepartment.trimmed().isEmpty())
        return fail(error, Tr::tr("A bundle needs a lead department."));
    if (items.isEmpty())
        return fail(error, Tr::tr("A bundle needs at least one item."));
    RoutingPlan plan;
    plan.m_lead = leadDepartment;
    QSet<QString> seen;
    for (const ItemRoute &item : items) {
        if (item.itemCode.isEmpty())
            return fail(error, Tr::tr("An item of the bundle has no code."));
        if (item.department.isEmpty())
            return fail(error, Tr::tr("Item %1 has no department to review it.").arg(item.itemCode));
        if (seen.contains(item.itemCode))
            return fail(error, Tr::tr("Item %1 is named twice in the bundle.").arg(item.itemCode));
        seen.insert(item.itemCode);
        auto task = std::find_if(plan.m_tasks.begin(), plan.m_tasks.end(),
                                 [&](const DepartmentTask &t) { return t.department == item.department; });
        if (task == plan.m_tasks.end())
            plan.m_tasks.append({item.department, {item.itemCode}});
        else
            task->itemCodes.append(item.itemCode);
    }
    if (!plan.departments().contains(leadDepartment))
        plan.m_tasks.prepend({leadDepartment, {}});
    return plan;
}

QStringList RoutingPlan::departments() const
{
    QStringList departments;
    for (const DepartmentTask &task : m_tasks)
        departments.append(task.department);
    return departments;
}

QStringList RoutingPlan::itemsOf(const QString &department) const
{
    for (const DepartmentTask &task : m_tasks) {
        if (task.department == department)
            return task.itemCodes;
    }
    return {};
}

void RoutingPlan::merge(const RoutingPlan &other)
{
    if (m_lead.isEmpty())
        m_lead = other.m_lead;
    for (const DepartmentTask &task : other.m_tasks) {
        auto mine = std::find_if(m_tasks.begin(), m_tasks.end(),
                                 [&](const DepartmentTask &t) { return t.department == task.department; });
        if (mine == m_tasks.end()) {
            m_tasks.append(task);
            continue;
        }
        for (const QString &code : task.itemCodes) {
            if (!mine->itemCodes.contains(code))
                mine->itemCodes.append(code);
        }
    }
}

QJsonObject RoutingPlan::toJson() const
{
    QJsonArray tasks;
    for (const DepartmentTask &task : m_tasks)
        tasks.append(QJsonObject {{departmentKey, task.department},
                                  {itemsKey, QJsonArray::fromStringList(task.itemCodes)}});
    return {{leadKey, m_lead}, {tasksKey, tasks}};
}

std::optional<RoutingPlan> RoutingPlan::fromJson(const QJsonObject &json, QString *error)
{
    RoutingPlan plan;
    plan.m_lead = json.value(leadKey).toString();
    if (plan.m_lead.isEmpty())
        return fail(error, Tr::tr("lead: missing"));
    const QJsonArray tasks = json.value(tasksKey).toArray();
    if (tasks.isEmpty())
        return fail(error, Tr::tr("tasks: a case must go to at least one department"));
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const QJsonObject task = tasks.at(i).toObject();
        DepartmentTask parsed;
        parsed.department = task.value(departmentKey).toString();
        if (parsed.department.isEmpty())
            return fail(error, Tr::tr("tasks[%1].department: missing").arg(i));
        if (plan.departments().contains(parsed.department))
            return fail(error,
                        Tr::tr("tasks[%1].department: %2 is named twice").arg(i).arg(parsed.department));
        for (const QJsonValue &code : task.value(itemsKey).toArray()) {
            if (code.toString().isEmpty())
                return fail(error, Tr::tr("tasks[%1].items: item codes must be non-empty text").arg(i));
            parsed.itemCodes.append(code.toString());
        }
        plan.m_tasks.append(parsed);
    }
    if (!plan.departments().contains(plan.m_lead))
        return fail(error, Tr::tr("lead: %1 has no task").arg(plan.m_lead));
    return plan;
}

QString reviewDecisionName(ReviewDecision decision)
{
    switch (decision) {
    case ReviewDecision::Approve:
        return QStringLiteral("approve");
    case ReviewDecision::Deny:
        return QStringLiteral("deny");
    case ReviewDecision::Pending:
        break;
    }
    return QStringLiteral("pending");
}

std::optional<ReviewDecision> reviewDecisionFromName(QStringView name)
{
    for (ReviewDecision d : {ReviewDecision::Pending, ReviewDecision::Approve, ReviewDecision::Deny}) {
        if (name == reviewDecisionName(d))
            return d;
    }
    return std::nullopt;
}

ParallelReview::ParallelReview(const RoutingPlan &plan)
{
    reroute(plan);
}

void ParallelReview::reroute(const RoutingPlan &plan)
{
    m_plan.merge(plan);
    for (const DepartmentTask &task : m_plan.tasks()) {
        auto review = std::find_if(m_reviews.begin(), m_reviews.end(), [&](const DepartmentReview &r) {
            return r.department == task.department;
        });
        if (review == m_reviews.end()) {
            DepartmentReview added;
            added.department = task.department;
            added.itemCodes = task.itemCodes;
            m_reviews.append(added);
        } else {
            review->itemCodes = task.itemCodes;
        }
    }
}

bool ParallelReview::record(const QString &department, ReviewDecision decision, const QString &basis,
                            const QString &opinion, const QStringList &items, QString *error)
{
    auto review = std::find_if(m_reviews.begin(), m_reviews.end(),
                               [&](const DepartmentReview &r) { return r.department == department; });
    if (review == m_reviews.end()) {
        fail(error, Tr::tr("The case was not routed to %1.").arg(department));
        return false;
    }
    if (decision == ReviewDecision::Deny && basis.trimmed().isEmpty()) {
        fail(error, Tr::tr("A department's denial must cite its legal basis (payload \"basis\")."));
        return false;
    }
    for (const QString &item : items) {
        if (!review->itemCodes.contains(item)) {
            fail(error, Tr::tr("Item %1 is not reviewed by %2.").arg(item, department));
            return false;
        }
    }
    review->decision = decision;
    review->basis = basis;
    review->opinion = opinion;
    review->affectedItems
        = decision == ReviewDecision::Deny ? (items.isEmpty() ? review->itemCodes : items) : QStringList();
    return true;
}

QString ParallelReview::assigneeOf(const QString &department) const
{
    for (const DepartmentReview &review : m_reviews) {
        if (review.department == department)
            return review.assignee;
    }
    return {};
}

bool ParallelReview::assign(const QString &department, const QString &userId, const QDateTime &at,
                            QString *error)
{
    auto review = std::find_if(m_reviews.begin(), m_reviews.end(),
                               [&](const DepartmentReview &r) { return r.department == department; });
    if (review == m_reviews.end()) {
        fail(error, Tr::tr("The case was not routed to %1.").arg(department));
        return false;
    }
    // A claim never silently takes a case from a colleague: they release it first.
    if (!userId.isEmpty() && !review->assignee.isEmpty() && review->assignee != userId) {
        fail(error, Tr::tr("The case is already claimed by %1 for %2.").arg(review->assignee, department));
        return false;
    }
    review->assignee = userId;
    review->assignedAt = userId.isEmpty() ? QDateTime() : at;
    return true;
}

QStringList ParallelReview::pendingDepartments() const
{
    QStringList pending;
    for (const DepartmentReview &review : m_reviews) {
        if (review.department != m_plan.leadDepartment() && review.decision == ReviewDecision::Pending)
            pending.append(review.department);
    }
    return pending;
}

QList<DenialReport> ParallelReview::denials() const
{
    QList<DenialReport> reports;
    for (const DepartmentReview &review : m_reviews) {
        if (review.decision == ReviewDecision::Deny)
            reports.append({review.department, review.affectedItems, review.basis});
    }
    return reports;
}

QStringList ParallelReview::deniedItems() const
{
    QStringList items;
    for (const DenialReport &report : denials())
        items += report.itemCodes;
    return items;
}

QStringList ParallelReview::approvableItems() const
{
    const QStringList denied = deniedItems();
    QStringList items;
    for (const DepartmentTask &task : m_plan.tasks()) {
        for (const QString &code : task.itemCodes) {
            if (!denied.contains(code))
                items.append(code);
        }
    }
    return items;
}

} // namespace ow::cases
