// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/server/serverconfig.h"
#include "ow/server/tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace ow::server {

QString ServerConfig::usage()
{
    return Tr::tr("Usage: onewindow-central [--config FILE] --listen ADDR --port N --data-dir DIR "
                  "[--database postgresql://USER:PASSWORD@HOST:PORT/DB] [--tls-cert FILE --tls-key FILE] "
                  "[--token-lifetime SECONDS] [--renewal-window-days N] "
                  "[--certificate-key FILE --certificate-authority ID] [--lang zh_CN|en]")
        + QLatin1Char('\n')
        + Tr::tr("The config file holds \"option = value\" lines with the same option names "
                  "(e.g. port = 8470); options on the command line override it.");
}

namespace {

// "key = value" lines ('#' and ';' start comments, "[section]" lines are ignored)
// as the equivalent options. Relative paths are relative to the file.
std::optional<QStringList> readConfigFile(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = Tr::tr("Cannot read the config file %1: %2").arg(fileName, file.errorString());
        return std::nullopt;
    }
    const QDir base = QFileInfo(fileName).absoluteDir();
    static const QStringList pathKeys{QStringLiteral("data-dir"), QStringLiteral("tls-cert"),
                                      QStringLiteral("tls-key"), QStringLiteral("certificate-key")};
    QStringList options;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';'))
            || line.startsWith(QLatin1Char('[')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString key = line.left(equals).trimmed();
        if (equals < 1 || key == QLatin1String("config")) {
            *error = Tr::tr("%1 line %2: expected \"option = value\".").arg(fileName).arg(lineNumber);
            return std::nullopt;
        }
        QString value = line.mid(equals + 1).trimmed();
        if (pathKeys.contains(key) && !value.isEmpty())
            value = base.absoluteFilePath(value);
        options << QStringLiteral("--") + key << value;
    }
    return options;
}

} // namespace

std::optional<ServerConfig> ServerConfig::fromArguments(const QStringList &commandLine, QString *error,
                                                        bool *helpRequested)
{
    ServerConfig config;
    QStringList arguments = commandLine;
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--config")); at >= 0) {
        if (at + 1 >= arguments.size()) {
            if (error)
                *error = Tr::tr("Option %1 needs a value.").arg(QStringLiteral("--config"));
            return std::nullopt;
        }
        QString problem;
        const auto fromFile = readConfigFile(arguments.at(at + 1), &problem);
        if (!fromFile) {
            if (error)
                *error = problem;
            return std::nullopt;
        }
        arguments.remove(at, 2);
        // The file first: a later option wins, so the command line overrides the file.
        arguments = *fromFile + arguments;
    }
    if (helpRequested)
        *helpRequested = false;
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };

    for (int i = 0; i < arguments.size(); ++i) {
        const QString option = arguments.at(i);
        if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
            if (helpRequested)
                *helpRequested = true;
            return config;
        }
        if (!option.startsWith(QLatin1String("--")))
            return fail(Tr::tr("Unexpected argument \"%1\".").arg(option));
        if (i + 1 >= arguments.size())
            return fail(Tr::tr("Option %1 needs a value.").arg(option));
        const QString value = arguments.at(++i);
        if (option == QLatin1String("--listen")) {
            QHostAddress address;
            if (value == QLatin1String("localhost"))
                address = QHostAddress::LocalHost;
            else if (!address.setAddress(value))
                return fail(Tr::tr("--listen: \"%1\" is not an IP address.").arg(value));
            config.listenAddress = address;
        } else if (option == QLatin1String("--port")) {
            bool ok = false;
            const uint port = value.toUInt(&ok);
            if (!ok || port > 65535)
                return fail(Tr::tr("--port: \"%1\" is not a port number (0–65535).").arg(value));
            config.port = static_cast<quint16>(port);
        } else if (option == QLatin1String("--data-dir")) {
            config.dataDir = QDir::cleanPath(QFileInfo(value).absoluteFilePath());
        } else if (option == QLatin1String("--database")) {
            const QUrl url(value);
            if (!url.isValid() || (url.scheme() != QLatin1String("postgresql")
                                   && url.scheme() != QLatin1String("postgres")))
                return fail(Tr::tr("--database: expected postgresql://USER:PASSWORD@HOST:PORT/DB."));
            config.databaseUrl = value;
        } else if (option == QLatin1String("--tls-cert")) {
            config.tlsCertificateFile = value;
        } else if (option == QLatin1String("--tls-key")) {
            config.tlsKeyFile = value;
        } else if (option == QLatin1String("--token-lifetime")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > 30 * 24 * 60 * 60)
                return fail(Tr::tr("--token-lifetime: \"%1\" is not a number of seconds (1 to 2592000).").arg(value));
            config.tokenLifetimeSeconds = seconds;
        } else if (option == QLatin1String("--renewal-window-days")) {
            bool ok = false;
            const int days = value.toInt(&ok);
            if (!ok || days < 0 || days > 180)
                return fail(Tr::tr("--renewal-window-days: \"%1\" is not a number of days (0 to 180; 0 turns "
                                   "renewals without application off).")
                                .arg(value));
            config.renewalWindowDays = days;
        } else if (option == QLatin1String("--certificate-key")) {
            config.certificateKeyFile = QDir::cleanPath(QFileInfo(value).absoluteFilePath());
        } else if (option == QLatin1String("--certificate-authority")) {
            static const QRegularExpression authorityCode(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
            if (!authorityCode.match(value).hasMatch())
                return fail(Tr::tr("--certificate-authority: \"%1\" is not an authority code (letters, digits, "
                                   "'.', '_' and '-', at most 64).")
                                .arg(value));
            config.certificateAuthority = value;
        } else if (option == QLatin1String("--lang")) {
            config.language = value;
        } else {
            return fail(Tr::tr("Unknown option %1.").arg(option));
        }
    }

    if (config.dataDir.isEmpty())
        return fail(Tr::tr("--data-dir is required."));
    if (config.tlsCertificateFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return fail(Tr::tr("--tls-cert and --tls-key must be given together."));
    if (config.certificateKeyFile.isEmpty() != config.certificateAuthority.isEmpty())
        return fail(Tr::tr("--certificate-key and --certificate-authority must be given together."));
    if (!config.certificateKeyFile.isEmpty() && !QFileInfo(config.certificateKeyFile).isReadable())
        return fail(Tr::tr("--certificate-key: cannot read %1.").arg(config.certificateKeyFile));
    return config;
}

} // namespace ow::server
