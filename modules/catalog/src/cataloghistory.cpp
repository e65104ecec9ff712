// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/cataloghistory.h"

#include "ow/catalog/tr.h"

namespace ow::catalog {

bool CatalogHistory::add(const Catalog &catalog, QString *error)
{
    if (catalog.isNull()) {
        if (error)
            *error = Tr::tr("an empty catalogue has no version");
        return false;
    }
    const auto it = m_versions.find(catalog.version());
    if (it != m_versions.end()) {
        if (it->second.documentSha256() == catalog.documentSha256())
            return true;
        if (error)
            *error = Tr::tr("catalogue version %1 is already held with different content; "
                            "a published version never changes, publish a new one")
                         .arg(catalog.version());
        return false;
    }
    m_versions.emplace(catalog.version(), catalog);
    return true;
}

QStringList CatalogHistory::versions() const
{
    QStringList result;
    for (const auto &[version, catalog] : m_versions)
        result << version;
    return result;
}

const Catalog *CatalogHistory::version(const QString &version) const
{
    const auto it = m_versions.find(version);
    return it == m_versions.end() ? nullptr : &it->second;
}

const Catalog *CatalogHistory::latest() const
{
    return m_versions.empty() ? nullptr : &m_versions.rbegin()->second;
}

const ServiceItem *CatalogHistory::item(const QString &version, const QString &itemCode) const
{
    const Catalog *catalog = this->version(version);
    return catalog ? catalog->item(itemCode) : nullptr;
}

int CatalogHistory::compareVersions(const QString &a, const QString &b)
{
    const QStringList left = a.split(QLatin1Char('.'));
    const QStringList right = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::max(left.size(), right.size()); ++i) {
        const qlonglong l = i < left.size() ? left.at(i).toLongLong() : 0;
        const qlonglong r = i < right.size() ? right.at(i).toLongLong() : 0;
        if (l != r)
            return l < r ? -1 : 1;
    }
    // Numerically equal ("2026.1.1" and "2026.01.1"): keep them apart anyway.
    return a.compare(b);
}

} // namespace ow::catalog
