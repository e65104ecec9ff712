// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "eventlog.h"
#include "merklestore.h"
#include "principal.h"
#include "scopestore.h"
#include "stockcheck.h"

#include <ow/cases/event.h>
#include <ow/cases/statemachine.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <optional>
#include <utility>

namespace ow::server::Internal {

class CertificateAuthority;

// One pushed event as read before the transaction: parsing and the hash
// check need no database, so they are done before the sequencer lock, on the
// pushing request's own thread.
struct Incoming
{
    QJsonObject json;
    bool isObject = false;
    QString id;
    std::optional<cases::Event> event;
    QString problem; // why `event` did not parse
    QStringList blobs; // the attachments (SHA-256, lower case) the event cites
    bool validHash = false;
    // As stored if accepted: server_events.event_json, canonical UTF-8 (the
    // event's only copy; the row's other columns are its keys).
    QByteArray eventJson;

    static Incoming read(const QJsonValue &value);
};

// One push request: who pushed what, and what the server answered.
struct PushSubmission
{
    Principal principal;
    QString deviceId;
    QList<Incoming> incoming;
    // Once its round committed: one outcome per incoming event, and the tree head after the round.
    QList<PushOutcome> outcomes;
    TreeHead head;
    // If set, called on the submitting thread once the outcomes and head are
    // committed, before the thread leads further rounds (PushCombiner::submit).
    std::function<void()> committed;
};

// The transaction that sequences one or more push requests (a round): under
// the sequencer lock it reads what the checks need for all of them (earlier
// answers, the devices' chain heads, the cases, their scope, the blobs, the
// stock serials) in one query of each kind, answers each event in turn as if
// the requests had come one after the other, and writes what they add in one
// statement per table, with one tree head for the round.
//
// What a request reads sees what the requests before it in the round
// accepted: the round keeps its own answers, chain heads, cases, grants and
// serials in memory over what it read from the database, which holds only
// what was committed before the round.
//
// An optimistic round leaves out the lookups that find nothing in the usual
// push: the ids of events that continue their device's stored chain, and the
// stored events of cases created in the round. What it took for granted is
// held by the database's unique keys (a write that breaks one fails the round)
// or makes the round doubtful; either way the round is then done again
// thoroughly, with every lookup, before anything is answered.
class PushRound
{
public:
    using Mode = PushRoundMode;
    PushRound(QSqlDatabase db, SqlDialect dialect, const CertificateAuthority *authority, Mode mode);

    // Begins the transaction, takes the sequencer lock and reads for `submissions`.
    bool begin(const QList<PushSubmission *> &submissions, QString *error);
    // Answers the events of `submission` in order (fills its outcomes).
    bool process(PushSubmission &submission, QString *error);
    // An optimistic round refused an event whose id it did not look up, or of a
    // case it took to be new: its answers may not be those of a thorough round,
    // and it is not to be written.
    bool isDoubtful() const { return m_doubtful; }
    // Writes the round and commits; `head` is the tree head after it (size -1 when nothing was
    // appended).
    bool finish(TreeHead *head, QString *error);
    // The log's size and frontier after finish(), to remember once committed
    // (no frontier when nothing was appended).
    quint64 size() const { return quint64(m_last); }
    const QList<MerkleStore::Node> &frontier() const { return m_frontier; }

private:
    bool lockAndReadHeads(const QList<PushSubmission *> &submissions, const QStringList &caseIds,
                          QString *error);
    bool loadAcceptedIds(const QVariantList &ids, QString *error);
    bool loadBlobs(const QList<PushSubmission *> &submissions, QString *error);
    bool loadStock(const QList<PushSubmission *> &submissions, QString *error);
    std::optional<PushOutcome> processOne(const PushSubmission &submission, const Incoming &incoming,
                                          QString *error);
    void reject(PushOutcome *outcome, const PushSubmission &submission, const QJsonObject &json,
                const QString &code, const QString &reason, bool permanent);
    QString missingBlob(const Incoming &incoming) const;
    // `checked`: what the state machine said of the event on the case's state.
    bool accept(const Incoming &incoming, ServerCase &serverCase,
                const cases::CaseStateMachine::Result &checked, PushOutcome *outcome, QString *error);
    void advanceDevice(const QString &deviceId, const QString &hash);
    // The verification codes of the certificates of the duplicates in `outcomes`.
    bool addDuplicateCodes(QList<PushOutcome> &outcomes, QString *error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    Mode m_mode;
    bool m_doubtful = false;
    // The submissions whose event ids an optimistic round did not look up.
    QSet<const PushSubmission *> m_continuing;
    const CertificateAuthority *m_authority;
    MerkleStore m_merkle;
    ScopeStore m_scope;
    StockCheck m_stock;
    // When the round was received (taken under the lock, so it follows the
    // rounds numbered before): its events' receivedAt.
    QString m_now;
    qint64 m_first = 0; // the last sequence number before the round
    qint64 m_last = 0;
    // Earlier answers by event id, from before the round and from the round itself.
    QHash<QString, qint64> m_acceptedIds;
    QHash<QString, std::pair<QString, QString>> m_rejectedIds;
    // Each pushing device's chain head (empty: the server has nothing from it yet).
    QHash<QString, QString> m_deviceHeads;
    QStringList m_changedDevices;
    QSet<QString> m_blobs;
    // The round's writes.
    QVariantList m_eventRows;
    QList<QByteArray> m_leaves;
    QVariantList m_rejectedRows;
    QVariantList m_blobRefRows;
    QSet<QPair<QString, QString>> m_blobRefs;
    QVariantList m_certificateRows;
    QSet<QString> m_certificates;
    QHash<qint64, QString> m_codes; // verification codes signed in this round, by serverSeq
    QList<MerkleStore::Node> m_frontier; // of the tree after this round, once finish() computed it
};

} // namespace ow::server::Internal
