// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/textnormalisation.h"

namespace ow::core {

QString normaliseCodeInput(const QString &input)
{
    QString result;
    result.reserve(input.size());
    for (QChar c : input) {
        char16_t u = c.unicode();
        if (u >= 0xFF01 && u <= 0xFF5E)
            u = char16_t(u - 0xFEE0);
        else if (u == 0x3000)
            u = u' ';
        // Zero-width spaces and byte-order marks come along when copying from web pages.
        if (QChar(u).isSpace() || QChar(u).category() == QChar::Other_Format)
            continue;
        if (u >= u'a' && u <= u'z')
            u = char16_t(u - (u'a' - u'A'));
        result.append(QChar(u));
    }
    return result;
}

} // namespace ow::core
