// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/socialcreditcode.h"

#include "ow/core/textnormalisation.h"
#include "ow/core/tr.h"

#include <iterator>

namespace ow::core {

namespace {

constexpr char16_t alphabetChars[] = u"0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

struct Entry
{
    const char *code; // one character for an authority, two for an organisation type
    const char *name; // English source text, translated in context "Core"
};

// GB 32100-2015 appendix A (with the later A and N authorities).
constexpr Entry authorities[] = {
    {"1", QT_TRANSLATE_NOOP("Core", "organisational staffing")},
    {"2", QT_TRANSLATE_NOOP("Core", "foreign affairs")},
    {"3", QT_TRANSLATE_NOOP("Core", "judicial administration")},
    {"4", QT_TRANSLATE_NOOP("Core", "culture")},
    {"5", QT_TRANSLATE_NOOP("Core", "civil affairs")},
    {"6", QT_TRANSLATE_NOOP("Core", "tourism")},
    {"7", QT_TRANSLATE_NOOP("Core", "religious affairs")},
    {"8", QT_TRANSLATE_NOOP("Core", "trade unions")},
    {"9", QT_TRANSLATE_NOOP("Core", "market regulation")},
    {"A", QT_TRANSLATE_NOOP("Core", "Reform and Organisation Office of the Central Military Commission")},
    {"N", QT_TRANSLATE_NOOP("Core", "agriculture")},
    {"Y", QT_TRANSLATE_NOOP("Core", "other")},
};

constexpr const char *other = QT_TRANSLATE_NOOP("Core", "other");

constexpr Entry types[] = {
    {"11", QT_TRANSLATE_NOOP("Core", "government organ")},
    {"12", QT_TRANSLATE_NOOP("Core", "public institution")},
    {"13", QT_TRANSLATE_NOOP("Core", "mass organisation staffed by the central staffing office")},
    {"19", other},
    {"21", QT_TRANSLATE_NOOP("Core", "resident office of a foreign news agency")},
    {"29", other},
    {"31", QT_TRANSLATE_NOOP("Core", "law firm")},
    {"32", QT_TRANSLATE_NOOP("Core", "notary office")},
    {"33", QT_TRANSLATE_NOOP("Core", "grassroots legal service office")},
    {"34", QT_TRANSLATE_NOOP("Core", "forensic appraisal institution")},
    {"35", QT_TRANSLATE_NOOP("Core", "arbitration commission")},
    {"39", other},
    {"41", QT_TRANSLATE_NOOP("Core", "foreign cultural centre in China")},
    {"49", other},
    {"51", QT_TRANSLATE_NOOP("Core", "social organisation")},
    {"52", QT_TRANSLATE_NOOP("Core", "private non-enterprise unit")},
    {"53", QT_TRANSLATE_NOOP("Core", "foundation")},
    {"59", other},
    {"61", QT_TRANSLATE_NOOP("Core", "resident office of a foreign tourism authority")},
    {"62", QT_TRANSLATE_NOOP("Core", "resident office of a Hong Kong, Macao or Taiwan tourism authority")},
    {"69", other},
    {"71", QT_TRANSLATE_NOOP("Core", "religious venue")},
    {"72", QT_TRANSLATE_NOOP("Core", "religious school")},
    {"79", other},
    {"81", QT_TRANSLATE_NOOP("Core", "grassroots trade union")},
    {"89", other},
    {"91", QT_TRANSLATE_NOOP("Core", "enterprise")},
    {"92", QT_TRANSLATE_NOOP("Core", "individual business")},
    {"93", QT_TRANSLATE_NOOP("Core", "farmers' specialised cooperative")},
    {"A1", QT_TRANSLATE_NOOP("Core", "military public institution")},
    {"A9", other},
    {"N1", QT_TRANSLATE_NOOP("Core", "group-level collective economic organisation")},
    {"N2", QT_TRANSLATE_NOOP("Core", "village-level collective economic organisation")},
    {"N3", QT_TRANSLATE_NOOP("Core", "township-level collective economic organisation")},
    {"N9", other},
    {"Y1", other},
};

template<std::size_t N>
const Entry *find(const Entry (&table)[N], QStringView code)
{
    for (const Entry &e : table) {
        if (code == QLatin1String(e.code))
            return &e;
    }
    return nullptr;
}

int valueOf(QChar c)
{
    return int(SocialCreditCode::alphabet().indexOf(c));
}

} // namespace

QStringView SocialCreditCode::alphabet()
{
    return QStringView(alphabetChars, qsizetype(std::size(alphabetChars) - 1));
}

QChar SocialCreditCode::checkCharacter(QStringView first17)
{
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (qsizetype i = 0; i < 17; ++i) {
        const int v = valueOf(first17[i]);
        if (v < 0)
            return {};
        sum += v * weights[i];
    }
    return alphabet()[(31 - sum % 31) % 31];
}

SocialCreditCodeCheck SocialCreditCode::parse(const QString &input)
{
    using R = Reason;
    SocialCreditCodeCheck check;
    const QString s = normaliseCodeInput(input);
    check.m_normalised = s;
    auto fail = [&check](Reason reason, const QString &message) {
        check.m_reason = reason;
        check.m_message = message;
        return check;
    };

    if (s.isEmpty())
        return fail(R::Empty, Tr::tr("no unified social credit code was given"));
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (valueOf(s[i]) < 0) {
            return fail(R::InvalidCharacter,
                        Tr::tr("the character “%1” at position %2 is not used in unified social credit codes")
                            .arg(QString(s[i]), QString::number(i + 1)));
        }
    }
    if (s.size() != 18)
        return fail(R::WrongLength,
                    Tr::tr("a unified social credit code has 18 characters, not %1").arg(s.size()));
    if (!find(authorities, QStringView(s).left(1)))
        return fail(R::UnknownRegistrationAuthority,
                    Tr::tr("“%1” is not the code of a registration authority").arg(s[0]));
    if (!find(types, QStringView(s).left(2)))
        return fail(R::UnknownOrganisationType,
                    Tr::tr("“%1” is not an organisation type of registration authority “%2”")
                        .arg(QString(s[1]), QString(s[0])));
    for (qsizetype i = 2; i < 8; ++i) {
        if (s[i] < u'0' || s[i] > u'9')
            return fail(
                R::InvalidRegionCode,
                Tr::tr("the region code “%1” (characters 3 to 8) must be six digits").arg(s.mid(2, 6)));
    }
    const QChar expected = checkCharacter(QStringView(s).left(17));
    if (s[17] != expected)
        return fail(
            R::WrongCheckCharacter,
            Tr::tr("the check character should be %1, not %2").arg(QString(expected), QString(s[17])));

    check.m_reason = R::None;
    check.m_code.m_code = s;
    return check;
}

QString SocialCreditCode::registrationAuthority() const
{
    const Entry *e = isValid() ? find(authorities, QStringView(m_code).left(1)) : nullptr;
    return e ? Tr::tr(e->name) : QString();
}

QString SocialCreditCode::organisationType() const
{
    const Entry *e = isValid() ? find(types, QStringView(m_code).left(2)) : nullptr;
    return e ? Tr::tr(e->name) : QString();
}

QString SocialCreditCodeCheck::reasonKey(SocialCreditCode::Reason reason)
{
    using R = SocialCreditCode::Reason;
    switch (reason) {
    case R::None:
        return QStringLiteral("none");
    case R::Empty:
        return QStringLiteral("empty");
    case R::InvalidCharacter:
        return QStringLiteral("invalid-character");
    case R::WrongLength:
        return QStringLiteral("wrong-length");
    case R::UnknownRegistrationAuthority:
        return QStringLiteral("unknown-registration-authority");
    case R::UnknownOrganisationType:
        return QStringLiteral("unknown-organisation-type");
    case R::InvalidRegionCode:
        return QStringLiteral("invalid-region-code");
    case R::WrongCheckCharacter:
        return QStringLiteral("wrong-check-character");
    }
    return {};
}

} // namespace ow::core
