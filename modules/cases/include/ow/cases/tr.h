// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::cases {

// Translation context of the cases module: every user-visible string of
// cases goes through Tr::tr so lupdate files it under "Cases".
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cases)
};

} // namespace ow::cases
