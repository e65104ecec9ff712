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

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#endif

namespace ow::bench {

using namespace ow::storage;

namespace {

constexpr int casesPerTransaction = 1000;

Latency summarise(QList<qint64> nanoseconds)
{
    if (nanoseconds.isEmpty())
        return {};
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const auto at = [&nanoseconds](double quantile) {
        const qsizetype i
            = std::min(nanoseconds.size() - 1, qsizetype(quantile * double(nanoseconds.size())));
        return double(nanoseconds.at(i)) / 1e6;
    };
    return {at(0.50), at(0.99), double(nanoseconds.constLast()) / 1e6, int(nanoseconds.size())};
}

QString storePath(const WorkloadOptions &options, Database::Encryption encryption)
{
    return options.directory
        + (encryption == Database::Encryption::Key ? QStringLiteral("/bench-encrypted.db")
                                                   : QStringLiteral("/bench-plain.db"));
}

// Synthetic data only: the key comes from the seed, so that --reuse can reopen the store.
QByteArray storeKey(const WorkloadOptions &options, Database::Encryption encryption)
{
    QByteArray key;
    if (encryption == Database::Encryption::Key) {
        key.resize(Database::KeySize);
        QRandomGenerator(options.seed ^ 0x5eedu).generate(key.begin(), key.end());
    }
    return key;
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

// Keeps a store file in RAM while it is queried (mmap + mlock), as on a
// machine that has been using it. The machine this was written on drops its
// page cache every minute or so and its disk reads ~40 MB/s cold: without
// this the queries would time the disk, not the engine.
class ResidentFile
{
public:
    explicit ResidentFile(const QString &path)
        : m_file(path)
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return;
        m_map = m_file.map(0, m_file.size());
        if (!m_map)
            return;
#ifdef Q_OS_UNIX
        m_locked = mlock(m_map, size_t(m_file.size())) == 0;
#endif
    }
    ~ResidentFile()
    {
#ifdef Q_OS_UNIX
        if (m_locked)
            munlock(m_map, size_t(m_file.size()));
#endif
        if (m_map)
            m_file.unmap(m_map);
    }
    bool isLocked() const
    {
        return m_locked;
    }

private:
    QFile m_file;
    uchar *m_map = nullptr;
    bool m_locked = false;
};

// One store opened for queries: its connection, its repositories, its file in RAM.
struct QueryTarget
{
    QueryTarget(const QString &path, const QByteArray &key, const QString &connection,
                Database::Encryption encryption, int cacheMiB)
        : connection(connection)
        , resident(path)
    {
        opened = Database::open(path, key, connection, Database::Mode::OpenExisting, encryption);
        if (!opened.ok())
            return;
        if (cacheMiB > 0)
            Database::setCacheSize(opened.db, cacheMiB);
        cases = std::make_unique<CaseRepository>(opened.db);
        applicants = std::make_unique<ApplicantRepository>(opened.db);
    }
    ~QueryTarget()
    {
        cases.reset();
        applicants.reset();
        opened.db = QSqlDatabase();
        Database::close(connection);
    }

    QString connection;
    ResidentFile resident;
    Database::OpenResult opened;
    std::unique_ptr<CaseRepository> cases;
    std::unique_ptr<ApplicantRepository> applicants;
    WorkQueueCursor cursor;
    int department = 0;
};

using Query = std::function<bool(QueryTarget &, int key)>;

// Runs `query` on both stores, alternating sample by sample so that whatever
// else the machine does affects both alike: first untimed on `warm` keys,
// then timed on `timed` keys.
bool compare(QueryTarget &a, QueryTarget &b, const Query &query, const QList<int> &warm,
             const QList<int> &timed, Latency *latencyA, Latency *latencyB)
{
    for (const int key : warm) {
        if (!query(a, key) || !query(b, key))
            return false;
    }
    QList<qint64> nsA;
    QList<qint64> nsB;
    QElapsedTimer timer;
    for (qsizetype i = 0; i < timed.size(); ++i) {
        // Which store goes first alternates too.
        QueryTarget &first = i % 2 ? a : b;
        QueryTarget &second = i % 2 ? b : a;
        timer.start();
        if (!query(first, timed.at(i)))
            return false;
        const qint64 firstNs = timer.nsecsElapsed();
        timer.start();
        if (!query(second, timed.at(i)))
            return false;
        const qint64 secondNs = timer.nsecsElapsed();
        (i % 2 ? nsA : nsB).append(firstNs);
        (i % 2 ? nsB : nsA).append(secondNs);
    }
    *latencyA = summarise(nsA);
    *latencyB = summarise(nsB);
    return true;
}

} // namespace

StoreFigures buildStore(const WorkloadOptions &options, Database::Encryption encryption)
{
    StoreFigures figures;
    figures.label
        = encryption == Database::Encryption::Key ? QStringLiteral("encrypted") : QStringLiteral("plain");
    figures.cases = options.cases;
    const QString path = storePath(options, encryption);
    const QString connection = QStringLiteral("build-") + figures.label;
    if (options.reuse) {
        figures.sizeBytes = QFileInfo(path).size();
        if (figures.sizeBytes == 0)
            figures.error = QStringLiteral("%1 does not exist").arg(path);
        return figures;
    }
    {
        DataGenerator generator(options.cases, options.seed);
        Database::OpenResult opened = Database::open(path, storeKey(options, encryption), connection,
                                                     Database::Mode::CreateNew, encryption);
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
    for (const char *suffix : {"", "-wal", "-shm"})
        figures.sizeBytes += QFileInfo(path + QLatin1String(suffix)).size();
    return figures;
}

bool measureStores(const WorkloadOptions &options, StoreFigures *encrypted, StoreFigures *plain)
{
    DataGenerator generator(options.cases, options.seed);
    for (int i = 0; i < options.cases; ++i)
        generator.next(); // to know every case number and ID number again
    std::fprintf(stderr, "  locking both stores in RAM and querying them in turn\n");
    // Fresh connections, as after a restart.
    QueryTarget e(storePath(options, Database::Encryption::Key), storeKey(options, Database::Encryption::Key),
                  QStringLiteral("query-encrypted"), Database::Encryption::Key, options.cacheMiB);
    QueryTarget p(storePath(options, Database::Encryption::None), QByteArray(), QStringLiteral("query-plain"),
                  Database::Encryption::None, options.cacheMiB);
    for (auto [target, figures] : {std::pair {&e, encrypted}, std::pair {&p, plain}}) {
        figures->lockedInRam = target->resident.isLocked();
        if (!target->opened.ok()) {
            figures->error = target->opened.message;
            return false;
        }
        figures->profile = target->opened.profile;
        QSqlQuery count(target->opened.db);
        if (count.exec(QStringLiteral("PRAGMA cache_size")) && count.next()) {
            const qint64 value = count.value(0).toLongLong(); // < 0: KiB, > 0: pages
            figures->cacheKiB = value < 0 ? -value : value * 4;
        }
        if (figures->events == 0 && count.exec(QStringLiteral("SELECT count(*) FROM events")) && count.next())
            figures->events = count.value(0).toLongLong();
    }

    QRandomGenerator random(options.seed);
    const auto picks = [&random, &options](int count) {
        QList<int> list(count);
        for (int &pick : list)
            pick = int(random.bounded(options.cases));
        return list;
    };
    bool ok = compare(
        e, p,
        [&](QueryTarget &t, int key) {
            return !t.cases->findByApplicantIdNumber(generator.idNumberOf(key)).isEmpty();
        },
        picks(options.warmup), picks(options.queries), &encrypted->byIdNumber, &plain->byIdNumber);
    ok = ok
        && compare(
             e, p,
             [&](QueryTarget &t, int key) {
                 return t.cases->findByCaseNumber(generator.caseNumberOf(key)).has_value();
             },
             picks(options.warmup), picks(options.queries), &encrypted->byCaseNumber, &plain->byCaseNumber);
    // A department's first page, then the page after it (odd keys continue the previous page).
    const QStringList departments = DataGenerator::departments();
    const auto pageKeys = [&picks](int count) {
        QList<int> keys = picks(count);
        for (qsizetype i = 0; i < keys.size(); ++i)
            keys[i] = i % 2 ? -1 : keys.at(i);
        return keys;
    };
    ok = ok
        && compare(
             e, p,
             [&](QueryTarget &t, int key) {
                 if (key >= 0) {
                     t.cursor = WorkQueueCursor {};
                     t.department = key % int(departments.size());
                 }
                 const WorkQueuePage page = t.cases->workQueue(departments.at(t.department),
                                                               DataGenerator::queueStates(), 50, t.cursor);
                 t.cursor = page.next;
                 return t.cases->lastError().isEmpty() && !page.cases.isEmpty();
             },
             pageKeys(options.warmup), pageKeys(options.queries), &encrypted->workQueuePage,
             &plain->workQueuePage);
    QList<QString> prefixes(options.warmup + options.queries);
    for (QString &prefix : prefixes)
        prefix = generator.randomNamePrefix(random);
    QList<int> warm(options.warmup);
    QList<int> timed(options.queries);
    for (int i = 0; i < options.warmup; ++i)
        warm[i] = i;
    for (int i = 0; i < options.queries; ++i)
        timed[i] = options.warmup + i;
    ok = ok
        && compare(
             e, p,
             [&](QueryTarget &t, int key) {
                 t.applicants->searchByNamePrefix(prefixes.at(key), 20);
                 return t.applicants->lastError().isEmpty();
             },
             warm, timed, &encrypted->namePrefix, &plain->namePrefix);
    if (!ok) {
        encrypted->error = QStringLiteral("a query failed: %1 %2 / %3 %4")
                               .arg(e.cases->lastError(), e.applicants->lastError(), p.cases->lastError(),
                                    p.applicants->lastError());
    }
    return ok;
}

} // namespace ow::bench
