// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Pushes at once: the pull cursor never skips with two onewindow-central
// processes on one PostgreSQL, and pushes that one server writes together
// (one round) are answered as if they had come one after the other.

#include "tst_server_events_support.h"

#include <ow/core/canonicaljson.h>
#include <ow/core/merkletree.h>
#include <ow/core/uuid.h>
#include <ow/test/fixtures.h>

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace ow::test::log;
using ow::cases::EventType;

namespace {

constexpr int kPushers = 6;
constexpr int kBatches = 8;
constexpr int kCasesPerBatch = 3; // two events each

struct Pusher
{
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<Device> device;
    SignedIn user;
    QUrl url;
    int batchesLeft = kBatches;
};

QNetworkRequest jsonRequest(const QUrl &url, const QByteArray &token)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(60000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + token);
    return request;
}

} // namespace

class TestServerConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void cursorNeverSkipsAcrossTwoServers();
    void pushesTogetherAnswerAsOneAfterAnother();
    void pushesGoOnAfterTheDatabaseDropsTheConnections();
};

void TestServerConcurrency::cursorNeverSkipsAcrossTwoServers()
{
    OW_REQUIRE_POSTGRES();
    Bed bed;
    QVERIFY(bed.prepare(true));
    QVERIFY(bed.startServer());
    QVERIFY(bed.startSecondServer());

    std::vector<Pusher> pushers(kPushers);
    for (int i = 0; i < kPushers; ++i) {
        Pusher &pusher = pushers[size_t(i)];
        pusher.user = bed.signIn(QStringLiteral("clerk-a"), i % 2);
        QVERIFY(!pusher.user.token.isEmpty());
        pusher.device = std::make_unique<Device>(pusher.user);
        pusher.network = std::make_unique<QNetworkAccessManager>();
        pusher.url = bed.api(QStringLiteral("events"), i % 2);
    }
    const SignedIn reader = bed.signIn(QStringLiteral("clerk-a2"), 1);
    QVERIFY(!reader.token.isEmpty());
    // One log, one key: both processes read the signing key from the shared data directory.
    const QJsonValue key0 = request("GET", bed.api(QStringLiteral("log/public-key"), 0), {}, reader.token)
                                .json.value(QStringLiteral("publicKey"));
    const QJsonValue key1 = request("GET", bed.api(QStringLiteral("log/public-key"), 1), {}, reader.token)
                                .json.value(QStringLiteral("publicKey"));
    QVERIFY(!key0.toString().isEmpty());
    QCOMPARE(key0, key1);

    QEventLoop loop;
    int activePushers = kPushers;
    int acceptedCount = 0;
    QStringList failures;

    std::function<void(Pusher &)> sendBatch = [&](Pusher &pusher) {
        QList<ow::cases::Event> batch;
        for (int c = 0; c < kCasesPerBatch; ++c) {
            const QString caseId = ow::core::Uuid::createV7String();
            batch << pusher.device->record(caseId, EventType::Created, createdPayload())
                  << pusher.device->record(caseId, EventType::Accepted);
        }
        QNetworkReply *reply = pusher.network->post(jsonRequest(pusher.url, pusher.user.token),
                                                    pushBody(pusher.user.deviceId, batch));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, &pusher = pusher]() {
            reply->deleteLater();
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200)
                failures.append(QStringLiteral("push answered %1").arg(status));
            for (const QJsonValue &result : json.value(QStringLiteral("results")).toArray()) {
                if (result.toObject().value(QStringLiteral("status")).toString() == QLatin1String("accepted"))
                    ++acceptedCount;
                else
                    failures.append(QString::fromUtf8(QJsonDocument(result.toObject()).toJson()));
            }
            if (--pusher.batchesLeft > 0 && status == 200)
                sendBatch(pusher);
            else
                --activePushers;
        });
    };

    // The reader pulls in small pages through the other server the whole time.
    QNetworkAccessManager readerNetwork;
    QList<QJsonObject> pulled;
    QString cursor;
    int pullsDuringPushes = 0;
    bool drained = false;
    std::function<void()> pullOnce = [&]() {
        QUrl url = bed.api(QStringLiteral("events"), 0);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("7"));
        if (!cursor.isEmpty())
            query.addQueryItem(QStringLiteral("after"), cursor);
        url.setQuery(query);
        const bool pushing = activePushers > 0;
        QNetworkReply *reply = readerNetwork.get(jsonRequest(url, reader.token));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, pushing]() {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            if (status != 200) {
                failures.append(QStringLiteral("pull answered %1").arg(status));
                loop.quit();
                return;
            }
            const QJsonArray events = json.value(QStringLiteral("events")).toArray();
            for (const QJsonValue &event : events)
                pulled.append(event.toObject());
            if (pushing && !events.isEmpty())
                ++pullsDuringPushes;
            cursor = json.value(QStringLiteral("next")).toString();
            if (!pushing && !json.value(QStringLiteral("hasMore")).toBool()) {
                drained = true;
                loop.quit();
                return;
            }
            pullOnce();
        });
    };

    for (Pusher &pusher : pushers)
        sendBatch(pusher);
    pullOnce();
    QTimer::singleShot(240000, &loop, &QEventLoop::quit);
    loop.exec();

    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QVERIFY(drained);
    const int total = kPushers * kBatches * kCasesPerBatch * 2;
    QCOMPARE(acceptedCount, total);
    QVERIFY2(pullsDuringPushes > 0, "the reader should have pulled while the pushes went on");

    // Every event exactly once, in server order, without a gap.
    QCOMPARE(pulled.size(), total);
    QSet<QString> ids;
    for (int i = 0; i < pulled.size(); ++i) {
        ids.insert(pulled.at(i).value(QStringLiteral("id")).toString());
        QCOMPARE(pulled.at(i).value(QStringLiteral("serverSeq")).toInteger(), qint64(i + 1));
    }
    QCOMPARE(ids.size(), total);

    // Both servers extended one history: the final head's root follows from the events in order.
    const Reply head = request("GET", bed.api(QStringLiteral("log/tree-head"), 1), {}, reader.token);
    QCOMPARE(qint64(head.json.value(QStringLiteral("size")).toDouble()), qint64(total));
    QList<QByteArray> leaves;
    for (const QJsonObject &event : pulled) {
        const QJsonObject leaf {{QStringLiteral("hash"), event.value(QStringLiteral("hash"))},
                                {QStringLiteral("serverSeq"), event.value(QStringLiteral("serverSeq"))},
                                {QStringLiteral("receivedAt"), event.value(QStringLiteral("receivedAt"))}};
        leaves.append(ow::core::MerkleTree::leafHash(*ow::core::CanonicalJson::toBytes(leaf)));
    }
    QCOMPARE(ow::core::MerkleTree::rootHash(leaves).toHex(),
             head.json.value(QStringLiteral("rootHash")).toString().toLatin1());
}

namespace {

struct Answer
{
    int status = 0;
    QJsonObject json;
    QString statusOf(int i) const
    {
        return json.value(QStringLiteral("results")).toArray().at(i)[QStringLiteral("status")].toString();
    }
    qint64 seqOf(int i) const
    {
        return json.value(QStringLiteral("results")).toArray().at(i)[QStringLiteral("serverSeq")].toInteger();
    }
};

// Sends every push at once and waits for all the answers.
QList<Answer> pushAll(QNetworkAccessManager &network, const QUrl &url,
                      const QList<std::pair<SignedIn, QByteArray>> &pushes)
{
    QList<Answer> answers(pushes.size());
    QEventLoop loop;
    qsizetype waiting = pushes.size();
    for (qsizetype i = 0; i < pushes.size(); ++i) {
        QNetworkReply *reply = network.post(jsonRequest(url, pushes.at(i).first.token), pushes.at(i).second);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, i] {
            reply->deleteLater();
            answers[i].status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answers[i].json = QJsonDocument::fromJson(reply->readAll()).object();
            if (--waiting == 0)
                loop.quit();
        });
    }
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    return answers;
}

// Empty if the log holds each of `accepted` events once, numbered 1 to `accepted`
// without a gap; otherwise what it holds.
QString eachEventOnceProblem(Bed &bed, int accepted)
{
    QSqlQuery count(bed.database());
    if (!count.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT id), MAX(server_seq) FROM server_events"))
        || !count.next())
        return QStringLiteral("the log cannot be counted");
    if (count.value(0).toInt() == accepted && count.value(1).toInt() == accepted
        && count.value(2).toInt() == accepted)
        return {};
    return QStringLiteral("%1 events accepted, the log holds %2 (%3 ids, last number %4)")
        .arg(accepted)
        .arg(count.value(0).toInt())
        .arg(count.value(1).toInt())
        .arg(count.value(2).toInt());
}

} // namespace

// Waves of pushes sent at once to one server, which writes those that wait
// together in one transaction: the same batch twice, two offices creating
// the same case, a push on a case whose stored log no longer folds, and
// ordinary pushes from other devices. Each is answered as if alone.
void TestServerConcurrency::pushesTogetherAnswerAsOneAfterAnother()
{
    OW_REQUIRE_POSTGRES();
    Bed bed;
    QVERIFY(bed.prepare(true));
    QVERIFY(bed.startServer());
    const QUrl url = bed.api(QStringLiteral("events"));
    QNetworkAccessManager network;

    Device twin(bed.signIn(QStringLiteral("clerk-a")));
    Device contenderA(bed.signIn(QStringLiteral("clerk-a2")));
    Device contenderB(bed.signIn(QStringLiteral("clerk-b")));
    Device breaker(bed.signIn(QStringLiteral("clerk-b")));
    std::vector<Device> others;
    for (int i = 0; i < 3; ++i)
        others.emplace_back(bed.signIn(QStringLiteral("clerk-a")));
    QVERIFY(!others.back().user().token.isEmpty());

    // A case whose stored events were altered behind the server's back: a push on it fails.
    const QString broken = ow::core::Uuid::createV7String();
    const QList<Answer> setup
        = pushAll(network, url,
                  {{breaker.user(),
                    pushBody(breaker.id(), {breaker.record(broken, EventType::Created, createdPayload())})}});
    QCOMPARE(setup.at(0).status, 200);
    QSqlQuery alter(bed.database());
    QVERIFY(alter.exec(
        QStringLiteral("UPDATE server_events SET event_json = '{}' WHERE case_id = '%1'").arg(broken)));

    constexpr int kWaves = 8;
    int acceptedTotal = 1;
    int answersWithAccepted = 0;
    for (int wave = 0; wave < kWaves; ++wave) {
        const QString twinCase = ow::core::Uuid::createV7String();
        const QByteArray twinBody = pushBody(twin.id(),
                                             {twin.record(twinCase, EventType::Created, createdPayload()),
                                              twin.record(twinCase, EventType::Accepted)});
        const QString contested = ow::core::Uuid::createV7String();
        const QString breakerHead = breaker.lastHash();
        QList<std::pair<SignedIn, QByteArray>> pushes {
            {twin.user(), twinBody},
            {twin.user(), twinBody},
            {contenderA.user(),
             pushBody(contenderA.id(), {contenderA.record(contested, EventType::Created, createdPayload())})},
            {contenderB.user(),
             pushBody(contenderB.id(), {contenderB.record(contested, EventType::Created, createdPayload())})},
            {breaker.user(), pushBody(breaker.id(), {breaker.record(broken, EventType::Accepted)})},
        };
        for (Device &other : others) {
            const QString caseId = ow::core::Uuid::createV7String();
            pushes.append({other.user(),
                           pushBody(other.id(),
                                    {other.record(caseId, EventType::Created, createdPayload()),
                                     other.record(caseId, EventType::Accepted),
                                     other.record(caseId, EventType::Routed, routedPayload())})});
        }
        const QList<Answer> answers = pushAll(network, url, pushes);

        // The same batch twice: each event accepted once, the other answer a duplicate of it.
        QCOMPARE(answers.at(0).status, 200);
        QCOMPARE(answers.at(1).status, 200);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(QSet<QString>({answers.at(0).statusOf(i), answers.at(1).statusOf(i)}),
                     QSet<QString>({QStringLiteral("accepted"), QStringLiteral("duplicate")}));
            QCOMPARE(answers.at(0).seqOf(i), answers.at(1).seqOf(i));
        }
        // Two offices create the same case: the first created it, the other is refused with a reason.
        QCOMPARE(answers.at(2).status, 200);
        QCOMPARE(answers.at(3).status, 200);
        QCOMPARE(QSet<QString>({answers.at(2).statusOf(0), answers.at(3).statusOf(0)}),
                 QSet<QString>({QStringLiteral("accepted"), QStringLiteral("rejected")}));
        const Answer &refused
            = answers.at(2).statusOf(0) == QLatin1String("rejected") ? answers.at(2) : answers.at(3);
        QVERIFY(!refused.json.value(QStringLiteral("results"))
                     .toArray()
                     .at(0)[QStringLiteral("reason")]
                     .toString()
                     .isEmpty());
        // The altered case fails its own push and no other.
        QCOMPARE(answers.at(4).status, 503);
        breaker.rewind(breakerHead);
        for (qsizetype i = 5; i < answers.size(); ++i) {
            QCOMPARE(answers.at(i).status, 200);
            for (int e = 0; e < 3; ++e)
                QCOMPARE(answers.at(i).statusOf(e), QStringLiteral("accepted"));
        }
        // Every answer's tree head covers the events it reports.
        for (const Answer &answer : answers) {
            if (answer.status != 200)
                continue;
            const QJsonArray results = answer.json.value(QStringLiteral("results")).toArray();
            bool accepted = false;
            for (int i = 0; i < results.size(); ++i) {
                QVERIFY(answer.json[QStringLiteral("treeHead")][QStringLiteral("size")].toInteger()
                        >= answer.seqOf(i));
                accepted = accepted || answer.statusOf(i) == QLatin1String("accepted");
            }
            answersWithAccepted += accepted ? 1 : 0;
        }
        acceptedTotal += 2 + 1 + 3 * int(others.size());
    }

    // Every accepted event once, numbered without a gap; pushes that waited went in together.
    const QString problem = eachEventOnceProblem(bed, acceptedTotal);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QSqlQuery count(bed.database());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM tree_heads WHERE size > 1")));
    QVERIFY(count.next());
    QVERIFY2(
        count.value(0).toInt() < answersWithAccepted,
        qPrintable(QStringLiteral("%1 tree heads for %2 answers with accepted events: no pushes were written "
                                  "together")
                       .arg(count.value(0).toInt())
                       .arg(answersWithAccepted)));
}

// PostgreSQL ends every connection of the server (a database restart or
// failover does the same): the pushes in flight then fail with 503 and
// nothing of them is stored; the server opens new connections (which have
// none of the old connections' prepared statements) and the same pushes sent
// again are accepted, each event once.
void TestServerConcurrency::pushesGoOnAfterTheDatabaseDropsTheConnections()
{
    OW_REQUIRE_POSTGRES();
    Bed bed;
    QVERIFY(bed.prepare(true));
    QVERIFY(bed.startServer());
    const QUrl url = bed.api(QStringLiteral("events"));
    QNetworkAccessManager network;
    // More devices than the server has threads for pushes, so that every thread's connection is used.
    std::vector<Device> devices;
    for (int i = 0; i < 12; ++i)
        devices.emplace_back(bed.signIn(i % 2 == 0 ? QStringLiteral("clerk-a") : QStringLiteral("clerk-a2")));
    QVERIFY(!devices.back().user().token.isEmpty());
    const auto wave = [&devices] {
        QList<std::pair<SignedIn, QByteArray>> pushes;
        for (Device &device : devices) {
            const QString caseId = ow::core::Uuid::createV7String();
            pushes.append({device.user(),
                           pushBody(device.id(),
                                    {device.record(caseId, EventType::Created, createdPayload()),
                                     device.record(caseId, EventType::Accepted)})});
        }
        return pushes;
    };
    int accepted = 0;
    for (const Answer &answer : pushAll(network, url, wave())) {
        QCOMPARE(answer.status, 200);
        accepted += 2;
    }

    QSqlQuery drop(bed.database());
    QVERIFY(drop.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                     " WHERE datname = current_database() AND pid <> pg_backend_pid()")));
    QVERIFY(drop.next());

    // Each push sent again (as the sync engine does) until it is answered.
    QList<std::pair<SignedIn, QByteArray>> unanswered = wave();
    int failed = 0;
    for (int attempt = 0; attempt < 12 && !unanswered.isEmpty(); ++attempt) {
        const QList<Answer> answers = pushAll(network, url, unanswered);
        QList<std::pair<SignedIn, QByteArray>> again;
        for (qsizetype i = 0; i < answers.size(); ++i) {
            if (answers.at(i).status == 200) {
                QCOMPARE(answers.at(i).statusOf(0), QStringLiteral("accepted"));
                QCOMPARE(answers.at(i).statusOf(1), QStringLiteral("accepted"));
                accepted += 2;
            } else {
                QCOMPARE(answers.at(i).status, 503);
                ++failed;
                again.append(unanswered.at(i));
            }
        }
        unanswered = again;
    }
    QVERIFY2(unanswered.isEmpty(), "pushes still fail after the server's connections were opened afresh");
    QVERIFY2(failed > 0, "no push noticed the dropped connections");
    // And every push after those keeps working on the new connections.
    for (int round = 0; round < 3; ++round) {
        for (const Answer &answer : pushAll(network, url, wave())) {
            QCOMPARE(answer.status, 200);
            accepted += 2;
        }
    }

    const QString problem = eachEventOnceProblem(bed, accepted);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestServerConcurrency)
#include "tst_server_concurrency.moc"
