// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "pushround.h"

#include "certificateauthority.h"
#include "eventlogschema.h"
#include "sqlwrites.h"

#include "ow/server/tr.h"

#include <ow/core/hash.h>
#include <ow/core/merkletree.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <tuple>

namespace ow::server::Internal {

using cases::Event;
using cases::EventType;

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Attachments an event cites: payload "attachments": [{"sha256": HEX, ...}, ...].
QStringList citedBlobs(const Event &event)
{
    QStringList hashes;
    for (const QJsonValue &value : event.payload.value(QStringLiteral("attachments")).toArray()) {
        const QString hash = value.isString() ? value.toString()
                                              : value.toObject().value(QStringLiteral("sha256")).toString();
        if (!hash.isEmpty() && !hashes.contains(hash.toLower()))
            hashes.append(hash.toLower());
    }
    return hashes;
}

// The events of `submissions` that parsed and whose hash holds, with the
// submission each came in.
template<typename Visit>
void forEachValidEvent(const QList<PushSubmission *> &submissions, Visit visit)
{
    for (const PushSubmission *submission : submissions) {
        for (const Incoming &in : submission->incoming) {
            if (in.event && in.validHash)
                visit(*submission, *in.event);
        }
    }
}

// Appends `value` to `list` once (`seen` remembers what was appended).
void appendOnce(QVariantList &list, QSet<QString> &seen, const QString &value)
{
    if (!seen.contains(value)) {
        seen.insert(value);
        list.append(value);
    }
}

} // namespace

Incoming Incoming::read(const QJsonValue &value)
{
    Incoming incoming;
    incoming.isObject = value.isObject();
    incoming.json = value.toObject();
    incoming.id = incoming.json.value(QStringLiteral("id")).toString();
    if (!incoming.isObject)
        return incoming;
    incoming.event = Event::fromJson(incoming.json, &incoming.problem);
    if (incoming.event) {
        incoming.blobs = citedBlobs(*incoming.event);
        incoming.event->serverSeq.reset();
        incoming.event->receivedAt = QDateTime();
        // The canonical bytes are both what the hash covers and, with the hash, what is stored.
        const auto form = incoming.event->canonicalForm();
        incoming.validHash = form
            && core::Hasher::hashHex(form->hashed, core::HashAlgorithm::Sha256) == incoming.event->hash;
        if (incoming.validHash)
            incoming.eventJson = form->withHash;
    }
    return incoming;
}

PushRound::PushRound(QSqlDatabase db, SqlDialect dialect, const CertificateAuthority *authority, Mode mode)
    : m_db(db)
    , m_dialect(dialect)
    , m_mode(mode)
    , m_authority(authority)
    , m_merkle(db, dialect)
    , m_scope(db, dialect)
    , m_stock(db, dialect)
{ }

bool PushRound::begin(const QList<PushSubmission *> &submissions, QString *error)
{
    // The round's cases in the order they come, and those whose first event here is a
    // created event (with the submission it came in).
    QStringList caseIds;
    QHash<QString, const PushSubmission *> createdHere;
    QList<std::pair<QString, QString>> officeCases;
    QSet<QPair<QString, QString>> seenOfficeCases;
    QSet<QString> seenCases;
    forEachValidEvent(submissions, [&](const PushSubmission &submission, const Event &event) {
        if (!seenCases.contains(event.caseId)) {
            seenCases.insert(event.caseId);
            caseIds.append(event.caseId);
            if (event.type == EventType::Created)
                createdHere.insert(event.caseId, &submission);
        }
        const QPair<QString, QString> officeCase {submission.principal.officeCode, event.caseId};
        if (!seenOfficeCases.contains(officeCase)) {
            seenOfficeCases.insert(officeCase);
            officeCases.append({officeCase.first, officeCase.second});
        }
    });
    // The stored events of the cases that are not created here are read with the heads.
    QStringList readFirst;
    for (const QString &caseId : std::as_const(caseIds)) {
        if (m_mode == Mode::Thorough || !createdHere.contains(caseId))
            readFirst.append(caseId);
    }
    if (!lockAndReadHeads(submissions, readFirst, error))
        return false;
    // Under the lock: nothing below can change until the transaction ends.
    m_now = Event::formatTime(QDateTime::currentDateTimeUtc());

    // Which submissions continue their device's stored chain (their first event follows the
    // stored head): the events of such a submission cannot be stored yet, as the head would
    // have moved past them. The others (a push sent again after a lost answer) may hold
    // events already accepted, and only their ids are looked up.
    if (m_mode == Mode::Optimistic) {
        for (const PushSubmission *submission : submissions) {
            for (const Incoming &in : submission->incoming) {
                if (!in.event)
                    continue;
                if (in.event->prevHash == m_deviceHeads.value(submission->deviceId))
                    m_continuing.insert(submission);
                break;
            }
        }
    }
    QVariantList unknownIds;
    QSet<QString> seenIds;
    for (const PushSubmission *submission : submissions) {
        if (m_continuing.contains(submission))
            continue;
        for (const Incoming &in : submission->incoming) {
            if (!in.id.isEmpty())
                appendOnce(unknownIds, seenIds, in.id);
        }
    }
    // A case created here by a continuing submission is taken to be new: if it is not,
    // its projection row (a plain insert) collides with the stored one, or its events are
    // refused and the round is doubtful.
    QStringList readLater;
    for (const QString &caseId : std::as_const(caseIds)) {
        if (m_mode == Mode::Thorough || !createdHere.contains(caseId))
            continue;
        if (m_continuing.contains(createdHere.value(caseId)))
            m_scope.assumeNew(caseId);
        else
            readLater.append(caseId);
    }
    return loadAcceptedIds(unknownIds, error) && m_scope.loadCases(readLater, error)
        && m_scope.loadScope(officeCases, error) && loadBlobs(submissions, error)
        && loadStock(submissions, error);
}

// The lock, the log's last sequence number, the devices' chain heads, the
// earlier refusals of the round's events and the stored events of `caseIds`,
// in one round trip.
bool PushRound::lockAndReadHeads(const QList<PushSubmission *> &submissions, const QStringList &caseIds,
                                 QString *error)
{
    QVariantList ids;
    QVariantList devices;
    QSet<QString> seenIds;
    QSet<QString> seenDevices;
    for (const PushSubmission *submission : submissions) {
        appendOnce(devices, seenDevices, submission->deviceId);
        for (const Incoming &in : submission->incoming) {
            if (!in.id.isEmpty())
                appendOnce(ids, seenIds, in.id);
        }
    }
    const SqlList deviceList = sqlTextList(m_dialect, devices);
    QString sql = QStringLiteral("SELECT 2, '', COALESCE(MAX(server_seq), 0), '', '' FROM server_events"
                                 " UNION ALL SELECT 3, device_id, 0, last_hash, '' FROM device_heads"
                                 " WHERE device_id")
        + deviceList.sql;
    QVariantList values = deviceList.values;
    if (!ids.isEmpty()) {
        const SqlList idList = sqlTextList(m_dialect, ids);
        sql += QStringLiteral(" UNION ALL SELECT 1, id, 0, code, reason FROM rejected_events WHERE id")
            + idList.sql;
        values += idList.values;
    }
    const SqlList stored = m_scope.storedEventsQuery(caseIds);
    if (!stored.sql.isEmpty()) {
        sql += QStringLiteral(" UNION ALL SELECT 4, s.case_id, s.server_seq, s.event_json, '' FROM (%1) s")
                   .arg(stored.sql);
        values += stored.values;
    }
    // Kinds in order; a case's events in the order they were accepted.
    sql += QStringLiteral(" ORDER BY 1, 2, 3");
    bool sawLast = false;
    const bool read = beginLocked(
        m_db, m_dialect, kSequencerLock, sql, values,
        [&](const QStringList &row) {
            switch (row.at(0).toInt()) {
            case 1:
                m_rejectedIds.insert(row.at(1), {row.at(3), row.at(4)});
                break;
            case 2:
                m_first = m_last = row.at(2).toLongLong();
                sawLast = true;
                break;
            case 4:
                m_scope.foldStored(row.at(1), row.at(3));
                break;
            default:
                m_deviceHeads.insert(row.at(1), row.at(3));
                break;
            }
        },
        error);
    if (!read)
        return false;
    if (!sawLast) {
        *error = Tr::tr("The log's last sequence number could not be read.");
        return false;
    }
    return true;
}

bool PushRound::loadAcceptedIds(const QVariantList &ids, QString *error)
{
    if (ids.isEmpty())
        return true;
    const SqlList idList = sqlTextList(m_dialect, ids);
    return querySql(
        m_db, m_dialect,
        QStringLiteral("SELECT id, server_seq FROM server_events WHERE ")
            + bytewise(m_dialect, QStringLiteral("id")) + idList.sql,
        idList.values,
        [this](const QStringList &row) { m_acceptedIds.insert(row.at(0), row.at(1).toLongLong()); }, error);
}

bool PushRound::loadBlobs(const QList<PushSubmission *> &submissions, QString *error)
{
    QVariantList hashes;
    QSet<QString> seen;
    for (const PushSubmission *submission : submissions) {
        for (const Incoming &in : submission->incoming) {
            if (!in.event)
                continue;
            for (const QString &hash : in.blobs)
                appendOnce(hashes, seen, hash);
        }
    }
    if (hashes.isEmpty())
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!runSql(q, m_dialect,
                QStringLiteral("SELECT sha256 FROM blobs WHERE sha256 IN (%1)")
                    .arg(sqlPlaceholders(hashes.size())),
                hashes, error))
        return false;
    while (q.next())
        m_blobs.insert(q.value(0).toString());
    return true;
}

// Serials are checked against the ranges of the pushing office (an event
// recorded for another office is refused before its serial is looked at).
bool PushRound::loadStock(const QList<PushSubmission *> &submissions, QString *error)
{
    QHash<QString, QList<const Event *>> byOffice;
    QStringList offices;
    forEachValidEvent(submissions, [&](const PushSubmission &submission, const Event &event) {
        if (!byOffice.contains(submission.principal.officeCode))
            offices.append(submission.principal.officeCode);
        byOffice[submission.principal.officeCode].append(&event);
    });
    for (const QString &office : std::as_const(offices)) {
        if (!m_stock.load(byOffice.value(office), office, error))
            return false;
    }
    return true;
}

void PushRound::reject(PushOutcome *outcome, const PushSubmission &submission, const QJsonObject &json,
                       const QString &code, const QString &reason, bool permanent)
{
    outcome->status = PushOutcome::Status::Rejected;
    outcome->code = code;
    outcome->reason = reason;
    if (!permanent || outcome->id.isEmpty() || outcome->id.size() > 64 || m_rejectedIds.contains(outcome->id))
        return;
    m_rejectedIds.insert(outcome->id, {code, reason});
    m_rejectedRows << outcome->id << submission.deviceId << code << reason << compactJson(json) << m_now;
}

QString PushRound::missingBlob(const Incoming &incoming) const
{
    for (const QString &hash : incoming.blobs) {
        if (!m_blobs.contains(hash))
            return hash;
    }
    return QString();
}

void PushRound::advanceDevice(const QString &deviceId, const QString &hash)
{
    if (!m_changedDevices.contains(deviceId))
        m_changedDevices.append(deviceId);
    m_deviceHeads.insert(deviceId, hash);
}

bool PushRound::accept(const Incoming &incoming, ServerCase &serverCase,
                       const cases::CaseStateMachine::Result &checked, PushOutcome *outcome, QString *error)
{
    const Event &event = *incoming.event;
    const qint64 seq = m_last + 1;
    const QByteArray leaf = core::MerkleTree::leafHash(MerkleStore::leafData(event.hash, seq, m_now));
    m_eventRows << seq << event.id << event.caseId << cases::eventTypeName(event.type) << incoming.eventJson
                << m_now << QString::fromLatin1(leaf.toHex());
    m_leaves.append(leaf);
    m_last = seq;
    m_acceptedIds.insert(event.id, seq);

    cases::CaseStateMachine::advance(serverCase.state, event, checked);
    if (event.type == EventType::CertificateProduced && !ScopeStore::printOfficeOf(event).isEmpty())
        serverCase.printOffice = ScopeStore::printOfficeOf(event);
    advanceDevice(event.actor.deviceId, event.hash);
    if (!m_scope.recordAccepted(serverCase, event, seq, error))
        return false;

    for (const QString &hash : incoming.blobs) {
        if (!m_blobRefs.contains({hash, event.caseId})) {
            m_blobRefs.insert({hash, event.caseId});
            m_blobRefRows << hash << event.caseId;
        }
    }
    if (event.type == EventType::CertificateProduced) {
        const QString certificateId = event.payload.value(QStringLiteral("certificateId")).toString();
        if (!m_certificates.contains(certificateId)) {
            m_certificates.insert(certificateId);
            const QString code = m_authority ? m_authority->signEvent(event) : QString();
            if (!code.isEmpty()) {
                m_codes.insert(seq, code);
                outcome->verificationCode = code;
            }
            m_certificateRows << certificateId << event.caseId << seq << compactJson(event.payload)
                              << (code.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(code));
        }
    }
    m_stock.recordAccepted(event, m_now);
    outcome->status = PushOutcome::Status::Accepted;
    outcome->serverSeq = seq;
    return true;
}

bool PushRound::process(PushSubmission &submission, QString *error)
{
    submission.outcomes.clear();
    submission.outcomes.reserve(submission.incoming.size());
    for (const Incoming &in : std::as_const(submission.incoming)) {
        error->clear();
        const auto outcome = processOne(submission, in, error);
        if (!outcome)
            return false;
        // A refusal may rest on what was taken for granted: the case's state, or the event
        // being new (a thorough round answers an event already stored as a duplicate).
        if (outcome->status == PushOutcome::Status::Rejected
            && (m_continuing.contains(&submission) || (in.event && m_scope.isAssumedNew(in.event->caseId))))
            m_doubtful = true;
        submission.outcomes.append(*outcome);
    }
    return addDuplicateCodes(submission.outcomes, error);
}

std::optional<PushOutcome> PushRound::processOne(const PushSubmission &submission, const Incoming &incoming,
                                                 QString *error)
{
    PushOutcome outcome;
    const QJsonObject &json = incoming.json;
    outcome.id = incoming.id;
    auto refuse = [&](const QString &code, const QString &reason, bool permanent) {
        reject(&outcome, submission, json, code, reason, permanent);
        return outcome;
    };

    if (!incoming.isObject)
        return refuse(QStringLiteral("invalid_event"), Tr::tr("An event must be a JSON object."), false);
    if (!outcome.id.isEmpty()) {
        if (const auto seq = m_acceptedIds.constFind(outcome.id); seq != m_acceptedIds.constEnd()) {
            outcome.status = PushOutcome::Status::Duplicate;
            outcome.serverSeq = seq.value();
            return outcome;
        }
        if (const auto earlier = m_rejectedIds.constFind(outcome.id); earlier != m_rejectedIds.constEnd()) {
            outcome.status = PushOutcome::Status::Rejected;
            outcome.code = earlier->first;
            outcome.reason = earlier->second;
            return outcome;
        }
    }

    if (!incoming.event)
        return refuse(QStringLiteral("invalid_event"),
                      Tr::tr("The event is not valid: %1").arg(incoming.problem), true);
    const Event &event = *incoming.event;
    if (!incoming.validHash)
        return refuse(QStringLiteral("hash_mismatch"), Tr::tr("The event's hash does not match its content."),
                      true);

    const Principal &principal = submission.principal;
    const cases::Actor &actor = event.actor;
    if (actor.userId != principal.userId || actor.officeCode != principal.officeCode
        || !principal.hasRole(actor.role) || actor.deviceId != submission.deviceId)
        // Not stored: this says who pushed it, not what the event is.
        return refuse(QStringLiteral("actor_mismatch"),
                      Tr::tr("The event was recorded by user %1 of office %2 as %3 on device %4; you are "
                             "signed in as %5 of office %6 on device %7.")
                          .arg(actor.userId, actor.officeCode, cases::roleName(actor.role), actor.deviceId,
                               principal.userId, principal.officeCode, submission.deviceId),
                      false);

    if (event.prevHash != m_deviceHeads.value(submission.deviceId))
        return refuse(QStringLiteral("chain_broken"),
                      Tr::tr("The event does not follow the last event the server has from device %1 "
                             "(an event is missing or out of order).")
                          .arg(actor.deviceId),
                      true);

    const auto loaded = m_scope.serverCase(event.caseId, error);
    if (!loaded)
        return std::nullopt;
    ServerCase &serverCase = **loaded;

    QString code;
    QString reason;
    const auto result = cases::CaseStateMachine::apply(serverCase.state, event, actor.role);
    if (!result.isValid()) {
        using Kind = cases::CaseStateMachine::ErrorKind;
        code = result.errorKind == Kind::RoleNotAllowed ? QStringLiteral("role_not_allowed")
            : result.errorKind == Kind::InvalidPayload  ? QStringLiteral("invalid_event")
                                                        : QStringLiteral("transition_not_allowed");
        reason = result.error;
    } else {
        const AuthorityProblem authority = checkAuthority(
            principal, serverCase, event, m_scope.isInScope(event.caseId, principal.officeCode));
        code = authority.code;
        reason = authority.reason;
        if (code.isEmpty())
            std::tie(code, reason) = m_stock.problem(event);
        if (code.isEmpty()) {
            if (const QString missing = missingBlob(incoming); !missing.isEmpty()) {
                code = QStringLiteral("missing_blob");
                reason = Tr::tr("The attachment %1 the event cites has not been uploaded.").arg(missing);
            }
        }
    }
    if (!code.isEmpty()) {
        // The device recorded it: its chain continues from it, rejected or not.
        advanceDevice(submission.deviceId, event.hash);
        return refuse(code, reason, true);
    }
    if (!accept(incoming, serverCase, result, &outcome, error))
        return std::nullopt;
    return outcome;
}

bool PushRound::addDuplicateCodes(QList<PushOutcome> &outcomes, QString *error)
{
    QVariantList seqs;
    for (PushOutcome &outcome : outcomes) {
        if (outcome.status != PushOutcome::Status::Duplicate)
            continue;
        if (const auto code = m_codes.constFind(outcome.serverSeq); code != m_codes.constEnd())
            outcome.verificationCode = *code;
        else
            seqs.append(outcome.serverSeq);
    }
    const auto codes = EventLog::verificationCodes(m_db, m_dialect, seqs, error);
    if (!codes)
        return false;
    for (PushOutcome &outcome : outcomes) {
        if (outcome.status == PushOutcome::Status::Duplicate && codes->contains(outcome.serverSeq))
            outcome.verificationCode = codes->value(outcome.serverSeq);
    }
    return true;
}

bool PushRound::finish(TreeHead *head, QString *error)
{
    head->size = -1;
    SqlWrites writes;
    writes.addRows(
        QStringLiteral("INSERT INTO server_events (server_seq, id, case_id, type, event_json, received_at,"
                       " leaf_hash)"),
        7, m_eventRows);
    writes.addRows(
        QStringLiteral("INSERT INTO rejected_events (id, device_id, code, reason, event_json, rejected_at)"),
        6, m_rejectedRows, QStringLiteral(" ON CONFLICT (id) DO NOTHING"));
    QVariantList deviceRows;
    for (const QString &deviceId : std::as_const(m_changedDevices))
        deviceRows << deviceId << m_deviceHeads.value(deviceId) << m_now;
    writes.addRows(QStringLiteral("INSERT INTO device_heads (device_id, last_hash, updated_at)"), 3,
                   deviceRows,
                   QStringLiteral(" ON CONFLICT (device_id) DO UPDATE SET last_hash = excluded.last_hash,"
                                  " updated_at = excluded.updated_at"));
    m_scope.addWrites(writes);
    writes.addRows(QStringLiteral("INSERT INTO blob_refs (sha256, case_id)"), 2, m_blobRefRows,
                   QStringLiteral(" ON CONFLICT (sha256, case_id) DO NOTHING"));
    writes.addRows(QStringLiteral("INSERT INTO certificates (certificate_id, case_id, server_seq, payload,"
                                  " verification_code)"),
                   5, m_certificateRows, QStringLiteral(" ON CONFLICT (certificate_id) DO NOTHING"));
    m_stock.addWrites(writes);
    if (!m_leaves.isEmpty()) {
        if (!m_merkle.loadFrontier(quint64(m_first), error)
            || !m_merkle.appendLeaves(quint64(m_first), m_leaves, error))
            return false;
        m_merkle.addWrites(writes);
        const auto root = m_merkle.rootHash(quint64(m_last), error);
        if (!root)
            return false;
        m_frontier = m_merkle.frontier(quint64(m_last));
        const LogSigner *signer = logSigner();
        if (!signer) {
            *error = Tr::tr("The log signing key is not loaded.");
            return false;
        }
        *head = signer->signHead(m_last, *root, Event::formatTime(QDateTime::currentDateTimeUtc()));
        writes.add(QStringLiteral(
                       "INSERT INTO tree_heads (size, root_hash, signed_at, signature) VALUES (?, ?, ?, ?)"),
                   {head->size, QString::fromLatin1(head->rootHash.toHex()), head->timestamp,
                    QString::fromLatin1(head->signature.toBase64())});
    }
    return writes.runAndCommit(m_db, m_dialect, error);
}

} // namespace ow::server::Internal
