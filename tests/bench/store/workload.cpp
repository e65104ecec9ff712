// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "workload.h"

#include "datagen.h"

#include "ow/storage/applicantrepository.h"
#include "ow/storage/caserepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/migrations.h"
#include "ow/storage/transaction.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace ow::bench {

using namespace ow::storage;

namespace {

constexpr int casesPerTransaction = 1000;

Latency measure(int samples, const std::function<bool(int)> &query)
{
    QList<qint64> nanoseconds;
    nanoseconds.reserve(samples);
    QElapsedTimer timer;
    for (int i = 0; i < samples; ++i) {
        timer.start();
        if (!query(i))
            return {};
        nanoseconds.append(timer.nsecsElapsed());
    }
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const auto at = [&nanoseconds](double quantile) {
        const qsizetype i
            = std::min(nanoseconds.size() - 1, qsizetype(quantile * double(nanoseconds.size())));
        return double(nanoseconds.at(i)) / 1e6;
    };
    return {at(0.50), at(0.99), double(nanoseconds.constLast()) / 1e6, samples};
}

bool load(const QSqlDatabase &db, DataGenerator &generator, StoreFigures *figures)
{
    ApplicantRepository applicants(db);
    EventRepository events(db);
    QElapsedTimer wall;
    wall.start();
    qint64 loadNs = 0; // only the writes: generating the data is not timed
    QList<GeneratedCase> batch;
    for (int done = 0; done < generator.caseCount();) {
        const int end = std::min(generator.caseCount(), done + casesPerTransaction);
        batch.clear();
        for (int i = done; i < end; ++i)
            batch.append(generator.next());
        QElapsedTimer timer;
        timer.start();
        Transaction transaction(db);
        for (const GeneratedCase &generated : std::as_const(batch)) {
            if (!applicants.save(generated.applicant)) {
                figures->error = applicants.lastError();
                return false;
            }
            // As events arrive from the server: each one writes the projection.
            for (qsizetype e = 0; e < generated.events.size(); ++e) {
                if (!events.append(generated.events.at(e), generated.projections.at(e),
                                   EventRepository::Origin::Pulled)) {
                    figures->error = events.lastError();
                    return false;
                }
                ++figures->events;
            }
        }
        if (!transaction.commit()) {
            figures->error = transaction.lastError().text();
            return false;
        }
        loadNs += timer.nsecsElapsed();
        done = end;
        if (done % 100000 == 0 || done == generator.caseCount()) {
            std::fprintf(stderr, "  %s: %d cases, %lld events, %.0f s\n", qPrintable(figures->label), done,
                         figures->events, double(wall.elapsed()) / 1000.0);
        }
    }
    figures->loadSeconds = double(loadNs) / 1e9;
    figures->eventsPerSecond = double(figures->events) / figures->loadSeconds;
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA optimize"));
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}

// Reads the store once so that it is in the OS page cache, as on a machine that
// has been using it: the queries should time the engine, not the disk.
void readIntoOsCache(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    while (file.read(buffer.data(), buffer.size()) > 0) {
    }
}

// Each query type gets fresh random keys, first to warm up (untimed), then to
// measure: both stores see the same keys in the same order.
bool measureQueries(const QSqlDatabase &db, const DataGenerator &generator, const WorkloadOptions &options,
                    StoreFigures *figures)
{
    QRandomGenerator random(options.seed);
    CaseRepository cases(db);
    ApplicantRepository applicants(db);
    const int samples = options.queries;
    const auto picks = [&random, &options, samples] {
        QList<int> list(samples);
        for (int &pick : list)
            pick = int(random.bounded(options.cases));
        return list;
    };
    const auto run = [samples](const std::function<bool(int, const QList<int> &)> &query,
                               const QList<int> &warm, const QList<int> &timed) {
        for (int i = 0; i < samples; ++i) {
            if (!query(i, warm))
                return Latency {};
        }
        return measure(samples, [&](int i) { return query(i, timed); });
    };

    figures->byIdNumber = run(
        [&](int i, const QList<int> &keys) {
            return !cases.findByApplicantIdNumber(generator.idNumberOf(keys.at(i))).isEmpty();
        },
        picks(), picks());
    figures->byCaseNumber = run(
        [&](int i, const QList<int> &keys) {
            return cases.findByCaseNumber(generator.caseNumberOf(keys.at(i))).has_value();
        },
        picks(), picks());
    const QStringList departments = DataGenerator::departments();
    WorkQueueCursor cursor;
    figures->workQueuePage = run(
        [&](int i, const QList<int> &keys) {
            // A department's first page, then the page after it.
            if (i % 2 == 0)
                cursor = {};
            const int department = keys.at(i - i % 2) % int(departments.size());
            const WorkQueuePage page
                = cases.workQueue(departments.at(department), DataGenerator::queueStates(), 50, cursor);
            cursor = page.next;
            return cases.lastError().isEmpty() && !page.cases.isEmpty();
        },
        picks(), picks());
    QList<QString> prefixes(2 * samples);
    for (QString &prefix : prefixes)
        prefix = generator.randomNamePrefix(random);
    QList<int> first(samples);
    QList<int> second(samples);
    for (int i = 0; i < samples; ++i) {
        first[i] = i;
        second[i] = samples + i;
    }
    figures->namePrefix = run(
        [&](int i, const QList<int> &keys) {
            applicants.searchByNamePrefix(prefixes.at(keys.at(i)), 20);
            return applicants.lastError().isEmpty();
        },
        first, second);

    if (figures->byIdNumber.samples == 0 || figures->byCaseNumber.samples == 0
        || figures->workQueuePage.samples == 0 || figures->namePrefix.samples == 0) {
        figures->error
            = QStringLiteral("a query failed: %1 %2").arg(cases.lastError(), applicants.lastError());
        return false;
    }
    return true;
}

} // namespace

StoreFigures runWorkload(const WorkloadOptions &options, Database::Encryption encryption)
{
    StoreFigures figures;
    const bool keyed = encryption == Database::Encryption::Key;
    figures.label = keyed ? QStringLiteral("encrypted") : QStringLiteral("plain");
    figures.cases = options.cases;
    const QString path
        = options.directory + QStringLiteral("/bench-") + figures.label + QStringLiteral(".db");
    const QString connection = QStringLiteral("bench-") + figures.label;

    // Synthetic data only: the key comes from the seed, so that --reuse can reopen the store.
    QByteArray key;
    if (keyed) {
        key.resize(Database::KeySize);
        QRandomGenerator(options.seed ^ 0x5eedu).generate(key.begin(), key.end());
    }
    DataGenerator generator(options.cases, options.seed);
    if (options.reuse) {
        // The generator must still know every case number and ID number.
        for (int i = 0; i < options.cases; ++i)
            generator.next();
    } else {
        Database::OpenResult opened
            = Database::open(path, key, connection, Database::Mode::CreateNew, encryption);
        if (!opened.ok()) {
            figures.error = opened.message;
            return figures;
        }
        QString message;
        if (Migrations::migrate(opened.db, &message) != DatabaseError::None)
            figures.error = message;
        else
            load(opened.db, generator, &figures);
        opened.db = QSqlDatabase();
    }
    Database::close(connection);
    if (!figures.error.isEmpty())
        return figures;

    // Queries on a fresh connection, as after a restart, with the file in the OS cache.
    std::fprintf(stderr, "  %s: reading the store into the OS cache, then querying\n", qPrintable(figures.label));
    readIntoOsCache(path);
    {
        Database::OpenResult opened
            = Database::open(path, key, connection, Database::Mode::OpenExisting, encryption);
        if (!opened.ok()) {
            figures.error = opened.message;
            return figures;
        }
        if (options.cacheMiB > 0)
            Database::setCacheSize(opened.db, options.cacheMiB);
        if (options.reuse) {
            QSqlQuery count(opened.db);
            if (count.exec(QStringLiteral("SELECT count(*) FROM events")) && count.next())
                figures.events = count.value(0).toLongLong();
        }
        measureQueries(opened.db, generator, options, &figures);
        opened.db = QSqlDatabase();
    }
    Database::close(connection);
    for (const char *suffix : {"", "-wal", "-shm"})
        figures.sizeBytes += QFileInfo(path + QLatin1String(suffix)).size();
    return figures;
}

} // namespace ow::bench
