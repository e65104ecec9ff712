// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/printing/certificatecode.h>
#include <ow/printing/templaterenderer.h>

// Certificates as the demo county issues them, for the printing tests and the benchmark.
namespace ow::test {

inline printing::CertificateKeyFields sampleKeyFields(const QString &templateId
                                                      = QStringLiteral("food-business-licence"))
{
    printing::CertificateKeyFields key;
    key.certificateId = QStringLiteral("0193a5c2-7f1e-7c3a-9b2d-5e8f1a2b3c4d");
    key.certificateNumber = QStringLiteral("JY13301020000123");
    key.holderName = QStringLiteral("示范县欧阳娜娜小吃店");
    key.holderId = QStringLiteral("92330102MA2KX1234Q");
    key.validFrom = QDate(2026, 11, 30);
    key.validUntil = QDate(2031, 11, 29);
    key.authority = QStringLiteral("demo-centre-2026");
    key.issuedOn = QDate(2026, 11, 30);
    if (templateId == QLatin1String("business-licence-individual")) {
        // A business licence's number is the unified social credit code and has no end date.
        key.certificateNumber = key.holderId;
        key.holderId
            = QStringLiteral("11010519491231002X"); // the operator's ID number: in the code, not printed
        key.validUntil = QDate();
    }
    return key;
}

// The record's fields for `templateId` (food-business-licence or
// business-licence-individual), with `code` as the verification code.
inline printing::CertificateFields
sampleFields(const QString &templateId, const printing::CertificateKeyFields &key, const QString &code)
{
    printing::CertificateFields fields = key.toFields();
    fields.insert(QStringLiteral("verificationCode"), code);
    fields.insert(QStringLiteral("authorityName"), QStringLiteral("示范县市场监督管理局"));
    fields.insert(QStringLiteral("premises"), QStringLiteral("示范县城关镇人民路88号1层"));
    if (templateId == QLatin1String("food-business-licence")) {
        fields.insert(QStringLiteral("legalRepresentative"), QStringLiteral("欧阳娜娜"));
        fields.insert(QStringLiteral("address"), QStringLiteral("示范县城关镇人民路88号"));
        fields.insert(QStringLiteral("businessType"), QStringLiteral("小餐饮"));
        fields.insert(
            QStringLiteral("businessScope"),
            QStringLiteral("热食类食品制售；冷食类食品制售（不含烧卤熟肉）；自制饮品制售（不含生鲜乳饮品）"));
        fields.insert(QStringLiteral("supervisor"), QStringLiteral("示范县市场监督管理局城关市场监督管理所"));
        fields.insert(QStringLiteral("inspector"), QStringLiteral("李明、王芳"));
        fields.insert(QStringLiteral("issuer"), QStringLiteral("张建国"));
    } else {
        fields.insert(QStringLiteral("entityType"), QStringLiteral("个体工商户"));
        fields.insert(QStringLiteral("operatorName"), QStringLiteral("欧阳娜娜"));
        fields.insert(QStringLiteral("organisationForm"), QStringLiteral("个人经营"));
        fields.insert(QStringLiteral("registeredOn"), QStringLiteral("2026-11-30"));
        fields.insert(
            QStringLiteral("businessScope"),
            QStringLiteral("许可项目：餐饮服务；食品小作坊经营。（依法须经批准的项目，经相关部门批准后方可"
                           "开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）一般项目：日用百货"
                           "销售；外卖递送服务。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"));
    }
    return fields;
}

} // namespace ow::test
