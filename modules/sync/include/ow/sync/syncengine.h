// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"
#include "ow/sync/synctypes.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace ow::sync {

class ConnectionMonitor;

namespace Internal {
class SyncWorker;
}

// The workstation's sync engine. It runs in its own thread with its own
// connection to the store (never blocking the UI) and syncs:
//   1. uploads the attachments that pending events cite (resumable 1 MiB
//      chunks). One that cannot be uploaded for now holds back the device's
//      events from the first one citing it (the server takes a device's
//      events only in order); one that can never be uploaded (damaged,
//      refused) lets its events go, and the server refuses and parks only
//      them, so other cases are not held up;
//   2. pushes the outbox in batches, one device's events in recorded order:
//      accepted and duplicate events leave the outbox; refused ones are
//      parked with the server's code and reason, and their case's local
//      state is rebuilt without them (eventRejected());
//   3. pulls by cursor until the server has no more, each batch stored with
//      its cursor in one transaction; a 410 resync_required starts again from
//      the beginning (events already held are recognised by id);
//   4. checks every new signed tree head of the server's log against the key
//      pinned at the first sync, with a consistency proof from the last
//      verified head. A failed check halts sync (state Halted) with
//      "the server's history was rewritten" until syncNow() is asked for.
// Runs start every SyncOptions::intervalMs, on syncNow(), and when the
// ConnectionMonitor reports the server back online; after failures the
// next attempt waits per SyncOptions::backoff (exponential, with jitter).
// Every run is written to the store's sync history (SyncStateRepository::syncRuns()).
//
// Typical use in the workstation, after sign-in:
//   auto *engine = new SyncEngine(storeDirectoryConnection(dataDir), {}, this);
//   engine->setSession({serverUrl, token, deviceId, logPublicKey});
//   engine->setConnectionMonitor(monitor);
//   connect(engine, &SyncEngine::eventRejected, ...);   // show the refusal
//   engine->start();
class OW_SYNC_EXPORT SyncEngine : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped, // not started, or stop() was called
        Idle, // waiting for the next periodic run
        Running,
        WaitingToRetry, // the last run failed; the next one is scheduled (nextRunAt())
        SignInRequired, // the token was refused: setSession() with a new one
        Halted, // the server's log failed a check: runs only on syncNow()
    };
    Q_ENUM(State)

    SyncEngine(StoreConnectionFactory connection, const SyncOptions &options = {}, QObject *parent = nullptr);
    // Stops the thread; a run in progress is cut off after its current request.
    ~SyncEngine() override;

    // The session to sync with; may change while running (next run uses it).
    void setSession(const SyncSession &session);
    // Runs once whenever the monitor reports the server Online again.
    void setConnectionMonitor(ConnectionMonitor *monitor);

    // Opens the engine's connection in its thread and runs at once, then periodically.
    void start();
    void stop();
    // Runs as soon as possible (after the current run, if one is going).
    void syncNow();

    State state() const { return m_state; }
    QDateTime nextRunAt() const { return m_nextRunAt; }
    SyncResult lastResult() const { return m_lastResult; }
    static QString stateText(State state);

    // One run in the calling thread on `db`, waiting for the server in a local
    // event loop: for tools (onewindow-admin sync) and tests.
    static SyncResult runOnce(const QSqlDatabase &db, const SyncSession &session,
                              const SyncOptions &options = {},
                              const std::function<void(const SyncProgress &)> &progress = {},
                              const std::function<void(const SyncRejection &)> &rejected = {});

signals:
    void stateChanged(ow::sync::SyncEngine::State state);
    void runStarted();
    void progress(const ow::sync::SyncProgress &progress);
    // The server refused an event recorded here; it is parked and its case rebuilt.
    void eventRejected(const ow::sync::SyncRejection &rejection);
    void runFinished(const ow::sync::SyncResult &result);
    // The store connection could not be opened in the engine's thread.
    void storeError(const QString &message);

private:
    void setState(State state, const QDateTime &nextRunAt);

    std::unique_ptr<QThread> m_thread;
    Internal::SyncWorker *m_worker;
    State m_state = State::Stopped;
    QDateTime m_nextRunAt;
    SyncResult m_lastResult;
};

} // namespace ow::sync
