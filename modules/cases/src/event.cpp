// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/event.h"

#include "ow/cases/tr.h"

#include <ow/core/canonicaljson.h>
#include <ow/core/uuid.h>

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace ow::cases {

namespace {

const QString idKey = QStringLiteral("id");
const QString caseIdKey = QStringLiteral("caseId");
const QString typeKey = QStringLiteral("type");
const QString actorKey = QStringLiteral("actor");
const QString atKey = QStringLiteral("at");
const QString payloadKey = QStringLiteral("payload");
const QString prevHashKey = QStringLiteral("prevHash");
const QString hashKey = QStringLiteral("hash");
const QString serverSeqKey = QStringLiteral("serverSeq");
const QString receivedAtKey = QStringLiteral("receivedAt");

const QString userIdKey = QStringLiteral("userId");
const QString officeCodeKey = QStringLiteral("officeCode");
const QString deviceIdKey = QStringLiteral("deviceId");
const QString roleKey = QStringLiteral("role");

std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

bool isCanonicalUuidV7(const QString &text)
{
    const QUuid uuid = QUuid::fromString(text);
    return !uuid.isNull() && core::Uuid::isV7(uuid) && core::Uuid::toString(uuid) == text;
}

bool isHexDigest(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

} // namespace

QJsonObject Actor::toJson() const
{
    return {
        {userIdKey, userId}, {officeCodeKey, officeCode}, {deviceIdKey, deviceId}, {roleKey, roleName(role)}};
}

std::optional<Actor> Actor::fromJson(const QJsonObject &json, QString *error)
{
    Actor actor;
    for (const QString &key : json.keys()) {
        if (key != userIdKey && key != officeCodeKey && key != deviceIdKey && key != roleKey)
            return fail(error, Tr::tr("actor.%1: unknown field").arg(key));
    }
    actor.userId = json.value(userIdKey).toString();
    actor.officeCode = json.value(officeCodeKey).toString();
    actor.deviceId = json.value(deviceIdKey).toString();
    if (actor.userId.isEmpty())
        return fail(error, Tr::tr("actor.userId: missing"));
    if (actor.officeCode.isEmpty())
        return fail(error, Tr::tr("actor.officeCode: missing"));
    if (actor.deviceId.isEmpty())
        return fail(error, Tr::tr("actor.deviceId: missing"));
    const auto role = roleFromName(json.value(roleKey).toString());
    if (!role)
        return fail(error, Tr::tr("actor.role: \"%1\" is not a role").arg(json.value(roleKey).toString()));
    actor.role = *role;
    return actor;
}

Event Event::make(const QString &caseId, EventType type, const Actor &actor, const QJsonObject &payload,
                  const QDateTime &at)
{
    Event event;
    event.id = core::Uuid::createV7String();
    event.caseId = caseId;
    event.type = type;
    event.actor = actor;
    event.payload = payload;
    // Truncated to milliseconds: what is stored must re-read identically.
    const QDateTime when = (at.isValid() ? at : QDateTime::currentDateTimeUtc()).toUTC();
    event.at = QDateTime::fromMSecsSinceEpoch(when.toMSecsSinceEpoch(), Qt::UTC);
    return event;
}

namespace {

// The event time format, "2026-11-22T08:30:00.123Z": where each number stands
// and how many digits it has (year, month, day, hour, minute, second,
// millisecond), the rest being the separators of kTimeShape.
struct TimeField
{
    int offset;
    int digits;
};
constexpr TimeField kTimeFields[] = {{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}, {20, 3}};
constexpr char kTimeShape[] = "0000-00-00T00:00:00.000Z";
constexpr int kTimeLength = 24;

} // namespace

// Both directions by hand for years 1–9999 (every event is parsed and written
// several times on its way): Qt's ISO formatting and parsing took a tenth of a
// push's time on the server. Other years go through Qt.
QString Event::formatTime(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (!date.isValid() || !clock.isValid() || date.year() < 1 || date.year() > 9999)
        return utc.toString(Qt::ISODateWithMs);
    const int values[]
        = {date.year(), date.month(), date.day(), clock.hour(), clock.minute(), clock.second(), clock.msec()};
    char text[kTimeLength];
    std::copy_n(kTimeShape, kTimeLength, text);
    for (int field = 0; field < 7; ++field) {
        int value = values[field];
        for (int i = kTimeFields[field].digits - 1; i >= 0; --i, value /= 10)
            text[kTimeFields[field].offset + i] = char('0' + value % 10);
    }
    return QString::fromLatin1(text, kTimeLength);
}

QDateTime Event::parseTime(QStringView text)
{
    if (text.size() != kTimeLength)
        return {};
    for (int i = 0; i < kTimeLength; ++i) {
        const char16_t c = text[i].unicode();
        if (kTimeShape[i] == '0' ? (c < u'0' || c > u'9') : c != char16_t(kTimeShape[i]))
            return {};
    }
    int values[7];
    for (int field = 0; field < 7; ++field) {
        values[field] = 0;
        for (int i = 0; i < kTimeFields[field].digits; ++i)
            values[field] = values[field] * 10 + (text[kTimeFields[field].offset + i].unicode() - u'0');
    }
    // QDate and QTime refuse what does not exist (February 30, 24:00, a 61st second, year 0).
    const QDate date(values[0], values[1], values[2]);
    const QTime clock(values[3], values[4], values[5], values[6]);
    if (!date.isValid() || !clock.isValid())
        return {};
    return QDateTime(date, clock, Qt::UTC);
}

QJsonObject Event::toHashedJson() const
{
    return {{idKey, id},
            {caseIdKey, caseId},
            {typeKey, eventTypeName(type)},
            {actorKey, actor.toJson()},
            {atKey, formatTime(at)},
            {payloadKey, payload},
            {prevHashKey, prevHash}};
}

QJsonObject Event::toJson() const
{
    QJsonObject json = toHashedJson();
    json.insert(hashKey, hash);
    if (serverSeq)
        json.insert(serverSeqKey, double(*serverSeq));
    if (receivedAt.isValid())
        json.insert(receivedAtKey, formatTime(receivedAt));
    return json;
}

std::optional<Event> Event::fromJson(const QJsonObject &json, QString *error)
{
    static const QSet<QString> known {idKey,      caseIdKey,   typeKey, actorKey,     atKey,
                                      payloadKey, prevHashKey, hashKey, serverSeqKey, receivedAtKey};
    for (const QString &key : json.keys()) {
        if (!known.contains(key))
            return fail(error, Tr::tr("%1: unknown field").arg(key));
    }
    Event event;
    event.id = json.value(idKey).toString();
    if (!isCanonicalUuidV7(event.id))
        return fail(error, Tr::tr("id: \"%1\" is not a lower-case UUIDv7").arg(event.id));
    event.caseId = json.value(caseIdKey).toString();
    if (!isCanonicalUuidV7(event.caseId))
        return fail(error, Tr::tr("caseId: \"%1\" is not a lower-case UUIDv7").arg(event.caseId));
    const auto type = eventTypeFromName(json.value(typeKey).toString());
    if (!type)
        return fail(error, Tr::tr("type: \"%1\" is not an event type").arg(json.value(typeKey).toString()));
    event.type = *type;
    if (!json.value(actorKey).isObject())
        return fail(error, Tr::tr("actor: missing"));
    const auto actor = Actor::fromJson(json.value(actorKey).toObject(), error);
    if (!actor)
        return std::nullopt;
    event.actor = *actor;
    event.at = parseTime(json.value(atKey).toString());
    if (!event.at.isValid())
        return fail(error,
                    Tr::tr("at: \"%1\" is not a UTC time such as 2026-11-22T08:30:00.123Z")
                        .arg(json.value(atKey).toString()));
    const QJsonValue payload = json.value(payloadKey);
    if (!payload.isObject())
        return fail(error, Tr::tr("payload: must be an object"));
    event.payload = payload.toObject();
    const QJsonValue prevHash = json.value(prevHashKey);
    event.prevHash = prevHash.toString();
    if (!prevHash.isString() || (!event.prevHash.isEmpty() && !isHexDigest(event.prevHash)))
        return fail(error, Tr::tr("prevHash: must be \"\" or 64 lower-case hexadecimal digits"));
    event.hash = json.value(hashKey).toString();
    if (!isHexDigest(event.hash))
        return fail(error, Tr::tr("hash: must be 64 lower-case hexadecimal digits"));
    if (json.contains(serverSeqKey)) {
        const QJsonValue seq = json.value(serverSeqKey);
        if (!seq.isDouble() || seq.toDouble() < 0 || seq.toDouble() != double(seq.toInteger()))
            return fail(error, Tr::tr("serverSeq: must be a non-negative integer"));
        event.serverSeq = seq.toInteger();
    }
    if (json.contains(receivedAtKey)) {
        event.receivedAt = parseTime(json.value(receivedAtKey).toString());
        if (!event.receivedAt.isValid())
            return fail(error, Tr::tr("receivedAt: not a UTC time such as 2026-11-22T08:30:00.123Z"));
    }
    return event;
}

std::optional<Event::CanonicalForm> Event::canonicalForm(QString *error) const
{
    // Member names sort by UTF-16 code units: actor, at, caseId, hash, id, payload, prevHash,
    // type; and in the actor deviceId, officeCode, role, userId. The names need no escaping.
    QByteArray head;
    QByteArray hashMember;
    QByteArray tail;
    bool ok = true;
    const auto add = [&](QByteArray &out, const char *name, QStringView value) {
        out += name;
        ok = ok && core::CanonicalJson::appendString(out, value, error);
    };
    head.reserve(256);
    add(head, "{\"actor\":{\"deviceId\":", actor.deviceId);
    add(head, ",\"officeCode\":", actor.officeCode);
    add(head, ",\"role\":", roleName(actor.role));
    add(head, ",\"userId\":", actor.userId);
    add(head, "},\"at\":", formatTime(at));
    add(head, ",\"caseId\":", caseId);
    add(hashMember, ",\"hash\":", hash);
    add(tail, ",\"id\":", id);
    tail += ",\"payload\":";
    const qsizetype payloadStart = tail.size();
    ok = ok && core::CanonicalJson::append(tail, payload, error);
    const qsizetype payloadEnd = tail.size();
    add(tail, ",\"prevHash\":", prevHash);
    add(tail, ",\"type\":", eventTypeName(type));
    tail += '}';
    if (!ok)
        return std::nullopt;
    return CanonicalForm {head + tail, head + hashMember + tail,
                          tail.sliced(payloadStart, payloadEnd - payloadStart)};
}

std::optional<QString> Event::computeHash(core::HashAlgorithm algorithm, QString *error) const
{
    const auto form = canonicalForm(error);
    if (!form)
        return std::nullopt;
    if (!core::Hasher::isAvailable(algorithm))
        return fail(error,
                    Tr::tr("The hash algorithm %1 is not available in this OpenSSL build.")
                        .arg(core::hashAlgorithmName(algorithm)));
    return core::Hasher::hashHex(form->hashed, algorithm);
}

bool Event::seal(const QString &previousHash, core::HashAlgorithm algorithm, QString *error)
{
    const QString saved = prevHash;
    prevHash = previousHash;
    const auto digest = computeHash(algorithm, error);
    if (!digest) {
        prevHash = saved;
        return false;
    }
    hash = *digest;
    return true;
}

bool Event::hasValidHash(core::HashAlgorithm algorithm) const
{
    const auto digest = computeHash(algorithm);
    return digest && *digest == hash;
}

} // namespace ow::cases
