// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {
void addStoreCommands(Commands &commands);
} // namespace ow::admin
