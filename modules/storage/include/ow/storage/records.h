// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

// Plain records the repositories read and write. They carry no case semantics:
// the case engine decides what event types and payloads mean.
namespace ow::storage {

struct EventRecord
{
    QString id; // UUIDv7, lower-case text without braces
    QString caseId;
    QString type;
    QString actorUser;
    QString actorOffice;
    QString deviceId;
    qint64 deviceSeq = 0; // 1, 2, 3, ... per device, in recording order
    QString at; // RFC 3339 UTC text, kept exactly as hashed
    QString payload; // JSON text, kept exactly as hashed
    QString prevHash; // hash of the device's previous event; empty for its first
    QString hash;
    qint64 serverSeq = 0; // 0 until the event came back from the server
    QDateTime receivedAt; // set by the server
    QString actorRole; // "clerk", "reviewer", ...; "" on events stored before schema version 3
};

struct CaseRecord
{
    QString id;
    QString caseNumber; // e.g. 330102-20261122-D07-000123-8 (ow::cases::CaseNumber)
    QString state;
    QString itemCode;
    QString applicantIdNumber;
    QString applicantName;
    QString office;
    QString department;
    QDateTime acceptedAt;
    QDate deadline; // invalid: no time limit running
    QDateTime updatedAt;
    QString catalogVersion;
    QString details = QStringLiteral("{}"); // JSON text for the case engine's own fields
    QString lastEventId;
};

enum class ApplicantKind { Natural, Legal };

struct ApplicantRecord
{
    QString idNumber; // citizen ID number or unified social credit code
    ApplicantKind kind = ApplicantKind::Natural;
    QString name;
    QString phone;
    QString address;
    QDateTime updatedAt;
};

struct AttachmentRecord
{
    QString sha256; // lower-case hex of the bytes
    QString mediaType;
    QByteArray bytes;
    QDateTime createdAt;
};

struct OutboxEntry
{
    qint64 seq = 0; // queue order
    EventRecord event;
    QDateTime queuedAt;
    int attempts = 0;
    QDateTime lastAttemptAt;
    QString lastError;
};

// Where a work-queue page ends: the next page starts after (deadline, caseId).
struct WorkQueueCursor
{
    QDate deadline;
    QString caseId;
    bool isNull() const { return caseId.isEmpty(); }
};

struct WorkQueuePage
{
    QList<CaseRecord> cases;
    WorkQueueCursor next; // null when this was the last page
};

struct CatalogVersionRecord
{
    QString version;
    QDateTime importedAt;
    QString document; // the catalogue JSON as imported
};

} // namespace ow::storage
