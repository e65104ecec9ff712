// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/migrations.h"

#include "ow/storage/tr.h"
#include "ow/storage/transaction.h"
#include "schema_p.h"
#include "sqlerror_p.h"
#include "timeformat_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ow::storage {

namespace {

// The stored version, or -1 with `error` set.
int readVersion(const QSqlDatabase &db, QSqlError *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master "
                                   "WHERE type = 'table' AND name = 'schema_migrations'"))
        || !query.next()) {
        *error = query.lastError();
        return -1;
    }
    if (query.value(0).toInt() == 0)
        return 0;
    if (!query.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations"))
        || !query.next()) {
        *error = query.lastError();
        return -1;
    }
    return query.value(0).toInt();
}

} // namespace

int Migrations::latestVersion()
{
    return Internal::schemaSteps().constLast().version;
}

int Migrations::storedVersion(const QSqlDatabase &db)
{
    QSqlError error;
    return readVersion(db, &error);
}

DatabaseError Migrations::migrate(QSqlDatabase &db, QString *message, int targetVersion)
{
    const QString shown = Database::displayName(db);
    const int latest = latestVersion();
    const auto report = [message](DatabaseError error, const QString &text) {
        if (message)
            *message = text;
        return error;
    };
    if (message)
        message->clear();
    const int target = targetVersion < 0 ? latest : targetVersion;
    if (target > latest) {
        return report(DatabaseError::Other,
                      Tr::tr("Cannot update the store %1 to schema version %2: this version of "
                             "OneWindow knows versions up to %3.")
                          .arg(shown)
                          .arg(target)
                          .arg(latest));
    }

    QSqlError error;
    const int stored = readVersion(db, &error);
    if (stored < 0) {
        return report(
            Internal::classifySqlError(error),
            Tr::tr("Cannot read the schema version of the store %1: %2.").arg(shown, error.databaseText()));
    }
    if (stored > latest) {
        return report(DatabaseError::TooNew,
                      Tr::tr("The store %1 was written by a newer version of OneWindow (schema version "
                             "%2; this version knows up to %3). It was not changed. Install the newer "
                             "version of OneWindow to open it.")
                          .arg(shown)
                          .arg(stored)
                          .arg(latest));
    }

    for (const Internal::SchemaStep &step : Internal::schemaSteps()) {
        if (step.version <= stored || step.version > target)
            continue;
        Transaction transaction(db);
        // Another process may have migrated meanwhile; the write lock is ours now.
        const int current = transaction.isActive() ? readVersion(db, &error) : -1;
        if (!transaction.isActive())
            error = transaction.lastError();
        bool ok = current >= 0;
        if (ok && current < step.version) {
            QSqlQuery query(db);
            for (const char *statement : step.statements) {
                if (!query.exec(QString::fromUtf8(statement))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                query.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) "
                                             "VALUES (?, ?)"));
                query.addBindValue(step.version);
                query.addBindValue(Internal::nowText());
                ok = query.exec();
            }
            if (!ok)
                error = query.lastError();
        }
        if (ok && !transaction.commit()) {
            ok = false;
            error = transaction.lastError();
        }
        if (!ok) {
            transaction.rollback();
            DatabaseError kind = Internal::classifySqlError(error);
            if (kind != DatabaseError::Io && kind != DatabaseError::Corrupt)
                kind = DatabaseError::Other;
            return report(kind,
                          Tr::tr("Could not update the store %1 to schema version %2: %3. The store stays "
                                 "at schema version %4; check the disk (space, permissions), then start "
                                 "OneWindow again.")
                              .arg(shown)
                              .arg(step.version)
                              .arg(error.databaseText())
                              .arg(step.version - 1));
        }
    }
    return DatabaseError::None;
}

} // namespace ow::storage
