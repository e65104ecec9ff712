// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/catalog.h"

#include "catalogdata.h"

namespace ow::catalog {

namespace Internal {

namespace {
template<typename T>
QHash<QString, qsizetype> indexByCode(const QList<T> &list)
{
    QHash<QString, qsizetype> index;
    index.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i)
        index.insert(list.at(i).code, i);
    return index;
}
} // namespace

void CatalogData::buildIndexes()
{
    departmentIndex = indexByCode(departments);
    certificateTypeIndex = indexByCode(certificateTypes);
    itemIndex = indexByCode(items);
    bundleIndex = indexByCode(bundles);
    authorityKeyIndex.clear();
    for (qsizetype i = 0; i < authorityKeys.size(); ++i)
        authorityKeyIndex.insert(authorityKeys.at(i).id, i);
}

} // namespace Internal

namespace {
// One empty instance so that accessors of a null Catalog return empty lists
// without a branch in every caller.
const Internal::CatalogData &emptyData()
{
    static const Internal::CatalogData data;
    return data;
}

template<typename T>
const T *lookup(const QHash<QString, qsizetype> &index, const QList<T> &list, const QString &key)
{
    const auto it = index.constFind(key);
    return it == index.cend() ? nullptr : &list.at(*it);
}
} // namespace

Catalog::Catalog() = default;

Catalog::Catalog(std::shared_ptr<const Internal::CatalogData> data)
    : d(std::move(data))
{ }

bool Catalog::isNull() const
{
    return !d;
}

QString Catalog::version() const
{
    return d ? d->version : QString();
}

QDateTime Catalog::publishedAt() const
{
    return d ? d->publishedAt : QDateTime();
}

QString Catalog::publisher() const
{
    return d ? d->publisher : QString();
}

QString Catalog::regionCode() const
{
    return d ? d->regionCode : QString();
}

QByteArray Catalog::document() const
{
    return d ? d->document : QByteArray();
}

QString Catalog::documentSha256() const
{
    return d ? d->documentSha256 : QString();
}

const QList<Department> &Catalog::departments() const
{
    return (d ? *d : emptyData()).departments;
}

const Department *Catalog::department(const QString &code) const
{
    return d ? lookup(d->departmentIndex, d->departments, code) : nullptr;
}

const QList<CertificateType> &Catalog::certificateTypes() const
{
    return (d ? *d : emptyData()).certificateTypes;
}

const CertificateType *Catalog::certificateType(const QString &code) const
{
    return d ? lookup(d->certificateTypeIndex, d->certificateTypes, code) : nullptr;
}

const QList<AuthorityKey> &Catalog::authorityKeys() const
{
    return (d ? *d : emptyData()).authorityKeys;
}

const AuthorityKey *Catalog::authorityKey(const QString &id) const
{
    return d ? lookup(d->authorityKeyIndex, d->authorityKeys, id) : nullptr;
}

const QList<ServiceItem> &Catalog::items() const
{
    return (d ? *d : emptyData()).items;
}

const ServiceItem *Catalog::item(const QString &code) const
{
    return d ? lookup(d->itemIndex, d->items, code) : nullptr;
}

QList<const ServiceItem *> Catalog::itemsOfDepartment(const QString &departmentCode) const
{
    QList<const ServiceItem *> result;
    for (const ServiceItem &item : items())
        if (item.department == departmentCode)
            result << &item;
    return result;
}

const QList<Bundle> &Catalog::bundles() const
{
    return (d ? *d : emptyData()).bundles;
}

const Bundle *Catalog::bundle(const QString &code) const
{
    return d ? lookup(d->bundleIndex, d->bundles, code) : nullptr;
}

QList<const ServiceItem *> Catalog::bundleItems(const Bundle &bundle) const
{
    QList<const ServiceItem *> result;
    for (const QString &code : bundle.items)
        if (const ServiceItem *found = item(code))
            result << found;
    return result;
}

const MergedApplication *Catalog::mergedBundle(const QString &code) const
{
    if (!d)
        return nullptr;
    const auto it = d->bundleIndex.constFind(code);
    return it == d->bundleIndex.cend() ? nullptr : &d->mergedBundles.at(*it);
}

} // namespace ow::catalog
