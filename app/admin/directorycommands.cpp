// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "directorycommands.h"

#include <ow/server/directory.h>
#include <ow/server/serverconfig.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>

namespace ow::admin {

void addServerDatabaseOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("central-data-dir"), QString(), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringLiteral("database"), QString(), QStringLiteral("URL")));
}

std::optional<server::ServerConfig> serverDatabaseConfig(const QCommandLineParser &parser)
{
    const bool embedded = parser.isSet(QStringLiteral("central-data-dir"));
    const bool postgres = parser.isSet(QStringLiteral("database"));
    if (embedded == postgres)
        return std::nullopt;
    server::ServerConfig config;
    if (embedded) {
        config.dataDir = QDir::cleanPath(QFileInfo(parser.value(QStringLiteral("central-data-dir"))).absoluteFilePath());
    } else {
        const QUrl url(parser.value(QStringLiteral("database")));
        if (!url.isValid()
            || (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")))
            return std::nullopt;
        config.databaseUrl = url.toString(QUrl::FullyEncoded);
    }
    return config;
}

namespace {

const QString kDatabaseUsage = QStringLiteral("(--central-data-dir DIR | --database postgresql://…)");

// One command with sub-commands ("users add …"): parses, opens the directory, dispatches.
class DirectoryCommand : public Command
{
public:
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        m_usageLine = Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage());
        if (arguments.isEmpty()) {
            err << m_usageLine << '\n';
            return Usage;
        }
        const QString action = arguments.first();
        QCommandLineParser parser;
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        addServerDatabaseOptions(parser);
        addOptions(action, parser);
        if (!parser.parse(QStringList{name()} + arguments.mid(1))) {
            err << parser.errorText() << '\n' << m_usageLine << '\n';
            return Usage;
        }
        const auto config = serverDatabaseConfig(parser);
        if (!config) {
            err << Tr::tr("Give the server database with either --central-data-dir DIR or --database "
                          "postgresql://USER:PASSWORD@HOST:PORT/DB.")
                << '\n';
            return Usage;
        }
        // Validate what can be validated before the database is touched.
        QString problem;
        const int checked = check(action, parser, &problem);
        if (checked != Success) {
            err << (problem.isEmpty() ? m_usageLine : problem) << '\n';
            return checked;
        }
        server::Directory directory;
        QString error;
        // Only adding may set up a new server store; the rest needs one that exists.
        const auto mode = action == QLatin1String("add") ? server::Directory::OpenMode::CreateIfMissing
                                                         : server::Directory::OpenMode::OpenExisting;
        if (!directory.open(*config, &error, mode)) {
            err << error << '\n';
            return Failure;
        }
        return execute(action, parser, directory, out, err);
    }

protected:
    virtual void addOptions(const QString &action, QCommandLineParser &parser) = 0;
    // Usage (with an empty problem: print the usage line) or Invalid; Success to go on.
    virtual int check(const QString &action, const QCommandLineParser &parser, QString *problem) = 0;
    virtual int execute(const QString &action, const QCommandLineParser &parser, server::Directory &directory,
                        QTextStream &out, QTextStream &err) = 0;

    static int refuse(QTextStream &err, const QString &error)
    {
        err << error << '\n';
        return Invalid;
    }

    QString m_usageLine;
};

class OfficesCommand final : public DirectoryCommand
{
public:
    QString name() const override { return QStringLiteral("offices"); }
    QString summary() const override
    {
        return Tr::tr("Add or list the service offices known to the central server");
    }
    QString usage() const override
    {
        return QStringLiteral("add CODE --name NAME --level village|township|county|city [--region CODE] "
                              "[--parent CODE] | list  ")
            + kDatabaseUsage;
    }

protected:
    void addOptions(const QString &, QCommandLineParser &parser) override
    {
        for (const char *option : {"name", "level", "region", "parent"})
            parser.addOption(QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("VALUE")));
    }
    int check(const QString &action, const QCommandLineParser &parser, QString *problem) override
    {
        if (action == QLatin1String("list"))
            return parser.positionalArguments().isEmpty() ? Success : Usage;
        if (action != QLatin1String("add") || parser.positionalArguments().size() != 1
            || !parser.isSet(QStringLiteral("name")) || !parser.isSet(QStringLiteral("level")))
            return Usage;
        const QString level = parser.value(QStringLiteral("level"));
        if (!server::Directory::officeLevels().contains(level)) {
            *problem = Tr::tr("--level: \"%1\" is not one of %2.")
                           .arg(level, server::Directory::officeLevels().join(QStringLiteral(", ")));
            return Invalid;
        }
        return Success;
    }
    int execute(const QString &action, const QCommandLineParser &parser, server::Directory &directory,
                QTextStream &out, QTextStream &err) override
    {
        QString error;
        if (action == QLatin1String("list")) {
            const auto offices = directory.offices(&error);
            if (!offices) {
                err << error << '\n';
                return Failure;
            }
            for (const server::Office &office : *offices)
                out << office.code << '\t' << office.name << '\t' << office.level << '\t' << office.regionCode
                    << '\t' << office.parentCode << '\n';
            return Success;
        }
        server::Office office;
        office.code = parser.positionalArguments().first();
        office.name = parser.value(QStringLiteral("name"));
        office.level = parser.value(QStringLiteral("level"));
        office.regionCode = parser.value(QStringLiteral("region"));
        office.parentCode = parser.value(QStringLiteral("parent"));
        if (!directory.addOffice(office, &error))
            return refuse(err, error);
        out << Tr::tr("Added office %1 %2.").arg(office.code, office.name) << '\n';
        return Success;
    }
};

class DepartmentsCommand final : public DirectoryCommand
{
public:
    QString name() const override { return QStringLiteral("departments"); }
    QString summary() const override
    {
        return Tr::tr("Record that an office hosts a catalogue department (its windows and reviewers)");
    }
    QString usage() const override { return QStringLiteral("add CODE --name NAME --office CODE  ") + kDatabaseUsage; }

protected:
    void addOptions(const QString &, QCommandLineParser &parser) override
    {
        parser.addOption(QCommandLineOption(QStringLiteral("name"), QString(), QStringLiteral("NAME")));
        parser.addOption(QCommandLineOption(QStringLiteral("office"), QString(), QStringLiteral("CODE")));
    }
    int check(const QString &action, const QCommandLineParser &parser, QString *) override
    {
        return action == QLatin1String("add") && parser.positionalArguments().size() == 1
                && parser.isSet(QStringLiteral("name")) && parser.isSet(QStringLiteral("office"))
            ? Success
            : Usage;
    }
    int execute(const QString &, const QCommandLineParser &parser, server::Directory &directory, QTextStream &out,
                QTextStream &err) override
    {
        server::OfficeDepartment department{parser.positionalArguments().first(), parser.value(QStringLiteral("name")),
                                            parser.value(QStringLiteral("office"))};
        QString error;
        if (!directory.addDepartment(department, &error))
            return refuse(err, error);
        out << Tr::tr("Office %1 now hosts department %2 %3.").arg(department.officeCode, department.code,
                                                                   department.name)
            << '\n';
        return Success;
    }
};

class UsersCommand final : public DirectoryCommand
{
public:
    QString name() const override { return QStringLiteral("users"); }
    QString summary() const override
    {
        return Tr::tr("Add, disable, enable or list the central server's users, or reset a password. The "
                      "password is read from --password-file or the first line of standard input, never "
                      "from the command line");
    }
    QString usage() const override
    {
        return QStringLiteral("add NAME --office CODE --role ROLE [--role ROLE…] [--department CODE…] "
                              "[--display-name NAME] [--password-file FILE] | disable NAME | enable NAME | "
                              "reset-password NAME [--password-file FILE] | list  ")
            + kDatabaseUsage;
    }

protected:
    void addOptions(const QString &, QCommandLineParser &parser) override
    {
        for (const char *option : {"office", "role", "department", "display-name", "password-file", "password"})
            parser.addOption(QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("VALUE")));
    }
    int check(const QString &action, const QCommandLineParser &parser, QString *problem) override
    {
        if (parser.isSet(QStringLiteral("password"))) {
            // A password on the command line would be visible to every user in the process list.
            *problem = Tr::tr("Passwords are not accepted on the command line; use --password-file FILE or "
                              "standard input.");
            return Usage;
        }
        const qsizetype names = parser.positionalArguments().size();
        if (action == QLatin1String("list"))
            return names == 0 ? Success : Usage;
        if (action == QLatin1String("add"))
            return names == 1 && parser.isSet(QStringLiteral("office")) && parser.isSet(QStringLiteral("role"))
                ? Success
                : Usage;
        if (action == QLatin1String("disable") || action == QLatin1String("enable")
            || action == QLatin1String("reset-password"))
            return names == 1 ? Success : Usage;
        return Usage;
    }

    std::optional<QString> readPassword(const QCommandLineParser &parser, QTextStream &err)
    {
        QByteArray line;
        if (parser.isSet(QStringLiteral("password-file"))) {
            const QString fileName = parser.value(QStringLiteral("password-file"));
            QFile file(fileName);
            if (!file.open(QIODevice::ReadOnly)) {
                err << Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString())
                    << '\n';
                return std::nullopt;
            }
            line = file.readLine();
        } else {
            QFile input;
            if (input.open(stdin, QIODevice::ReadOnly))
                line = input.readLine();
        }
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            err << Tr::tr("No password given: put it in --password-file FILE or on standard input.") << '\n';
            return std::nullopt;
        }
        return QString::fromUtf8(line);
    }

    int execute(const QString &action, const QCommandLineParser &parser, server::Directory &directory,
                QTextStream &out, QTextStream &err) override
    {
        QString error;
        if (action == QLatin1String("list")) {
            const auto users = directory.users(&error);
            if (!users) {
                err << error << '\n';
                return Failure;
            }
            for (const server::DirectoryUser &user : *users)
                out << user.name << '\t' << user.displayName << '\t' << user.officeCode << '\t'
                    << user.roles.join(QLatin1Char(',')) << '\t' << user.departments.join(QLatin1Char(',')) << '\t'
                    << (user.disabled ? Tr::tr("disabled") : Tr::tr("active")) << '\n';
            return Success;
        }
        const QString userName = parser.positionalArguments().first();
        if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
            const bool disable = action == QLatin1String("disable");
            if (!directory.setUserDisabled(userName, disable, &error))
                return refuse(err, error);
            out << (disable ? Tr::tr("User %1 is disabled; their sessions end with their next request.")
                            : Tr::tr("User %1 is enabled again."))
                       .arg(userName)
                << '\n';
            return Success;
        }
        const auto password = readPassword(parser, err);
        if (!password)
            return Invalid;
        if (action == QLatin1String("reset-password")) {
            if (!directory.resetPassword(userName, *password, &error))
                return refuse(err, error);
            out << Tr::tr("Set a new password for %1 and signed them out everywhere.").arg(userName) << '\n';
            return Success;
        }
        server::DirectoryUser user;
        user.name = userName;
        user.officeCode = parser.value(QStringLiteral("office"));
        user.roles = parser.values(QStringLiteral("role"));
        user.departments = parser.values(QStringLiteral("department"));
        user.displayName = parser.value(QStringLiteral("display-name"));
        if (!directory.addUser(user, *password, &error))
            return refuse(err, error);
        out << Tr::tr("Added user %1 (%2) at office %3.").arg(user.name, user.roles.join(QStringLiteral(", ")),
                                                               user.officeCode)
            << '\n';
        return Success;
    }
};

} // namespace

void addDirectoryCommands(Commands &commands)
{
    commands.push_back(std::make_unique<OfficesCommand>());
    commands.push_back(std::make_unique<DepartmentsCommand>());
    commands.push_back(std::make_unique<UsersCommand>());
}

} // namespace ow::admin
