// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/itemsearch.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <QHash>
#include <QMutex>
#include <QStringList>

#include <algorithm>
#include <memory>
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
    entry.codeKey = code.toLower();
    entry.nameKey = name.toLower();
    entry.pinyin = pinyinOf(name);
    entry.initials = pinyinInitialsOf(name);
    m_entries.append(std::move(entry));
}

QList<ItemSearchHit> ItemSearch::search(const QString &query, int limit) const
{
    const QString needle = query.trimmed().toLower();
    if (needle.isEmpty() || limit <= 0)
        return {};
    // Pinyin keys hold only [a-z0-9]: "shi pin" and "shi'pin" mean "shipin".
    const QString latin = asciiKey(needle);
    const bool latinOnly = !latin.isEmpty()
        && std::all_of(needle.cbegin(), needle.cend(), [](QChar c) { return c.unicode() < 0x80; });

    QList<ItemSearchHit> hits;
    for (const Entry &entry : m_entries) {
        std::optional<ItemSearchHit::Match> match;
        using M = ItemSearchHit::Match;
        if (entry.codeKey == needle)
            match = M::ExactCode;
        else if (entry.codeKey.startsWith(needle))
            match = M::CodePrefix;
        else if (entry.nameKey.startsWith(needle))
            match = M::NamePrefix;
        else if (entry.nameKey.contains(needle))
            match = M::NameContains;
        else if (latinOnly && entry.initials.startsWith(latin))
            match = M::InitialsPrefix;
        else if (latinOnly && entry.pinyin.startsWith(latin))
            match = M::PinyinPrefix;
        else if (latinOnly && entry.initials.contains(latin))
            match = M::InitialsContains;
        else if (latinOnly && entry.pinyin.contains(latin))
            match = M::PinyinContains;
        else if (entry.codeKey.contains(needle))
            match = M::CodeContains;
        if (!match)
            continue;
        ItemSearchHit hit = entry.hit;
        hit.match = *match;
        hits.append(std::move(hit));
    }
    // Best match first; among equals the catalogue's own order, which its authors chose.
    std::stable_sort(hits.begin(), hits.end(), [](const ItemSearchHit &a, const ItemSearchHit &b) {
        return a.match < b.match;
    });
    if (hits.size() > limit)
        hits.resize(limit);
    return hits;
}

} // namespace ow::catalog
