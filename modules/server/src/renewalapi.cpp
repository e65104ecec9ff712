// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "renewalapi.h"

#include "apiutil.h"
#include "authorizer.h"
#include "renewals.h"
#include "serverdatabase.h"
#include "ow/server/tr.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QLoggingCategory>

namespace ow::server::Internal {

namespace {

Q_LOGGING_CATEGORY(lcRenewals, "ow.server.renewals")

using Status = QHttpServerResponse::StatusCode;

constexpr qint64 kMaxBodyBytes = 4096;
constexpr int kMaxWindowDays = 180;

QHttpServerResponse forbidden(const QString &message)
{
    return errorResponse(Status::Forbidden, QStringLiteral("forbidden"), message);
}

QHttpServerResponse runRenewals(ServerDatabase &database, Authorizer &authorizer, const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!principal->hasRole(cases::Role::Admin))
        return forbidden(Tr::tr("Only an administrator can start the renewals."));
    QJsonObject body;
    if (!request.body().isEmpty()) {
        const auto parsed = parseJsonObjectBody(request, kMaxBodyBytes, &failure);
        if (!parsed)
            return failure;
        body = *parsed;
    }
    if (auto unknown = rejectUnknownFields(body, {QStringLiteral("today"), QStringLiteral("windowDays")}))
        return std::move(*unknown);
    QDate today = QDate::currentDate();
    if (body.contains(QStringLiteral("today"))) {
        today = QDate::fromString(body.value(QStringLiteral("today")).toString(), Qt::ISODate);
        if (!today.isValid())
            return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                                 Tr::tr("\"today\" must be a date such as 2026-11-30."), QStringLiteral("today"));
    }
    int window = 30;
    if (body.contains(QStringLiteral("windowDays"))) {
        const QJsonValue value = body.value(QStringLiteral("windowDays"));
        window = value.toInt(-1);
        if (!value.isDouble() || window < 0 || window > kMaxWindowDays || value.toDouble() != window)
            return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                                 Tr::tr("\"windowDays\" must be a whole number from 0 to %1.").arg(kMaxWindowDays),
                                 QStringLiteral("windowDays"));
    }
    QString error;
    const auto run = Renewals(database.database(), database.dialect()).run(today, window, &error);
    if (!run) {
        qCWarning(lcRenewals).noquote() << "renewals failed:" << error;
        return databaseUnavailable();
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("created"), QJsonArray::fromStringList(run->caseIds)},
                                            {QStringLiteral("heldBack"), run->heldBack},
                                            {QStringLiteral("alreadyRenewed"), run->alreadyRenewed}});
}

QHttpServerResponse recordViolation(ServerDatabase &database, Authorizer &authorizer,
                                    const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!principal->hasRole(cases::Role::Admin) && !principal->hasRole(cases::Role::Supervisor))
        return forbidden(Tr::tr("Only a supervisor or an administrator can record a violation."));
    const auto body = parseJsonObjectBody(request, kMaxBodyBytes, &failure);
    if (!body)
        return failure;
    if (auto unknown = rejectUnknownFields(*body, {QStringLiteral("holderId"), QStringLiteral("reason")}))
        return std::move(*unknown);
    const QString holder = body->value(QStringLiteral("holderId")).toString();
    const QString reason = body->value(QStringLiteral("reason")).toString();
    if (holder.trimmed().isEmpty())
        return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("\"holderId\" must be the holder's ID number or credit code."),
                             QStringLiteral("holderId"));
    if (reason.trimmed().isEmpty())
        return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                             Tr::tr("\"reason\" must say what was found."), QStringLiteral("reason"));
    QString error;
    if (!Renewals(database.database(), database.dialect()).recordViolation(holder, reason, &error)) {
        qCWarning(lcRenewals).noquote() << "violation not recorded:" << error;
        return databaseUnavailable();
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("recorded"), true}}, Status::Created);
}

} // namespace

void addRenewalRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer)
{
    using Method = QHttpServerRequest::Method;
    http.route(QStringLiteral("/api/v1/renewals/run"), Method::Post,
               [&database, &authorizer](const QHttpServerRequest &request) {
                   return runRenewals(database, authorizer, request);
               });
    http.route(QStringLiteral("/api/v1/violations"), Method::Post,
               [&database, &authorizer](const QHttpServerRequest &request) {
                   return recordViolation(database, authorizer, request);
               });
}

} // namespace ow::server::Internal
