// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// What sync has already received: the pull cursor per stream (e.g. "events")
// and the imported catalogue versions. Failed calls set lastError().
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

    QString lastError() const { return m_lastError; }

private:
    std::optional<CatalogVersionRecord> readCatalog(const QString &sql, const QString &argument) const;

    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
