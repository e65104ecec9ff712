// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/sync/usersession.h>

#include <QString>
#include <QUrl>

namespace ow::ui {

// Who is working at this workstation and against which server.
struct Session
{
    QString userName;
    QUrl serverUrl;
    QString dataDir;
    // The user as the server (or, offline, the credential cache) describes them.
    sync::UserSession user;
};

} // namespace ow::ui
