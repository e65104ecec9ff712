// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "serverschema.h"

#include <ow/core/merkletree.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>

namespace ow::server::Internal {

class SqlWrites;

// The Merkle tree over server_events as stored: leaf hashes in
// server_events.leaf_hash (leaf i is server_seq i + 1), complete aligned
// subtrees of 16 or more leaves in merkle_nodes (smaller ones are computed
// from their leaves; logs written before also hold them, unused). Appending
// leaves stores the subtrees they complete, so roots and proofs take
// O(log n) look-ups.
class MerkleStore
{
public:
    MerkleStore(QSqlDatabase db, SqlDialect dialect);

    // The leaf of an event as the log hashes it: the canonical JSON of
    // {"hash", "serverSeq", "receivedAt"}.
    static QByteArray leafData(const QString &eventHash, qint64 serverSeq, const QString &receivedAt);

    // Reads, in one query, the maximal complete subtrees a tree of `size`
    // leaves is made of: all an append needs from the store, so a batch's
    // nodes are then computed in memory.
    bool loadFrontier(quint64 size, QString *error);
    // After leaves `first`, first + 1, ... (their hashes) are numbered: computes
    // the subtrees they complete; addWrites() adds their INSERT to the batch's writes.
    bool appendLeaves(quint64 first, const QList<QByteArray> &leafHashes, QString *error);
    void addWrites(SqlWrites &writes);

    std::optional<QByteArray> rootHash(quint64 size, QString *error);

    // The frontier of a tree of `size` leaves (its maximal complete subtrees),
    // from what this object computed or read; empty if a subtree is unknown.
    struct Node
    {
        quint64 start = 0;
        quint64 size = 0;
        QByteArray hash;
    };
    QList<Node> frontier(quint64 size) const;
    // The frontier of the log as this process last committed it. The log is
    // append-only, so the subtrees of a prefix never change: a later batch
    // whose log still has `size` leaves needs no query for them. Only call
    // after the transaction that wrote the tree committed.
    static void rememberCommittedFrontier(quint64 size, const QList<Node> &nodes);
    std::optional<QList<QByteArray>> consistencyProof(quint64 first, quint64 second, QString *error);

private:
    QByteArray subtree(quint64 start, quint64 size);
    // Reads the leaf hashes of leaves [start, start + count) into the cache.
    bool loadLeaves(quint64 start, quint64 count, QString *error);
    // Fills m_cache from the remembered frontier if it is the one of `size`.
    void useCommittedFrontier(quint64 size);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QString m_lastError;
    // Nodes written or read during this object's life (one request).
    QHash<QPair<quint64, quint64>, QByteArray> m_cache;
    // Computed by appendLeaves, not yet stored: start, size, hash.
    QVariantList m_pending;
};

} // namespace ow::server::Internal
