// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QStringView>

namespace ow::cases::Internal {

enum class Op {
    Var,
    Missing,
    MissingSome,
    If,
    Equal,
    StrictEqual,
    NotEqual,
    StrictNotEqual,
    Not,
    NotNot,
    Or,
    And,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Max,
    Min,
    Plus,
    Minus,
    Times,
    Divide,
    Modulo,
    Map,
    Filter,
    Reduce,
    All,
    None,
    Some,
    Merge,
    In,
    Cat,
    Substr,
    Log,
};

struct OperatorInfo
{
    const char *name;
    Op op;
    int minArgs;
    int maxArgs; // -1: no limit
};

// Every operator, with the argument counts the checker enforces.
const OperatorInfo *operatorTable(int *count);
const OperatorInfo *findOperator(QStringView name);

// Evaluates a rule that JsonLogic::check() accepted; it cannot fail.
class Evaluator
{
public:
    QJsonValue apply(const QJsonValue &logic, const QJsonValue &data);
    QJsonArray logged() const { return m_logged; }

private:
    QJsonValue applyOperator(Op op, const QJsonArray &args, const QJsonValue &data);
    QJsonValue applyArrayOperator(Op op, const QJsonArray &args, const QJsonValue &data);
    QJsonArray evaluateAll(const QJsonArray &args, const QJsonValue &data);

    QJsonArray m_logged;
};

// {"var": ...} and {"missing": ...} on already evaluated arguments.
QJsonValue lookUpVariable(const QJsonArray &args, const QJsonValue &data);
QJsonArray findMissing(const QJsonArray &args, const QJsonValue &data);

} // namespace ow::cases::Internal
