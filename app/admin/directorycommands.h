// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "command.h"

#include <QCommandLineParser>

#include <optional>

namespace ow::server {
struct ServerConfig;
}

namespace ow::admin {

// offices, departments, users: the central server's directory, in its
// database (--central-data-dir DIR or --database postgresql://…).
void addDirectoryCommands(Commands &commands);

// Adds --central-data-dir and --database to `parser`.
void addServerDatabaseOptions(QCommandLineParser &parser);
// The server database named by those options; nullopt when neither or both are given.
std::optional<server::ServerConfig> serverDatabaseConfig(const QCommandLineParser &parser);

} // namespace ow::admin
