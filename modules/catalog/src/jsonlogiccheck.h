// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "jsonreader.h"

namespace ow::catalog::Internal {

// The roots of the data smart-approval rules see (catalog.schema.json,
// $defs/smartApproval).
QStringList ruleDataRoots();

// Checks the shape of a JSONLogic rule, not its meaning (the cases module
// evaluates it): every object is one operation, an object with exactly one
// key that is a JsonLogic operator; a "var" outside map/filter/reduce/all/
// some/none reads one of the data roots, and "form.<key>" names a field of
// the item's form. The evaluator would otherwise meet these mistakes only
// when a citizen's case reaches the rule.
void checkJsonLogic(const QJsonValue &logic, const QString &path, const QStringList &formKeys,
                    Problems &problems);

} // namespace ow::catalog::Internal
