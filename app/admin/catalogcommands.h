// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {

// validate-catalog FILE: every problem of a catalogue document, with its JSON
// path, one per line on stdout; exit 1 if there is any.
// render-guide ITEM_CODE --pdf FILE [--manual] [--html FILE] [--catalog FILE]:
// an item's service guide (or staff manual) from a catalogue file or, by
// default, the embedded demo catalogue.
void addCatalogCommands(Commands &commands);

// True if the command line runs a command that lays out documents, which
// needs a QGuiApplication (fonts) instead of a QCoreApplication.
bool needsGuiApplication(int argc, char *argv[]);

} // namespace ow::admin
