// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// What sync has already received: the pull cursor per stream (e.g. "events"),
// the imported catalogue versions, the server's log key and last verified
// tree head, and the history of sync runs. Failed calls set lastError().
class OW_STORAGE_EXPORT SyncStateRepository
{
public:
    explicit SyncStateRepository(const QSqlDatabase &db);
    ~SyncStateRepository();
    SyncStateRepository(const SyncStateRepository &) = delete;
    SyncStateRepository &operator=(const SyncStateRepository &) = delete;

    // Empty when nothing was pulled yet.
    QString cursor(const QString &stream) const;
    bool setCursor(const QString &stream, const QString &cursor);

    // Keeps an imported catalogue; a version is imported once (a repeat is an error).
    bool addCatalogVersion(const CatalogVersionRecord &record);
    std::optional<CatalogVersionRecord> catalogVersion(const QString &version) const;
    // The most recently imported catalogue.
    std::optional<CatalogVersionRecord> latestCatalogVersion() const;
    // Every imported version, oldest import first.
    QStringList catalogVersions() const;

    bool clearCursor(const QString &stream);

    // The server's log public key (base64), pinned at the first sync; empty before.
    QString serverLogKey() const;
    // Pins the key; refused if a different one is pinned already.
    bool pinServerLogKey(const QString &publicKey);
    // The last tree head whose signature and consistency were checked.
    std::optional<TreeHeadRecord> verifiedTreeHead() const;
    // Needs the key pinned first.
    bool setVerifiedTreeHead(const TreeHeadRecord &head);

    // Sync history: a run is written when it starts and again when it ends, so
    // a run cut off (process killed) stays visible as one that never finished.
    qint64 beginSyncRun(const QDateTime &startedAt = {});
    bool finishSyncRun(const SyncRunRecord &run);
    // Most recent first.
    QList<SyncRunRecord> syncRuns(int limit = 50) const;

    QString lastError() const { return m_lastError; }

private:
    std::optional<CatalogVersionRecord> readCatalog(const QString &sql, const QString &argument) const;

    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
