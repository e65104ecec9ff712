// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"

#include <QDate>
#include <QString>

#include <optional>

namespace ow::cases {

// The number an applicant sees on the acceptance notice, made on the
// workstation without asking a server: OFFICE-YYYYMMDD-DEVICE-SERIAL-C, e.g.
// 330102-20261122-D07-000123-8.
//   OFFICE  the office code, 6 to 12 digits or capital letters
//   DEVICE  the device's code within its office, 1 to 4 digits or capitals
//   SERIAL  the device's counter, at least 6 digits (zero-padded), at most 9
//   C       an ISO/IEC 7064 MOD 37,36 check character over the rest
// Unique as long as each office gives its devices distinct codes and each
// device never reuses a serial (storage keeps the counter); the date is for
// people. The check character catches any single mistyped character and
// most swaps of neighbours when a number is read out or typed in.
class OW_CASES_EXPORT CaseNumber
{
public:
    CaseNumber() = default;

    // Nullopt and a translated reason for parts outside the format.
    static std::optional<CaseNumber> make(const QString &officeCode, const QDate &date,
                                          const QString &deviceCode, qint64 serial, QString *error = nullptr);
    // Accepts surrounding spaces and lower case; anything else must match
    // exactly, including the check character.
    static std::optional<CaseNumber> parse(QStringView text, QString *error = nullptr);
    static bool isValid(QStringView text) { return parse(text).has_value(); }

    QString officeCode() const { return m_office; }
    QDate date() const { return m_date; }
    QString deviceCode() const { return m_device; }
    qint64 serial() const { return m_serial; }
    QChar checkCharacter() const;
    QString toString() const;

    // The MOD 37,36 check character for a string of digits and capitals
    // (hyphens are skipped); a null QChar for any other character.
    static QChar computeCheckCharacter(QStringView text);

    friend bool operator==(const CaseNumber &a, const CaseNumber &b) { return a.toString() == b.toString(); }

private:
    QString body() const;

    QString m_office;
    QDate m_date;
    QString m_device;
    qint64 m_serial = 0;
};

} // namespace ow::cases
