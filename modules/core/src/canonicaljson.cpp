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
    explicit Writer(QByteArray &out)
        : m_out(out)
    { }
    bool write(const QJsonValue &value);
    bool writeString(QStringView s);
    QString m_error;

private:
    bool writeObject(const QJsonObject &object);
    bool writeNumber(const QJsonValue &value);

    QByteArray &m_out;
};

// RFC 8785 §3.2.3 orders member names by their UTF-16 code units.
bool codeUnitsBefore(QStringView a, QStringView b)
{
    return std::lexicographical_compare(a.utf16(), a.utf16() + a.size(), b.utf16(), b.utf16() + b.size());
}

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
    case QJsonValue::Object:
        return writeObject(value.toObject());
    case QJsonValue::Undefined:
        break;
    }
    m_error = Tr::tr("an undefined value cannot be written as JSON");
    return false;
}

bool Writer::writeObject(const QJsonObject &object)
{
    // QJsonObject keeps its members sorted, but by its own comparison: the order is
    // checked, not assumed, and the members sorted here only if it differs.
    QList<QJsonObject::const_iterator> members;
    members.reserve(object.size());
    bool sorted = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!members.isEmpty() && !codeUnitsBefore(members.constLast().key(), it.key()))
            sorted = false;
        members.append(it);
    }
    if (!sorted) {
        std::sort(members.begin(), members.end(),
                  [](const QJsonObject::const_iterator &a, const QJsonObject::const_iterator &b) {
                      return codeUnitsBefore(a.key(), b.key());
                  });
    }
    m_out += '{';
    bool first = true;
    for (const QJsonObject::const_iterator &member : std::as_const(members)) {
        if (!first)
            m_out += ',';
        first = false;
        if (!writeString(member.key()))
            return false;
        m_out += ':';
        if (!write(member.value()))
            return false;
    }
    m_out += '}';
    return true;
}

bool Writer::writeString(QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    // Written through a pointer into room for the longest outcome (six bytes per
    // control character), then cut to what was written: an event's strings are
    // most of its bytes, and this runs for every event a server receives.
    const qsizetype start = m_out.size();
    m_out.resize(start + s.size() * 6 + 2);
    char *out = m_out.data() + start;
    *out++ = '"';
    const char16_t *const end = s.utf16() + s.size();
    for (const char16_t *at = s.utf16(); at != end; ++at) {
        const char16_t c = *at;
        if (c >= 0x20 && c < 0x80) {
            if (c == u'"' || c == u'\\')
                *out++ = '\\';
            *out++ = char(c);
        } else if (c < 0x20) {
            *out++ = '\\';
            switch (c) {
            case u'\b':
                *out++ = 'b';
                break;
            case u'\f':
                *out++ = 'f';
                break;
            case u'\n':
                *out++ = 'n';
                break;
            case u'\r':
                *out++ = 'r';
                break;
            case u'\t':
                *out++ = 't';
                break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = hex[c >> 4];
                *out++ = hex[c & 0xF];
            }
        } else if (c < 0x800) {
            *out++ = char(0xC0 | (c >> 6));
            *out++ = char(0x80 | (c & 0x3F));
        } else if (!QChar::isSurrogate(c)) {
            *out++ = char(0xE0 | (c >> 12));
            *out++ = char(0x80 | ((c >> 6) & 0x3F));
            *out++ = char(0x80 | (c & 0x3F));
        } else if (QChar::isHighSurrogate(c) && at + 1 != end && QChar::isLowSurrogate(at[1])) {
            const char32_t u = QChar::surrogateToUcs4(c, at[1]);
            ++at;
            *out++ = char(0xF0 | (u >> 18));
            *out++ = char(0x80 | ((u >> 12) & 0x3F));
            *out++ = char(0x80 | ((u >> 6) & 0x3F));
            *out++ = char(0x80 | (u & 0x3F));
        } else {
            m_out.truncate(start);
            m_error = Tr::tr("a string contains an unpaired surrogate (U+%1), which JSON cannot carry")
                          .arg(int(c), 4, 16, QLatin1Char('0'));
            return false;
        }
    }
    *out++ = '"';
    m_out.truncate(out - m_out.constData());
    return true;
}

bool Writer::writeNumber(const QJsonValue &value)
{
    const double d = value.toDouble();
    // QJsonValue keeps integers as qint64; a double cannot hold all of them,
    // and a hash over a silently rounded number would sign the wrong value.
    // Only an integer that reads as a double of 2^53 or more can be one.
    if (std::abs(d) >= double(maxSafeInteger) && value.toVariant().typeId() == QMetaType::LongLong) {
        const qint64 i = value.toInteger();
        if (i > maxSafeInteger || i < -maxSafeInteger) {
            m_error = Tr::tr("the integer %1 is too large for JSON numbers; store it as a string").arg(i);
            return false;
        }
    }
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
    QByteArray out;
    Writer writer(out);
    if (!writer.write(value)) {
        if (error)
            *error = writer.m_error;
        return std::nullopt;
    }
    return out;
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

bool CanonicalJson::append(QByteArray &out, const QJsonValue &value, QString *error)
{
    Writer writer(out);
    if (writer.write(value))
        return true;
    if (error)
        *error = writer.m_error;
    return false;
}

bool CanonicalJson::appendString(QByteArray &out, QStringView text, QString *error)
{
    Writer writer(out);
    if (writer.writeString(text))
        return true;
    if (error)
        *error = writer.m_error;
    return false;
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
