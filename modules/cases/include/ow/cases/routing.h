// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::cases {

// Which department reviews which item. Plain values, so that routing does
// not depend on how the catalogue stores items and bundles.
struct OW_CASES_EXPORT ItemRoute
{
    QString itemCode;
    QString department;
};

struct OW_CASES_EXPORT DepartmentTask
{
    QString department;
    QStringList itemCodes;
};

// Where a case goes for review: one item goes to its department; a bundle
// (一件事) goes to every item's department in parallel, and the lead
// department concludes. Serialised as the payload of a `routed` event:
// {"lead": DEPT, "tasks": [{"department": DEPT, "items": [CODE, ...]}]}.
class OW_CASES_EXPORT RoutingPlan
{
public:
    static RoutingPlan forItem(const ItemRoute &item);
    // Items of the same department form one task, in the order first named.
    // The lead also gets a task when none of the items is its own, since it
    // still concludes. Nullopt and a translated error for an empty bundle,
    // an item without department or code, or an item named twice.
    static std::optional<RoutingPlan> forBundle(const QString &leadDepartment, const QList<ItemRoute> &items,
                                                QString *error = nullptr);

    QString leadDepartment() const { return m_lead; }
    QList<DepartmentTask> tasks() const { return m_tasks; }
    QStringList departments() const;
    QStringList itemsOf(const QString &department) const;
    bool isParallel() const { return m_tasks.size() > 1; }
    // Adds the tasks of `other` (a re-routing) without removing any.
    void merge(const RoutingPlan &other);

    QJsonObject toJson() const;
    static std::optional<RoutingPlan> fromJson(const QJsonObject &json, QString *error = nullptr);

private:
    QString m_lead;
    QList<DepartmentTask> m_tasks;
};

enum class ReviewDecision { Pending, Approve, Deny };

// Wire names "pending", "approve", "deny" (as in an opinion's "decision").
OW_CASES_EXPORT QString reviewDecisionName(ReviewDecision decision);
OW_CASES_EXPORT std::optional<ReviewDecision> reviewDecisionFromName(QStringView name);

struct OW_CASES_EXPORT DepartmentReview
{
    QString department;
    QStringList itemCodes;
    ReviewDecision decision = ReviewDecision::Pending;
    QString basis; // required for Deny
    QString opinion; // the reviewer's words
    QStringList affectedItems; // for Deny: the items it denies
    // The reviewer who claimed the department's task (认领), empty while unclaimed.
    QString assignee;
    QDateTime assignedAt;
};

// What the lead department is told about a department's denial.
struct OW_CASES_EXPORT DenialReport
{
    QString department;
    QStringList itemCodes; // the items the denial affects
    QString basis;
};

// The parallel review of a routed case: each department's latest decision.
// The lead concludes (approved/denied) once every other department has
// decided; the lead's own items are decided by its conclusion.
class OW_CASES_EXPORT ParallelReview
{
public:
    ParallelReview() = default;
    explicit ParallelReview(const RoutingPlan &plan);

    bool isRouted() const { return !m_reviews.isEmpty(); }
    const RoutingPlan &plan() const { return m_plan; }
    void reroute(const RoutingPlan &plan);

    // A department's decision (from an `opinion` event); a later one replaces
    // it. `items` narrows a denial to some of the department's items (empty:
    // all of them). False and a translated error for a department or item
    // not in the plan, or a denial without basis.
    bool record(const QString &department, ReviewDecision decision, const QString &basis,
                const QString &opinion, const QStringList &items = {}, QString *error = nullptr);

    QList<DepartmentReview> reviews() const { return m_reviews; }
    // Who holds a department's task; empty when unclaimed or not routed there.
    QString assigneeOf(const QString &department) const;
    // A claim (认领) by `userId`, or its release when `userId` is empty. False
    // and a translated error for a department not in the plan, or a task
    // another reviewer holds.
    bool assign(const QString &department, const QString &userId, const QDateTime &at,
                QString *error = nullptr);
    // Departments other than the lead that have not decided yet.
    QStringList pendingDepartments() const;
    bool readyForConclusion() const { return isRouted() && pendingDepartments().isEmpty(); }
    QList<DenialReport> denials() const;
    QStringList deniedItems() const;
    // Every routed item not denied by its department.
    QStringList approvableItems() const;

private:
    RoutingPlan m_plan;
    QList<DepartmentReview> m_reviews;
};

} // namespace ow::cases
