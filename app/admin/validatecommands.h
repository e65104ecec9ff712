// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {

// validate-id NUMBER and validate-uscc CODE: check one identifier and print
// what it encodes as `key: value` lines (keys are stable English, values are
// translated where they are words).
void addValidateCommands(Commands &commands);

} // namespace ow::admin
