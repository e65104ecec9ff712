// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/server/serverconfig.h"
#include "ow/server/tr.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace ow::server {

QString ServerConfig::usage()
{
    return Tr::tr("Usage: onewindow-central --listen ADDR --port N --data-dir DIR "
                  "[--database postgresql://USER:PASSWORD@HOST:PORT/DB] [--tls-cert FILE --tls-key FILE] "
                  "[--lang zh_CN|en]");
}

std::optional<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments, QString *error,
                                                        bool *helpRequested)
{
    ServerConfig config;
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
    return config;
}

} // namespace ow::server
