// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/ruleset.h"

#include "ow/cases/jsonlogic.h"
#include "ow/cases/tr.h"

#include <QJsonArray>
#include <QSet>

namespace ow::cases {

namespace {

const QString idKey = QStringLiteral("id");
const QString ruleKey = QStringLiteral("rule");
const QString basisKey = QStringLiteral("basis");
const QString outcomeKey = QStringLiteral("outcome");
const QString descriptionKey = QStringLiteral("description");
const QString modeKey = QStringLiteral("mode");
const QString rulesKey = QStringLiteral("rules");

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

QString ruleOutcomeName(RuleOutcome outcome)
{
    switch (outcome) {
    case RuleOutcome::Approve:
        return QStringLiteral("approve");
    case RuleOutcome::Deny:
        return QStringLiteral("deny");
    case RuleOutcome::Manual:
        break;
    }
    return QStringLiteral("manual");
}

std::optional<RuleOutcome> ruleOutcomeFromName(QStringView name)
{
    for (RuleOutcome outcome : {RuleOutcome::Approve, RuleOutcome::Deny, RuleOutcome::Manual}) {
        if (name == ruleOutcomeName(outcome))
            return outcome;
    }
    return std::nullopt;
}

QString ruleOutcomeDisplayName(RuleOutcome outcome)
{
    switch (outcome) {
    case RuleOutcome::Approve:
        return Tr::tr("Approve");
    case RuleOutcome::Deny:
        return Tr::tr("Deny");
    case RuleOutcome::Manual:
        break;
    }
    return Tr::tr("To a person");
}

QStringList RuleTrace::decidingRules() const
{
    QStringList ids;
    if (outcome == RuleOutcome::Approve)
        return ids;
    for (const RuleResult &result : results) {
        if (result.passed)
            continue;
        const bool counts = outcome == RuleOutcome::Deny
            ? (result.outcome == RuleOutcome::Deny && result.error.isEmpty())
            : (result.outcome == RuleOutcome::Manual || !result.error.isEmpty());
        if (counts)
            ids.append(result.id);
    }
    return ids;
}

QStringList RuleTrace::bases() const
{
    const QStringList deciding = decidingRules();
    QStringList bases;
    for (const RuleResult &result : results) {
        if (deciding.contains(result.id) && !bases.contains(result.basis))
            bases.append(result.basis);
    }
    return bases;
}

QJsonObject RuleTrace::toJson() const
{
    QJsonArray rules;
    for (const RuleResult &result : results) {
        QJsonObject rule {
            {idKey, result.id},
            {basisKey, result.basis},
            {outcomeKey, ruleOutcomeName(result.outcome)},
            {QStringLiteral("passed"), result.passed},
            {QStringLiteral("result"), result.value.isUndefined() ? QJsonValue() : result.value}};
        if (!result.error.isEmpty())
            rule.insert(QStringLiteral("error"), result.error);
        if (!result.description.isEmpty())
            rule.insert(descriptionKey, result.description);
        rules.append(rule);
    }
    QJsonObject json {{outcomeKey, ruleOutcomeName(outcome)},
                      {QStringLiteral("deciding"), QJsonArray::fromStringList(decidingRules())},
                      {rulesKey, rules}};
    if (!mode.isEmpty())
        json.insert(modeKey, mode);
    return json;
}

std::optional<RuleTrace> RuleTrace::fromJson(const QJsonObject &json, QString *error)
{
    RuleTrace trace;
    const auto outcome = ruleOutcomeFromName(json.value(outcomeKey).toString());
    if (!outcome) {
        fail(error, Tr::tr("outcome: must be \"approve\", \"deny\" or \"manual\""));
        return std::nullopt;
    }
    trace.outcome = *outcome;
    trace.mode = json.value(modeKey).toString();
    const QJsonArray rules = json.value(rulesKey).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject rule = rules.at(i).toObject();
        RuleResult result;
        result.id = rule.value(idKey).toString();
        result.basis = rule.value(basisKey).toString();
        const auto ruleOutcome = ruleOutcomeFromName(rule.value(outcomeKey).toString());
        if (result.id.isEmpty() || !ruleOutcome || !rule.value(QStringLiteral("passed")).isBool()) {
            fail(error, Tr::tr("rules[%1]: needs an id, an outcome and whether it passed").arg(i));
            return std::nullopt;
        }
        result.outcome = *ruleOutcome;
        result.passed = rule.value(QStringLiteral("passed")).toBool();
        result.value = rule.value(QStringLiteral("result"));
        result.error = rule.value(QStringLiteral("error")).toString();
        result.description = rule.value(descriptionKey).toString();
        trace.results.append(result);
    }
    return trace;
}

bool RuleSet::looksLikeRuleSet(const QJsonValue &json)
{
    return json.isObject() && json.toObject().value(rulesKey).isArray();
}

std::optional<RuleSet> RuleSet::fromJson(const QJsonValue &json, QString *error)
{
    if (!looksLikeRuleSet(json)) {
        fail(error, Tr::tr("rules: a rule set is an object with a \"rules\" array"));
        return std::nullopt;
    }
    const QJsonObject object = json.toObject();
    RuleSet set;
    const QJsonValue mode = object.value(modeKey);
    if (!mode.isUndefined() && !mode.isString()) {
        fail(error, Tr::tr("mode: must be text"));
        return std::nullopt;
    }
    set.mode = mode.toString();
    const QJsonArray rules = object.value(rulesKey).toArray();
    if (rules.isEmpty()) {
        // An empty set would approve everything; that is never intended.
        fail(error, Tr::tr("rules: a rule set needs at least one rule"));
        return std::nullopt;
    }
    QSet<QString> ids;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString at = QStringLiteral("rules[%1]").arg(i);
        if (!rules.at(i).isObject()) {
            fail(error, Tr::tr("%1: must be an object").arg(at));
            return std::nullopt;
        }
        const QJsonObject rule = rules.at(i).toObject();
        ApprovalRule parsed;
        parsed.id = rule.value(idKey).toString().trimmed();
        if (parsed.id.isEmpty()) {
            fail(error, Tr::tr("%1.id: missing").arg(at));
            return std::nullopt;
        }
        if (ids.contains(parsed.id)) {
            fail(error, Tr::tr("%1.id: \"%2\" is used by an earlier rule").arg(at, parsed.id));
            return std::nullopt;
        }
        ids.insert(parsed.id);
        if (!rule.contains(ruleKey)) {
            fail(error, Tr::tr("%1.rule: missing").arg(at));
            return std::nullopt;
        }
        parsed.logic = rule.value(ruleKey);
        const QString problem = JsonLogic::check(parsed.logic);
        if (!problem.isEmpty()) {
            fail(error, Tr::tr("%1.rule: %2").arg(at, problem));
            return std::nullopt;
        }
        parsed.basis = rule.value(basisKey).toString().trimmed();
        if (parsed.basis.isEmpty()) {
            fail(error, Tr::tr("%1.basis: every rule must cite its legal basis").arg(at));
            return std::nullopt;
        }
        const auto outcome = ruleOutcomeFromName(rule.value(outcomeKey).toString());
        if (!outcome || *outcome == RuleOutcome::Approve) {
            fail(error,
                 Tr::tr("%1.outcome: must be \"deny\" or \"manual\" (what failing the rule leads to)")
                     .arg(at));
            return std::nullopt;
        }
        parsed.outcome = *outcome;
        parsed.description = rule.value(descriptionKey).toString();
        set.rules.append(parsed);
    }
    return set;
}

QJsonObject RuleSet::toJson() const
{
    QJsonArray array;
    for (const ApprovalRule &rule : rules) {
        QJsonObject json {{idKey, rule.id},
                          {ruleKey, rule.logic},
                          {basisKey, rule.basis},
                          {outcomeKey, ruleOutcomeName(rule.outcome)}};
        if (!rule.description.isEmpty())
            json.insert(descriptionKey, rule.description);
        array.append(json);
    }
    QJsonObject json {{rulesKey, array}};
    if (!mode.isEmpty())
        json.insert(modeKey, mode);
    return json;
}

RuleTrace RuleSet::evaluate(const QJsonValue &data) const
{
    RuleTrace trace;
    trace.mode = mode;
    bool denied = false;
    bool manual = rules.isEmpty();
    for (const ApprovalRule &rule : rules) {
        const JsonLogic::Result evaluated = JsonLogic::evaluate(rule.logic, data);
        RuleResult result;
        result.id = rule.id;
        result.basis = rule.basis;
        result.outcome = rule.outcome;
        result.description = rule.description;
        // Truthiness before storing: Infinity is true but stored as null.
        result.passed = evaluated.isValid() && JsonLogic::isTruthy(evaluated.value);
        result.value = JsonLogic::toStorable(evaluated.value);
        result.error = evaluated.error;
        if (!result.passed) {
            // A rule that cannot be evaluated never decides against the
            // applicant on its own; a person looks instead.
            if (rule.outcome == RuleOutcome::Deny && result.error.isEmpty())
                denied = true;
            else
                manual = true;
        }
        trace.results.append(result);
    }
    trace.outcome = denied ? RuleOutcome::Deny : manual ? RuleOutcome::Manual : RuleOutcome::Approve;
    return trace;
}

} // namespace ow::cases
