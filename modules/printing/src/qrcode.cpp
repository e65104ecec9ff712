// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/printing/qrcode.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace ow::printing {

QrCode QrCode::encode(const QString &text)
{
    QrCode code;
    const QByteArray utf8 = text.toUtf8();
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!qr)
        return code;
    code.m_width = qr->width;
    code.m_modules.reserve(qsizetype(qr->width) * qr->width);
    for (int i = 0; i < qr->width * qr->width; ++i)
        code.m_modules.append((qr->data[i] & 1) != 0); // bit 0: dark module
    return code;
}

void QrCode::paint(QPainter &painter, const QRectF &target) const
{
    if (isNull())
        return;
    const int quiet = 4;
    const qreal side = qMin(target.width(), target.height());
    const qreal module = side / (m_width + 2 * quiet);
    const QPointF origin = target.topLeft() + QPointF(quiet * module, quiet * module);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.fillRect(QRectF(target.topLeft(), QSizeF(side, side)), Qt::white);
    painter.setBrush(Qt::black);
    for (int y = 0; y < m_width; ++y) {
        for (int x = 0; x < m_width; ++x) {
            // A hair of overlap so that anti-aliasing leaves no seams between modules.
            if (isDark(x, y))
                painter.drawRect(
                    QRectF(origin.x() + x * module, origin.y() + y * module, module * 1.02, module * 1.02));
        }
    }
    painter.restore();
}

} // namespace ow::printing
