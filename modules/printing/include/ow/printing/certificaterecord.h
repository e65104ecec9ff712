// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/printing_export.h"
#include "ow/printing/templaterenderer.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace ow::printing {

// What a certificate record (the payload of a certificate-produced event,
// docs/sync-api.md) prints: the values of its template's fields. One mapping
// for every place that prints a record (the workstation's 打证 page,
// `onewindow-admin render-certificate CASE`), so the same record always
// makes the same paper.
class OW_PRINTING_EXPORT CertificateRecord
{
public:
    // The text a form value prints as (a choice's label); the value itself when none is given.
    using OptionLabel = std::function<QString(const QString &field, const QString &value)>;

    // The key fields the verification code vouches for (as signed, when
    // `verificationCode` is one: the paper and its QR code cannot disagree;
    // from the record otherwise), the application form's values under their
    // own names and under the names the built-in templates use, the issuing
    // authority's name (authorityName) and the verification code.
    static CertificateFields fields(const QJsonObject &record, const QString &verificationCode,
                                    const QString &authorityName, const OptionLabel &optionLabel = {});

    // The template the record names (its templateId), empty when none.
    static QString templateId(const QJsonObject &record);
};

} // namespace ow::printing
