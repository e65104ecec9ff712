// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {

// eval-rule RULE_JSON DATA_JSON: evaluate a JsonLogic rule, or a
// smart-approval rule set ({"rules": [...]}, printed as its trace), and
// print the result as compact JSON on one line.
void addRuleCommands(Commands &commands);

} // namespace ow::admin
