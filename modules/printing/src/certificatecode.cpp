// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/certificatecode.h"

#include "ow/printing/tr.h"

#include <ow/core/canonicaljson.h>

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>

namespace ow::printing {

namespace {

constexpr int coordinateBytes = 32; // SM2 works on a 256-bit curve
const QString isoDate = QStringLiteral("yyyy-MM-dd");

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY *key)
{
    return key ? std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free) : nullptr;
}

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

QString date(const QDate &day)
{
    return day.isValid() ? day.toString(isoDate) : QString();
}

// Both sides set the distinguishing ID explicitly: it enters the SM3 digest
// (Z value, GB/T 32918.2), and a verifier with another default would reject
// every genuine code.
bool digestInit(EVP_MD_CTX *ctx, EVP_PKEY *key, bool signing)
{
    QByteArray id = CertificateCode::distinguishingId();
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_DIST_ID, id.data(), std::size_t(id.size())),
        OSSL_PARAM_construct_end(),
    };
    // Set after the init: OpenSSL 3.0 refuses an ID passed to the init itself
    // (it is checked before the init has armed the Z computation).
    EVP_PKEY_CTX *pctx = nullptr;
    const bool initialised = signing
        ? EVP_DigestSignInit_ex(ctx, &pctx, "SM3", nullptr, nullptr, key, nullptr) == 1
        : EVP_DigestVerifyInit_ex(ctx, &pctx, "SM3", nullptr, nullptr, key, nullptr) == 1;
    return initialised && pctx && EVP_PKEY_CTX_set_params(pctx, params) == 1;
}

// DER (what OpenSSL produces) to the fixed 64 bytes r ‖ s, and back: 64
// bytes keep the QR code smaller and give every signature one encoding.
QByteArray rawFromDer(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    const EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())), ECDSA_SIG_free);
    if (!sig)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * coordinateBytes, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, coordinateBytes) != coordinateBytes
        || BN_bn2binpad(s, out + coordinateBytes, coordinateBytes) != coordinateBytes)
        return {};
    return raw;
}

QByteArray derFromRaw(const QByteArray &raw)
{
    const auto *in = reinterpret_cast<const unsigned char *>(raw.constData());
    EcdsaSig sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    BIGNUM *r = BN_bin2bn(in, coordinateBytes, nullptr);
    BIGNUM *s = BN_bin2bn(in + coordinateBytes, coordinateBytes, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char *der = nullptr;
    const int size = i2d_ECDSA_SIG(sig.get(), &der);
    if (size <= 0)
        return {};
    QByteArray result(reinterpret_cast<const char *>(der), size);
    OPENSSL_free(der);
    return result;
}

std::optional<QByteArray> fromBase64Url(QByteArrayView text)
{
    auto decoded
        = QByteArray::fromBase64Encoding(text.toByteArray(),
                                         QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                             | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

QByteArray toBase64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The two parts of a code, or nullopt (with the reason) when it has not the shape of one.
struct Parts
{
    QByteArray payload;
    QByteArray signature; // r ‖ s
    CertificateKeyFields fields;
};

std::optional<Parts> split(const QString &code, QString *error)
{
    const QString trimmed = code.trimmed();
    if (!trimmed.startsWith(CertificateCode::prefix())) {
        *error = Tr::tr("It is not a OneWindow certificate code: it does not start with %1.")
                     .arg(CertificateCode::prefix());
        return std::nullopt;
    }
    const QByteArray body = trimmed.mid(CertificateCode::prefix().size()).toLatin1();
    const QList<QByteArray> pieces = body.split('.');
    if (pieces.size() != 2) {
        *error = Tr::tr("The code is damaged or incomplete: it must have two parts separated by a dot.");
        return std::nullopt;
    }
    Parts parts;
    const auto payload = fromBase64Url(pieces.at(0));
    const auto signature = fromBase64Url(pieces.at(1));
    if (!payload || !signature) {
        *error = Tr::tr("The code is damaged: it contains characters that do not belong in it.");
        return std::nullopt;
    }
    if (signature->size() != 2 * coordinateBytes) {
        *error = Tr::tr("The code is damaged or incomplete: its signature has %1 bytes instead of %2.")
                     .arg(signature->size())
                     .arg(2 * coordinateBytes);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*payload, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = Tr::tr("The code is damaged: its details cannot be read.");
        return std::nullopt;
    }
    // One encoding per certificate: what was signed is exactly the canonical form.
    const auto canonical = core::CanonicalJson::toBytes(document.object());
    if (!canonical || *canonical != *payload) {
        *error = Tr::tr("The code is damaged: its details are not in the canonical form that is signed.");
        return std::nullopt;
    }
    const auto fields = CertificateKeyFields::fromJson(document.object(), error);
    if (!fields)
        return std::nullopt;
    parts.payload = *payload;
    parts.signature = *signature;
    parts.fields = *fields;
    return parts;
}

} // namespace

// ---------------------------------------------------------------------------
// CertificateKeyFields

QJsonObject CertificateKeyFields::toJson() const
{
    QJsonObject object {
        {QStringLiteral("i"), certificateId},  {QStringLiteral("n"), certificateNumber},
        {QStringLiteral("h"), holderName},     {QStringLiteral("a"), authority},
        {QStringLiteral("d"), date(issuedOn)},
    };
    if (!holderId.isEmpty())
        object.insert(QStringLiteral("p"), holderId);
    if (validFrom.isValid())
        object.insert(QStringLiteral("f"), date(validFrom));
    if (validUntil.isValid())
        object.insert(QStringLiteral("u"), date(validUntil));
    return object;
}

std::optional<CertificateKeyFields> CertificateKeyFields::fromJson(const QJsonObject &object, QString *error)
{
    static const QStringList required = {QStringLiteral("i"), QStringLiteral("n"), QStringLiteral("h"),
                                         QStringLiteral("a"), QStringLiteral("d")};
    static const QStringList optional = {QStringLiteral("p"), QStringLiteral("f"), QStringLiteral("u")};
    QString problem;
    for (auto it = object.begin(); it != object.end() && problem.isEmpty(); ++it) {
        if (!required.contains(it.key()) && !optional.contains(it.key()))
            problem = Tr::tr("The code states \"%1\", which is not a certificate detail.").arg(it.key());
        else if (!it.value().isString())
            problem = Tr::tr("The code's detail \"%1\" is not text.").arg(it.key());
    }
    for (const QString &key : required) {
        if (problem.isEmpty() && object.value(key).toString().isEmpty())
            problem = Tr::tr("The code lacks the certificate detail \"%1\".").arg(key);
    }
    CertificateKeyFields fields;
    fields.certificateId = object.value(QStringLiteral("i")).toString();
    fields.certificateNumber = object.value(QStringLiteral("n")).toString();
    fields.holderName = object.value(QStringLiteral("h")).toString();
    fields.holderId = object.value(QStringLiteral("p")).toString();
    fields.authority = object.value(QStringLiteral("a")).toString();
    const auto readDate = [&](const QString &key, QDate *day) {
        const QString text = object.value(key).toString();
        if (text.isEmpty() || !problem.isEmpty())
            return;
        *day = QDate::fromString(text, isoDate);
        if (!day->isValid())
            problem = Tr::tr("The code's date \"%1\" is not a valid date.").arg(text);
    };
    readDate(QStringLiteral("d"), &fields.issuedOn);
    readDate(QStringLiteral("f"), &fields.validFrom);
    readDate(QStringLiteral("u"), &fields.validUntil);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return fields;
}

std::optional<CertificateKeyFields> CertificateKeyFields::fromRecord(const QJsonObject &record,
                                                                    const QString &authority, QString *error)
{
    QString problem;
    // A date, or the date of an RFC 3339 time; `required` says whether an absent one is a problem.
    const auto readDate = [&](const QString &key, bool required) {
        const QString text = record.value(key).toString().trimmed();
        if (!problem.isEmpty())
            return QDate();
        if (text.isEmpty()) {
            if (required)
                problem = Tr::tr("The certificate record lacks \"%1\".").arg(key);
            return QDate();
        }
        QDate day = QDate::fromString(text.left(10), isoDate);
        if (!day.isValid() || (text.size() > 10 && !QDateTime::fromString(text, Qt::ISODateWithMs).isValid()))
            problem = Tr::tr("The certificate record's \"%1\" is not a date: \"%2\".").arg(key, text);
        return day;
    };
    const QJsonObject holder = record.value(QStringLiteral("holder")).toObject();
    CertificateKeyFields fields;
    fields.certificateId = record.value(QStringLiteral("certificateId")).toString();
    fields.certificateNumber = record.value(QStringLiteral("number")).toString();
    fields.holderName = holder.value(QStringLiteral("name")).toString();
    fields.holderId = holder.value(QStringLiteral("idNumber")).toString();
    fields.authority = authority;
    const std::pair<QString, QString> required[] = {
        {QStringLiteral("certificateId"), fields.certificateId},
        {QStringLiteral("number"), fields.certificateNumber},
        {QStringLiteral("holder.name"), fields.holderName},
    };
    for (const auto &[key, value] : required) {
        if (problem.isEmpty() && value.trimmed().isEmpty())
            problem = Tr::tr("The certificate record lacks \"%1\".").arg(key);
    }
    if (problem.isEmpty() && authority.trimmed().isEmpty())
        problem = Tr::tr("The issuing authority's code is missing.");
    fields.issuedOn = readDate(QStringLiteral("issuedAt"), true);
    fields.validFrom = record.contains(QStringLiteral("validFrom")) ? readDate(QStringLiteral("validFrom"), true)
                                                                    : fields.issuedOn;
    fields.validUntil = readDate(QStringLiteral("validUntil"), false);
    if (problem.isEmpty() && fields.validUntil.isValid() && fields.validUntil < fields.validFrom)
        problem = Tr::tr("The certificate record ends (%1) before it begins (%2).")
                      .arg(date(fields.validUntil), date(fields.validFrom));
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return fields;
}

QHash<QString, QString> CertificateKeyFields::toFields() const
{
    return {
        {QStringLiteral("certificateId"), certificateId},
        {QStringLiteral("certificateNumber"), certificateNumber},
        {QStringLiteral("holderName"), holderName},
        {QStringLiteral("holderId"), holderId},
        {QStringLiteral("validFrom"), date(validFrom)},
        {QStringLiteral("validUntil"), date(validUntil)},
        {QStringLiteral("authority"), authority},
        {QStringLiteral("issuedOn"), date(issuedOn)},
    };
}

CertificateKeyFields CertificateKeyFields::fromFields(const QHash<QString, QString> &fields)
{
    CertificateKeyFields result;
    result.certificateId = fields.value(QStringLiteral("certificateId"));
    result.certificateNumber = fields.value(QStringLiteral("certificateNumber"));
    result.holderName = fields.value(QStringLiteral("holderName"));
    result.holderId = fields.value(QStringLiteral("holderId"));
    result.validFrom = QDate::fromString(fields.value(QStringLiteral("validFrom")), isoDate);
    result.validUntil = QDate::fromString(fields.value(QStringLiteral("validUntil")), isoDate);
    result.authority = fields.value(QStringLiteral("authority"));
    result.issuedOn = QDate::fromString(fields.value(QStringLiteral("issuedOn")), isoDate);
    return result;
}

// ---------------------------------------------------------------------------
// AuthorityKey

struct AuthorityKey::Data
{
    std::shared_ptr<EVP_PKEY> key;
    bool hasPrivate = false;
};

AuthorityKey::AuthorityKey() = default;
AuthorityKey::~AuthorityKey() = default;
AuthorityKey::AuthorityKey(const AuthorityKey &) = default;
AuthorityKey &AuthorityKey::operator=(const AuthorityKey &) = default;

AuthorityKey AuthorityKey::generate(QString *error)
{
    AuthorityKey result;
    auto key = own(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
    ERR_clear_error();
    if (!key) {
        if (error)
            *error = Tr::tr("No SM2 key could be generated: this OpenSSL has no SM2 support.");
        return result;
    }
    result.d = std::make_shared<Data>(Data {key, true});
    return result;
}

AuthorityKey AuthorityKey::fromPrivatePem(const QByteArray &pem, QString *error)
{
    AuthorityKey result;
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), BIO_free);
    auto key = own(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    ERR_clear_error();
    if (!key || !EVP_PKEY_is_a(key.get(), "SM2")) {
        if (error)
            *error = Tr::tr("This is not an SM2 private key in PEM format.");
        return result;
    }
    result.d = std::make_shared<Data>(Data {key, true});
    return result;
}

AuthorityKey AuthorityKey::fromPublicPem(const QByteArray &pem, QString *error)
{
    AuthorityKey result;
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), BIO_free);
    auto key = own(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    ERR_clear_error();
    if (!key || !EVP_PKEY_is_a(key.get(), "SM2")) {
        if (error)
            *error = Tr::tr("This is not an SM2 public key in PEM format.");
        return result;
    }
    result.d = std::make_shared<Data>(Data {key, false});
    return result;
}

bool AuthorityKey::isNull() const
{
    return !d;
}

bool AuthorityKey::hasPrivateKey() const
{
    return d && d->hasPrivate;
}

QByteArray AuthorityKey::publicPem() const
{
    if (!d)
        return {};
    Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), d->key.get()) != 1)
        return {};
    return drain(bio.get());
}

QByteArray AuthorityKey::privatePem() const
{
    if (!hasPrivateKey())
        return {};
    Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), d->key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return drain(bio.get());
}

bool AuthorityKey::writePrivatePem(const QString &fileName, QString *error) const
{
    const QByteArray pem = privatePem();
    if (pem.isEmpty()) {
        if (error)
            *error = Tr::tr("There is no private key to write.");
        return false;
    }
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(fileName);
    // An existing file is narrowed before the key goes into it, a new one is created narrow.
    if (file.exists() && !file.setPermissions(ownerOnly)) {
        if (error)
            *error = Tr::tr("Cannot restrict the permissions of %1: %2").arg(fileName, file.errorString());
        return false;
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) || file.write(pem) != pem.size()
        || !file.flush()) {
        if (error)
            *error = Tr::tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------
// CertificateCode

QString CertificateCode::sign(const CertificateKeyFields &fields, const AuthorityKey &key, QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return QString();
    };
    if (!key.hasPrivateKey())
        return fail(Tr::tr("Signing a certificate needs the authority's private key."));
    QString problem;
    // What is signed must be what a verifier accepts: check it the same way.
    if (!CertificateKeyFields::fromJson(fields.toJson(), &problem))
        return fail(problem);
    const auto payload = core::CanonicalJson::toBytes(fields.toJson(), &problem);
    if (!payload)
        return fail(problem);
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t size = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(payload->constData());
    if (!ctx || !digestInit(ctx.get(), key.d->key.get(), true)
        || EVP_DigestSign(ctx.get(), nullptr, &size, data, std::size_t(payload->size())) != 1) {
        ERR_clear_error();
        return fail(Tr::tr("The certificate could not be signed (SM2 signing failed)."));
    }
    QByteArray der(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &size, data,
                       std::size_t(payload->size()))
        != 1) {
        ERR_clear_error();
        return fail(Tr::tr("The certificate could not be signed (SM2 signing failed)."));
    }
    der.truncate(qsizetype(size));
    const QByteArray raw = rawFromDer(der);
    if (raw.isEmpty())
        return fail(Tr::tr("The certificate could not be signed (SM2 signing failed)."));
    return prefix() + QString::fromLatin1(toBase64Url(*payload) + '.' + toBase64Url(raw));
}

std::optional<CertificateKeyFields> CertificateCode::decode(const QString &code, QString *error)
{
    QString problem;
    const auto parts = split(code, &problem);
    if (!parts) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return parts->fields;
}

CertificateCode::Verification CertificateCode::verify(const QString &code, const AuthorityPublicKeys &keys)
{
    Verification result;
    const auto parts = split(code, &result.reason);
    if (!parts)
        return result;
    result.fields = parts->fields;
    const QString authority = parts->fields.authority;
    if (!keys.contains(authority)) {
        result.status = Status::UnknownAuthority;
        result.reason
            = Tr::tr("The code names the issuing authority \"%1\", whose public key is not known here: "
                     "update the catalogue or check the certificate with that authority.")
                  .arg(authority);
        return result;
    }
    QString keyError;
    const AuthorityKey key = AuthorityKey::fromPublicPem(keys.value(authority), &keyError);
    if (key.isNull()) {
        result.status = Status::UnknownAuthority;
        result.reason = Tr::tr("The public key of the issuing authority \"%1\" cannot be used: %2")
                            .arg(authority, keyError);
        return result;
    }
    const QByteArray der = derFromRaw(parts->signature);
    MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool valid = !der.isEmpty() && ctx && digestInit(ctx.get(), key.d->key.get(), false)
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(der.constData()),
                            std::size_t(der.size()),
                            reinterpret_cast<const unsigned char *>(parts->payload.constData()),
                            std::size_t(parts->payload.size()))
            == 1;
    ERR_clear_error();
    if (!valid) {
        result.status = Status::Forged;
        result.reason = Tr::tr("The signature does not match these details: they were changed after signing, "
                               "or the code was not issued by \"%1\".")
                            .arg(authority);
        return result;
    }
    result.status = Status::Genuine;
    result.reason.clear();
    return result;
}

QString CertificateCode::statusName(Status status)
{
    switch (status) {
    case Status::Genuine:
        return Tr::tr("genuine");
    case Status::Forged:
        return Tr::tr("forged");
    case Status::Malformed:
        return Tr::tr("malformed");
    case Status::UnknownAuthority:
        return Tr::tr("unknown authority");
    }
    return {};
}

} // namespace ow::printing
