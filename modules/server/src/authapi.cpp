// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "authapi.h"

#include "apiutil.h"
#include "authorizer.h"
#include "authstore.h"
#include "certificateauthority.h"
#include "password.h"
#include "serverdatabase.h"
#include "treehead.h"

#include "ow/server/tr.h"

#include <QDateTime>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>
#include <QVariant>

#include <openssl/rand.h>

namespace ow::server::Internal {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "ow.server.auth")

constexpr qint64 kSessionBodyLimit = 16 * 1024;
// One office often signs in from one address (NAT), so an address gets more tries than a user name.
constexpr int kMaxFailuresPerUser = 5;
constexpr int kMaxFailuresPerAddress = 20;
constexpr qint64 kFailureWindowMs = 5 * 60 * 1000;

using Status = QHttpServerResponse::StatusCode;

QString isoUtc(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODate);
}

class AuthApi
{
public:
    AuthApi(ServerDatabase &database, Authorizer &authorizer, const ServerConfig &config,
            const CertificateAuthority &authority)
        : m_database(database)
        , m_authorizer(authorizer)
        , m_config(config)
        , m_authority(authority)
    {}

    QHttpServerResponse signIn(const QHttpServerRequest &request);
    QHttpServerResponse signOut(const QHttpServerRequest &request);
    QHttpServerResponse catalog(const QHttpServerRequest &request);

private:
    // Seconds until the oldest counted failure leaves the window, or 0 when below the limit.
    std::optional<qint64> retryAfter(QSqlDatabase &db, const QString &kind, const QString &subject, qint64 now);
    bool recordFailure(QSqlDatabase &db, const QString &userName, const QString &address, qint64 now);

    ServerDatabase &m_database;
    Authorizer &m_authorizer;
    const ServerConfig &m_config;
    const CertificateAuthority &m_authority;
};

std::optional<qint64> AuthApi::retryAfter(QSqlDatabase &db, const QString &kind, const QString &subject, qint64 now)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*), MIN(failed_at) FROM login_failures"
                                 " WHERE kind = ? AND subject = ? AND failed_at > ?"));
    query.addBindValue(kind);
    query.addBindValue(subject);
    query.addBindValue(now - kFailureWindowMs);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const int limit = kind == QLatin1String("user") ? kMaxFailuresPerUser : kMaxFailuresPerAddress;
    if (query.value(0).toLongLong() < limit)
        return 0;
    const qint64 until = query.value(1).toLongLong() + kFailureWindowMs;
    return std::max<qint64>(1, (until - now + 999) / 1000);
}

bool AuthApi::recordFailure(QSqlDatabase &db, const QString &userName, const QString &address, qint64 now)
{
    if (!db.transaction())
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM login_failures WHERE failed_at <= ?"));
    query.addBindValue(now - kFailureWindowMs);
    bool ok = query.exec();
    for (const auto &[kind, subject] : {std::pair{QStringLiteral("user"), userName},
                                        std::pair{QStringLiteral("address"), address}}) {
        query.prepare(QStringLiteral("INSERT INTO login_failures (kind, subject, failed_at) VALUES (?, ?, ?)"));
        query.addBindValue(kind);
        query.addBindValue(subject);
        query.addBindValue(now);
        ok = ok && query.exec();
    }
    if (!ok || !db.commit()) {
        db.rollback();
        return false;
    }
    return true;
}

QHttpServerResponse AuthApi::signIn(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::BadRequest);
    const auto body = parseJsonObjectBody(request, kSessionBodyLimit, &failure);
    if (!body)
        return failure;
    const QStringList fields{QStringLiteral("user"), QStringLiteral("password"), QStringLiteral("deviceId")};
    if (auto unknown = rejectUnknownFields(*body, fields))
        return std::move(*unknown);
    for (const QString &field : fields) {
        const QJsonValue value = body->value(field);
        if (!value.isString() || value.toString().isEmpty())
            return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                                 Tr::tr("\"%1\" must be a non-empty string.").arg(field), field);
    }
    const QString userName = body->value(QStringLiteral("user")).toString();
    const QString password = body->value(QStringLiteral("password")).toString();
    const QString deviceId = body->value(QStringLiteral("deviceId")).toString();
    if (deviceId.size() > 64)
        return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("\"deviceId\" is too long."), QStringLiteral("deviceId"));
    const QString address = request.remoteAddress().toString();

    QSqlDatabase db = m_database.database();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto userWait = retryAfter(db, QStringLiteral("user"), userName, now);
    const auto addressWait = retryAfter(db, QStringLiteral("address"), address, now);
    if (!userWait || !addressWait)
        return databaseUnavailable();
    if (const qint64 wait = std::max(*userWait, *addressWait); wait > 0) {
        qCWarning(lcAuth).noquote() << "sign-in refused: too many failures for" << userName << "from" << address;
        QHttpServerResponse response = errorResponse(
            Status::TooManyRequests, QStringLiteral("rate_limited"),
            Tr::tr("Too many failed sign-ins; try again in %n second(s).", nullptr, int(wait)));
        response.setHeader("Retry-After", QByteArray::number(wait));
        return response;
    }

    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT u.id, u.display_name, u.password_hash, u.disabled, o.code, o.name,"
                                 " o.region_code, o.parent_code FROM users u JOIN offices o ON o.code = u.office_code"
                                 " WHERE u.name = ?"));
    query.addBindValue(userName);
    if (!query.exec())
        return databaseUnavailable();
    const bool known = query.next();
    const bool passwordOk = known ? Password::verify(query.value(2).toString(), password)
                                  : (Password::verifyDummy(password), false);
    if (!passwordOk) {
        qCWarning(lcAuth).noquote() << "sign-in failed for" << userName << "from" << address;
        if (!recordFailure(db, userName, address, now))
            return databaseUnavailable();
        return errorResponse(Status::Unauthorized, QStringLiteral("invalid_credentials"),
                             Tr::tr("The user name or password is wrong."));
    }
    const QString userId = query.value(0).toString();
    const QString displayName = query.value(1).toString();
    const QString passwordHash = query.value(2).toString();
    const bool disabled = query.value(3).toLongLong() != 0;
    const QJsonObject office{{QStringLiteral("code"), query.value(4).toString()},
                             {QStringLiteral("name"), query.value(5).toString()},
                             {QStringLiteral("regionCode"), query.value(6).toString()},
                             {QStringLiteral("parent"), query.value(7).isNull() ? QJsonValue(QJsonValue::Null)
                                                                                 : QJsonValue(query.value(7).toString())}};
    if (disabled) {
        qCWarning(lcAuth).noquote() << "sign-in refused: account disabled:" << userName;
        return errorResponse(Status::Forbidden, QStringLiteral("account_disabled"),
                             Tr::tr("This account is disabled; ask the administrator."));
    }
    QString error;
    const auto principal = loadPrincipal(db, userId, &error);
    if (!principal)
        return databaseUnavailable();

    QByteArray raw(32, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), int(raw.size())) != 1)
        return databaseUnavailable();
    const QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const qint64 expiresAt = now + qint64(m_config.tokenLifetimeSeconds) * 1000;

    if (!db.transaction())
        return databaseUnavailable();
    query.prepare(QStringLiteral("DELETE FROM login_failures WHERE kind = 'user' AND subject = ?"));
    query.addBindValue(userName);
    bool ok = query.exec();
    query.prepare(QStringLiteral("INSERT INTO tokens (token_sha256, user_id, device_id, issued_at, expires_at)"
                                 " VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(Authorizer::tokenDigest(token));
    query.addBindValue(userId);
    query.addBindValue(deviceId);
    query.addBindValue(now);
    query.addBindValue(expiresAt);
    ok = ok && query.exec();
    if (!ok || !db.commit()) {
        db.rollback();
        return databaseUnavailable();
    }
    qCInfo(lcAuth).noquote() << "signed in:" << userName << "device" << deviceId;

    QJsonArray roles;
    for (const cases::Role role : principal->roles)
        roles.append(cases::roleName(role));
    QJsonObject response{
        {QStringLiteral("token"), QString::fromLatin1(token)},
        {QStringLiteral("expiresAt"), isoUtc(expiresAt)},
        {QStringLiteral("user"),
         QJsonObject{{QStringLiteral("id"), userId},
                     {QStringLiteral("name"), userName},
                     {QStringLiteral("displayName"), displayName},
                     {QStringLiteral("roles"), roles},
                     {QStringLiteral("office"), office},
                     {QStringLiteral("departments"), QJsonArray::fromStringList(principal->departments)}}},
        {QStringLiteral("credential"),
         QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("argon2id")}, {QStringLiteral("hash"), passwordHash}}},
    };
    // Empty only while the log is not set up; the workstation then verifies tree heads later.
    if (const QString key = logPublicKeyBase64(); !key.isEmpty())
        response.insert(QStringLiteral("log"), QJsonObject{{QStringLiteral("publicKey"), key}});
    return QHttpServerResponse(response);
}

QHttpServerResponse AuthApi::signOut(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::Unauthorized);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    QSqlDatabase db = m_database.database();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE token_sha256 = ? AND revoked_at IS NULL"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(Authorizer::tokenDigest(Authorizer::bearerToken(request)));
    if (!query.exec())
        return databaseUnavailable();
    qCInfo(lcAuth).noquote() << "signed out:" << principal->userName;
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse AuthApi::catalog(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::Unauthorized);
    if (!m_authorizer.authenticate(request, &failure))
        return failure;
    const QUrlQuery urlQuery(request.url());
    QSqlDatabase db = m_database.database();
    QSqlQuery query(db);
    qint64 after = 0;
    if (urlQuery.hasQueryItem(QStringLiteral("since"))) {
        const QString since = urlQuery.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded);
        query.prepare(QStringLiteral("SELECT seq FROM catalog_versions WHERE version = ?"));
        query.addBindValue(since);
        if (!query.exec())
            return databaseUnavailable();
        // A version the server does not know (another server's, or a typo) gives everything:
        // the workstation recognises what it holds by version.
        if (query.next())
            after = query.value(0).toLongLong();
    }
    query.prepare(QStringLiteral("SELECT version, sha256, document FROM catalog_versions WHERE seq > ? ORDER BY seq"));
    query.addBindValue(after);
    if (!query.exec())
        return databaseUnavailable();
    QJsonArray versions;
    while (query.next()) {
        QJsonObject document = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
        // The signing key's public half, so workstations verify codes offline with the catalogue
        // (`sha256` stays that of the document as imported).
        if (m_authority.isEnabled()) {
            QJsonArray keys;
            for (const QJsonValue &key : document.value(QStringLiteral("authorityKeys")).toArray()) {
                if (key[QStringLiteral("id")].toString() != m_authority.id())
                    keys.append(key);
            }
            keys.append(m_authority.publicKeyEntry());
            document.insert(QStringLiteral("authorityKeys"), keys);
        }
        versions.append(QJsonObject{
            {QStringLiteral("version"), query.value(0).toString()},
            {QStringLiteral("sha256"), query.value(1).toString()},
            {QStringLiteral("document"), document},
        });
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("versions"), versions}});
}

} // namespace

void registerAuthRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer,
                        const ServerConfig &config, const CertificateAuthority &authority)
{
    // Owned by the server through the routes' captures, which live as long as `http`.
    auto api = std::make_shared<AuthApi>(database, authorizer, config, authority);
    http.route(QStringLiteral("/api/v1/session"), QHttpServerRequest::Method::Post,
               [api](const QHttpServerRequest &request) { return api->signIn(request); });
    http.route(QStringLiteral("/api/v1/session"), QHttpServerRequest::Method::Delete,
               [api](const QHttpServerRequest &request) { return api->signOut(request); });
    http.route(QStringLiteral("/api/v1/catalog"), QHttpServerRequest::Method::Get,
               [api](const QHttpServerRequest &request) { return api->catalog(request); });
}

} // namespace ow::server::Internal
