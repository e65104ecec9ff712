// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors

// bench_store: the encrypted store under a realistic load, and the same
// workload on the same engine without a key, to isolate the cost of encryption.
// Prints a markdown table (docs/performance.md) and PASS/FAIL against the goals.

#include "workload.h"

#include "ow/storage/database.h"
#include "ow/storage/sqlcipherdriver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace ow::bench;
using ow::storage::Database;

namespace {

QString engineVersion()
{
    const QString name = QStringLiteral("version-probe");
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(ow::storage::sqlCipherDriverName(), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA cipher_version")) && query.next())
                version = QStringLiteral("SQLCipher ") + query.value(0).toString();
            if (query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next())
                version += QStringLiteral(" (SQLite ") + query.value(0).toString() + u')';
        }
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 3 : 1);
}

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmark of the encrypted OneWindow store."));
    parser.addHelpOption();
    const QCommandLineOption casesOption(QStringLiteral("cases"),
                                         QStringLiteral("Number of cases (5 events each)."),
                                         QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption queriesOption(QStringLiteral("queries"), QStringLiteral("Samples per query."),
                                           QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Where to build the stores."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Keep the stores afterwards."));
    const QCommandLineOption cacheOption(
        QStringLiteral("cache-mib"),
        QStringLiteral("Page cache for the queries, MiB (default: the store's)."), QStringLiteral("MiB"),
        QStringLiteral("0"));
    const QCommandLineOption reuseOption(QStringLiteral("reuse"),
                                         QStringLiteral("Only query the stores a run with --keep left in DIR "
                                                        "(same --cases)."),
                                         QStringLiteral("DIR"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"),
                                          QStringLiteral("Untimed samples per query before the timed ones."),
                                          QStringLiteral("N"), QStringLiteral("2000"));
    parser.addOptions(
        {casesOption, queriesOption, dirOption, keepOption, cacheOption, reuseOption, warmupOption});
    parser.process(app);

    WorkloadOptions options;
    bool ok = false;
    options.cases = parser.value(casesOption).toInt(&ok);
    if (!ok || options.cases < 100) {
        std::fprintf(stderr, "bench_store: --cases must be a number of at least 100\n");
        return 2;
    }
    options.queries = parser.value(queriesOption).toInt(&ok);
    if (!ok || options.queries < 10) {
        std::fprintf(stderr, "bench_store: --queries must be a number of at least 10\n");
        return 2;
    }
    options.warmup = parser.value(warmupOption).toInt(&ok);
    if (!ok || options.warmup < 0) {
        std::fprintf(stderr, "bench_store: --warmup must be a number\n");
        return 2;
    }
    options.cacheMiB = parser.value(cacheOption).toInt(&ok);
    if (!ok || options.cacheMiB < 0) {
        std::fprintf(stderr, "bench_store: --cache-mib must be a number of MiB\n");
        return 2;
    }
    if (parser.isSet(dirOption))
        QDir().mkpath(parser.value(dirOption));
    QTemporaryDir temporary(parser.isSet(dirOption)
                                ? parser.value(dirOption) + QStringLiteral("/ow-bench-XXXXXX")
                                : QDir::tempPath() + QStringLiteral("/ow-bench-XXXXXX"));
    if (!temporary.isValid()) {
        std::fprintf(stderr, "bench_store: cannot create a directory for the stores\n");
        return 2;
    }
    temporary.setAutoRemove(!parser.isSet(keepOption));
    options.directory = temporary.path();
    if (parser.isSet(reuseOption)) {
        options.reuse = true;
        options.directory = parser.value(reuseOption);
    } else if (parser.isSet(keepOption)) {
        std::fprintf(stderr, "bench_store: keeping the stores in %s\n", qPrintable(options.directory));
    }

    ow::storage::registerSqlCipherDriver();
    std::fprintf(stderr, "bench_store: %d cases into %s\n", options.cases, qPrintable(options.directory));
    StoreFigures encrypted = buildStore(options, Database::Encryption::Key);
    if (!encrypted.error.isEmpty()) {
        std::fprintf(stderr, "bench_store: encrypted store: %s\n", qPrintable(encrypted.error));
        return 1;
    }
    StoreFigures plain = buildStore(options, Database::Encryption::None);
    if (!plain.error.isEmpty()) {
        std::fprintf(stderr, "bench_store: plain store: %s\n", qPrintable(plain.error));
        return 1;
    }
    if (!measureStores(options, &encrypted, &plain)) {
        std::fprintf(stderr, "bench_store: %s%s\n", qPrintable(encrypted.error), qPrintable(plain.error));
        return 1;
    }

    const QString profile = encrypted.profile == Database::CipherProfile::Sha256
        ? QStringLiteral("AES-256-CBC + HMAC-SHA256")
        : encrypted.profile == Database::CipherProfile::LegacySha512 ? QStringLiteral("AES-256-CBC + HMAC-SHA512")
                                                                     : QStringLiteral("no cipher");
    print(QStringLiteral(
              "%1 cases, %2 events; %3; %8, page crypto: %10; page size 4096 (SQLCipher default), "
              "cache_size %4 MiB (encrypted) / %9 MiB (plain) per connection, WAL, synchronous=FULL; per query %5 warm-up and "
              "%6 timed samples on random keys; store files %7 in RAM while queried.")
              .arg(encrypted.cases)
              .arg(encrypted.events)
              .arg(engineVersion())
              .arg(encrypted.cacheKiB / 1024)
              .arg(options.warmup)
              .arg(options.queries)
              .arg(encrypted.lockedInRam && plain.lockedInRam ? QStringLiteral("locked")
                                                              : QStringLiteral("NOT locked"))
              .arg(profile)
              .arg(plain.cacheKiB / 1024)
              .arg(Database::pageCryptoDescription()));
    print(QString());
    print(QStringLiteral("| measure | encrypted | plain | encrypted/plain | goal |"));
    print(QStringLiteral("| --- | ---: | ---: | ---: | --- |"));
    QStringList verdicts;
    bool allPass = true;
    const auto row = [&](const QString &name, double e, double p, const QString &goal, bool lowerIsBetter) {
        const double ratio = lowerIsBetter ? e / p : p / e;
        print(QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                  .arg(name, ms(e), ms(p), QString::number(ratio, 'f', 2), goal));
        return ratio;
    };
    const auto check = [&](const QString &what, bool pass) {
        verdicts.append(
            QStringLiteral("%1 %2").arg(pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"), what));
        allPass = allPass && pass;
    };
    if (!options.reuse)
        print(QStringLiteral("| bulk load, events/s | %1 | %2 | %3 (plain/encrypted) | |")
                  .arg(qRound64(encrypted.eventsPerSecond))
                  .arg(qRound64(plain.eventsPerSecond))
                  .arg(QString::number(plain.eventsPerSecond / encrypted.eventsPerSecond, 'f', 2)));
    const struct
    {
        const char *name;
        Latency StoreFigures::*latency;
        double goalMs;
    } queries[] = {
        {"lookup by ID number", &StoreFigures::byIdNumber, 5},
        {"lookup by case number", &StoreFigures::byCaseNumber, 5},
        {"work-queue page (50 by deadline)", &StoreFigures::workQueuePage, 20},
        {"name prefix search (20)", &StoreFigures::namePrefix, 0},
    };
    for (const auto &q : queries) {
        const Latency &e = encrypted.*(q.latency);
        const Latency &p = plain.*(q.latency);
        const QString name = QString::fromLatin1(q.name);
        const double r50
            = row(name + QStringLiteral(" p50, ms"), e.p50Ms, p.p50Ms, QStringLiteral("ratio ≤ 1.3"), true);
        const double r99 = row(name + QStringLiteral(" p99, ms"), e.p99Ms, p.p99Ms,
                               q.goalMs > 0 ? QStringLiteral("< %1 ms, ratio ≤ 1.3").arg(q.goalMs)
                                            : QStringLiteral("ratio ≤ 1.3"),
                               true);
        if (q.goalMs > 0)
            check(QStringLiteral("%1 p99 %2 ms < %3 ms").arg(name, ms(e.p99Ms)).arg(q.goalMs),
                  e.p99Ms < q.goalMs);
        check(QStringLiteral("%1 encrypted/plain p50 %2 ≤ 1.3").arg(name, QString::number(r50, 'f', 2)),
              r50 <= 1.3);
        check(QStringLiteral("%1 encrypted/plain p99 %2 ≤ 1.3").arg(name, QString::number(r99, 'f', 2)),
              r99 <= 1.3);
    }
    print(QStringLiteral("| store size on disk, MiB | %1 | %2 | %3 | |")
              .arg(QString::number(double(encrypted.sizeBytes) / 1048576.0, 'f', 0),
                   QString::number(double(plain.sizeBytes) / 1048576.0, 'f', 0),
                   QString::number(double(encrypted.sizeBytes) / double(plain.sizeBytes), 'f', 2)));
    print(QString());
    for (const QString &verdict : std::as_const(verdicts))
        print(verdict);
    print(allPass ? QStringLiteral("ALL GOALS MET") : QStringLiteral("SOME GOALS MISSED"));
    return 0;
}
