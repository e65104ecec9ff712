// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "jsvalue.h"

#include <ow/core/canonicaljson.h>

#include <QJsonArray>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace ow::cases::Internal::Js {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

enum class Kind { Undefined, Null, Boolean, Number, String, Object };

Kind kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return Kind::Null;
    case QJsonValue::Bool:
        return Kind::Boolean;
    case QJsonValue::Double:
        return Kind::Number;
    case QJsonValue::String:
        return Kind::String;
    case QJsonValue::Array:
    case QJsonValue::Object:
        return Kind::Object;
    case QJsonValue::Undefined:
        break;
    }
    return Kind::Undefined;
}

// WhiteSpace and LineTerminator of ECMA-262 §12.2/§12.3; QChar::isSpace()
// differs (it includes U+0085 and lacks U+FEFF).
bool isJsWhitespace(char16_t c)
{
    switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

QStringView trimLeft(QStringView s)
{
    qsizetype i = 0;
    while (i < s.size() && isJsWhitespace(s.at(i).unicode()))
        ++i;
    return s.mid(i);
}

QStringView trim(QStringView s)
{
    s = trimLeft(s);
    qsizetype end = s.size();
    while (end > 0 && isJsWhitespace(s.at(end - 1).unicode()))
        --end;
    return s.left(end);
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Length of the longest StrDecimalLiteral without sign or "Infinity" at the
// start of `s` (digits, optional fraction, optional exponent); 0 if none.
qsizetype decimalPrefixLength(QStringView s)
{
    qsizetype i = 0;
    qsizetype digits = 0;
    while (i < s.size() && isDigit(s.at(i))) {
        ++i;
        ++digits;
    }
    if (i < s.size() && s.at(i) == QLatin1Char('.')) {
        qsizetype j = i + 1;
        while (j < s.size() && isDigit(s.at(j))) {
            ++j;
            ++digits;
        }
        if (digits > 0)
            i = j;
    }
    if (digits == 0)
        return 0;
    if (i < s.size() && (s.at(i) == QLatin1Char('e') || s.at(i) == QLatin1Char('E'))) {
        qsizetype j = i + 1;
        if (j < s.size() && (s.at(j) == QLatin1Char('+') || s.at(j) == QLatin1Char('-')))
            ++j;
        const qsizetype expStart = j;
        while (j < s.size() && isDigit(s.at(j)))
            ++j;
        if (j > expStart)
            i = j;
    }
    return i;
}

// Converts a literal accepted by decimalPrefixLength() (ASCII only), without
// the locale dependence of strtod().
double parseDecimal(QStringView literal, bool negative)
{
    const std::string text = literal.toLatin1().toStdString();
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    Q_UNUSED(end)
    if (ec == std::errc::result_out_of_range) {
        // Beyond double's range: overflow or underflow, decided by the decimal
        // exponent of the first significant digit.
        const qsizetype ePos = literal.indexOf(QLatin1Char('e'), 0, Qt::CaseInsensitive);
        const QStringView mantissa = ePos < 0 ? literal : literal.left(ePos);
        long long exponent = 0;
        if (ePos >= 0) {
            bool ok = false;
            exponent = literal.mid(ePos + 1).toLongLong(&ok);
            if (!ok) // too many digits for a long long: only the sign matters
                exponent = literal.mid(ePos + 1).startsWith(QLatin1Char('-')) ? -(1LL << 40) : (1LL << 40);
        }
        const qsizetype point = mantissa.indexOf(QLatin1Char('.'));
        const QStringView integerPart = point < 0 ? mantissa : mantissa.left(point);
        long long magnitude = 0;
        for (QChar c : integerPart) {
            if (c != QLatin1Char('0') || magnitude > 0)
                ++magnitude;
        }
        if (magnitude == 0 && point >= 0) {
            const QStringView fraction = mantissa.mid(point + 1);
            qsizetype zeros = 0;
            while (zeros < fraction.size() && fraction.at(zeros) == QLatin1Char('0'))
                ++zeros;
            magnitude = -zeros;
        }
        value = magnitude + exponent > 0 ? infinity : 0.0;
    }
    return negative ? -value : value;
}

double parseRadix(QStringView digits, int radix)
{
    if (digits.isEmpty())
        return nan;
    double value = 0;
    for (QChar c : digits) {
        const char16_t u = c.toLower().unicode();
        const int digit = (u >= '0' && u <= '9') ? u - '0' : (u >= 'a' && u <= 'z') ? u - 'a' + 10 : radix;
        if (digit < 0 || digit >= radix)
            return nan;
        value = value * radix + digit;
    }
    return value;
}

double stringToNumber(QStringView text)
{
    const QStringView s = trim(text);
    if (s.isEmpty())
        return 0;
    if (s.size() > 2 && s.at(0) == QLatin1Char('0')) {
        const QChar prefix = s.at(1).toLower();
        if (prefix == QLatin1Char('x'))
            return parseRadix(s.mid(2), 16);
        if (prefix == QLatin1Char('o'))
            return parseRadix(s.mid(2), 8);
        if (prefix == QLatin1Char('b'))
            return parseRadix(s.mid(2), 2);
    }
    const bool negative = s.startsWith(QLatin1Char('-'));
    const QStringView unsignedPart = (negative || s.startsWith(QLatin1Char('+'))) ? s.mid(1) : s;
    if (unsignedPart == QLatin1String("Infinity"))
        return negative ? -infinity : infinity;
    const qsizetype length = decimalPrefixLength(unsignedPart);
    if (length == 0 || length != unsignedPart.size())
        return nan;
    return parseDecimal(unsignedPart, negative);
}

// ToPrimitive for JSON values: arrays and objects become their string form.
QJsonValue toPrimitive(const QJsonValue &value)
{
    return kindOf(value) == Kind::Object ? QJsonValue(toString(value)) : value;
}

} // namespace

bool truthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d != 0 && !std::isnan(d);
    }
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return true;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

double toNumber(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return 0;
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double:
        return value.toDouble();
    case QJsonValue::String:
        return stringToNumber(value.toString());
    case QJsonValue::Array:
        return stringToNumber(toString(value));
    case QJsonValue::Object:
    case QJsonValue::Undefined:
        break;
    }
    return nan;
}

QString numberToString(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QString::fromLatin1(core::CanonicalJson::formatNumber(value).value_or(QByteArray()));
}

QString toString(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return numberToString(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        // Array.prototype.join: null and undefined elements are empty.
        QString joined;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                joined += QLatin1Char(',');
            const QJsonValue element = array.at(i);
            if (!element.isNull() && !element.isUndefined())
                joined += toString(element);
        }
        return joined;
    }
    case QJsonValue::Object:
        return QStringLiteral("[object Object]");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

double parseFloat(const QJsonValue &value)
{
    const QString text = toString(value);
    const QStringView s = trimLeft(text);
    const bool negative = s.startsWith(QLatin1Char('-'));
    const QStringView unsignedPart = (negative || s.startsWith(QLatin1Char('+'))) ? s.mid(1) : s;
    if (unsignedPart.startsWith(QLatin1String("Infinity")))
        return negative ? -infinity : infinity;
    const qsizetype length = decimalPrefixLength(unsignedPart);
    if (length == 0)
        return nan;
    return parseDecimal(unsignedPart.left(length), negative);
}

double toInteger(const QJsonValue &value)
{
    const double d = toNumber(value);
    if (std::isnan(d))
        return 0;
    return std::trunc(d);
}

bool strictEquals(const QJsonValue &a, const QJsonValue &b)
{
    const Kind kind = kindOf(a);
    if (kind != kindOf(b))
        return false;
    switch (kind) {
    case Kind::Undefined:
    case Kind::Null:
        return true;
    case Kind::Boolean:
        return a.toBool() == b.toBool();
    case Kind::Number:
        return a.toDouble() == b.toDouble(); // NaN unequal, +0 == -0
    case Kind::String:
        return a.toString() == b.toString();
    case Kind::Object:
        break;
    }
    return false;
}

// IsLooselyEqual, ECMA-262 §7.2.14.
bool looseEquals(const QJsonValue &a, const QJsonValue &b)
{
    const Kind ka = kindOf(a);
    const Kind kb = kindOf(b);
    if (ka == kb)
        return strictEquals(a, b);
    const auto nullish = [](Kind k) {
        return k == Kind::Null || k == Kind::Undefined;
    };
    if (nullish(ka) || nullish(kb))
        return nullish(ka) && nullish(kb);
    if (ka == Kind::Number && kb == Kind::String)
        return a.toDouble() == toNumber(b);
    if (ka == Kind::String && kb == Kind::Number)
        return toNumber(a) == b.toDouble();
    if (ka == Kind::Boolean)
        return looseEquals(QJsonValue(toNumber(a)), b);
    if (kb == Kind::Boolean)
        return looseEquals(a, QJsonValue(toNumber(b)));
    if (ka == Kind::Object)
        return looseEquals(toPrimitive(a), b);
    if (kb == Kind::Object)
        return looseEquals(a, toPrimitive(b));
    return false;
}

// IsLessThan, ECMA-262 §7.2.13.
std::optional<bool> lessThan(const QJsonValue &a, const QJsonValue &b)
{
    const QJsonValue pa = toPrimitive(a);
    const QJsonValue pb = toPrimitive(b);
    if (pa.isString() && pb.isString())
        return pa.toString() < pb.toString(); // UTF-16 code units, as JavaScript
    const double na = toNumber(pa);
    const double nb = toNumber(pb);
    if (std::isnan(na) || std::isnan(nb))
        return std::nullopt;
    return na < nb;
}

} // namespace ow::cases::Internal::Js
