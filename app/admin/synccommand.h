// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {
// onewindow-admin sync: one sync run of a workstation store against a central server.
void addSyncCommand(Commands &commands);
} // namespace ow::admin
