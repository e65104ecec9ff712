// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "dbtestutil.h"

#include "ow/storage/eventrepository.h"
#include "ow/test/tempdatadir.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace ow::storage;
using namespace ow::test::db;

// A writer process is killed with SIGKILL at random moments; after each kill
// the store must open, pass both integrity checks and hold every event the
// writer reported as committed, with its device chain unbroken.
class TstStorageCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedWriterLosesNothing();
};

namespace {

// Checks the device's chain: device_seq 1..n without gaps, each prev_hash the previous hash.
QString chainProblem(const QSqlDatabase &db, const QString &deviceId, qint64 *length)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT device_seq, prev_hash, hash FROM events WHERE device_id = ? "
                                 "ORDER BY device_seq"));
    query.addBindValue(deviceId);
    if (!query.exec())
        return query.lastError().text();
    qint64 expected = 1;
    QString prev;
    while (query.next()) {
        if (query.value(0).toLongLong() != expected)
            return QStringLiteral("device_seq %1 where %2 was expected")
                .arg(query.value(0).toLongLong())
                .arg(expected);
        if (query.value(1).toString() != prev)
            return QStringLiteral("broken chain at device_seq %1").arg(expected);
        prev = query.value(2).toString();
        ++expected;
    }
    *length = expected - 1;
    return {};
}

} // namespace

void TstStorageCrash::killedWriterLosesNothing()
{
    const int rounds = qEnvironmentVariableIsSet("OW_CRASH_ROUNDS")
        ? qEnvironmentVariableIntValue("OW_CRASH_ROUNDS")
        : 200;
    const quint32 seed = qEnvironmentVariableIsSet("OW_CRASH_SEED")
        ? quint32(qEnvironmentVariableIntValue("OW_CRASH_SEED"))
        : QRandomGenerator::system()->generate();
    qInfo("rounds %d, seed %u (set OW_CRASH_SEED to repeat)", rounds, seed);
    QRandomGenerator random(seed);

    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    {
        auto created = openStore(path, key, QStringLiteral("setup"), Database::Mode::CreateNew);
        QVERIFY2(created.ok(), qPrintable(created.message));
    }
    Database::close(QStringLiteral("setup"));

    const QString writer = QStringLiteral(OW_CRASHWRITER_PATH);
    QVERIFY2(QFile::exists(writer), qPrintable(writer));
    const QString deviceId = QStringLiteral("device-crash");
    qint64 reported = 0;
    int killedAfterCommit = 0;
    QElapsedTimer clock;
    clock.start();

    for (int round = 1; round <= rounds; ++round) {
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(writer, {path, deviceId});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        // The key goes through a pipe, never the command line or the environment.
        child.write(key.toHex() + '\n');
        child.closeWriteChannel();

        // Half the rounds kill at any moment from the start, half once the
        // writer has committed, in the middle of its next transactions.
        if (round % 2 == 0 && child.waitForReadyRead(10000))
            ++killedAfterCommit;
        QThread::usleep(random.bounded(round % 2 == 0 ? 30000 : 120000));
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10000));
        const QByteArray errors = child.readAllStandardError();
        QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                 qPrintable(QStringLiteral("round %1: the writer stopped by itself: %2")
                                .arg(round)
                                .arg(QString::fromLocal8Bit(errors))));

        QByteArray out = child.readAllStandardOutput();
        out.truncate(out.lastIndexOf('\n') + 1); // a line cut off is not a report
        const QList<QByteArray> ids = out.split('\n');

        auto opened = Database::open(path, key, QStringLiteral("check"), Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(opened.message)));
        QStringList problems;
        QVERIFY2(Database::checkIntegrity(opened.db, &problems),
                 qPrintable(QStringLiteral("round %1: %2").arg(round).arg(problems.join(u'\n'))));
        {
            EventRepository events(opened.db);
            for (const QByteArray &id : ids) {
                if (id.isEmpty())
                    continue;
                ++reported;
                QVERIFY2(events.contains(QString::fromLatin1(id)),
                         qPrintable(QStringLiteral("round %1: event %2 was reported committed and is missing")
                                        .arg(round)
                                        .arg(QString::fromLatin1(id))));
            }
            qint64 length = 0;
            const QString problem = chainProblem(opened.db, deviceId, &length);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(problem)));
            QVERIFY(length >= reported);
            QCOMPARE(events.count(), length);
        }
        opened.db = QSqlDatabase();
        Database::close(QStringLiteral("check"));
    }
    qInfo("%d kills in %lld ms; %lld events reported committed, all present; %d kills after a first commit",
          rounds, clock.elapsed(), reported, killedAfterCommit);
    QVERIFY(reported > 0);
}

QTEST_GUILESS_MAIN(TstStorageCrash)
#include "tst_storage_crash.moc"
