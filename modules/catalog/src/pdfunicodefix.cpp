// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "pdfunicodefix.h"

#include <QFont>
#include <QHash>
#include <QList>
#include <QRawFont>

#include <cstring>

namespace ow::catalog::Internal {

namespace {

constexpr char16_t firstRadical = 0x2E80;
constexpr char16_t lastRadical = 0x2FDF;

QList<quint32> glyphsOf(const QRawFont &font, char16_t first, char16_t last)
{
    QString chars;
    for (char32_t uc = first; uc <= last; ++uc)
        chars += QChar(char16_t(uc));
    QList<quint32> glyphs(chars.size());
    int count = int(glyphs.size());
    if (!font.glyphIndexesForChars(chars.constData(), int(chars.size()), glyphs.data(), &count))
        glyphs.fill(0);
    return glyphs;
}

// Radical → the unified ideograph drawn with the same glyph in `font`.
QHash<char16_t, char16_t> radicalMap(const QFont &font)
{
    const QRawFont raw = QRawFont::fromFont(font);
    QHash<char16_t, char16_t> result;
    if (!raw.isValid())
        return result;
    // Several radicals may share one ideograph's glyph (⻝ U+2EDD and ⾷ U+2FB7
    // both draw 食), so look up from the ideograph side.
    QHash<quint32, char16_t> ideographByGlyph;
    for (const auto &[first, last] : {std::pair<char16_t, char16_t> {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}}) {
        const QList<quint32> glyphs = glyphsOf(raw, first, last);
        for (qsizetype i = 0; i < glyphs.size(); ++i)
            if (glyphs.at(i) != 0 && !ideographByGlyph.contains(glyphs.at(i)))
                ideographByGlyph.insert(glyphs.at(i), char16_t(first + i));
    }
    const QList<quint32> radicals = glyphsOf(raw, firstRadical, lastRadical);
    for (qsizetype i = 0; i < radicals.size(); ++i) {
        const auto it = ideographByGlyph.constFind(radicals.at(i));
        if (radicals.at(i) != 0 && it != ideographByGlyph.cend())
            result.insert(char16_t(firstRadical + i), *it);
    }
    return result;
}

bool parseHex4(const char *p, char16_t *value)
{
    bool ok = false;
    *value = char16_t(QByteArray::fromRawData(p, 4).toUShort(&ok, 16));
    return ok;
}

// Replaces the four hex digits at `p` if they name a mapped radical.
int fixToken(char *p, const QHash<char16_t, char16_t> &map)
{
    char16_t uc = 0;
    if (!parseHex4(p, &uc) || uc < firstRadical || uc > lastRadical)
        return 0;
    const auto it = map.constFind(uc);
    if (it == map.cend())
        return 0;
    const QByteArray hex = QByteArray::number(uint(*it), 16).toUpper().rightJustified(4, '0');
    memcpy(p, hex.constData(), 4);
    return 1;
}

// Fixes the destination code points of one CMap line of a bfrange or bfchar
// section; sources (glyph ids) are left alone.
int fixLine(char *begin, char *end, bool inRange, const QHash<char16_t, char16_t> &map)
{
    QList<char *> tokens;
    for (char *p = begin; p + 6 <= end; ++p)
        if (*p == '<' && p[5] == '>')
            tokens << p + 1;
    int fixed = 0;
    if (inRange) {
        // "<first> <last> [<dst> ...]" maps one by one; "<first> <last> <dst>" maps
        // consecutive codes and can be fixed only when it maps a single code.
        const bool array = memchr(begin, '[', size_t(end - begin)) != nullptr;
        if (tokens.size() >= 3 && (array || memcmp(tokens.at(0), tokens.at(1), 4) == 0))
            for (qsizetype i = 2; i < tokens.size(); ++i)
                fixed += fixToken(tokens.at(i), map);
    } else if (tokens.size() == 2) {
        fixed += fixToken(tokens.at(1), map);
    }
    return fixed;
}

} // namespace

int fixRadicalsInToUnicode(QByteArray &pdf, const QFont &font)
{
    static const QByteArray cmapMarker("/CMapName /Adobe-Identity-UCS");
    if (!pdf.contains(cmapMarker))
        return 0;
    const QHash<char16_t, char16_t> map = radicalMap(font);
    if (map.isEmpty())
        return 0;
    int fixed = 0;
    char *data = pdf.data();
    for (qsizetype at = pdf.indexOf(cmapMarker); at >= 0; at = pdf.indexOf(cmapMarker, at + 1)) {
        const qsizetype end = pdf.indexOf("endcmap", at);
        if (end < 0)
            break;
        bool inRange = false;
        bool inChar = false;
        for (qsizetype line = at; line < end;) {
            qsizetype next = pdf.indexOf('\n', line);
            if (next < 0 || next > end)
                next = end;
            const QByteArray text = QByteArray::fromRawData(data + line, next - line).trimmed();
            if (text.endsWith("beginbfrange"))
                inRange = true;
            else if (text.endsWith("beginbfchar"))
                inChar = true;
            else if (text == "endbfrange" || text == "endbfchar")
                inRange = inChar = false;
            else if (inRange || inChar)
                fixed += fixLine(data + line, data + next, inRange, map);
            line = next + 1;
        }
        at = end;
    }
    return fixed;
}

} // namespace ow::catalog::Internal
