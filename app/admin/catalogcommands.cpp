// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "catalogcommands.h"

#include <ow/catalog/catalogloader.h>
#include <ow/catalog/guide.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ow::admin {

namespace {

using catalog::CatalogLoader;
using catalog::LoadResult;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

class ValidateCatalogCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("validate-catalog"); }
    QString summary() const override
    {
        return Tr::tr("Check a service catalogue document and list every problem with its JSON path");
    }
    QString usage() const override { return QStringLiteral("FILE"); }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        if (arguments == QStringList {QStringLiteral("--help")}) {
            out << usageLine(*this) << '\n' << summary() << '\n';
            return Success;
        }
        if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-'))) {
            err << usageLine(*this) << '\n';
            return Usage;
        }
        const QString fileName = arguments.first();
        if (!QFileInfo(fileName).isReadable()) {
            err << Tr::tr("Cannot read %1.").arg(nativePath(fileName)) << '\n';
            return Failure;
        }
        const LoadResult result = CatalogLoader::loadFile(fileName);
        if (!result.isValid()) {
            for (const catalog::Problem &problem : result.problems)
                out << problem.toString() << '\n';
            err << Tr::tr("%1: %n problem(s) found.", nullptr, int(result.problems.size()))
                       .arg(nativePath(fileName))
                << '\n';
            return Invalid;
        }
        const catalog::Catalog &c = *result.catalog;
        out << Tr::tr("Catalogue version %1 (published %2) is valid: %3 items, %4 bundles, %5 departments.")
                   .arg(c.version(), c.publishedAt().toString(Qt::ISODate))
                   .arg(c.items().size())
                   .arg(c.bundles().size())
                   .arg(c.departments().size())
            << '\n';
        return Success;
    }
};

class RenderGuideCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("render-guide"); }
    QString summary() const override
    {
        return Tr::tr(
            "Render an item's service guide (or, with --manual, the staff manual) as PDF and/or HTML; "
            "the embedded demo catalogue unless --catalog is given");
    }
    QString usage() const override
    {
        return QStringLiteral("ITEM_CODE --pdf FILE [--manual] [--html FILE] [--catalog FILE]");
    }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        QCommandLineParser parser;
        parser.addOption(QCommandLineOption(QStringLiteral("manual")));
        parser.addOption(QCommandLineOption(QStringLiteral("pdf"), QString(), QStringLiteral("FILE")));
        parser.addOption(QCommandLineOption(QStringLiteral("html"), QString(), QStringLiteral("FILE")));
        parser.addOption(QCommandLineOption(QStringLiteral("catalog"), QString(), QStringLiteral("FILE")));
        if (const auto done = parseCommandLine(*this, parser, arguments, out, err))
            return *done;
        const QString pdf = parser.value(QStringLiteral("pdf"));
        const QString html = parser.value(QStringLiteral("html"));
        if (parser.positionalArguments().size() != 1 || (pdf.isEmpty() && html.isEmpty())) {
            err << usageLine(*this) << '\n';
            return Usage;
        }

        const QString catalogFile = parser.value(QStringLiteral("catalog"));
        if (!catalogFile.isEmpty() && !QFileInfo(catalogFile).isReadable()) {
            err << Tr::tr("Cannot read %1.").arg(nativePath(catalogFile)) << '\n';
            return Failure;
        }
        const LoadResult result
            = catalogFile.isEmpty() ? CatalogLoader::loadDemo() : CatalogLoader::loadFile(catalogFile);
        if (!result.isValid()) {
            err << Tr::tr("The catalogue has %n problem(s); run validate-catalog for the list.", nullptr,
                          int(result.problems.size()))
                << '\n';
            return Invalid;
        }
        const QString code = parser.positionalArguments().first();
        const catalog::ServiceItem *item = result.catalog->item(code);
        if (!item) {
            err << Tr::tr("No item %1 in catalogue version %2.").arg(code, result.catalog->version()) << '\n';
            return Invalid;
        }

        const auto kind
            = parser.isSet(QStringLiteral("manual")) ? catalog::GuideKind::Manual : catalog::GuideKind::Guide;
        if (!html.isEmpty()) {
            QFile file(html);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
                || file.write(catalog::Guide::html(*result.catalog, *item, kind).toUtf8()) < 0
                || !file.flush()) {
                err << Tr::tr("Cannot write %1: %2").arg(nativePath(html), file.errorString()) << '\n';
                return Failure;
            }
            out << Tr::tr("Wrote %1").arg(nativePath(html)) << '\n';
        }
        if (!pdf.isEmpty()) {
            QString error;
            if (!catalog::Guide::writePdf(*result.catalog, *item, kind, pdf, &error)) {
                err << error << '\n';
                return Failure;
            }
            out << Tr::tr("Wrote %1").arg(nativePath(pdf)) << '\n';
        }
        return Success;
    }
};

} // namespace

void addCatalogCommands(Commands &commands)
{
    commands.push_back(std::make_unique<ValidateCatalogCommand>());
    commands.push_back(std::make_unique<RenderGuideCommand>());
}

bool needsGuiApplication(int argc, char *argv[])
{
    int command = 1;
    if (argc > 2 && qstrcmp(argv[1], "--lang") == 0)
        command = 3;
    return command < argc && qstrncmp(argv[command], "render-", 7) == 0;
}

} // namespace ow::admin
