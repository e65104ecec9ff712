// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>
#include <QUrl>

namespace ow::ui {

// Who is working at this workstation and against which server.
struct Session
{
    QString userName;
    QUrl serverUrl;
    QString dataDir;
};

} // namespace ow::ui
