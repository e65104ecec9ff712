// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// A certificate as the store knows it: the record of its certificate-produced
// event, the verification code the central server signed for it (empty until
// a sync brings it: 待签发), and how often it was printed. Kept in the same
// transaction as the case's events.
struct CertificateRow
{
    QString certificateId;
    QString caseId;
    QString caseNumber;
    QString number; // the number printed on it
    QString certificateType;
    QString templateId;
    QString name; // e.g. 食品经营许可证
    QString itemName;
    QString holderName;
    QString holderId;
    QString issuingOffice; // the office whose department approved it
    QString printOffice; // where it is printed (异地打证); the issuing office when none was named
    QDateTime producedAt;
    QJsonObject record; // the whole certificate-produced payload
    QString verificationCode; // "OW1:…", empty until signed
    int printCount = 0; // successful prints; spoiled sheets do not count
    QDateTime lastPrintedAt;
    QString lastPrintedBy; // user id
    QString lastStockSerial;
    bool isSigned() const { return !verificationCode.isEmpty(); }
};

struct PrintQueueFilter
{
    QString printOffice = {}; // required
    bool includePrinted = false; // the queue shows what still waits for its first print
    QString text = {}; // in the case number, certificate number, holder name or id
};

// Certificates and the print queue (打证). Failed calls set lastError()
// (translated); successful ones clear it.
class OW_STORAGE_EXPORT CertificateRepository
{
public:
    explicit CertificateRepository(const QSqlDatabase &db);
    ~CertificateRepository();
    CertificateRepository(const CertificateRepository &) = delete;
    CertificateRepository &operator=(const CertificateRepository &) = delete;

    // Oldest first, at most `limit`.
    QList<CertificateRow> printQueue(const PrintQueueFilter &filter, int limit = 500) const;
    std::optional<CertificateRow> find(const QString &certificateId) const;
    QList<CertificateRow> forCase(const QString &caseId) const;
    // Certificates still without a verification code (待签发), oldest first:
    // what a sync asks the central server for.
    QList<CertificateRow> unsignedCertificates(int limit = 50) const;
    // Stores the code the central server signed (from a push result or a
    // pulled event); false when the certificate is unknown.
    bool setVerificationCode(const QString &certificateId, const QString &code);

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
