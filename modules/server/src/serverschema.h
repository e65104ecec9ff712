// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace ow::server::Internal {

// The two database engines the server runs on. Migrations spell their SQL per dialect
// but keep one logical schema.
enum class SqlDialect { Postgres, SqlCipher };

struct ServerMigration
{
    int version;
    QString description;
    std::function<QStringList(SqlDialect)> statements; // SQL per dialect, run in order in one transaction
};

// Applies missing migrations of one component ("auth", "log", "blobs", ...) in order, each in its own
// transaction, recorded in schema_migrations(component, version, applied_at). A database holding a newer
// version of the component than `migrations` knows is refused with a translated error, untouched.
bool migrateComponent(QSqlDatabase &db, SqlDialect dialect, const QString &component,
                      const QList<ServerMigration> &migrations, QString *error);

// The highest version of `component` recorded in the database, 0 when none (or no table yet).
int componentVersion(QSqlDatabase &db, const QString &component, QString *error = nullptr);

} // namespace ow::server::Internal
