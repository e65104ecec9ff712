// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The parts of sync that need no server: the retry schedule, the checks on
// the server's signed tree heads, the engine's history bookkeeping on a real
// store, and how the engine reports a server it cannot reach.

#include <ow/cases/casenumber.h>
#include <ow/cases/event.h>
#include <ow/core/merkletree.h>
#include <ow/core/uuid.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/syncstaterepository.h>
#include <ow/sync/backoff.h>
#include <ow/sync/certificatesync.h>
#include <ow/sync/syncengine.h>
#include <ow/sync/treehead.h>
#include <ow/test/tempdatadir.h>

#include <QCryptographicHash>
#include <QJsonArray>
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
    void pulledPageStoresVerificationCodes();
    void unreadablePulledPageStoresNothing();
    void stockAnswerParsed();

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

namespace {

// A county's case decided and its certificate produced for a village office,
// as GET /events delivers it: sealed events with serverSeq and receivedAt,
// the certificate-produced one with the code the server signed.
QJsonArray certifiedCaseEnvelopes(const QString &certificateId, const QString &code)
{
    using ow::cases::Event;
    using ow::cases::EventType;
    using ow::cases::Role;
    const QString caseId = ow::core::Uuid::createV7String();
    const QString market = QStringLiteral("市场监管局");
    const ow::cases::Actor clerk {QStringLiteral("clerk-07"), QStringLiteral("330100"),
                                  QStringLiteral("0193a6b4-1d00-7000-8000-00000000c001"), Role::Clerk};
    ow::cases::Actor reviewer = clerk;
    reviewer.userId = QStringLiteral("reviewer-li");
    reviewer.role = Role::Reviewer;
    const QJsonObject created {
        {QStringLiteral("caseNumber"),
         ow::cases::CaseNumber::make(QStringLiteral("330100"), QDate(2026, 11, 20), QStringLiteral("D07"), 1)
             ->toString()},
        {QStringLiteral("items"),
         QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("SC-1")},
                                  {QStringLiteral("department"), market},
                                  {QStringLiteral("promisedDays"), 5},
                                  {QStringLiteral("producesCertificate"), true}}}}};
    const QJsonObject routed {
        {QStringLiteral("lead"), market},
        {QStringLiteral("tasks"),
         QJsonArray {QJsonObject {{QStringLiteral("department"), market},
                                  {QStringLiteral("items"), QJsonArray {QStringLiteral("SC-1")}}}}}};
    const QList<std::tuple<EventType, ow::cases::Actor, QJsonObject>> script {
        {EventType::Created, clerk, created},
        {EventType::Accepted, clerk, {}},
        {EventType::Routed, clerk, routed},
        {EventType::Opinion,
         reviewer,
         {{QStringLiteral("department"), market}, {QStringLiteral("decision"), QStringLiteral("approve")}}},
        {EventType::Approved, reviewer, {}},
        {EventType::CertificateProduced,
         reviewer,
         {{QStringLiteral("certificateId"), certificateId},
          {QStringLiteral("number"), QStringLiteral("JY13301000001")},
          {QStringLiteral("holder"), QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")}}},
          {QStringLiteral("printOffice"), QStringLiteral("330102001")}}},
    };
    QJsonArray envelopes;
    QString previous;
    const QDateTime start(QDate(2026, 11, 20), QTime(1, 0), Qt::UTC);
    for (qsizetype i = 0; i < script.size(); ++i) {
        const auto &[type, actor, payload] = script.at(i);
        Event event = Event::make(caseId, type, actor, payload, start.addSecs(60 * i));
        if (!event.seal(previous))
            return {};
        previous = event.hash;
        QJsonObject envelope = event.toJson();
        envelope.insert(QStringLiteral("serverSeq"), 100 + i);
        envelope.insert(QStringLiteral("receivedAt"), Event::formatTime(start.addSecs(60 * i + 5)));
        if (type == EventType::CertificateProduced)
            envelope.insert(QStringLiteral("verificationCode"), code);
        envelopes.append(envelope);
    }
    return envelopes;
}

} // namespace

// A pull page carrying the server's verification code: the certificate is in
// the village's print queue, signed, and the events are stored as hashed.
void TstSyncUnits::pulledPageStoresVerificationCodes()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key(ow::storage::Database::KeySize, '\x44');
    QCOMPARE(createStore(path, key), QString());
    auto opened = ow::storage::Database::open(path, key, QStringLiteral("page"),
                                              ow::storage::Database::Mode::OpenExisting);
    QVERIFY(opened.ok());
    {
        const QString code = QStringLiteral("OW1:ZS-2026-000001.c2lnbmF0dXJl");
        const QJsonArray envelopes = certifiedCaseEnvelopes(QStringLiteral("ZS-2026-000001"), code);
        QCOMPARE(envelopes.size(), 6);
        QCOMPARE(verificationCodes(envelopes).value(QStringLiteral("ZS-2026-000001")), code);

        int inserted = 0;
        QString error;
        const QJsonObject page {{QStringLiteral("events"), envelopes}, {QStringLiteral("hasMore"), false}};
        QVERIFY2(storePulledPage(opened.db, QStringLiteral("0193a6b4-1d00-7000-8000-00000000b001"), page,
                                 &inserted, &error),
                 qPrintable(error));
        QCOMPARE(inserted, 6);
        ow::storage::CertificateRepository certificates(opened.db);
        const QList<ow::storage::CertificateRow> queue
            = certificates.printQueue({QStringLiteral("330102001")});
        QCOMPARE(queue.size(), 1);
        QCOMPARE(queue.first().certificateId, QStringLiteral("ZS-2026-000001"));
        QCOMPARE(queue.first().verificationCode, code);
        QVERIFY(queue.first().isSigned());
        QCOMPARE(queue.first().holderName, QStringLiteral("王五"));

        // The events are kept as the server hashed them, without the code.
        ow::storage::CaseJournal journal(
            opened.db, {QStringLiteral("0193a6b4-1d00-7000-8000-00000000b001"), QStringLiteral("330102001")});
        const QList<ow::cases::Event> events = journal.events(queue.first().caseId);
        QCOMPARE(events.size(), 6);
        for (const ow::cases::Event &event : events)
            QVERIFY(event.hasValidHash());
        QCOMPARE(journal.state(queue.first().caseId).status, ow::cases::CaseStatus::CertificateReady);

        // The same page again: nothing new, the code stays.
        QVERIFY2(storePulledPage(opened.db, QStringLiteral("0193a6b4-1d00-7000-8000-00000000b001"), page,
                                 &inserted, &error),
                 qPrintable(error));
        QCOMPARE(inserted, 0);
        QCOMPARE(certificates.find(QStringLiteral("ZS-2026-000001"))->verificationCode, code);
        // A code for a certificate this store does not hold is no error.
        QVERIFY(storeVerificationCodes(opened.db, {{QStringLiteral("ZS-2026-999999"), code}}, &error));
    }
    opened.db = QSqlDatabase();
    ow::storage::Database::close(QStringLiteral("page"));
}

void TstSyncUnits::unreadablePulledPageStoresNothing()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key(ow::storage::Database::KeySize, '\x45');
    QCOMPARE(createStore(path, key), QString());
    auto opened = ow::storage::Database::open(path, key, QStringLiteral("bad"),
                                              ow::storage::Database::Mode::OpenExisting);
    QVERIFY(opened.ok());
    {
        QJsonArray envelopes
            = certifiedCaseEnvelopes(QStringLiteral("ZS-2026-000001"), QStringLiteral("OW1:x"));
        QJsonObject last = envelopes.last().toObject();
        last.insert(QStringLiteral("surprise"), true);
        envelopes.replace(envelopes.size() - 1, last);
        int inserted = -1;
        QString error;
        QVERIFY(!storePulledPage(opened.db, QStringLiteral("0193a6b4-1d00-7000-8000-00000000b001"),
                                 {{QStringLiteral("events"), envelopes}}, &inserted, &error));
        QVERIFY2(error.contains(QLatin1String("surprise")), qPrintable(error));
        QCOMPARE(inserted, 0);
        ow::storage::CertificateRepository certificates(opened.db);
        QVERIFY(!certificates.find(QStringLiteral("ZS-2026-000001")).has_value());
        QVERIFY(certificates.lastError().isEmpty());
    }
    opened.db = QSqlDatabase();
    ow::storage::Database::close(QStringLiteral("bad"));
}

void TstSyncUnits::stockAnswerParsed()
{
    QString error;
    const QJsonObject json {
        {QStringLiteral("ranges"),
         QJsonArray {
             QJsonObject {{QStringLiteral("rangeId"), QStringLiteral("0193a6b4-1d00-7000-8000-0000000000aa")},
                          {QStringLiteral("office"), QStringLiteral("330102001")},
                          {QStringLiteral("certificateType"), QStringLiteral("food-business-licence")},
                          {QStringLiteral("prefix"), QStringLiteral("SC")},
                          {QStringLiteral("first"), 451},
                          {QStringLiteral("last"), 460},
                          {QStringLiteral("width"), 7},
                          {QStringLiteral("issuedAt"), QStringLiteral("2026-11-30T08:00:00.000Z")}}}},
        {QStringLiteral("used"), QJsonArray {QStringLiteral("SC0000452")}},
        {QStringLiteral("voided"), QJsonArray {QStringLiteral("SC0000455")}}};
    const auto answer = parseStockAnswer(json, &error);
    QVERIFY2(answer.has_value(), qPrintable(error));
    QCOMPARE(answer->ranges.size(), 1);
    QCOMPARE(answer->ranges.first().serial(451), QStringLiteral("SC0000451"));
    QVERIFY(answer->ranges.first().contains(QStringLiteral("SC0000460")));
    QVERIFY(!answer->ranges.first().contains(QStringLiteral("SC0000461")));
    QCOMPARE(answer->ranges.first().issuedAt, QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC));
    QCOMPARE(answer->offices(), QStringList {QStringLiteral("330102001")});
    QCOMPARE(answer->used, QStringList {QStringLiteral("SC0000452")});
    QCOMPARE(answer->voided, QStringList {QStringLiteral("SC0000455")});

    QVERIFY(!parseStockAnswer({{QStringLiteral("error"), QStringLiteral("x")}}, &error));
    QVERIFY(!error.isEmpty());
    QJsonObject backwards = json;
    QJsonObject range = json.value(QStringLiteral("ranges")).toArray().first().toObject();
    range.insert(QStringLiteral("last"), 400);
    backwards.insert(QStringLiteral("ranges"), QJsonArray {range});
    QVERIFY(!parseStockAnswer(backwards, &error));
}

QTEST_GUILESS_MAIN(TstSyncUnits)
#include "tst_sync_units.moc"
