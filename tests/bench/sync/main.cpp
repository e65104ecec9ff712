// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// bench_sync: the central server and the workstation's sync over loopback
// with PostgreSQL. Prints figures and ratios; it is not a timed test.
//
//   tests/fixtures/run-with.sh --postgres -- build/bench/bench/bench_sync [--events N] [--workstations N]
//
// 1. push of 10,000 events from one workstation (batches of --batch);
// 2. --workstations simulated workstations pushing concurrently, each its
//    own device and connection, until --events events are on the server:
//    events/s and the latency of each batch (p50/p99);
// 3. first sync of all of them into an empty workstation store (pull, apply,
//    cursor; SyncEngine::runOnce): events/s end to end;
// 4. the server's peak memory (VmHWM);
// 5. the same rows loaded with PostgreSQL's own COPY, for the ratio our
//    ingestion reaches.

#include "../../server/tst_server_events_support.h"

#include <ow/core/uuid.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/sync/syncengine.h>
#include <ow/test/fixtures.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace ow;
using namespace ow::test::log;

namespace {

struct Batch
{
    QByteArray body;
    int events = 0;
};

// One simulated workstation: its device chain and its batches, ready before timing starts.
struct Workstation
{
    SignedIn user;
    QList<Batch> batches;
    int next = 0;
    QNetworkAccessManager *network = nullptr;
};

QList<Batch> makeBatches(const SignedIn &user, int events, int batchSize)
{
    Device device(user, cases::Role::Clerk);
    QList<cases::Event> all;
    all.reserve(events);
    while (all.size() < events) {
        const QString caseId = core::Uuid::createV7String();
        all.append(device.record(caseId, cases::EventType::Created, createdPayload()));
        if (all.size() < events)
            all.append(device.record(caseId, cases::EventType::Accepted));
        if (all.size() < events)
            all.append(device.record(caseId, cases::EventType::Routed, routedPayload()));
    }
    QList<Batch> batches;
    for (int i = 0; i < all.size(); i += batchSize) {
        const QList<cases::Event> slice = all.mid(i, batchSize);
        batches.append({pushBody(user.deviceId, slice), int(slice.size())});
    }
    return batches;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(std::min<double>(double(values.size()) - 1, p * double(values.size())));
    return values.at(index);
}

QNetworkRequest pushRequest(const QUrl &url, const QByteArray &token)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setTransferTimeout(120000);
    return request;
}

// Pushes every batch of every workstation, each workstation one batch at a
// time (as the sync engine does), all workstations at once.
struct PushFigures
{
    qint64 events = 0;
    double seconds = 0;
    QList<double> latenciesMs;
    int failures = 0;
};

PushFigures pushConcurrently(QList<Workstation> &stations, const QUrl &url)
{
    PushFigures figures;
    QEventLoop loop;
    int running = 0;
    QElapsedTimer total;
    total.start();
    std::function<void(Workstation &)> sendNext = [&](Workstation &station) {
        if (station.next >= station.batches.size()) {
            if (--running == 0)
                loop.quit();
            return;
        }
        const Batch &batch = station.batches.at(station.next++);
        auto *timer = new QElapsedTimer;
        timer->start();
        QNetworkReply *reply = station.network->post(pushRequest(url, station.user.token), batch.body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, timer, events = batch.events,
                                                                  station = &station] {
            figures.latenciesMs.append(double(timer->nsecsElapsed()) / 1e6);
            delete timer;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200)
                figures.events += events;
            else if (++figures.failures <= 3)
                std::fprintf(stderr, "push failed: HTTP %d %s\n", status, reply->readAll().left(300).constData());
            reply->deleteLater();
            sendNext(*station);
        });
    };
    for (Workstation &station : stations) {
        ++running;
        sendNext(station);
    }
    if (running > 0)
        loop.exec();
    figures.seconds = double(total.nsecsElapsed()) / 1e9;
    return figures;
}

qint64 peakMemoryKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// psql with the server's database URL; returns seconds, or -1.
double psqlSeconds(const QString &url, const QStringList &arguments, const QByteArray &input = {},
                   QByteArray *output = nullptr)
{
    QProcess psql;
    QElapsedTimer timer;
    timer.start();
    psql.start(QStringLiteral("psql"), QStringList{url, QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                                   QStringLiteral("-q")}
                                           + arguments);
    if (!psql.waitForStarted())
        return -1;
    if (!input.isEmpty())
        psql.write(input);
    psql.closeWriteChannel();
    psql.waitForFinished(600000);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (output)
        *output = psql.readAllStandardOutput();
    if (psql.exitCode() != 0) {
        std::fprintf(stderr, "psql: %s\n", psql.readAllStandardError().constData());
        return -1;
    }
    return seconds;
}

void printLatency(const char *what, const PushFigures &figures)
{
    std::printf("%-44s %9.0f events/s  batch p50 %7.1f ms  p99 %7.1f ms  (%lld events, %.1f s, %d failed)\n", what,
                double(figures.events) / figures.seconds, percentile(figures.latenciesMs, 0.50),
                percentile(figures.latenciesMs, 0.99), static_cast<long long>(figures.events), figures.seconds,
                figures.failures);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Central server and sync benchmark (PostgreSQL, loopback)"));
    parser.addHelpOption();
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Events in all."),
                                          QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption stationsOption(QStringLiteral("workstations"),
                                            QStringLiteral("Workstations pushing concurrently."), QStringLiteral("N"),
                                            QStringLiteral("50"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Events per push."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption singleOption(QStringLiteral("single"), QStringLiteral("Events of the single push."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    parser.addOptions({eventsOption, stationsOption, batchOption, singleOption});
    parser.process(app);
    const int totalEvents = parser.value(eventsOption).toInt();
    const int stationCount = std::max(1, parser.value(stationsOption).toInt());
    const int batchSize = std::clamp(parser.value(batchOption).toInt(), 1, 500);
    const int singleEvents = std::min(totalEvents, parser.value(singleOption).toInt());

    if (const QString problem = test::postgresProblem(); !problem.isEmpty()) {
        std::fprintf(stderr, "bench_sync needs PostgreSQL: %s\nRun it under tests/fixtures/run-with.sh --postgres.\n",
                     qPrintable(problem));
        return 2;
    }
    Bed bed;
    if (!bed.prepare(true) || !bed.startServer()) {
        std::fprintf(stderr, "cannot start the server\n");
        return 1;
    }
    const QUrl pushUrl = bed.api(QStringLiteral("events"));
    std::printf("bench_sync: %d events, %d concurrent workstations, batches of %d, server pid %lld\n", totalEvents,
                stationCount, batchSize, static_cast<long long>(bed.server().processId()));

    // Everything is generated and sealed before any timing.
    QList<Workstation> single(1);
    single[0].user = bed.signIn(QStringLiteral("clerk-a"));
    single[0].batches = makeBatches(single[0].user, singleEvents, batchSize);
    const int perStation = (totalEvents - singleEvents + stationCount - 1) / stationCount;
    QList<Workstation> stations(stationCount);
    for (Workstation &station : stations) {
        station.user = bed.signIn(QStringLiteral("clerk-a2"));
        station.batches = makeBatches(station.user, perStation, batchSize);
    }
    // One connection manager per workstation, as each is its own machine.
    std::vector<std::unique_ptr<QNetworkAccessManager>> networks;
    networks.push_back(std::make_unique<QNetworkAccessManager>());
    single[0].network = networks.back().get();
    for (Workstation &station : stations) {
        networks.push_back(std::make_unique<QNetworkAccessManager>());
        station.network = networks.back().get();
    }

    const PushFigures one = pushConcurrently(single, pushUrl);
    printLatency("push, one workstation", one);
    const PushFigures many = pushConcurrently(stations, pushUrl);
    printLatency(qPrintable(QStringLiteral("push, %1 workstations at once").arg(stationCount)), many);
    const qint64 pushedInAll = one.events + many.events;

    // First sync into an empty workstation of the same office.
    test::TempDataDir storeDir;
    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    auto opened = storage::Database::open(storeDir.filePath(QStringLiteral("onewindow.db")), key,
                                          QStringLiteral("bench-sync"), storage::Database::Mode::CreateNew);
    QString message;
    if (!opened.ok() || storage::Migrations::migrate(opened.db, &message) != storage::DatabaseError::None) {
        std::fprintf(stderr, "cannot make the workstation store: %s %s\n", qPrintable(opened.message),
                     qPrintable(message));
        return 1;
    }
    const SignedIn reader = bed.signIn(QStringLiteral("clerk-a"));
    sync::SyncSession session{bed.server().url(), QString::fromLatin1(reader.token), reader.deviceId, QString()};
    sync::SyncOptions options;
    options.pullPageSize = 1000;
    QElapsedTimer pullTimer;
    pullTimer.start();
    const sync::SyncResult pulled = sync::SyncEngine::runOnce(opened.db, session, options);
    const double pullSeconds = double(pullTimer.nsecsElapsed()) / 1e9;
    std::printf("%-44s %9.0f events/s  (%lld events, %.1f s, %.1f MiB received%s%s)\n",
                "first sync into an empty workstation", double(pulled.pulled) / pullSeconds,
                static_cast<long long>(pulled.pulled), pullSeconds, double(pulled.bytesReceived) / 1048576.0,
                pulled.ok() ? "" : ", FAILED: ", qPrintable(pulled.error));

    const qint64 peak = peakMemoryKiB(bed.server().processId());
    std::printf("%-44s %9.1f MiB\n", "server peak memory (VmHWM)", double(peak) / 1024.0);

    // PostgreSQL's own COPY of the same rows, into a table of the same shape and indexes.
    const auto params = test::postgresParams();
    QSqlDatabase db = bed.database();
    QSqlQuery query(db);
    const QString probe = QStringLiteral("copy_probe");
    double copyRate = 0;
    if (query.exec(QStringLiteral("CREATE TABLE %1 (LIKE server_events INCLUDING ALL)").arg(probe))) {
        QUrl dbUrl(params.url);
        dbUrl.setPath(QLatin1Char('/') + db.databaseName());
        QByteArray rows;
        const double exportSeconds = psqlSeconds(
            dbUrl.toString(), {QStringLiteral("-c"), QStringLiteral("COPY server_events TO STDOUT")}, {}, &rows);
        const double copySeconds = exportSeconds < 0
            ? -1
            : psqlSeconds(dbUrl.toString(), {QStringLiteral("-c"), QStringLiteral("COPY %1 FROM STDIN").arg(probe)},
                          rows);
        if (copySeconds > 0) {
            const qint64 count = rows.count('\n');
            copyRate = double(count) / copySeconds;
            std::printf("%-44s %9.0f rows/s  (%lld rows, %.2f s)\n", "PostgreSQL COPY of the same rows", copyRate,
                        static_cast<long long>(count), copySeconds);
        }
    } else {
        std::fprintf(stderr, "COPY probe: %s\n", qPrintable(query.lastError().text()));
    }

    const double ingest = double(many.events) / many.seconds;
    std::printf("\nsummary\n");
    std::printf("  events on the server: %lld\n", static_cast<long long>(pushedInAll));
    std::printf("  ingestion (concurrent push) / COPY:       %6.3f\n", copyRate > 0 ? ingest / copyRate : 0.0);
    std::printf("  goal: first sync >= 5,000 events/s:      %s (%.0f)\n",
                double(pulled.pulled) / pullSeconds >= 5000 ? "PASS" : "FAIL", double(pulled.pulled) / pullSeconds);
    std::printf("  goal: p99 batch < 200 ms with %d stations: %s (%.1f ms)\n", stationCount,
                percentile(many.latenciesMs, 0.99) < 200 ? "PASS" : "FAIL", percentile(many.latenciesMs, 0.99));
    return 0;
}
