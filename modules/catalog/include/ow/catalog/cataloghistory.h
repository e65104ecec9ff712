// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog.h"
#include "ow/catalog/catalog_export.h"

#include <map>

namespace ow::catalog {

// The catalogue versions a workstation knows. A case keeps the version it was
// accepted under and is always judged by that version's item standard, even
// after a newer catalogue changed materials or time limits.
class OW_CATALOG_EXPORT CatalogHistory
{
public:
    // Adds a version. Adding the same document again is harmless; a different
    // document under a version already held is refused (a published version
    // never changes) and `error` says why.
    bool add(const Catalog &catalog, QString *error = nullptr);

    bool isEmpty() const { return m_versions.empty(); }
    QStringList versions() const; // oldest first
    const Catalog *version(const QString &version) const;
    const Catalog *latest() const;
    const ServiceItem *item(const QString &version, const QString &itemCode) const;

    // Orders "2026.11.1"-style versions by their numeric parts; negative,
    // zero or positive like QString::compare.
    static int compareVersions(const QString &a, const QString &b);

private:
    struct VersionLess
    {
        bool operator()(const QString &a, const QString &b) const { return compareVersions(a, b) < 0; }
    };
    std::map<QString, Catalog, VersionLess> m_versions;
};

} // namespace ow::catalog
