// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QString>
#include <QStringView>

namespace ow::core {

// Province-level divisions by the first two digits of a GB/T 2260 region code,
// plus 81/82/83 used by the residence permits of Hong Kong, Macao and Taiwan
// residents. Names are proper nouns and stay in Chinese in every UI language.

// True if `regionCode` starts with a known province-level code.
OW_CORE_EXPORT bool isKnownProvince(QStringView regionCode);
// E.g. "110105" or "11" → 北京市; empty if unknown.
OW_CORE_EXPORT QString provinceName(QStringView regionCode);

} // namespace ow::core
