// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "keychainprobe.h"

#include <qt6keychain/keychain.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>
#include <QMap>

namespace ow::storage::Internal {

namespace {

const QString secretsName = QStringLiteral("org.freedesktop.secrets");
const QString secretsPath = QStringLiteral("/org/freedesktop/secrets");
const QString secretServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");
const QString kwallet5Name = QStringLiteral("org.kde.kwalletd5");
const QString kwallet4Name = QStringLiteral("org.kde.kwalletd");

enum class Desktop { Kde4, Plasma5, Other };

// The same decision as QtKeychain 0.13 (keychain_unix.cpp), which derives it
// from Chromium: only KDE sessions prefer KWallet.
Desktop detectDesktop()
{
    const auto kdeVersion = [] {
        const QByteArray version = qgetenv("KDE_SESSION_VERSION");
        if (version == "5")
            return Desktop::Plasma5;
        if (version == "4")
            return Desktop::Kde4;
        return Desktop::Other;
    };
    const QByteArray current = qgetenv("XDG_CURRENT_DESKTOP");
    if (current == "KDE")
        return kdeVersion();
    if (current == "GNOME" || current == "Unity" || current == "XFCE")
        return Desktop::Other;
    const QByteArray session = qgetenv("DESKTOP_SESSION");
    if (session == "kde")
        return kdeVersion();
    if (session == "kde4")
        return Desktop::Kde4;
    if (session == "gnome" || session.contains("xfce") || session == "xubuntu")
        return Desktop::Other;
    if (qEnvironmentVariableIsEmpty("GNOME_DESKTOP_SESSION_ID")
        && !qEnvironmentVariableIsEmpty("KDE_FULL_SESSION"))
        return kdeVersion();
    return Desktop::Other;
}

bool libsecretAvailable()
{
    QLibrary library(QStringLiteral("secret-1"), 0);
    return library.load() && library.resolve("secret_password_lookup") != nullptr;
}

bool gnomeKeyringAvailable()
{
    QLibrary library(QStringLiteral("gnome-keyring"), 0);
    if (!library.load())
        return false;
    using IsAvailable = int (*)();
    const auto isAvailable = reinterpret_cast<IsAvailable>(library.resolve("gnome_keyring_is_available"));
    return isAvailable != nullptr && isAvailable() != 0;
}

bool kwalletAvailable(const QString &name, const QString &path)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusInterface wallet(name, path, QStringLiteral("org.kde.KWallet"), bus);
    wallet.setTimeout(500);
    return wallet.call(QStringLiteral("networkWallet")).type() == QDBusMessage::ReplyMessage;
}

QString detectBackendName()
{
    switch (detectDesktop()) {
    case Desktop::Kde4:
        return QStringLiteral("kwallet4");
    case Desktop::Plasma5:
        if (kwalletAvailable(kwallet5Name, QStringLiteral("/modules/kwalletd5")))
            return QStringLiteral("kwallet5");
        if (libsecretAvailable())
            return QStringLiteral("libsecret");
        if (gnomeKeyringAvailable())
            return QStringLiteral("gnome-keyring");
        return QStringLiteral("kwallet5");
    case Desktop::Other:
        break;
    }
    if (libsecretAvailable())
        return QStringLiteral("libsecret");
    if (gnomeKeyringAvailable())
        return QStringLiteral("gnome-keyring");
    if (kwalletAvailable(kwallet5Name, QStringLiteral("/modules/kwalletd5")))
        return QStringLiteral("kwallet5");
    return QStringLiteral("gnome-keyring");
}

bool usesSecretService(const KeychainBackend &backend)
{
    return backend.name == QLatin1String("libsecret") || backend.name == QLatin1String("gnome-keyring");
}

QString busNameOf(const KeychainBackend &backend)
{
    if (backend.name == QLatin1String("kwallet5"))
        return kwallet5Name;
    if (backend.name == QLatin1String("kwallet4"))
        return kwallet4Name;
    return secretsName;
}

// The program that owns `name` on the session bus, without activating it.
QString providerOf(const QString &name)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return {};
    const QDBusReply<bool> registered = bus.interface()->isServiceRegistered(name);
    if (!registered.isValid() || !registered.value())
        return {};
    const QDBusReply<uint> pid = bus.interface()->servicePid(name);
    if (!pid.isValid())
        return {};
    const QString proc = QStringLiteral("/proc/") + QString::number(pid.value());
    const QString exe = QFileInfo(proc + QStringLiteral("/exe")).symLinkTarget();
    if (!exe.isEmpty())
        return QFileInfo(exe).fileName();
    QFile comm(proc + QStringLiteral("/comm"));
    if (comm.open(QIODevice::ReadOnly))
        return QString::fromLocal8Bit(comm.readAll().trimmed());
    return {};
}

KeychainResult fromDBusError(const QDBusError &error)
{
    switch (error.type()) {
    case QDBusError::AccessDenied:
        return {KeychainError::AccessDenied, error.message()};
    case QDBusError::ServiceUnknown:
    case QDBusError::Disconnected:
        return {KeychainError::NoSecretService, error.message()};
    case QDBusError::NoReply:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
        return {KeychainError::Timeout, error.message()};
    default:
        return {KeychainError::Other, error.message()};
    }
}

using StringMap = QMap<QString, QString>;

} // namespace

KeychainBackend KeychainProbe::backend()
{
    static const QString name = detectBackendName();
    return {name, providerOf(busNameOf(KeychainBackend {name, {}}))};
}

KeychainResult KeychainProbe::preflight(const KeychainBackend &backend)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        const QString why = bus.lastError().message();
        return {KeychainError::NoSecretService, why.isEmpty() ? QStringLiteral("no session D-Bus") : why};
    }
    const QString name = busNameOf(backend);
    const QDBusReply<bool> registered = bus.interface()->isServiceRegistered(name);
    if (registered.isValid() && registered.value())
        return {};
    const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
    if (!activatable.isValid() || activatable.value().contains(name))
        return {}; // cannot tell: let the keychain call itself decide
    return {KeychainError::NoSecretService,
            QStringLiteral("The name %1 was not provided by any .service files").arg(name)};
}

KeychainResult KeychainProbe::explainNotFound(const KeychainBackend &backend, const QString &service,
                                              const QString &entry, const QString &detail)
{
    if (!usesSecretService(backend))
        return {KeychainError::EntryMissing, detail};

    qDBusRegisterMetaType<StringMap>();
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusInterface secrets(secretsName, secretsPath, secretServiceInterface, bus);
    secrets.setTimeout(10000);

    // QtKeychain stores items with the attributes user=<entry>, server=<service>.
    const StringMap attributes {{QStringLiteral("user"), entry}, {QStringLiteral("server"), service}};
    const QDBusMessage search = secrets.call(QStringLiteral("SearchItems"), QVariant::fromValue(attributes));
    if (search.type() != QDBusMessage::ReplyMessage || search.arguments().size() != 2)
        return fromDBusError(QDBusError(search));
    const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(search.arguments().at(0));
    const auto locked = qdbus_cast<QList<QDBusObjectPath>>(search.arguments().at(1));
    if (!locked.isEmpty())
        return {KeychainError::Locked, detail + QStringLiteral(": the entry is in a locked collection")};
    if (!unlocked.isEmpty())
        return {KeychainError::Other, QStringLiteral("an item exists but could not be read: ") + detail};

    // Nothing matched; but a locked or missing default collection hides what it holds.
    const QDBusReply<QDBusObjectPath> alias
        = secrets.call(QStringLiteral("ReadAlias"), QStringLiteral("default"));
    if (!alias.isValid())
        return fromDBusError(alias.error());
    const QString collection = alias.value().path();
    if (collection.isEmpty() || collection == QLatin1String("/"))
        return {KeychainError::Locked,
                detail + QStringLiteral(": the secret service has no default collection (login keyring)")};
    QDBusInterface properties(secretsName, collection, QStringLiteral("org.freedesktop.DBus.Properties"),
                              bus);
    const QDBusReply<QDBusVariant> isLocked = properties.call(
        QStringLiteral("Get"), QStringLiteral("org.freedesktop.Secret.Collection"), QStringLiteral("Locked"));
    if (!isLocked.isValid())
        return fromDBusError(isLocked.error());
    if (isLocked.value().variant().toBool())
        return {KeychainError::Locked,
                detail + QStringLiteral(": the default collection %1 is locked").arg(collection)};
    return {KeychainError::EntryMissing, detail};
}

KeychainResult KeychainProbe::classify(int qtKeychainError, const QString &text)
{
    const auto has = [&text](const char *fragment) {
        return text.contains(QLatin1String(fragment), Qt::CaseInsensitive);
    };
    const auto code = QKeychain::Error(qtKeychainError);
    if (code == QKeychain::NoError)
        return {};
    if (code == QKeychain::NoBackendAvailable || has("autolaunch") || has("Could not connect")
        || has("not provided by any .service files") || has("ServiceUnknown") || has("No keychain service")
        || has("D-Bus is not running") || has("No keyring daemon"))
        return {KeychainError::NoSecretService, text};
    // A bus policy refusing our messages names our process, whose path may say anything.
    if (code == QKeychain::AccessDeniedByUser || has("Rejected send message")
        || has("DBus.Error.AccessDenied"))
        return {KeychainError::AccessDenied, text};
    if (code == QKeychain::AccessDenied && has("denied"))
        return {KeychainError::AccessDenied, text}; // KWallet refused to open the wallet
    // libsecret maps SECRET_ERROR_IS_LOCKED to AccessDenied; a missing login
    // collection ("Object does not exist at path …/collection/login") is a
    // keyring nobody has set up or unlocked yet.
    if (code == QKeychain::AccessDenied || has("locked")
        || (has("Object does not exist at path") && has("/collection/")))
        return {KeychainError::Locked, text};
    if (has("NoReply") || has("Did not receive a reply") || has("timed out"))
        return {KeychainError::Timeout, text};
    if (code == QKeychain::EntryNotFound)
        return {KeychainError::EntryMissing, text};
    return {KeychainError::Other, text};
}

} // namespace ow::storage::Internal
