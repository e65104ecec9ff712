// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>

namespace ow::server::Internal {

struct PushSubmission;

// Group commit of the pushes to one log database in this process. Pushes
// take turns under the sequencer lock; those that arrive while one round is
// being written wait for it and then go in together, as one round (one
// transaction, one lock, one read of each kind, one tree head), run by the
// first of their threads. Under load a round takes what queued during the
// round before, so the rounds grow with the load instead of the queue.
//
// A round that fails (the database, or one request's case that no longer
// folds) is not the others' failure: each request of a failed round of
// several then goes again in a round of its own.
class PushCombiner
{
public:
    // Runs one round on the calling thread's connection: fills each
    // submission's outcomes and returns true once committed; false with `error`
    // and nothing stored.
    using RoundRunner = std::function<bool(const QList<PushSubmission *> &round, QString *error)>;

    // The combiner of the log in `db` (one per database the process pushes to).
    static PushCombiner &forDatabase(const QSqlDatabase &db);

    // Returns once `submission` is committed in some round (true) or its own
    // round failed (false with `error`); nothing of it is stored then. `run`
    // runs the rounds this thread leads. On success the submission's
    // `committed` (if set) is called once, on this thread, before it returns:
    // a thread that led the round of its own push and finds others waiting
    // calls it at once and leads on while pushes keep coming, so that rounds
    // follow each other without waiting for a thread to wake.
    bool submit(PushSubmission *submission, const RoundRunner &run, QString *error);

    // At most this many events in one round (a request of more still goes alone).
    static constexpr qsizetype kMaxRoundEvents = 1000;

private:
    struct Waiting;
    QList<Waiting *> takeRound();

    std::mutex m_mutex;
    std::condition_variable m_done;
    QList<Waiting *> m_queue;
    bool m_leading = false;
};

} // namespace ow::server::Internal
