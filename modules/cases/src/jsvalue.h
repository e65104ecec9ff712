// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

// The few ECMAScript conversions JsonLogic's published behaviour depends on
// (ECMA-262 §7.1, §7.2), applied to JSON values. Arrays and objects have no
// identity here, so two of them are never equal, as two distinct JavaScript
// objects are not.
namespace ow::cases::Internal::Js {

// ToBoolean, except that JsonLogic also takes an empty array as false.
bool truthy(const QJsonValue &value);
// ToNumber: null → 0, booleans → 0/1, strings parsed as numeric literals
// (whitespace trimmed, "" → 0, hex/octal/binary, otherwise NaN), arrays
// through their string form, objects → NaN.
double toNumber(const QJsonValue &value);
// ToString: numbers as Number.prototype.toString(), arrays joined with ",",
// objects as "[object Object]", null as "null".
QString toString(const QJsonValue &value);
QString numberToString(double value);
// The global parseFloat(): the longest decimal prefix of the string form.
double parseFloat(const QJsonValue &value);
// ToIntegerOrInfinity.
double toInteger(const QJsonValue &value);

bool strictEquals(const QJsonValue &a, const QJsonValue &b);
bool looseEquals(const QJsonValue &a, const QJsonValue &b);
// a < b as the relational operators see it: nullopt where JavaScript's
// comparison is undefined (a NaN operand), which every operator takes as false.
std::optional<bool> lessThan(const QJsonValue &a, const QJsonValue &b);

} // namespace ow::cases::Internal::Js
