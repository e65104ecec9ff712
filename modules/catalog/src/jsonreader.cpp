// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "jsonreader.h"

#include "ow/catalog/tr.h"

#include <cmath>

namespace ow::catalog::Internal {

QString memberPath(const QString &path, const QString &key)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    if (!identifier.match(key).hasMatch())
        return path + QStringLiteral("[\"") + key + QStringLiteral("\"]");
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString elementPath(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString duplicateMessage(const QString &code, const QString &firstPath)
{
    return Tr::tr("duplicate \"%1\" (first at %2)").arg(code, firstPath);
}

ObjectReader::ObjectReader(const QJsonValue &value, const QString &path, Problems &problems)
    : m_object(value.toObject())
    , m_path(path)
    , m_problems(problems)
    , m_isObject(value.isObject())
{
    if (!m_isObject)
        m_problems.add(path.isEmpty() ? QStringLiteral("$") : path, Tr::tr("must be an object"));
}

QJsonValue ObjectReader::value(const QString &key)
{
    m_read.insert(key);
    return m_object.value(key);
}

bool ObjectReader::expect(const QString &key, Presence presence)
{
    m_read.insert(key);
    if (m_object.contains(key))
        return true;
    if (presence == Presence::Required)
        missing(key);
    return false;
}

void ObjectReader::missing(const QString &key)
{
    // A member of something that is not an object at all: that one problem
    // was reported, its consequences are not news.
    if (!m_isObject)
        return;
    m_problems.add(pathOf(key), Tr::tr("missing"));
}

void ObjectReader::notOneOf(const QString &key, const QStringList &allowed)
{
    m_problems.add(pathOf(key), Tr::tr("must be one of: %1").arg(allowed.join(QStringLiteral(", "))));
}

QString ObjectReader::string(const QString &key, Presence presence)
{
    const QJsonValue v = value(key);
    if (v.isUndefined()) {
        if (presence == Presence::Required)
            missing(key);
        return {};
    }
    const QString s = v.toString().trimmed();
    if (!v.isString() || s.isEmpty())
        m_problems.add(pathOf(key), Tr::tr("must be a non-empty string"));
    return s;
}

QString ObjectReader::code(const QString &key, const QRegularExpression &pattern, const QString &form,
                           Presence presence)
{
    const bool present = m_object.contains(key);
    const QString s = string(key, presence);
    if (present && !s.isEmpty() && !pattern.match(s).hasMatch())
        m_problems.add(pathOf(key), Tr::tr("\"%1\" is not valid: %2").arg(s, form));
    return s;
}

bool ObjectReader::boolean(const QString &key, bool defaultValue)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return defaultValue;
    if (!v.isBool()) {
        m_problems.add(pathOf(key), Tr::tr("must be true or false"));
        return defaultValue;
    }
    return v.toBool();
}

std::optional<int> ObjectReader::integer(const QString &key, int minimum, int maximum, Presence presence)
{
    const QJsonValue v = value(key);
    if (v.isUndefined()) {
        if (presence == Presence::Required)
            missing(key);
        return std::nullopt;
    }
    const double d = v.toDouble(std::nan(""));
    if (v.isDouble() && std::floor(d) == d && d >= minimum && d <= maximum)
        return static_cast<int>(d);
    QString message;
    if (minimum == 1 && maximum == INT_MAX)
        message = Tr::tr("must be a positive integer");
    else if (minimum == 0 && maximum == INT_MAX)
        message = Tr::tr("must be a non-negative integer");
    else
        message = Tr::tr("must be an integer from %1 to %2").arg(minimum).arg(maximum);
    m_problems.add(pathOf(key), message);
    return std::nullopt;
}

std::optional<double> ObjectReader::number(const QString &key)
{
    const QJsonValue v = value(key);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isDouble()) {
        m_problems.add(pathOf(key), Tr::tr("must be a number"));
        return std::nullopt;
    }
    return v.toDouble();
}

QJsonArray ObjectReader::array(const QString &key, Presence presence, bool nonEmpty)
{
    const QJsonValue v = value(key);
    if (v.isUndefined()) {
        if (presence == Presence::Required)
            missing(key);
        return {};
    }
    if (!v.isArray()) {
        m_problems.add(pathOf(key), Tr::tr("must be an array"));
        return {};
    }
    if (nonEmpty && v.toArray().isEmpty())
        m_problems.add(pathOf(key), Tr::tr("must not be empty"));
    return v.toArray();
}

QStringList ObjectReader::strings(const QString &key, Presence presence)
{
    const QJsonArray values = array(key, presence);
    QStringList result;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString s = values.at(i).toString().trimmed();
        if (!values.at(i).isString() || s.isEmpty())
            m_problems.add(elementPath(pathOf(key), i), Tr::tr("must be a non-empty string"));
        else
            result << s;
    }
    return result;
}

void ObjectReader::finish()
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        // "$schema" and "$comment" are for editors and authors, not for us.
        if (!m_read.contains(it.key()) && !it.key().startsWith(QLatin1Char('$')))
            m_problems.add(pathOf(it.key()), Tr::tr("unknown member"));
    }
}

} // namespace ow::catalog::Internal
