// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "jsonlogiccheck.h"

#include "ow/catalog/tr.h"

namespace ow::catalog::Internal {

namespace {

// The operators of the published JsonLogic specification.
const QSet<QString> &operators()
{
    static const QSet<QString> set = {
        QStringLiteral("var"),    QStringLiteral("missing"), QStringLiteral("missing_some"),
        QStringLiteral("if"),     QStringLiteral("?:"),      QStringLiteral("=="),
        QStringLiteral("==="),    QStringLiteral("!="),      QStringLiteral("!=="),
        QStringLiteral("!"),      QStringLiteral("!!"),      QStringLiteral("or"),
        QStringLiteral("and"),    QStringLiteral(">"),       QStringLiteral(">="),
        QStringLiteral("<"),      QStringLiteral("<="),      QStringLiteral("max"),
        QStringLiteral("min"),    QStringLiteral("+"),       QStringLiteral("-"),
        QStringLiteral("*"),      QStringLiteral("/"),       QStringLiteral("%"),
        QStringLiteral("map"),    QStringLiteral("filter"),  QStringLiteral("reduce"),
        QStringLiteral("all"),    QStringLiteral("none"),    QStringLiteral("some"),
        QStringLiteral("merge"),  QStringLiteral("in"),      QStringLiteral("cat"),
        QStringLiteral("substr"), QStringLiteral("log"),
    };
    return set;
}

// Operators whose later arguments run once per array element, with "var"
// reading that element (or "current"/"accumulator" for reduce).
bool isIterating(const QString &op)
{
    return op == QLatin1String("map") || op == QLatin1String("filter") || op == QLatin1String("reduce")
        || op == QLatin1String("all") || op == QLatin1String("none") || op == QLatin1String("some");
}

class Checker
{
public:
    Checker(const QStringList &formKeys, Problems &problems)
        : m_formKeys(formKeys)
        , m_problems(problems)
    { }

    void check(const QJsonValue &value, const QString &path, bool scoped)
    {
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                check(array.at(i), elementPath(path, i), scoped);
            return;
        }
        if (!value.isObject())
            return;
        const QJsonObject object = value.toObject();
        if (object.size() != 1) {
            m_problems.add(path,
                           Tr::tr("a JSONLogic operation must be an object with exactly one "
                                  "operator key, not %n key(s)",
                                  nullptr, int(object.size())));
            return;
        }
        const QString op = object.constBegin().key();
        const QJsonValue args = object.constBegin().value();
        const QString argsPath = memberPath(path, op);
        if (!operators().contains(op)) {
            m_problems.add(argsPath, Tr::tr("unknown JSONLogic operator \"%1\"").arg(op));
            return;
        }
        if (op == QLatin1String("var")) {
            checkVar(args, argsPath, scoped);
        } else if (op == QLatin1String("missing") || op == QLatin1String("missing_some")) {
            checkMissing(args, argsPath, scoped);
        } else if (isIterating(op)) {
            const QJsonArray array = args.toArray();
            if (!args.isArray() || array.size() < 2) {
                m_problems.add(argsPath,
                               Tr::tr("\"%1\" needs an array and a rule to apply to its elements").arg(op));
                return;
            }
            check(array.at(0), elementPath(argsPath, 0), scoped);
            for (qsizetype i = 1; i < array.size(); ++i)
                check(array.at(i), elementPath(argsPath, i), true);
        } else {
            check(args, argsPath, scoped);
        }
    }

private:
    void checkVar(const QJsonValue &args, const QString &path, bool scoped)
    {
        const bool isArray = args.isArray();
        const QJsonValue name = isArray ? args.toArray().at(0) : args;
        const QString namePath = isArray ? elementPath(path, 0) : path;
        if (isArray)
            check(args, path, scoped); // a computed name or default may be an operation
        if (name.isString() && !scoped)
            checkDataPath(name.toString(), namePath);
    }

    void checkMissing(const QJsonValue &args, const QString &path, bool scoped)
    {
        check(args, path, scoped);
        if (scoped)
            return;
        QJsonArray names = args.isArray() ? args.toArray() : QJsonArray {args};
        QString namesPath = path;
        // missing_some: [minimum, [names...]]
        if (names.size() == 2 && names.at(0).isDouble() && names.at(1).isArray()) {
            names = names.at(1).toArray();
            namesPath = elementPath(path, 1);
        }
        for (qsizetype i = 0; i < names.size(); ++i)
            if (names.at(i).isString())
                checkDataPath(names.at(i).toString(), args.isArray() ? elementPath(namesPath, i) : path);
    }

    void checkDataPath(const QString &name, const QString &path)
    {
        if (name.isEmpty())
            return; // the whole data object
        const QString root = name.section(QLatin1Char('.'), 0, 0);
        if (!ruleDataRoots().contains(root)) {
            m_problems.add(path,
                           Tr::tr("rules cannot read \"%1\"; data starts with one of: %2")
                               .arg(name, ruleDataRoots().join(QStringLiteral(", "))));
            return;
        }
        const QString key = name.section(QLatin1Char('.'), 1, 1);
        if (root == QLatin1String("form") && !key.isEmpty() && !m_formKeys.contains(key))
            m_problems.add(path, Tr::tr("\"%1\" is not a field of this item's form").arg(key));
    }

    const QStringList &m_formKeys;
    Problems &m_problems;
};

} // namespace

QStringList ruleDataRoots()
{
    return {QStringLiteral("form"),    QStringLiteral("applicant"), QStringLiteral("licences"),
            QStringLiteral("licence"), QStringLiteral("shared"),    QStringLiteral("materials"),
            QStringLiteral("today")};
}

void checkJsonLogic(const QJsonValue &logic, const QString &path, const QStringList &formKeys,
                    Problems &problems)
{
    Checker(formKeys, problems).check(logic, path, false);
}

} // namespace ow::catalog::Internal
