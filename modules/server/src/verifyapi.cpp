// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "verifyapi.h"

#include "apiutil.h"
#include "authorizer.h"
#include "certificateauthority.h"
#include "serverdatabase.h"

#include "ow/server/tr.h"

#include <ow/cases/event.h>
#include <ow/printing/certificatecode.h>

#include <QDateTime>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>
#include <QVariant>

namespace ow::server::Internal {

namespace {

Q_LOGGING_CATEGORY(lcVerify, "ow.server.verify")

using Status = QHttpServerResponse::StatusCode;
using printing::CertificateCode;
using printing::CertificateKeyFields;

constexpr qint64 kMaxRevokeBody = 4096;
constexpr int kMaxReasonLength = 500;

// What of a certificate-produced payload a verifier is shown: enough to
// compare with the paper, nothing more.
const QStringList shownFields {QStringLiteral("holder"),          QStringLiteral("number"),
                               QStringLiteral("certificateType"), QStringLiteral("itemName"),
                               QStringLiteral("issuedAt"),        QStringLiteral("validUntil")};

bool wellFormedId(const QString &certificateId)
{
    static const QRegularExpression wellFormed(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    return wellFormed.match(certificateId).hasMatch();
}

QHttpServerResponse notACertificateId(const QString &certificateId)
{
    return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                         Tr::tr("\"%1\" is not a certificate number.").arg(certificateId.left(140)),
                         QStringLiteral("certificateId"));
}

struct Record
{
    QJsonObject payload;
    QString caseId;
    QString code; // empty: unsigned
    QString revokedAt;
    QString revocationReason;
};

// The key fields and their names in a verifier's words, for naming what differs.
QList<std::pair<QString, QString>> differences(const CertificateKeyFields &stated,
                                               const CertificateKeyFields &record)
{
    QList<std::pair<QString, QString>> result;
    const auto check = [&](bool same, const char *name, const QString &label) {
        if (!same)
            result.append({QString::fromLatin1(name), label});
    };
    check(stated.certificateNumber == record.certificateNumber, "number", Tr::tr("certificate number"));
    check(stated.holderName == record.holderName, "holderName", Tr::tr("holder's name"));
    check(stated.holderId == record.holderId, "holderId", Tr::tr("holder's ID number"));
    check(stated.validFrom == record.validFrom, "validFrom", Tr::tr("valid from"));
    check(stated.validUntil == record.validUntil, "validUntil", Tr::tr("valid until"));
    check(stated.issuedOn == record.issuedOn, "issuedOn", Tr::tr("date of issue"));
    check(stated.authority == record.authority, "authority", Tr::tr("issuing authority"));
    return result;
}

class CertificateApi
{
public:
    CertificateApi(ServerDatabase &database, Authorizer &authorizer, const CertificateAuthority &authority)
        : m_database(database)
        , m_authorizer(authorizer)
        , m_authority(authority)
    { }

    QHttpServerResponse verify(const QString &certificateId, const QHttpServerRequest &request);
    QHttpServerResponse revoke(const QString &certificateId, const QHttpServerRequest &request);
    QHttpServerResponse code(const QString &certificateId, const QHttpServerRequest &request);

private:
    // Whether the case is in the office's scope; nullopt when the database failed.
    std::optional<bool> inScope(const QString &officeCode, const QString &caseId);
    // nullopt: the database failed; a null payload: no such certificate.
    std::optional<std::optional<Record>> record(const QString &certificateId);
    // The server's own key and those of the newest catalogue.
    printing::AuthorityPublicKeys trustedKeys();
    // `body` answered for a code given with the request: forged (with its reasons) or untouched.
    bool checkCode(const QString &certificateId, const Record &record, const QString &code, QJsonObject *body,
                   QHttpServerResponse *failure);

    ServerDatabase &m_database;
    Authorizer &m_authorizer;
    const CertificateAuthority &m_authority;
};

std::optional<std::optional<Record>> CertificateApi::record(const QString &certificateId)
{
    QSqlQuery query(m_database.database());
    query.prepare(QStringLiteral("SELECT payload, case_id, verification_code, revoked_at, revocation_reason"
                                 " FROM certificates WHERE certificate_id = ?"));
    query.addBindValue(certificateId);
    if (!query.exec()) {
        qCWarning(lcVerify).noquote() << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::optional<Record>();
    Record found;
    found.payload = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    found.caseId = query.value(1).toString();
    found.code = query.value(2).toString();
    found.revokedAt = query.value(3).toString();
    found.revocationReason = query.value(4).toString();
    return std::optional<Record>(found);
}

printing::AuthorityPublicKeys CertificateApi::trustedKeys()
{
    printing::AuthorityPublicKeys keys;
    QSqlQuery query(m_database.database());
    if (query.exec(QStringLiteral("SELECT document FROM catalog_versions ORDER BY seq DESC LIMIT 1"))
        && query.next()) {
        const QJsonObject document = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        for (const QJsonValue &value : document.value(QStringLiteral("authorityKeys")).toArray())
            keys.insert(value[QStringLiteral("id")].toString(),
                        value[QStringLiteral("publicKey")].toString().toLatin1());
    }
    if (m_authority.isEnabled())
        keys.insert(m_authority.id(), m_authority.publicPem());
    return keys;
}

bool CertificateApi::checkCode(const QString &certificateId, const Record &record, const QString &code,
                               QJsonObject *body, QHttpServerResponse *failure)
{
    QString problem;
    const auto stated = CertificateCode::decode(code, &problem);
    if (!stated) {
        *failure = errorResponse(Status::BadRequest, QStringLiteral("invalid_request"), problem,
                                 QStringLiteral("code"));
        return false;
    }
    auto forged = [body](const QString &reason) {
        body->insert(QStringLiteral("status"), QStringLiteral("forged"));
        body->insert(QStringLiteral("reason"), reason);
        return true;
    };
    if (stated->certificateId != certificateId)
        return forged(Tr::tr("The code belongs to certificate %1, not to %2.")
                          .arg(stated->certificateId, certificateId));

    // What the server signed, or (for a certificate it could not sign) what its record says.
    std::optional<CertificateKeyFields> recorded;
    if (!record.code.isEmpty())
        recorded = CertificateCode::decode(record.code);
    if (!recorded) {
        QJsonObject payload = record.payload;
        if (!payload.contains(QStringLiteral("issuedAt")))
            payload.insert(QStringLiteral("issuedAt"), stated->issuedOn.toString(Qt::ISODate));
        recorded = CertificateKeyFields::fromRecord(payload, stated->authority);
    }
    QStringList names;
    QStringList labels;
    if (recorded) {
        for (const auto &[name, label] : differences(*stated, *recorded)) {
            names.append(name);
            labels.append(label);
        }
    }
    if (!names.isEmpty())
        body->insert(QStringLiteral("mismatches"), QJsonArray::fromStringList(names));

    const CertificateCode::Verification verification = CertificateCode::verify(code, trustedKeys());
    if (!labels.isEmpty())
        return forged(Tr::tr("The code's details differ from the record of certificate %1: %2.")
                          .arg(certificateId, labels.join(Tr::tr(", "))));
    if (verification.status == CertificateCode::Status::UnknownAuthority)
        return forged(
            Tr::tr("The code is signed in the name of \"%1\", an issuing authority this service centre "
                   "does not know.")
                .arg(stated->authority));
    if (!verification.isGenuine())
        return forged(verification.reason);
    return true;
}

QHttpServerResponse CertificateApi::verify(const QString &certificateId, const QHttpServerRequest &request)
{
    if (!wellFormedId(certificateId))
        return notACertificateId(certificateId);
    const QUrlQuery query = request.query();
    for (const auto &[key, value] : query.queryItems()) {
        Q_UNUSED(value);
        if (key != QLatin1String("code"))
            return errorResponse(Status::BadRequest, QStringLiteral("invalid_request"),
                                 Tr::tr("Unknown parameter \"%1\".").arg(key), key);
    }
    const auto found = record(certificateId);
    if (!found)
        return databaseUnavailable();
    QJsonObject body {{QStringLiteral("certificateId"), certificateId}};
    if (!found->has_value()) {
        body.insert(QStringLiteral("status"), QStringLiteral("unknown"));
        body.insert(QStringLiteral("reason"),
                    Tr::tr("No certificate with this number was issued through this server."));
        return QHttpServerResponse(body);
    }
    const Record &certificate = **found;
    if (query.hasQueryItem(QStringLiteral("code"))) {
        QHttpServerResponse failure(Status::BadRequest);
        const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        if (!checkCode(certificateId, certificate, code, &body, &failure))
            return failure;
        if (body.contains(QStringLiteral("status")))
            return QHttpServerResponse(body);
    }
    for (const QString &field : shownFields) {
        if (certificate.payload.contains(field))
            body.insert(field, certificate.payload.value(field));
    }
    if (!certificate.revokedAt.isEmpty()) {
        body.insert(QStringLiteral("status"), QStringLiteral("revoked"));
        body.insert(QStringLiteral("revokedAt"), certificate.revokedAt);
        body.insert(QStringLiteral("revocationReason"), certificate.revocationReason);
        body.insert(QStringLiteral("reason"),
                    Tr::tr("This certificate was revoked on %1: %2")
                        .arg(certificate.revokedAt.left(10), certificate.revocationReason));
        return QHttpServerResponse(body);
    }
    body.insert(QStringLiteral("status"), QStringLiteral("genuine"));
    body.insert(
        QStringLiteral("reason"),
        query.hasQueryItem(QStringLiteral("code"))
            ? Tr::tr("The code's signature and details match the certificate issued and recorded by the "
                     "service centre.")
            : Tr::tr("This certificate was issued and recorded by the service centre."));
    return QHttpServerResponse(body);
}

QHttpServerResponse CertificateApi::revoke(const QString &certificateId, const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!principal->hasRole(cases::Role::Supervisor) && !principal->hasRole(cases::Role::Admin))
        return errorResponse(Status::Forbidden, QStringLiteral("forbidden"),
                             Tr::tr("Only a supervisor or an administrator can revoke a certificate."));
    if (!wellFormedId(certificateId))
        return notACertificateId(certificateId);
    const auto body = parseJsonObjectBody(request, kMaxRevokeBody, &failure);
    if (!body)
        return failure;
    if (auto unknown = rejectUnknownFields(*body, {QStringLiteral("reason")}))
        return std::move(*unknown);
    const QString reason = body->value(QStringLiteral("reason")).toString().trimmed();
    if (reason.isEmpty() || reason.size() > kMaxReasonLength)
        return errorResponse(
            Status::BadRequest, QStringLiteral("invalid_request"),
            Tr::tr("\"reason\" must say why the certificate is revoked (at most %1 characters).")
                .arg(kMaxReasonLength),
            QStringLiteral("reason"));
    const auto found = record(certificateId);
    if (!found)
        return databaseUnavailable();
    if (!found->has_value())
        return errorResponse(Status::NotFound, QStringLiteral("not_found"),
                             Tr::tr("No certificate %1 was issued through this server.").arg(certificateId));
    const Record &certificate = **found;

    const std::optional<bool> visible = inScope(principal->officeCode, certificate.caseId);
    if (!visible)
        return databaseUnavailable();
    if (!*visible)
        return errorResponse(Status::Forbidden, QStringLiteral("forbidden"),
                             Tr::tr("Certificate %1 was not issued in a case your office %2 handles.")
                                 .arg(certificateId, principal->officeCode));
    QSqlQuery query(m_database.database());
    const QString now = cases::Event::formatTime(QDateTime::currentDateTimeUtc());
    query.prepare(
        QStringLiteral("UPDATE certificates SET revoked_at = ?, revoked_by = ?, revocation_reason = ?"
                       " WHERE certificate_id = ? AND revoked_at IS NULL"));
    query.addBindValue(now);
    query.addBindValue(principal->userId);
    query.addBindValue(reason);
    query.addBindValue(certificateId);
    if (!query.exec())
        return databaseUnavailable();
    if (query.numRowsAffected() != 1)
        return errorResponse(Status::Conflict, QStringLiteral("already_revoked"),
                             Tr::tr("Certificate %1 was already revoked on %2.")
                                 .arg(certificateId, certificate.revokedAt.left(10)));
    qCInfo(lcVerify).noquote() << "certificate" << certificateId << "revoked by" << principal->userName;
    return QHttpServerResponse(QJsonObject {{QStringLiteral("certificateId"), certificateId},
                                            {QStringLiteral("status"), QStringLiteral("revoked")},
                                            {QStringLiteral("revokedAt"), now},
                                            {QStringLiteral("reason"), reason}});
}

std::optional<bool> CertificateApi::inScope(const QString &officeCode, const QString &caseId)
{
    QSqlQuery query(m_database.database());
    query.prepare(QStringLiteral("SELECT 1 FROM case_scope WHERE office_code = ? AND case_id = ?"));
    query.addBindValue(officeCode);
    query.addBindValue(caseId);
    if (!query.exec())
        return std::nullopt;
    return query.next();
}

// The verification code of a certificate in the caller's scope, for a
// workstation that holds the certificate without it (produced while the
// server had no signing key): signed now if it was not.
QHttpServerResponse CertificateApi::code(const QString &certificateId, const QHttpServerRequest &request)
{
    QHttpServerResponse failure(Status::InternalServerError);
    const auto principal = m_authorizer.authenticate(request, &failure);
    if (!principal)
        return failure;
    if (!wellFormedId(certificateId))
        return notACertificateId(certificateId);
    const auto found = record(certificateId);
    if (!found)
        return databaseUnavailable();
    const auto unknown = [&certificateId] {
        return errorResponse(Status::NotFound, QStringLiteral("not_found"),
                             Tr::tr("No certificate %1 was issued through this server.").arg(certificateId));
    };
    if (!found->has_value())
        return unknown();
    const Record &certificate = **found;
    const std::optional<bool> visible = inScope(principal->officeCode, certificate.caseId);
    if (!visible)
        return databaseUnavailable();
    if (!*visible)
        return unknown(); // another office's certificate is not even named
    QString code = certificate.code;
    if (code.isEmpty()) {
        QString problem;
        code = m_authority.sign(certificate.payload, &problem);
        if (code.isEmpty())
            return errorResponse(Status::Conflict, QStringLiteral("not_signed"),
                                 Tr::tr("Certificate %1 cannot be signed: %2").arg(certificateId, problem));
        QSqlQuery query(m_database.database());
        query.prepare(QStringLiteral("UPDATE certificates SET verification_code = ? WHERE certificate_id = ?"
                                     " AND (verification_code IS NULL OR verification_code = '')"));
        query.addBindValue(code);
        query.addBindValue(certificateId);
        if (!query.exec())
            return databaseUnavailable();
        if (query.numRowsAffected() != 1) {
            // Signed meanwhile by another request: the stored code is the one.
            const auto again = record(certificateId);
            if (!again || !again->has_value())
                return databaseUnavailable();
            code = (*again)->code;
        } else {
            qCInfo(lcVerify).noquote() << "certificate" << certificateId << "signed on request";
        }
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("certificateId"), certificateId},
                                            {QStringLiteral("verificationCode"), code}});
}

} // namespace

void addVerifyRoutes(QHttpServer &http, ServerDatabase &database, Authorizer &authorizer,
                     const CertificateAuthority &authority)
{
    auto api = std::make_shared<CertificateApi>(database, authorizer, authority);
    http.route(QStringLiteral("/api/v1/verify/<arg>"), QHttpServerRequest::Method::Get,
               [api](const QString &certificateId, const QHttpServerRequest &request) {
                   return api->verify(certificateId, request);
               });
    http.route(QStringLiteral("/api/v1/certificates/<arg>/revoke"), QHttpServerRequest::Method::Post,
               [api](const QString &certificateId, const QHttpServerRequest &request) {
                   return api->revoke(certificateId, request);
               });
    http.route(QStringLiteral("/api/v1/certificates/<arg>/code"), QHttpServerRequest::Method::Get,
               [api](const QString &certificateId, const QHttpServerRequest &request) {
                   return api->code(certificateId, request);
               });
}

} // namespace ow::server::Internal
