// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "rulecommands.h"

#include <ow/cases/jsonlogic.h>
#include <ow/cases/ruleset.h>

#include <QFile>

#include <optional>

namespace ow::admin {

namespace {

using cases::JsonLogic;

class EvalRuleCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("eval-rule"); }
    QString summary() const override
    {
        return Tr::tr(
            "Evaluate a JsonLogic rule or a smart-approval rule set against data and print the result "
            "as JSON (@FILE reads the JSON from a file)");
    }
    QString usage() const override { return QStringLiteral("RULE_JSON DATA_JSON"); }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        if (arguments.size() == 1
            && (arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h"))) {
            out << Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage()) << '\n' << summary() << '\n';
            return Success;
        }
        // No other options: a JSON argument may well start with '-' (-1).
        if (arguments.size() != 2) {
            err << Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage()) << '\n';
            return Usage;
        }
        QString error;
        const auto rule = readJson(arguments.at(0), &error);
        if (!rule) {
            err << Tr::tr("Invalid rule: %1").arg(error) << '\n';
            return Invalid;
        }
        const auto data = readJson(arguments.at(1), &error);
        if (!data) {
            err << Tr::tr("Invalid data: %1").arg(error) << '\n';
            return Invalid;
        }

        if (cases::RuleSet::looksLikeRuleSet(*rule)) {
            const auto set = cases::RuleSet::fromJson(*rule, &error);
            if (!set) {
                err << Tr::tr("Invalid rule set: %1").arg(error) << '\n';
                return Invalid;
            }
            out << QString::fromUtf8(JsonLogic::toJson(set->evaluate(*data).toJson())) << '\n';
            return Success;
        }
        const JsonLogic::Result result = JsonLogic::evaluate(*rule, *data);
        if (!result.isValid()) {
            err << Tr::tr("Invalid rule: %1").arg(result.error) << '\n';
            return Invalid;
        }
        // Like console.log in other engines: beside the result, never in it.
        for (const QJsonValue &logged : result.logged)
            err << "log: " << QString::fromUtf8(JsonLogic::toJson(logged)) << '\n';
        out << QString::fromUtf8(JsonLogic::toJson(result.value)) << '\n';
        return Success;
    }

private:
    // JSON text, or "@path" for a file's contents (JSON never starts with '@').
    static std::optional<QJsonValue> readJson(const QString &argument, QString *error)
    {
        if (!argument.startsWith(QLatin1Char('@')))
            return JsonLogic::parseJson(argument.toUtf8(), error);
        QFile file(argument.mid(1));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = Tr::tr("cannot read %1: %2").arg(file.fileName(), file.errorString());
            return std::nullopt;
        }
        return JsonLogic::parseJson(file.readAll(), error);
    }
};

} // namespace

void addRuleCommands(Commands &commands)
{
    commands.push_back(std::make_unique<EvalRuleCommand>());
}

} // namespace ow::admin
