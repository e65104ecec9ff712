// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog_export.h"
#include "ow/catalog/item.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>

#include <memory>

namespace ow::catalog {

struct MergedApplication;

struct Department
{
    QString code;
    QString name;
    QString address; // 办理地点
    QString phone; // 咨询电话
    QString hours; // 办公时间
};

// A kind of certificate or licence (证照类型). Items produce them (outcome)
// and accept them in place of a material (sharedLicence); smart-approval
// rules see held licences by this code.
struct CertificateType
{
    QString code;
    QString name;
    // Leads its certificates' numbers (e.g. JY for 食品经营许可证: JY + the
    // case number); empty: the code in capitals.
    QString numberPrefix;
};

// A public key with which a certificate-issuing authority signs verification
// codes; kept for the printing module.
struct AuthorityKey
{
    QString id;
    QString algorithm; // SM2
    QByteArray publicKeyPem;
    QString department; // department code, or empty for the centre itself
    QDate validFrom;
    QDate validUntil; // null: no end
};

// "一件事": several items applied for together with one set of materials and
// one form, led by one department.
struct Bundle
{
    QString code;
    QString name;
    QString leadDepartment;
    QString description;
    QStringList items; // item codes, in the order the guide lists them
};

namespace Internal {
struct CatalogData;
}

// One published version of the service catalogue: immutable, cheap to copy;
// pointers it hands out stay valid as long as any copy lives. Only
// CatalogLoader makes non-empty catalogues, so every Catalog is valid.
class OW_CATALOG_EXPORT Catalog
{
public:
    Catalog();

    bool isNull() const;
    QString version() const;
    QDateTime publishedAt() const;
    QString publisher() const; // e.g. 某某县政务服务中心
    QString regionCode() const; // administrative division code (GB/T 2260)
    // The exact document it was loaded from: what a store keeps (import is
    // validate → store document + version) and what a later load reproduces.
    QByteArray document() const;
    // Lower-case hex SHA-256 of document(): tells whether two devices hold the
    // same published version.
    QString documentSha256() const;

    const QList<Department> &departments() const;
    const Department *department(const QString &code) const;
    const QList<CertificateType> &certificateTypes() const;
    const CertificateType *certificateType(const QString &code) const;
    const QList<AuthorityKey> &authorityKeys() const;
    const AuthorityKey *authorityKey(const QString &id) const;

    const QList<ServiceItem> &items() const;
    const ServiceItem *item(const QString &code) const;
    QList<const ServiceItem *> itemsOfDepartment(const QString &departmentCode) const;

    const QList<Bundle> &bundles() const;
    const Bundle *bundle(const QString &code) const;
    QList<const ServiceItem *> bundleItems(const Bundle &bundle) const;
    // The merged checklist and form of a bundle (computed at load time, where
    // conflicts are load errors); null for an unknown code.
    const MergedApplication *mergedBundle(const QString &code) const;

private:
    friend class CatalogLoader;
    explicit Catalog(std::shared_ptr<const Internal::CatalogData> data);

    std::shared_ptr<const Internal::CatalogData> d;
};

} // namespace ow::catalog
