// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QDate>
#include <QString>
#include <QStringView>

namespace ow::core {

class IdCardCheck;

// A citizen identity number (公民身份号码, GB 11643-1999), always in its
// 18-character form. Only IdCardNumber::parse() makes a valid one; a
// default-constructed number is invalid. Also accepts the residence permits of
// Hong Kong, Macao and Taiwan residents (prefixes 81, 82, 83), which use the
// same structure.
class OW_CORE_EXPORT IdCardNumber
{
public:
    enum class Reason {
        None,
        Empty,
        InvalidCharacter,
        WrongLength,
        UnknownProvince,
        InvalidBirthDate,
        BirthDateTooEarly,
        BirthDateInFuture,
        WrongCheckDigit,
    };
    enum class Sex { Female, Male };

    IdCardNumber() = default;

    // Normalises `input` (see normaliseCodeInput()), upgrades a 15-digit
    // first-generation number, and checks it. `today` bounds the birth date;
    // an invalid `today` means the current date.
    static IdCardCheck parse(const QString &input, const QDate &today = {});
    // ISO 7064 MOD 11-2 check character over 17 digits; a null QChar if `first17` is not 17 digits.
    static QChar checkDigit(QStringView first17);
    // Translated word for `sex`, e.g. "female" / 女.
    static QString sexName(Sex sex);

    bool isValid() const { return !m_number.isEmpty(); }
    QString toString() const { return m_number; }
    QDate birthDate() const;
    Sex sex() const;
    // First six digits: the county-level division where the number was issued.
    QString regionCode() const { return m_number.left(6); }
    QString provinceCode() const { return m_number.left(2); }
    // Chinese name, e.g. 北京市 (see ow::core::provinceName()).
    QString provinceName() const;
    // The 15-digit number this one was upgraded from; empty for an 18-digit input.
    QString legacyNumber() const { return m_legacy; }

    friend bool operator==(const IdCardNumber &a, const IdCardNumber &b) { return a.m_number == b.m_number; }

private:
    QString m_number;
    QString m_legacy;
};

// Outcome of IdCardNumber::parse(): either a valid number, or the reason the
// input is not one with a translated, lower-case message naming the fault
// (e.g. "the check digit should be 7, not 3").
class OW_CORE_EXPORT IdCardCheck
{
public:
    bool isValid() const { return m_reason == IdCardNumber::Reason::None; }
    IdCardNumber::Reason reason() const { return m_reason; }
    QString message() const { return m_message; }
    // The normalised input, whether valid or not (for showing the user what was checked).
    QString normalisedInput() const { return m_normalised; }
    IdCardNumber number() const { return m_number; }
    // Stable English identifier of the reason, e.g. "wrong-check-digit"; for logs and scripts.
    static QString reasonKey(IdCardNumber::Reason reason);

private:
    friend class IdCardNumber;
    IdCardNumber::Reason m_reason = IdCardNumber::Reason::Empty;
    QString m_message;
    QString m_normalised;
    IdCardNumber m_number;
};

} // namespace ow::core
