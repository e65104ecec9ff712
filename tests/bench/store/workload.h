// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/database.h"

#include <QList>
#include <QString>

namespace ow::bench {

struct Latency
{
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    int samples = 0;
};

struct StoreFigures
{
    QString label;
    int cases = 0;
    qint64 events = 0;
    double loadSeconds = 0;
    double eventsPerSecond = 0;
    Latency byIdNumber;
    Latency byCaseNumber;
    Latency workQueuePage;
    Latency namePrefix;
    qint64 sizeBytes = 0;
    bool lockedInRam = false;
    storage::Database::CipherProfile profile = storage::Database::CipherProfile::None;
    qint64 cacheKiB = 0; // the query connection's page cache bound
    QString error; // set when the run failed
};

struct WorkloadOptions
{
    int cases = 1000000;
    int queries = 2000; // timed samples per query type
    int warmup = 2000; // untimed samples before them, on other keys
    quint32 seed = 20260315;
    int cacheMiB = 0; // page cache for the queries; 0: Database's default
    QString directory;
    bool reuse = false; // query stores an earlier run kept (--keep) instead of building them
};

// Builds a store with the generated cases (applicants, events, projections)
// and times the load; with options.reuse, only checks that the store is there.
StoreFigures buildStore(const WorkloadOptions &options, storage::Database::Encryption encryption);
// Times the queries a workstation runs all day on both stores, in turn.
bool measureStores(const WorkloadOptions &options, StoreFigures *encrypted, StoreFigures *plain);

} // namespace ow::bench
