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

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// Events recorded here and not yet accepted by the central server, in the
// order they were recorded. EventRepository::append() fills it.
class OW_STORAGE_EXPORT OutboxRepository
{
public:
    explicit OutboxRepository(const QSqlDatabase &db);
    ~OutboxRepository();
    OutboxRepository(const OutboxRepository &) = delete;
    OutboxRepository &operator=(const OutboxRepository &) = delete;

    // The oldest `limit` entries with their events.
    QList<OutboxEntry> pending(int limit = 100) const;
    // The server has the events (accepted or duplicate): they leave the outbox.
    bool markPushed(const QStringList &eventIds);
    // A push was tried and failed: counts the attempt and keeps the reason.
    bool markFailed(const QString &eventId, const QString &error);
    qint64 count() const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
