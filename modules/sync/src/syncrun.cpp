// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "syncrun.h"

#include "ow/sync/certificatesync.h"
#include "ow/sync/tr.h"

#include <ow/cases/event.h>
#include <ow/catalog/catalogloader.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/eventrepository.h>
#include <ow/storage/outboxrepository.h>
#include <ow/storage/stockrepository.h>
#include <ow/storage/syncstaterepository.h>
#include <ow/storage/transaction.h>

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace ow::sync::Internal {

namespace {

const QString eventsStream = QStringLiteral("events");

void collectHashes(const QJsonValue &value, QStringList *found)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{64}$"));
    if (value.isString()) {
        const QString text = value.toString();
        if (pattern.match(text).hasMatch() && !found->contains(text))
            found->append(text);
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectHashes(item, found);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectHashes(it.value(), found);
    }
}

} // namespace

SyncRun::SyncRun(const QSqlDatabase &db, ApiClient *api, const SyncSession &session,
                 const SyncOptions &options, Callbacks callbacks, const std::atomic<bool> *cancelFlag)
    : m_db(db)
    , m_api(api)
    , m_session(session)
    , m_options(options)
    , m_callbacks(std::move(callbacks))
    , m_cancelFlag(cancelFlag)
{ }

QStringList SyncRun::citedHashes(const QJsonObject &payload)
{
    QStringList found;
    collectHashes(payload, &found);
    return found;
}

std::unique_ptr<ApiReply> SyncRun::await(ApiReply *reply)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &ApiReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        // The loop also ends when the thread is told to quit: give up on the answer.
        if (!reply->isFinished())
            reply->abort();
    }
    m_result.bytesSent += reply->bytesSent();
    m_result.bytesReceived += reply->bytesReceived();
    return std::unique_ptr<ApiReply>(reply);
}

SyncRun::Step SyncRun::fail(SyncResult::Outcome outcome, const QString &error, const ApiError &apiError)
{
    m_result.outcome = outcome;
    m_result.error = error;
    m_result.apiError = apiError;
    return Step::Stop;
}

SyncRun::Step SyncRun::failApi(const ApiError &error, const QString &context)
{
    const bool auth = error.httpStatus == 401;
    const QString message = auth ? Tr::tr("%1: the sign-in is no longer valid (%2). Sign in again to sync.")
                                       .arg(context, error.message)
                                 : Tr::tr("%1: %2").arg(context, error.message);
    return fail(auth ? SyncResult::Outcome::AuthenticationRequired : SyncResult::Outcome::Failed, message,
                error);
}

void SyncRun::report(SyncProgress::Phase phase)
{
    if (!m_callbacks.progress)
        return;
    SyncProgress progress;
    progress.phase = phase;
    progress.pushed = m_result.pushed + m_result.duplicates;
    progress.pulled = m_result.pulled;
    progress.parked = m_result.parked;
    progress.uploadedAttachments = m_result.uploadedAttachments;
    progress.bytesSent = m_result.bytesSent;
    progress.bytesReceived = m_result.bytesReceived;
    progress.pending = storage::OutboxRepository(m_db).pendingCount();
    m_callbacks.progress(progress);
}

bool SyncRun::cancelled()
{
    if (!m_cancelFlag || !m_cancelFlag->load())
        return false;
    fail(SyncResult::Outcome::Failed, Tr::tr("Sync was stopped before it finished; it continues next time."));
    return true;
}

SyncResult SyncRun::run()
{
    storage::SyncStateRepository state(m_db);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    m_result.runId = state.beginSyncRun(started);
    if (m_result.runId == 0) {
        fail(SyncResult::Outcome::Failed, state.lastError());
        return m_result;
    }
    if (m_session.serverUrl.isEmpty() || !m_session.serverUrl.isValid()) {
        fail(SyncResult::Outcome::Failed, Tr::tr("No central server is configured."));
    } else if (m_session.token.isEmpty()) {
        fail(SyncResult::Outcome::AuthenticationRequired, Tr::tr("Sign in to the central server to sync."));
    } else {
        m_api->setServerUrl(m_session.serverUrl);
        m_api->setToken(m_session.token);
        m_api->setTimeout(m_options.requestTimeoutMs);
        // Each step records why it stopped the run; the steps after it do not run.
        using StepFunction = Step (SyncRun::*)();
        for (const StepFunction step :
             {&SyncRun::ensureLogKey, &SyncRun::uploadAttachments, &SyncRun::push, &SyncRun::pull,
              &SyncRun::fetchVerificationCodes, &SyncRun::fetchStock, &SyncRun::fetchCatalog}) {
            if ((this->*step)() == Step::Stop)
                break;
        }
    }

    storage::OutboxRepository outbox(m_db);
    m_result.pendingLeft = outbox.pendingCount();
    storage::SyncRunRecord record;
    record.id = m_result.runId;
    record.startedAt = started;
    record.finishedAt = QDateTime::currentDateTimeUtc();
    record.pushed = m_result.pushed + m_result.duplicates;
    record.pulled = m_result.pulled;
    record.parked = m_result.parked;
    record.bytes = m_result.bytesSent + m_result.bytesReceived;
    record.outcome = m_result.ok() ? storage::SyncRunRecord::Outcome::Succeeded
                                   : storage::SyncRunRecord::Outcome::Failed;
    record.error = m_result.error;
    if (!state.finishSyncRun(record) && m_result.ok())
        fail(SyncResult::Outcome::Failed, state.lastError());
    return m_result;
}

SyncRun::Step SyncRun::ensureLogKey()
{
    storage::SyncStateRepository state(m_db);
    const QString pinned = state.serverLogKey();
    if (!state.lastError().isEmpty())
        return fail(SyncResult::Outcome::Failed, state.lastError());
    if (!pinned.isEmpty())
        return Step::Done;
    QString key = m_session.logPublicKey;
    if (key.isEmpty()) {
        const auto reply = await(m_api->logPublicKey());
        if (!reply->ok())
            return failApi(reply->error(), Tr::tr("Could not fetch the server's log key"));
        key = reply->json().value(QStringLiteral("publicKey")).toString();
    }
    if (QByteArray::fromBase64(key.toLatin1()).size() != 32)
        return fail(SyncResult::Outcome::Failed,
                    Tr::tr("The central server's log key is not a valid Ed25519 public key."));
    if (!state.pinServerLogKey(key))
        return fail(SyncResult::Outcome::Failed, state.lastError());
    return Step::Done;
}

SyncRun::Step SyncRun::checkTreeHead(const QJsonValue &json)
{
    if (!json.isObject())
        return Step::Done; // an answer without a head: the run checks GET /log/tree-head at its end
    m_headChecked = true;
    QString error;
    const std::optional<TreeHead> head = TreeHead::fromJson(json.toObject(), &error);
    if (!head)
        return fail(SyncResult::Outcome::HistoryRewritten,
                    Tr::tr("The server's history was rewritten or cannot be checked: %1 Sync has stopped; "
                           "tell the centre's IT staff.")
                        .arg(error));
    storage::SyncStateRepository state(m_db);
    const std::optional<storage::TreeHeadRecord> last = state.verifiedTreeHead();
    if (!state.lastError().isEmpty())
        return fail(SyncResult::Outcome::Failed, state.lastError());
    if (last && TreeHead::fromRecord(*last) == *head)
        return Step::Done;
    report(SyncProgress::Phase::Verifying);
    const auto rewritten = [this](const QString &why) {
        return fail(SyncResult::Outcome::HistoryRewritten,
                    Tr::tr("The server's history was rewritten: %1 Sync has stopped; tell the centre's IT "
                           "staff.")
                        .arg(why));
    };
    if (!TreeHeadVerifier::verifySignature(*head, state.serverLogKey(), &error))
        return rewritten(error);
    if (last) {
        const TreeHead previous = TreeHead::fromRecord(*last);
        QStringList proof;
        if (head->size > previous.size && previous.size > 0) {
            const auto reply = await(m_api->consistencyProof(previous.size, head->size));
            if (!reply->ok())
                return failApi(reply->error(), Tr::tr("Could not fetch the server's consistency proof"));
            for (const QJsonValue &hash : reply->json().value(QStringLiteral("proof")).toArray())
                proof.append(hash.toString());
        }
        if (!TreeHeadVerifier::verifyConsistency(previous, *head, proof, &error))
            return rewritten(error);
    }
    storage::TreeHeadRecord record = head->toRecord();
    record.verifiedAt = QDateTime::currentDateTimeUtc();
    if (!state.setVerifiedTreeHead(record))
        return fail(SyncResult::Outcome::Failed, state.lastError());
    return Step::Done;
}

SyncRun::Upload SyncRun::classify(const ApiError &error)
{
    if (error.httpStatus == 401)
        return Upload::SignIn;
    return error.isTransient() || error.httpStatus == 403 ? Upload::Transient : Upload::Permanent;
}

SyncRun::Upload SyncRun::uploadBlob(const QString &sha256, ApiError *error)
{
    storage::AttachmentRepository attachments(m_db);
    const auto head = await(m_api->blobHead(sha256));
    if (head->ok())
        return Upload::Uploaded;
    if (head->httpStatus() != 404) {
        *error = head->error();
        return classify(*error);
    }
    const std::optional<storage::AttachmentRecord> record = attachments.get(sha256);
    if (!record) {
        error->code = QStringLiteral("attachment_unreadable");
        error->message = attachments.lastError().isEmpty()
            ? Tr::tr("The attachment %1 is not in this store.").arg(sha256)
            : attachments.lastError();
        return Upload::Permanent;
    }
    const QByteArray &bytes = record->bytes;
    const qint64 total = bytes.size();
    // Resume an interrupted upload where the server's copy ends.
    qint64 offset = head->rawHeader("Upload-Offset").toLongLong();
    if (offset < 0 || offset > total)
        offset = 0;
    int mismatches = 0;
    for (;;) {
        if (m_cancelFlag && m_cancelFlag->load()) {
            error->code = QStringLiteral("cancelled");
            error->message = Tr::tr("Sync was stopped before it finished; it continues next time.");
            return Upload::Transient;
        }
        const bool whole = offset == 0 && total <= ApiClient::ChunkSize;
        const QByteArray chunk = whole ? bytes : bytes.mid(offset, ApiClient::ChunkSize);
        const auto reply = await(m_api->blobPut(sha256, chunk, offset, total));
        report(SyncProgress::Phase::Uploading);
        if (reply->ok()) {
            if (offset + chunk.size() >= total || reply->httpStatus() == 201)
                return Upload::Uploaded;
            const QByteArray held = reply->rawHeader("Upload-Offset");
            offset = std::max(held.isEmpty() ? 0 : held.toLongLong(), offset + chunk.size());
            continue;
        }
        *error = reply->error();
        if (error->code == QLatin1String("upload_offset_mismatch") && ++mismatches <= 3) {
            offset = std::clamp<qint64>(reply->rawHeader("Upload-Offset").toLongLong(), 0, total);
            continue;
        }
        return classify(*error);
    }
}

SyncRun::Step SyncRun::uploadAttachments()
{
    storage::OutboxRepository outbox(m_db);
    storage::AttachmentRepository attachments(m_db);
    // Attachments cited by pending events, in the order the events need them.
    const QList<storage::OutboxEntry> entries = outbox.pending(5000);
    if (!outbox.lastError().isEmpty())
        return fail(SyncResult::Outcome::Failed, outbox.lastError());
    QStringList needed;
    for (const storage::OutboxEntry &entry : entries) {
        const QJsonObject payload = QJsonDocument::fromJson(entry.event.payload.toUtf8()).object();
        for (const QString &hash : citedHashes(payload)) {
            if (!needed.contains(hash))
                needed.append(hash);
        }
    }

    for (const QString &hash : std::as_const(needed)) {
        if (cancelled())
            return Step::Stop;
        const std::optional<storage::AttachmentUpload> upload = attachments.upload(hash);
        if (!upload || upload->state == storage::UploadState::Uploaded)
            continue; // not an attachment of this store, or already there
        if (upload->state == storage::UploadState::Failed)
            continue; // the server refuses the events citing it; they get parked
        ApiError error;
        const Upload outcome = uploadBlob(hash, &error);
        bool saved = true;
        switch (outcome) {
        case Upload::Uploaded:
            saved = attachments.markUploaded(hash);
            ++m_result.uploadedAttachments;
            break;
        case Upload::Transient:
            saved = attachments.markUploadFailed(hash, error.message, false);
            m_blocked.insert(hash);
            break;
        case Upload::Permanent:
            saved = attachments.markUploadFailed(hash, error.message, true);
            break;
        case Upload::SignIn:
            return failApi(error, Tr::tr("Could not upload an attachment"));
        }
        if (!saved)
            return fail(SyncResult::Outcome::Failed, attachments.lastError());
        report(SyncProgress::Phase::Uploading);
    }
    return Step::Done;
}

SyncRun::Step SyncRun::push()
{
    storage::OutboxRepository outbox(m_db);
    storage::CaseRepository caseRows(m_db);
    storage::CaseJournal journal(m_db, {m_session.deviceId, QString()});
    for (;;) {
        if (cancelled())
            return Step::Stop;
        const QList<storage::OutboxEntry> entries = outbox.pending(m_options.pushBatchSize);
        if (!outbox.lastError().isEmpty())
            return fail(SyncResult::Outcome::Failed, outbox.lastError());
        if (entries.isEmpty())
            return Step::Done;

        // One device per request, in recording order, up to the first event
        // citing an attachment the server does not have yet: the server links
        // each event to the device's previous one, so none may be skipped.
        const QString deviceId = entries.constFirst().event.deviceId;
        QJsonArray batch;
        QHash<QString, storage::EventRecord> sent;
        bool blocked = false;
        for (const storage::OutboxEntry &entry : entries) {
            if (entry.event.deviceId != deviceId)
                break;
            const QJsonObject payload = QJsonDocument::fromJson(entry.event.payload.toUtf8()).object();
            const QStringList cited = citedHashes(payload);
            if (std::any_of(cited.cbegin(), cited.cend(),
                            [this](const QString &hash) { return m_blocked.contains(hash); })) {
                blocked = true;
                break;
            }
            QString error;
            const std::optional<cases::Event> event = storage::CaseJournal::fromRecord(entry.event, &error);
            if (!event)
                return fail(
                    SyncResult::Outcome::Failed,
                    Tr::tr("The event %1 in the outbox cannot be read: %2").arg(entry.event.id, error));
            QJsonObject json = event->toJson();
            json.remove(QStringLiteral("serverSeq"));
            json.remove(QStringLiteral("receivedAt"));
            batch.append(json);
            sent.insert(entry.event.id, entry.event);
        }
        if (batch.isEmpty()) {
            if (blocked)
                return fail(
                    SyncResult::Outcome::Failed,
                    Tr::tr("Some attachments could not be uploaded yet; the events that cite them and "
                           "the later events of this workstation wait for the next sync."));
            return Step::Done;
        }

        report(SyncProgress::Phase::Pushing);
        const auto reply = await(m_api->push(deviceId, batch));
        if (!reply->ok()) {
            const ApiError error = reply->error();
            for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
                if (!outbox.markFailed(it.key(), error.message, error.code))
                    return fail(SyncResult::Outcome::Failed, outbox.lastError());
            }
            return failApi(error, Tr::tr("Could not send the recorded events"));
        }

        QStringList done;
        // The server signs each certificate it accepts: the code comes back with the event.
        QHash<QString, QString> codes;
        const auto keepCode = [&](const QString &id, const QJsonObject &result) {
            const QString code = result.value(QStringLiteral("verificationCode")).toString();
            if (code.isEmpty())
                return;
            const QString certificateId = QJsonDocument::fromJson(sent.value(id).payload.toUtf8())
                                              .object()
                                              .value(QStringLiteral("certificateId"))
                                              .toString()
                                              .trimmed();
            if (!certificateId.isEmpty())
                codes.insert(certificateId, code);
        };
        for (const QJsonValue &value : reply->json().value(QStringLiteral("results")).toArray()) {
            const QJsonObject result = value.toObject();
            const QString id = result.value(QStringLiteral("id")).toString();
            const QString status = result.value(QStringLiteral("status")).toString();
            if (!sent.contains(id))
                continue;
            if (status == QLatin1String("accepted")) {
                ++m_result.pushed;
                done.append(id);
                keepCode(id, result);
            } else if (status == QLatin1String("duplicate")) {
                ++m_result.duplicates;
                done.append(id);
                keepCode(id, result);
            } else if (status == QLatin1String("rejected")) {
                const storage::EventRecord &event = sent[id];
                SyncRejection rejection;
                rejection.eventId = id;
                rejection.caseId = event.caseId;
                rejection.caseNumber
                    = caseRows.findById(event.caseId).value_or(storage::CaseRecord()).caseNumber;
                rejection.eventType = event.type;
                rejection.code = result.value(QStringLiteral("code")).toString();
                rejection.reason = result.value(QStringLiteral("reason")).toString();
                if (!journal.reject({id, rejection.code, rejection.reason, QDateTime::currentDateTimeUtc()}))
                    return fail(SyncResult::Outcome::Failed, journal.lastError());
                ++m_result.parked;
                if (m_callbacks.rejected)
                    m_callbacks.rejected(rejection);
            }
        }
        if (!outbox.markPushed(done))
            return fail(SyncResult::Outcome::Failed, outbox.lastError());
        if (QString error; !storeVerificationCodes(m_db, codes, &error))
            return fail(SyncResult::Outcome::Failed, error);
        report(SyncProgress::Phase::Pushing);
        if (checkTreeHead(reply->json().value(QStringLiteral("treeHead"))) == Step::Stop)
            return Step::Stop;
        if (storage::OutboxRepository(m_db).pending(1).value(0).seq == entries.constFirst().seq)
            return fail(
                SyncResult::Outcome::Failed,
                Tr::tr("The central server did not answer for every event sent; sync tries again later."));
        if (blocked)
            return fail(SyncResult::Outcome::Failed,
                        Tr::tr("Some attachments could not be uploaded yet; the events that cite them and "
                               "the later events of this workstation wait for the next sync."));
    }
}

SyncRun::Step SyncRun::pull()
{
    storage::SyncStateRepository state(m_db);
    QString cursor = state.cursor(eventsStream);
    if (!state.lastError().isEmpty())
        return fail(SyncResult::Outcome::Failed, state.lastError());
    bool resynced = false;
    for (;;) {
        if (cancelled())
            return Step::Stop;
        report(SyncProgress::Phase::Pulling);
        const auto reply = await(m_api->pull(cursor, m_options.pullPageSize));
        if (reply->httpStatus() == 410 && !resynced) {
            // The cursor is no longer valid: start again; held events are recognised by id.
            resynced = true;
            if (!state.clearCursor(eventsStream))
                return fail(SyncResult::Outcome::Failed, state.lastError());
            cursor.clear();
            continue;
        }
        if (!reply->ok())
            return failApi(reply->error(), Tr::tr("Could not receive events from the central server"));
        const QJsonObject page = reply->json();
        if (checkTreeHead(page.value(QStringLiteral("treeHead"))) == Step::Stop)
            return Step::Stop;

        const QString next = page.value(QStringLiteral("next")).toString();
        const bool hasMore = page.value(QStringLiteral("hasMore")).toBool();

        // The batch, its certificates' verification codes and the cursor that
        // follows it, together or not at all.
        storage::Transaction transaction(m_db);
        int inserted = 0;
        QString pageError;
        if (!transaction.isActive() || !storePulledPage(m_db, m_session.deviceId, page, &inserted, &pageError)
            || (!next.isEmpty() && !state.setCursor(eventsStream, next)) || !transaction.commit()) {
            const QString error = !pageError.isEmpty() ? pageError
                : !state.lastError().isEmpty()         ? state.lastError()
                                                       : transaction.lastError().text();
            transaction.rollback();
            return fail(SyncResult::Outcome::Failed, error);
        }
        m_result.pulled += inserted;
        report(SyncProgress::Phase::Pulling);
        if (!hasMore)
            break;
        if (next.isEmpty() || next == cursor)
            return fail(
                SyncResult::Outcome::Failed,
                Tr::tr("The central server announced more events but gave no new position to fetch them "
                       "from."));
        cursor = next;
    }
    if (!m_headChecked) {
        const auto reply = await(m_api->treeHead());
        if (!reply->ok())
            return failApi(reply->error(), Tr::tr("Could not fetch the server's tree head"));
        QJsonValue head = reply->json().value(QStringLiteral("treeHead"));
        if (!head.isObject())
            head = reply->json();
        if (checkTreeHead(head) == Step::Stop)
            return Step::Stop;
    }
    return Step::Done;
}

// Certificates held without their verification code (待签发): those the
// server accepted while it had no signing key get it now. A certificate the
// server does not know yet (its event still waits or was refused) or cannot
// sign is left for a later run; only a lost connection stops the run.
SyncRun::Step SyncRun::fetchVerificationCodes()
{
    storage::CertificateRepository certificates(m_db);
    const QList<storage::CertificateRow> waiting = certificates.unsignedCertificates(20);
    if (!certificates.lastError().isEmpty())
        return fail(SyncResult::Outcome::Failed, certificates.lastError());
    for (const storage::CertificateRow &certificate : waiting) {
        const auto reply = await(m_api->certificateCode(certificate.certificateId));
        if (reply->httpStatus() == 404 || reply->httpStatus() == 409)
            continue;
        if (!reply->ok())
            return failApi(
                reply->error(),
                Tr::tr("Could not fetch the verification code of certificate %1").arg(certificate.number));
        const QString code = reply->json().value(QStringLiteral("verificationCode")).toString();
        if (!code.isEmpty() && !certificates.setVerificationCode(certificate.certificateId, code))
            return fail(SyncResult::Outcome::Failed, certificates.lastError());
    }
    return Step::Done;
}

// The office's pre-printed certificate paper (套打纸) as the server issued it,
// with the serials used or voided anywhere: printing checks them offline.
SyncRun::Step SyncRun::fetchStock()
{
    const auto reply = await(m_api->stockRanges());
    if (reply->httpStatus() == 404)
        return Step::Done; // a server without stock ranges
    if (!reply->ok())
        return failApi(reply->error(), Tr::tr("Could not fetch the certificate paper issued to this office"));
    QString error;
    const std::optional<StockAnswer> answer = parseStockAnswer(reply->json(), &error);
    if (!answer)
        return fail(SyncResult::Outcome::Failed, error);
    storage::StockRepository stock(m_db);
    QStringList offices;
    if (!m_session.officeCode.isEmpty())
        offices.append(m_session.officeCode);
    else
        offices = answer->offices();
    // Without an office to name: the answer is the whole truth for this user's store.
    if (offices.isEmpty())
        offices = stock.offices();
    for (const QString &office : std::as_const(offices)) {
        QList<storage::StockRange> ranges;
        for (const storage::StockRange &range : answer->ranges) {
            if (range.office == office)
                ranges.append(range);
        }
        if (!stock.replaceFromServer(office, ranges, answer->used, answer->voided))
            return fail(SyncResult::Outcome::Failed, stock.lastError());
    }
    return Step::Done;
}

// New catalogue versions are kept in the store, so that intake works from the
// current catalogue offline too. Each is validated like an import; one that
// does not load is reported and not kept (the workstation keeps the last good one).
SyncRun::Step SyncRun::fetchCatalog()
{
    storage::SyncStateRepository state(m_db);
    const std::optional<storage::CatalogVersionRecord> latest = state.latestCatalogVersion();
    const auto reply = await(m_api->catalog(latest ? latest->version : QString()));
    if (!reply->ok())
        return failApi(reply->error(),
                       Tr::tr("Could not fetch the service catalogue from the central server"));
    for (const QJsonValue &value : reply->json().value(QStringLiteral("versions")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString version = entry.value(QStringLiteral("version")).toString();
        if (version.isEmpty() || state.catalogVersion(version))
            continue;
        const QByteArray document
            = QJsonDocument(entry.value(QStringLiteral("document")).toObject()).toJson();
        const catalog::LoadResult loaded = catalog::CatalogLoader::load(document);
        if (!loaded.isValid()) {
            return fail(SyncResult::Outcome::Failed,
                        Tr::tr("The central server's catalogue %1 is not valid: %2")
                            .arg(version, loaded.problems.value(0).toString()));
        }
        if (loaded.catalog->version() != version) {
            return fail(SyncResult::Outcome::Failed,
                        Tr::tr("The central server sent catalogue %1 under the name %2.")
                            .arg(loaded.catalog->version(), version));
        }
        storage::CatalogVersionRecord record;
        record.version = version;
        record.importedAt = QDateTime::currentDateTimeUtc();
        record.document = QString::fromUtf8(document);
        if (!state.addCatalogVersion(record))
            return fail(SyncResult::Outcome::Failed, state.lastError());
        ++m_result.catalogVersions;
    }
    return Step::Done;
}

} // namespace ow::sync::Internal
