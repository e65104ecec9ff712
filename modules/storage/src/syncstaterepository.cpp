// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/syncstaterepository.h"

#include "ow/storage/tr.h"
#include "repositoryutil_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

SyncStateRepository::SyncStateRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

SyncStateRepository::~SyncStateRepository() = default;

QString SyncStateRepository::cursor(const QString &stream) const
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("SELECT cursor FROM sync_cursors WHERE stream = ?"), &m_lastError);
    if (!query)
        return {};
    query->addBindValue(stream);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return {};
    const QString value = query->next() ? query->value(0).toString() : QString();
    query->finish();
    return value;
}

bool SyncStateRepository::setCursor(const QString &stream, const QString &cursor)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, "
                       "updated_at = excluded.updated_at"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(stream);
    query->addBindValue(cursor);
    query->addBindValue(Internal::nowText());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

bool SyncStateRepository::clearCursor(const QString &stream)
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("DELETE FROM sync_cursors WHERE stream = ?"), &m_lastError);
    if (!query)
        return false;
    query->addBindValue(stream);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

QString SyncStateRepository::serverLogKey() const
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("SELECT public_key FROM server_log WHERE id = 1"), &m_lastError);
    if (!query || !m_statements->exec(query, Access::Read, &m_lastError))
        return {};
    const QString key = query->next() ? query->value(0).toString() : QString();
    query->finish();
    return key;
}

bool SyncStateRepository::pinServerLogKey(const QString &publicKey)
{
    const QString pinned = serverLogKey();
    if (!m_lastError.isEmpty())
        return false;
    if (!pinned.isEmpty()) {
        if (pinned == publicKey)
            return true;
        m_lastError = Tr::tr("The central server's log key differs from the one this workstation pinned at "
                             "its first sync; the key was not changed.");
        return false;
    }
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO server_log (id, public_key, pinned_at) VALUES (1, ?, ?)"), &m_lastError);
    if (!query)
        return false;
    query->addBindValue(publicKey);
    query->addBindValue(Internal::nowText());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

std::optional<TreeHeadRecord> SyncStateRepository::verifiedTreeHead() const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT tree_size, root_hash, head_timestamp, signature, verified_at FROM server_log "
                       "WHERE id = 1 AND tree_size IS NOT NULL"),
        &m_lastError);
    if (!query || !m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<TreeHeadRecord> head;
    if (query->next())
        head = TreeHeadRecord {query->value(0).toLongLong(), query->value(1).toString(),
                               query->value(2).toString(), query->value(3).toString(),
                               Internal::parseDateTime(query->value(4))};
    query->finish();
    return head;
}

bool SyncStateRepository::setVerifiedTreeHead(const TreeHeadRecord &head)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral(
            "UPDATE server_log SET tree_size = ?, root_hash = ?, head_timestamp = ?, signature = ?, "
            "verified_at = ? WHERE id = 1"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(head.size);
    query->addBindValue(head.rootHash);
    query->addBindValue(head.timestamp);
    query->addBindValue(head.signature);
    query->addBindValue(head.verifiedAt.isValid() ? Internal::dateTimeText(head.verifiedAt)
                                                  : Internal::nowText());
    if (!m_statements->exec(query, Access::Write, &m_lastError))
        return false;
    if (query->numRowsAffected() != 1) {
        m_lastError = Tr::tr("The server's log key must be pinned before a tree head is kept.");
        return false;
    }
    return true;
}

namespace {

QString outcomeText(SyncRunRecord::Outcome outcome)
{
    switch (outcome) {
    case SyncRunRecord::Outcome::Succeeded:
        return QStringLiteral("succeeded");
    case SyncRunRecord::Outcome::Failed:
        return QStringLiteral("failed");
    case SyncRunRecord::Outcome::Running:
        break;
    }
    return QStringLiteral("running");
}

} // namespace

qint64 SyncStateRepository::beginSyncRun(const QDateTime &startedAt)
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("INSERT INTO sync_log (started_at) VALUES (?)"), &m_lastError);
    if (!query)
        return 0;
    query->addBindValue(startedAt.isValid() ? Internal::dateTimeText(startedAt) : Internal::nowText());
    if (!m_statements->exec(query, Access::Write, &m_lastError))
        return 0;
    return query->lastInsertId().toLongLong();
}

bool SyncStateRepository::finishSyncRun(const SyncRunRecord &run)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("UPDATE sync_log SET finished_at = ?, pushed = ?, pulled = ?, parked = ?, bytes = ?, "
                       "outcome = ?, error = ? WHERE id = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(run.finishedAt.isValid() ? Internal::dateTimeText(run.finishedAt)
                                                 : Internal::nowText());
    query->addBindValue(run.pushed);
    query->addBindValue(run.pulled);
    query->addBindValue(run.parked);
    query->addBindValue(run.bytes);
    query->addBindValue(outcomeText(run.outcome));
    query->addBindValue(run.error.isNull() ? QStringLiteral("") : run.error);
    query->addBindValue(run.id);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

QList<SyncRunRecord> SyncStateRepository::syncRuns(int limit) const
{
    m_lastError.clear();
    QList<SyncRunRecord> runs;
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT id, started_at, finished_at, pushed, pulled, parked, bytes, outcome, error "
                       "FROM sync_log ORDER BY id DESC LIMIT ?"),
        &m_lastError);
    if (!query)
        return runs;
    query->addBindValue(limit);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return runs;
    while (query->next()) {
        SyncRunRecord run;
        run.id = query->value(0).toLongLong();
        run.startedAt = Internal::parseDateTime(query->value(1));
        run.finishedAt = Internal::parseDateTime(query->value(2));
        run.pushed = query->value(3).toLongLong();
        run.pulled = query->value(4).toLongLong();
        run.parked = query->value(5).toLongLong();
        run.bytes = query->value(6).toLongLong();
        const QString outcome = query->value(7).toString();
        run.outcome = outcome == QLatin1String("succeeded") ? SyncRunRecord::Outcome::Succeeded
            : outcome == QLatin1String("failed")            ? SyncRunRecord::Outcome::Failed
                                                            : SyncRunRecord::Outcome::Running;
        run.error = query->value(8).toString();
        runs.append(run);
    }
    query->finish();
    return runs;
}

bool SyncStateRepository::addCatalogVersion(const CatalogVersionRecord &record)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO catalog_versions (version, imported_at, document) VALUES (?, ?, ?)"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(record.version);
    query->addBindValue(record.importedAt.isValid() ? Internal::dateTimeText(record.importedAt)
                                                    : Internal::nowText());
    query->addBindValue(record.document);
    return m_statements->exec(query, Access::Write, &m_lastError);
}

std::optional<CatalogVersionRecord> SyncStateRepository::readCatalog(const QString &sql,
                                                                     const QString &argument) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(sql, &m_lastError);
    if (!query)
        return std::nullopt;
    if (!argument.isNull())
        query->addBindValue(argument);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<CatalogVersionRecord> record;
    if (query->next()) {
        record = CatalogVersionRecord {query->value(0).toString(), Internal::parseDateTime(query->value(1)),
                                       query->value(2).toString()};
    }
    query->finish();
    return record;
}

std::optional<CatalogVersionRecord> SyncStateRepository::catalogVersion(const QString &version) const
{
    return readCatalog(QStringLiteral("SELECT version, imported_at, document FROM catalog_versions "
                                      "WHERE version = ?"),
                       version.isNull() ? QStringLiteral("") : version);
}

std::optional<CatalogVersionRecord> SyncStateRepository::latestCatalogVersion() const
{
    return readCatalog(QStringLiteral("SELECT version, imported_at, document FROM catalog_versions "
                                      "ORDER BY imported_at DESC, rowid DESC LIMIT 1"),
                       QString());
}

QStringList SyncStateRepository::catalogVersions() const
{
    m_lastError.clear();
    return m_statements->readRows(QStringLiteral("SELECT version FROM catalog_versions ORDER BY imported_at, rowid"),
                                  {}, [](const QSqlQuery &query) { return query.value(0).toString(); },
                                  &m_lastError);
}

} // namespace ow::storage
