// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/test/centralprocess.h"
#include "ow/test/fixtures.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace ow::test {

CentralProcess::~CentralProcess()
{
    stop();
}

bool CentralProcess::start(const QString &dataDir, const QStringList &extraArguments)
{
    QStringList arguments{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir, QStringLiteral("--lang"),
                          QStringLiteral("en")};
    arguments += extraArguments;
    // A restart (after stop() or kill()) reports a new port: forget the last run's output.
    m_output.clear();
    m_error.clear();
    m_port = 0;
    m_url = QUrl();
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // A test or benchmark that is killed (a timeout, Ctrl+C) takes its server with it
    // instead of leaving it running against a database that is gone.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process.start(executablePath(QStringLiteral("onewindow-central")), arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("onewindow-central did not start: ") + m_process.errorString();
        return false;
    }
    // The server prints "… listening on http://127.0.0.1:PORT …" once it accepts connections.
    static const QRegularExpression listening(QStringLiteral("listening on (https?)://([^ :]+):(\\d+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running) {
            m_output += m_process.readAllStandardOutput();
            m_error = QStringLiteral("onewindow-central exited: ")
                      + QString::fromUtf8(m_process.readAllStandardError()).trimmed();
            return false;
        }
        m_process.waitForReadyRead(100);
        m_output += m_process.readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_port = static_cast<quint16>(match.captured(3).toUInt());
            m_url = QUrl(match.captured(1) + QStringLiteral("://127.0.0.1:") + match.captured(3));
            return true;
        }
    }
    m_error = QStringLiteral("onewindow-central did not report listening within 20 s");
    return false;
}

void CentralProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        kill();
}

void CentralProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

} // namespace ow::test
