// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "pushcombiner.h"

#include "pushround.h"

#include <QStringList>

#include <map>
#include <memory>

namespace ow::server::Internal {

struct PushCombiner::Waiting
{
    PushSubmission *submission = nullptr;
    bool done = false;
    // Its round of several failed: it goes again in a round of its own.
    bool alone = false;
    bool ok = false;
    QString error;
};

PushCombiner &PushCombiner::forDatabase(const QSqlDatabase &db)
{
    static std::mutex mutex;
    // For the life of the process: push threads may still hold a reference while it ends.
    static auto *combiners = new std::map<QString, std::unique_ptr<PushCombiner>>();
    const QString key = QStringList {db.driverName(), db.hostName(), QString::number(db.port()),
                                     db.databaseName(), db.userName()}
                            .join(QChar(0x1f));
    const std::lock_guard lock(mutex);
    std::unique_ptr<PushCombiner> &combiner = (*combiners)[key];
    if (!combiner)
        combiner = std::make_unique<PushCombiner>();
    return *combiner;
}

QList<PushCombiner::Waiting *> PushCombiner::takeRound()
{
    QList<Waiting *> round;
    qsizetype events = 0;
    while (!m_queue.isEmpty()) {
        const Waiting *first = m_queue.constFirst();
        const qsizetype next = first->submission->incoming.size();
        if (!round.isEmpty()
            && (first->alone || round.constFirst()->alone || events + next > kMaxRoundEvents))
            break;
        round.append(m_queue.takeFirst());
        events += next;
    }
    return round;
}

bool PushCombiner::submit(PushSubmission *submission, const RoundRunner &run, QString *error)
{
    Waiting self;
    self.submission = submission;
    std::unique_lock lock(m_mutex);
    m_queue.append(&self);
    // Answered: this thread's own push is committed and answered, and it leads on.
    bool answered = false;
    for (;;) {
        if (self.done && !answered)
            break;
        if (m_leading && !answered) {
            m_done.wait(lock);
            continue;
        }
        m_leading = true;
        const QList<Waiting *> round = takeRound();
        lock.unlock();
        QList<PushSubmission *> submissions;
        submissions.reserve(round.size());
        for (const Waiting *waiting : round)
            submissions.append(waiting->submission);
        QString roundError;
        const bool ok = run(submissions, &roundError);
        lock.lock();
        if (ok || round.size() == 1) {
            for (Waiting *waiting : round) {
                waiting->done = true;
                waiting->ok = ok;
                waiting->error = roundError;
            }
        } else {
            // Each again on its own, so that it fails only for its own reason, ahead of the
            // requests that came later.
            for (qsizetype i = round.size() - 1; i >= 0; --i) {
                round.at(i)->alone = true;
                m_queue.prepend(round.at(i));
            }
        }
        // With pushes waiting, this thread leads on once its own push is answered (from
        // here): the next round starts now, not once a waiting thread has woken up to lead it.
        const bool leadOn
            = !m_queue.isEmpty() && (answered || (self.done && self.ok && submission->committed));
        if (!leadOn)
            m_leading = false;
        m_done.notify_all();
        if (leadOn && !answered) {
            lock.unlock();
            submission->committed();
            lock.lock();
            answered = true;
        } else if (!leadOn && answered) {
            break;
        }
    }
    lock.unlock();
    if (!answered && self.ok && submission->committed)
        submission->committed();
    if (!self.ok)
        *error = self.error;
    return self.ok;
}

} // namespace ow::server::Internal
