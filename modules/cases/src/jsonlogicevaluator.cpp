// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "jsonlogicevaluator.h"

#include "jsvalue.h"

#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

// Off by default: what "log" sees is returned in JsonLogic::Result::logged.
Q_LOGGING_CATEGORY(lcJsonLogic, "ow.cases.jsonlogic", QtWarningMsg)

namespace ow::cases::Internal {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Argument counts follow the reference implementation; the minimums are
// where it would otherwise answer with undefined, throw, or ignore the rule.
const OperatorInfo operators[] = {
    {"var", Op::Var, 0, 2},
    {"missing", Op::Missing, 0, -1},
    {"missing_some", Op::MissingSome, 2, 2},
    {"if", Op::If, 0, -1},
    {"?:", Op::If, 0, -1},
    {"==", Op::Equal, 2, 2},
    {"===", Op::StrictEqual, 2, 2},
    {"!=", Op::NotEqual, 2, 2},
    {"!==", Op::StrictNotEqual, 2, 2},
    {"!", Op::Not, 1, 1},
    {"!!", Op::NotNot, 1, 1},
    {"or", Op::Or, 1, -1},
    {"and", Op::And, 1, -1},
    {">", Op::Greater, 2, 2},
    {">=", Op::GreaterOrEqual, 2, 2},
    {"<", Op::Less, 2, 3},
    {"<=", Op::LessOrEqual, 2, 3},
    {"max", Op::Max, 1, -1},
    {"min", Op::Min, 1, -1},
    {"+", Op::Plus, 0, -1},
    {"-", Op::Minus, 1, 2},
    {"*", Op::Times, 1, -1},
    {"/", Op::Divide, 2, 2},
    {"%", Op::Modulo, 2, 2},
    {"map", Op::Map, 2, 2},
    {"filter", Op::Filter, 2, 2},
    {"reduce", Op::Reduce, 2, 3},
    {"all", Op::All, 2, 2},
    {"none", Op::None, 2, 2},
    {"some", Op::Some, 2, 2},
    {"merge", Op::Merge, 0, -1},
    {"in", Op::In, 2, 2},
    {"cat", Op::Cat, 0, -1},
    {"substr", Op::Substr, 1, 3},
    {"log", Op::Log, 1, 1},
};

QJsonValue number(double value)
{
    return QJsonValue(value);
}

// A property read as JavaScript does it on the types JSON has: members of
// objects, elements and "length" of arrays and strings. Undefined if absent.
QJsonValue property(const QJsonValue &value, const QString &name)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const auto it = object.constFind(name);
        return it == object.constEnd() ? QJsonValue(QJsonValue::Undefined) : it.value();
    }
    if (!value.isArray() && !value.isString())
        return QJsonValue(QJsonValue::Undefined);
    const qsizetype size = value.isArray() ? value.toArray().size() : value.toString().size();
    if (name == QLatin1String("length"))
        return number(double(size));
    // Only canonical indexes ("0", "12"; not "01" or "1.0") name elements.
    bool ok = false;
    const qsizetype index = name.toLongLong(&ok);
    if (!ok || index < 0 || index >= size || QString::number(index) != name)
        return QJsonValue(QJsonValue::Undefined);
    if (value.isArray())
        return value.toArray().at(index);
    return QJsonValue(value.toString().mid(index, 1));
}

bool lessOrEqual(const QJsonValue &a, const QJsonValue &b)
{
    const auto greater = Js::lessThan(b, a);
    return greater.has_value() && !*greater;
}

bool less(const QJsonValue &a, const QJsonValue &b)
{
    return Js::lessThan(a, b).value_or(false);
}

// String.prototype.substr, with JsonLogic's extension that a negative length
// drops that many characters from the end.
QString substr(const QJsonValue &source, const QJsonValue &start, const QJsonValue &length)
{
    const QString s = Js::toString(source);
    const double size = double(s.size());
    double from = Js::toInteger(start);
    from = from < 0 ? std::max(size + from, 0.0) : std::min(from, size);
    const QString rest = s.mid(qsizetype(from));
    if (length.isUndefined())
        return rest;
    double count = Js::toInteger(length);
    if (Js::toNumber(length) < 0)
        count = std::max(double(rest.size()) + count, 0.0);
    return rest.left(qsizetype(std::clamp(count, 0.0, double(rest.size()))));
}

QJsonValue arg(const QJsonArray &args, qsizetype i)
{
    return i < args.size() ? args.at(i) : QJsonValue(QJsonValue::Undefined);
}

} // namespace

const OperatorInfo *operatorTable(int *count)
{
    *count = int(std::size(operators));
    return operators;
}

const OperatorInfo *findOperator(QStringView name)
{
    for (const OperatorInfo &info : operators) {
        if (name == QLatin1String(info.name))
            return &info;
    }
    return nullptr;
}

QJsonValue lookUpVariable(const QJsonArray &args, const QJsonValue &data)
{
    const QJsonValue key = arg(args, 0);
    const QJsonValue notFound = args.size() > 1 ? args.at(1) : QJsonValue(QJsonValue::Null);
    if (key.isUndefined() || key.isNull() || (key.isString() && key.toString().isEmpty()))
        return data;
    // Numbers name array elements; "a.b.0" walks objects and arrays.
    QJsonValue current = data;
    const QStringList path = Js::toString(key).split(QLatin1Char('.'));
    for (const QString &part : path) {
        if (current.isNull() || current.isUndefined())
            return notFound;
        current = property(current, part);
        if (current.isUndefined())
            return notFound;
    }
    return current;
}

QJsonArray findMissing(const QJsonArray &args, const QJsonValue &data)
{
    const QJsonArray keys = (!args.isEmpty() && args.first().isArray()) ? args.first().toArray() : args;
    QJsonArray missing;
    for (const QJsonValue &key : keys) {
        const QJsonValue value = lookUpVariable(QJsonArray {key}, data);
        if (value.isNull() || value.isUndefined() || value == QJsonValue(QString()))
            missing.append(key);
    }
    return missing;
}

QJsonValue Evaluator::apply(const QJsonValue &logic, const QJsonValue &data)
{
    if (logic.isArray()) {
        QJsonArray result;
        for (const QJsonValue &element : logic.toArray())
            result.append(apply(element, data));
        return result;
    }
    const QJsonObject object = logic.toObject();
    if (!logic.isObject() || object.size() != 1)
        return logic; // not a rule: data passes through
    const OperatorInfo *info = findOperator(object.constBegin().key());
    Q_ASSERT(info); // JsonLogic::check() ran first
    if (!info)
        return QJsonValue(QJsonValue::Null);
    const QJsonValue value = object.constBegin().value();
    const QJsonArray args = value.isArray() ? value.toArray() : QJsonArray {value};
    return applyOperator(info->op, args, data);
}

QJsonArray Evaluator::evaluateAll(const QJsonArray &args, const QJsonValue &data)
{
    QJsonArray values;
    for (const QJsonValue &a : args)
        values.append(apply(a, data));
    return values;
}

QJsonValue Evaluator::applyOperator(Op op, const QJsonArray &args, const QJsonValue &data)
{
    // Operators that decide which arguments to evaluate.
    switch (op) {
    case Op::If: {
        qsizetype i = 0;
        for (; i + 1 < args.size(); i += 2) {
            if (Js::truthy(apply(args.at(i), data)))
                return apply(args.at(i + 1), data);
        }
        return i < args.size() ? apply(args.at(i), data) : QJsonValue(QJsonValue::Null);
    }
    case Op::And:
    case Op::Or: {
        // Returns the value that decided, not a boolean.
        QJsonValue current;
        for (const QJsonValue &a : args) {
            current = apply(a, data);
            if (Js::truthy(current) == (op == Op::Or))
                return current;
        }
        return current;
    }
    case Op::Map:
    case Op::Filter:
    case Op::Reduce:
    case Op::All:
    case Op::None:
    case Op::Some:
        return applyArrayOperator(op, args, data);
    default:
        break;
    }

    const QJsonArray v = evaluateAll(args, data);
    switch (op) {
    case Op::Var:
        return lookUpVariable(v, data);
    case Op::Missing:
        return findMissing(v, data);
    case Op::MissingSome: {
        const QJsonValue options = v.at(1);
        const QJsonArray keys = options.isArray() ? options.toArray() : QJsonArray {options};
        const QJsonArray missing = findMissing(QJsonArray {keys}, data);
        const QJsonValue found = number(double(keys.size() - missing.size()));
        return lessOrEqual(v.at(0), found) ? QJsonArray() : missing;
    }
    case Op::Equal:
        return Js::looseEquals(v.at(0), v.at(1));
    case Op::StrictEqual:
        return Js::strictEquals(v.at(0), v.at(1));
    case Op::NotEqual:
        return !Js::looseEquals(v.at(0), v.at(1));
    case Op::StrictNotEqual:
        return !Js::strictEquals(v.at(0), v.at(1));
    case Op::Not:
        return !Js::truthy(v.at(0));
    case Op::NotNot:
        return Js::truthy(v.at(0));
    case Op::Greater:
        return less(v.at(1), v.at(0));
    case Op::GreaterOrEqual:
        return lessOrEqual(v.at(1), v.at(0));
    case Op::Less:
        return less(v.at(0), v.at(1)) && (v.size() < 3 || less(v.at(1), v.at(2)));
    case Op::LessOrEqual:
        return lessOrEqual(v.at(0), v.at(1)) && (v.size() < 3 || lessOrEqual(v.at(1), v.at(2)));
    case Op::Max:
    case Op::Min: {
        double result = Js::toNumber(v.at(0));
        for (qsizetype i = 1; i < v.size(); ++i) {
            const double d = Js::toNumber(v.at(i));
            if (std::isnan(d) || std::isnan(result))
                result = nan;
            else
                result = op == Op::Max ? std::max(result, d) : std::min(result, d);
        }
        return number(result);
    }
    case Op::Plus: {
        // "+" and "*" use parseFloat(), so "3 apples" counts as 3; "-", "/"
        // and "%" use the arithmetic operators' ToNumber(), where it is NaN.
        double sum = 0;
        for (const QJsonValue &a : v)
            sum += Js::parseFloat(a);
        return number(sum);
    }
    case Op::Times: {
        double product = Js::parseFloat(v.at(0));
        for (qsizetype i = 1; i < v.size(); ++i)
            product *= Js::parseFloat(v.at(i));
        return number(product);
    }
    case Op::Minus:
        if (v.size() == 1)
            return number(-Js::toNumber(v.at(0)));
        return number(Js::toNumber(v.at(0)) - Js::toNumber(v.at(1)));
    case Op::Divide:
        return number(Js::toNumber(v.at(0)) / Js::toNumber(v.at(1)));
    case Op::Modulo:
        return number(std::fmod(Js::toNumber(v.at(0)), Js::toNumber(v.at(1))));
    case Op::Merge: {
        QJsonArray merged;
        for (const QJsonValue &a : v) {
            if (a.isArray()) {
                for (const QJsonValue &element : a.toArray())
                    merged.append(element);
            } else {
                merged.append(a);
            }
        }
        return merged;
    }
    case Op::In: {
        const QJsonValue haystack = v.at(1);
        if (haystack.isString()) // "" is falsy: never contains anything
            return !haystack.toString().isEmpty() && haystack.toString().contains(Js::toString(v.at(0)));
        if (haystack.isArray()) {
            const QJsonArray array = haystack.toArray();
            return std::any_of(array.begin(), array.end(),
                               [&](const QJsonValue &e) { return Js::strictEquals(e, v.at(0)); });
        }
        return false;
    }
    case Op::Cat: {
        // Array.prototype.join(""): null contributes nothing, not "null".
        QString result;
        for (const QJsonValue &a : v) {
            if (!a.isNull() && !a.isUndefined())
                result += Js::toString(a);
        }
        return result;
    }
    case Op::Substr:
        return substr(v.at(0), arg(v, 1), arg(v, 2));
    case Op::Log:
        m_logged.append(v.at(0));
        qCInfo(lcJsonLogic).noquote() << "log:" << Js::toString(v.at(0));
        return v.at(0);
    default:
        break;
    }
    Q_UNREACHABLE();
    return QJsonValue(QJsonValue::Null);
}

QJsonValue Evaluator::applyArrayOperator(Op op, const QJsonArray &args, const QJsonValue &data)
{
    // The second argument is evaluated once per element, with the element as
    // data ({"var": ""} is the element itself); not an array means empty.
    const QJsonValue scoped = apply(args.at(0), data);
    const QJsonArray elements = scoped.isArray() ? scoped.toArray() : QJsonArray();
    const QJsonValue logic = args.at(1);
    switch (op) {
    case Op::Map: {
        QJsonArray result;
        for (const QJsonValue &e : elements)
            result.append(apply(logic, e));
        return result;
    }
    case Op::Filter:
    case Op::None:
    case Op::Some: {
        QJsonArray kept;
        for (const QJsonValue &e : elements) {
            if (Js::truthy(apply(logic, e)))
                kept.append(e);
        }
        if (op == Op::Filter)
            return kept;
        return op == Op::Some ? !kept.isEmpty() : kept.isEmpty();
    }
    case Op::All:
        // An empty array is not "all true": nothing was there to check.
        if (elements.isEmpty())
            return false;
        for (const QJsonValue &e : elements) {
            if (!Js::truthy(apply(logic, e)))
                return false;
        }
        return true;
    case Op::Reduce: {
        QJsonValue accumulator = args.size() > 2 ? apply(args.at(2), data) : QJsonValue(QJsonValue::Null);
        if (!scoped.isArray())
            return accumulator;
        for (const QJsonValue &e : elements)
            accumulator = apply(
                logic,
                QJsonObject {{QStringLiteral("current"), e}, {QStringLiteral("accumulator"), accumulator}});
        return accumulator;
    }
    default:
        break;
    }
    Q_UNREACHABLE();
    return QJsonValue(QJsonValue::Null);
}

} // namespace ow::cases::Internal
