// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/server_export.h"
#include "ow/server/serverconfig.h"

#include <QObject>

#include <memory>

namespace ow::server {

namespace Internal {
class CentralServerPrivate;
}

// onewindow-central: the county's or city's server that every office syncs
// with. Serves the JSON API of DESIGN.md under /api/v1 plus /healthz.
class OW_SERVER_EXPORT CentralServer : public QObject
{
    Q_OBJECT

public:
    explicit CentralServer(ServerConfig config, QObject *parent = nullptr);
    ~CentralServer() override;

    // Opens the database and starts listening. On failure returns false with
    // one translated line in `error`.
    bool start(QString *error);
    // The port actually listened on (differs from the configured one when that was 0).
    quint16 port() const;
    const ServerConfig &config() const;

private:
    std::unique_ptr<Internal::CentralServerPrivate> d;
};

} // namespace ow::server
