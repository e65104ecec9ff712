// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/jsonlogic.h"

#include "ow/cases/tr.h"

#include "jsonlogicevaluator.h"
#include "jsvalue.h"

#include <ow/core/canonicaljson.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace ow::cases {

namespace {

using Internal::OperatorInfo;

QString memberPath(const QString &path, const QString &key)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (identifier.match(key).hasMatch())
        return path + QLatin1Char('.') + key;
    QString quoted = key;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return path + QLatin1String("[\"") + quoted + QLatin1String("\"]");
}

QString arityText(const OperatorInfo &info)
{
    if (info.minArgs == info.maxArgs)
        return QString::number(info.minArgs);
    if (info.maxArgs < 0)
        return Tr::tr("%1 or more").arg(info.minArgs);
    return Tr::tr("%1 to %2").arg(info.minArgs).arg(info.maxArgs);
}

QString checkRule(const QJsonValue &rule, const QString &path, int depth)
{
    if (depth > JsonLogic::maxDepth)
        return Tr::tr("The rule is nested more than %1 levels deep at %2.")
            .arg(JsonLogic::maxDepth)
            .arg(path);
    if (rule.isArray()) {
        const QJsonArray array = rule.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString error = checkRule(
                array.at(i), path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), depth + 1);
            if (!error.isEmpty())
                return error;
        }
        return {};
    }
    const QJsonObject object = rule.toObject();
    if (!rule.isObject() || object.size() != 1)
        return {}; // data, passed through as JsonLogic does with objects of several keys
    const QString name = object.constBegin().key();
    const QString opPath = memberPath(path, name);
    const OperatorInfo *info = Internal::findOperator(name);
    if (!info)
        return Tr::tr("Unknown operator \"%1\" at %2.").arg(name, path);
    const QJsonValue value = object.constBegin().value();
    if (!value.isArray())
        return info->minArgs > 1
            ? Tr::tr("\"%1\" at %2 takes %3 arguments but has 1.").arg(name, path, arityText(*info))
            : checkRule(value, opPath, depth + 1);
    const QJsonArray args = value.toArray();
    if (args.size() < info->minArgs || (info->maxArgs >= 0 && args.size() > info->maxArgs))
        return Tr::tr("\"%1\" at %2 takes %3 arguments but has %4.")
            .arg(name, path, arityText(*info))
            .arg(args.size());
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString error = checkRule(
            args.at(i), opPath + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), depth + 1);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

// What JSON.stringify() makes of values JSON cannot hold.
QJsonValue sanitized(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return std::isfinite(value.toDouble()) ? value : QJsonValue(QJsonValue::Null);
    case QJsonValue::Undefined:
        return QJsonValue(QJsonValue::Null);
    case QJsonValue::Array: {
        QJsonArray array;
        for (const QJsonValue &element : value.toArray())
            array.append(sanitized(element));
        return array;
    }
    case QJsonValue::Object: {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = sanitized(it.value());
        return object;
    }
    default:
        return value;
    }
}

} // namespace

QString JsonLogic::check(const QJsonValue &rule)
{
    return checkRule(rule, QStringLiteral("$"), 0);
}

JsonLogic::Result JsonLogic::evaluate(const QJsonValue &rule, const QJsonValue &data)
{
    Result result;
    result.error = check(rule);
    if (!result.error.isEmpty()) {
        result.value = QJsonValue(QJsonValue::Null);
        return result;
    }
    Internal::Evaluator evaluator;
    result.value = evaluator.apply(rule, data.isUndefined() ? QJsonValue(QJsonValue::Null) : data);
    if (result.value.isUndefined())
        result.value = QJsonValue(QJsonValue::Null);
    result.logged = evaluator.logged();
    return result;
}

bool JsonLogic::isTruthy(const QJsonValue &value)
{
    return Internal::Js::truthy(value);
}

std::optional<QJsonValue> JsonLogic::parseJson(QByteArrayView text, QString *error)
{
    // Wrapping in [ ] lets QJsonDocument read scalars; exactly one element
    // must come out, so "1,2" or "" are rejected rather than half-read.
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped.append('[').append(text.data(), text.size()).append(']');
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = Tr::tr("not valid JSON: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(qMax(0, parseError.offset - 1));
        return std::nullopt;
    }
    const QJsonArray array = document.array();
    if (array.size() != 1) {
        if (error)
            *error = array.isEmpty() ? Tr::tr("not valid JSON: the text is empty")
                                     : Tr::tr("not valid JSON: more than one value");
        return std::nullopt;
    }
    return array.first();
}

QByteArray JsonLogic::toJson(const QJsonValue &value)
{
    const QJsonValue clean = sanitized(value);
    if (const auto bytes = core::CanonicalJson::toBytes(clean))
        return *bytes;
    // Beyond I-JSON (integers past 2^53): still print what a double holds.
    QByteArray json = QJsonDocument(QJsonArray {clean}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

QJsonValue JsonLogic::toStorable(const QJsonValue &value)
{
    return sanitized(value);
}

QStringList JsonLogic::operators()
{
    int count = 0;
    const OperatorInfo *table = Internal::operatorTable(&count);
    QStringList names;
    for (int i = 0; i < count; ++i)
        names.append(QString::fromLatin1(table[i].name));
    return names;
}

} // namespace ow::cases
