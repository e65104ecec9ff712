// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QString>

namespace ow::core {

// Clean-up shared by the code validators. Clerks paste numbers from Word
// documents, web pages and Chinese input methods, which produce full-width
// characters and stray spaces; both are removed before any checking.
// Trims, maps full-width ASCII (U+FF01..U+FF5E) and the ideographic space to
// ASCII, removes all whitespace and invisible format characters, and upper-cases ASCII letters.
OW_CORE_EXPORT QString normaliseCodeInput(const QString &input);

} // namespace ow::core
