// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// The append-only event log. Appending an event also writes its case's
// projection and, for events recorded here, queues it for sync — atomically.
// Failed calls return false / nullopt / empty and set lastError() (translated);
// successful ones clear it. Destroy repositories before closing their connection.
class OW_STORAGE_EXPORT EventRepository
{
public:
    enum class Origin {
        Local, // recorded on this device: queued in the outbox
        Pulled, // received from the server: not queued again
    };

    explicit EventRepository(const QSqlDatabase &db);
    ~EventRepository();
    EventRepository(const EventRepository &) = delete;
    EventRepository &operator=(const EventRepository &) = delete;

    // In one transaction (a savepoint inside a caller's Transaction): inserts
    // `event`, inserts or replaces the `projection` row of its case, and for a
    // Local event adds it to the outbox. Nothing is written if any step fails.
    bool append(const EventRecord &event, const CaseRecord &projection, Origin origin = Origin::Local);

    // Events received from the server are numbered in their device's chain
    // after this base plus their serverSeq: the wire format carries no device
    // sequence, and the server keeps each device's order.
    static constexpr qint64 PulledSeqBase = qint64(1) << 40;

    // Stores an event received from the server (its serverSeq set) unless an
    // event with its id is already held; `inserted` says which. The caller
    // rebuilds the case's projection (CaseJournal::storePulled does both).
    bool insertPulled(const EventRecord &event, bool *inserted);
    // Replaces the projection row of `caseId`, or removes it when `projection`
    // is empty (every event of the case was refused by the server).
    bool saveProjection(const QString &caseId, const std::optional<CaseRecord> &projection);

    // The server's refusals. The event stays; its case's projection leaves it out.
    bool addRejection(const EventRejection &rejection);
    std::optional<EventRejection> rejection(const QString &eventId) const;
    // Every refusal, oldest first.
    QList<EventRejection> rejections() const;

    std::optional<EventRecord> find(const QString &id) const;
    bool contains(const QString &id) const;
    // A case's events in the order they happened (at, then id).
    QList<EventRecord> eventsOfCase(const QString &caseId) const;
    // The same without the events the server refused.
    QList<EventRecord> unrejectedEventsOfCase(const QString &caseId) const;
    // The device's event with the highest device_seq: the head of its hash chain.
    std::optional<EventRecord> lastOfDevice(const QString &deviceId) const;
    // Every event of a device in device_seq order: its whole hash chain.
    QList<EventRecord> eventsOfDevice(const QString &deviceId) const;
    qint64 count() const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
