// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/connectionmonitor.h"
#include "ow/sync/tr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace ow::sync {

ConnectionMonitor::ConnectionMonitor(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(15000);
    connect(m_timer, &QTimer::timeout, this, &ConnectionMonitor::probe);
}

ConnectionMonitor::~ConnectionMonitor() = default;

void ConnectionMonitor::setServerUrl(const QUrl &url)
{
    m_serverUrl = url;
}

void ConnectionMonitor::setInterval(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

void ConnectionMonitor::start()
{
    probe();
    m_timer->start();
}

void ConnectionMonitor::stop()
{
    m_timer->stop();
}

void ConnectionMonitor::probe()
{
    if (m_pending)
        return;
    if (!m_serverUrl.isValid() || m_serverUrl.isEmpty()) {
        setState(State::Offline, Tr::tr("No central server is configured."));
        emit probed();
        return;
    }
    QUrl url = m_serverUrl;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + QStringLiteral("healthz"));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_pending = m_network->get(request);
    connect(m_pending, &QNetworkReply::finished, this, [this, reply = m_pending] { finish(reply); });
}

void ConnectionMonitor::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    m_pending = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    m_serverVersion = body.value(QStringLiteral("version")).toString();

    const bool isOurs = body.contains(QStringLiteral("database")) && body.contains(QStringLiteral("status"));
    if (status == 200 && isOurs && body.value(QStringLiteral("status")).toString() == QLatin1String("ok")) {
        setState(State::Online, Tr::tr("Connected to %1.").arg(m_serverUrl.toDisplayString()));
    } else if (isOurs) {
        setState(State::Degraded,
                 Tr::tr("The central server answers, but its database is unavailable."));
    } else if (status != 0) {
        setState(State::Offline, Tr::tr("%1 did not answer as a OneWindow central server (HTTP %2).")
                                     .arg(m_serverUrl.toDisplayString())
                                     .arg(status));
    } else {
        setState(State::Offline, Tr::tr("Cannot reach %1: %2")
                                     .arg(m_serverUrl.toDisplayString(), reply->errorString()));
    }
    emit probed();
}

void ConnectionMonitor::setState(State state, const QString &detail)
{
    m_detail = detail;
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString ConnectionMonitor::stateText(State state)
{
    switch (state) {
    case State::Online:
        return Tr::tr("Online");
    case State::Degraded:
        return Tr::tr("Server degraded");
    case State::Offline:
        return Tr::tr("Offline");
    case State::Unknown:
        break;
    }
    return Tr::tr("Checking…");
}

} // namespace ow::sync
