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

enum class OutboxState {
    Pending, // to be pushed (again)
    Parked, // the server refused it for good; kept with its code and reason
};

struct OutboxEntry
{
    qint64 seq = 0; // queue order
    EventRecord event;
    QDateTime queuedAt;
    int attempts = 0;
    QDateTime lastAttemptAt;
    QString lastError; // message, translated (the server's or ours)
    OutboxState state = OutboxState::Pending;
    QString lastErrorCode; // the server's machine code, e.g. "transition_not_allowed"
};

// The server refused an event for good. The event stays in the log; the
// case's projection leaves it out.
struct EventRejection
{
    QString eventId;
    QString code;
    QString reason;
    QDateTime rejectedAt;
};

enum class UploadState { Pending, Uploaded, Failed };

struct AttachmentUpload
{
    QString sha256;
    qint64 size = 0;
    UploadState state = UploadState::Pending;
    int attempts = 0;
    QDateTime lastAttemptAt;
    QString lastError;
};

// One sync run, as the history shows it.
struct SyncRunRecord
{
    enum class Outcome { Running, Succeeded, Failed };

    qint64 id = 0;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while running (or if the run was cut off)
    qint64 pushed = 0;
    qint64 pulled = 0;
    qint64 parked = 0;
    qint64 bytes = 0; // sent and received
    Outcome outcome = Outcome::Running;
    QString error; // translated, empty on success
};

// A signed tree head of the server's log (docs/sync-api.md, "The server's log").
struct TreeHeadRecord
{
    qint64 size = 0;
    QString rootHash; // lower-case hex
    QString timestamp; // RFC 3339, exactly as signed
    QString signature; // base64 Ed25519
    QDateTime verifiedAt;
};

// A user's sign-in as last confirmed by the server, for signing in offline.
struct CachedCredential
{
    QString userName;
    QString userJson; // the server's "user" object
    QString passwordHash; // Argon2id, libsodium string form
    QDateTime cachedAt;
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

// A queue ticket (取号) as stored: one row per day and number. The queue module
// gives the text columns their meaning (priority and state keys).
struct QueueTicketRecord
{
    QDate day;
    QString number; // e.g. "A012"
    QString category;
    QString priority; // e.g. "normal", "elderly"
    QString state; // e.g. "waiting", "no-show"
    QDateTime issuedAt;
    QString window;
    QString targetWindow;
    QString transferredFrom;
    int calls = 0;
    QDateTime firstCalledAt; // invalid: not yet
    QDateTime lastCalledAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString caseId;
    int evaluation = 0; // 1 (very dissatisfied) … 5 (very satisfied); 0: not evaluated
    QString evaluationReason;
};

} // namespace ow::storage
