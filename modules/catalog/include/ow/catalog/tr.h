// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QCoreApplication>

namespace ow::catalog {

// Translation context of the catalog module: loader messages and the labels
// of guides and manuals. Item content (names, materials, bases) is data and
// is never translated.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace ow::catalog
