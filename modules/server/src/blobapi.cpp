// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "blobapi.h"

#include "apiutil.h"
#include "authorizer.h"
#include "serverdatabase.h"

#include "ow/server/tr.h"

#include <ow/core/hash.h>

#include <QDateTime>
#include <QHttpServer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

namespace {

Q_LOGGING_CATEGORY(lcBlobs, "ow.server.blobs")

constexpr qint64 kMaxBlobBytes = 20 * 1024 * 1024;
constexpr qint64 kMaxChunkBytes = 1024 * 1024;

using Status = QHttpServerResponse::StatusCode;

struct ContentRange
{
    qint64 start = 0;
    qint64 end = 0; // inclusive
    qint64 total = 0;
};

std::optional<ContentRange> parseContentRange(const QByteArray &header)
{
    static const QRegularExpression form(QStringLiteral("^bytes (\\d{1,12})-(\\d{1,12})/(\\d{1,12})$"));
    const auto match = form.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return std::nullopt;
    ContentRange range {match.captured(1).toLongLong(), match.captured(2).toLongLong(),
                        match.captured(3).toLongLong()};
    if (range.end < range.start || range.end >= range.total)
        return std::nullopt;
    return range;
}

QHttpServerResponse withOffset(QHttpServerResponse response, qint64 offset)
{
    response.setHeader("Upload-Offset", QByteArray::number(offset));
    return response;
}

class BlobApi
{
public:
    BlobApi(ServerDatabase &database, Authorizer &authorizer)
        : m_database(database)
        , m_authorizer(authorizer)
    { }

    QHttpServerResponse put(const QString &sha256, const QHttpServerRequest &request);
    QHttpServerResponse head(const QString &sha256, const QHttpServerRequest &request);
    QHttpServerResponse get(const QString &sha256, const QHttpServerRequest &request);

private:
    struct Held
    {
        bool whole = false;
        qint64 offset = 0; // bytes held of an unfinished upload
        qint64 total = 0;
    };
    std::optional<Held> held(QSqlDatabase &db, const QString &sha256, QString *error);
    QHttpServerResponse putChunk(const Principal &principal, const QString &sha256, const ContentRange &range,
                                 const QByteArray &body);
    QHttpServerResponse putWhole(const Principal &principal, const QString &sha256, const QByteArray &body);
    bool storeBlob(QSqlDatabase &db, const Principal &principal, const QString &sha256,
                   const QByteArray &content, QString *error);
    QHttpServerResponse failed(QSqlDatabase &db, const QString &detail)
    {
        db.rollback();
        qCWarning(lcBlobs).noquote() << detail;
        return databaseUnavailable();
    }

    ServerDatabase &m_database;
    Authorizer &m_authorizer;
};

bool validName(const QString &sha256, QHttpServerResponse *failure)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (hex.match(sha256).hasMatch())
        return true;
    *failure = errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("A blob is named by its SHA-256 in 64 lower-case hexadecimal digits."),
                             QStringLiteral("sha256"));
    return false;
}

std::optional<BlobApi::Held> BlobApi::held(QSqlDatabase &db, const QString &sha256, QString *error)
{
    Held result;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM blobs WHERE sha256 = ?"));
    query.addBindValue(sha256);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    if (query.next()) {
        result.whole = true;
        return result;
    }
    query.prepare(QStringLiteral("SELECT COALESCE(SUM(LENGTH(content)), 0), MAX(total) FROM blob_chunks"
                                 " WHERE sha256 = ?"));
    query.addBindValue(sha256);
    if (!query.exec() || !query.next()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    result.offset = query.value(0).toLongLong();
    result.total = query.value(1).toLongLong();
    return result;
}

bool BlobApi::storeBlob(QSqlDatabase &db, const Principal &principal, const QString &sha256,
                        const QByteArray &content, QString *error)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO blobs (sha256, size, content, uploader_office, uploaded_by, stored_at)"
                       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"));
    query.addBindValue(sha256);
    query.addBindValue(qint64(content.size()));
    query.addBindValue(content);
    query.addBindValue(principal.officeCode);
    query.addBindValue(principal.userId);
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    query.prepare(QStringLiteral("DELETE FROM blob_chunks WHERE sha256 = ?"));
    query.addBindValue(sha256);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

QHttpServerResponse stored(const QString &sha256, qint64 size, Status status)
{
    return QHttpServerResponse(
        QJsonObject {{QStringLiteral("sha256"), sha256}, {QStringLiteral("size"), double(size)}}, status);
}

QHttpServerResponse hashMismatch(const QString &sha256, const QString &actual)
{
    return errorResponse(
        Status::UnprocessableEntity, QStringLiteral("hash_mismatch"),
        Tr::tr("The uploaded content has SHA-256 %1, not %2; the upload was discarded.").arg(actual, sha256));
}

QHttpServerResponse BlobApi::putWhole(const Principal &principal, const QString &sha256,
                                      const QByteArray &body)
{
    const QString actual = core::Hasher::hashHex(body, core::HashAlgorithm::Sha256);
    if (actual != sha256)
        return hashMismatch(sha256, actual);
    QSqlDatabase db = m_database.database();
    if (!db.transaction())
        return failed(db, db.lastError().text());
    QString error;
    const auto before = held(db, sha256, &error);
    if (!before)
        return failed(db, error);
    if (!before->whole && !storeBlob(db, principal, sha256, body, &error))
        return failed(db, error);
    if (!db.commit())
        return failed(db, db.lastError().text());
    return stored(sha256, body.size(), before->whole ? Status::Ok : Status::Created);
}

QHttpServerResponse BlobApi::putChunk(const Principal &principal, const QString &sha256,
                                      const ContentRange &range, const QByteArray &body)
{
    if (range.total > kMaxBlobBytes)
        return errorResponse(Status::PayloadTooLarge, QStringLiteral("body_too_large"),
                             Tr::tr("An attachment can be at most %1 bytes.").arg(kMaxBlobBytes));
    if (range.end - range.start + 1 != body.size())
        return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("Content-Range announces %1 bytes but the request carries %2.")
                                 .arg(range.end - range.start + 1)
                                 .arg(body.size()),
                             QStringLiteral("Content-Range"));

    QSqlDatabase db = m_database.database();
    if (!db.transaction())
        return failed(db, db.lastError().text());
    QString error;
    const auto before = held(db, sha256, &error);
    if (!before)
        return failed(db, error);
    if (before->whole) {
        db.rollback();
        return stored(sha256, range.total, Status::Ok);
    }
    if (range.start != before->offset || (before->offset > 0 && range.total != before->total)) {
        db.rollback();
        return withOffset(
            errorResponse(Status::Conflict, QStringLiteral("upload_offset_mismatch"),
                          Tr::tr("The server holds %1 bytes of this upload (of %2); send from there.")
                              .arg(before->offset)
                              .arg(before->total)),
            before->offset);
    }
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO blob_chunks (sha256, start_offset, total, content, uploader_office)"
                       " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256, start_offset) DO NOTHING"));
    query.addBindValue(sha256);
    query.addBindValue(range.start);
    query.addBindValue(range.total);
    query.addBindValue(body);
    query.addBindValue(principal.officeCode);
    if (!query.exec())
        return failed(db, query.lastError().text());
    if (query.numRowsAffected() == 0) {
        // The same chunk came in through another server process just now.
        db.rollback();
        const auto now = held(db, sha256, &error);
        return withOffset(
            errorResponse(Status::Conflict, QStringLiteral("upload_offset_mismatch"),
                          Tr::tr("The server holds %1 bytes of this upload (of %2); send from there.")
                              .arg(now ? now->offset : 0)
                              .arg(range.total)),
            now ? now->offset : 0);
    }

    if (range.end + 1 < range.total) {
        if (!db.commit())
            return failed(db, db.lastError().text());
        return withOffset(QHttpServerResponse(QJsonObject {{QStringLiteral("sha256"), sha256},
                                                           {QStringLiteral("offset"), double(range.end + 1)}},
                                              Status::Accepted),
                          range.end + 1);
    }

    // The last chunk: put the pieces together and check the name.
    query.prepare(QStringLiteral("SELECT content FROM blob_chunks WHERE sha256 = ? ORDER BY start_offset"));
    query.addBindValue(sha256);
    if (!query.exec())
        return failed(db, query.lastError().text());
    QByteArray content;
    content.reserve(range.total);
    while (query.next())
        content.append(query.value(0).toByteArray());
    const QString actual = core::Hasher::hashHex(content, core::HashAlgorithm::Sha256);
    if (actual != sha256) {
        query.prepare(QStringLiteral("DELETE FROM blob_chunks WHERE sha256 = ?"));
        query.addBindValue(sha256);
        if (!query.exec() || !db.commit())
            return failed(db, query.lastError().text());
        return hashMismatch(sha256, actual);
    }
    if (!storeBlob(db, principal, sha256, content, &error))
        return failed(db, error);
    if (!db.commit())
        return failed(db, db.lastError().text());
    return stored(sha256, content.size(), Status::Created);
}

QHttpServerResponse BlobApi::put(const QString &sha256, const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!validName(sha256, &failure))
        return failure;
    const QByteArray body = request.body();
    const QByteArray rangeHeader = request.value("Content-Range");
    if (rangeHeader.isEmpty()) {
        if (body.size() > kMaxBlobBytes)
            return errorResponse(Status::PayloadTooLarge, QStringLiteral("body_too_large"),
                                 Tr::tr("An attachment can be at most %1 bytes.").arg(kMaxBlobBytes));
        return putWhole(*principal, sha256, body);
    }
    if (body.size() > kMaxChunkBytes)
        return errorResponse(Status::PayloadTooLarge, QStringLiteral("body_too_large"),
                             Tr::tr("A chunk can be at most %1 bytes.").arg(kMaxChunkBytes));
    const auto range = parseContentRange(rangeHeader);
    if (!range)
        return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("Content-Range must read \"bytes START-END/TOTAL\"."),
                             QStringLiteral("Content-Range"));
    return putChunk(*principal, sha256, *range, body);
}

QHttpServerResponse BlobApi::head(const QString &sha256, const QHttpServerRequest &request)
{
    // No bodies: the answer to HEAD is its status and headers.
    QHttpServerResponse failure(Status::InternalServerError);
    if (!m_authorizer.authenticate(request, &failure))
        return QHttpServerResponse(failure.statusCode());
    if (!validName(sha256, &failure))
        return QHttpServerResponse(failure.statusCode());
    QSqlDatabase db = m_database.database();
    QString error;
    const auto state = held(db, sha256, &error);
    if (!state) {
        qCWarning(lcBlobs).noquote() << error;
        return QHttpServerResponse(Status::ServiceUnavailable);
    }
    if (state->whole)
        return QHttpServerResponse(Status::Ok);
    if (state->offset > 0)
        return withOffset(QHttpServerResponse(Status::NotFound), state->offset);
    return QHttpServerResponse(Status::NotFound);
}

QHttpServerResponse BlobApi::get(const QString &sha256, const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!validName(sha256, &failure))
        return failure;
    QSqlQuery query(m_database.database());
    query.prepare(QStringLiteral(
        "SELECT b.content, CASE WHEN b.uploader_office = ? OR EXISTS (SELECT 1 FROM blob_refs r"
        " JOIN case_scope s ON s.case_id = r.case_id WHERE r.sha256 = b.sha256 AND s.office_code = ?)"
        " THEN 1 ELSE 0 END FROM blobs b WHERE b.sha256 = ?"));
    query.addBindValue(principal->officeCode);
    query.addBindValue(principal->officeCode);
    query.addBindValue(sha256);
    if (!query.exec()) {
        qCWarning(lcBlobs).noquote() << query.lastError().text();
        return databaseUnavailable();
    }
    if (!query.next())
        return errorResponse(Status::NotFound, QStringLiteral("not_found"),
                             Tr::tr("No attachment %1 is stored.").arg(sha256));
    if (query.value(1).toInt() != 1)
        return errorResponse(Status::Forbidden, QStringLiteral("forbidden"),
                             Tr::tr("The attachment %1 belongs to no case your office handles.").arg(sha256));
    return QHttpServerResponse(QByteArrayLiteral("application/octet-stream"), query.value(0).toByteArray());
}

} // namespace

void addBlobRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer)
{
    using Method = QHttpServerRequest::Method;
    auto api = std::make_shared<BlobApi>(database, authorizer);
    http.route(QStringLiteral("/api/v1/blobs/<arg>"), Method::Put,
               [api](const QString &sha256, const QHttpServerRequest &request) {
                   return api->put(sha256, request);
               });
    http.route(QStringLiteral("/api/v1/blobs/<arg>"), Method::Head,
               [api](const QString &sha256, const QHttpServerRequest &request) {
                   return api->head(sha256, request);
               });
    http.route(QStringLiteral("/api/v1/blobs/<arg>"), Method::Get,
               [api](const QString &sha256, const QHttpServerRequest &request) {
                   return api->get(sha256, request);
               });
}

} // namespace ow::server::Internal
