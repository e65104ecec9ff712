// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "verifyapi.h"

#include "apiutil.h"
#include "serverdatabase.h"

#include "ow/server/tr.h"

#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

namespace {

Q_LOGGING_CATEGORY(lcVerify, "ow.server.verify")

// What of a certificate-produced payload a verifier is shown: enough to
// compare with the paper, nothing more.
const QStringList shownFields {QStringLiteral("holder"),          QStringLiteral("number"),
                               QStringLiteral("certificateType"), QStringLiteral("itemName"),
                               QStringLiteral("issuedAt"),        QStringLiteral("validUntil")};

QHttpServerResponse verify(ServerDatabase &database, const QString &certificateId)
{
    static const QRegularExpression wellFormed(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    if (!wellFormed.match(certificateId).hasMatch())
        return errorResponse(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("\"%1\" is not a certificate number.").arg(certificateId.left(140)),
                             QStringLiteral("certificateId"));
    QSqlQuery query(database.database());
    query.prepare(QStringLiteral("SELECT payload FROM certificates WHERE certificate_id = ?"));
    query.addBindValue(certificateId);
    if (!query.exec()) {
        qCWarning(lcVerify).noquote() << query.lastError().text();
        return databaseUnavailable();
    }
    QJsonObject body {{QStringLiteral("certificateId"), certificateId}};
    if (!query.next()) {
        body.insert(QStringLiteral("status"), QStringLiteral("unknown"));
        body.insert(QStringLiteral("reason"),
                    Tr::tr("No certificate with this number was issued through this server."));
        return QHttpServerResponse(body);
    }
    const QJsonObject payload = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    body.insert(QStringLiteral("status"), QStringLiteral("genuine"));
    body.insert(QStringLiteral("reason"),
                Tr::tr("This certificate was issued and recorded by the service centre."));
    for (const QString &field : shownFields) {
        if (payload.contains(field))
            body.insert(field, payload.value(field));
    }
    return QHttpServerResponse(body);
}

} // namespace

void addVerifyRoutes(QHttpServer &http, ServerDatabase &database)
{
    http.route(QStringLiteral("/api/v1/verify/<arg>"), QHttpServerRequest::Method::Get,
               [&database](const QString &certificateId, const QHttpServerRequest &) {
                   return verify(database, certificateId);
               });
}

} // namespace ow::server::Internal
