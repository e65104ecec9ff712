// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog_export.h"

#include <QJsonValue>
#include <QString>

namespace ow::catalog {

struct ServiceItem;

// A JSONLogic rule in words, for the staff manual and for showing a smart-
// approval trace to a reviewer: {"and":[{">=":[{"var":"applicant.age"},18]}]}
// reads "applicant age ≥ 18". Form fields are named by their labels when the
// item is given. Operators it has no words for are shown as compact JSON.
OW_CATALOG_EXPORT QString describeRule(const QJsonValue &logic, const ServiceItem *item = nullptr);

} // namespace ow::catalog
