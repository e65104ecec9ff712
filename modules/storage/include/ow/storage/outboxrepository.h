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

// Events recorded here and not yet accepted by the central server, in the
// order they were recorded. EventRepository::append() fills it. An entry is
// pending until the server has the event (it then leaves the outbox) or
// refuses it for good (it is then parked, with the server's code and reason).
class OW_STORAGE_EXPORT OutboxRepository
{
public:
    explicit OutboxRepository(const QSqlDatabase &db);
    ~OutboxRepository();
    OutboxRepository(const OutboxRepository &) = delete;
    OutboxRepository &operator=(const OutboxRepository &) = delete;

    // The oldest `limit` pending entries with their events, in recording order.
    QList<OutboxEntry> pending(int limit = 100) const;
    // Parked entries, oldest first.
    QList<OutboxEntry> parked(int limit = 1000) const;
    std::optional<OutboxEntry> entry(const QString &eventId) const;
    // The server has the events (accepted or duplicate): they leave the outbox.
    bool markPushed(const QStringList &eventIds);
    // A push was tried and failed for now (network, server error): counts the
    // attempt and keeps the reason; the entry stays pending.
    bool markFailed(const QString &eventId, const QString &error, const QString &code = {});
    // The server refused the event for good: counts the attempt and parks the entry.
    bool park(const QString &eventId, const QString &code, const QString &reason);
    // Every entry, pending and parked.
    qint64 count() const;
    qint64 pendingCount() const;
    qint64 parkedCount() const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
