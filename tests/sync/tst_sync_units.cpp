// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The parts of sync that need no server: the retry schedule, the checks on
// the server's signed tree heads, the engine's history bookkeeping on a real
// store, and how the engine reports a server it cannot reach.

#include <ow/core/merkletree.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/syncstaterepository.h>
#include <ow/sync/backoff.h>
#include <ow/sync/syncengine.h>
#include <ow/sync/treehead.h>
#include <ow/test/tempdatadir.h>

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <sodium.h>

using namespace ow::sync;

namespace {

struct KeyPair
{
    QByteArray publicKey;
    QByteArray secretKey;
};

KeyPair newKeyPair()
{
    KeyPair pair {QByteArray(crypto_sign_PUBLICKEYBYTES, '\0'), QByteArray(crypto_sign_SECRETKEYBYTES, '\0')};
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(pair.publicKey.data()),
                        reinterpret_cast<unsigned char *>(pair.secretKey.data()));
    return pair;
}

TreeHead signedHead(const QList<QByteArray> &leaves, const KeyPair &key, const QString &timestamp)
{
    TreeHead head;
    head.size = leaves.size();
    head.rootHash = QString::fromLatin1(ow::core::MerkleTree::rootHash(leaves).toHex());
    head.timestamp = timestamp;
    const QByteArray message = head.signedMessage();
    QByteArray signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         quint64(message.size()),
                         reinterpret_cast<const unsigned char *>(key.secretKey.constData()));
    head.signature = QString::fromLatin1(signature.toBase64());
    return head;
}

QList<QByteArray> leaves(int count, const QByteArray &salt = {})
{
    QList<QByteArray> hashes;
    for (int i = 0; i < count; ++i)
        hashes.append(ow::core::MerkleTree::leafHash(QByteArray(salt + QByteArray::number(i))));
    return hashes;
}

QStringList proofHex(const QList<QByteArray> &all, quint64 first, quint64 second)
{
    QStringList hex;
    const auto proof
        = ow::core::MerkleTree::consistencyProof(first, second, ow::core::MerkleTree::fromLeaves(all));
    for (const QByteArray &hash : proof.value_or(QList<QByteArray>()))
        hex.append(QString::fromLatin1(hash.toHex()));
    return hex;
}

} // namespace

class TstSyncUnits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void backoffSchedule_data();
    void backoffSchedule();
    void backoffJitterBounds();
    void treeHeadSignature();
    void treeHeadFromJson();
    void consistentHeadsAccepted();
    void rewrittenHistoryDetected();
    void unreachableServerIsRecordedAndRetried();
    void missingTokenAsksForSignIn();

private:
    QString createStore(const QString &path, const QByteArray &key);
};

void TstSyncUnits::initTestCase()
{
    QVERIFY(sodium_init() >= 0);
}

void TstSyncUnits::backoffSchedule_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("ceiling");
    QTest::newRow("none") << 0 << qint64(0);
    QTest::newRow("first") << 1 << qint64(15'000);
    QTest::newRow("second") << 2 << qint64(30'000);
    QTest::newRow("third") << 3 << qint64(60'000);
    QTest::newRow("seventh") << 7 << qint64(960'000);
    QTest::newRow("capped") << 8 << qint64(1'800'000);
    QTest::newRow("many") << 1000 << qint64(1'800'000);
}

void TstSyncUnits::backoffSchedule()
{
    QFETCH(int, failures);
    QFETCH(qint64, ceiling);
    const Backoff backoff; // 15 s doubling up to 30 min
    QCOMPARE(backoff.ceilingMs(failures), ceiling);
    QCOMPARE(backoff.delayMs(failures, 0.0), ceiling / 2);
    QCOMPARE(backoff.delayMs(failures, 0.999999), ceiling - 1 > 0 ? ceiling - 1 : 0);
}

void TstSyncUnits::backoffJitterBounds()
{
    const Backoff backoff(1000, 64'000);
    for (int failures = 1; failures <= 10; ++failures) {
        qint64 low = std::numeric_limits<qint64>::max();
        qint64 high = 0;
        for (int i = 0; i < 500; ++i) {
            const qint64 delay = backoff.delayMs(failures);
            QVERIFY(delay >= backoff.ceilingMs(failures) / 2);
            QVERIFY(delay <= backoff.ceilingMs(failures));
            low = std::min(low, delay);
            high = std::max(high, delay);
        }
        // Spread out, so offices that failed together do not retry together.
        QVERIFY2(high - low > backoff.ceilingMs(failures) / 4, qPrintable(QString::number(failures)));
    }
}

void TstSyncUnits::treeHeadSignature()
{
    const KeyPair key = newKeyPair();
    const QString publicKey = QString::fromLatin1(key.publicKey.toBase64());
    const TreeHead head = signedHead(leaves(5), key, QStringLiteral("2026-11-30T08:00:00Z"));
    QCOMPARE(head.signedMessage(),
             QByteArray("onewindow-tree-head-v1\n5\n") + head.rootHash.toLatin1() + "\n2026-11-30T08:00:00Z");
    QString error;
    QVERIFY2(TreeHeadVerifier::verifySignature(head, publicKey, &error), qPrintable(error));

    TreeHead forged = head;
    forged.size = 6;
    QVERIFY(!TreeHeadVerifier::verifySignature(forged, publicKey, &error));
    QVERIFY(error.contains(QLatin1String("signature")));
    forged = head;
    forged.timestamp = QStringLiteral("2026-11-30T08:00:01Z");
    QVERIFY(!TreeHeadVerifier::verifySignature(forged, publicKey, &error));
    // Another server's key.
    QVERIFY(!TreeHeadVerifier::verifySignature(head, QString::fromLatin1(newKeyPair().publicKey.toBase64()),
                                               &error));
    QVERIFY(!TreeHeadVerifier::verifySignature(head, QStringLiteral("bm90IGEga2V5"), &error));
    QVERIFY(error.contains(QLatin1String("Ed25519")));
}

void TstSyncUnits::treeHeadFromJson()
{
    const KeyPair key = newKeyPair();
    const TreeHead head = signedHead(leaves(3), key, QStringLiteral("2026-11-30T08:00:00Z"));
    QString error;
    const auto parsed = TreeHead::fromJson(head.toJson(), &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QVERIFY(*parsed == head);
    QJsonObject bad = head.toJson();
    bad.insert(QStringLiteral("rootHash"), QStringLiteral("ABC"));
    QVERIFY(!TreeHead::fromJson(bad, &error));
    bad = head.toJson();
    bad.insert(QStringLiteral("size"), -1);
    QVERIFY(!TreeHead::fromJson(bad, &error));
    bad = head.toJson();
    bad.remove(QStringLiteral("signature"));
    QVERIFY(!TreeHead::fromJson(bad, &error));
    QCOMPARE(TreeHead::fromRecord(head.toRecord()), head);
}

void TstSyncUnits::consistentHeadsAccepted()
{
    const KeyPair key = newKeyPair();
    const QList<QByteArray> all = leaves(13);
    QString error;
    for (int first : {1, 2, 3, 4, 7, 8, 12}) {
        for (int second : {first, first + 1, 13}) {
            if (second > 13)
                continue;
            const TreeHead last = signedHead(all.mid(0, first), key, QStringLiteral("2026-11-30T08:00:00Z"));
            const TreeHead next = signedHead(all.mid(0, second), key, QStringLiteral("2026-11-30T09:00:00Z"));
            QVERIFY2(TreeHeadVerifier::verifyConsistency(last, next, proofHex(all, first, second), &error),
                     qPrintable(QStringLiteral("%1 → %2: %3").arg(first).arg(second).arg(error)));
        }
    }
}

void TstSyncUnits::rewrittenHistoryDetected()
{
    const KeyPair key = newKeyPair();
    const QList<QByteArray> original = leaves(10);
    QList<QByteArray> rewritten = original;
    rewritten[3] = ow::core::MerkleTree::leafHash("a changed event");
    rewritten.append(leaves(3, "later"));
    const TreeHead last = signedHead(original.mid(0, 8), key, QStringLiteral("2026-11-30T08:00:00Z"));
    const TreeHead next = signedHead(rewritten, key, QStringLiteral("2026-11-30T09:00:00Z"));
    QString error;
    // The server's proof for its rewritten tree does not lead back to the head verified before.
    QVERIFY(!TreeHeadVerifier::verifyConsistency(last, next, proofHex(rewritten, 8, 13), &error));
    QVERIFY(error.contains(QLatin1String("does not extend")));
    // Nor does an honest proof for a tree that only shares the size.
    QVERIFY(!TreeHeadVerifier::verifyConsistency(last, next, proofHex(original, 8, 10), &error));
    // A smaller tree, or the same size with another root.
    const TreeHead smaller = signedHead(original.mid(0, 5), key, QStringLiteral("2026-11-30T09:00:00Z"));
    QVERIFY(!TreeHeadVerifier::verifyConsistency(last, smaller, {}, &error));
    QVERIFY(error.contains(QLatin1String("shrank or changed")));
    const TreeHead sameSize = signedHead(rewritten.mid(0, 8), key, QStringLiteral("2026-11-30T09:00:00Z"));
    QVERIFY(!TreeHeadVerifier::verifyConsistency(last, sameSize, {}, &error));
    QVERIFY(!TreeHeadVerifier::verifyConsistency(last, next, {QStringLiteral("zz")}, &error));
}

QString TstSyncUnits::createStore(const QString &path, const QByteArray &key)
{
    auto opened = ow::storage::Database::open(path, key, QStringLiteral("create"),
                                              ow::storage::Database::Mode::CreateNew);
    QString message = opened.message;
    if (opened.ok())
        ow::storage::Migrations::migrate(opened.db, &message);
    opened.db = QSqlDatabase();
    ow::storage::Database::close(QStringLiteral("create"));
    return message;
}

// No server listens: the run fails, is written to the history, and the
// engine waits (with backoff) to try again.
void TstSyncUnits::unreachableServerIsRecordedAndRetried()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key(ow::storage::Database::KeySize, '\x42');
    QCOMPARE(createStore(path, key), QString());

    // A port nobody listens on.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    SyncOptions options;
    options.backoff = Backoff(60'000, 120'000);
    options.requestTimeoutMs = 5000;
    SyncEngine engine(databaseFileConnection(path, key), options);
    engine.setSession({QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)),
                       QStringLiteral("token"),
                       QStringLiteral("0193a6b4-1d00-7000-8000-00000000a001"),
                       {}});
    QSignalSpy finished(&engine, &SyncEngine::runFinished);
    engine.start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Failed);
    QVERIFY(result.apiError.isNetwork());
    QVERIFY2(result.error.contains(QLatin1String("cannot be reached")), qPrintable(result.error));
    QTRY_COMPARE(engine.state(), SyncEngine::State::WaitingToRetry);
    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(engine.nextRunAt());
    QVERIFY2(wait > 25'000 && wait <= 60'000, qPrintable(QString::number(wait)));
    engine.stop();
    QTRY_COMPARE(engine.state(), SyncEngine::State::Stopped);

    auto opened = ow::storage::Database::open(path, key, QStringLiteral("check"),
                                              ow::storage::Database::Mode::OpenExisting);
    QVERIFY(opened.ok());
    {
        ow::storage::SyncStateRepository state(opened.db);
        const auto runs = state.syncRuns();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().outcome, ow::storage::SyncRunRecord::Outcome::Failed);
        QCOMPARE(runs.first().error, result.error);
        QVERIFY(runs.first().finishedAt.isValid());
    }
    opened.db = QSqlDatabase();
    ow::storage::Database::close(QStringLiteral("check"));
}

void TstSyncUnits::missingTokenAsksForSignIn()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key(ow::storage::Database::KeySize, '\x43');
    QCOMPARE(createStore(path, key), QString());
    auto opened = ow::storage::Database::open(path, key, QStringLiteral("once"),
                                              ow::storage::Database::Mode::OpenExisting);
    QVERIFY(opened.ok());
    const SyncResult result = SyncEngine::runOnce(
        opened.db, {QUrl(QStringLiteral("http://127.0.0.1:1/")), QString(), QString(), {}});
    QCOMPARE(result.outcome, SyncResult::Outcome::AuthenticationRequired);
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(ow::storage::SyncStateRepository(opened.db).syncRuns().size(), 1);
    opened.db = QSqlDatabase();
    ow::storage::Database::close(QStringLiteral("once"));
}

QTEST_GUILESS_MAIN(TstSyncUnits)
#include "tst_sync_units.moc"
