// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"
#include "ow/cases/event.h"
#include "ow/cases/routing.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::cases {

// Where a case stands. Kept apart from the event types: several events
// leave the status as it is (opinion, printed, evaluated).
enum class CaseStatus {
    None, // no event yet
    Created, // registered at a window, not yet accepted (draft)
    Accepted, // 受理: the time limit runs
    AwaitingMaterials, // 一次性告知 issued; accepted once complete
    Refused, // 不予受理
    UnderReview, // routed to the departments
    SupplementPending, // 补正 requested: the clock stops
    Suspended, // 中止 (hearing, testing, expert review): the clock stops
    Approved, // 准予许可
    Denied, // 不予许可
    CertificateReady, // certificate produced, to print or hand out
    Delivered, // 送达
    Withdrawn, // 撤回 by the applicant
    Terminated, // 终止
};

// Wire names: "none", "created", "awaiting-materials", "certificate-ready", ...
OW_CASES_EXPORT QString caseStatusName(CaseStatus status);
OW_CASES_EXPORT std::optional<CaseStatus> caseStatusFromName(QStringView name);
OW_CASES_EXPORT QString caseStatusDisplayName(CaseStatus status);
OW_CASES_EXPORT QList<CaseStatus> allCaseStatuses();
// The review is over (decided, refused, withdrawn or terminated): the clock no longer runs.
OW_CASES_EXPORT bool isConcluded(CaseStatus status);

// One service item of a case, as the `created` event recorded it from the
// catalogue version the case was accepted under.
struct OW_CASES_EXPORT CaseItem
{
    QString code;
    QString name;
    QString department;
    int legalDays = 0; // 法定时限, working days
    int promisedDays = 0; // 承诺时限, working days
    bool producesCertificate = false;
};

// A period in which the time limit does not run.
struct OW_CASES_EXPORT ClockStop
{
    EventType cause = EventType::Suspended; // or SupplementRequested
    QDateTime from;
    QDateTime to; // invalid while the clock is still stopped
    bool isOpen() const { return !to.isValid(); }
};

// The projection of a case: a fold over its events (CaseStateMachine::fold),
// what storage keeps in tables for queries and the workstation shows.
struct OW_CASES_EXPORT CaseState
{
    QString caseId;
    QString caseNumber;
    CaseStatus status = CaseStatus::None;
    QList<CaseItem> items;
    QString bundleCode;
    // The bundle's lead department, or the single item's department; the
    // routing plan's lead once routed.
    QString leadDepartment;
    QJsonObject applicant;
    QString officeCode; // where the case was registered
    QDateTime createdAt;
    QDateTime acceptedAt;
    QDateTime concludedAt; // decision, refusal, withdrawal or termination
    QDateTime deliveredAt;
    // Working days: the bundle's or the longest item's promised limit
    // (legal limit where no promise is made), unless `created` names one.
    int timeLimitDays = 0;
    // 延期: working days added once by the lead department (included in timeLimitDays).
    int extensionDays = 0;
    QString extensionBasis;
    QList<ClockStop> clockStops;
    ParallelReview review;
    bool missingMaterialsNotified = false;
    QStringList approvedItems;
    QStringList deniedItems;
    QStringList certificateIds;
    // The certificates printed successfully at least once: a further print is a reprint.
    QStringList printedCertificateIds;
    int printCount = 0; // successful prints and reprints; spoiled sheets do not count
    std::optional<int> rating; // 好差评, 1 (very dissatisfied) to 5 (very satisfied)
    int eventCount = 0;
    QString lastEventId;

    QStringList itemCodes() const;
    // Every item's department, then any routed to besides, without repeats.
    QStringList departments() const;
    bool producesCertificate() const;
    // Where the case goes on acceptance: its item's department, or each
    // item's department in parallel under the lead (see RoutingPlan).
    std::optional<RoutingPlan> defaultRouting(QString *error = nullptr) const;
    bool isClockStopped() const { return !clockStops.isEmpty() && clockStops.constLast().isOpen(); }

    // For storage and diagnostics; the events stay the source of truth.
    QJsonObject toJson() const;
};

} // namespace ow::cases
