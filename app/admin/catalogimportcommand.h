// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {
// import-catalog: validates a catalogue and keeps it, with its version, in a workstation store.
void addCatalogImportCommand(Commands &commands);
} // namespace ow::admin
