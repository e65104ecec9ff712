// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QByteArray>

class QFont;

namespace ow::catalog::Internal {

// Qt writes a PDF font's /ToUnicode map by taking, for each glyph, the lowest
// code point the font maps to it. Noto CJK maps many Kangxi and supplementary
// radicals (U+2E80–U+2FDF) to the glyph of the ideograph they look like, so
// "食品" is searched, copied and read aloud as "⻝品" (U+2EDD). This rewrites
// such entries to the ideograph that shares the glyph in `font`. Every
// replacement has the same length, so the file's cross-reference offsets stay
// valid. Returns the number of entries fixed.
int fixRadicalsInToUnicode(QByteArray &pdf, const QFont &font);

} // namespace ow::catalog::Internal
