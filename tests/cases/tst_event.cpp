// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/cases/event.h>
#include <ow/cases/hashchain.h>

#include <ow/core/canonicaljson.h>
#include <ow/core/uuid.h>

#include <QHash>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace ow::cases;
using ow::core::HashAlgorithm;

Q_DECLARE_METATYPE(ow::cases::EventType)
Q_DECLARE_METATYPE(ow::cases::ChainBreak::Kind)

namespace {

// The known event; its canonical JSON and digests were computed outside Qt
// (Python's json.dumps(sort_keys=True) and hashlib), independently of our code.
Event knownEvent()
{
    Event event;
    event.id = QStringLiteral("01938a6b-7c00-7000-8000-000000000001");
    event.caseId = QStringLiteral("01938a6b-7c00-7000-8000-0000000000ca");
    event.type = EventType::Accepted;
    event.actor = {QStringLiteral("u-zhang"), QStringLiteral("330102"), QStringLiteral("D07"), Role::Clerk};
    event.at = Event::parseTime(u"2026-11-23T01:30:00.125Z");
    event.payload = QJsonObject {{QStringLiteral("note"), QStringLiteral("材料齐全，予以受理")},
                                 {QStringLiteral("amount"), 1.5},
                                 {QStringLiteral("count"), 3},
                                 {QStringLiteral("flags"), QJsonArray {true, QJsonValue()}}};
    return event;
}

const char knownCanonical[]
    = R"({"actor":{"deviceId":"D07","officeCode":"330102","role":"clerk","userId":"u-zhang"},)"
      R"("at":"2026-11-23T01:30:00.125Z","caseId":"01938a6b-7c00-7000-8000-0000000000ca",)"
      R"("id":"01938a6b-7c00-7000-8000-000000000001","payload":{"amount":1.5,"count":3,"flags":[true,null],)"
      R"("note":"材料齐全，予以受理"},"prevHash":"","type":"accepted"})";

// Events recorded on two devices, interleaved as a server would order them.
QList<Event> twoDeviceLog(HashAlgorithm algorithm = HashAlgorithm::Sha256)
{
    const QString caseId = ow::core::Uuid::createV7String();
    const Actor a {QStringLiteral("u-li"), QStringLiteral("330102"), QStringLiteral("D01"), Role::Clerk};
    const Actor b {QStringLiteral("u-wang"), QStringLiteral("330102"), QStringLiteral("D02"), Role::Reviewer};
    const QList<std::pair<Actor, EventType>> script {
        {a, EventType::Created}, {a, EventType::Accepted},  {a, EventType::Routed},
        {b, EventType::Opinion}, {b, EventType::Approved},  {a, EventType::Printed},
        {b, EventType::Opinion}, {a, EventType::Delivered},
    };
    QHash<QString, QString> heads;
    QList<Event> events;
    const QDateTime start = Event::parseTime(u"2026-03-02T01:00:00.000Z");
    for (qsizetype i = 0; i < script.size(); ++i) {
        Event event = Event::make(caseId, script.at(i).second, script.at(i).first,
                                  QJsonObject {{QStringLiteral("step"), int(i)}}, start.addSecs(60 * i));
        event.seal(heads.value(event.actor.deviceId), algorithm);
        heads.insert(event.actor.deviceId, event.hash);
        events.append(event);
    }
    return events;
}

} // namespace

class TestEvent : public QObject
{
    Q_OBJECT

private slots:
    void typeNames_data();
    void typeNames();
    void roleNames();
    void knownHash();
    void canonicalFormIsTheCanonicalJson();
    void timesAreWrittenAndReadExactly();
    void jsonRoundTrip();
    void serverFieldsAreNotHashed();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void sealAndTamper();
    void chainValid();
    void chainBreaks_data();
    void chainBreaks();
    void chainAnchor();
    void chainAlgorithmMismatch();
};

void TestEvent::typeNames_data()
{
    QTest::addColumn<EventType>("type");
    QTest::addColumn<QString>("name");
    const char *names[] = {"created",
                           "accepted",
                           "missing-materials-notified",
                           "refused",
                           "routed",
                           "opinion",
                           "supplement-requested",
                           "supplement-received",
                           "suspended",
                           "resumed",
                           "approved",
                           "denied",
                           "certificate-produced",
                           "printed",
                           "delivered",
                           "withdrawn",
                           "terminated",
                           "evaluated"};
    const QList<EventType> types = allEventTypes();
    QCOMPARE(types.size(), 18);
    for (qsizetype i = 0; i < types.size(); ++i)
        QTest::newRow(names[i]) << types.at(i) << QString::fromLatin1(names[i]);
}

void TestEvent::typeNames()
{
    QFETCH(EventType, type);
    QFETCH(QString, name);
    QCOMPARE(eventTypeName(type), name);
    QCOMPARE(eventTypeFromName(name), type);
    QVERIFY(!eventTypeDisplayName(type).isEmpty());
}

void TestEvent::roleNames()
{
    QStringList names;
    for (Role role : allRoles()) {
        names.append(roleName(role));
        QCOMPARE(roleFromName(roleName(role)), role);
    }
    QCOMPARE(names,
             QStringList({QStringLiteral("clerk"), QStringLiteral("reviewer"), QStringLiteral("agent"),
                          QStringLiteral("supervisor"), QStringLiteral("admin")}));
    QVERIFY(!roleFromName(u"Clerk"));
}

// The event's canonical bytes written member by member are those of the
// canonical writer on its JSON objects, whatever the strings and numbers hold.
void TestEvent::canonicalFormIsTheCanonicalJson()
{
    Event event = knownEvent();
    const QList<QJsonObject> payloads {
        {},
        event.payload,
        {{QStringLiteral("name"), QStringLiteral("王\t五\\ \"引号\" \n\r\u0001 \u007f 𠀀 é")},
         {QStringLiteral("numbers"), QJsonArray {0, -0.0, 0.1, 1e21, 1.5e-7, 9007199254740991.0, -42}},
         {QStringLiteral("nested"),
          QJsonObject {{QStringLiteral("b"), true}, {QStringLiteral("a"), QJsonValue()}}},
         {QStringLiteral("€"), QStringLiteral("sorted by UTF-16 units")},
         {QStringLiteral("\U0001F600"), QStringLiteral("after the euro sign")}},
    };
    for (const QJsonObject &payload : payloads) {
        event.payload = payload;
        event.actor.userId = QStringLiteral("用户\"\\");
        const auto form = event.canonicalForm();
        QVERIFY(form);
        QCOMPARE(form->hashed, ow::core::CanonicalJson::toBytes(event.toHashedJson()).value_or(QByteArray()));
        Event stored = event;
        stored.serverSeq.reset();
        stored.receivedAt = QDateTime();
        QCOMPARE(form->withHash, ow::core::CanonicalJson::toBytes(stored.toJson()).value_or(QByteArray()));
        QCOMPARE(form->payload, ow::core::CanonicalJson::toBytes(payload).value_or(QByteArray()));
    }
    // What canonical JSON cannot hold is refused, as by the writer.
    event.payload = {{QStringLiteral("broken"), QString(QChar(0xd800))}};
    QString error;
    QVERIFY(!event.canonicalForm(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!event.computeHash());
}

// The event's time format, written and read by hand, agrees with Qt's ISO
// form and refuses what does not exist.
void TestEvent::timesAreWrittenAndReadExactly()
{
    const QList<QDateTime> times {
        QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC),
        QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC),
        QDateTime(QDate(2026, 11, 23), QTime(9, 30, 0, 125), QTimeZone(8 * 3600)),
        QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
    };
    QList<QDateTime> all = times;
    qint64 ms = QDateTime(QDate(1990, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    for (int i = 0; i < 500; ++i) {
        ms += 86'400'000LL * 29 + 3'600'000LL * 7 + 60'000LL * 13 + 1'000LL * 17 + i;
        all.append(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
    }
    for (const QDateTime &time : all) {
        const QString text = Event::formatTime(time);
        QCOMPARE(text, time.toUTC().toString(Qt::ISODateWithMs));
        QCOMPARE(Event::parseTime(text), time);
    }
    for (const char *bad :
         {"2026-02-30T01:30:00.125Z", "2026-11-23T24:00:00.000Z", "2026-11-23T23:59:60.000Z",
          "2026-13-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "2026-11-23T01:30:00.125",
          "2026-11-23 01:30:00.125Z", "2026-11-23T01:30:00.12Z", "２026-11-23T01:30:00.125Z",
          "2026-11-23T01:30:00.125z", ""}) {
        QVERIFY2(!Event::parseTime(QString::fromUtf8(bad)).isValid(), bad);
    }
}

void TestEvent::knownHash()
{
    const Event event = knownEvent();
    QCOMPARE(ow::core::CanonicalJson::toBytes(event.toHashedJson()).value_or(QByteArray()),
             QByteArray(knownCanonical));
    QCOMPARE(event.computeHash(HashAlgorithm::Sha256).value_or(QString()),
             QStringLiteral("6b61553579534c8a984c6a8a72f30a8efa3a1c6a90dd573561efcd0e1fd592c1"));
    if (!ow::core::Hasher::isAvailable(HashAlgorithm::Sm3))
        QSKIP("SM3 is not available in this OpenSSL build");
    QCOMPARE(event.computeHash(HashAlgorithm::Sm3).value_or(QString()),
             QStringLiteral("a379b64346489c3959071451381c96db641a9795b065c63556776d41a5e19226"));
}

void TestEvent::jsonRoundTrip()
{
    Event event = knownEvent();
    QVERIFY(event.seal(QString(64, QLatin1Char('a'))));
    QString error;
    const auto parsed = Event::fromJson(event.toJson(), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->toJson(), event.toJson());
    QCOMPARE(parsed->at, event.at);
    QCOMPARE(parsed->actor, event.actor);
    QVERIFY(parsed->hasValidHash());
    QCOMPARE(Event::formatTime(parsed->at), QStringLiteral("2026-11-23T01:30:00.125Z"));
}

void TestEvent::serverFieldsAreNotHashed()
{
    Event event = knownEvent();
    QVERIFY(event.seal(QString()));
    event.serverSeq = 4711;
    event.receivedAt = Event::parseTime(u"2026-11-23T02:00:00.000Z");
    QVERIFY(event.hasValidHash());
    const auto parsed = Event::fromJson(event.toJson());
    QVERIFY(parsed);
    QCOMPARE(parsed->serverSeq, std::optional<qint64>(4711));
    QCOMPARE(parsed->receivedAt, event.receivedAt);
    QVERIFY(parsed->hasValidHash());
}

void TestEvent::rejectsMalformed_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("v4 id") << "id" << QJsonValue(QStringLiteral("9b2c4a5e-3f1d-4c1e-8a7b-2d3e4f5a6b7c"))
                           << "id:";
    QTest::newRow("upper-case id") << "id"
                                   << QJsonValue(QStringLiteral("01938A6B-7C00-7000-8000-000000000001"))
                                   << "id:";
    QTest::newRow("braced case id") << "caseId"
                                    << QJsonValue(QStringLiteral("{01938a6b-7c00-7000-8000-0000000000ca}"))
                                    << "caseId:";
    QTest::newRow("unknown type") << "type" << QJsonValue(QStringLiteral("approved-ish")) << "type:";
    QTest::newRow("no milliseconds") << "at" << QJsonValue(QStringLiteral("2026-11-23T01:30:00Z")) << "at:";
    QTest::newRow("offset") << "at" << QJsonValue(QStringLiteral("2026-11-23T09:30:00.125+08:00")) << "at:";
    QTest::newRow("impossible date") << "at" << QJsonValue(QStringLiteral("2026-02-30T01:30:00.125Z"))
                                     << "at:";
    QTest::newRow("payload array") << "payload" << QJsonValue(QJsonArray()) << "payload:";
    QTest::newRow("short prevHash") << "prevHash" << QJsonValue(QStringLiteral("abc")) << "prevHash:";
    QTest::newRow("upper-case hash") << "hash" << QJsonValue(QString(64, QLatin1Char('A'))) << "hash:";
    QTest::newRow("unknown field") << "extra" << QJsonValue(1) << "extra:";
    QTest::newRow("unknown role") << "actor"
                                  << QJsonValue(
                                         QJsonObject {{QStringLiteral("userId"), QStringLiteral("u")},
                                                      {QStringLiteral("officeCode"), QStringLiteral("1")},
                                                      {QStringLiteral("deviceId"), QStringLiteral("d")},
                                                      {QStringLiteral("role"), QStringLiteral("mayor")}})
                                  << "actor.role:";
    QTest::newRow("actor without device")
        << "actor"
        << QJsonValue(QJsonObject {{QStringLiteral("userId"), QStringLiteral("u")},
                                   {QStringLiteral("officeCode"), QStringLiteral("1")},
                                   {QStringLiteral("role"), QStringLiteral("clerk")}})
        << "actor.deviceId:";
    QTest::newRow("negative serverSeq") << "serverSeq" << QJsonValue(-1) << "serverSeq:";
}

void TestEvent::rejectsMalformed()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, fragment);
    Event event = knownEvent();
    QVERIFY(event.seal(QString()));
    QJsonObject json = event.toJson();
    QVERIFY(Event::fromJson(json));
    json.insert(field, value);
    QString error;
    QVERIFY(!Event::fromJson(json, &error));
    QVERIFY2(error.startsWith(fragment), qPrintable(error));
}

void TestEvent::sealAndTamper()
{
    Event event = knownEvent();
    QVERIFY(!event.hasValidHash());
    QVERIFY(event.seal(QString()));
    QVERIFY(event.hasValidHash());
    QVERIFY(!event.hasValidHash(HashAlgorithm::Sm3));
    event.payload.insert(QStringLiteral("note"), QStringLiteral("不予受理"));
    QVERIFY(!event.hasValidHash());

    // Canonical JSON cannot hold NaN: sealing fails clearly instead of hashing something else.
    Event huge = knownEvent();
    huge.payload.insert(QStringLiteral("n"), qQNaN());
    QString error;
    QVERIFY(!huge.seal(QString(), HashAlgorithm::Sha256, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(huge.hash.isEmpty());
}

void TestEvent::chainValid()
{
    const QList<Event> events = twoDeviceLog();
    const ChainVerification result = HashChainVerifier().verify(events);
    QVERIFY2(result.isValid(), qPrintable(result.firstBreak->message));
    QCOMPARE(result.eventCount, 8);
    QCOMPARE(result.heads.value(QStringLiteral("D01")), events.at(7).hash);
    QCOMPARE(result.heads.value(QStringLiteral("D02")), events.at(6).hash);
    QVERIFY(HashChainVerifier().verify({}).isValid());
}

void TestEvent::chainBreaks_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<ChainBreak::Kind>("kind");
    QTest::addColumn<int>("index");
    QTest::newRow("altered payload") << "alter" << ChainBreak::Kind::Changed << 3;
    QTest::newRow("altered and rehashed") << "rehash" << ChainBreak::Kind::Dropped << 6;
    QTest::newRow("dropped event") << "drop" << ChainBreak::Kind::Dropped << 4;
    QTest::newRow("dropped first event") << "dropFirst" << ChainBreak::Kind::Dropped << 0;
    QTest::newRow("reordered on one device") << "swap" << ChainBreak::Kind::Reordered << 1;
    QTest::newRow("duplicated event") << "duplicate" << ChainBreak::Kind::Reordered << 8;
}

void TestEvent::chainBreaks()
{
    QFETCH(QString, tamper);
    QFETCH(ChainBreak::Kind, kind);
    QFETCH(int, index);
    QList<Event> events = twoDeviceLog();
    QString expectedEvent;
    if (tamper == QLatin1String("alter")) {
        events[3].payload.insert(QStringLiteral("opinion"), QStringLiteral("同意"));
        expectedEvent = events.at(3).id;
    } else if (tamper == QLatin1String("rehash")) {
        // D02's opinion rewritten with a fresh hash: its successor no longer links.
        events[4].payload.insert(QStringLiteral("step"), 99);
        events[4].seal(events.at(4).prevHash);
        expectedEvent = events.at(6).id;
    } else if (tamper == QLatin1String("drop")) {
        events.removeAt(2); // D01's routing; D01's printing (now #5) breaks
        expectedEvent = events.at(4).id;
    } else if (tamper == QLatin1String("dropFirst")) {
        events.removeAt(0);
        expectedEvent = events.at(0).id;
    } else if (tamper == QLatin1String("swap")) {
        events.swapItemsAt(1, 2); // D01's accepted and routed
        expectedEvent = events.at(1).id;
    } else if (tamper == QLatin1String("duplicate")) {
        events.append(events.at(5));
        expectedEvent = events.at(8).id;
    }
    const ChainVerification result = HashChainVerifier().verify(events);
    QVERIFY(!result.isValid());
    QCOMPARE(result.firstBreak->kind, kind);
    QCOMPARE(result.firstBreak->index, index);
    QCOMPARE(result.firstBreak->eventId, expectedEvent);
    QCOMPARE(result.firstBreak->deviceId, events.at(index).actor.deviceId);
    QVERIFY2(result.firstBreak->message.contains(expectedEvent), qPrintable(result.firstBreak->message));
}

void TestEvent::chainAnchor()
{
    const QList<Event> events = twoDeviceLog();
    const QList<Event> tail = events.mid(5); // D01 printed, D02 opinion, D01 delivered
    QVERIFY(!HashChainVerifier().verify(tail).isValid());

    HashChainVerifier anchored;
    anchored.setAnchor(QStringLiteral("D01"), events.at(2).hash);
    anchored.setAnchor(QStringLiteral("D02"), events.at(4).hash);
    QVERIFY(anchored.verify(tail).isValid());
    anchored.setAnchor(QStringLiteral("D02"), events.at(3).hash);
    QCOMPARE(anchored.verify(tail).firstBreak->index, 1);

    HashChainVerifier open;
    open.setRequireGenesis(false);
    QVERIFY(open.verify(tail).isValid());
}

void TestEvent::chainAlgorithmMismatch()
{
    if (!ow::core::Hasher::isAvailable(HashAlgorithm::Sm3))
        QSKIP("SM3 is not available in this OpenSSL build");
    const QList<Event> events = twoDeviceLog(HashAlgorithm::Sm3);
    QVERIFY(HashChainVerifier(HashAlgorithm::Sm3).verify(events).isValid());
    const ChainVerification sha = HashChainVerifier(HashAlgorithm::Sha256).verify(events);
    QCOMPARE(sha.firstBreak->kind, ChainBreak::Kind::Changed);
    QCOMPARE(sha.firstBreak->index, 0);
}

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
