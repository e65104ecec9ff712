// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::core {

// Translation context of the core module: every user-visible string of core
// goes through Tr::tr so lupdate files it under "Core".
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Core)
};

} // namespace ow::core
