// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "synccommand.h"

#include <ow/storage/store.h>
#include <ow/sync/apiclient.h>
#include <ow/sync/signinservice.h>
#include <ow/sync/syncengine.h>

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFile>

#include <cstdio>

namespace ow::admin {

namespace {

// The password from a file (its first line) or from standard input; never an argument,
// so that it does not show in the process list or the shell history.
bool readPassword(const QString &file, QString *password, QString *error)
{
    QFile input;
    const bool fromStdin = file.isEmpty() || file == QLatin1String("-");
    const bool opened = fromStdin ? input.open(stdin, QIODevice::ReadOnly)
                                  : (input.setFileName(file), input.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = Tr::tr("Cannot read the password from %1: %2")
                     .arg(fromStdin ? Tr::tr("standard input") : QDir::toNativeSeparators(file),
                          input.errorString());
        return false;
    }
    QByteArray line = input.readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    *password = QString::fromUtf8(line);
    line.fill('\0');
    if (password->isEmpty()) {
        *error = Tr::tr("The password is empty.");
        return false;
    }
    return true;
}

class SyncCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override
    {
        return Tr::tr(
            "Signs in to the central server and syncs the workstation store once: uploads attachments, "
            "pushes recorded events, pulls new ones.");
    }
    QString usage() const override
    {
        return QStringLiteral("--data-dir DIR --server URL --user NAME [--password-file FILE]");
    }

    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override
    {
        QCommandLineParser parser;
        for (const char *option : {"data-dir", "server", "user", "password-file"})
            parser.addOption(
                QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("VALUE")));
        const QString usageLine = Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage());
        if (!parser.parse(QStringList {name()} + arguments) || !parser.positionalArguments().isEmpty()) {
            err << usageLine << '\n';
            return Usage;
        }
        for (const QString &option :
             {QStringLiteral("data-dir"), QStringLiteral("server"), QStringLiteral("user")}) {
            if (parser.value(option).isEmpty()) {
                err << Tr::tr("%1 (--%2 is required)").arg(usageLine, option) << '\n';
                return Usage;
            }
        }
        const QUrl server = QUrl::fromUserInput(parser.value(QStringLiteral("server")));
        if (!server.isValid()
            || (server.scheme() != QLatin1String("http") && server.scheme() != QLatin1String("https"))) {
            err << Tr::tr("The server address \"%1\" is not an http:// or https:// URL.")
                       .arg(parser.value(QStringLiteral("server")))
                << '\n';
            return Usage;
        }
        QString password;
        QString error;
        if (!readPassword(parser.value(QStringLiteral("password-file")), &password, &error)) {
            err << error << '\n';
            return Invalid;
        }

        storage::StoreStatus status;
        const std::unique_ptr<storage::Store> store
            = storage::Store::open(parser.value(QStringLiteral("data-dir")), &status);
        if (!store) {
            err << status.message << '\n';
            return Failure;
        }
        const QString deviceId = sync::SignInService::deviceId(store->database());
        if (deviceId.isEmpty()) {
            err << Tr::tr("The store has no device id and cannot record one.") << '\n';
            return Failure;
        }

        sync::ApiClient api;
        api.setServerUrl(server);
        std::unique_ptr<sync::ApiReply> login(
            api.login(parser.value(QStringLiteral("user")), password, deviceId));
        password.fill(u'\0');
        if (!login->isFinished()) {
            QEventLoop loop;
            QObject::connect(login.get(), &sync::ApiReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (!login->ok()) {
            err << Tr::tr("Sign-in to %1 failed: %2").arg(server.toDisplayString(), login->error().message)
                << '\n';
            return Failure;
        }
        sync::SyncSession session;
        session.serverUrl = server;
        session.token = login->json().value(QStringLiteral("token")).toString();
        session.deviceId = deviceId;
        session.logPublicKey = login->json()
                                   .value(QStringLiteral("log"))
                                   .toObject()
                                   .value(QStringLiteral("publicKey"))
                                   .toString();
        session.officeCode = login->json()
                                 .value(QStringLiteral("user"))
                                 .toObject()
                                 .value(QStringLiteral("office"))
                                 .toObject()
                                 .value(QStringLiteral("code"))
                                 .toString();

        const sync::SyncResult result = sync::SyncEngine::runOnce(store->database(), session);
        if (!result.ok()) {
            err << Tr::tr("Sync failed: %1").arg(result.error) << '\n';
            return Failure;
        }
        out << Tr::tr("Synced: %1 pushed (%2 already on the server), %3 pulled, %4 parked, %5 still waiting.")
                   .arg(result.pushed + result.duplicates)
                   .arg(result.duplicates)
                   .arg(result.pulled)
                   .arg(result.parked)
                   .arg(result.pendingLeft)
            << '\n';
        return Success;
    }
};

} // namespace

void addSyncCommand(Commands &commands)
{
    commands.push_back(std::make_unique<SyncCommand>());
}

} // namespace ow::admin
