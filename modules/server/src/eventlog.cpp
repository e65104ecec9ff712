// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "eventlog.h"

#include "certificateauthority.h"
#include "merklestore.h"
#include "scopestore.h"
#include "stockcheck.h"

#include "ow/server/tr.h"

#include <ow/cases/statemachine.h>
#include <ow/core/merkletree.h>

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace ow::server::Internal {

namespace {

using cases::Event;
using cases::EventType;

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString nowText()
{
    return Event::formatTime(QDateTime::currentDateTimeUtc());
}

struct Cursor
{
    qint64 key = 0;
    qint64 seq = 0;
};

std::optional<Cursor> parseCursor(const QString &text)
{
    if (text.isEmpty())
        return Cursor {};
    static const QRegularExpression form(QStringLiteral("^(\\d{1,18})\\.(\\d{1,18})$"));
    const auto match = form.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return Cursor {match.captured(1).toLongLong(), match.captured(2).toLongLong()};
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

// The verification codes of the signed certificates produced by the events numbered `seqs`.
std::optional<QHash<qint64, QString>> verificationCodes(const QSqlDatabase &db, SqlDialect dialect,
                                                        const QVariantList &seqs, QString *error)
{
    QHash<qint64, QString> codes;
    if (seqs.isEmpty())
        return codes;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!runSql(query, dialect,
                QStringLiteral("SELECT server_seq, verification_code FROM certificates WHERE server_seq IN (%1)"
                               " AND verification_code IS NOT NULL")
                    .arg(sqlPlaceholders(seqs.size())),
                seqs, error))
        return std::nullopt;
    while (query.next())
        codes.insert(query.value(0).toLongLong(), query.value(1).toString());
    return codes;
}

// One pushed event as read before the transaction: parsing and the hash
// check need no database, so they are done before the sequencer lock.
struct Incoming
{
    QJsonObject json;
    bool isObject = false;
    QString id;
    std::optional<Event> event;
    QString problem; // why `event` did not parse
    bool validHash = false;
    // As stored if accepted: server_events.payload and .event_json.
    QString payloadText;
    QString eventText;
};

Incoming readIncoming(const QJsonValue &value)
{
    Incoming incoming;
    incoming.isObject = value.isObject();
    incoming.json = value.toObject();
    incoming.id = incoming.json.value(QStringLiteral("id")).toString();
    if (!incoming.isObject)
        return incoming;
    incoming.event = Event::fromJson(incoming.json, &incoming.problem);
    if (incoming.event) {
        incoming.event->serverSeq.reset();
        incoming.event->receivedAt = QDateTime();
        incoming.validHash = incoming.event->hasValidHash();
        if (incoming.validHash) {
            incoming.payloadText = compactJson(incoming.event->payload);
            incoming.eventText = compactJson(incoming.event->toJson());
        }
    }
    return incoming;
}

// One push batch inside its transaction. What the checks read (earlier
// answers, the device's chain head, the cases, their scope, the blobs) is read
// for the whole batch in one query each; what the batch writes is kept in
// memory and written in one multi-row statement per table by finish().
class Batch
{
public:
    Batch(QSqlDatabase db, SqlDialect dialect, const Principal &principal, const QString &deviceId,
          const CertificateAuthority *authority)
        : m_db(db)
        , m_dialect(dialect)
        , m_principal(principal)
        , m_deviceId(deviceId)
        , m_authority(authority)
        , m_merkle(db, dialect)
        , m_scope(db, dialect)
        , m_stock(db, dialect)
    { }

    bool begin(const QList<Incoming> &incoming, QString *error);
    std::optional<PushOutcome> process(Incoming &incoming, QString *error);
    bool finish(TreeHead *head, QString *error);
    // The verification codes of the certificates of duplicates in `outcomes` (known ones).
    bool addDuplicateCodes(QList<PushOutcome> &outcomes, QString *error);
    // The log's size and frontier after finish(), to remember once committed
    // (no frontier when nothing was appended).
    quint64 size() const { return quint64(m_last); }
    const QList<MerkleStore::Node> &frontier() const { return m_frontier; }

private:
    bool loadEarlierAnswers(const QList<Incoming> &incoming, QString *error);
    bool loadBlobs(const QList<Incoming> &incoming, QString *error);
    bool reject(PushOutcome *outcome, const QJsonObject &json, const QString &code, const QString &reason,
                bool permanent);
    QString missingBlob(const Event &event) const;
    // `checked`: what the state machine said of the event on the case's state.
    bool accept(const Incoming &incoming, ServerCase &serverCase, const cases::CaseStateMachine::Result &checked,
                PushOutcome *outcome, QString *error);
    bool query(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error)
    {
        query.setForwardOnly(true);
        return runSql(query, m_dialect, sql, values, error);
    }

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    const Principal &m_principal;
    QString m_deviceId;
    const CertificateAuthority *m_authority;
    MerkleStore m_merkle;
    ScopeStore m_scope;
    StockCheck m_stock;
    // When the batch was received (taken under the lock, so it follows the
    // batches numbered before): its events' receivedAt.
    QString m_now;
    qint64 m_first = 0; // the last sequence number before the batch
    qint64 m_last = 0;
    // Earlier answers by event id, from before the batch and from the batch itself.
    QHash<QString, qint64> m_acceptedIds;
    QHash<QString, std::pair<QString, QString>> m_rejectedIds;
    QString m_deviceHead;
    bool m_deviceHeadChanged = false;
    QSet<QString> m_blobs;
    // The batch's writes.
    QVariantList m_eventRows;
    QList<QByteArray> m_leaves;
    QVariantList m_rejectedRows;
    QVariantList m_blobRefRows;
    QSet<QPair<QString, QString>> m_blobRefs;
    QVariantList m_certificateRows;
    QSet<QString> m_certificates;
    QHash<qint64, QString> m_codes; // verification codes signed in this batch, by serverSeq
    QList<MerkleStore::Node> m_frontier; // of the tree after this batch, once finish() computed it
};

bool Batch::begin(const QList<Incoming> &incoming, QString *error)
{
    QSqlQuery q(m_db);
    if (m_dialect == SqlDialect::Postgres
        && !query(q, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kSequencerLock}, error))
        return false;
    // Under the lock: nothing below can change until the transaction ends. (A
    // statement of its own: on PostgreSQL each statement reads what was
    // committed when it began, so reads in the locking statement could miss
    // the batch committed while it waited.)
    m_now = nowText();

    QStringList caseIds;
    QList<const Event *> events;
    for (const Incoming &in : incoming) {
        if (in.event && in.validHash && !caseIds.contains(in.event->caseId))
            caseIds.append(in.event->caseId);
        if (in.event && in.validHash)
            events.append(&*in.event);
    }
    return loadEarlierAnswers(incoming, error) && m_scope.loadCases(caseIds, error)
        && m_scope.loadScope(caseIds, m_principal.officeCode, error) && loadBlobs(incoming, error)
        && m_stock.load(events, m_principal.officeCode, error);
}

bool Batch::addDuplicateCodes(QList<PushOutcome> &outcomes, QString *error)
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
    const auto codes = verificationCodes(m_db, m_dialect, seqs, error);
    if (!codes)
        return false;
    for (PushOutcome &outcome : outcomes) {
        if (outcome.status == PushOutcome::Status::Duplicate && codes->contains(outcome.serverSeq))
            outcome.verificationCode = codes->value(outcome.serverSeq);
    }
    return true;
}

// With the log's last sequence number and the device's chain head, in one
// statement (one round trip under the lock).
bool Batch::loadEarlierAnswers(const QList<Incoming> &incoming, QString *error)
{
    QVariantList ids;
    QSet<QString> seen;
    for (const Incoming &in : incoming) {
        if (!in.id.isEmpty() && !seen.contains(in.id)) {
            seen.insert(in.id);
            ids.append(in.id);
        }
    }
    QString sql = QStringLiteral("SELECT 2, '', COALESCE(MAX(server_seq), 0), '', '' FROM server_events"
                                 " UNION ALL SELECT 3, '', 0, last_hash, '' FROM device_heads WHERE device_id = ?");
    QVariantList values {m_deviceId};
    if (!ids.isEmpty()) {
        sql += QStringLiteral(" UNION ALL SELECT 0, id, server_seq, '', '' FROM server_events WHERE id IN (%1)"
                              " UNION ALL SELECT 1, id, 0, code, reason FROM rejected_events WHERE id IN (%1)")
                   .arg(sqlPlaceholders(ids.size()));
        values += ids + ids;
    }
    QSqlQuery q(m_db);
    if (!query(q, sql, values, error))
        return false;
    bool sawLast = false;
    m_deviceHead.clear();
    while (q.next()) {
        switch (q.value(0).toInt()) {
        case 0:
            m_acceptedIds.insert(q.value(1).toString(), q.value(2).toLongLong());
            break;
        case 1:
            m_rejectedIds.insert(q.value(1).toString(), {q.value(3).toString(), q.value(4).toString()});
            break;
        case 2:
            m_first = m_last = q.value(2).toLongLong();
            sawLast = true;
            break;
        default:
            m_deviceHead = q.value(3).toString();
            break;
        }
    }
    if (!sawLast) {
        *error = Tr::tr("The log's last sequence number could not be read.");
        return false;
    }
    return true;
}

bool Batch::loadBlobs(const QList<Incoming> &incoming, QString *error)
{
    QVariantList hashes;
    QSet<QString> seen;
    for (const Incoming &in : incoming) {
        if (!in.event)
            continue;
        for (const QString &hash : citedBlobs(*in.event)) {
            if (!seen.contains(hash)) {
                seen.insert(hash);
                hashes.append(hash);
            }
        }
    }
    if (hashes.isEmpty())
        return true;
    QSqlQuery q(m_db);
    if (!query(
            q,
            QStringLiteral("SELECT sha256 FROM blobs WHERE sha256 IN (%1)").arg(sqlPlaceholders(hashes.size())),
            hashes, error))
        return false;
    while (q.next())
        m_blobs.insert(q.value(0).toString());
    return true;
}

bool Batch::reject(PushOutcome *outcome, const QJsonObject &json, const QString &code, const QString &reason,
                   bool permanent)
{
    outcome->status = PushOutcome::Status::Rejected;
    outcome->code = code;
    outcome->reason = reason;
    if (!permanent || outcome->id.isEmpty() || outcome->id.size() > 64 || m_rejectedIds.contains(outcome->id))
        return true;
    m_rejectedIds.insert(outcome->id, {code, reason});
    m_rejectedRows << outcome->id << m_deviceId << code << reason << compactJson(json) << m_now;
    return true;
}

QString Batch::missingBlob(const Event &event) const
{
    for (const QString &hash : citedBlobs(event)) {
        if (!m_blobs.contains(hash))
            return hash;
    }
    return QString();
}

bool Batch::accept(const Incoming &incoming, ServerCase &serverCase,
                   const cases::CaseStateMachine::Result &checked, PushOutcome *outcome, QString *error)
{
    const Event &event = *incoming.event;
    const qint64 seq = m_last + 1;
    const QByteArray leaf = core::MerkleTree::leafHash(MerkleStore::leafData(event.hash, seq, m_now));
    m_eventRows << seq << event.id << event.caseId << event.actor.deviceId << cases::eventTypeName(event.type)
                << event.actor.userId << event.actor.officeCode << cases::roleName(event.actor.role)
                << incoming.payloadText << incoming.eventText << event.hash << event.prevHash << m_now
                << QString::fromLatin1(leaf.toHex());
    m_leaves.append(leaf);
    m_last = seq;
    m_acceptedIds.insert(event.id, seq);

    cases::CaseStateMachine::advance(serverCase.state, event, checked);
    if (event.type == EventType::CertificateProduced && !ScopeStore::printOfficeOf(event).isEmpty())
        serverCase.printOffice = ScopeStore::printOfficeOf(event);
    m_deviceHead = event.hash;
    m_deviceHeadChanged = true;
    if (!m_scope.recordAccepted(serverCase, event, seq, error))
        return false;

    for (const QString &hash : citedBlobs(event)) {
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

std::optional<PushOutcome> Batch::process(Incoming &incoming, QString *error)
{
    PushOutcome outcome;
    const QJsonObject &json = incoming.json;
    outcome.id = incoming.id;
    auto done = [&](bool ok) {
        return ok ? std::optional<PushOutcome>(outcome) : std::nullopt;
    };

    if (!incoming.isObject)
        return done(reject(&outcome, json, QStringLiteral("invalid_event"),
                           Tr::tr("An event must be a JSON object."), false));
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
        return done(reject(&outcome, json, QStringLiteral("invalid_event"),
                           Tr::tr("The event is not valid: %1").arg(incoming.problem), true));
    const Event &event = *incoming.event;
    if (!incoming.validHash)
        return done(reject(&outcome, json, QStringLiteral("hash_mismatch"),
                           Tr::tr("The event's hash does not match its content."), true));

    const cases::Actor &actor = event.actor;
    if (actor.userId != m_principal.userId || actor.officeCode != m_principal.officeCode
        || !m_principal.hasRole(actor.role) || actor.deviceId != m_deviceId)
        // Not stored: this says who pushed it, not what the event is.
        return done(
            reject(&outcome, json, QStringLiteral("actor_mismatch"),
                   Tr::tr("The event was recorded by user %1 of office %2 as %3 on device %4; you are "
                          "signed in as %5 of office %6 on device %7.")
                       .arg(actor.userId, actor.officeCode, cases::roleName(actor.role), actor.deviceId,
                            m_principal.userId, m_principal.officeCode, m_deviceId),
                   false));

    if (event.prevHash != m_deviceHead)
        return done(reject(&outcome, json, QStringLiteral("chain_broken"),
                           Tr::tr("The event does not follow the last event the server has from device %1 "
                                  "(an event is missing or out of order).")
                               .arg(actor.deviceId),
                           true));

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
        const AuthorityProblem authority
            = checkAuthority(m_principal, serverCase, event, m_scope.isInScope(event.caseId));
        code = authority.code;
        reason = authority.reason;
        if (code.isEmpty())
            std::tie(code, reason) = m_stock.problem(event);
        if (code.isEmpty()) {
            if (const QString missing = missingBlob(event); !missing.isEmpty()) {
                code = QStringLiteral("missing_blob");
                reason = Tr::tr("The attachment %1 the event cites has not been uploaded.").arg(missing);
            }
        }
    }
    if (!code.isEmpty()) {
        // The device recorded it: its chain continues from it, rejected or not.
        m_deviceHead = event.hash;
        m_deviceHeadChanged = true;
        return done(reject(&outcome, json, code, reason, true));
    }
    return done(accept(incoming, serverCase, result, &outcome, error));
}

bool Batch::finish(TreeHead *head, QString *error)
{
    SqlWrites writes;
    writes.addRows(
        QStringLiteral("INSERT INTO server_events (server_seq, id, case_id, device_id, type, actor_user,"
                       " actor_office, actor_role, payload, event_json, hash, prev_hash, received_at,"
                       " leaf_hash)"),
        14, m_eventRows);
    writes.addRows(
        QStringLiteral("INSERT INTO rejected_events (id, device_id, code, reason, event_json, rejected_at)"),
        6, m_rejectedRows, QStringLiteral(" ON CONFLICT (id) DO NOTHING"));
    if (m_deviceHeadChanged)
        writes.add(
            QStringLiteral("INSERT INTO device_heads (device_id, last_hash, updated_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (device_id) DO UPDATE SET last_hash = excluded.last_hash,"
                           " updated_at = excluded.updated_at"),
            {m_deviceId, m_deviceHead, m_now});
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
        *head = signer->signHead(m_last, *root, nowText());
        writes.add(QStringLiteral(
                       "INSERT INTO tree_heads (size, root_hash, signed_at, signature) VALUES (?, ?, ?, ?)"),
                   {head->size, QString::fromLatin1(head->rootHash.toHex()), head->timestamp,
                    QString::fromLatin1(head->signature.toBase64())});
    }
    return writes.run(m_db, m_dialect, error);
}

} // namespace

QJsonObject PushOutcome::toJson() const
{
    QJsonObject json {{QStringLiteral("id"), id}};
    switch (status) {
    case Status::Accepted:
    case Status::Duplicate:
        json.insert(QStringLiteral("status"),
                    status == Status::Accepted ? QStringLiteral("accepted") : QStringLiteral("duplicate"));
        json.insert(QStringLiteral("serverSeq"), double(serverSeq));
        if (!verificationCode.isEmpty())
            json.insert(QStringLiteral("verificationCode"), verificationCode);
        break;
    case Status::Rejected:
        json.insert(QStringLiteral("status"), QStringLiteral("rejected"));
        json.insert(QStringLiteral("code"), code);
        json.insert(QStringLiteral("reason"), reason);
        break;
    }
    return json;
}

EventLog::EventLog(QSqlDatabase db, SqlDialect dialect, const CertificateAuthority *authority)
    : m_db(std::move(db))
    , m_dialect(dialect)
    , m_authority(authority)
{ }

std::optional<QList<PushOutcome>> EventLog::push(const Principal &principal, const QString &deviceId,
                                                 const QJsonArray &events, TreeHead *head, QString *error)
{
    QList<Incoming> incoming;
    incoming.reserve(events.size());
    for (const QJsonValue &value : events)
        incoming.append(readIncoming(value));

    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return std::nullopt;
    }
    auto fail = [&]() -> std::optional<QList<PushOutcome>> {
        m_db.rollback();
        return std::nullopt;
    };
    QList<PushOutcome> outcomes;
    outcomes.reserve(incoming.size());
    quint64 size = 0;
    QList<MerkleStore::Node> frontier;
    {
        Batch batch(m_db, m_dialect, principal, deviceId, m_authority);
        error->clear();
        if (!batch.begin(incoming, error))
            return fail();
        for (Incoming &in : incoming) {
            error->clear();
            auto outcome = batch.process(in, error);
            if (!outcome)
                return fail();
            outcomes.append(*outcome);
        }
        head->size = -1;
        if (!batch.addDuplicateCodes(outcomes, error) || !batch.finish(head, error))
            return fail();
        size = batch.size();
        frontier = batch.frontier();
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        return fail();
    }
    MerkleStore::rememberCommittedFrontier(size, frontier);
    if (head->size < 0) {
        auto current = currentHead(error);
        if (!current)
            return std::nullopt;
        *head = *current;
    }
    return outcomes;
}

std::optional<TreeHead> EventLog::currentHead(QString *error)
{
    QSqlQuery query(m_db);
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!query.exec(QStringLiteral(
                "SELECT size, root_hash, signed_at, signature FROM tree_heads ORDER BY size DESC LIMIT 1"))) {
            *error = query.lastError().text();
            return std::nullopt;
        }
        if (query.next()) {
            TreeHead head;
            head.size = query.value(0).toLongLong();
            head.rootHash = QByteArray::fromHex(query.value(1).toString().toLatin1());
            head.timestamp = query.value(2).toString();
            head.signature = QByteArray::fromBase64(query.value(3).toString().toLatin1());
            return head;
        }
        // A new log: sign the empty tree once (another process may do the same at once).
        const LogSigner *signer = logSigner();
        if (!signer) {
            *error = Tr::tr("The log signing key is not loaded.");
            return std::nullopt;
        }
        const TreeHead empty = signer->signHead(0, core::MerkleTree::emptyRoot(), nowText());
        query.prepare(QStringLiteral("INSERT INTO tree_heads (size, root_hash, signed_at, signature)"
                                     " VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING"));
        query.addBindValue(empty.size);
        query.addBindValue(QString::fromLatin1(empty.rootHash.toHex()));
        query.addBindValue(empty.timestamp);
        query.addBindValue(QString::fromLatin1(empty.signature.toBase64()));
        if (!query.exec()) {
            *error = query.lastError().text();
            return std::nullopt;
        }
    }
    *error = Tr::tr("The log has no tree head.");
    return std::nullopt;
}

std::optional<QList<QByteArray>> EventLog::consistencyProof(qint64 first, qint64 second, QString *error)
{
    const auto head = currentHead(error);
    if (!head)
        return std::nullopt;
    if (first < 0 || second < first || second > head->size) {
        error->clear();
        return std::nullopt;
    }
    MerkleStore merkle(m_db, m_dialect);
    return merkle.consistencyProof(quint64(first), quint64(second), error);
}

// Puts each signed certificate's code into the envelope of its
// certificate-produced event, next to serverSeq (outside the hashed event).
bool EventLog::addVerificationCodes(QJsonArray &events, QString *error)
{
    QVariantList seqs;
    for (const QJsonValue &event : events) {
        if (event[QStringLiteral("type")].toString() == cases::eventTypeName(EventType::CertificateProduced))
            seqs.append(qint64(event[QStringLiteral("serverSeq")].toDouble()));
    }
    const auto codes = verificationCodes(m_db, m_dialect, seqs, error);
    if (!codes)
        return false;
    for (qsizetype i = 0; i < events.size(); ++i) {
        QJsonObject event = events.at(i).toObject();
        const qint64 seq = qint64(event.value(QStringLiteral("serverSeq")).toDouble());
        if (codes->contains(seq)) {
            event.insert(QStringLiteral("verificationCode"), codes->value(seq));
            events.replace(i, event);
        }
    }
    return true;
}

std::optional<EventLog::Page> EventLog::pull(const Principal &principal, const QString &cursorText, int limit,
                                             CursorProblem *problem, QString *error)
{
    *problem = CursorProblem::None;
    const auto cursor = parseCursor(cursorText);
    // The ordering key is max(serverSeq, grantedSeq), never below the event's own number.
    if (!cursor || cursor->seq > cursor->key) {
        *problem = CursorProblem::Malformed;
        return std::nullopt;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect, QStringLiteral("SELECT COALESCE(MAX(server_seq), 0) FROM server_events"),
                {}, error)
        || !query.next())
        return std::nullopt;
    if (cursor->key > query.value(0).toLongLong()) {
        *problem = CursorProblem::Gone;
        return std::nullopt;
    }

    // Two index-friendly halves of "(max(serverSeq, grantedSeq), serverSeq) > cursor": events
    // numbered after the cursor in cases the office already saw, and whole cases whose grant
    // came after it. The first half's rows have key = serverSeq, so the cursor (K, S) with
    // S <= K reduces to serverSeq >= K when S < K and serverSeq > K when S = K. The second half
    // has rows only for late grants (case_scope.late). Each half is ordered and limited on its
    // own so that a page reads about `limit` rows of each, not the rest of the log; the first
    // half looks the grant up per event (a subquery, not a join) so that it walks the log in
    // order and stops at the limit whatever the planner's statistics say.
    const QString sql = QStringLiteral(
        "SELECT server_seq, event_json, received_at, k FROM ("
        " SELECT * FROM (SELECT e.server_seq, e.event_json, e.received_at, e.server_seq AS k"
        "  FROM server_events e WHERE e.server_seq >= ? AND (SELECT s.granted_seq FROM case_scope s"
        "  WHERE s.office_code = ? AND s.case_id = e.case_id) <= e.server_seq ORDER BY e.server_seq LIMIT ?)"
        " first_half"
        " UNION ALL"
        " SELECT * FROM (SELECT e.server_seq, e.event_json, e.received_at, s.granted_seq AS k"
        "  FROM case_scope s JOIN server_events e ON e.case_id = s.case_id"
        "  WHERE s.office_code = ? AND s.late = 1 AND s.granted_seq > e.server_seq"
        "  AND (s.granted_seq > ? OR (s.granted_seq = ? AND e.server_seq > ?))"
        "  ORDER BY s.granted_seq, e.server_seq LIMIT ?) second_half"
        ") page ORDER BY k, server_seq LIMIT ?");
    const qint64 rows = qint64(limit) + 1;
    if (!runSql(query, m_dialect, sql,
                {cursor->seq < cursor->key ? cursor->key : cursor->key + 1, principal.officeCode, rows,
                 principal.officeCode, cursor->key, cursor->key, cursor->seq, rows, rows},
                error))
        return std::nullopt;
    Page page;
    Cursor last = *cursor;
    while (query.next()) {
        if (page.events.size() == limit) {
            page.hasMore = true;
            break;
        }
        QJsonObject event = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
        event.insert(QStringLiteral("serverSeq"), double(query.value(0).toLongLong()));
        event.insert(QStringLiteral("receivedAt"), query.value(2).toString());
        page.events.append(event);
        last = Cursor {query.value(3).toLongLong(), query.value(0).toLongLong()};
    }
    page.next = QStringLiteral("%1.%2").arg(last.key).arg(last.seq);
    if (!addVerificationCodes(page.events, error))
        return std::nullopt;
    return page;
}

} // namespace ow::server::Internal
