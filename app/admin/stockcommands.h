// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

namespace ow::admin {

// stock-issue --office O --prefix P --first N --last M [--type T] [--width W]
// (--central-data-dir DIR | --database URL): issues a range of pre-printed
// certificate paper serials (套打纸编号段) to an office in the central
// server's database.
void addStockCommands(Commands &commands);

} // namespace ow::admin
