// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Pushing and pulling case events through onewindow-central as workstations
// do: the real server process, on its embedded store and on PostgreSQL,
// with events sealed on per-device hash chains.

#include "tst_server_events_support.h"

#include <ow/core/canonicaljson.h>
#include <ow/core/merkletree.h>
#include <ow/core/uuid.h>
#include <ow/test/fixtures.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <openssl/evp.h>

using namespace ow::test::log;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;
using ow::core::MerkleTree;

namespace {

QString newCaseId()
{
    return ow::core::Uuid::createV7String();
}

QJsonArray results(const Reply &reply)
{
    return reply.json.value(QStringLiteral("results")).toArray();
}

QString statusOf(const Reply &reply, int index)
{
    return results(reply).at(index).toObject().value(QStringLiteral("status")).toString();
}

QString codeOf(const Reply &reply, int index)
{
    return results(reply).at(index).toObject().value(QStringLiteral("code")).toString();
}

bool verifyEd25519(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    EVP_PKEY *key = EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey.constData()),
        size_t(publicKey.size()));
    if (!key)
        return false;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(context, nullptr, nullptr, nullptr, key) == 1
        && EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size()))
            == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok;
}

// What a workstation checks of a tree head: the signature over the documented message.
bool headVerifies(const QJsonObject &head, const QByteArray &publicKey)
{
    const QByteArray message = "onewindow-tree-head-v1\n"
        + QByteArray::number(qint64(head.value(QStringLiteral("size")).toDouble())) + '\n'
        + head.value(QStringLiteral("rootHash")).toString().toLatin1() + '\n'
        + head.value(QStringLiteral("timestamp")).toString().toUtf8();
    return verifyEd25519(
        publicKey, message,
        QByteArray::fromBase64(head.value(QStringLiteral("signature")).toString().toLatin1()));
}

qint64 headSize(const QJsonObject &head)
{
    return qint64(head.value(QStringLiteral("size")).toDouble());
}

QByteArray rootOf(const QJsonObject &head)
{
    return QByteArray::fromHex(head.value(QStringLiteral("rootHash")).toString().toLatin1());
}

} // namespace

class TestServerEvents : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void validCaseIsAcceptedOnce_data() { addBackendRows(); }
    void validCaseIsAcceptedOnce();
    void textIsStoredExactly_data() { addBackendRows(); }
    void textIsStoredExactly();
    void rejectionsAreReasonedAndPermanent_data();
    void rejectionsAreReasonedAndPermanent();
    void whatAPushTakesForGrantedIsChecked_data() { addBackendRows(); }
    void whatAPushTakesForGrantedIsChecked();
    void badRequestsChangeNothing_data() { addBackendRows(); }
    void badRequestsChangeNothing();
    void expiredTokenIsRefused_data() { addBackendRows(); }
    void expiredTokenIsRefused();
    void officesSeeOnlyTheirCases_data() { addBackendRows(); }
    void officesSeeOnlyTheirCases();
    void cursorPagesWithoutGapsOrRepeats_data() { addBackendRows(); }
    void cursorPagesWithoutGapsOrRepeats();
    void treeHeadsAreSignedAndConsistent_data() { addBackendRows(); }
    void treeHeadsAreSignedAndConsistent();
    void tamperedLeafIsDetected_data() { addBackendRows(); }
    void tamperedLeafIsDetected();
    void certificatesVerifyAndReachThePrintOffice_data() { addBackendRows(); }
    void certificatesVerifyAndReachThePrintOffice();

private:
    bool startBed();
    Reply push(const SignedIn &user, const QList<Event> &events, const QString &deviceId = QString());
    Reply pull(const SignedIn &user, const QString &after = QString(), int limit = 1000);
    QJsonArray pullAll(const SignedIn &user);
    qint64 currentSize(const SignedIn &user);

    std::unique_ptr<Bed> m_bed;
};

void TestServerEvents::init()
{
    m_bed = std::make_unique<Bed>();
}

void TestServerEvents::cleanup()
{
    m_bed.reset();
}

bool TestServerEvents::startBed()
{
    QFETCH(bool, postgres);
    if (postgres) {
        const QString problem = ow::test::postgresProblem();
        if (!problem.isEmpty()) {
            qWarning("%s", qPrintable(problem));
            return false;
        }
    }
    return m_bed->prepare(postgres) && m_bed->startServer();
}

Reply TestServerEvents::push(const SignedIn &user, const QList<Event> &events, const QString &deviceId)
{
    return request("POST", m_bed->api(QStringLiteral("events")),
                   pushBody(deviceId.isEmpty() ? user.deviceId : deviceId, events), user.token);
}

Reply TestServerEvents::pull(const SignedIn &user, const QString &after, int limit)
{
    QUrl url = m_bed->api(QStringLiteral("events"));
    QString query = QStringLiteral("limit=%1").arg(limit);
    if (!after.isEmpty())
        query += QStringLiteral("&after=") + after;
    url.setQuery(query);
    return request("GET", url, {}, user.token);
}

QJsonArray TestServerEvents::pullAll(const SignedIn &user)
{
    const Reply reply = pull(user);
    if (reply.status != 200)
        qWarning("pull answered %d: %s", reply.status, reply.body.constData());
    return reply.json.value(QStringLiteral("events")).toArray();
}

qint64 TestServerEvents::currentSize(const SignedIn &user)
{
    return headSize(request("GET", m_bed->api(QStringLiteral("log/tree-head")), {}, user.token).json);
}

void TestServerEvents::validCaseIsAcceptedOnce()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    QVERIFY(!clerk.token.isEmpty());
    Device device(clerk);
    const QString caseId = newCaseId();
    const QList<Event> events {device.record(caseId, EventType::Created, createdPayload()),
                               device.record(caseId, EventType::Accepted),
                               device.record(caseId, EventType::Routed, routedPayload())};
    const Reply first = push(clerk, events);
    QCOMPARE(first.status, 200);
    QCOMPARE(results(first).size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(statusOf(first, i), QStringLiteral("accepted"));
        QCOMPARE(results(first).at(i).toObject().value(QStringLiteral("id")).toString(), events.at(i).id);
        QCOMPARE(results(first).at(i).toObject().value(QStringLiteral("serverSeq")).toInt(), i + 1);
    }
    QCOMPARE(headSize(first.json.value(QStringLiteral("treeHead")).toObject()), 3);

    // The same batch again, as after a lost answer: every event is a duplicate with its number.
    const Reply again = push(clerk, events);
    QCOMPARE(again.status, 200);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(statusOf(again, i), QStringLiteral("duplicate"));
        QCOMPARE(results(again).at(i).toObject().value(QStringLiteral("serverSeq")).toInt(), i + 1);
    }
    QCOMPARE(headSize(again.json.value(QStringLiteral("treeHead")).toObject()), 3);
    const QJsonArray pulled = pullAll(clerk);
    QCOMPARE(pulled.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const auto event = Event::fromJson(pulled.at(i).toObject());
        QVERIFY(event);
        QCOMPARE(event->id, events.at(i).id);
        QVERIFY(event->hasValidHash());
        QCOMPARE(*event->serverSeq, i + 1);
        QVERIFY(event->receivedAt.isValid());
    }
}

// Rows reach PostgreSQL through COPY's text format: backslashes, tabs, line
// breaks and quotes in a form must come back byte for byte (the hash says so).
void TestServerEvents::textIsStoredExactly()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    Device device(clerk);
    const QString caseId = newCaseId();
    QJsonObject payload = createdPayload();
    const QString awkward = QStringLiteral("浙江省杭州市\\西湖区\t文三路\n90号\r\n'单引号' \"双引号\" \\N 𠀀");
    QJsonObject applicant = payload.value(QStringLiteral("applicant")).toObject();
    applicant.insert(QStringLiteral("name"), QStringLiteral("王\t五\\"));
    applicant.insert(QStringLiteral("address"), awkward);
    payload.insert(QStringLiteral("applicant"), applicant);
    const Event created = device.record(caseId, EventType::Created, payload);
    const Reply pushed = push(clerk, {created});
    QCOMPARE(pushed.status, 200);
    QCOMPARE(statusOf(pushed, 0), QStringLiteral("accepted"));
    const QJsonArray pulled = pullAll(clerk);
    QCOMPARE(pulled.size(), 1);
    const auto event = Event::fromJson(pulled.at(0).toObject());
    QVERIFY(event);
    QVERIFY(event->hasValidHash());
    QCOMPARE(event->hash, created.hash);
    QCOMPARE(event->payload.value(QStringLiteral("applicant")).toObject().value(QStringLiteral("address")).toString(),
             awkward);

    // A refused event is kept as it came (rows with an ON CONFLICT go as arrays on PostgreSQL).
    const Event again = device.record(caseId, EventType::Created, payload);
    const Reply refused = push(clerk, {again});
    QCOMPARE(statusOf(refused, 0), QStringLiteral("rejected"));
    QSqlQuery stored(m_bed->database());
    QVERIFY(stored.prepare(QStringLiteral("SELECT event_json, reason FROM rejected_events WHERE id = ?")));
    stored.addBindValue(again.id);
    QVERIFY(stored.exec());
    QVERIFY(stored.next());
    const auto kept = Event::fromJson(QJsonDocument::fromJson(stored.value(0).toString().toUtf8()).object());
    QVERIFY(kept);
    QVERIFY(kept->hasValidHash());
    QCOMPARE(kept->hash, again.hash);
    QCOMPARE(stored.value(1).toString(),
             results(refused).at(0).toObject().value(QStringLiteral("reason")).toString());
}

void TestServerEvents::rejectionsAreReasonedAndPermanent_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("code");
    const QList<std::pair<QString, QString>> scenarios {
        {QStringLiteral("wrong transition"), QStringLiteral("transition_not_allowed")},
        {QStringLiteral("wrong role"), QStringLiteral("role_not_allowed")},
        {QStringLiteral("other office's case"), QStringLiteral("office_mismatch")},
        {QStringLiteral("broken chain"), QStringLiteral("chain_broken")},
        {QStringLiteral("bad hash"), QStringLiteral("hash_mismatch")},
        {QStringLiteral("missing blob"), QStringLiteral("missing_blob")},
        {QStringLiteral("someone else's event"), QStringLiteral("actor_mismatch")},
        {QStringLiteral("other department"), QStringLiteral("department_mismatch")},
        {QStringLiteral("case without items"), QStringLiteral("invalid_event")},
    };
    for (const bool postgres : {false, true}) {
        for (const auto &[scenario, code] : scenarios)
            QTest::addRow("%s: %s", postgres ? "postgresql" : "embedded", qPrintable(scenario))
                << postgres << scenario << code;
    }
}

void TestServerEvents::rejectionsAreReasonedAndPermanent()
{
    QFETCH(QString, scenario);
    QFETCH(QString, code);
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    Device device(clerk);
    const QString caseId = newCaseId();
    QList<Event> setup {device.record(caseId, EventType::Created, createdPayload()),
                        device.record(caseId, EventType::Accepted)};
    if (scenario == QLatin1String("other department"))
        setup.append(device.record(caseId, EventType::Routed, routedPayload()));
    const Reply prepared = push(clerk, setup);
    QCOMPARE(prepared.status, 200);
    for (int i = 0; i < setup.size(); ++i)
        QCOMPARE(statusOf(prepared, i), QStringLiteral("accepted"));
    const qint64 sizeBefore = currentSize(clerk);

    SignedIn pusher = clerk;
    Event bad;
    if (scenario == QLatin1String("wrong transition")) {
        bad = device.record(caseId, EventType::Accepted);
    } else if (scenario == QLatin1String("wrong role")) {
        pusher = m_bed->signIn(QStringLiteral("supervisor-a"));
        bad = Device(pusher, Role::Supervisor).record(caseId, EventType::Routed, routedPayload());
    } else if (scenario == QLatin1String("other office's case")) {
        pusher = m_bed->signIn(QStringLiteral("clerk-b"));
        bad = Device(pusher).record(caseId, EventType::Routed, routedPayload());
    } else if (scenario == QLatin1String("broken chain")) {
        device.rewind(QString(64, QLatin1Char('e')));
        bad = device.record(caseId, EventType::Routed, routedPayload());
    } else if (scenario == QLatin1String("bad hash")) {
        bad = device.record(caseId, EventType::Routed, routedPayload());
        bad.payload.insert(QStringLiteral("lead"), QStringLiteral("SCJG"));
    } else if (scenario == QLatin1String("missing blob")) {
        const QJsonArray attachments {QJsonObject {{QStringLiteral("sha256"), QString(64, QLatin1Char('a'))},
                                                   {QStringLiteral("material"), QStringLiteral("身份证")}}};
        bad = device.record(newCaseId(), EventType::Created, createdPayload(attachments));
    } else if (scenario == QLatin1String("someone else's event")) {
        pusher = m_bed->signIn(QStringLiteral("clerk-a2"));
        bad = device.record(caseId, EventType::Routed, routedPayload());
    } else if (scenario == QLatin1String("other department")) {
        pusher = m_bed->signIn(QStringLiteral("reviewer-x"));
        bad = Device(pusher, Role::Reviewer)
                  .record(caseId, EventType::Opinion,
                          {{QStringLiteral("department"), QStringLiteral("MZ")},
                           {QStringLiteral("decision"), QStringLiteral("approve")}});
    } else if (scenario == QLatin1String("case without items")) {
        bad = device.record(newCaseId(), EventType::Created, QJsonObject {});
    }
    QVERIFY(!pusher.token.isEmpty());
    // "someone else's event" comes from clerkA's device, pushed by another user.
    const QString deviceId = scenario == QLatin1String("someone else's event") ? clerk.deviceId : QString();

    const Reply reply = push(pusher, {bad}, deviceId);
    QCOMPARE(reply.status, 200);
    QCOMPARE(statusOf(reply, 0), QStringLiteral("rejected"));
    QCOMPARE(codeOf(reply, 0), code);
    QVERIFY(!results(reply).at(0).toObject().value(QStringLiteral("reason")).toString().isEmpty());
    QCOMPARE(results(reply).at(0).toObject().value(QStringLiteral("id")).toString(), bad.id);

    // Nothing of it is stored, and asking again gives the same answer.
    QCOMPARE(currentSize(clerk), sizeBefore);
    QCOMPARE(pullAll(clerk).size(), setup.size());
    const Reply again = push(pusher, {bad}, deviceId);
    QCOMPARE(statusOf(again, 0), QStringLiteral("rejected"));
    QCOMPARE(codeOf(again, 0), code);
    QCOMPARE(currentSize(clerk), sizeBefore);
}

// A push that continues its device's chain is first answered without looking up its
// event ids, nor the cases it creates (they cannot be stored yet unless a client
// misbehaves); these are the two ways a client can misbehave.
void TestServerEvents::whatAPushTakesForGrantedIsChecked()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    Device device(clerk);
    const QString caseId = newCaseId();
    const QList<Event> stored {device.record(caseId, EventType::Created, createdPayload()),
                               device.record(caseId, EventType::Accepted)};
    QCOMPARE(statusOf(push(clerk, stored), 1), QStringLiteral("accepted"));
    const qint64 sizeBefore = currentSize(clerk);

    // Another device of the office creates the same case as its very first event.
    const SignedIn colleague = m_bed->signIn(QStringLiteral("clerk-a2"));
    Device other(colleague);
    const Reply created = push(colleague, {other.record(caseId, EventType::Created, createdPayload())});
    QCOMPARE(created.status, 200);
    QCOMPARE(statusOf(created, 0), QStringLiteral("rejected"));
    QCOMPARE(codeOf(created, 0), QStringLiteral("transition_not_allowed"));
    QCOMPARE(currentSize(clerk), sizeBefore);

    // New events under the ids of stored ones (next in the device's chain, which goes on
    // from the refused event), one the server would accept and one it would refuse: those
    // ids are taken, and the events are not stored.
    const QString head = other.lastHash();
    const QList<std::pair<Event, qsizetype>> reuses {
        {other.record(newCaseId(), EventType::Created, createdPayload()), 0},
        {other.record(caseId, EventType::Accepted), 1}};
    for (auto [reused, index] : reuses) {
        reused.id = stored.at(index).id;
        QVERIFY(reused.seal(head));
        const Reply again = push(colleague, {reused});
        QCOMPARE(again.status, 200);
        QCOMPARE(statusOf(again, 0), QStringLiteral("duplicate"));
        QCOMPARE(results(again).at(0).toObject().value(QStringLiteral("serverSeq")).toInt(), int(index) + 1);
        QCOMPARE(currentSize(clerk), sizeBefore);
        QCOMPARE(pullAll(colleague).size(), stored.size());
    }

    // The device's chain is where it was: its next case is accepted.
    other.rewind(head);
    const Reply next = push(colleague, {other.record(newCaseId(), EventType::Created, createdPayload())});
    QCOMPARE(statusOf(next, 0), QStringLiteral("accepted"));
    QCOMPARE(currentSize(clerk), sizeBefore + 1);
}

void TestServerEvents::badRequestsChangeNothing()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    Device device(clerk);
    const Event event = device.record(newCaseId(), EventType::Created, createdPayload());
    const QJsonObject eventJson = event.toJson();
    const QUrl url = m_bed->api(QStringLiteral("events"));
    auto body = [](const QJsonObject &object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };

    struct Case
    {
        const char *name;
        QByteArray body;
        QByteArray token;
        int status;
        QString code;
        QString field;
    };
    const QByteArray big(8 * 1024 * 1024 + 10, ' ');
    QJsonArray tooMany;
    for (int i = 0; i < 501; ++i)
        tooMany.append(eventJson);
    const QList<Case> cases {
        {"malformed JSON", "{\"deviceId\": ", clerk.token, 400, QStringLiteral("malformed_json"), {}},
        {"events not an array",
         body({{QStringLiteral("deviceId"), clerk.deviceId}, {QStringLiteral("events"), eventJson}}),
         clerk.token, 400, QStringLiteral("invalid_request"), QStringLiteral("events")},
        {"deviceId a number",
         body({{QStringLiteral("deviceId"), 7}, {QStringLiteral("events"), QJsonArray {eventJson}}}),
         clerk.token, 400, QStringLiteral("invalid_request"), QStringLiteral("deviceId")},
        {"unknown field",
         body({{QStringLiteral("deviceId"), clerk.deviceId},
               {QStringLiteral("events"), QJsonArray {eventJson}},
               {QStringLiteral("force"), true}}),
         clerk.token, 400, QStringLiteral("invalid_request"), QStringLiteral("force")},
        {"event not an object",
         body({{QStringLiteral("deviceId"), clerk.deviceId},
               {QStringLiteral("events"), QJsonArray {eventJson, 5}}}),
         clerk.token, 400, QStringLiteral("invalid_request"), QStringLiteral("events[1]")},
        {"over 8 MiB", big, clerk.token, 413, QStringLiteral("body_too_large"), {}},
        {"over 500 events",
         body({{QStringLiteral("deviceId"), clerk.deviceId}, {QStringLiteral("events"), tooMany}}),
         clerk.token,
         413,
         QStringLiteral("body_too_large"),
         {}},
        {"no token", pushBody(clerk.deviceId, {event}), {}, 401, QStringLiteral("unauthenticated"), {}},
        {"unknown token",
         pushBody(clerk.deviceId, {event}),
         "bm90IGEgdG9rZW4",
         401,
         QStringLiteral("unauthenticated"),
         {}},
    };
    for (const Case &c : cases) {
        const Reply reply = request("POST", url, c.body, c.token);
        QVERIFY2(reply.status == c.status, c.name);
        QVERIFY2(reply.errorCode() == c.code, c.name);
        QVERIFY2(!reply.json.value(QStringLiteral("error"))
                      .toObject()
                      .value(QStringLiteral("message"))
                      .toString()
                      .isEmpty(),
                 c.name);
        if (!c.field.isEmpty())
            QVERIFY2(
                reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString()
                    == c.field,
                c.name);
    }
    QCOMPARE(currentSize(clerk), 0);
    QCOMPARE(pullAll(clerk).size(), 0);
    // After all that, the event itself still goes in.
    QCOMPARE(statusOf(push(clerk, {event}), 0), QStringLiteral("accepted"));
}

void TestServerEvents::expiredTokenIsRefused()
{
    QFETCH(bool, postgres);
    QVERIFY(m_bed->prepare(postgres));
    QVERIFY(m_bed->startServer({QStringLiteral("--token-lifetime"), QStringLiteral("1")}));
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    QVERIFY(!clerk.token.isEmpty());
    Device device(clerk);
    const Event event = device.record(newCaseId(), EventType::Created, createdPayload());
    QThread::msleep(1500);
    const Reply reply = push(clerk, {event});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("token_expired"));
    QCOMPARE(pull(clerk).status, 401);
    // Signed in again, the same event goes in: the refusal stored nothing.
    const SignedIn again = m_bed->signIn(QStringLiteral("clerk-a"));
    QCOMPARE(statusOf(push(again, {event}, clerk.deviceId), 0), QStringLiteral("accepted"));
}

void TestServerEvents::officesSeeOnlyTheirCases()
{
    QVERIFY(startBed());
    const SignedIn clerkA = m_bed->signIn(QStringLiteral("clerk-a"));
    const SignedIn clerkB = m_bed->signIn(QStringLiteral("clerk-b"));
    const SignedIn reviewer = m_bed->signIn(QStringLiteral("reviewer-c"));
    Device deviceA(clerkA);
    Device deviceB(clerkB);
    const QString caseA = newCaseId();
    const QString caseB = newCaseId();
    QCOMPARE(statusOf(push(clerkA,
                           {deviceA.record(caseA, EventType::Created, createdPayload()),
                            deviceA.record(caseA, EventType::Accepted)}),
                      1),
             QStringLiteral("accepted"));
    QCOMPARE(statusOf(push(clerkB, {deviceB.record(caseB, EventType::Created, createdPayload())}), 0),
             QStringLiteral("accepted"));

    auto caseIds = [](const QJsonArray &events) {
        QStringList ids;
        for (const QJsonValue &event : events)
            ids.append(event.toObject().value(QStringLiteral("caseId")).toString());
        return ids;
    };
    QCOMPARE(caseIds(pullAll(clerkA)), (QStringList {caseA, caseA}));
    QCOMPARE(caseIds(pullAll(clerkB)), QStringList {caseB});
    QCOMPARE(pull(reviewer).json.value(QStringLiteral("events")).toArray().size(), 0);

    // Another case of A goes to the county first, so the county's cursor moves past caseA's events.
    const QString earlier = newCaseId();
    QCOMPARE(statusOf(push(clerkA,
                           {deviceA.record(earlier, EventType::Created, createdPayload()),
                            deviceA.record(earlier, EventType::Accepted),
                            deviceA.record(earlier, EventType::Routed, routedPayload())}),
                      2),
             QStringLiteral("accepted"));
    const Reply countyBefore = pull(reviewer);
    QCOMPARE(countyBefore.status, 200);
    QCOMPARE(caseIds(countyBefore.json.value(QStringLiteral("events")).toArray()),
             (QStringList {earlier, earlier, earlier}));
    const QString countyCursor = countyBefore.json.value(QStringLiteral("next")).toString();

    // Routed to 民政 at the county: the county's cursor brings the whole case, old events too.
    QCOMPARE(statusOf(push(clerkA, {deviceA.record(caseA, EventType::Routed, routedPayload())}), 0),
             QStringLiteral("accepted"));
    const Reply county = pull(reviewer, countyCursor);
    QCOMPARE(county.status, 200);
    const QJsonArray countyEvents = county.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(caseIds(countyEvents), (QStringList {caseA, caseA, caseA}));
    QStringList types;
    for (const QJsonValue &event : countyEvents)
        types.append(event.toObject().value(QStringLiteral("type")).toString());
    QCOMPARE(types,
             (QStringList {QStringLiteral("created"), QStringLiteral("accepted"), QStringLiteral("routed")}));

    // The county reviewer's opinion goes in and reaches the office that registered the case.
    Device countyDevice(reviewer, Role::Reviewer);
    const Reply opinion
        = push(reviewer,
               {countyDevice.record(caseA, EventType::Opinion,
                                    {{QStringLiteral("department"), QStringLiteral("MZ")},
                                     {QStringLiteral("opinion"), QStringLiteral("材料齐全")}})});
    QCOMPARE(statusOf(opinion, 0), QStringLiteral("accepted"));
    QCOMPARE(pullAll(clerkA).size(), 7);
    QCOMPARE(caseIds(pullAll(clerkB)), QStringList {caseB});
}

void TestServerEvents::cursorPagesWithoutGapsOrRepeats()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    Device device(clerk);
    for (int i = 0; i < 3; ++i) {
        const QString caseId = newCaseId();
        push(clerk,
             {device.record(caseId, EventType::Created, createdPayload()),
              device.record(caseId, EventType::Accepted)});
    }
    const QJsonArray all = pullAll(clerk);
    QCOMPARE(all.size(), 6);

    QJsonArray paged;
    QString cursor;
    for (int page = 0; page < 10; ++page) {
        const Reply reply = pull(clerk, cursor, 4);
        QCOMPARE(reply.status, 200);
        const QJsonArray events = reply.json.value(QStringLiteral("events")).toArray();
        for (const QJsonValue &event : events)
            paged.append(event);
        cursor = reply.json.value(QStringLiteral("next")).toString();
        if (!reply.json.value(QStringLiteral("hasMore")).toBool())
            break;
        QCOMPARE(events.size(), 4);
    }
    QCOMPARE(paged, all);
    // At the end: nothing more, and the cursor stays valid for later events.
    const Reply end = pull(clerk, cursor);
    QCOMPARE(end.json.value(QStringLiteral("events")).toArray().size(), 0);
    push(clerk, {device.record(newCaseId(), EventType::Created, createdPayload())});
    QCOMPARE(pull(clerk, cursor).json.value(QStringLiteral("events")).toArray().size(), 1);

    QCOMPARE(pull(clerk, QStringLiteral("not-a-cursor")).status, 400);
    QCOMPARE(pull(clerk, QStringLiteral("not-a-cursor")).errorCode(), QStringLiteral("invalid_request"));
    QCOMPARE(pull(clerk, QStringLiteral("2.3")).status, 400);
    const Reply gone = pull(clerk, QStringLiteral("9999.9999"));
    QCOMPARE(gone.status, 410);
    QCOMPARE(gone.errorCode(), QStringLiteral("resync_required"));
    QCOMPARE(pull(clerk, {}, 1001).status, 400);
    QCOMPARE(pull(clerk, {}, 0).status, 400);
}

void TestServerEvents::treeHeadsAreSignedAndConsistent()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const Reply keyReply = request("GET", m_bed->api(QStringLiteral("log/public-key")), {}, clerk.token);
    QCOMPARE(keyReply.status, 200);
    const QByteArray publicKey
        = QByteArray::fromBase64(keyReply.json.value(QStringLiteral("publicKey")).toString().toLatin1());
    QCOMPARE(publicKey.size(), 32);
    QCOMPARE(request("GET", m_bed->api(QStringLiteral("log/public-key"))).status, 401);
    // The signing key lives in the data directory, readable by the server's user only.
    QFile keyFile(QDir(m_bed->dataDir()).filePath(QStringLiteral("log-signing.key")));
    QVERIFY(keyFile.exists());
    QCOMPARE(keyFile.permissions()
                 & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                    | QFileDevice::WriteOther),
             QFileDevice::Permissions());

    const Reply empty = request("GET", m_bed->api(QStringLiteral("log/tree-head")), {}, clerk.token);
    QCOMPARE(empty.status, 200);
    QCOMPARE(headSize(empty.json), 0);
    QCOMPARE(rootOf(empty.json), MerkleTree::emptyRoot());
    QVERIFY(headVerifies(empty.json, publicKey));

    Device device(clerk);
    QList<QJsonObject> heads {empty.json};
    // Sizes 2, 6, 12, 20, 30 and 42: complete subtrees of 16 leaves and more are stored, smaller
    // ones are computed from their leaves.
    for (int round = 0; round < 6; ++round) {
        QList<Event> batch;
        for (int i = 0; i <= round; ++i) {
            const QString caseId = newCaseId();
            batch << device.record(caseId, EventType::Created, createdPayload())
                  << device.record(caseId, EventType::Accepted);
        }
        const Reply reply = push(clerk, batch);
        QCOMPARE(reply.status, 200);
        const QJsonObject head = reply.json.value(QStringLiteral("treeHead")).toObject();
        QVERIFY(headVerifies(head, publicKey));
        QCOMPARE(request("GET", m_bed->api(QStringLiteral("log/tree-head")), {}, clerk.token).json, head);
        heads.append(head);
    }
    // A tampered head does not verify.
    QJsonObject forged = heads.last();
    forged.insert(QStringLiteral("size"), headSize(forged) + 1);
    QVERIFY(!headVerifies(forged, publicKey));

    // Every later head is consistent with every earlier one, as a workstation checks.
    for (qsizetype i = 0; i < heads.size(); ++i) {
        for (qsizetype j = i; j < heads.size(); ++j) {
            QUrl url = m_bed->api(QStringLiteral("log/consistency"));
            url.setQuery(
                QStringLiteral("first=%1&second=%2").arg(headSize(heads.at(i))).arg(headSize(heads.at(j))));
            const Reply reply = request("GET", url, {}, clerk.token);
            QCOMPARE(reply.status, 200);
            QList<QByteArray> proof;
            for (const QJsonValue &hash : reply.json.value(QStringLiteral("proof")).toArray())
                proof.append(QByteArray::fromHex(hash.toString().toLatin1()));
            QVERIFY(MerkleTree::verifyConsistency(headSize(heads.at(i)), headSize(heads.at(j)),
                                                  rootOf(heads.at(i)), rootOf(heads.at(j)), proof));
        }
    }
    // The leaves are what the API says they are: the root follows from the pulled events.
    QList<QByteArray> leaves;
    for (const QJsonValue &value : pullAll(clerk)) {
        const QJsonObject event = value.toObject();
        const QJsonObject leaf {{QStringLiteral("hash"), event.value(QStringLiteral("hash"))},
                                {QStringLiteral("serverSeq"), event.value(QStringLiteral("serverSeq"))},
                                {QStringLiteral("receivedAt"), event.value(QStringLiteral("receivedAt"))}};
        leaves.append(MerkleTree::leafHash(*ow::core::CanonicalJson::toBytes(leaf)));
    }
    QCOMPARE(leaves.size(), headSize(heads.last()));
    QCOMPARE(MerkleTree::rootHash(leaves), rootOf(heads.last()));

    QUrl bad = m_bed->api(QStringLiteral("log/consistency"));
    bad.setQuery(QStringLiteral("first=5&second=%1").arg(headSize(heads.last()) + 1));
    QCOMPARE(request("GET", bad, {}, clerk.token).status, 400);

    // A restarted server signs with the same key and continues the same history.
    m_bed->server().stop();
    QVERIFY(m_bed->startServer());
    const SignedIn again = m_bed->signIn(QStringLiteral("clerk-a"));
    QCOMPARE(request("GET", m_bed->api(QStringLiteral("log/public-key")), {}, again.token)
                 .json.value(QStringLiteral("publicKey"))
                 .toString(),
             QString::fromLatin1(publicKey.toBase64()));
    QCOMPARE(request("GET", m_bed->api(QStringLiteral("log/tree-head")), {}, again.token).json, heads.last());
    // ... from the stored nodes and the last leaves, having nothing in memory.
    const QString caseId = newCaseId();
    const Reply next = push(again, {Device(again).record(caseId, EventType::Created, createdPayload())});
    QCOMPARE(statusOf(next, 0), QStringLiteral("accepted"));
    const QJsonObject nextHead = next.json.value(QStringLiteral("treeHead")).toObject();
    QCOMPARE(headSize(nextHead), headSize(heads.last()) + 1);
    QUrl url = m_bed->api(QStringLiteral("log/consistency"));
    url.setQuery(QStringLiteral("first=%1&second=%2").arg(headSize(heads.last())).arg(headSize(nextHead)));
    QList<QByteArray> proof;
    for (const QJsonValue &hash : request("GET", url, {}, again.token).json.value(QStringLiteral("proof")).toArray())
        proof.append(QByteArray::fromHex(hash.toString().toLatin1()));
    QVERIFY(MerkleTree::verifyConsistency(headSize(heads.last()), headSize(nextHead), rootOf(heads.last()),
                                          rootOf(nextHead), proof));
}

void TestServerEvents::tamperedLeafIsDetected()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    Device device(clerk);
    const QString caseId = newCaseId();
    const Reply first = push(clerk,
                             {device.record(caseId, EventType::Created, createdPayload()),
                              device.record(caseId, EventType::Accepted),
                              device.record(caseId, EventType::Routed, routedPayload())});
    const QJsonObject before = first.json.value(QStringLiteral("treeHead")).toObject();
    QCOMPARE(headSize(before), 3);

    // Someone with access to the database rewrites the newest entry of the log.
    QSqlDatabase db = m_bed->database();
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(query.exec(QStringLiteral("UPDATE server_events SET leaf_hash = '%1' WHERE server_seq = 3")
                            .arg(QString(64, QLatin1Char('0')))),
             qPrintable(query.lastError().text()));

    const Reply second = push(clerk, {device.record(newCaseId(), EventType::Created, createdPayload())});
    QCOMPARE(statusOf(second, 0), QStringLiteral("accepted"));
    const QJsonObject after = second.json.value(QStringLiteral("treeHead")).toObject();
    QUrl url = m_bed->api(QStringLiteral("log/consistency"));
    url.setQuery(QStringLiteral("first=3&second=%1").arg(headSize(after)));
    const Reply reply = request("GET", url, {}, clerk.token);
    QCOMPARE(reply.status, 200);
    QList<QByteArray> proof;
    for (const QJsonValue &hash : reply.json.value(QStringLiteral("proof")).toArray())
        proof.append(QByteArray::fromHex(hash.toString().toLatin1()));
    QVERIFY2(!MerkleTree::verifyConsistency(3, headSize(after), rootOf(before), rootOf(after), proof),
             "a rewritten history must not prove consistent with the head a workstation holds");
}

void TestServerEvents::certificatesVerifyAndReachThePrintOffice()
{
    QVERIFY(startBed());
    const QUrl unknownUrl = m_bed->api(QStringLiteral("verify/ZS-2026-000001"));
    const Reply unknown = request("GET", unknownUrl);
    QCOMPARE(unknown.status, 200);
    QCOMPARE(unknown.json.value(QStringLiteral("status")).toString(), QStringLiteral("unknown"));
    QCOMPARE(request("GET", m_bed->api(QStringLiteral("verify/%3Cscript%3E"))).status, 400);

    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const SignedIn reviewer = m_bed->signIn(QStringLiteral("reviewer-c"));
    const SignedIn clerkB = m_bed->signIn(QStringLiteral("clerk-b"));
    Device device(clerk);
    Device countyDevice(reviewer, Role::Reviewer);
    const QString caseId = newCaseId();
    push(clerk,
         {device.record(caseId, EventType::Created, createdPayload()),
          device.record(caseId, EventType::Accepted),
          device.record(caseId, EventType::Routed, routedPayload())});
    const Reply decided
        = push(reviewer,
               {countyDevice.record(caseId, EventType::Approved),
                countyDevice.record(caseId, EventType::CertificateProduced,
                                    {{QStringLiteral("certificateId"), QStringLiteral("ZS-2026-000001")},
                                     {QStringLiteral("holder"), QStringLiteral("王五")},
                                     {QStringLiteral("number"), QStringLiteral("民低保字〔2026〕1号")},
                                     {QStringLiteral("printOffice"), kOfficeB}})});
    QCOMPARE(statusOf(decided, 0), QStringLiteral("accepted"));
    QCOMPARE(statusOf(decided, 1), QStringLiteral("accepted"));

    const Reply genuine = request("GET", unknownUrl);
    QCOMPARE(genuine.status, 200);
    QCOMPARE(genuine.json.value(QStringLiteral("status")).toString(), QStringLiteral("genuine"));
    QCOMPARE(genuine.json.value(QStringLiteral("holder")).toString(), QStringLiteral("王五"));
    QCOMPARE(genuine.json.value(QStringLiteral("number")).toString(), QStringLiteral("民低保字〔2026〕1号"));

    // 异地打证: the print office receives the whole case and may record the printing.
    QCOMPARE(pullAll(clerkB).size(), 5);
    Device deviceB(clerkB);
    const QJsonObject printed {{QStringLiteral("certificateId"), QStringLiteral("ZS-2026-000001")},
                               {QStringLiteral("printer"), QStringLiteral("PDF")},
                               {QStringLiteral("mode"), QStringLiteral("plain")},
                               {QStringLiteral("reprint"), false},
                               {QStringLiteral("spoiled"), false}};
    QCOMPARE(statusOf(push(clerkB, {deviceB.record(caseId, EventType::Printed, printed)}), 0),
             QStringLiteral("accepted"));
    QCOMPARE(pullAll(clerk).size(), 6);
}

QTEST_GUILESS_MAIN(TestServerEvents)
#include "tst_server_events.moc"
