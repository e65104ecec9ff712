// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/uuid.h"

#include <QByteArray>
#include <QMutexLocker>

#include <openssl/rand.h>

#include <array>

namespace ow::core {

namespace {

constexpr quint16 counterMax = 0x0FFF;
constexpr qint64 timestampMax = (qint64(1) << 48) - 1;

template<std::size_t N>
std::array<unsigned char, N> randomBytes()
{
    std::array<unsigned char, N> bytes {};
    // Without a working CSPRNG every id we could make would risk colliding
    // with another device's; there is no safe way to go on.
    if (RAND_bytes(bytes.data(), int(N)) != 1)
        qFatal("OpenSSL RAND_bytes failed: cannot create unique identifiers");
    return bytes;
}

} // namespace

QUuid UuidV7Generator::next(qint64 unixMs)
{
    const auto random = randomBytes<10>();
    QMutexLocker locker(&m_mutex);
    if (unixMs > m_lastMs) {
        m_lastMs = unixMs;
        // Seeding with the top bit clear leaves at least 2048 increments per millisecond.
        m_counter = quint16(((random[0] << 8) | random[1]) & 0x07FF);
    } else if (m_counter < counterMax) {
        ++m_counter; // same millisecond, or the clock went back: keep counting from the last id
    } else {
        ++m_lastMs;
        m_counter = quint16(((random[0] << 8) | random[1]) & 0x07FF);
    }
    const quint64 ms = quint64(qBound<qint64>(0, m_lastMs, timestampMax));
    const quint16 counter = m_counter;
    locker.unlock();

    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        bytes[i] = char((ms >> (8 * (5 - i))) & 0xFF);
    bytes[6] = char(0x70 | (counter >> 8));
    bytes[7] = char(counter & 0xFF);
    bytes[8] = char(0x80 | (random[2] & 0x3F)); // RFC 9562 variant 10xx
    for (int i = 9; i < 16; ++i)
        bytes[i] = char(random[std::size_t(i - 6)]);
    return QUuid::fromRfc4122(bytes);
}

QUuid Uuid::createV7()
{
    static UuidV7Generator generator;
    return generator.next(QDateTime::currentMSecsSinceEpoch());
}

QString Uuid::createV7String()
{
    return toString(createV7());
}

QString Uuid::toString(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

bool Uuid::isV7(const QUuid &uuid)
{
    return uuid.variant() == QUuid::DCE && (uuid.data3 >> 12) == 7;
}

std::optional<qint64> Uuid::timestampMs(const QUuid &uuid)
{
    if (!isV7(uuid))
        return std::nullopt;
    const QByteArray bytes = uuid.toRfc4122();
    qint64 ms = 0;
    for (int i = 0; i < 6; ++i)
        ms = (ms << 8) | quint8(bytes[i]);
    return ms;
}

QDateTime Uuid::timestamp(const QUuid &uuid)
{
    const auto ms = timestampMs(uuid);
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC) : QDateTime();
}

} // namespace ow::core
