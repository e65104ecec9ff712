// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/printing/printing_export.h"

#include <QList>
#include <QRectF>
#include <QString>

class QPainter;

namespace ow::printing {

// A QR code (ISO/IEC 18004, via libqrencode) as a square of modules, so it
// can be drawn crisply at any resolution, on screen or paper.
class OW_PRINTING_EXPORT QrCode
{
public:
    // Byte mode, UTF-8, error correction level M. Null on failure (e.g. text too long).
    static QrCode encode(const QString &text);

    bool isNull() const { return m_width == 0; }
    int width() const { return m_width; } // modules per side, without the quiet zone
    bool isDark(int x, int y) const { return m_modules.at(y * m_width + x); }

    // Draws the code into `target` (a square is used), with a 4-module quiet zone.
    void paint(QPainter &painter, const QRectF &target) const;

private:
    int m_width = 0;
    QList<bool> m_modules;
};

} // namespace ow::printing
