// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/merkletree.h"

#include "ow/core/hash.h"

#include <bit>

namespace ow::core {

namespace {

// The largest power of two smaller than n (n ≥ 2): RFC 6962's split point.
quint64 splitPoint(quint64 n)
{
    return std::bit_floor(n - 1);
}

bool isPowerOfTwo(quint64 n)
{
    return std::has_single_bit(n);
}

// MTH(D[start : start + n]); every range the recursion reaches starts at a
// multiple of its size rounded up to a power of two, so the complete left
// halves are aligned subtrees the store keeps.
std::optional<QByteArray> subtreeRoot(quint64 start, quint64 n, const MerkleTree::SubtreeHash &subtree)
{
    if (isPowerOfTwo(n)) {
        QByteArray hash = subtree(start, n);
        if (hash.size() != MerkleTree::HashSize)
            return std::nullopt;
        return hash;
    }
    const quint64 k = splitPoint(n);
    const auto left = subtreeRoot(start, k, subtree);
    const auto right = left ? subtreeRoot(start + k, n - k, subtree) : std::nullopt;
    if (!right)
        return std::nullopt;
    return MerkleTree::nodeHash(*left, *right);
}

// SUBPROOF(m, D[start : start + n], b) of RFC 6962 §2.1.2.
bool subproof(quint64 m, quint64 start, quint64 n, bool wholeOld, const MerkleTree::SubtreeHash &subtree,
              QList<QByteArray> *proof)
{
    if (m == n) {
        if (wholeOld)
            return true;
        const auto root = subtreeRoot(start, n, subtree);
        if (!root)
            return false;
        proof->append(*root);
        return true;
    }
    const quint64 k = splitPoint(n);
    if (m <= k) {
        if (!subproof(m, start, k, wholeOld, subtree, proof))
            return false;
        const auto right = subtreeRoot(start + k, n - k, subtree);
        if (!right)
            return false;
        proof->append(*right);
        return true;
    }
    if (!subproof(m - k, start + k, n - k, false, subtree, proof))
        return false;
    const auto left = subtreeRoot(start, k, subtree);
    if (!left)
        return false;
    proof->append(*left);
    return true;
}

// PATH(m, D[start : start + n]) of RFC 6962 §2.1.1.
bool path(quint64 m, quint64 start, quint64 n, const MerkleTree::SubtreeHash &subtree,
          QList<QByteArray> *proof)
{
    if (n <= 1)
        return true;
    const quint64 k = splitPoint(n);
    const bool inLeft = m < k;
    if (!(inLeft ? path(m, start, k, subtree, proof) : path(m - k, start + k, n - k, subtree, proof)))
        return false;
    const auto sibling = inLeft ? subtreeRoot(start + k, n - k, subtree) : subtreeRoot(start, k, subtree);
    if (!sibling)
        return false;
    proof->append(*sibling);
    return true;
}

bool allHashes(const QList<QByteArray> &hashes)
{
    for (const QByteArray &hash : hashes) {
        if (hash.size() != MerkleTree::HashSize)
            return false;
    }
    return true;
}

} // namespace

QByteArray MerkleTree::leafHash(QByteArrayView data)
{
    Hasher hasher(HashAlgorithm::Sha256);
    hasher.addData(QByteArrayView("\x00", 1));
    hasher.addData(data);
    return hasher.result();
}

QByteArray MerkleTree::nodeHash(QByteArrayView left, QByteArrayView right)
{
    Hasher hasher(HashAlgorithm::Sha256);
    hasher.addData(QByteArrayView("\x01", 1));
    hasher.addData(left);
    hasher.addData(right);
    return hasher.result();
}

QByteArray MerkleTree::emptyRoot()
{
    return Hasher::hash(QByteArrayView(), HashAlgorithm::Sha256);
}

MerkleTree::SubtreeHash MerkleTree::fromLeaves(const QList<QByteArray> &leafHashes)
{
    return [leafHashes](quint64 start, quint64 size) -> QByteArray {
        if (size == 0 || start + size > quint64(leafHashes.size()))
            return {};
        QList<QByteArray> level = leafHashes.mid(qsizetype(start), qsizetype(size));
        while (level.size() > 1) {
            QList<QByteArray> up;
            up.reserve(level.size() / 2);
            for (qsizetype i = 0; i + 1 < level.size(); i += 2)
                up.append(nodeHash(level.at(i), level.at(i + 1)));
            level = up;
        }
        return level.constFirst();
    };
}

std::optional<QByteArray> MerkleTree::rootHash(quint64 size, const SubtreeHash &subtree)
{
    if (size == 0)
        return emptyRoot();
    return subtreeRoot(0, size, subtree);
}

QByteArray MerkleTree::rootHash(const QList<QByteArray> &leafHashes)
{
    return rootHash(quint64(leafHashes.size()), fromLeaves(leafHashes)).value_or(QByteArray());
}

std::optional<QList<QByteArray>> MerkleTree::consistencyProof(quint64 first, quint64 second,
                                                              const SubtreeHash &subtree)
{
    if (first > second)
        return std::nullopt;
    QList<QByteArray> proof;
    if (first == 0 || first == second)
        return proof;
    if (!subproof(first, 0, second, true, subtree, &proof))
        return std::nullopt;
    return proof;
}

bool MerkleTree::verifyConsistency(quint64 first, quint64 second, QByteArrayView firstRoot,
                                   QByteArrayView secondRoot, const QList<QByteArray> &proof)
{
    if (firstRoot.size() != HashSize || secondRoot.size() != HashSize || !allHashes(proof) || first > second)
        return false;
    if (first == second)
        return proof.isEmpty() && firstRoot == secondRoot;
    if (first == 0)
        return proof.isEmpty() && firstRoot == emptyRoot();

    QList<QByteArray> path = proof;
    if (isPowerOfTwo(first))
        path.prepend(firstRoot.toByteArray());
    if (path.isEmpty())
        return false;
    quint64 fn = first - 1;
    quint64 sn = second - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    QByteArray fr = path.constFirst();
    QByteArray sr = path.constFirst();
    for (qsizetype i = 1; i < path.size(); ++i) {
        const QByteArray &c = path.at(i);
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!(fn & 1)) {
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && fr == firstRoot && sr == secondRoot;
}

std::optional<QList<QByteArray>> MerkleTree::inclusionProof(quint64 index, quint64 size,
                                                            const SubtreeHash &subtree)
{
    if (index >= size)
        return std::nullopt;
    QList<QByteArray> proof;
    if (!path(index, 0, size, subtree, &proof))
        return std::nullopt;
    return proof;
}

bool MerkleTree::verifyInclusion(quint64 index, quint64 size, QByteArrayView leafHash, QByteArrayView root,
                                 const QList<QByteArray> &proof)
{
    if (index >= size || leafHash.size() != HashSize || root.size() != HashSize || !allHashes(proof))
        return false;
    quint64 fn = index;
    quint64 sn = size - 1;
    QByteArray r = leafHash.toByteArray();
    for (const QByteArray &p : proof) {
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            r = nodeHash(p, r);
            if (!(fn & 1)) {
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == root;
}

QList<std::pair<quint64, quint64>> MerkleTree::completedSubtrees(quint64 index)
{
    QList<std::pair<quint64, quint64>> completed;
    const quint64 end = index + 1;
    for (quint64 size = 2; size != 0 && end % size == 0; size <<= 1)
        completed.append({end - size, size});
    return completed;
}

} // namespace ow::core
