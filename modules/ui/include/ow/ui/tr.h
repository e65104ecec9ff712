// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::ui {

// Translation context of the workstation's shared widgets and pages.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Ui)
};

} // namespace ow::ui
