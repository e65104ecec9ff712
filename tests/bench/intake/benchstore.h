// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>

namespace ow::bench {

struct BenchStoreOptions
{
    QString directory; // holds data/ (the workstation's data folder) and the bench's recovery key
    int cases = 1000000; // with `reuse`, 0: as many as the store has
    quint32 seed = 20260315; // as bench_store: the same applicants and cases
    bool reuse = false; // use the store an earlier run left in `directory`
};

struct BenchStore
{
    QString dataDir; // what `onewindow --data-dir` gets
    int cases = 0;
    qint64 events = 0;
    double loadSeconds = 0;
    qint64 sizeBytes = 0;
    QString error; // set when the store could not be made or reopened
};

// A workstation store as the workstation makes it (key in the OS keychain,
// escrowed for a recovery key), filled with the generated cases through the
// repositories, as sync would. The recovery key pair stays beside the data
// folder: the keyring of the fixture is thrown away after each run, and with
// `reuse` the key is put back into this run's keychain the way a centre
// recovers a workstation (Store::recover). Synthetic data only.
BenchStore prepareStore(const BenchStoreOptions &options);

} // namespace ow::bench
