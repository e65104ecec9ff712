// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/printing_export.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace ow::printing {

// The facts a certificate's verification code vouches for. Whoever checks a
// certificate compares them with what is printed on the paper.
struct OW_PRINTING_EXPORT CertificateKeyFields
{
    QString certificateId; // the record's id (UUID)
    QString certificateNumber; // the number printed on the certificate, e.g. JY13301020000123
    QString holderName;
    QString holderId; // ID number or unified social credit code
    QDate validFrom;
    QDate validUntil; // null: no end (长期)
    QString authority; // issuing authority code: the id of its key in the catalogue's authorityKeys
    QDate issuedOn;

    // Compact member names ("i", "n", …) so the QR code stays small.
    QJsonObject toJson() const;
    static std::optional<CertificateKeyFields> fromJson(const QJsonObject &object, QString *error = nullptr);
    // The key fields of a certificate record (the payload of a
    // certificate-produced event, docs/sync-api.md) issued by `authority`:
    // certificateId, number, holder.name, holder.idNumber, validFrom (or
    // issuedAt), validUntil, issuedOn = issuedAt. Dates may be ISO dates or
    // RFC 3339 times. nullopt with a translated reason when a required detail
    // is missing or a date is not valid.
    static std::optional<CertificateKeyFields> fromRecord(const QJsonObject &certificatePayload,
                                                          const QString &authority, QString *error = nullptr);
    // The same facts under the template field names (certificateId, holderName, …; ISO dates).
    QHash<QString, QString> toFields() const;
    static CertificateKeyFields fromFields(const QHash<QString, QString> &fields);

    bool operator==(const CertificateKeyFields &) const = default;
};

// An SM2 key pair of an issuing authority. The private key belongs on the
// central server only; workstations and verifiers get public keys (PEM).
class OW_PRINTING_EXPORT AuthorityKey
{
public:
    AuthorityKey();
    ~AuthorityKey();
    AuthorityKey(const AuthorityKey &);
    AuthorityKey &operator=(const AuthorityKey &);

    static AuthorityKey generate(QString *error = nullptr);
    // A PEM private key (PKCS #8, unencrypted) or public key; null with a translated reason.
    static AuthorityKey fromPrivatePem(const QByteArray &pem, QString *error = nullptr);
    static AuthorityKey fromPublicPem(const QByteArray &pem, QString *error = nullptr);

    bool isNull() const;
    bool hasPrivateKey() const;
    QByteArray publicPem() const;
    QByteArray privatePem() const; // empty without a private key
    // Writes the private key readable by its owner only (0600); false with a translated reason.
    bool writePrivatePem(const QString &fileName, QString *error = nullptr) const;

private:
    friend class CertificateCode;
    struct Data;
    std::shared_ptr<Data> d;
};

// The public keys a verifier trusts, by authority code.
using AuthorityPublicKeys = QHash<QString, QByteArray>;

// The signed verification code printed as a QR code on a certificate:
//   "OW1:" base64url(canonical JSON of the key fields) "." base64url(r ‖ s)
// where r ‖ s is the SM2 signature (SM3 digest, distinguishing ID
// 1234567812345678) over the canonical JSON bytes. Verifying needs only the
// authority's public key, so it works offline.
class OW_PRINTING_EXPORT CertificateCode
{
public:
    static QString prefix() { return QStringLiteral("OW1:"); }
    static QByteArray distinguishingId() { return QByteArrayLiteral("1234567812345678"); }

    // The code for `fields` signed with `key` (which must hold a private
    // key); empty with a translated reason on failure.
    static QString sign(const CertificateKeyFields &fields, const AuthorityKey &key,
                        QString *error = nullptr);

    enum class Status {
        Genuine, // signed by the named authority, unchanged
        Forged, // the signature does not match: changed details or not issued by that authority
        Malformed, // not a verification code (damaged, truncated, another format)
        UnknownAuthority, // no public key for the authority it names
    };
    struct Verification
    {
        Status status = Status::Malformed;
        QString reason; // translated: why, for anything but Genuine
        std::optional<CertificateKeyFields> fields; // what the code states (unless Malformed)
        bool isGenuine() const { return status == Status::Genuine; }
    };
    // Revocation is the caller's to check, with fields->certificateId.
    static Verification verify(const QString &code, const AuthorityPublicKeys &keys);

    // The key fields a code states, without checking the signature (e.g. to
    // show what a forged code claims); nullopt when it is malformed.
    static std::optional<CertificateKeyFields> decode(const QString &code, QString *error = nullptr);

    static QString statusName(Status status); // translated: 真实 / 伪造 / …
};

} // namespace ow::printing
