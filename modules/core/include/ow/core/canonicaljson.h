// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace ow::core {

// The JSON Canonicalization Scheme (RFC 8785): one exact byte sequence per
// JSON value, so that event hashes computed on a workstation, on the server
// and by an outside auditor agree. Object members are sorted by their UTF-16
// code units, there is no whitespace, strings are UTF-8 with minimal escapes,
// and numbers are written as ECMAScript's Number.prototype.toString() does.
class OW_CORE_EXPORT CanonicalJson
{
public:
    // The canonical UTF-8 bytes of `value`, or nullopt (and a translated
    // reason in `error`) for what I-JSON cannot represent: NaN, infinities,
    // integers beyond ±2^53 that a double would silently round, strings with
    // unpaired surrogates, and undefined values.
    static std::optional<QByteArray> toBytes(const QJsonValue &value, QString *error = nullptr);
    static std::optional<QByteArray> toBytes(const QJsonObject &object, QString *error = nullptr);
    static std::optional<QByteArray> toBytes(const QJsonArray &array, QString *error = nullptr);
    // The same bytes appended to `out`; false (and `out` partly written) for what toBytes refuses.
    static bool append(QByteArray &out, const QJsonValue &value, QString *error = nullptr);
    static bool appendString(QByteArray &out, QStringView text, QString *error = nullptr);

    // Number.prototype.toString() of a finite double (shortest round-trip
    // digits; "1e+21", "1.5e-7", and "0" for -0); nullopt for NaN and infinities.
    static std::optional<QByteArray> formatNumber(double value);
};

} // namespace ow::core
