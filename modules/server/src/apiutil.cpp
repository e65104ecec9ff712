// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "apiutil.h"

#include "ow/server/tr.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace ow::server::Internal {

QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString &code,
                                  const QString &message, const QString &field)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), error}}, status);
}

std::optional<QJsonObject> parseJsonObjectBody(const QHttpServerRequest &request, qint64 maxBytes,
                                               QHttpServerResponse *failure)
{
    return parseJsonObjectBody(request.body(), maxBytes, failure);
}

std::optional<QJsonObject> parseJsonObjectBody(const QByteArray &body, qint64 maxBytes,
                                               QHttpServerResponse *failure)
{
    if (body.size() > maxBytes) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::PayloadTooLarge, QStringLiteral("body_too_large"),
                                 Tr::tr("The request body is larger than %1 bytes.").arg(maxBytes));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("malformed_json"),
                                 Tr::tr("The request body is not valid JSON (at byte %1: %2).")
                                     .arg(parseError.offset)
                                     .arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!document.isObject()) {
        *failure = errorResponse(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("invalid_request"),
                                 Tr::tr("The request body must be a JSON object."));
        return std::nullopt;
    }
    return document.object();
}

std::optional<QHttpServerResponse> rejectUnknownFields(const QJsonObject &object, const QStringList &allowed,
                                                       const QString &path)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (allowed.contains(it.key()))
            continue;
        const QString field = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
        return errorResponse(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("Unknown field \"%1\".").arg(field), field);
    }
    return std::nullopt;
}

QHttpServerResponse databaseUnavailable()
{
    return errorResponse(QHttpServerResponse::StatusCode::ServiceUnavailable,
                         QStringLiteral("database_unavailable"),
                         Tr::tr("The server's database is not available; try again later."));
}

} // namespace ow::server::Internal
