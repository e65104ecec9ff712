// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "eventlog.h"

#include "certificateauthority.h"
#include "eventlogschema.h"
#include "merklestore.h"
#include "pushcombiner.h"
#include "pushround.h"

#include "ow/server/tr.h"

#include <ow/cases/statemachine.h>
#include <ow/core/merkletree.h>

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

namespace {

using cases::Event;
using cases::EventType;

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
                                                 const QJsonArray &events, TreeHead *head, QString *error,
                                                 const Committed &committed)
{
    PushSubmission submission;
    if (committed)
        submission.committed = [&submission, &committed] {
            committed(submission.outcomes, submission.head);
        };
    submission.principal = principal;
    submission.deviceId = deviceId;
    submission.incoming.reserve(events.size());
    for (const QJsonValue &value : events)
        submission.incoming.append(Incoming::read(value));

    const auto run = [this](const QList<PushSubmission *> &round, QString *roundError) {
        // A failed or doubtful optimistic round (pushround.h) leaves nothing behind and
        // answers nothing: the same round again, with every lookup.
        return pushRound(round, PushRoundMode::Optimistic, roundError)
            || pushRound(round, PushRoundMode::Thorough, roundError);
    };
    if (!PushCombiner::forDatabase(m_db).submit(&submission, run, error))
        return std::nullopt;
    *head = submission.head;
    return submission.outcomes;
}

bool EventLog::pushRound(const QList<PushSubmission *> &submissions, PushRoundMode mode, QString *error)
{
    auto fail = [&] {
        m_db.rollback();
        return false;
    };
    TreeHead head;
    quint64 size = 0;
    QList<MerkleStore::Node> frontier;
    {
        PushRound round(m_db, m_dialect, m_authority, mode);
        error->clear();
        if (!round.begin(submissions, error))
            return fail();
        for (PushSubmission *submission : submissions) {
            if (!round.process(*submission, error))
                return fail();
        }
        if (round.isDoubtful()) {
            *error = Tr::tr("The push round is to be checked again with every lookup.");
            return fail();
        }
        if (!round.finish(&head, error))
            return fail();
        size = round.size();
        frontier = round.frontier();
    }
    MerkleStore::rememberCommittedFrontier(size, frontier);
    if (head.size < 0) {
        const auto current = currentHead(error);
        if (!current)
            return false;
        head = *current;
    }
    for (PushSubmission *submission : submissions)
        submission->head = head;
    return true;
}

std::optional<QHash<qint64, QString>> EventLog::verificationCodes(const QSqlDatabase &db, SqlDialect dialect,
                                                                  const QVariantList &seqs, QString *error)
{
    QHash<qint64, QString> codes;
    if (seqs.isEmpty())
        return codes;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!runSql(
            query, dialect,
            QStringLiteral("SELECT server_seq, verification_code FROM certificates WHERE server_seq IN (%1)"
                           " AND verification_code IS NOT NULL")
                .arg(sqlPlaceholders(seqs.size())),
            seqs, error))
        return std::nullopt;
    while (query.next())
        codes.insert(query.value(0).toLongLong(), query.value(1).toString());
    return codes;
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
    const QString pattern = QStringLiteral(
        "SELECT server_seq, event_json, received_at, k FROM ("
        " SELECT * FROM (SELECT e.server_seq, e.event_json, e.received_at, e.server_seq AS k"
        "  FROM server_events e WHERE e.server_seq >= ? AND (SELECT s.granted_seq FROM case_scope s"
        "  WHERE s.office_code = ? AND s.case_id = e.case_id) <= e.server_seq ORDER BY e.server_seq LIMIT ?)"
        " first_half"
        " UNION ALL"
        " SELECT * FROM (SELECT e.server_seq, e.event_json, e.received_at, s.granted_seq AS k"
        "  FROM case_scope s JOIN server_events e ON %1 = s.case_id"
        "  WHERE s.office_code = ? AND s.late = 1 AND s.granted_seq > e.server_seq"
        "  AND (s.granted_seq > ? OR (s.granted_seq = ? AND e.server_seq > ?))"
        "  ORDER BY s.granted_seq, e.server_seq LIMIT ?) second_half"
        ") page ORDER BY k, server_seq LIMIT ?");
    const QString sql = pattern.arg(bytewise(m_dialect, QStringLiteral("e.case_id")));
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
