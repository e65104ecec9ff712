// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/item.h"

#include <QStringList>

#include <optional>
#include <span>

namespace ow::catalog::Internal {

// The document's names of the item standard's enumerations, in one table per
// type so that writing (toKey), reading (the loader) and the "must be one of"
// message cannot drift apart.
template<typename E>
struct EnumKey
{
    E value;
    const char *key;
};

std::span<const EnumKey<ItemKind>> keys(ItemKind);
std::span<const EnumKey<Audience>> keys(Audience);
std::span<const EnumKey<MaterialForm>> keys(MaterialForm);
std::span<const EnumKey<FieldType>> keys(FieldType);
std::span<const EnumKey<StepRole>> keys(StepRole);
std::span<const EnumKey<DeliveryMethod>> keys(DeliveryMethod);
std::span<const EnumKey<ApprovalMode>> keys(ApprovalMode);
std::span<const EnumKey<Decision>> keys(Decision);

template<typename E>
QString keyOf(E value)
{
    for (const auto &entry : keys(E {}))
        if (entry.value == value)
            return QString::fromLatin1(entry.key);
    return {};
}

template<typename E>
std::optional<E> valueOf(const QString &key)
{
    for (const auto &entry : keys(E {}))
        if (key == QLatin1String(entry.key))
            return entry.value;
    return std::nullopt;
}

template<typename E>
QStringList allKeys()
{
    QStringList result;
    for (const auto &entry : keys(E {}))
        result << QString::fromLatin1(entry.key);
    return result;
}

} // namespace ow::catalog::Internal
