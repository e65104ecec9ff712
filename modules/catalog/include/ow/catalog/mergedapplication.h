// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog_export.h"
#include "ow/catalog/item.h"

namespace ow::catalog {

// One set of materials (一套材料) and one form (一表登记) for several items
// applied for together: a bundle, or items a clerk combines at the window.

// A material merged by code: required if any item requires it, the most
// demanding form (original over copy over electronic), the most copies.
struct MergedMaterial
{
    Material material;
    QStringList items; // codes of the items that list it
    QStringList requiredBy; // of those, the items that require it
};

// A form field merged by key: required if any item requires it.
struct MergedField
{
    FormField field;
    QStringList items;
    QStringList requiredBy;
};

// Two items use one field key in incompatible ways: they would ask the
// applicant one question with two meanings.
struct OW_CATALOG_EXPORT FieldConflict
{
    QString key;
    QString firstItem;
    QString otherItem;
    FieldType firstType = FieldType::Text;
    FieldType otherType = FieldType::Text;
    bool optionsDiffer = false; // same choice type, different option values

    QString message() const; // translated
};

struct OW_CATALOG_EXPORT MergedApplication
{
    QList<MergedMaterial> materials; // first appearance order
    QList<MergedField> fields;
    QList<FieldConflict> conflicts;

    bool isValid() const { return conflicts.isEmpty(); }
    const MergedMaterial *material(const QString &code) const;
    const MergedField *field(const QString &key) const;
};

OW_CATALOG_EXPORT MergedApplication mergeApplication(const QList<const ServiceItem *> &items);

} // namespace ow::catalog
