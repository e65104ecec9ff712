// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::server::Internal {

// {"error": {"code", "message", "field"?}} with `status` (docs/sync-api.md, Errors).
QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString &code,
                                  const QString &message, const QString &field = QString());
// Parses a JSON object body: 413 body_too_large over maxBytes, 400 malformed_json, 400 invalid_request
// when not an object. On failure returns nullopt and sets *failure.
std::optional<QJsonObject> parseJsonObjectBody(const QHttpServerRequest &request, qint64 maxBytes,
                                               QHttpServerResponse *failure);
// The same for a body already read from its request.
std::optional<QJsonObject> parseJsonObjectBody(const QByteArray &body, qint64 maxBytes,
                                               QHttpServerResponse *failure);
// 400 invalid_request naming the first key of `object` not in `allowed` (unknown fields are refused).
// `path` prefixes the field name ("events[3]" gives "events[3].foo").
std::optional<QHttpServerResponse> rejectUnknownFields(const QJsonObject &object, const QStringList &allowed,
                                                       const QString &path = QString());

// 503 database_unavailable, for a query that failed for reasons the caller cannot fix.
QHttpServerResponse databaseUnavailable();

} // namespace ow::server::Internal
