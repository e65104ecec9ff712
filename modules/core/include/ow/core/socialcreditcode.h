// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QChar>
#include <QString>
#include <QStringView>

namespace ow::core {

class SocialCreditCodeCheck;

// A unified social credit code (统一社会信用代码, GB 32100-2015) of a legal
// person or other organisation. Only SocialCreditCode::parse() makes a valid
// one; a default-constructed code is invalid.
//
// Layout: 1 registration authority, 2 organisation type (per authority),
// 3-8 region of the registering office, 9-17 organisation code (GB 11714),
// 18 check character.
class OW_CORE_EXPORT SocialCreditCode
{
public:
    enum class Reason {
        None,
        Empty,
        InvalidCharacter,
        WrongLength,
        UnknownRegistrationAuthority,
        UnknownOrganisationType,
        InvalidRegionCode,
        WrongCheckCharacter,
    };

    SocialCreditCode() = default;

    // Normalises `input` (see normaliseCodeInput()) and checks it.
    static SocialCreditCodeCheck parse(const QString &input);
    // GB 32100 check character over 17 code characters; a null QChar if `first17` is not such.
    static QChar checkCharacter(QStringView first17);
    // The 31 characters a code may contain: digits and capitals except I, O, Z, S, V.
    static QStringView alphabet();

    bool isValid() const { return !m_code.isEmpty(); }
    QString toString() const { return m_code; }
    QChar registrationAuthorityCode() const { return isValid() ? m_code[0] : QChar(); }
    QString organisationTypeCode() const { return m_code.left(2); }
    // Translated names, e.g. "market regulation" / 市场监管, "enterprise" / 企业.
    QString registrationAuthority() const;
    QString organisationType() const;
    QString regionCode() const { return m_code.mid(2, 6); }
    QString organisationCode() const { return m_code.mid(8, 9); }

    friend bool operator==(const SocialCreditCode &a, const SocialCreditCode &b)
    {
        return a.m_code == b.m_code;
    }

private:
    QString m_code;
};

// Outcome of SocialCreditCode::parse(): a valid code, or the reason it is not
// one with a translated, lower-case message naming the fault.
class OW_CORE_EXPORT SocialCreditCodeCheck
{
public:
    bool isValid() const { return m_reason == SocialCreditCode::Reason::None; }
    SocialCreditCode::Reason reason() const { return m_reason; }
    QString message() const { return m_message; }
    QString normalisedInput() const { return m_normalised; }
    SocialCreditCode code() const { return m_code; }
    // Stable English identifier of the reason, e.g. "wrong-check-character".
    static QString reasonKey(SocialCreditCode::Reason reason);

private:
    friend class SocialCreditCode;
    SocialCreditCode::Reason m_reason = SocialCreditCode::Reason::Empty;
    QString m_message;
    QString m_normalised;
    SocialCreditCode m_code;
};

} // namespace ow::core
