// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/certificaterecord.h"

#include "ow/printing/certificatecode.h"
#include "ow/printing/tr.h"

#include <QDate>
#include <QList>

#include <optional>
#include <utility>

namespace ow::printing {

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? Tr::tr("Yes") : Tr::tr("No");
    return {};
}

// Template field names the built-in templates use, and the application form
// keys of the demo catalogue that carry the same fact, most specific first.
const QList<std::pair<QString, QStringList>> &formAliases()
{
    static const QList<std::pair<QString, QStringList>> aliases {
        {QStringLiteral("premises"),
         {QStringLiteral("businessAddress"), QStringLiteral("installAddress"),
          QStringLiteral("propertyAddress"), QStringLiteral("residenceAddress")}},
        {QStringLiteral("address"), {QStringLiteral("businessAddress"), QStringLiteral("residenceAddress")}},
        {QStringLiteral("businessType"),
         {QStringLiteral("foodCategory"), QStringLiteral("venueType"), QStringLiteral("venueUse"),
          QStringLiteral("drainageType")}},
        {QStringLiteral("businessScope"), {QStringLiteral("drugScope"), QStringLiteral("foodCategory")}},
        {QStringLiteral("operatorName"), {QStringLiteral("applicantName")}},
        {QStringLiteral("legalRepresentative"), {QStringLiteral("applicantName")}},
    };
    return aliases;
}

// The key fields as the record states them, for a record not signed yet.
CertificateKeyFields unsignedKeyFields(const QJsonObject &record)
{
    const QJsonObject holder = record.value(QStringLiteral("holder")).toObject();
    const QDate issued
        = QDate::fromString(record.value(QStringLiteral("issuedAt")).toString().left(10), Qt::ISODate);
    const QDate from
        = QDate::fromString(record.value(QStringLiteral("validFrom")).toString().left(10), Qt::ISODate);
    CertificateKeyFields key;
    key.certificateId = record.value(QStringLiteral("certificateId")).toString();
    key.certificateNumber = record.value(QStringLiteral("number")).toString();
    key.holderName = holder.value(QStringLiteral("name")).toString();
    key.holderId = holder.value(QStringLiteral("idNumber")).toString();
    key.validFrom = from.isValid() ? from : issued;
    key.validUntil
        = QDate::fromString(record.value(QStringLiteral("validUntil")).toString().left(10), Qt::ISODate);
    key.issuedOn = issued;
    return key;
}

} // namespace

QString CertificateRecord::templateId(const QJsonObject &record)
{
    return record.value(QStringLiteral("templateId")).toString();
}

CertificateFields CertificateRecord::fields(const QJsonObject &record, const QString &verificationCode,
                                            const QString &authorityName, const OptionLabel &optionLabel)
{
    // What the code states is what the certificate must say: printed from
    // the signed fields, the paper and its QR code cannot disagree.
    std::optional<CertificateKeyFields> key;
    if (!verificationCode.isEmpty())
        key = CertificateCode::decode(verificationCode);
    if (!key)
        key = unsignedKeyFields(record);
    CertificateFields fields = key->toFields();

    QHash<QString, QString> form;
    const QJsonObject values = record.value(QStringLiteral("fields")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        QString value = jsonText(it.value());
        if (optionLabel && !value.isEmpty())
            value = optionLabel(it.key(), value);
        if (!value.isEmpty())
            form.insert(it.key(), value);
    }
    for (auto it = form.cbegin(); it != form.cend(); ++it) {
        if (fields.value(it.key()).isEmpty())
            fields.insert(it.key(), it.value());
    }
    for (const auto &[name, sources] : formAliases()) {
        if (!fields.value(name).isEmpty())
            continue;
        for (const QString &source : sources) {
            if (!form.value(source).isEmpty()) {
                fields.insert(name, form.value(source));
                break;
            }
        }
    }
    if (templateId(record) == QLatin1String("business-licence-individual")) {
        fields.insert(QStringLiteral("entityType"), QStringLiteral("个体工商户"));
        if (fields.value(QStringLiteral("operatorName")).isEmpty())
            fields.insert(QStringLiteral("operatorName"), key->holderName);
    }
    // A person holds the licence in their own name: they are its 负责人.
    if (fields.value(QStringLiteral("legalRepresentative")).isEmpty()
        && record.value(QStringLiteral("holder")).toObject().value(QStringLiteral("kind")).toString()
            == QLatin1String("person"))
        fields.insert(QStringLiteral("legalRepresentative"), key->holderName);
    if (fields.value(QStringLiteral("registeredOn")).isEmpty())
        fields.insert(QStringLiteral("registeredOn"), fields.value(QStringLiteral("issuedOn")));
    fields.insert(QStringLiteral("authorityName"), authorityName);
    fields.insert(QStringLiteral("verificationCode"), verificationCode);
    return fields;
}

} // namespace ow::printing
