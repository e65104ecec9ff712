// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::sync {

// Translation context of the sync module.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

} // namespace ow::sync
