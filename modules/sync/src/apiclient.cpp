// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/apiclient.h"

#include "ow/sync/tr.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace ow::sync {

ApiReply::ApiReply(QNetworkReply *reply, qint64 bytesSent, QObject *parent)
    : QObject(parent)
    , m_reply(reply)
    , m_bytesSent(bytesSent)
{
    connect(reply, &QNetworkReply::finished, this, &ApiReply::complete);
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray ApiReply::rawHeader(const QByteArray &name) const
{
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

void ApiReply::abort()
{
    if (!m_reply || m_finished)
        return;
    m_reply->abort();
    if (!m_finished) // abort() normally finishes the reply at once
        complete();
}

void ApiReply::complete()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_body = reply->readAll();
    m_headers = reply->rawHeaderPairs();
    const QJsonDocument document = QJsonDocument::fromJson(m_body);
    if (document.isObject())
        m_json = document.object();

    if (m_status == 0) {
        // No HTTP answer: the link, the name lookup or the timeout.
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        m_error.code = timedOut ? QStringLiteral("timeout") : QStringLiteral("network");
        m_error.message = timedOut
            ? Tr::tr("The central server did not answer in time.")
            : Tr::tr("The central server cannot be reached: %1").arg(reply->errorString());
    } else if (m_status < 200 || m_status > 299) {
        const QJsonObject error = m_json.value(QStringLiteral("error")).toObject();
        m_error.httpStatus = m_status;
        m_error.code = error.value(QStringLiteral("code")).toString();
        m_error.message = error.value(QStringLiteral("message")).toString();
        m_error.field = error.value(QStringLiteral("field")).toString();
        if (m_error.code.isEmpty())
            m_error.code = QStringLiteral("http_%1").arg(m_status);
        if (m_error.message.isEmpty())
            m_error.message = Tr::tr("The central server answered with HTTP status %1.").arg(m_status);
        bool ok = false;
        const int retryAfter = rawHeader("Retry-After").toInt(&ok);
        if (ok)
            m_error.retryAfterSeconds = retryAfter;
    }
    m_finished = true;
    emit finished();
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{ }

ApiClient::~ApiClient() = default;

QUrl ApiClient::apiUrl(const QString &path) const
{
    QUrl url = m_serverUrl;
    QString base = url.path();
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    if (!base.endsWith(QLatin1String("/api/v1/")))
        base += QStringLiteral("api/v1/");
    url.setPath(base + path);
    return url;
}

QNetworkRequest ApiClient::request(const QString &path, const QString &query) const
{
    QUrl url = apiUrl(path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

ApiReply *ApiClient::track(QNetworkReply *reply, qint64 bytesSent)
{
    return new ApiReply(reply, bytesSent, this);
}

namespace {

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ApiReply *ApiClient::login(const QString &user, const QString &password, const QString &deviceId)
{
    QNetworkRequest req = request(QStringLiteral("session"));
    req.setRawHeader("Authorization", QByteArray());
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body = jsonBody({{QStringLiteral("user"), user},
                                      {QStringLiteral("password"), password},
                                      {QStringLiteral("deviceId"), deviceId}});
    ApiReply *reply = track(m_network->post(req, body), body.size());
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (reply->ok())
            m_token = reply->json().value(QStringLiteral("token")).toString();
    });
    return reply;
}

ApiReply *ApiClient::push(const QString &deviceId, const QJsonArray &events)
{
    QNetworkRequest req = request(QStringLiteral("events"));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body
        = jsonBody({{QStringLiteral("deviceId"), deviceId}, {QStringLiteral("events"), events}});
    return track(m_network->post(req, body), body.size());
}

ApiReply *ApiClient::pull(const QString &cursor, int limit)
{
    QUrlQuery query;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("after"), cursor);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return track(m_network->get(request(QStringLiteral("events"), query.toString(QUrl::FullyEncoded))), 0);
}

ApiReply *ApiClient::catalog(const QString &sinceVersion)
{
    QUrlQuery query;
    if (!sinceVersion.isEmpty())
        query.addQueryItem(QStringLiteral("since"), sinceVersion);
    return track(m_network->get(request(QStringLiteral("catalog"), query.toString(QUrl::FullyEncoded))), 0);
}

ApiReply *ApiClient::blobHead(const QString &sha256)
{
    return track(m_network->head(request(QStringLiteral("blobs/") + sha256)), 0);
}

ApiReply *ApiClient::blobPut(const QString &sha256, const QByteArray &chunk, qint64 offset, qint64 total)
{
    QNetworkRequest req = request(QStringLiteral("blobs/") + sha256);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    if (offset != 0 || chunk.size() != total) {
        const qint64 end = offset + chunk.size() - 1;
        req.setRawHeader("Content-Range",
                         QByteArrayLiteral("bytes ") + QByteArray::number(offset) + '-'
                             + QByteArray::number(end) + '/' + QByteArray::number(total));
    }
    return track(m_network->put(req, chunk), chunk.size());
}

ApiReply *ApiClient::stockRanges()
{
    return track(m_network->get(request(QStringLiteral("stock/ranges"))), 0);
}

ApiReply *ApiClient::certificateCode(const QString &certificateId)
{
    return track(m_network->get(request(QStringLiteral("certificates/%1/code")
                                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(certificateId))))),
                 0);
}

ApiReply *ApiClient::treeHead()
{
    return track(m_network->get(request(QStringLiteral("log/tree-head"))), 0);
}

ApiReply *ApiClient::consistencyProof(qint64 first, qint64 second)
{
    return track(m_network->get(request(QStringLiteral("log/consistency"),
                                        QStringLiteral("first=%1&second=%2").arg(first).arg(second))),
                 0);
}

ApiReply *ApiClient::logPublicKey()
{
    return track(m_network->get(request(QStringLiteral("log/public-key"))), 0);
}

} // namespace ow::sync
