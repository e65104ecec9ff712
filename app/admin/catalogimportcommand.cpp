// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "catalogimportcommand.h"
#include "directorycommands.h"

#include <ow/catalog/catalogloader.h>
#include <ow/server/directory.h>
#include <ow/server/serverconfig.h>
#include <ow/storage/store.h>
#include <ow/storage/syncstaterepository.h>

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace ow::admin {

namespace {

class ImportCatalogCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import-catalog"); }
    QString summary() const override
    {
        return Tr::tr("Validate a service catalogue and keep it in a workstation store (--data-dir) or in the "
                      "central server's database, which hands it to every workstation; cases accepted from "
                      "now on refer to its version. An invalid catalogue changes nothing");
    }
    QString usage() const override
    {
        return QStringLiteral("FILE (--data-dir DIR | --central-data-dir DIR | --database postgresql://…)");
    }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        QCommandLineParser parser;
        parser.addOption(QCommandLineOption(QStringLiteral("data-dir"), QString(), QStringLiteral("DIR")));
        addServerDatabaseOptions(parser);
        const QString usageLine = Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage());
        if (!parser.parse(QStringList{name()} + arguments) || parser.positionalArguments().size() != 1) {
            err << usageLine << '\n';
            return Usage;
        }
        const bool toStore = parser.isSet(QStringLiteral("data-dir"));
        const auto serverConfig = serverDatabaseConfig(parser);
        if (toStore == serverConfig.has_value()) {
            err << usageLine << '\n';
            return Usage;
        }
        const QString fileName = parser.positionalArguments().first();
        if (!QFileInfo(fileName).isReadable()) {
            err << Tr::tr("Cannot read %1.").arg(QDir::toNativeSeparators(fileName)) << '\n';
            return Failure;
        }
        // Validate completely before the store is touched: a broken catalogue is never partly imported.
        const catalog::LoadResult loaded = catalog::CatalogLoader::loadFile(fileName);
        if (!loaded.isValid()) {
            for (const catalog::Problem &problem : loaded.problems)
                out << problem.toString() << '\n';
            err << Tr::tr("%1: %n problem(s) found; nothing was imported.", nullptr,
                          int(loaded.problems.size()))
                       .arg(QDir::toNativeSeparators(fileName))
                << '\n';
            return Invalid;
        }
        const catalog::Catalog &catalogue = *loaded.catalog;
        if (serverConfig)
            return importIntoServer(*serverConfig, catalogue, out, err);

        storage::StoreStatus status;
        const auto store = storage::Store::open(parser.value(QStringLiteral("data-dir")), &status);
        if (!store) {
            err << status.message << '\n';
            return Failure;
        }
        storage::SyncStateRepository repository(store->database());
        const QString document = QString::fromUtf8(catalogue.document());
        if (const auto existing = repository.catalogVersion(catalogue.version())) {
            if (existing->document == document) {
                out << Tr::tr("Catalogue version %1 is already in the store; nothing changed.")
                           .arg(catalogue.version())
                    << '\n';
                return Success;
            }
            err << Tr::tr("The store already holds a different catalogue with version %1; a published "
                          "version never changes, so give the new catalogue a new version.")
                       .arg(catalogue.version())
                << '\n';
            return Invalid;
        }
        storage::CatalogVersionRecord record;
        record.version = catalogue.version();
        record.importedAt = QDateTime::currentDateTimeUtc();
        record.document = document;
        if (!repository.addCatalogVersion(record)) {
            err << repository.lastError() << '\n';
            return Failure;
        }
        out << Tr::tr("Imported catalogue version %1: %2 items, %3 bundles.")
                   .arg(catalogue.version())
                   .arg(catalogue.items().size())
                   .arg(catalogue.bundles().size())
            << '\n';
        return Success;
    }

private:
    int importIntoServer(const server::ServerConfig &config, const catalog::Catalog &catalogue, QTextStream &out,
                         QTextStream &err)
    {
        server::Directory directory;
        QString error;
        if (!directory.open(config, &error)) {
            err << error << '\n';
            return Failure;
        }
        switch (directory.importCatalog(catalogue.version(), catalogue.documentSha256(), catalogue.document(),
                                        &error)) {
        case server::Directory::CatalogImport::AlreadyPresent:
            out << Tr::tr("Catalogue version %1 is already on the server; nothing changed.").arg(catalogue.version())
                << '\n';
            return Success;
        case server::Directory::CatalogImport::Conflict:
            err << error << '\n';
            return Invalid;
        case server::Directory::CatalogImport::Failed:
            err << error << '\n';
            return Failure;
        case server::Directory::CatalogImport::Imported:
            break;
        }
        out << Tr::tr("Imported catalogue version %1 into the central server: %2 items, %3 bundles; workstations "
                      "receive it with their next sync.")
                   .arg(catalogue.version())
                   .arg(catalogue.items().size())
                   .arg(catalogue.bundles().size())
            << '\n';
        return Success;
    }
};

} // namespace

void addCatalogImportCommand(Commands &commands)
{
    commands.push_back(std::make_unique<ImportCatalogCommand>());
}

} // namespace ow::admin
