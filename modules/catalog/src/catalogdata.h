// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog.h"
#include "ow/catalog/mergedapplication.h"

#include <QHash>

namespace ow::catalog::Internal {

// What a Catalog shares between its copies. Filled once by the loader, then
// only read; the indexes map codes to positions in the lists.
struct CatalogData
{
    QString version;
    QDateTime publishedAt;
    QString publisher;
    QString regionCode;
    QByteArray document;
    QString documentSha256;

    QList<Department> departments;
    QList<CertificateType> certificateTypes;
    QList<AuthorityKey> authorityKeys;
    QList<ServiceItem> items;
    QList<Bundle> bundles;
    QList<MergedApplication> mergedBundles; // parallel to bundles

    QHash<QString, qsizetype> departmentIndex;
    QHash<QString, qsizetype> certificateTypeIndex;
    QHash<QString, qsizetype> authorityKeyIndex;
    QHash<QString, qsizetype> itemIndex;
    QHash<QString, qsizetype> bundleIndex;

    void buildIndexes();
};

} // namespace ow::catalog::Internal
