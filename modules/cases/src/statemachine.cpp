// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/statemachine.h"

#include "ow/cases/tr.h"

#include "casepayload.h"

namespace ow::cases {

namespace {

using S = CaseStatus;
using E = EventType;

// An agent at a township or village convenience point does what a window
// clerk does, for the residents of that office.
const QList<Role> window {Role::Clerk, Role::Agent};
const QList<Role> reviewer {Role::Reviewer};
const QList<Role> closer {Role::Reviewer, Role::Supervisor};

// THE transition table. Anything not listed is forbidden. Admins (centre IT)
// never act on cases.
const QList<Transition> transitions {
    {S::None, E::Created, window, S::Created},

    {S::Created, E::Accepted, window, S::Accepted},
    {S::Created, E::MissingMaterialsNotified, window, S::AwaitingMaterials},
    {S::Created, E::Refused, window, S::Refused},
    {S::Created, E::Withdrawn, window, S::Withdrawn},

    // 一次性告知 is issued once: a second notice is not in the table.
    {S::AwaitingMaterials, E::Accepted, window, S::Accepted},
    {S::AwaitingMaterials, E::Refused, window, S::Refused},
    {S::AwaitingMaterials, E::Withdrawn, window, S::Withdrawn},
    {S::AwaitingMaterials, E::Terminated, {Role::Supervisor}, S::Terminated},

    {S::Accepted, E::Routed, window, S::UnderReview},
    // 秒批: approval at the window only on a rule set's approving trace.
    {S::Accepted, E::Approved, window, S::Approved, Guard::SmartApproved},
    {S::Accepted, E::Withdrawn, window, S::Withdrawn},
    {S::Accepted, E::Terminated, {Role::Supervisor}, S::Terminated},

    {S::UnderReview, E::Routed, {Role::Clerk, Role::Agent, Role::Reviewer}, S::UnderReview},
    {S::UnderReview, E::Opinion, reviewer, S::UnderReview},
    {S::UnderReview, E::SupplementRequested, reviewer, S::SupplementPending},
    {S::UnderReview, E::Suspended, reviewer, S::Suspended},
    {S::UnderReview, E::Approved, reviewer, S::Approved, Guard::AllDepartmentsDecided},
    {S::UnderReview, E::Denied, reviewer, S::Denied, Guard::AllDepartmentsDecided},
    {S::UnderReview, E::Withdrawn, window, S::Withdrawn},
    {S::UnderReview, E::Terminated, closer, S::Terminated},

    // Materials come to a window or straight to the reviewer.
    {S::SupplementPending, E::SupplementReceived, {Role::Clerk, Role::Agent, Role::Reviewer}, S::UnderReview},
    {S::SupplementPending, E::Withdrawn, window, S::Withdrawn},
    {S::SupplementPending, E::Terminated, closer, S::Terminated},

    {S::Suspended, E::Resumed, closer, S::UnderReview},
    {S::Suspended, E::Withdrawn, window, S::Withdrawn},
    {S::Suspended, E::Terminated, closer, S::Terminated},

    {S::Approved,
     E::CertificateProduced,
     {Role::Clerk, Role::Agent, Role::Reviewer},
     S::CertificateReady,
     Guard::ProducesCertificate},
    {S::Approved, E::Delivered, window, S::Delivered, Guard::NoCertificate},
    // A bundle yields one certificate per item; reprints are logged too.
    {S::CertificateReady,
     E::CertificateProduced,
     {Role::Clerk, Role::Agent, Role::Reviewer},
     S::CertificateReady},
    {S::CertificateReady, E::Printed, window, S::CertificateReady},
    {S::CertificateReady, E::Delivered, window, S::Delivered},
    // The decision not to grant is served (送达) like any other.
    {S::Denied, E::Delivered, window, S::Delivered},

    // 好差评: once, after the service ended at the window.
    {S::Delivered, E::Evaluated, window, S::Delivered, Guard::NotYetEvaluated},
    {S::Refused, E::Evaluated, window, S::Refused, Guard::NotYetEvaluated},
};

QString roleList(const QList<Role> &roles)
{
    QStringList names;
    for (Role role : roles)
        names.append(roleDisplayName(role));
    return names.join(Tr::tr(", "));
}

// Why `guard` does not hold, or an empty string.
QString checkGuard(Guard guard, const CaseState &state, const Event &event)
{
    switch (guard) {
    case Guard::None:
        break;
    case Guard::ProducesCertificate:
        if (!state.producesCertificate())
            return Tr::tr("No item of this case produces a certificate.");
        break;
    case Guard::NoCertificate:
        if (state.producesCertificate())
            return Tr::tr("This case produces a certificate: record the certificate before delivery.");
        break;
    case Guard::AllDepartmentsDecided:
        if (!state.review.readyForConclusion())
            return Tr::tr(
                       "The lead department concludes only when every department has decided; still waiting "
                       "for: %1.")
                .arg(state.review.pendingDepartments().join(Tr::tr(", ")));
        break;
    case Guard::SmartApproved:
        if (!Internal::carriesApprovingTrace(event))
            return Tr::tr("Approval at the window needs a smart-approval trace that approves (payload "
                          "\"smartApproval\"); otherwise route the case for review.");
        break;
    case Guard::NotYetEvaluated:
        if (state.rating)
            return Tr::tr("The applicant has already evaluated this case.");
        break;
    }
    return {};
}

CaseStateMachine::Result failure(CaseStateMachine::ErrorKind kind, const QString &message)
{
    CaseStateMachine::Result result;
    result.errorKind = kind;
    result.error = message;
    return result;
}

} // namespace

const QList<Transition> &CaseStateMachine::table()
{
    return transitions;
}

CaseStateMachine::Result CaseStateMachine::apply(const CaseState &state, const Event &event, Role role)
{
    if (state.status != CaseStatus::None && event.caseId != state.caseId)
        return failure(ErrorKind::WrongCase, Tr::tr("Event %1 belongs to another case.").arg(event.id));

    const Transition *row = nullptr;
    for (const Transition &t : transitions) {
        if (t.from == state.status && t.event == event.type) {
            row = &t;
            break;
        }
    }
    if (!row)
        return failure(ErrorKind::NotAllowed,
                       Tr::tr("%1 is not possible while the case is \"%2\".")
                           .arg(eventTypeDisplayName(event.type), caseStatusDisplayName(state.status)));
    if (!row->roles.contains(role))
        return failure(ErrorKind::RoleNotAllowed,
                       Tr::tr("The role \"%1\" cannot record %2 while the case is \"%3\"; only: %4.")
                           .arg(roleDisplayName(role), eventTypeDisplayName(event.type),
                                caseStatusDisplayName(state.status), roleList(row->roles)));
    if (const QString problem = checkGuard(row->guard, state, event); !problem.isEmpty())
        return failure(ErrorKind::GuardFailed, problem);
    if (const QString problem = Internal::checkPayload(state, event); !problem.isEmpty())
        return failure(ErrorKind::InvalidPayload, problem);

    Result result;
    result.next = row->to;
    return result;
}

CaseStateMachine::Result CaseStateMachine::applyTo(CaseState &state, const Event &event)
{
    const Result result = apply(state, event);
    if (result.isValid())
        Internal::project(state, event, *result.next);
    return result;
}

void CaseStateMachine::advance(CaseState &state, const Event &event, const Result &accepted)
{
    Q_ASSERT(accepted.isValid());
    if (accepted.isValid())
        Internal::project(state, event, *accepted.next);
}

CaseStateMachine::FoldResult CaseStateMachine::fold(const QList<Event> &events)
{
    FoldResult fold;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Result result = applyTo(fold.state, events.at(i));
        if (!result.isValid()) {
            fold.failedIndex = i;
            fold.error = Tr::tr("Event %1 (#%2, %3): %4")
                             .arg(events.at(i).id)
                             .arg(i + 1)
                             .arg(eventTypeName(events.at(i).type), result.error);
            break;
        }
    }
    return fold;
}

QList<EventType> CaseStateMachine::allowedEvents(const CaseState &state, Role role)
{
    QList<EventType> allowed;
    for (const Transition &t : transitions) {
        if (t.from != state.status || !t.roles.contains(role))
            continue;
        // The smart-approval guard depends on the event yet to be made:
        // offered, and checked when the trace is there.
        if (t.guard == Guard::SmartApproved || checkGuard(t.guard, state, Event()).isEmpty())
            allowed.append(t.event);
    }
    return allowed;
}

} // namespace ow::cases
