// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/syncengine.h"

#include <QObject>

#include <atomic>
#include <memory>

class QTimer;

namespace ow::sync {
class ApiClient;
}

namespace ow::sync::Internal {

// The part of SyncEngine that lives in its thread: the store connection, the
// API client, the timer. Its slots are invoked queued from the engine.
class SyncWorker : public QObject
{
    Q_OBJECT

public:
    SyncWorker(StoreConnectionFactory connection, const SyncOptions &options);
    ~SyncWorker() override;

    // Read between requests by a running run, set from any thread.
    std::atomic<bool> cancelFlag {false};

    void setSession(const ow::sync::SyncSession &session);
    void start();
    void stop();
    // explicitRequest: asked for by someone (also leaves Halted); otherwise a trigger.
    void trigger(bool explicitRequest);
    // Runs in the thread just before it ends: closes the connection.
    void cleanup();

signals:
    void stateChanged(ow::sync::SyncEngine::State state, const QDateTime &nextRunAt);
    void runStarted();
    void progress(const ow::sync::SyncProgress &progress);
    void eventRejected(const ow::sync::SyncRejection &rejection);
    void runFinished(const ow::sync::SyncResult &result);
    void storeError(const QString &message);

private:
    void runNow();
    void schedule(qint64 delayMs, SyncEngine::State state);

    StoreConnectionFactory m_factory;
    SyncOptions m_options;
    SyncSession m_session;
    std::unique_ptr<StoreConnection> m_connection;
    ApiClient *m_api = nullptr;
    QTimer *m_timer = nullptr;
    SyncEngine::State m_state = SyncEngine::State::Stopped;
    int m_failures = 0;
    bool m_running = false;
    bool m_again = false;
};

} // namespace ow::sync::Internal
