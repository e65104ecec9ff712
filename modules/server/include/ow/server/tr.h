// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::server {

// Translation context of the central server.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Server)
};

} // namespace ow::server
