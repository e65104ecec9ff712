// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace ow::test {

// A real onewindow-central process on loopback, on a port the system picks,
// stopped (SIGTERM, then SIGKILL) when the object goes away.
class CentralProcess
{
public:
    CentralProcess() = default;
    ~CentralProcess();

    // Starts the server with `--data-dir dataDir` plus `extraArguments` and
    // waits until it listens. On failure returns false; error() says why.
    bool start(const QString &dataDir, const QStringList &extraArguments = {});
    void stop();
    // Kills without a chance to clean up, like a power cut.
    void kill();

    QUrl url() const { return m_url; }
    quint16 port() const { return m_port; }
    QString error() const { return m_error; }
    QByteArray output() const { return m_output; }
    // The server's process id while it runs (e.g. to read its memory use).
    qint64 processId() const { return m_process.processId(); }

private:
    QProcess m_process;
    QUrl m_url;
    quint16 m_port = 0;
    QString m_error;
    QByteArray m_output;
};

} // namespace ow::test
