// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/signinservice.h"
#include "ow/sync/tr.h"

#include <ow/core/uuid.h>
#include <ow/storage/credentialrepository.h>
#include <ow/storage/settingsrepository.h>

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <sodium.h>

namespace ow::sync {

namespace {

const char kDeviceIdKey[] = "device.id";

QUrl sessionUrl(const QUrl &serverUrl)
{
    QUrl url = serverUrl;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + QLatin1String("api/v1/session"));
    return url;
}

// Whether the server itself answered (so its verdict stands) rather than the
// network failing on the way.
bool serverAnswered(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status >= 400 && status < 500;
}

} // namespace

SignInService::SignInService(const QSqlDatabase &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_network(new QNetworkAccessManager(this))
{
    // libsodium is initialised once per process; repeat calls are cheap and safe.
    if (sodium_init() < 0)
        qFatal("libsodium cannot be initialised");
}

SignInService::~SignInService()
{
    forgetPassword();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QString SignInService::deviceId(const QSqlDatabase &store)
{
    storage::SettingsRepository settings(store);
    QString id = settings.value(QLatin1String(kDeviceIdKey));
    if (id.isEmpty()) {
        id = core::Uuid::createV7String();
        if (!settings.setValue(QLatin1String(kDeviceIdKey), id))
            return {};
    }
    return id;
}

void SignInService::forgetPassword()
{
    if (!m_password.isEmpty())
        sodium_memzero(m_password.data(), size_t(m_password.size()));
    m_password.clear();
}

void SignInService::signIn(const QUrl &serverUrl, const QString &userName, const QString &password)
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    forgetPassword();
    m_serverUrl = serverUrl;
    m_userName = userName;
    m_password = password.toUtf8();

    const QString device = deviceId(m_store);
    if (device.isEmpty()) {
        finish({false, {}, Tr::tr("The local store cannot record this workstation's device id."),
                QStringLiteral("store_error")});
        return;
    }
    QNetworkRequest request(sessionUrl(serverUrl));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    const QJsonObject body{{QStringLiteral("user"), userName},
                           {QStringLiteral("password"), password},
                           {QStringLiteral("deviceId"), device}};
    m_reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply] { onReply(reply); });
}

void SignInService::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;

    const QByteArray body = reply->readAll();
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (reply->error() == QNetworkReply::NoError) {
        QString problem;
        const auto profile = UserProfile::fromJson(json.value(QLatin1String("user")).toObject(), &problem);
        const QString token = json.value(QLatin1String("token")).toString();
        if (!profile || token.isEmpty()) {
            finish({false, {}, Tr::tr("The central server sent an incomplete answer: %1").arg(problem),
                    QStringLiteral("bad_response")});
            return;
        }
        UserSession session;
        session.user = *profile;
        session.serverUrl = m_serverUrl;
        session.deviceId = deviceId(m_store);
        session.token = token;
        session.expiresAt = QDateTime::fromString(json.value(QLatin1String("expiresAt")).toString(),
                                                  Qt::ISODateWithMs);
        session.logPublicKey = json.value(QLatin1String("log")).toObject().value(QLatin1String("publicKey")).toString();

        // The server's hash, not the password, is what stays on this workstation.
        const QString hash = json.value(QLatin1String("credential")).toObject().value(QLatin1String("hash")).toString();
        if (hash.startsWith(QLatin1String("$argon2id$"))) {
            storage::CredentialRepository credentials(m_store);
            storage::CachedCredential cached{profile->name,
                                             QString::fromUtf8(QJsonDocument(profile->toJson()).toJson(QJsonDocument::Compact)),
                                             hash, QDateTime::currentDateTimeUtc()};
            if (!credentials.put(cached))
                qWarning("The credential cache cannot be updated: %s", qPrintable(credentials.lastError()));
        }
        finish({true, session, {}, {}});
        return;
    }

    if (serverAnswered(reply)) {
        const QJsonObject error = json.value(QLatin1String("error")).toObject();
        const QString code = error.value(QLatin1String("code")).toString(QStringLiteral("refused"));
        QString message = error.value(QLatin1String("message")).toString();
        if (message.isEmpty())
            message = Tr::tr("The central server refused the sign-in (HTTP %1).")
                          .arg(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
        // A disabled account must not keep working offline on this workstation.
        if (code == QLatin1String("account_disabled"))
            storage::CredentialRepository(m_store).remove(m_userName);
        finish({false, {}, message, code});
        return;
    }
    finish(signInOffline(reply->errorString()));
}

SignInService::Result SignInService::signInOffline(const QString &reasonOnline)
{
    const auto cached = storage::CredentialRepository(m_store).find(m_userName);
    if (!cached) {
        return {false, {},
                Tr::tr("The central server cannot be reached (%1), and %2 has not signed in on this "
                       "workstation before. Sign in once while connected; after that you can also "
                       "work offline.")
                    .arg(reasonOnline, m_userName),
                QStringLiteral("offline_unknown_user")};
    }
    const QByteArray hash = cached->passwordHash.toLatin1();
    if (crypto_pwhash_str_verify(hash.constData(), m_password.constData(),
                                 static_cast<unsigned long long>(m_password.size()))
        != 0) {
        return {false, {}, Tr::tr("Wrong user name or password."), QStringLiteral("invalid_credentials")};
    }
    QString problem;
    const auto profile = UserProfile::fromJson(QJsonDocument::fromJson(cached->userJson.toUtf8()).object(),
                                               &problem);
    if (!profile)
        return {false, {}, problem, QStringLiteral("store_error")};
    UserSession session;
    session.user = *profile;
    session.serverUrl = m_serverUrl;
    session.deviceId = deviceId(m_store);
    return {true, session, {}, {}};
}

void SignInService::finish(const Result &result)
{
    forgetPassword();
    emit finished(result);
}

void SignInService::signOut(const UserSession &session)
{
    if (!session.isOnline())
        return;
    QNetworkRequest request(sessionUrl(session.serverUrl));
    request.setRawHeader("Authorization", "Bearer " + session.token.toLatin1());
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->deleteResource(request);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

} // namespace ow::sync
