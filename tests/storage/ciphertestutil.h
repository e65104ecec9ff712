// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/sqlcipherdriver.h>

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

// Stores as SQLCipher makes them with its own defaults (HMAC-SHA512 pages,
// PBKDF2-HMAC-SHA512), which is what stores created before the SHA-256 profile
// have. They are made on a bare QSQLCIPHER connection keyed with PRAGMA key,
// bypassing Database::open, which only ever creates SHA-256 stores.
namespace ow::test::cipher {

// The raw key as SQLCipher's blob literal, for PRAGMA key.
inline QString keyLiteral(const QByteArray &rawKey)
{
    return QStringLiteral("\"x'%1'\"").arg(QString::fromLatin1(rawKey.toHex()));
}

// Runs `statements` on a bare connection to `path` keyed with SQLCipher's
// defaults; the first error is returned in `error`. With `schema`, the store
// is migrated to the latest schema first.
inline bool withDefaultKeyedConnection(const QString &path, const QByteArray &rawKey, bool schema,
                                       const QStringList &statements, QString *error,
                                       QStringList *firstColumn = nullptr)
{
    storage::registerSqlCipherDriver();
    const QString name = QStringLiteral("tst-default-keyed");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(storage::sqlCipherDriverName(), name);
        db.setDatabaseName(path);
        ok = db.open();
        if (!ok)
            *error = db.lastError().text();
        QSqlQuery query(db);
        QStringList all {QStringLiteral("PRAGMA key = %1").arg(keyLiteral(rawKey)),
                         QStringLiteral("PRAGMA journal_mode = WAL")};
        for (qsizetype i = 0; ok && i < all.size(); ++i) {
            if (!query.exec(all.at(i))) {
                *error = query.lastError().text();
                ok = false;
            }
        }
        query.finish();
        if (ok && schema && storage::Migrations::migrate(db, error) != storage::DatabaseError::None)
            ok = false;
        for (qsizetype i = 0; ok && i < statements.size(); ++i) {
            if (!query.exec(statements.at(i))) {
                *error = query.lastError().text();
                ok = false;
            }
            while (ok && firstColumn && query.next())
                firstColumn->append(query.value(0).toString());
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Creates a store at `path` with the latest schema and SQLCipher's default
// (legacy) profile, holding `values` as settings (key = value).
inline bool createLegacyStore(const QString &path, const QByteArray &rawKey, const QStringList &values,
                              QString *error)
{
    QStringList inserts;
    for (const QString &value : values) {
        inserts << QStringLiteral("INSERT INTO settings (key, value) VALUES ('%1', '%1')").arg(value);
    }
    inserts << QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)");
    return withDefaultKeyedConnection(path, rawKey, true, inserts, error);
}

// True when a connection keyed with SQLCipher's defaults can read `path`:
// the file itself, not only a connection's settings, has the legacy profile.
inline bool readableWithDefaults(const QString &path, const QByteArray &rawKey)
{
    QString error;
    return withDefaultKeyedConnection(path, rawKey, false, {QStringLiteral("SELECT count(*) FROM sqlite_master")},
                                      &error);
}

// The value of a one-row PRAGMA on an open connection.
inline QString pragma(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA ") + name) || !query.next())
        return {};
    return query.value(0).toString();
}

} // namespace ow::test::cipher
