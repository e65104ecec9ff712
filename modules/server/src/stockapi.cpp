// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "stockapi.h"

#include "apiutil.h"
#include "authorizer.h"
#include "serverdatabase.h"
#include "stockstore.h"

#include "ow/server/tr.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QLoggingCategory>

#include <cmath>

namespace ow::server::Internal {

namespace {

Q_LOGGING_CATEGORY(lcStock, "ow.server.stock")

using Status = QHttpServerResponse::StatusCode;

constexpr qint64 kMaxBodyBytes = 4096;
constexpr int kMaxReasonLength = 500;

QHttpServerResponse invalid(const QString &field, const QString &message)
{
    return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"), message, field);
}

QHttpServerResponse failed(const QString &what, const QString &detail)
{
    qCWarning(lcStock).noquote() << what << detail;
    return databaseUnavailable();
}

// A JSON number that is a whole number (what a double holds exactly).
std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (std::trunc(number) != number || std::abs(number) > 9007199254740991.0)
        return std::nullopt;
    return qint64(number);
}

class StockApi
{
public:
    StockApi(ServerDatabase &database, Authorizer &authorizer)
        : m_database(database)
        , m_authorizer(authorizer)
    { }

    QHttpServerResponse issue(const QHttpServerRequest &request);
    QHttpServerResponse list(const QHttpServerRequest &request);
    QHttpServerResponse voidSerial(const QHttpServerRequest &request);

private:
    StockStore store() { return StockStore(m_database.database(), m_database.dialect()); }

    ServerDatabase &m_database;
    Authorizer &m_authorizer;
};

QHttpServerResponse StockApi::issue(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!principal->hasRole(cases::Role::Admin))
        return errorResponse(Status::Forbidden, QStringLiteral("forbidden"),
                             Tr::tr("Only an administrator can issue certificate stock."));
    const auto body = parseJsonObjectBody(request, kMaxBodyBytes, &failure);
    if (!body)
        return failure;
    if (auto unknown = rejectUnknownFields(*body,
                                           {QStringLiteral("office"), QStringLiteral("certificateType"),
                                            QStringLiteral("prefix"), QStringLiteral("first"),
                                            QStringLiteral("last"), QStringLiteral("width")}))
        return std::move(*unknown);
    StockRange range;
    range.office = body->value(QStringLiteral("office")).toString();
    range.certificateType = body->value(QStringLiteral("certificateType")).toString();
    range.prefix = body->value(QStringLiteral("prefix")).toString();
    range.issuedBy = principal->userId;
    for (const auto &[name, target] : {std::pair {QStringLiteral("first"), &range.first},
                                       std::pair {QStringLiteral("last"), &range.last}}) {
        const auto number = wholeNumber(body->value(name));
        if (!number)
            return invalid(name, Tr::tr("\"%1\" must be a whole number.").arg(name));
        *target = *number;
    }
    if (body->contains(QStringLiteral("width"))) {
        const auto width = wholeNumber(body->value(QStringLiteral("width")));
        range.width = width && *width > 0 && *width < 100 ? int(*width) : 0;
    }
    QString field;
    if (const QString problem = range.problem(&field); !problem.isEmpty())
        return invalid(field, problem);
    QString error;
    switch (store().issue(range, &error)) {
    case StockStore::Outcome::Done:
        qCInfo(lcStock).noquote() << "stock range" << range.serial(range.first) << "to"
                                  << range.serial(range.last) << "issued to" << range.office << "by"
                                  << principal->userName;
        return QHttpServerResponse(range.toJson(), Status::Created);
    case StockStore::Outcome::UnknownOffice:
        return invalid(QStringLiteral("office"), error);
    case StockStore::Outcome::Overlap:
        return errorResponse(Status::Conflict, QStringLiteral("stock_range_overlap"), error);
    default:
        return failed(QStringLiteral("stock range not issued:"), error);
    }
}

QHttpServerResponse StockApi::list(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    QString error;
    StockStore stock = store();
    const auto ranges = stock.ranges(principal->officeCode, &error);
    if (!ranges)
        return failed(QStringLiteral("stock ranges:"), error);
    const auto uses = stock.usesOfOffice(principal->officeCode, &error);
    if (!uses)
        return failed(QStringLiteral("stock serials:"), error);
    QJsonArray rangeList;
    for (const StockRange &range : *ranges)
        rangeList.append(range.toJson());
    QJsonArray used;
    QJsonArray voided;
    for (const SerialUse &use : *uses)
        (use.voided ? voided : used).append(use.serial);
    return QHttpServerResponse(QJsonObject {{QStringLiteral("ranges"), rangeList},
                                            {QStringLiteral("used"), used},
                                            {QStringLiteral("voided"), voided}});
}

QHttpServerResponse StockApi::voidSerial(const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!principal->hasRole(cases::Role::Clerk) && !principal->hasRole(cases::Role::Agent)
        && !principal->hasRole(cases::Role::Admin))
        return errorResponse(Status::Forbidden, QStringLiteral("forbidden"),
                             Tr::tr("Only window staff or an administrator can void certificate stock."));
    const auto body = parseJsonObjectBody(request, kMaxBodyBytes, &failure);
    if (!body)
        return failure;
    if (auto unknown = rejectUnknownFields(*body, {QStringLiteral("serial"), QStringLiteral("reason")}))
        return std::move(*unknown);
    const QString serial = body->value(QStringLiteral("serial")).toString().trimmed();
    const QString reason = body->value(QStringLiteral("reason")).toString().trimmed();
    if (serial.isEmpty() || serial.size() > 64)
        return invalid(QStringLiteral("serial"),
                       Tr::tr("\"serial\" must be the serial number printed on the sheet."));
    if (reason.isEmpty() || reason.size() > kMaxReasonLength)
        return invalid(QStringLiteral("reason"),
                       Tr::tr("\"reason\" must say why the sheet is voided (at most %1 characters).")
                           .arg(kMaxReasonLength));
    QString error;
    switch (store().voidSerial(principal->officeCode, serial, reason, principal->userId, &error)) {
    case StockStore::Outcome::Done:
        qCInfo(lcStock).noquote() << "stock serial" << serial << "voided by" << principal->userName;
        return QHttpServerResponse(QJsonObject {{QStringLiteral("serial"), serial},
                                                {QStringLiteral("voided"), true},
                                                {QStringLiteral("reason"), reason}});
    case StockStore::Outcome::NotIssued:
        return errorResponse(Status::UnprocessableEntity, QStringLiteral("stock_serial_not_issued"), error,
                             QStringLiteral("serial"));
    case StockStore::Outcome::AlreadyUsed:
        return errorResponse(Status::Conflict, QStringLiteral("stock_serial_used"), error,
                             QStringLiteral("serial"));
    default:
        return failed(QStringLiteral("stock serial not voided:"), error);
    }
}

} // namespace

void addStockRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer)
{
    using Method = QHttpServerRequest::Method;
    auto api = std::make_shared<StockApi>(database, authorizer);
    http.route(QStringLiteral("/api/v1/stock/ranges"), Method::Post,
               [api](const QHttpServerRequest &request) { return api->issue(request); });
    http.route(QStringLiteral("/api/v1/stock/ranges"), Method::Get,
               [api](const QHttpServerRequest &request) { return api->list(request); });
    http.route(QStringLiteral("/api/v1/stock/void"), Method::Post,
               [api](const QHttpServerRequest &request) { return api->voidSerial(request); });
}

} // namespace ow::server::Internal
