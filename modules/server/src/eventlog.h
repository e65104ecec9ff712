// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "principal.h"
#include "serverschema.h"
#include "sqlwrites.h"
#include "treehead.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <optional>
#include <tuple>
#include <utility>

namespace ow::server::Internal {

class CertificateAuthority;
struct PushSubmission;

// The lock every round of pushes holds for its whole transaction on PostgreSQL
// ("owlog"); whatever else writes what the pushes check (stock serials) takes it too.
inline constexpr qint64 kSequencerLock = 0x6f776c6f67;

// How a push round looks things up (see PushRound).
enum class PushRoundMode { Optimistic, Thorough };

// What the server answered for one pushed event.
struct PushOutcome
{
    enum class Status { Accepted, Duplicate, Rejected };
    QString id;
    Status status = Status::Rejected;
    qint64 serverSeq = 0;
    QString code; // for Rejected: invalid_event, hash_mismatch, chain_broken, ...
    QString reason; // translated
    // For a certificate-produced event the server signed: its certificate's code.
    QString verificationCode;

    QJsonObject toJson() const;
};

// The server's global event log: pushes checked and sequenced, pulls by
// scope, and the Merkle tree heads over the sequence.
//
// The cursor never skips: every round of pushes (pushround.h) takes one lock
// for its whole transaction (pg_advisory_xact_lock on PostgreSQL, SQLite's
// single writer on the embedded store) and numbers its events last + 1, ...,
// so sequence numbers become visible in order. A case that enters an office's scope at
// sequence G is pulled under the ordering key max(serverSeq, G): after
// anything the office's cursor has already passed.
class EventLog
{
public:
    // `authority` signs the certificates of accepted certificate-produced
    // events; without one (or when it has no key) they stay unsigned.
    EventLog(QSqlDatabase db, SqlDialect dialect, const CertificateAuthority *authority = nullptr);

    // Committed before returning, in one transaction with the pushes that
    // waited alongside it in this process (pushcombiner.h); nullopt and
    // `error` when the database fails (then nothing of it is stored). `head` is
    // a tree head that covers the batch.
    //
    // `committed`, if given, gets the same outcomes and head as soon as they
    // are committed, on this thread, possibly well before push() returns: the
    // thread may then go on to write other pushes' rounds (PushCombiner).
    using Committed = std::function<void(const QList<PushOutcome> &outcomes, const TreeHead &head)>;
    std::optional<QList<PushOutcome>> push(const Principal &principal, const QString &deviceId,
                                           const QJsonArray &events, TreeHead *head, QString *error,
                                           const Committed &committed = {});

    struct Page
    {
        QJsonArray events;
        QString next;
        bool hasMore = false;
    };
    enum class CursorProblem { None, Malformed, Gone };
    std::optional<Page> pull(const Principal &principal, const QString &cursor, int limit,
                             CursorProblem *problem, QString *error);

    // The verification codes of the signed certificates produced by the events numbered `seqs`.
    static std::optional<QHash<qint64, QString>> verificationCodes(const QSqlDatabase &db, SqlDialect dialect,
                                                                   const QVariantList &seqs, QString *error);

    // The newest signed tree head (the empty tree's on a new log).
    std::optional<TreeHead> currentHead(QString *error);
    // For /log/consistency: nullopt with `error` empty when the sizes are not valid for the current head.
    std::optional<QList<QByteArray>> consistencyProof(qint64 first, qint64 second, QString *error);

private:
    // One round of pushes (pushcombiner.h) in one transaction on this log's connection.
    bool pushRound(const QList<PushSubmission *> &submissions, PushRoundMode mode, QString *error);
    bool addVerificationCodes(QJsonArray &events, QString *error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    const CertificateAuthority *m_authority = nullptr;
};

} // namespace ow::server::Internal
