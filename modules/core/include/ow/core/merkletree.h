// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <functional>
#include <optional>

namespace ow::core {

// The Merkle tree of RFC 6962 / RFC 9162 §2.1 (SHA-256) over an append-only
// list of leaves: the central server keeps one over its global event
// sequence, and a workstation checks with verifyConsistency() that each new
// signed tree head extends the last one it verified, i.e. that the server
// never rewrote its history. All hashes are 32 raw bytes.
//
// Proof generation needs the hashes of complete, aligned subtrees: the leaves
// [start, start + size) where size is a power of two and start a multiple of
// size (size 1 is a leaf hash). A store that keeps those nodes answers
// SubtreeHash in O(1), so roots and proofs cost O(log n) look-ups.
class OW_CORE_EXPORT MerkleTree
{
public:
    static constexpr qsizetype HashSize = 32;

    // SHA-256(0x00 || data).
    static QByteArray leafHash(QByteArrayView data);
    // SHA-256(0x01 || left || right).
    static QByteArray nodeHash(QByteArrayView left, QByteArrayView right);
    // The root of the empty tree: SHA-256 of nothing.
    static QByteArray emptyRoot();

    // The hash of the complete aligned subtree [start, start + size); empty
    // when the store cannot give it (proof generation then fails).
    using SubtreeHash = std::function<QByteArray(quint64 start, quint64 size)>;
    // Answers SubtreeHash from a list of all leaf hashes (O(size) per call):
    // for tests and small trees.
    static SubtreeHash fromLeaves(const QList<QByteArray> &leafHashes);

    // The root of the first `size` leaves; nullopt if a subtree hash is missing.
    static std::optional<QByteArray> rootHash(quint64 size, const SubtreeHash &subtree);
    static QByteArray rootHash(const QList<QByteArray> &leafHashes);

    // RFC 9162 §2.1.4.1: proves the tree of `first` leaves is a prefix of the
    // tree of `second`. Empty for first == 0 or first == second; nullopt for
    // first > second or a missing subtree hash.
    static std::optional<QList<QByteArray>> consistencyProof(quint64 first, quint64 second,
                                                             const SubtreeHash &subtree);
    // RFC 9162 §2.1.4.2. A tree of size 0 is consistent with any tree (empty
    // proof); equal sizes need equal roots and an empty proof.
    static bool verifyConsistency(quint64 first, quint64 second, QByteArrayView firstRoot,
                                  QByteArrayView secondRoot, const QList<QByteArray> &proof);

    // RFC 9162 §2.1.3.1: proves leaf `index` is in the tree of `size` leaves.
    static std::optional<QList<QByteArray>> inclusionProof(quint64 index, quint64 size,
                                                           const SubtreeHash &subtree);
    // RFC 9162 §2.1.3.2.
    static bool verifyInclusion(quint64 index, quint64 size, QByteArrayView leafHash, QByteArrayView root,
                                const QList<QByteArray> &proof);

    // The complete aligned subtrees an append of leaf `index` (0-based)
    // completes, bottom up, as (start, size) pairs with size ≥ 2: what a store
    // of nodes must add after storing the leaf hash.
    static QList<std::pair<quint64, quint64>> completedSubtrees(quint64 index);
};

} // namespace ow::core
