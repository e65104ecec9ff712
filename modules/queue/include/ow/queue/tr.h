// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::queue {

// Translation context of the queue module.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Queue)
};

} // namespace ow::queue
