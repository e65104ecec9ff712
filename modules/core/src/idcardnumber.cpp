// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/idcardnumber.h"

#include "ow/core/region.h"
#include "ow/core/textnormalisation.h"
#include "ow/core/tr.h"

namespace ow::core {

namespace {

constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char16_t checkChars[11] = {u'1', u'0', u'X', u'9', u'8', u'7', u'6', u'5', u'4', u'3', u'2'};

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

int digitsAt(QStringView s, qsizetype pos, qsizetype count)
{
    int value = 0;
    for (qsizetype i = pos; i < pos + count; ++i)
        value = value * 10 + (s[i].unicode() - u'0');
    return value;
}

} // namespace

QChar IdCardNumber::checkDigit(QStringView first17)
{
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i) {
        if (!isAsciiDigit(first17[i]))
            return {};
        sum += (first17[i].unicode() - u'0') * weights[i];
    }
    return QChar(checkChars[sum % 11]);
}

IdCardCheck IdCardNumber::parse(const QString &input, const QDate &today)
{
    using R = Reason;
    IdCardCheck check;
    const QString s = normaliseCodeInput(input);
    check.m_normalised = s;
    auto fail = [&check](Reason reason, const QString &message) {
        check.m_reason = reason;
        check.m_message = message;
        return check;
    };

    if (s.isEmpty())
        return fail(R::Empty, Tr::tr("no ID card number was given"));
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!isAsciiDigit(s[i]) && s[i] != u'X')
            return fail(R::InvalidCharacter,
                        Tr::tr("the character “%1” at position %2 is not allowed in an ID card number")
                            .arg(QString(s[i]), QString::number(i + 1)));
    }
    if (s.size() != 15 && s.size() != 18)
        return fail(
            R::WrongLength,
            Tr::tr("an ID card number has 18 characters (or 15 for old cards), not %1").arg(s.size()));
    const qsizetype x = s.indexOf(u'X');
    if (x >= 0 && x != 17)
        return fail(R::InvalidCharacter,
                    Tr::tr("only the last character of an 18-digit ID card number may be X"));

    const bool legacy = s.size() == 15;
    // First-generation cards were issued only on the mainland (codes below 70), long
    // before the Hong Kong, Macao and Taiwan residence permits existed.
    if (!isKnownProvince(s) || (legacy && s.left(2).toInt() > 70))
        return fail(
            R::UnknownProvince,
            Tr::tr("“%1” is not the code of a province, autonomous region or municipality").arg(s.left(2)));

    const QString body = legacy ? s.left(6) + QLatin1String("19") + s.mid(6) : s.left(17);
    const int year = digitsAt(body, 6, 4);
    const QDate birth(year, digitsAt(body, 10, 2), digitsAt(body, 12, 2));
    if (!birth.isValid())
        return fail(R::InvalidBirthDate, Tr::tr("“%1” is not a valid date of birth").arg(body.mid(6, 8)));
    if (year < 1900)
        return fail(R::BirthDateTooEarly,
                    Tr::tr("the date of birth %1 is before 1900").arg(birth.toString(Qt::ISODate)));
    const QDate now = today.isValid() ? today : QDate::currentDate();
    if (birth > now)
        return fail(R::BirthDateInFuture,
                    Tr::tr("the date of birth %1 is in the future").arg(birth.toString(Qt::ISODate)));

    const QChar expected = checkDigit(body);
    if (!legacy && s[17] != expected)
        return fail(R::WrongCheckDigit,
                    Tr::tr("the check digit should be %1, not %2").arg(QString(expected), QString(s[17])));

    check.m_reason = R::None;
    check.m_number.m_number = body + expected;
    check.m_number.m_legacy = legacy ? s : QString();
    return check;
}

QString IdCardNumber::sexName(Sex sex)
{
    return sex == Sex::Male ? Tr::tr("male") : Tr::tr("female");
}

QDate IdCardNumber::birthDate() const
{
    if (!isValid())
        return {};
    return QDate(digitsAt(m_number, 6, 4), digitsAt(m_number, 10, 2), digitsAt(m_number, 12, 2));
}

IdCardNumber::Sex IdCardNumber::sex() const
{
    if (!isValid())
        return Sex::Female;
    return (m_number[16].unicode() - u'0') % 2 == 1 ? Sex::Male : Sex::Female;
}

QString IdCardNumber::provinceName() const
{
    return ow::core::provinceName(provinceCode());
}

QString IdCardCheck::reasonKey(IdCardNumber::Reason reason)
{
    using R = IdCardNumber::Reason;
    switch (reason) {
    case R::None:
        return QStringLiteral("none");
    case R::Empty:
        return QStringLiteral("empty");
    case R::InvalidCharacter:
        return QStringLiteral("invalid-character");
    case R::WrongLength:
        return QStringLiteral("wrong-length");
    case R::UnknownProvince:
        return QStringLiteral("unknown-province");
    case R::InvalidBirthDate:
        return QStringLiteral("invalid-birth-date");
    case R::BirthDateTooEarly:
        return QStringLiteral("birth-date-too-early");
    case R::BirthDateInFuture:
        return QStringLiteral("birth-date-in-future");
    case R::WrongCheckDigit:
        return QStringLiteral("wrong-check-digit");
    }
    return {};
}

} // namespace ow::core
