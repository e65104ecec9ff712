// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/serverconfig.h"

#include "serverschema.h"

#include <QSqlDatabase>
#include <QString>

class QThread;

namespace ow::server::Internal {

// The server's database connection: the embedded SQLCipher store in the data
// directory (keyed from a key file readable only by the server's user, or a
// systemd credential), or PostgreSQL.
class ServerDatabase
{
public:
    ~ServerDatabase();

    // An embedded store that does not exist yet is created, with its key, unless
    // `createIfMissing` is false (then it is an error naming the directory).
    bool open(const ServerConfig &config, QString *error, bool createIfMissing = true);
    // Whether the database answers a trivial query right now.
    bool ping(QString *error = nullptr);
    QString kind() const { return m_kind; }
    SqlDialect dialect() const { return m_dialect; }
    QSqlDatabase database() const;
    // The calling thread's own connection to the same database (PostgreSQL
    // only), opened on first use and closed when the thread ends; the
    // connection of database() in the thread that opened it. Invalid, with
    // `error`, when it cannot be opened.
    QSqlDatabase threadDatabase(QString *error) const;

private:
    bool openEmbedded(const ServerConfig &config, QString *error, bool createIfMissing);
    bool openPostgres(const ServerConfig &config, QString *error);

    QString m_connectionName;
    QThread *m_thread = nullptr; // that opened the PostgreSQL connection
    QString m_kind;
    SqlDialect m_dialect = SqlDialect::SqlCipher;
};

} // namespace ow::server::Internal
