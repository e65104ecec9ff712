// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/casenumber.h"

#include "ow/cases/tr.h"

#include <QRegularExpression>

#include <algorithm>

namespace ow::cases {

namespace {

constexpr int modulus = 36;
constexpr qint64 maxSerial = 999999999;

int characterValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'A' && u <= 'Z')
        return u - 'A' + 10;
    return -1;
}

QChar characterOf(int value)
{
    return value < 10 ? QChar(u'0' + value) : QChar(u'A' + (value - 10));
}

bool isCode(const QString &code, int minLength, int maxLength)
{
    if (code.size() < minLength || code.size() > maxLength)
        return false;
    return std::all_of(code.begin(), code.end(), [](QChar c) { return characterValue(c) >= 0; });
}

std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QChar CaseNumber::computeCheckCharacter(QStringView text)
{
    // ISO/IEC 7064 pure hybrid system MOD 37,36.
    int product = modulus;
    for (QChar c : text) {
        if (c == QLatin1Char('-'))
            continue;
        const int value = characterValue(c);
        if (value < 0)
            return {};
        int sum = (product + value) % modulus;
        if (sum == 0)
            sum = modulus;
        product = (sum * 2) % (modulus + 1);
    }
    return characterOf((modulus + 1 - product) % modulus);
}

std::optional<CaseNumber> CaseNumber::make(const QString &officeCode, const QDate &date,
                                           const QString &deviceCode, qint64 serial, QString *error)
{
    if (!isCode(officeCode, 6, 12))
        return fail(
            error,
            Tr::tr("The office code \"%1\" must be 6 to 12 digits or capital letters.").arg(officeCode));
    if (!date.isValid() || date.year() < 2000 || date.year() > 9999)
        return fail(error, Tr::tr("The case number needs a valid date."));
    if (!isCode(deviceCode, 1, 4))
        return fail(
            error,
            Tr::tr("The device code \"%1\" must be 1 to 4 digits or capital letters.").arg(deviceCode));
    if (serial < 1 || serial > maxSerial)
        return fail(error, Tr::tr("The serial %1 is outside 1 to %2.").arg(serial).arg(maxSerial));
    CaseNumber number;
    number.m_office = officeCode;
    number.m_date = date;
    number.m_device = deviceCode;
    number.m_serial = serial;
    return number;
}

std::optional<CaseNumber> CaseNumber::parse(QStringView text, QString *error)
{
    static const QRegularExpression form(
        QStringLiteral("^([0-9A-Z]{6,12})-([0-9]{8})-([0-9A-Z]{1,4})-([0-9]{6,9})-([0-9A-Z])$"));
    const QString normalised = text.trimmed().toString().toUpper();
    const QRegularExpressionMatch match = form.match(normalised);
    if (!match.hasMatch())
        return fail(error,
                    Tr::tr("\"%1\" is not a case number of the form 330102-20261122-D07-000123-8.")
                        .arg(text.toString()));
    const QDate date = QDate::fromString(match.captured(2), QStringLiteral("yyyyMMdd"));
    if (!date.isValid())
        return fail(error, Tr::tr("\"%1\" contains an impossible date.").arg(normalised));
    const QString serialText = match.captured(4);
    // Exactly six digits or no leading zero beyond them: one spelling per number.
    if (serialText.size() > 6 && serialText.startsWith(QLatin1Char('0')))
        return fail(error, Tr::tr("\"%1\" has a serial with extra leading zeros.").arg(normalised));
    const auto number = make(match.captured(1), date, match.captured(3), serialText.toLongLong(), error);
    if (!number)
        return std::nullopt;
    if (number->checkCharacter() != match.captured(5).at(0))
        return fail(
            error,
            Tr::tr("\"%1\" has a wrong check character: a character was probably mistyped.").arg(normalised));
    return number;
}

QString CaseNumber::body() const
{
    return m_office + QLatin1Char('-') + m_date.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('-')
        + m_device + QLatin1Char('-') + QStringLiteral("%1").arg(m_serial, 6, 10, QLatin1Char('0'));
}

QChar CaseNumber::checkCharacter() const
{
    return computeCheckCharacter(body());
}

QString CaseNumber::toString() const
{
    if (m_office.isEmpty())
        return {};
    const QString text = body();
    return text + QLatin1Char('-') + computeCheckCharacter(text);
}

} // namespace ow::cases
