// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QList>
#include <QString>

namespace ow::bench {

struct StartupFigures
{
    QList<double> wallMs; // process started to the line "ready: login" read, per run
    QList<double> reportedMs; // what the workstation reported (from its Workstation object)
    double medianMs = 0;
    double maxMs = 0;
    QString error;
};

// Starts the real `onewindow` (offscreen, OW_REPORT_READY=1) on the data
// folder `runs` times and waits each time for its login dialog.
StartupFigures measureStartup(const QString &program, const QString &dataDir, int runs);

} // namespace ow::bench
