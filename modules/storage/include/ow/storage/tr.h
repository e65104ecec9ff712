// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::storage {

// Translation context of the storage module.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

} // namespace ow::storage
