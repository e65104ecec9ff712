// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-admin: scriptable operations for administrators and outside tests.
// Usage: onewindow-admin [--lang zh_CN|en] COMMAND [ARGS...]

#include "catalogcommands.h"
#include "catalogimportcommand.h"
#include "certificatecommands.h"
#include "command.h"
#include "directorycommands.h"
#include "rulecommands.h"
#include "stockcommands.h"
#include "storecommands.h"
#include "synccommand.h"
#include "validatecommands.h"

#include <ow/core/localization.h>

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLocale>

#include <cstdio>
#include <memory>

using namespace ow::admin;

namespace {

void printHelp(const Commands &commands, QTextStream &out)
{
    out << Tr::tr("Usage: onewindow-admin [--lang zh_CN|en] COMMAND [ARGS...]") << '\n'
        << '\n'
        << Tr::tr("Commands:") << '\n';
    for (const auto &command : commands)
        out << "  " << command->name() << ' ' << command->usage() << '\n'
            << "      " << command->summary() << '\n';
}

} // namespace

int main(int argc, char *argv[])
{
    // Rendering documents lays out text, which needs a QGuiApplication (fonts);
    // the offscreen platform keeps that working without a display.
    std::unique_ptr<QCoreApplication> app;
    if (needsGuiApplication(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QCoreApplication::setApplicationName(QStringLiteral("onewindow-admin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONEWINDOW_VERSION));

    QStringList arguments = QCoreApplication::arguments().mid(1);
    QString language;
    if (arguments.size() >= 2 && arguments.first() == QLatin1String("--lang")) {
        language = arguments.at(1);
        arguments = arguments.mid(2);
    }
    ow::core::Localization::install(
        ow::core::Localization::resolveLanguage(language, QLocale::system().name()));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Commands commands;
    addValidateCommands(commands);
    addStoreCommands(commands);
    addRuleCommands(commands);
    addCatalogCommands(commands);
    addCatalogImportCommand(commands);
    addSyncCommand(commands);
    addDirectoryCommands(commands);
    addCertificateCommands(commands);
    addStockCommands(commands);

    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help")
        || arguments.first() == QLatin1String("-h") || arguments.first() == QLatin1String("help")) {
        printHelp(commands, arguments.isEmpty() ? err : out);
        return arguments.isEmpty() ? Usage : Success;
    }
    if (arguments.first() == QLatin1String("--version")) {
        out << "onewindow-admin " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }

    const QString name = arguments.takeFirst();
    for (const auto &command : commands) {
        if (command->name() == name) {
            const int code = command->run(arguments, out, err);
            out.flush();
            err.flush();
            return code;
        }
    }
    err << Tr::tr("Unknown command \"%1\"; run onewindow-admin --help for the list.").arg(name) << '\n';
    return Usage;
}
