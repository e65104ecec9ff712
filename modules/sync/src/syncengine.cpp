// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/syncengine.h"

#include "ow/sync/apiclient.h"
#include "ow/sync/connectionmonitor.h"
#include "ow/sync/tr.h"
#include "syncrun.h"
#include "syncworker.h"

#include <QThread>

namespace ow::sync {

using Internal::SyncWorker;

SyncEngine::SyncEngine(StoreConnectionFactory connection, const SyncOptions &options, QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_worker(new SyncWorker(std::move(connection), options))
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncRejection>();
    qRegisterMetaType<SyncResult>();
    qRegisterMetaType<SyncSession>();
    m_thread->setObjectName(QStringLiteral("OneWindow sync"));
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &SyncWorker::cleanup, Qt::DirectConnection);

    connect(m_worker, &SyncWorker::stateChanged, this,
            [this](State state, const QDateTime &next) { setState(state, next); });
    connect(m_worker, &SyncWorker::runStarted, this, &SyncEngine::runStarted);
    connect(m_worker, &SyncWorker::progress, this, &SyncEngine::progress);
    connect(m_worker, &SyncWorker::eventRejected, this, &SyncEngine::eventRejected);
    connect(m_worker, &SyncWorker::storeError, this, &SyncEngine::storeError);
    connect(m_worker, &SyncWorker::runFinished, this, [this](const SyncResult &result) {
        m_lastResult = result;
        emit runFinished(result);
    });
    m_thread->start();
}

SyncEngine::~SyncEngine()
{
    m_worker->cancelFlag = true;
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void SyncEngine::setSession(const SyncSession &session)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, session] { worker->setSession(session); }, Qt::QueuedConnection);
}

void SyncEngine::setConnectionMonitor(ConnectionMonitor *monitor)
{
    connect(monitor, &ConnectionMonitor::stateChanged, this, [this](ConnectionMonitor::State state) {
        if (state == ConnectionMonitor::State::Online)
            QMetaObject::invokeMethod(
                m_worker, [worker = m_worker] { worker->trigger(false); }, Qt::QueuedConnection);
    });
}

void SyncEngine::start()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->start(); }, Qt::QueuedConnection);
}

void SyncEngine::stop()
{
    m_worker->cancelFlag = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stop(); }, Qt::QueuedConnection);
}

void SyncEngine::syncNow()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->trigger(true); }, Qt::QueuedConnection);
}

void SyncEngine::setState(State state, const QDateTime &nextRunAt)
{
    m_nextRunAt = nextRunAt;
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString SyncEngine::stateText(State state)
{
    switch (state) {
    case State::Stopped:
        return Tr::tr("Sync is off");
    case State::Idle:
        return Tr::tr("Synced");
    case State::Running:
        return Tr::tr("Syncing…");
    case State::WaitingToRetry:
        return Tr::tr("Sync failed; trying again soon");
    case State::SignInRequired:
        return Tr::tr("Sign in again to sync");
    case State::Halted:
        return Tr::tr("Sync stopped: the server's history was rewritten");
    }
    return {};
}

SyncResult SyncEngine::runOnce(const QSqlDatabase &db, const SyncSession &session, const SyncOptions &options,
                               const std::function<void(const SyncProgress &)> &progress,
                               const std::function<void(const SyncRejection &)> &rejected)
{
    ApiClient api;
    Internal::SyncRun run(db, &api, session, options, {progress, rejected});
    return run.run();
}

} // namespace ow::sync
