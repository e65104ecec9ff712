// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/apiclient.h"
#include "ow/sync/backoff.h"
#include "ow/sync/sync_export.h"

#include <QMetaType>
#include <QSqlDatabase>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace ow::sync {

// Who syncs, against which server: from a sign-in (POST /session).
struct SyncSession
{
    QUrl serverUrl; // the server's root, e.g. https://county.example/
    QString token; // bearer token; never logged
    QString deviceId; // this workstation's device id (its events' actor.deviceId)
    // The server's log key from the sign-in answer ("log.publicKey"); pinned
    // at the first sync if nothing is pinned yet. Empty: fetched then.
    QString logPublicKey;
    // The signed-in user's office: whose pre-printed certificate paper the
    // store keeps. Empty: the office the server's ranges name.
    QString officeCode = {};
};

struct SyncOptions
{
    int intervalMs = 5 * 60'000; // between periodic runs
    int pushBatchSize = 200; // events per POST /events (the server takes at most 500)
    int pullPageSize = 500; // events per GET /events (at most 1000)
    int requestTimeoutMs = 30'000; // a request with no progress for this long fails
    Backoff backoff; // after failed runs
};

// Where a run is, for a progress display. Counts are of this run.
struct SyncProgress
{
    enum class Phase { Uploading, Pushing, Pulling, Verifying };

    Phase phase = Phase::Pushing;
    qint64 pushed = 0; // accepted or already held by the server
    qint64 pulled = 0; // new events received
    qint64 parked = 0; // refused by the server
    qint64 uploadedAttachments = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 pending = -1; // events still waiting to be pushed; -1 unknown
};

// The server refused an event recorded here: what the clerk is shown.
struct SyncRejection
{
    QString eventId;
    QString caseId;
    QString caseNumber; // as it was shown before the refusal (empty if unknown)
    QString eventType; // wire name, e.g. "approved"
    QString code; // the server's machine code, e.g. "transition_not_allowed"
    QString reason; // the server's translated reason
};

// The outcome of one run (also kept in the store's sync history).
struct SyncResult
{
    enum class Outcome {
        Succeeded,
        Failed, // network, server or store trouble: tried again later
        AuthenticationRequired, // the token is missing, unknown or expired: sign in again
        HistoryRewritten, // the server's log failed a check: sync stops until someone looks
    };

    Outcome outcome = Outcome::Succeeded;
    qint64 runId = 0; // its row in the sync history
    qint64 pushed = 0; // accepted now
    qint64 duplicates = 0; // the server already had them
    qint64 parked = 0;
    qint64 pulled = 0; // new events stored
    qint64 catalogVersions = 0; // new catalogue versions kept
    qint64 uploadedAttachments = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 pendingLeft = 0; // events still waiting to be pushed
    QString error; // translated, one paragraph; empty on success
    ApiError apiError; // the server's answer that ended the run, if any

    bool ok() const { return outcome == Outcome::Succeeded; }
};

// The engine's own connection to the store, opened in (and used only from)
// the engine's thread.
class OW_SYNC_EXPORT StoreConnection
{
public:
    virtual ~StoreConnection();
    virtual QSqlDatabase database() const = 0;
};

// Opens a StoreConnection; on failure returns nullptr with a translated `error`.
using StoreConnectionFactory = std::function<std::unique_ptr<StoreConnection>(QString *error)>;

// The workstation's store in `directory` (already opened, and its schema
// migrated, by storage::Store::open), opened again as a second connection next
// to the UI's. Reads the key from the OS keychain at once, in the calling
// thread (call it from the application's thread); the engine's thread then
// opens the file with it. Failures are reported when the engine starts.
OW_SYNC_EXPORT StoreConnectionFactory storeDirectoryConnection(const QString &directory);
// A store file opened with an explicit raw key (storage::Database), for tools and tests.
OW_SYNC_EXPORT StoreConnectionFactory databaseFileConnection(const QString &path, const QByteArray &rawKey);

} // namespace ow::sync

Q_DECLARE_METATYPE(ow::sync::SyncProgress)
Q_DECLARE_METATYPE(ow::sync::SyncRejection)
Q_DECLARE_METATYPE(ow::sync::SyncResult)
Q_DECLARE_METATYPE(ow::sync::SyncSession)
