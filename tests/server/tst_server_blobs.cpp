// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Attachments through onewindow-central as a workstation uploads them: whole,
// or in chunks over a slow link that breaks and resumes.

#include "tst_server_events_support.h"

#include <ow/core/hash.h>
#include <ow/core/uuid.h>

#include <QRandomGenerator>
#include <QTest>

using namespace ow::test::log;
using ow::cases::EventType;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator {quint32(size)};
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.generate() & 0xff);
    return bytes;
}

QString sha256(const QByteArray &bytes)
{
    return ow::core::Hasher::hashHex(bytes, ow::core::HashAlgorithm::Sha256);
}

QList<QPair<QByteArray, QByteArray>> range(qint64 start, qint64 end, qint64 total)
{
    return {{QByteArrayLiteral("Content-Range"),
             QByteArrayLiteral("bytes ") + QByteArray::number(start) + '-' + QByteArray::number(end) + '/'
                 + QByteArray::number(total)}};
}

} // namespace

class TestServerBlobs : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_bed = std::make_unique<Bed>(); }
    void cleanup() { m_bed.reset(); }

    void wholeUploadIsIdempotent_data() { addBackendRows(); }
    void wholeUploadIsIdempotent();
    void chunkedUploadResumes_data() { addBackendRows(); }
    void chunkedUploadResumes();
    void wrongContentIsDiscarded_data() { addBackendRows(); }
    void wrongContentIsDiscarded();
    void limitsAreEnforced_data() { addBackendRows(); }
    void limitsAreEnforced();
    void onlyOfficesWithTheCaseMayRead_data() { addBackendRows(); }
    void onlyOfficesWithTheCaseMayRead();

private:
    bool startBed();
    QUrl blob(const QString &hash) const { return m_bed->api(QStringLiteral("blobs/") + hash); }
    Reply put(const SignedIn &user, const QString &hash, const QByteArray &content,
              const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return request("PUT", blob(hash), content, user.token, headers,
                       QByteArrayLiteral("application/octet-stream"));
    }

    std::unique_ptr<Bed> m_bed;
};

bool TestServerBlobs::startBed()
{
    QFETCH(bool, postgres);
    return m_bed->prepare(postgres) && m_bed->startServer();
}

void TestServerBlobs::wholeUploadIsIdempotent()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const QByteArray content = randomBytes(300 * 1024);
    const QString hash = sha256(content);

    QCOMPARE(request("HEAD", blob(hash), {}, clerk.token).status, 404);
    const Reply first = put(clerk, hash, content);
    QCOMPARE(first.status, 201);
    QCOMPARE(request("HEAD", blob(hash), {}, clerk.token).status, 200);
    const Reply again = put(clerk, hash, content);
    QCOMPARE(again.status, 200);
    const Reply read = request("GET", blob(hash), {}, clerk.token);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, content);
    QCOMPARE(request("GET", blob(hash)).status, 401);
    QCOMPARE(put(clerk, QStringLiteral("ABC"), content).status, 400);
}

void TestServerBlobs::chunkedUploadResumes()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const qint64 chunk = 1024 * 1024;
    const QByteArray content = randomBytes(2 * chunk + 12345);
    const QString hash = sha256(content);
    const qint64 total = content.size();

    // The first chunk arrives; then the link breaks.
    const Reply first = put(clerk, hash, content.left(chunk), range(0, chunk - 1, total));
    QCOMPARE(first.status, 202);
    QCOMPARE(first.headers.value("upload-offset"), QByteArray::number(chunk));

    // Later the workstation asks where to go on.
    const Reply head = request("HEAD", blob(hash), {}, clerk.token);
    QCOMPARE(head.status, 404);
    QCOMPARE(head.headers.value("upload-offset"), QByteArray::number(chunk));

    // A chunk from the wrong place is refused with the offset to use.
    const Reply wrong = put(clerk, hash, content.mid(2 * chunk), range(2 * chunk, total - 1, total));
    QCOMPARE(wrong.status, 409);
    QCOMPARE(wrong.errorCode(), QStringLiteral("upload_offset_mismatch"));
    QCOMPARE(wrong.headers.value("upload-offset"), QByteArray::number(chunk));
    // The first chunk once more (a retry after a lost answer) is refused the same way.
    QCOMPARE(put(clerk, hash, content.left(chunk), range(0, chunk - 1, total)).status, 409);

    QCOMPARE(put(clerk, hash, content.mid(chunk, chunk), range(chunk, 2 * chunk - 1, total)).status, 202);
    const Reply last = put(clerk, hash, content.mid(2 * chunk), range(2 * chunk, total - 1, total));
    QCOMPARE(last.status, 201);
    QCOMPARE(request("HEAD", blob(hash), {}, clerk.token).status, 200);
    QCOMPARE(request("GET", blob(hash), {}, clerk.token).body, content);
    // Once whole, any further chunk is simply "already stored".
    QCOMPARE(put(clerk, hash, content.left(chunk), range(0, chunk - 1, total)).status, 200);
}

void TestServerBlobs::wrongContentIsDiscarded()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const QByteArray content = randomBytes(5000);
    const QString hash = sha256(content);
    QByteArray other = content;
    other[10] = char(other[10] ^ 1);

    const Reply whole = put(clerk, hash, other);
    QCOMPARE(whole.status, 422);
    QCOMPARE(whole.errorCode(), QStringLiteral("hash_mismatch"));
    QCOMPARE(request("HEAD", blob(hash), {}, clerk.token).status, 404);

    QCOMPARE(put(clerk, hash, other.left(3000), range(0, 2999, 5000)).status, 202);
    const Reply chunked = put(clerk, hash, other.mid(3000), range(3000, 4999, 5000));
    QCOMPARE(chunked.status, 422);
    QCOMPARE(chunked.errorCode(), QStringLiteral("hash_mismatch"));
    // Discarded: the next attempt starts from zero, and the right content goes in.
    const Reply head = request("HEAD", blob(hash), {}, clerk.token);
    QCOMPARE(head.status, 404);
    QVERIFY(head.headers.value("upload-offset").isEmpty());
    QCOMPARE(put(clerk, hash, content.left(3000), range(0, 2999, 5000)).status, 202);
    QCOMPARE(put(clerk, hash, content.mid(3000), range(3000, 4999, 5000)).status, 201);
}

void TestServerBlobs::limitsAreEnforced()
{
    QVERIFY(startBed());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const QByteArray tooBig(20 * 1024 * 1024 + 1, 'x');
    const Reply whole = put(clerk, sha256(tooBig), tooBig);
    QCOMPARE(whole.status, 413);
    QCOMPARE(whole.errorCode(), QStringLiteral("body_too_large"));

    const QByteArray bigChunk(1024 * 1024 + 1, 'y');
    QCOMPARE(put(clerk, sha256(bigChunk), bigChunk, range(0, bigChunk.size() - 1, 3 * 1024 * 1024)).status,
             413);
    const QByteArray small(100, 'z');
    QCOMPARE(put(clerk, sha256(small), small, range(0, 99, 21 * 1024 * 1024)).status, 413);
    QCOMPARE(put(clerk, sha256(small), small,
                 {{QByteArrayLiteral("Content-Range"), QByteArrayLiteral("bytes 0-99")}})
                 .status,
             400);
    QCOMPARE(put(clerk, sha256(small), small, range(0, 199, 300)).status, 400);
    QCOMPARE(request("HEAD", blob(sha256(small)), {}, clerk.token).status, 404);
}

void TestServerBlobs::onlyOfficesWithTheCaseMayRead()
{
    QVERIFY(startBed());
    const SignedIn clerkA = m_bed->signIn(QStringLiteral("clerk-a"));
    const SignedIn clerkB = m_bed->signIn(QStringLiteral("clerk-b"));
    const SignedIn reviewer = m_bed->signIn(QStringLiteral("reviewer-c"));
    const QByteArray content = randomBytes(2048);
    const QString hash = sha256(content);
    QCOMPARE(put(clerkA, hash, content).status, 201);

    // Cited by a case of office A, routed to the county.
    Device device(clerkA);
    const QString caseId = ow::core::Uuid::createV7String();
    const QJsonArray attachments {QJsonObject {{QStringLiteral("sha256"), hash}}};
    const Reply pushed
        = request("POST", m_bed->api(QStringLiteral("events")),
                  pushBody(clerkA.deviceId,
                           {device.record(caseId, EventType::Created, createdPayload(attachments)),
                            device.record(caseId, EventType::Accepted)}),
                  clerkA.token);
    QCOMPARE(pushed.json.value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("accepted"));

    QCOMPARE(request("GET", blob(hash), {}, clerkA.token).status, 200);
    const Reply refused = request("GET", blob(hash), {}, clerkB.token);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(request("GET", blob(hash), {}, reviewer.token).status, 403);

    request("POST", m_bed->api(QStringLiteral("events")),
            pushBody(clerkA.deviceId, {device.record(caseId, EventType::Routed, routedPayload())}),
            clerkA.token);
    const Reply county = request("GET", blob(hash), {}, reviewer.token);
    QCOMPARE(county.status, 200);
    QCOMPARE(county.body, content);
    QCOMPARE(request("GET", blob(QString(64, QLatin1Char('b'))), {}, clerkA.token).status, 404);
}

QTEST_GUILESS_MAIN(TestServerBlobs)
#include "tst_server_blobs.moc"
