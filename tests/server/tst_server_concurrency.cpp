// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The pull cursor never skips: two onewindow-central processes on one
// PostgreSQL, several workstations pushing through both at once, and one
// pulling all the while. At the end the puller holds every event exactly once.

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

QTEST_GUILESS_MAIN(TestServerConcurrency)
#include "tst_server_concurrency.moc"
