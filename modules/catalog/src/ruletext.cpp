// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/ruletext.h"

#include "ow/catalog/item.h"
#include "ow/catalog/tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow::catalog {

namespace {

class Describer
{
public:
    explicit Describer(const ServiceItem *item)
        : m_item(item)
    { }

    // `nested`: the caller combines the result with other terms, so a
    // conjunction or disjunction needs brackets to keep its meaning.
    QString describe(const QJsonValue &value, bool nested = false) const
    {
        if (value.isArray()) {
            QStringList parts;
            for (const QJsonValue &v : value.toArray())
                parts << describe(v, true);
            return QStringLiteral("[") + parts.join(Tr::tr(", ")) + QStringLiteral("]");
        }
        if (!value.isObject() || value.toObject().size() != 1)
            return literal(value);
        const QJsonObject object = value.toObject();
        const QString op = object.constBegin().key();
        const QJsonValue argValue = object.constBegin().value();
        const QJsonArray args = argValue.isArray() ? argValue.toArray() : QJsonArray {argValue};

        if (op == QLatin1String("var"))
            return variable(args.at(0));
        if (op == QLatin1String("and") || op == QLatin1String("or")) {
            QStringList parts;
            for (const QJsonValue &v : args)
                parts << describe(v, true);
            const QString word = op == QLatin1String("and") ? Tr::tr("and") : Tr::tr("or");
            const QString text = parts.join(QLatin1Char(' ') + word + QLatin1Char(' '));
            return nested && parts.size() > 1 ? QStringLiteral("(") + text + QStringLiteral(")") : text;
        }
        if (op == QLatin1String("!")) {
            // {"!": {"missing": [...]}} is how rules say "all of these are filled in".
            const QJsonObject inner = args.at(0).toObject();
            if (inner.size() == 1 && inner.contains(QStringLiteral("missing")))
                return Tr::tr("%1 all filled in").arg(dataNames(inner.value(QStringLiteral("missing"))));
            return Tr::tr("not (%1)").arg(describe(args.at(0)));
        }
        if (op == QLatin1String("!!")) {
            if (isMaterial(args.at(0)))
                return describe(args.at(0)); // already reads "… received"
            return Tr::tr("%1 is filled in").arg(describe(args.at(0), true));
        }
        if (const QString symbol = comparison(op); !symbol.isEmpty())
            return compare(args, symbol);
        if (op == QLatin1String("in")) {
            const QString haystack = args.at(1).isArray() ? describeChoices(args.at(0), args.at(1).toArray())
                                                          : describe(args.at(1), true);
            return Tr::tr("%1 is one of %2").arg(describe(args.at(0), true), haystack);
        }
        if (op == QLatin1String("missing") || op == QLatin1String("missing_some"))
            return Tr::tr("something missing among %1").arg(dataNames(argValue));
        if (op == QLatin1String("some") || op == QLatin1String("all") || op == QLatin1String("none")) {
            const QString list = describe(args.at(0), true);
            const QString condition = describe(args.at(1));
            if (op == QLatin1String("some"))
                return Tr::tr("at least one of %1 with %2").arg(list, condition);
            if (op == QLatin1String("all"))
                return Tr::tr("every one of %1 with %2").arg(list, condition);
            return Tr::tr("none of %1 with %2").arg(list, condition);
        }
        if (op == QLatin1String("if") && args.size() == 3)
            return Tr::tr("if %1 then %2, otherwise %3")
                .arg(describe(args.at(0)), describe(args.at(1)), describe(args.at(2)));
        if (op == QLatin1String("+") || op == QLatin1String("-") || op == QLatin1String("*")
            || op == QLatin1String("/") || op == QLatin1String("%")) {
            QStringList parts;
            for (const QJsonValue &v : args)
                parts << describe(v, true);
            const QString text = parts.join(QLatin1Char(' ') + op + QLatin1Char(' '));
            return nested ? QStringLiteral("(") + text + QStringLiteral(")") : text;
        }
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

private:
    static QString comparison(const QString &op)
    {
        if (op == QLatin1String("==") || op == QLatin1String("==="))
            return QStringLiteral("=");
        if (op == QLatin1String("!=") || op == QLatin1String("!=="))
            return QStringLiteral("≠");
        if (op == QLatin1String(">"))
            return QStringLiteral(">");
        if (op == QLatin1String(">="))
            return QStringLiteral("≥");
        if (op == QLatin1String("<"))
            return QStringLiteral("<");
        if (op == QLatin1String("<="))
            return QStringLiteral("≤");
        return {};
    }

    QString compare(const QJsonArray &args, const QString &symbol) const
    {
        QStringList parts;
        for (qsizetype i = 0; i < args.size(); ++i) {
            // A choice value next to its field reads better as its label.
            const FormField *field = i > 0 ? formField(args.at(i - 1)) : formField(args.at(1));
            if (field && args.at(i).isString())
                parts << QStringLiteral("“") + field->optionLabel(args.at(i).toString())
                        + QStringLiteral("”");
            else
                parts << describe(args.at(i), true);
        }
        return parts.join(QLatin1Char(' ') + symbol + QLatin1Char(' '));
    }

    QString describeChoices(const QJsonValue &subject, const QJsonArray &values) const
    {
        const FormField *field = formField(subject);
        QStringList parts;
        for (const QJsonValue &v : values)
            parts << (field && v.isString()
                          ? QStringLiteral("“") + field->optionLabel(v.toString()) + QStringLiteral("”")
                          : literal(v));
        return QStringLiteral("[") + parts.join(Tr::tr(", ")) + QStringLiteral("]");
    }

    // The names "missing" checks, as people read them.
    QString dataNames(const QJsonValue &names) const
    {
        QJsonArray list = names.isArray() ? names.toArray() : QJsonArray {names};
        if (list.size() == 2 && list.at(0).isDouble() && list.at(1).isArray()) // missing_some
            list = list.at(1).toArray();
        QStringList parts;
        for (const QJsonValue &name : std::as_const(list))
            parts << (name.isString() ? variable(name) : describe(name, true));
        return parts.join(Tr::tr(", "));
    }

    static bool isMaterial(const QJsonValue &value)
    {
        return value.toObject()
            .value(QStringLiteral("var"))
            .toString()
            .startsWith(QLatin1String("materials."));
    }

    // The item's field a {"var": "form.key"} reads, if any.
    const FormField *formField(const QJsonValue &value) const
    {
        if (!m_item || !value.isObject())
            return nullptr;
        const QJsonValue var = value.toObject().value(QStringLiteral("var"));
        const QString name = var.isArray() ? var.toArray().at(0).toString() : var.toString();
        if (!name.startsWith(QLatin1String("form.")))
            return nullptr;
        return m_item->field(name.mid(5));
    }

    QString variable(const QJsonValue &name) const
    {
        const QString path = name.toString();
        if (path.startsWith(QLatin1String("form.")) && m_item)
            if (const FormField *field = m_item->field(path.mid(5)))
                return QStringLiteral("「") + field->label + QStringLiteral("」");
        if (path.startsWith(QLatin1String("materials.")) && m_item)
            if (const Material *material = m_item->material(path.mid(10)))
                return Tr::tr("「%1」 received").arg(material->name);
        if (path == QLatin1String("applicant.age"))
            return Tr::tr("applicant's age");
        if (path == QLatin1String("licence.daysToExpiry"))
            return Tr::tr("days until the licence expires");
        if (path == QLatin1String("today"))
            return Tr::tr("today");
        return path.isEmpty() ? Tr::tr("the element") : path;
    }

    static QString literal(const QJsonValue &value)
    {
        if (value.isString())
            return QStringLiteral("“") + value.toString() + QStringLiteral("”");
        if (value.isBool())
            return value.toBool() ? Tr::tr("true") : Tr::tr("false");
        if (value.isNull())
            return Tr::tr("empty");
        if (value.isDouble())
            return QString::number(value.toDouble());
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }

    const ServiceItem *m_item;
};

} // namespace

QString describeRule(const QJsonValue &logic, const ServiceItem *item)
{
    return Describer(item).describe(logic);
}

} // namespace ow::catalog
