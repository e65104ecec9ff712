// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors

// bench_intake: the front desk against a workstation store of 1M cases. Drives
// the real intake page offscreen (ID number to history, item search as typed)
// and starts the real workstation up to its login window. Prints a markdown
// table (docs/performance.md) with PASS/FAIL against the goals. Run it under
// the keyring fixture: tests/fixtures/run-with.sh --keyring -- bench_intake.

#include "benchstore.h"
#include "intakemeasure.h"
#include "latency.h"
#include "startupmeasure.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace ow::bench;

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 1);
}

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString percentileCells(const Percentiles &p)
{
    return QStringLiteral("%1 | %2 | %3 | %4").arg(ms(p.p50Ms), ms(p.p95Ms), ms(p.p99Ms), ms(p.maxMs));
}

int number(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum, bool *ok)
{
    bool parsed = false;
    const int value = parser.value(option).toInt(&parsed);
    if (!parsed || value < minimum) {
        std::fprintf(stderr, "bench_intake: --%s must be a number of at least %d\n",
                     qPrintable(option.names().constFirst()), minimum);
        *ok = false;
    }
    return value;
}

} // namespace

int main(int argc, char **argv)
{
    // Offscreen unless told otherwise: the bench needs no display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QApplication::setApplicationName(QStringLiteral("bench_intake"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Benchmark of the intake page and the workstation's start."));
    parser.addHelpOption();
    const QCommandLineOption casesOption(QStringLiteral("cases"),
                                         QStringLiteral("Cases in the store (with --reuse: as it has)."),
                                         QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Where to build the store."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Keep the store afterwards."));
    const QCommandLineOption reuseOption(QStringLiteral("reuse"),
                                         QStringLiteral("Use the store a run with --keep left in DIR."),
                                         QStringLiteral("DIR"));
    const QCommandLineOption prepareOption(QStringLiteral("prepare-only"),
                                           QStringLiteral("Build the store (with --keep) and stop."));
    const QCommandLineOption applicantsOption(QStringLiteral("applicants"),
                                              QStringLiteral("Timed ID numbers."), QStringLiteral("N"),
                                              QStringLiteral("500"));
    const QCommandLineOption itemsOption(QStringLiteral("catalogue-items"),
                                         QStringLiteral("Items of the synthetic catalogue."),
                                         QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption roundsOption(QStringLiteral("search-rounds"),
                                          QStringLiteral("Times each search query is typed."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption startsOption(QStringLiteral("starts"), QStringLiteral("Workstation starts."),
                                          QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshots"),
                                              QStringLiteral("Grab the intake page into DIR."),
                                              QStringLiteral("DIR"));
    const QCommandLineOption noFsyncOption(
        QStringLiteral("without-fsync"),
        QStringLiteral("Diagnosis: drive the page with PRAGMA synchronous = NORMAL (no fsync per commit)."));
    parser.addOptions({casesOption, dirOption, keepOption, reuseOption, prepareOption, applicantsOption,
                       itemsOption, roundsOption, startsOption, screenshotOption, noFsyncOption});
    parser.process(app);

    bool ok = true;
    BenchStoreOptions storeOptions;
    storeOptions.cases = number(parser, casesOption, 100, &ok);
    IntakeOptions intake;
    intake.applicants = number(parser, applicantsOption, 10, &ok);
    intake.largeCatalogue = number(parser, itemsOption, 100, &ok);
    intake.searchRounds = number(parser, roundsOption, 1, &ok);
    const int starts = number(parser, startsOption, 1, &ok);
    if (!ok)
        return 2;
    intake.screenshotDir = parser.value(screenshotOption);
    intake.withoutFsync = parser.isSet(noFsyncOption);

    if (parser.isSet(dirOption))
        QDir().mkpath(parser.value(dirOption));
    QTemporaryDir temporary(parser.isSet(dirOption)
                                ? parser.value(dirOption) + QStringLiteral("/ow-intake-XXXXXX")
                                : QDir::tempPath() + QStringLiteral("/ow-intake-XXXXXX"));
    if (!temporary.isValid()) {
        std::fprintf(stderr, "bench_intake: cannot create a directory for the store\n");
        return 2;
    }
    temporary.setAutoRemove(!parser.isSet(keepOption) && !parser.isSet(prepareOption));
    storeOptions.directory = temporary.path();
    if (parser.isSet(reuseOption)) {
        storeOptions.reuse = true;
        if (!parser.isSet(casesOption))
            storeOptions.cases = 0; // as many as the store has
        storeOptions.directory = QDir(parser.value(reuseOption)).absolutePath();
    } else if (!temporary.autoRemove()) {
        std::fprintf(stderr, "bench_intake: keeping the store in %s\n", qPrintable(storeOptions.directory));
    }

    const QString loadBefore = loadAverage();
    if (storeOptions.reuse)
        std::fprintf(stderr, "bench_intake: reusing the store in %s\n", qPrintable(storeOptions.directory));
    else
        std::fprintf(stderr, "bench_intake: building a store of %d cases in %s\n", storeOptions.cases,
                     qPrintable(storeOptions.directory));
    const BenchStore store = prepareStore(storeOptions);
    if (!store.error.isEmpty()) {
        std::fprintf(stderr, "bench_intake: %s\n", qPrintable(store.error));
        return 1;
    }
    if (parser.isSet(prepareOption))
        return 0;

    // The workstation's start first, while the bench holds no connection to the store.
    const QString program
        = QDir(QApplication::applicationDirPath()).filePath(QStringLiteral("../bin/onewindow"));
    std::fprintf(stderr, "bench_intake: starting %s %d times\n", qPrintable(QDir::cleanPath(program)),
                 starts);
    const StartupFigures startup = measureStartup(QDir::cleanPath(program), store.dataDir, starts);
    if (!startup.error.isEmpty()) {
        std::fprintf(stderr, "bench_intake: %s\n", qPrintable(startup.error));
        return 1;
    }

    intake.dataDir = store.dataDir;
    intake.cases = store.cases;
    intake.seed = storeOptions.seed;
    std::fprintf(stderr, "bench_intake: driving the intake page\n");
    const IntakeFigures figures = measureIntake(intake);
    if (!figures.error.isEmpty()) {
        std::fprintf(stderr, "bench_intake: %s\n", qPrintable(figures.error));
        return 1;
    }

    print(QStringLiteral(
              "Workstation store of %1 cases, %2 events, %3 MiB (data folder, encrypted); %4 ID numbers "
              "typed (%5 untimed first), history rows per applicant %6 on average; search queries "
              "typed %7 times each: %8; %9 workstation starts (-platform offscreen).%10")
              .arg(store.cases)
              .arg(store.events)
              .arg(qRound64(double(store.sizeBytes) / 1048576.0))
              .arg(intake.applicants)
              .arg(intake.warmup)
              .arg(QString::number(figures.meanRows, 'f', 2))
              .arg(intake.searchRounds)
              .arg(figures.queries.join(QStringLiteral(", ")))
              .arg(starts)
              .arg(intake.withoutFsync
                       ? QStringLiteral(" DIAGNOSIS RUN: the page's connection WITHOUT fsync per "
                                        "commit (synchronous = NORMAL); not the workstation's setting.")
                       : QString()));
    print(
        QStringLiteral("Load average (1, 5, 15 min) before: %1, after: %2 (2 vCPUs shared with other work).")
            .arg(loadBefore, loadAverage()));
    print(QString());
    print(QStringLiteral("| measure | samples | p50 | p95 | p99 | max | goal | |"));
    print(QStringLiteral("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"));
    QStringList verdicts;
    bool allPass = true;
    const auto verdict = [&](bool pass) {
        allPass = allPass && pass;
        return pass ? QStringLiteral("PASS") : QStringLiteral("FAIL");
    };
    {
        const QString v = verdict(figures.history.p99Ms < 50);
        print(QStringLiteral("| ID number entered → history shown, ms | %1 | %2 | p99 < 50 ms | %3 |")
                  .arg(figures.history.samples)
                  .arg(percentileCells(figures.history), v));
        print(QStringLiteral("| … CPU time of the GUI thread in it, ms | %1 | %2 | | |")
                  .arg(figures.historyCpu.samples)
                  .arg(percentileCells(figures.historyCpu)));
        print(QStringLiteral("| … its two queries again (applicant, cases), ms | %1 | %2 | | |")
                  .arg(figures.historyQueries.samples)
                  .arg(percentileCells(figures.historyQueries)));
        print(QStringLiteral("| … one write of the draft (one commit; the page writes it on every change), "
                             "ms | %1 | %2 | | |")
                  .arg(figures.draftSave.samples)
                  .arg(percentileCells(figures.draftSave)));
        verdicts
            << QStringLiteral("%1 ID number to history p99 %2 ms < 50 ms").arg(v, ms(figures.history.p99Ms));
    }
    for (const SearchFigures &search : figures.search) {
        const QString v = verdict(search.keystroke.p99Ms < 30);
        print(QStringLiteral(
                  "| item search keystroke → results, %1 catalogue (%2 entries), ms | %3 | %4 | p99 < 30 ms "
                  "| %5 |")
                  .arg(search.catalogue)
                  .arg(search.entries)
                  .arg(search.keystroke.samples)
                  .arg(percentileCells(search.keystroke), v));
        print(QStringLiteral("| … CPU time of the GUI thread in it, ms | %1 | %2 | | |")
                  .arg(search.keystrokeCpu.samples)
                  .arg(percentileCells(search.keystrokeCpu)));
        print(QStringLiteral("| … of which debounce (key event done → results), ms | %1 | %2 | | |")
                  .arg(search.keystroke.samples)
                  .arg(percentileCells(search.debounce)));
        print(QStringLiteral(
                  "| … of which the catalogue's search (ItemSearch::search, 20 hits), ms | %1 | %2 | | |")
                  .arg(search.searchOnly.samples)
                  .arg(percentileCells(search.searchOnly)));
        print(QStringLiteral("| … page built with its search index, %1 catalogue, ms | 1 | %2 | | | | | |")
                  .arg(search.catalogue, ms(search.indexMs)));
        verdicts << QStringLiteral("%1 item search (%2 catalogue) p99 %3 ms < 30 ms")
                        .arg(v, search.catalogue, ms(search.keystroke.p99Ms));
    }
    {
        const QString v = verdict(startup.maxMs < 1500);
        QList<double> reported = startup.reportedMs;
        std::sort(reported.begin(), reported.end());
        print(QStringLiteral("| workstation start → login window, ms | %1 | %2 | | | %3 | < 1500 ms | %4 |")
                  .arg(startup.wallMs.size())
                  .arg(ms(startup.medianMs), ms(startup.maxMs), v));
        print(QStringLiteral(
                  "| … as the workstation reports it (from its start-up object), ms | %1 | %2 | | | %3 | "
                  "| |")
                  .arg(reported.size())
                  .arg(ms(reported.isEmpty() ? 0 : reported.at(reported.size() / 2)),
                       ms(reported.isEmpty() ? 0 : reported.constLast())));
        verdicts << QStringLiteral("%1 workstation start to login window median %2 ms, max %3 ms < 1500 ms")
                        .arg(v, ms(startup.medianMs), ms(startup.maxMs));
        QStringList each;
        for (const double w : startup.wallMs)
            each << ms(w);
        print(QString());
        print(QStringLiteral("Starts, in order (ms): %1").arg(each.join(QStringLiteral(", "))));
    }
    print(QString());
    print(QStringLiteral("Last digit of the ID number: %1.").arg(figures.historyPaints));
    for (const SearchFigures &search : figures.search)
        print(QStringLiteral("Search keystroke, %1 catalogue: %2.").arg(search.catalogue, search.paints));
    print(QString());
    for (const QString &line : std::as_const(verdicts))
        print(line);
    print(allPass ? QStringLiteral("ALL GOALS MET") : QStringLiteral("SOME GOALS MISSED"));
    return 0;
}
