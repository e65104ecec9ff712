// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::cases {

// What smart approval (智能审批/秒批) decides for an application.
enum class RuleOutcome { Approve, Deny, Manual };

// Wire names "approve", "deny", "manual".
OW_CASES_EXPORT QString ruleOutcomeName(RuleOutcome outcome);
OW_CASES_EXPORT std::optional<RuleOutcome> ruleOutcomeFromName(QStringView name);
// Translated, e.g. "准予许可", "不予许可", "转人工".
OW_CASES_EXPORT QString ruleOutcomeDisplayName(RuleOutcome outcome);

// One requirement of a smart-approval rule set: `logic` (JSON key "rule") is
// a JsonLogic condition that a qualifying application meets. `outcome` is
// what failing it leads to: Deny for a legal disqualification, Manual where
// a person must look. `basis` is the provision the requirement rests on;
// every rule cites one, because a denial must (否定必有依据).
struct OW_CASES_EXPORT ApprovalRule
{
    QString id;
    QJsonValue logic;
    QString basis;
    RuleOutcome outcome = RuleOutcome::Manual;
    QString description;
};

// One rule's part in a trace.
struct OW_CASES_EXPORT RuleResult
{
    QString id;
    QString basis;
    RuleOutcome outcome = RuleOutcome::Manual; // what failing it leads to
    QJsonValue value; // what the rule evaluated to
    bool passed = false; // value was truthy
    QString error; // evaluation failed (counts as not passed)
    QString description;
};

// The result of evaluating a rule set, stored in the event that records the
// decision so anyone can see later which rule decided and on what basis.
struct OW_CASES_EXPORT RuleTrace
{
    RuleOutcome outcome = RuleOutcome::Manual;
    QString mode;
    QList<RuleResult> results;

    // The rules that produced the outcome: the failed Deny rules for Deny,
    // the failed Manual (or failing to evaluate) rules for Manual, none for Approve.
    QStringList decidingRules() const;
    // Their bases, without repeats, for the notice the applicant receives.
    QStringList bases() const;

    // {"outcome", "mode", "deciding": [ids], "rules": [{"id", "basis",
    //  "outcome", "passed", "result", "error"?, "description"?}]}
    QJsonObject toJson() const;
    static std::optional<RuleTrace> fromJson(const QJsonObject &json, QString *error = nullptr);
};

// A smart-approval rule set as the catalogue holds it:
// {"mode": "...", "rules": [{"id", "rule", "basis", "outcome", "description"?}]}.
// Every rule is evaluated (the trace is complete); any failed Deny rule
// denies, otherwise any failed Manual rule sends the case to a person, and
// only when every rule passes is the application approved.
class OW_CASES_EXPORT RuleSet
{
public:
    // Checks everything up front, each problem named by its path
    // ("rules[2].basis: ..."), so an invalid set is never half used.
    static std::optional<RuleSet> fromJson(const QJsonValue &json, QString *error = nullptr);
    // True for an object with a "rules" array: tells a rule set from a single
    // JsonLogic rule (where "rules" would be an unknown operator).
    static bool looksLikeRuleSet(const QJsonValue &json);
    QJsonObject toJson() const;

    RuleTrace evaluate(const QJsonValue &data) const;

    // Free text from the catalogue (on application, without application,
    // with prerequisite licences, with shared information); copied to traces.
    QString mode;
    QList<ApprovalRule> rules;
};

} // namespace ow::cases
