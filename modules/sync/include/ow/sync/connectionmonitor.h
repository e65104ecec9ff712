// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace ow::sync {

// Watches whether the central server is reachable by probing its /healthz.
// Offices lose their link often; the workstation keeps working offline and
// shows the state so the clerk knows whether work is being synced.
class OW_SYNC_EXPORT ConnectionMonitor : public QObject
{
    Q_OBJECT

public:
    enum class State { Unknown, Online, Degraded, Offline };
    Q_ENUM(State)

    explicit ConnectionMonitor(QObject *parent = nullptr);
    ~ConnectionMonitor() override;

    void setServerUrl(const QUrl &url);
    QUrl serverUrl() const { return m_serverUrl; }
    // Probe interval while running; the default suits a village link.
    void setInterval(int milliseconds);
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    State state() const { return m_state; }
    // Translated explanation of the last probe's outcome.
    QString detail() const { return m_detail; }
    QString serverVersion() const { return m_serverVersion; }

    void start();
    void stop();
    // Probes once now (also while stopped).
    void probe();

    static QString stateText(State state);

signals:
    void stateChanged(ow::sync::ConnectionMonitor::State state);
    void probed();

private:
    void finish(QNetworkReply *reply);
    void setState(State state, const QString &detail);

    QNetworkAccessManager *m_network;
    QTimer *m_timer;
    QUrl m_serverUrl;
    QNetworkReply *m_pending = nullptr;
    State m_state = State::Unknown;
    QString m_detail;
    QString m_serverVersion;
    int m_timeoutMs = 5000;
};

} // namespace ow::sync
