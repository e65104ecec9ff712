// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/apiclient.h"
#include "ow/sync/synctypes.h"
#include "ow/sync/treehead.h"

#include <ow/storage/records.h>

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace ow::sync::Internal {

// One sync run on one connection, in order: upload the attachments the
// pending events cite, push the outbox, pull until the server has no more,
// checking every new tree head of the server's log. It waits for each answer
// in a local event loop, so it belongs in a background thread (or a tool).
// Every step commits on its own, so a run cut off at any moment is safe to repeat.
class SyncRun
{
public:
    struct Callbacks
    {
        std::function<void(const SyncProgress &)> progress;
        std::function<void(const SyncRejection &)> rejected;
    };

    // `cancelFlag`, when given, is read between requests: set, the run stops.
    SyncRun(const QSqlDatabase &db, ApiClient *api, const SyncSession &session, const SyncOptions &options,
            Callbacks callbacks = {}, const std::atomic<bool> *cancelFlag = nullptr);

    SyncResult run();

    // The 64-hex strings anywhere in an event's payload: the attachments it may cite.
    static QStringList citedHashes(const QJsonObject &payload);

private:
    enum class Step { Done, Stop };
    // Transient: try again later (the link, the server's load); Permanent: the
    // server will never take it (too large, damaged), so the events citing it
    // are pushed and refused, which parks only them; SignIn: stop the run.
    enum class Upload { Uploaded, Transient, Permanent, SignIn };

    std::unique_ptr<ApiReply> await(ApiReply *reply);
    Step fail(SyncResult::Outcome outcome, const QString &error, const ApiError &apiError = {});
    Step failApi(const ApiError &error, const QString &context);
    void report(SyncProgress::Phase phase);
    bool cancelled();

    Step uploadAttachments();
    Upload uploadBlob(const QString &sha256, ApiError *error);
    static Upload classify(const ApiError &error);
    Step push();
    Step pull();
    Step fetchCatalog();
    Step fetchStock();
    Step fetchVerificationCodes();
    Step checkTreeHead(const QJsonValue &json);
    Step ensureLogKey();

    QSqlDatabase m_db;
    ApiClient *m_api;
    SyncSession m_session;
    SyncOptions m_options;
    Callbacks m_callbacks;
    SyncResult m_result;
    // Attachments that could not be uploaded for now: events citing them wait.
    QSet<QString> m_blocked;
    bool m_headChecked = false;
    const std::atomic<bool> *m_cancelFlag;
};

} // namespace ow::sync::Internal
