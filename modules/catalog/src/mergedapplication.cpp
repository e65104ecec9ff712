// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/mergedapplication.h"

#include "ow/catalog/tr.h"

#include <QHash>

#include <algorithm>

namespace ow::catalog {

namespace {

// Higher is more demanding: an original also serves where a copy or an
// electronic file would do (the window copies or scans it), not the reverse.
int demand(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original:
        return 2;
    case MaterialForm::Copy:
        return 1;
    case MaterialForm::Electronic:
        return 0;
    }
    return 0;
}

QStringList optionValues(const FormField &field)
{
    QStringList values;
    for (const ChoiceOption &option : field.options)
        values << option.value;
    return values;
}

void mergeMaterial(MergedMaterial &merged, const Material &material, const QString &itemCode)
{
    Material &m = merged.material;
    m.required = m.required || material.required;
    if (demand(material.form) > demand(m.form))
        m.form = material.form;
    m.copies = std::max(m.copies, material.copies);
    // A shared licence can stand in only if it does so for every item.
    if (m.sharedLicence != material.sharedLicence)
        m.sharedLicence.clear();
    for (const QString &point : material.reviewPoints)
        if (!m.reviewPoints.contains(point))
            m.reviewPoints << point;
    merged.items << itemCode;
}

} // namespace

QString FieldConflict::message() const
{
    if (optionsDiffer)
        return Tr::tr("form field \"%1\" offers different choices in items %2 and %3")
            .arg(key, firstItem, otherItem);
    return Tr::tr("form field \"%1\" is of type %2 in item %3 but of type %4 in item %5")
        .arg(key, toKey(firstType), firstItem, toKey(otherType), otherItem);
}

const MergedMaterial *MergedApplication::material(const QString &code) const
{
    for (const MergedMaterial &m : materials)
        if (m.material.code == code)
            return &m;
    return nullptr;
}

const MergedField *MergedApplication::field(const QString &key) const
{
    for (const MergedField &f : fields)
        if (f.field.key == key)
            return &f;
    return nullptr;
}

MergedApplication mergeApplication(const QList<const ServiceItem *> &items)
{
    MergedApplication result;
    QHash<QString, qsizetype> materialIndex;
    QHash<QString, qsizetype> fieldIndex;
    for (const ServiceItem *item : items) {
        for (const Material &material : item->materials) {
            const auto it = materialIndex.constFind(material.code);
            if (it == materialIndex.cend()) {
                materialIndex.insert(material.code, result.materials.size());
                result.materials.append(MergedMaterial {material, {item->code}, {}});
            } else {
                mergeMaterial(result.materials[*it], material, item->code);
            }
            if (material.required)
                result.materials[materialIndex.value(material.code)].requiredBy << item->code;
        }
        for (const FormField &field : item->form) {
            const auto it = fieldIndex.constFind(field.key);
            if (it == fieldIndex.cend()) {
                fieldIndex.insert(field.key, result.fields.size());
                result.fields.append(MergedField {field, {item->code}, {}});
            } else {
                MergedField &merged = result.fields[*it];
                const bool typeDiffers = merged.field.type != field.type;
                const bool optionsDiffer = !typeDiffers && field.type == FieldType::Choice
                    && optionValues(merged.field) != optionValues(field);
                if (typeDiffers || optionsDiffer) {
                    result.conflicts.append(FieldConflict {field.key, merged.items.first(), item->code,
                                                           merged.field.type, field.type, optionsDiffer});
                    continue;
                }
                merged.field.required = merged.field.required || field.required;
                merged.items << item->code;
            }
            if (field.required)
                result.fields[fieldIndex.value(field.key)].requiredBy << item->code;
        }
    }
    return result;
}

} // namespace ow::catalog
