// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "startupmeasure.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

#include <algorithm>
#include <cstdio>

namespace ow::bench {

StartupFigures measureStartup(const QString &program, const QString &dataDir, int runs)
{
    StartupFigures figures;
    if (!QFileInfo(program).isExecutable()) {
        figures.error = QStringLiteral("%1 is not there; build the onewindow target").arg(program);
        return figures;
    }
    for (int run = 0; run < runs; ++run) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("OW_REPORT_READY"), QStringLiteral("1"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        QElapsedTimer timer;
        timer.start();
        process.start(program,
                      {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--data-dir"),
                       dataDir, QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QByteArray seen;
        double wallMs = -1;
        // Reads stderr as it comes; the line is printed when the dialog is first painted.
        while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
            process.waitForReadyRead(20);
            seen += process.readAllStandardError();
            const qsizetype at = seen.indexOf("ready: login ");
            if (at >= 0 && seen.indexOf('\n', at) > at) {
                wallMs = double(timer.nsecsElapsed()) / 1e6;
                const qsizetype end = seen.indexOf('\n', at);
                figures.reportedMs.append(seen.mid(at + 13, end - at - 13).trimmed().toDouble());
                break;
            }
            if (timer.elapsed() > 60000)
                break;
        }
        process.kill();
        process.waitForFinished(10000);
        if (wallMs < 0) {
            figures.error
                = QStringLiteral("the workstation did not report its login window (run %1); it wrote:\n%2")
                      .arg(run + 1)
                      .arg(QString::fromLocal8Bit(seen + process.readAllStandardError()));
            return figures;
        }
        std::fprintf(stderr, "  start %d: %.1f ms\n", run + 1, wallMs);
        figures.wallMs.append(wallMs);
    }
    QList<double> sorted = figures.wallMs;
    std::sort(sorted.begin(), sorted.end());
    figures.medianMs = sorted.size() % 2
        ? sorted.at(sorted.size() / 2)
        : (sorted.at(sorted.size() / 2 - 1) + sorted.at(sorted.size() / 2)) / 2;
    figures.maxMs = sorted.constLast();
    return figures;
}

} // namespace ow::bench
