// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/canonicaljson.h"

#include "ow/core/tr.h"

#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

namespace ow::core {

namespace {

constexpr qint64 maxSafeInteger = (qint64(1) << 53);

class Writer
{
public:
    bool write(const QJsonValue &value);
    QByteArray m_out;
    QString m_error;

private:
    bool writeString(const QString &s);
    bool writeNumber(const QJsonValue &value);
};

bool Writer::write(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        m_out += "null";
        return true;
    case QJsonValue::Bool:
        m_out += value.toBool() ? "true" : "false";
        return true;
    case QJsonValue::Double:
        return writeNumber(value);
    case QJsonValue::String:
        return writeString(value.toString());
    case QJsonValue::Array: {
        m_out += '[';
        bool first = true;
        for (const QJsonValue &element : value.toArray()) {
            if (!first)
                m_out += ',';
            first = false;
            if (!write(element))
                return false;
        }
        m_out += ']';
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        // RFC 8785 §3.2.3 orders by UTF-16 code units; spelled out rather than
        // relying on the order QJsonObject happens to keep.
        std::sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
            return std::lexicographical_compare(a.utf16(), a.utf16() + a.size(), b.utf16(),
                                                b.utf16() + b.size());
        });
        m_out += '{';
        bool first = true;
        for (const QString &key : std::as_const(keys)) {
            if (!first)
                m_out += ',';
            first = false;
            if (!writeString(key))
                return false;
            m_out += ':';
            if (!write(object.value(key)))
                return false;
        }
        m_out += '}';
        return true;
    }
    case QJsonValue::Undefined:
        break;
    }
    m_error = Tr::tr("an undefined value cannot be written as JSON");
    return false;
}

bool Writer::writeString(const QString &s)
{
    static constexpr char hex[] = "0123456789abcdef";
    QString escaped;
    escaped.reserve(s.size() + 2);
    escaped += u'"';
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
            escaped += s[i];
            escaped += s[++i];
            continue;
        }
        if (QChar::isSurrogate(c)) {
            m_error = Tr::tr("a string contains an unpaired surrogate (U+%1), which JSON cannot carry")
                          .arg(int(c), 4, 16, QLatin1Char('0'));
            return false;
        }
        switch (c) {
        case u'"':
            escaped += QLatin1String("\\\"");
            break;
        case u'\\':
            escaped += QLatin1String("\\\\");
            break;
        case u'\b':
            escaped += QLatin1String("\\b");
            break;
        case u'\f':
            escaped += QLatin1String("\\f");
            break;
        case u'\n':
            escaped += QLatin1String("\\n");
            break;
        case u'\r':
            escaped += QLatin1String("\\r");
            break;
        case u'\t':
            escaped += QLatin1String("\\t");
            break;
        default:
            if (c < 0x20) {
                escaped += QLatin1String("\\u00");
                escaped += QLatin1Char(hex[c >> 4]);
                escaped += QLatin1Char(hex[c & 0xF]);
            } else {
                escaped += QChar(c);
            }
        }
    }
    escaped += u'"';
    m_out += escaped.toUtf8();
    return true;
}

bool Writer::writeNumber(const QJsonValue &value)
{
    // QJsonValue keeps integers as qint64; a double cannot hold all of them,
    // and a hash over a silently rounded number would sign the wrong value.
    if (value.toVariant().typeId() == QMetaType::LongLong) {
        const qint64 i = value.toInteger();
        if (i > maxSafeInteger || i < -maxSafeInteger) {
            m_error = Tr::tr("the integer %1 is too large for JSON numbers; store it as a string").arg(i);
            return false;
        }
    }
    const double d = value.toDouble();
    const auto text = CanonicalJson::formatNumber(d);
    if (!text) {
        m_error = Tr::tr("%1 is not a number JSON can represent").arg(d);
        return false;
    }
    m_out += *text;
    return true;
}

std::optional<QByteArray> run(const QJsonValue &value, QString *error)
{
    Writer writer;
    if (!writer.write(value)) {
        if (error)
            *error = writer.m_error;
        return std::nullopt;
    }
    return writer.m_out;
}

} // namespace

std::optional<QByteArray> CanonicalJson::toBytes(const QJsonValue &value, QString *error)
{
    return run(value, error);
}

std::optional<QByteArray> CanonicalJson::toBytes(const QJsonObject &object, QString *error)
{
    return run(QJsonValue(object), error);
}

std::optional<QByteArray> CanonicalJson::toBytes(const QJsonArray &array, QString *error)
{
    return run(QJsonValue(array), error);
}

std::optional<QByteArray> CanonicalJson::formatNumber(double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    if (value == 0)
        return QByteArray("0"); // also for -0, as ECMAScript does

    // Shortest digits that read back as the same double, e.g. "-1.5e-07".
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string_view text(buffer, std::size_t(result.ptr - buffer));
    const std::size_t e = text.find('e');
    QByteArray digits;
    for (char c : text.substr(0, e)) {
        if (c >= '0' && c <= '9')
            digits += c;
    }
    const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());

    // ECMA-262 Number::toString: k digits, decimal point after n of them.
    const int k = int(digits.size());
    const int n = exponent + 1;
    QByteArray out = value < 0 ? QByteArray("-") : QByteArray();
    if (k <= n && n <= 21) {
        out += digits + QByteArray(n - k, '0');
    } else if (0 < n && n <= 21) {
        out += digits.left(n) + '.' + digits.mid(n);
    } else if (-6 < n && n <= 0) {
        out += "0." + QByteArray(-n, '0') + digits;
    } else {
        out += digits.left(1);
        if (k > 1)
            out += '.' + digits.mid(1);
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += QByteArray::number(std::abs(n - 1));
    }
    return out;
}

} // namespace ow::core
