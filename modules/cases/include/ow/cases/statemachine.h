// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"
#include "ow/cases/casestate.h"
#include "ow/cases/event.h"

#include <QList>
#include <QString>

#include <optional>

namespace ow::cases {

// A condition on the case beyond its status that a transition needs.
enum class Guard {
    None,
    ProducesCertificate, // an item of the case has a certificate outcome
    NoCertificate, // no item has one: the decision itself is delivered
    AllDepartmentsDecided, // parallel review: every non-lead department has decided
    SmartApproved, // the event carries a smart-approval trace that approves
    NotYetEvaluated, // one evaluation (好差评) per case
};

// One row of the transition table: in `from`, `event` recorded by any of
// `roles` leads to `to`, provided `guard` holds.
struct OW_CASES_EXPORT Transition
{
    CaseStatus from;
    EventType event;
    QList<Role> roles;
    CaseStatus to;
    Guard guard = Guard::None;
};

// The case state machine, one declarative table shared by the workstation
// (which offers only allowed actions) and the server (which re-checks every
// pushed event against it). Also checks each event's payload: every refusal,
// denial, missing-materials notice and termination must cite its basis.
class OW_CASES_EXPORT CaseStateMachine
{
public:
    enum class ErrorKind {
        None,
        NotAllowed, // no row for this status and event type
        RoleNotAllowed, // a row exists, but not for this role
        GuardFailed, // the row's guard does not hold
        InvalidPayload, // e.g. a refusal without basis
        WrongCase, // the event belongs to another case
    };

    struct Result
    {
        std::optional<CaseStatus> next;
        ErrorKind errorKind = ErrorKind::None;
        QString error; // translated, for the user
        bool isValid() const { return next.has_value(); }
    };

    static const QList<Transition> &table();

    // May `role` record `event` on a case in `state`? `role` is passed apart
    // from event.actor.role so the server can use the role it knows the user
    // has rather than the one the event claims.
    static Result apply(const CaseState &state, const Event &event, Role role);
    static Result apply(const CaseState &state, const Event &event)
    {
        return apply(state, event, event.actor.role);
    }

    // apply(), then fold the event into `state`; `state` is unchanged on error.
    static Result applyTo(CaseState &state, const Event &event);
    // Folds `event` into `state` when apply() has just accepted it on this
    // same state (`accepted` is its result): the checks are not run twice.
    static void advance(CaseState &state, const Event &event, const Result &accepted);

    struct FoldResult
    {
        CaseState state; // up to the last valid event
        qsizetype failedIndex = -1;
        QString error;
        bool isValid() const { return failedIndex < 0; }
    };
    // The projection of an event log in order; stops at the first event the
    // state machine rejects.
    static FoldResult fold(const QList<Event> &events);

    // The event types `role` may record now (guards checked, payload not),
    // for offering actions in the user interface.
    static QList<EventType> allowedEvents(const CaseState &state, Role role);
};

} // namespace ow::cases
