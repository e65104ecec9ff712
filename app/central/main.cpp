// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-central: the central server. Parses the command line and hands off.

#include <ow/core/localization.h>
#include <ow/server/centralserver.h>
#include <ow/server/tr.h>

#include <QCoreApplication>
#include <QLocale>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// SIGTERM/SIGINT end the event loop so the database closes cleanly (every
// request has committed before it was answered, so nothing is lost either way).
// The handler only writes to a socket: the one async-signal-safe way to reach Qt.
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

void quitOnTermination(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QCoreApplication::setApplicationName(QStringLiteral("onewindow-central"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONEWINDOW_VERSION));

    // The language must be known before the first message, including a usage error.
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    const qsizetype langIndex = arguments.indexOf(QStringLiteral("--lang"));
    const QString language = langIndex >= 0 && langIndex + 1 < arguments.size() ? arguments.at(langIndex + 1)
                                                                               : QString();
    ow::core::Localization::install(
        ow::core::Localization::resolveLanguage(language, QLocale::system().name()));

    QTextStream err(stderr);
    QString error;
    bool help = false;
    const auto config = ow::server::ServerConfig::fromArguments(arguments, &error, &help);
    if (help) {
        QTextStream(stdout) << ow::server::ServerConfig::usage() << '\n';
        return 0;
    }
    if (!config) {
        err << error << '\n' << ow::server::ServerConfig::usage() << '\n';
        return 2;
    }
    // A language set only in the config file applies from here on.
    if (langIndex < 0 && !config->language.isEmpty())
        ow::core::Localization::install(
            ow::core::Localization::resolveLanguage(config->language, QLocale::system().name()));

    ow::server::CentralServer server(*config);
    if (!server.start(&error)) {
        err << error << '\n';
        return 3;
    }
    quitOnTermination(app);
    QTextStream(stdout) << ow::server::Tr::tr("onewindow-central listening on %1://%2:%3 (%4)")
                               .arg(config->usesTls() ? QStringLiteral("https") : QStringLiteral("http"),
                                    config->listenAddress.toString())
                               .arg(server.port())
                               .arg(config->usesEmbeddedStore() ? ow::server::Tr::tr("embedded store")
                                                                : QStringLiteral("PostgreSQL"))
                        << Qt::endl;
    return QCoreApplication::exec();
}
