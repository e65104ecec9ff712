// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "stockcommands.h"

#include "directorycommands.h"

#include <ow/server/serverconfig.h>
#include <ow/server/stockranges.h>

#include <QCommandLineParser>

namespace ow::admin {

namespace {

class StockIssueCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("stock-issue"); }
    QString summary() const override
    {
        return Tr::tr(
            "Issue a range of pre-printed certificate paper serials to an office (serial = prefix and "
            "the number zero-padded to the width, 7 unless given); a range overlapping one with the "
            "same prefix is refused");
    }
    QString usage() const override
    {
        return QStringLiteral("--office CODE --prefix P --first N --last M [--type T] [--width W] "
                              "(--central-data-dir DIR | --database postgresql://…)");
    }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        const QString usageLine = Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage());
        QCommandLineParser parser;
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        addServerDatabaseOptions(parser);
        for (const char *option : {"office", "prefix", "first", "last", "type", "width"})
            parser.addOption(
                QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("VALUE")));
        if (!parser.parse(QStringList {name()} + arguments)) {
            err << parser.errorText() << '\n' << usageLine << '\n';
            return Usage;
        }
        if (!parser.positionalArguments().isEmpty() || !parser.isSet(QStringLiteral("office"))
            || !parser.isSet(QStringLiteral("prefix")) || !parser.isSet(QStringLiteral("first"))
            || !parser.isSet(QStringLiteral("last"))) {
            err << usageLine << '\n';
            return Usage;
        }
        const auto config = serverDatabaseConfig(parser);
        if (!config) {
            err << Tr::tr("Give the server database with either --central-data-dir DIR or --database "
                          "postgresql://USER:PASSWORD@HOST:PORT/DB.")
                << '\n';
            return Usage;
        }
        server::StockRanges::Range range;
        range.office = parser.value(QStringLiteral("office"));
        range.prefix = parser.value(QStringLiteral("prefix"));
        range.certificateType = parser.value(QStringLiteral("type"));
        bool ok = true;
        const auto number = [&](const QString &option) {
            bool valid = false;
            const qint64 value = parser.value(option).toLongLong(&valid);
            if (!valid) {
                err << Tr::tr("--%1: \"%2\" is not a whole number.").arg(option, parser.value(option))
                    << '\n';
                ok = false;
            }
            return value;
        };
        range.first = number(QStringLiteral("first"));
        range.last = ok ? number(QStringLiteral("last")) : 0;
        if (ok && parser.isSet(QStringLiteral("width")))
            range.width = int(number(QStringLiteral("width")));
        if (!ok)
            return Invalid;

        server::StockRanges stock;
        QString error;
        if (!stock.open(*config, &error)) {
            err << error << '\n';
            return Failure;
        }
        switch (stock.issue(range, &error)) {
        case server::StockRanges::Outcome::Issued:
            out << Tr::tr("Issued stock serials %1 to %2 (%3 sheets) to office %4.")
                       .arg(range.firstSerial, range.lastSerial)
                       .arg(range.last - range.first + 1)
                       .arg(range.office)
                << '\n';
            return Success;
        case server::StockRanges::Outcome::Invalid:
        case server::StockRanges::Outcome::Overlap:
            err << error << '\n';
            return Invalid;
        case server::StockRanges::Outcome::Failed:
            break;
        }
        err << error << '\n';
        return Failure;
    }
};

} // namespace

void addStockCommands(Commands &commands)
{
    commands.push_back(std::make_unique<StockIssueCommand>());
}

} // namespace ow::admin
