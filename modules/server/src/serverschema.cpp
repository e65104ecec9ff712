// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "serverschema.h"

#include "ow/server/tr.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

namespace {

QString createMigrationsTable(SqlDialect dialect)
{
    Q_UNUSED(dialect);
    return QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "component TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL,"
                          " applied_at TEXT NOT NULL, PRIMARY KEY (component, version))");
}

// Several server processes may share one PostgreSQL and start together: the
// transaction-scoped advisory lock lets one of them migrate while the others
// wait and then find the work done. SQLCipher's write lock does the same job
// (BEGIN IMMEDIATE is what Qt's transaction() gives on the first write).
bool lockMigrations(QSqlDatabase &db, SqlDialect dialect, QString *error)
{
    if (dialect != SqlDialect::Postgres)
        return true;
    QSqlQuery query(db);
    // CREATE TABLE IF NOT EXISTS would otherwise print a NOTICE on every start.
    if (!query.exec(QStringLiteral("SET LOCAL client_min_messages = warning"))
        || !query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7273746572)"))) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

int readVersion(QSqlDatabase &db, const QString &component, bool *ok, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT MAX(version) FROM schema_migrations WHERE component = ?"));
    query.addBindValue(component);
    if (!query.exec() || !query.next()) {
        *ok = false;
        if (error)
            *error = query.lastError().text();
        return 0;
    }
    *ok = true;
    return query.value(0).isNull() ? 0 : query.value(0).toInt();
}

} // namespace

int componentVersion(QSqlDatabase &db, const QString &component, QString *error)
{
    bool ok = false;
    const int version = readVersion(db, component, &ok, error);
    return ok ? version : 0;
}

bool migrateComponent(QSqlDatabase &db, SqlDialect dialect, const QString &component,
                      const QList<ServerMigration> &migrations, QString *error)
{
    const int known = migrations.isEmpty() ? 0 : migrations.constLast().version;
    auto fail = [&](const QString &detail) {
        db.rollback();
        *error = Tr::tr("Cannot update the database schema of \"%1\": %2").arg(component, detail);
        return false;
    };

    for (qsizetype i = -1; i < migrations.size(); ++i) {
        // Step -1 only makes sure schema_migrations exists and checks the recorded version.
        if (!db.transaction())
            return fail(db.lastError().text());
        QString detail;
        if (!lockMigrations(db, dialect, &detail))
            return fail(detail);
        QSqlQuery query(db);
        if (!query.exec(createMigrationsTable(dialect)))
            return fail(query.lastError().text());
        bool ok = false;
        const int current = readVersion(db, component, &ok, &detail);
        if (!ok)
            return fail(detail);
        if (current > known) {
            db.rollback();
            *error = Tr::tr("The database holds version %1 of \"%2\", newer than this server knows (%3); "
                            "run a newer onewindow-central.")
                         .arg(current)
                         .arg(component)
                         .arg(known);
            return false;
        }
        if (i >= 0) {
            const ServerMigration &migration = migrations.at(i);
            if (migration.version > current) {
                for (const QString &statement : migration.statements(dialect)) {
                    if (!query.exec(statement))
                        return fail(Tr::tr("migration %1 (%2): %3")
                                        .arg(migration.version)
                                        .arg(migration.description, query.lastError().text()));
                }
                query.prepare(QStringLiteral("INSERT INTO schema_migrations (component, version, description,"
                                             " applied_at) VALUES (?, ?, ?, ?)"));
                query.addBindValue(component);
                query.addBindValue(migration.version);
                query.addBindValue(migration.description);
                query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
                if (!query.exec())
                    return fail(query.lastError().text());
            }
        }
        if (!db.commit())
            return fail(db.lastError().text());
    }
    return true;
}

} // namespace ow::server::Internal
