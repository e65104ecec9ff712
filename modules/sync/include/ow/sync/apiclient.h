// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace ow::sync {

// An error as the central server reports it (docs/sync-api.md, "Errors"), or
// a network failure (httpStatus 0, code "network" or "timeout").
struct OW_SYNC_EXPORT ApiError
{
    int httpStatus = 0;
    QString code; // the server's machine code, e.g. "resync_required"
    QString message; // translated, for the user
    QString field;
    int retryAfterSeconds = -1; // from Retry-After, when given

    bool isNull() const { return code.isEmpty() && httpStatus == 0; }
    bool isNetwork() const { return httpStatus == 0 && !code.isEmpty(); }
    // Worth trying again later: no answer, 5xx, 429.
    bool isTransient() const { return httpStatus == 0 || httpStatus >= 500 || httpStatus == 429; }
};

// The answer to one request. Emits finished() once; the caller deletes it
// (deleteLater()) after reading it.
class OW_SYNC_EXPORT ApiReply : public QObject
{
    Q_OBJECT

public:
    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    // A 2xx answer.
    bool ok() const { return m_finished && m_error.isNull(); }
    int httpStatus() const { return m_status; }
    QByteArray body() const { return m_body; }
    // The body as a JSON object (empty when it is not one).
    QJsonObject json() const { return m_json; }
    QByteArray rawHeader(const QByteArray &name) const;
    ApiError error() const { return m_error; }
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_body.size(); }
    void abort();

signals:
    void finished();

private:
    friend class ApiClient;
    ApiReply(QNetworkReply *reply, qint64 bytesSent, QObject *parent);
    void complete();

    QNetworkReply *m_reply;
    QByteArray m_body;
    QJsonObject m_json;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    ApiError m_error;
    int m_status = 0;
    qint64 m_bytesSent = 0;
    bool m_finished = false;
};

// The central server's HTTP API (docs/sync-api.md), asynchronous: each call
// returns an ApiReply at once. The session (server URL and bearer token) is
// given to it; login() exists for tools and tests. Not thread-safe: use it
// in the thread that created it.
class OW_SYNC_EXPORT ApiClient : public QObject
{
    Q_OBJECT

public:
    // Blob chunks: at most 1 MiB each (docs/sync-api.md, "Blobs").
    static constexpr qint64 ChunkSize = 1024 * 1024;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // The server's root, e.g. http://county.example:8443/ (the API is under /api/v1).
    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    QUrl serverUrl() const { return m_serverUrl; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    // A request with no progress for this long fails with code "timeout".
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // POST /session; on success also keeps the token.
    ApiReply *login(const QString &user, const QString &password, const QString &deviceId);
    ApiReply *push(const QString &deviceId, const QJsonArray &events);
    ApiReply *pull(const QString &cursor, int limit = 500);
    ApiReply *blobHead(const QString &sha256);
    // The whole blob at once (offset 0, size = total) or one chunk with Content-Range.
    ApiReply *blobPut(const QString &sha256, const QByteArray &chunk, qint64 offset, qint64 total);
    // Catalogue versions imported after `sinceVersion` (all when empty).
    ApiReply *catalog(const QString &sinceVersion);
    ApiReply *treeHead();
    ApiReply *consistencyProof(qint64 first, qint64 second);
    ApiReply *logPublicKey();
    // GET /stock/ranges: the pre-printed certificate paper issued to the caller's office.
    ApiReply *stockRanges();
    // GET /certificates/{id}/code: the verification code of a certificate in the caller's scope.
    ApiReply *certificateCode(const QString &certificateId);

    // The URL of an API path such as "events".
    QUrl apiUrl(const QString &path) const;

private:
    QNetworkRequest request(const QString &path, const QString &query = {}) const;
    ApiReply *track(QNetworkReply *reply, qint64 bytesSent);

    QNetworkAccessManager *m_network;
    QUrl m_serverUrl;
    QString m_token;
    int m_timeoutMs = 30000;
};

} // namespace ow::sync
