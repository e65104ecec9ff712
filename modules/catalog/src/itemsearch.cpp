// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/itemsearch.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <QHash>
#include <QMutex>
#include <QStringList>

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>
#include <utility>

namespace ow::catalog {

namespace {

// ICU transliterators are not thread-safe and costly to make, so one is
// shared behind a lock, and each character's reading is cached.
QString transliterate(char32_t codePoint)
{
    static QMutex mutex;
    static std::unique_ptr<icu::Transliterator> transliterator;
    static bool failed = false;
    static QHash<char32_t, QString> cache;

    QMutexLocker locker(&mutex);
    if (const auto it = cache.constFind(codePoint); it != cache.cend())
        return *it;
    if (!transliterator && !failed) {
        UErrorCode status = U_ZERO_ERROR;
        transliterator.reset(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8("Han-Latin; Latin-ASCII; Lower"), UTRANS_FORWARD, status));
        failed = U_FAILURE(status) || !transliterator;
    }
    QString latin;
    if (!failed) {
        icu::UnicodeString unicode{UChar32(codePoint)};
        transliterator->transliterate(unicode);
        latin = QString::fromUtf16(reinterpret_cast<const char16_t *>(unicode.getBuffer()), unicode.length())
                    .trimmed();
    }
    cache.insert(codePoint, latin);
    return latin;
}

bool isHan(char32_t codePoint)
{
    return QChar::script(codePoint) == QChar::Script_Han;
}

// Each Han character becomes its toneless syllable; a run of other
// characters stays one lower-case token ("A1" in "A1类").
QStringList pinyinSyllables(const QString &text)
{
    QStringList syllables;
    QString run;
    for (const char32_t codePoint : text.toUcs4()) {
        if (isHan(codePoint)) {
            if (!run.isEmpty())
                syllables.append(std::exchange(run, QString()).toLower());
            syllables.append(transliterate(codePoint));
        } else if (QChar::isLetterOrNumber(codePoint)) {
            run += QString::fromUcs4(&codePoint, 1);
        } else if (!run.isEmpty()) {
            syllables.append(std::exchange(run, QString()).toLower());
        }
    }
    if (!run.isEmpty())
        syllables.append(run.toLower());
    return syllables;
}

QString asciiKey(const QString &text)
{
    QString key;
    key.reserve(text.size());
    for (const QChar c : text) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            key.append(c);
    }
    return key;
}

} // namespace

QString ItemSearch::pinyinOf(const QString &text)
{
    return asciiKey(pinyinSyllables(text).join(QString()));
}

QString ItemSearch::pinyinInitialsOf(const QString &text)
{
    QString initials;
    for (const QString &syllable : pinyinSyllables(text)) {
        const QString key = asciiKey(syllable);
        if (key.isEmpty())
            continue;
        // A number ("2" in 第2类) stays whole; a syllable or word gives its first letter.
        initials += key.front().isDigit() ? key : key.left(1);
    }
    return initials;
}

ItemSearch::ItemSearch(const Catalog &catalog)
{
    m_entries.reserve(catalog.items().size() + catalog.bundles().size());
    for (const Bundle &bundle : catalog.bundles())
        add(ItemSearchHit::Kind::Bundle, bundle.code, bundle.name, bundle.leadDepartment);
    for (const ServiceItem &item : catalog.items())
        add(ItemSearchHit::Kind::Item, item.code, item.name, item.department);
}

void ItemSearch::add(ItemSearchHit::Kind kind, const QString &code, const QString &name,
                     const QString &department)
{
    Entry entry;
    entry.hit.kind = kind;
    entry.hit.code = code;
    entry.hit.name = name;
    entry.hit.department = department;
    entry.codeKey = code.toLower().toStdU16String();
    entry.nameKey = name.toLower().toStdU16String();
    entry.pinyin = pinyinOf(name).toStdString();
    entry.initials = pinyinInitialsOf(name).toStdString();
    m_entries.append(std::move(entry));
}

QList<ItemSearchHit> ItemSearch::search(const QString &query, int limit) const
{
    const QString lowered = query.trimmed().toLower();
    if (lowered.isEmpty() || limit <= 0)
        return {};
    const std::u16string needle = lowered.toStdU16String();
    // Pinyin keys hold only [a-z0-9]: "shi pin" and "shi'pin" mean "shipin".
    const std::string latin = asciiKey(lowered).toStdString();
    const bool latinOnly
        = !latin.empty() && std::all_of(needle.cbegin(), needle.cend(), [](char16_t c) { return c < 0x80; });

    using M = ItemSearchHit::Match;
    constexpr int kinds = int(M::CodeContains) + 1;
    // Does `entry` match as `kind`? In the order of ItemSearchHit::Match; the first that holds counts.
    const auto matches = [&](const Entry &entry, M kind) {
        const std::u16string_view code(entry.codeKey);
        const std::u16string_view name(entry.nameKey);
        switch (kind) {
        case M::ExactCode:
            return code == needle;
        case M::CodePrefix:
            return code.starts_with(needle);
        case M::NamePrefix:
            return name.starts_with(needle);
        case M::NameContains:
            return name.find(needle) != std::u16string_view::npos;
        case M::InitialsPrefix:
            return latinOnly && std::string_view(entry.initials).starts_with(latin);
        case M::PinyinPrefix:
            return latinOnly && std::string_view(entry.pinyin).starts_with(latin);
        case M::InitialsContains:
            return latinOnly && entry.initials.find(latin) != std::string::npos;
        case M::PinyinContains:
            return latinOnly && entry.pinyin.find(latin) != std::string::npos;
        case M::CodeContains:
            return code.find(needle) != std::u16string_view::npos;
        }
        return false;
    };

    // Best match first; among equals the catalogue's own order, which its authors chose. Matches are
    // kept per kind in catalogue order; once `limit` of them are of kind k or better, no entry that
    // matches only as k or worse can make the list, so those kinds are no longer tried.
    std::array<QList<qsizetype>, kinds> byKind;
    int tried = kinds; // kinds below this one are tried
    for (qsizetype i = 0; i < m_entries.size() && tried > 0; ++i) {
        const Entry &entry = m_entries.at(i);
        for (int kind = 0; kind < tried; ++kind) {
            if (!matches(entry, M(kind)))
                continue;
            byKind[kind].append(i);
            qsizetype better = 0;
            for (int k = 0; k < tried; ++k) {
                better += byKind[k].size();
                if (better >= limit) {
                    tried = k;
                    break;
                }
            }
            break;
        }
    }

    QList<ItemSearchHit> hits;
    hits.reserve(limit);
    for (int kind = 0; kind < kinds && hits.size() < limit; ++kind) {
        for (const qsizetype i : std::as_const(byKind[kind])) {
            if (hits.size() == limit)
                break;
            ItemSearchHit hit = m_entries.at(i).hit;
            hit.match = M(kind);
            hits.append(std::move(hit));
        }
    }
    return hits;
}

} // namespace ow::catalog
