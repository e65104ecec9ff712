// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "merklestore.h"

#include "eventlog.h"

#include "ow/server/tr.h"

#include <ow/core/canonicaljson.h>

#include <QJsonObject>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace ow::server::Internal {

using core::MerkleTree;

namespace {

// Integers up to 2^53 are written as plain digits by the canonical form (as doubles, exactly).
constexpr qint64 kMaxExactInteger = qint64(1) << 53;

// Subtrees of fewer leaves are not stored: computed from their leaves (at most
// 15, in one query) when a root or a proof needs them. Storing every subtree
// wrote a row and an index entry more per event under the sequencer lock;
// this keeps one per 16 events.
constexpr quint64 kStoredSubtreeSize = 16;

// Each push thread reads and writes it under the sequencer lock; the mutex
// only makes the copy itself safe.
struct CommittedFrontier
{
    QMutex mutex;
    quint64 size = 0;
    QList<MerkleStore::Node> nodes;
};

CommittedFrontier &committedFrontier()
{
    static CommittedFrontier frontier;
    return frontier;
}

// The maximal complete subtrees of a tree of `size` leaves, largest first.
template<typename Visit>
void forEachFrontierSubtree(quint64 size, Visit visit)
{
    quint64 start = 0;
    for (int bit = 63; bit >= 0; --bit) {
        const quint64 part = quint64(1) << bit;
        if (size & part) {
            visit(start, part);
            start += part;
        }
    }
}

} // namespace

MerkleStore::MerkleStore(QSqlDatabase db, SqlDialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{ }

QByteArray MerkleStore::leafData(const QString &eventHash, qint64 serverSeq, const QString &receivedAt)
{
    // Written directly when nothing needs escaping (a hex hash, a time the server wrote): the
    // same bytes as the canonical writer's, in a fraction of its time, for each event under
    // the sequencer lock. Keys in canonical order.
    const auto plain = [](const QString &text) {
        return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
            return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
        });
    };
    if (plain(eventHash) && plain(receivedAt) && serverSeq >= 0 && serverSeq <= kMaxExactInteger) {
        QByteArray bytes;
        bytes.reserve(eventHash.size() + receivedAt.size() + 64);
        bytes += "{\"hash\":\"";
        bytes += eventHash.toLatin1();
        bytes += "\",\"receivedAt\":\"";
        bytes += receivedAt.toLatin1();
        bytes += "\",\"serverSeq\":";
        bytes += QByteArray::number(serverSeq);
        bytes += '}';
        return bytes;
    }
    const QJsonObject leaf {{QStringLiteral("hash"), eventHash},
                            {QStringLiteral("serverSeq"), double(serverSeq)},
                            {QStringLiteral("receivedAt"), receivedAt}};
    return core::CanonicalJson::toBytes(leaf).value_or(QByteArray());
}

QByteArray MerkleStore::subtree(quint64 start, quint64 size)
{
    const QPair<quint64, quint64> key {start, size};
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
        return it.value();
    if (size > 1 && size < kStoredSubtreeSize) {
        if (!loadLeaves(start, size, &m_lastError))
            return {};
        const QByteArray left = subtree(start, size / 2);
        const QByteArray right = subtree(start + size / 2, size / 2);
        if (left.isEmpty() || right.isEmpty())
            return {};
        const QByteArray node = MerkleTree::nodeHash(left, right);
        m_cache.insert(key, node);
        return node;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const bool ok = size == 1
        ? runSql(query, m_dialect, QStringLiteral("SELECT leaf_hash FROM server_events WHERE server_seq = ?"),
                 {qint64(start + 1)}, &m_lastError)
        : runSql(query, m_dialect,
                 QStringLiteral("SELECT hash FROM merkle_nodes WHERE start_index = ? AND size = ?"),
                 {qint64(start), qint64(size)}, &m_lastError);
    if (!ok)
        return {};
    if (!query.next()) {
        m_lastError = Tr::tr("The log has no node for leaves %1 to %2.").arg(start).arg(start + size - 1);
        return {};
    }
    const QByteArray hash = QByteArray::fromHex(query.value(0).toString().toLatin1());
    m_cache.insert(key, hash);
    return hash;
}

bool MerkleStore::loadLeaves(quint64 start, quint64 count, QString *error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect,
                QStringLiteral("SELECT server_seq - 1, leaf_hash FROM server_events"
                               " WHERE server_seq > ? AND server_seq <= ?"),
                {qint64(start), qint64(start + count)}, error))
        return false;
    while (query.next())
        m_cache.insert({quint64(query.value(0).toLongLong()), 1},
                       QByteArray::fromHex(query.value(1).toString().toLatin1()));
    for (quint64 index = start; index < start + count; ++index) {
        if (!m_cache.contains({index, 1})) {
            *error = Tr::tr("The log has no node for leaves %1 to %2.").arg(start).arg(start + count - 1);
            return false;
        }
    }
    return true;
}

QList<MerkleStore::Node> MerkleStore::frontier(quint64 size) const
{
    QList<Node> nodes;
    bool complete = true;
    forEachFrontierSubtree(size, [&](quint64 start, quint64 part) {
        const auto it = m_cache.constFind({start, part});
        if (it == m_cache.constEnd())
            complete = false;
        else
            nodes.append({start, part, it.value()});
    });
    return complete ? nodes : QList<Node>();
}

void MerkleStore::rememberCommittedFrontier(quint64 size, const QList<Node> &nodes)
{
    if (nodes.isEmpty())
        return;
    CommittedFrontier &frontier = committedFrontier();
    const QMutexLocker locker(&frontier.mutex);
    frontier.size = size;
    frontier.nodes = nodes;
}

void MerkleStore::useCommittedFrontier(quint64 size)
{
    CommittedFrontier &frontier = committedFrontier();
    const QMutexLocker locker(&frontier.mutex);
    if (frontier.size != size)
        return;
    for (const Node &node : std::as_const(frontier.nodes))
        m_cache.insert({node.start, node.size}, node.hash);
}

bool MerkleStore::loadFrontier(quint64 size, QString *error)
{
    useCommittedFrontier(size);
    QStringList nodeConditions;
    QVariantList values;
    // The subtrees of fewer than 16 leaves are at the end: their leaves are read instead.
    quint64 tailStart = size;
    forEachFrontierSubtree(size, [&](quint64 start, quint64 part) {
        if (m_cache.contains({start, part})) {
            // already known
        } else if (part < kStoredSubtreeSize) {
            tailStart = std::min(tailStart, start);
        } else {
            nodeConditions.append(QStringLiteral("(start_index = ? AND size = ?)"));
            values << qint64(start) << qint64(part);
        }
    });
    if (nodeConditions.isEmpty() && tailStart == size)
        return true;
    QStringList parts;
    if (!nodeConditions.isEmpty())
        parts.append(QStringLiteral("SELECT start_index, size, hash FROM merkle_nodes WHERE ")
                     + nodeConditions.join(QStringLiteral(" OR ")));
    if (tailStart < size) {
        parts.append(QStringLiteral("SELECT server_seq - 1, 1, leaf_hash FROM server_events"
                                    " WHERE server_seq > ? AND server_seq <= ?"));
        values << qint64(tailStart) << qint64(size);
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect, parts.join(QStringLiteral(" UNION ALL ")), values, error))
        return false;
    // A node missing here is looked up (and reported) by subtree() when it is needed.
    while (query.next())
        m_cache.insert({quint64(query.value(0).toLongLong()), quint64(query.value(1).toLongLong())},
                       QByteArray::fromHex(query.value(2).toString().toLatin1()));
    return true;
}

bool MerkleStore::appendLeaves(quint64 first, const QList<QByteArray> &leafHashes, QString *error)
{
    for (qsizetype i = 0; i < leafHashes.size(); ++i) {
        const quint64 index = first + quint64(i);
        m_cache.insert({index, 1}, leafHashes.at(i));
        for (const auto &[start, size] : MerkleTree::completedSubtrees(index)) {
            const QByteArray left = subtree(start, size / 2);
            const QByteArray right = subtree(start + size / 2, size / 2);
            if (left.isEmpty() || right.isEmpty()) {
                *error = m_lastError;
                return false;
            }
            const QByteArray node = MerkleTree::nodeHash(left, right);
            if (size >= kStoredSubtreeSize)
                m_pending << qint64(start) << qint64(size) << QString::fromLatin1(node.toHex());
            m_cache.insert({start, size}, node);
        }
    }
    return true;
}

void MerkleStore::addWrites(SqlWrites &writes)
{
    writes.addFewRows(QStringLiteral("INSERT INTO merkle_nodes (start_index, size, hash)"), 3, m_pending);
    m_pending.clear();
}

std::optional<QByteArray> MerkleStore::rootHash(quint64 size, QString *error)
{
    const auto root
        = MerkleTree::rootHash(size, [this](quint64 start, quint64 n) { return subtree(start, n); });
    if (!root)
        *error = m_lastError;
    return root;
}

std::optional<QList<QByteArray>> MerkleStore::consistencyProof(quint64 first, quint64 second, QString *error)
{
    const auto proof = MerkleTree::consistencyProof(
        first, second, [this](quint64 start, quint64 n) { return subtree(start, n); });
    if (!proof)
        *error = m_lastError;
    return proof;
}

} // namespace ow::server::Internal
