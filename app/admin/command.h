// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>
#include <vector>

namespace ow::admin {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Admin)
};

// Exit codes of onewindow-admin: 0 success, 1 the input is invalid or the
// check failed (e.g. an invalid ID number), 2 wrong usage, 3 the operation
// could not be carried out (store, keychain, network).
enum ExitCode { Success = 0, Invalid = 1, Usage = 2, Failure = 3 };

// One sub-command of onewindow-admin. Output for the user goes to `out`; a
// failure is one clear line on `err`.
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    // One translated line for the help text.
    virtual QString summary() const = 0;
    // Usage line after the command name, e.g. "NUMBER" or "--data-dir DIR".
    virtual QString usage() const = 0;
    // `arguments` excludes the program and command names.
    virtual int run(const QStringList &arguments, QTextStream &out, QTextStream &err) = 0;
};

using Commands = std::vector<std::unique_ptr<Command>>;

// "Usage: onewindow-admin NAME USAGE", translated.
inline QString usageLine(const Command &command)
{
    return Tr::tr("Usage: onewindow-admin %1 %2").arg(command.name(), command.usage());
}

// Parses `arguments` with `parser` (which gets --help here): the exit code to
// end the command with (a usage error on `err`, or the help on `out`), or
// nullopt to go on with the parsed options.
inline std::optional<int> parseCommandLine(const Command &command, QCommandLineParser &parser,
                                           const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    parser.addOption(QCommandLineOption(QStringLiteral("help")));
    if (!parser.parse(QStringList {command.name()} + arguments)) {
        err << usageLine(command) << " (" << parser.errorText() << ")\n";
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << usageLine(command) << '\n' << command.summary() << '\n';
        return Success;
    }
    return std::nullopt;
}

} // namespace ow::admin
