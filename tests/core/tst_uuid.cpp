// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/uuid.h>

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>
#include <vector>

using ow::core::Uuid;
using ow::core::UuidV7Generator;

class tst_Uuid : public QObject
{
    Q_OBJECT

private slots:
    void layout();
    void stringForm();
    void timestamp_data();
    void timestamp();
    void notV7();
    void sortsByCreation();
    void sameMillisecondCounts();
    void counterOverflowAdvancesTime();
    void clockGoingBackStaysMonotonic();
    void unique();
    void threads();
};

void tst_Uuid::layout()
{
    const QUuid id = Uuid::createV7();
    QVERIFY(!id.isNull());
    QCOMPARE(id.variant(), QUuid::DCE);
    QVERIFY(Uuid::isV7(id));
    const QByteArray bytes = id.toRfc4122();
    QCOMPARE(quint8(bytes[6]) >> 4, 7);
    QCOMPARE(quint8(bytes[8]) >> 6, 2);
}

void tst_Uuid::stringForm()
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    const QString text = Uuid::createV7String();
    QVERIFY2(pattern.match(text).hasMatch(), qPrintable(text));
    QCOMPARE(Uuid::toString(QUuid::fromString(text)), text);
}

void tst_Uuid::timestamp_data()
{
    QTest::addColumn<QString>("uuid");
    QTest::addColumn<qint64>("ms");

    // RFC 9562 appendix A.6: Tuesday, February 22, 2022 2:22:22.00 PM GMT-05:00.
    QTest::newRow("RFC 9562 example")
        << QStringLiteral("017f22e2-79b0-7cc3-98c4-dc0c0c07398f") << qint64(0x017F22E279B0);
    QTest::newRow("epoch") << QStringLiteral("00000000-0000-7000-8000-000000000000") << qint64(0);
    QTest::newRow("largest") << QStringLiteral("ffffffff-ffff-7fff-bfff-ffffffffffff")
                             << qint64(0xFFFFFFFFFFFF);
}

void tst_Uuid::timestamp()
{
    QFETCH(QString, uuid);
    QFETCH(qint64, ms);
    const QUuid id = QUuid::fromString(uuid);
    QVERIFY(Uuid::isV7(id));
    QCOMPARE(Uuid::timestampMs(id), std::optional<qint64>(ms));
    QCOMPARE(Uuid::timestamp(id), QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

void tst_Uuid::notV7()
{
    const QUuid v4 = QUuid::createUuid();
    QVERIFY(!Uuid::isV7(v4));
    QVERIFY(!Uuid::timestampMs(v4));
    QVERIFY(!Uuid::timestamp(v4).isValid());
    QVERIFY(!Uuid::isV7(QUuid()));

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QUuid id = Uuid::createV7();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const qint64 ms = Uuid::timestampMs(id).value_or(-1);
    // The process-wide generator may run ahead by a millisecond after many ids.
    QVERIFY(ms >= before - 1 && ms <= after + 1);
}

void tst_Uuid::sortsByCreation()
{
    std::vector<QUuid> ids;
    QStringList texts;
    for (int i = 0; i < 5000; ++i) {
        ids.push_back(Uuid::createV7());
        texts.append(Uuid::toString(ids.back()));
    }
    for (std::size_t i = 1; i < ids.size(); ++i)
        QVERIFY(ids[i - 1] < ids[i]);
    // Stored ids are text; they must sort the same way.
    QStringList sorted = texts;
    sorted.sort();
    QCOMPARE(sorted, texts);
}

void tst_Uuid::sameMillisecondCounts()
{
    UuidV7Generator generator;
    const qint64 now = 1'700'000'000'000;
    QUuid previous = generator.next(now);
    for (int i = 0; i < 2000; ++i) {
        const QUuid next = generator.next(now);
        QVERIFY(previous < next);
        QCOMPARE(Uuid::timestampMs(next), std::optional<qint64>(now));
        QCOMPARE(next.data3, quint16(previous.data3 + 1));
        previous = next;
    }
}

void tst_Uuid::counterOverflowAdvancesTime()
{
    UuidV7Generator generator;
    const qint64 now = 1'700'000'000'000;
    QUuid previous = generator.next(now);
    bool advanced = false;
    for (int i = 0; i < 4096; ++i) {
        const QUuid next = generator.next(now);
        QVERIFY(previous < next);
        if (Uuid::timestampMs(next) == now + 1)
            advanced = true;
        previous = next;
    }
    QVERIFY(advanced);
}

void tst_Uuid::clockGoingBackStaysMonotonic()
{
    UuidV7Generator generator;
    const QUuid first = generator.next(1'700'000'005'000);
    const QUuid second = generator.next(1'700'000'000'000);
    QVERIFY(first < second);
    QCOMPARE(Uuid::timestampMs(second), Uuid::timestampMs(first));
    const QUuid later = generator.next(1'700'000'006'000);
    QVERIFY(second < later);
    QCOMPARE(Uuid::timestampMs(later), std::optional<qint64>(1'700'000'006'000));
}

void tst_Uuid::unique()
{
    // Two generators (two devices) in the same millisecond must not collide.
    UuidV7Generator a;
    UuidV7Generator b;
    QSet<QUuid> seen;
    for (int i = 0; i < 1000; ++i) {
        seen.insert(a.next(1'700'000'000'000));
        seen.insert(b.next(1'700'000'000'000));
    }
    QCOMPARE(seen.size(), 2000);
}

void tst_Uuid::threads()
{
    constexpr int perThread = 2000;
    std::vector<std::vector<QUuid>> results(4);
    std::vector<std::unique_ptr<QThread>> threads;
    for (auto &result : results) {
        threads.emplace_back(QThread::create([&result] {
            for (int i = 0; i < perThread; ++i)
                result.push_back(Uuid::createV7());
        }));
        threads.back()->start();
    }
    QSet<QUuid> all;
    for (std::size_t t = 0; t < threads.size(); ++t) {
        QVERIFY(threads[t]->wait(30000));
        QVERIFY(std::is_sorted(results[t].begin(), results[t].end()));
        for (const QUuid &id : results[t])
            all.insert(id);
    }
    QCOMPARE(all.size(), 4 * perThread);
}

QTEST_GUILESS_MAIN(tst_Uuid)
#include "tst_uuid.moc"
