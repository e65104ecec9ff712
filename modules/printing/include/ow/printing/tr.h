// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::printing {

// Translation context of the printing module.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Printing)
};

} // namespace ow::printing
