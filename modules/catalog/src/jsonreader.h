// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "enumkeys.h"
#include "ow/catalog/catalogloader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <climits>

namespace ow::catalog::Internal {

// Every problem of one load, in document order.
class Problems
{
public:
    void add(const QString &path, const QString &message) { m_list.append(Problem {path, message}); }
    bool isEmpty() const { return m_list.isEmpty(); }
    qsizetype size() const { return m_list.size(); }
    const QList<Problem> &list() const { return m_list; }

private:
    QList<Problem> m_list;
};

// `path.key`, or `path["key"]` for keys that are not identifiers (JSONLogic
// operators such as ">="); `key` alone at the top level.
QString memberPath(const QString &path, const QString &key);
QString elementPath(const QString &path, qsizetype index);
QString duplicateMessage(const QString &code, const QString &firstPath);

// Reports the second and later uses of one code in a list, naming the first.
class UniqueCodes
{
public:
    explicit UniqueCodes(Problems &problems)
        : m_problems(problems)
    { }
    void check(const QString &code, const QString &path)
    {
        if (code.isEmpty())
            return;
        const auto it = m_first.constFind(code);
        if (it != m_first.cend())
            m_problems.add(path, duplicateMessage(code, *it));
        else
            m_first.insert(code, path);
    }

private:
    Problems &m_problems;
    QHash<QString, QString> m_first;
};

enum class Presence { Required, Optional };

// Reads one JSON object member by member. Whatever is wrong is reported under
// the member's path and a harmless default is returned, so that reading goes
// on and every problem is found in one pass. finish() reports the members
// nobody asked for: a misspelt "legalDay" must not pass silently.
class ObjectReader
{
public:
    ObjectReader(const QJsonValue &value, const QString &path, Problems &problems);

    bool isObject() const { return m_isObject; }
    const QString &path() const { return m_path; }
    QString pathOf(const QString &key) const { return memberPath(m_path, key); }
    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue value(const QString &key);
    // True if the member is there; reports it missing if it is required.
    bool expect(const QString &key, Presence presence);

    // A non-empty string.
    QString string(const QString &key, Presence presence = Presence::Required);
    // A non-empty string matching `pattern`; `form` says in words what fits.
    QString code(const QString &key, const QRegularExpression &pattern, const QString &form,
                 Presence presence = Presence::Required);
    bool boolean(const QString &key, bool defaultValue);
    std::optional<int> integer(const QString &key, int minimum, int maximum = INT_MAX,
                               Presence presence = Presence::Required);
    std::optional<double> number(const QString &key);
    QJsonArray array(const QString &key, Presence presence = Presence::Required, bool nonEmpty = false);
    QStringList strings(const QString &key, Presence presence = Presence::Optional);

    template<typename E>
    std::optional<E> choice(const QString &key, Presence presence = Presence::Required)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined()) {
            if (presence == Presence::Required)
                missing(key);
            return std::nullopt;
        }
        const auto result = valueOf<E>(v.toString());
        if (!result)
            notOneOf(key, allKeys<E>());
        return result;
    }

    void finish();

private:
    void missing(const QString &key);
    void notOneOf(const QString &key, const QStringList &allowed);

    QJsonObject m_object;
    QString m_path;
    Problems &m_problems;
    QSet<QString> m_read;
    bool m_isObject = false;
};

} // namespace ow::catalog::Internal
