// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "syncworker.h"

#include "ow/sync/apiclient.h"
#include "ow/sync/tr.h"
#include "syncrun.h"

#include <QTimer>

#include <algorithm>

namespace ow::sync::Internal {

SyncWorker::SyncWorker(StoreConnectionFactory connection, const SyncOptions &options)
    : m_factory(std::move(connection))
    , m_options(options)
{ }

SyncWorker::~SyncWorker() = default;

void SyncWorker::setSession(const SyncSession &session)
{
    m_session = session;
    if (m_state == SyncEngine::State::SignInRequired)
        schedule(0, SyncEngine::State::Idle);
}

void SyncWorker::start()
{
    cancelFlag = false;
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &SyncWorker::runNow);
    }
    if (!m_api)
        m_api = new ApiClient(this);
    if (!m_connection) {
        QString error;
        m_connection = m_factory(&error);
        if (!m_connection) {
            emit storeError(error);
            m_state = SyncEngine::State::Stopped;
            emit stateChanged(m_state, {});
            return;
        }
    }
    schedule(0, SyncEngine::State::Idle);
}

void SyncWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    cancelFlag = m_running;
    m_again = false;
    m_state = SyncEngine::State::Stopped;
    emit stateChanged(m_state, {});
}

void SyncWorker::trigger(bool explicitRequest)
{
    if (m_state == SyncEngine::State::Stopped)
        return;
    if (!explicitRequest
        && (m_state == SyncEngine::State::Halted || m_state == SyncEngine::State::SignInRequired))
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    runNow();
}

void SyncWorker::schedule(qint64 delayMs, SyncEngine::State state)
{
    m_state = state;
    if (!m_timer || state == SyncEngine::State::Stopped) {
        emit stateChanged(m_state, {});
        return;
    }
    m_timer->start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
    emit stateChanged(m_state, QDateTime::currentDateTimeUtc().addMSecs(delayMs));
}

void SyncWorker::runNow()
{
    if (m_running || !m_connection || m_state == SyncEngine::State::Stopped)
        return;
    m_running = true;
    m_again = false;
    m_timer->stop();
    m_state = SyncEngine::State::Running;
    emit stateChanged(m_state, {});
    emit runStarted();

    SyncRun::Callbacks callbacks;
    callbacks.progress = [this](const SyncProgress &value) {
        emit progress(value);
    };
    callbacks.rejected = [this](const SyncRejection &value) {
        emit eventRejected(value);
    };
    SyncRun run(m_connection->database(), m_api, m_session, m_options, callbacks, &cancelFlag);
    const SyncResult result = run.run();
    m_running = false;
    emit runFinished(result);
    if (cancelFlag || m_state == SyncEngine::State::Stopped) {
        cancelFlag = false;
        m_state = SyncEngine::State::Stopped;
        emit stateChanged(m_state, {});
        return;
    }

    switch (result.outcome) {
    case SyncResult::Outcome::Succeeded:
        m_failures = 0;
        schedule(m_again ? 0 : m_options.intervalMs, SyncEngine::State::Idle);
        break;
    case SyncResult::Outcome::Failed: {
        ++m_failures;
        qint64 delay = m_options.backoff.delayMs(m_failures);
        if (result.apiError.retryAfterSeconds > 0)
            delay = std::max<qint64>(delay, qint64(result.apiError.retryAfterSeconds) * 1000);
        schedule(m_again ? 0 : delay, SyncEngine::State::WaitingToRetry);
        break;
    }
    case SyncResult::Outcome::AuthenticationRequired:
        m_timer->stop();
        m_state = SyncEngine::State::SignInRequired;
        emit stateChanged(m_state, {});
        break;
    case SyncResult::Outcome::HistoryRewritten:
        m_timer->stop();
        m_state = SyncEngine::State::Halted;
        emit stateChanged(m_state, {});
        break;
    }
}

void SyncWorker::cleanup()
{
    if (m_timer)
        m_timer->stop();
    delete m_api;
    m_api = nullptr;
    m_connection.reset();
}

} // namespace ow::sync::Internal
