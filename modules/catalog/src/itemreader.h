// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "jsonreader.h"

namespace ow::catalog::Internal {

// The codes an item may refer to, read from the document before the items.
struct KnownCodes
{
    QSet<QString> departments;
    QSet<QString> certificateTypes;
};

// Patterns shared by items and bundles.
const QRegularExpression &itemCodePattern();
QString itemCodeForm();

LegalBasis readBasis(const QJsonValue &value, const QString &path, Problems &problems, bool needsArticle);

// Reads and checks one item standard, reporting under `path` (items[i]).
ServiceItem readItem(const QJsonValue &value, const QString &path, const KnownCodes &known,
                     Problems &problems);

} // namespace ow::catalog::Internal
