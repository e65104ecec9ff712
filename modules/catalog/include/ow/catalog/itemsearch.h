// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog.h"
#include "ow/catalog/catalog_export.h"

#include <QList>
#include <QString>

#include <string>

namespace ow::catalog {

// What a clerk's search matched, best first.
struct OW_CATALOG_EXPORT ItemSearchHit
{
    enum class Kind { Item, Bundle };
    // How the query matched; lower is a better match.
    enum class Match {
        ExactCode,
        CodePrefix,
        NamePrefix,
        NameContains,
        InitialsPrefix, // "spjy" → 食品经营许可
        PinyinPrefix, // "shipin" → 食品经营许可
        InitialsContains,
        PinyinContains,
        CodeContains,
    };

    Kind kind = Kind::Item;
    QString code;
    QString name;
    QString department; // the item's department, or the bundle's lead department
    Match match = Match::NameContains;
};

// Finds service items and bundles ("一件事") as a clerk types: by code, by
// name, and by the pinyin and pinyin initials of the name, so "spjy" finds
// 食品经营许可. Pinyin comes from ICU's Han-Latin transliterator; the index is
// built once per catalogue version, and each search is a scan of short
// precomputed keys (a centre's catalogue has a few thousand entries): plain
// memory comparisons, and once `limit` entries match well enough, the worse
// kinds of match are no longer tried (tests/bench/intake: a few ms at most
// for 5,000 items, on every keystroke).
class OW_CATALOG_EXPORT ItemSearch
{
public:
    ItemSearch() = default;
    explicit ItemSearch(const Catalog &catalog);

    // Empty or blank queries match nothing. Case and surrounding space do not matter.
    QList<ItemSearchHit> search(const QString &query, int limit = 50) const;
    int size() const { return int(m_entries.size()); }

    // "食品经营许可" → "shipinjingyingxuke"; letters and digits are kept, lower-cased.
    static QString pinyinOf(const QString &text);
    // "食品经营许可" → "spjyxk"
    static QString pinyinInitialsOf(const QString &text);

private:
    struct Entry
    {
        ItemSearchHit hit;
        std::u16string codeKey; // lower case
        std::u16string nameKey; // lower case
        std::string pinyin; // [a-z0-9] only
        std::string initials; // [a-z0-9] only
    };

    void add(ItemSearchHit::Kind kind, const QString &code, const QString &name, const QString &department);

    QList<Entry> m_entries;
};

} // namespace ow::catalog
