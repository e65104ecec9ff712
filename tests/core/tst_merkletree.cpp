// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/hash.h>
#include <ow/core/merkletree.h>

#include <QRandomGenerator>
#include <QTest>

using ow::core::MerkleTree;

namespace {

// The reference leaves and tree heads of Certificate Transparency
// (RFC 6962), as published with its reference implementation.
QList<QByteArray> referenceLeaves()
{
    QList<QByteArray> leaves;
    for (const char *hex :
         {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"})
        leaves.append(MerkleTree::leafHash(QByteArray::fromHex(hex)));
    return leaves;
}

const char *const referenceRoots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

const char *referenceRootHex(int size)
{
    return referenceRoots[size];
}

QList<QByteArray> fromHex(const QList<const char *> &hexes)
{
    QList<QByteArray> list;
    for (const char *hex : hexes)
        list.append(QByteArray::fromHex(hex));
    return list;
}

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

// Leaves of random length and content; the seed is printed so a failure can be replayed.
QList<QByteArray> syntheticLeaves(int count)
{
    static const quint32 seed = [] {
        const quint32 value = QRandomGenerator::system()->generate();
        qInfo("leaf seed: %u", value);
        return value;
    }();
    QRandomGenerator generator(seed);
    QList<QByteArray> leaves;
    for (int i = 0; i < count; ++i) {
        QByteArray data(generator.bounded(0, 200), Qt::Uninitialized);
        for (char &byte : data)
            byte = char(generator.bounded(256));
        // Distinct leaves: a proof for one leaf must not fit a twin elsewhere.
        leaves.append(MerkleTree::leafHash(QByteArray(QByteArray::number(i) + ':' + data)));
    }
    return leaves;
}

// Every way of spoiling a proof: each element with one bit flipped, each
// element dropped, an element added, neighbours swapped.
QList<QList<QByteArray>> tamperedProofs(const QList<QByteArray> &proof)
{
    QList<QList<QByteArray>> spoiled;
    for (qsizetype i = 0; i < proof.size(); ++i) {
        QList<QByteArray> flipped = proof;
        flipped[i][int(i % 32)] = char(flipped[i][int(i % 32)] ^ 0x01);
        spoiled.append(flipped);
        QList<QByteArray> dropped = proof;
        dropped.removeAt(i);
        spoiled.append(dropped);
        if (i + 1 < proof.size() && proof.at(i) != proof.at(i + 1)) {
            QList<QByteArray> swapped = proof;
            swapped.swapItemsAt(i, i + 1);
            spoiled.append(swapped);
        }
    }
    spoiled.append(proof + QList<QByteArray> {QByteArray(32, '\xab')});
    return spoiled;
}

QByteArray flipped(QByteArray hash)
{
    hash[5] = char(hash[5] ^ 0x80);
    return hash;
}

} // namespace

class tst_MerkleTree : public QObject
{
    Q_OBJECT

private slots:
    void hashesUseTheRfcPrefixes();
    void referenceRoots_data();
    void referenceRoots();
    void referenceConsistencyProofs_data();
    void referenceConsistencyProofs();
    void referenceInclusionProofs_data();
    void referenceInclusionProofs();
    void everyConsistencyProofVerifies();
    void everyInclusionProofVerifies();
    void degenerateCases();
    void storedSubtreesGiveTheSameAnswers();
    void missingSubtreeFailsGeneration();
};

void tst_MerkleTree::hashesUseTheRfcPrefixes()
{
    using ow::core::HashAlgorithm;
    using ow::core::Hasher;
    const QByteArray l = MerkleTree::leafHash("l");
    const QByteArray r = MerkleTree::leafHash("r");
    QCOMPARE(l, Hasher::hash(QByteArray("\x00l", 2), HashAlgorithm::Sha256));
    QCOMPARE(MerkleTree::nodeHash(l, r),
             Hasher::hash(QByteArray(QByteArray("\x01") + l + r), HashAlgorithm::Sha256));
    QVERIFY(MerkleTree::nodeHash(l, r) != MerkleTree::nodeHash(r, l));
    QCOMPARE(MerkleTree::emptyRoot(), hex(referenceRootHex(0)));
}

void tst_MerkleTree::referenceRoots_data()
{
    QTest::addColumn<int>("size");
    for (int size = 0; size <= 8; ++size)
        QTest::addRow("size %d", size) << size;
}

void tst_MerkleTree::referenceRoots()
{
    QFETCH(int, size);
    const QList<QByteArray> leaves = referenceLeaves().mid(0, size);
    QCOMPARE(MerkleTree::rootHash(leaves).toHex(), QByteArray(referenceRootHex(size)));
}

void tst_MerkleTree::referenceConsistencyProofs_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");
    QTest::addColumn<QList<QByteArray>>("proof");
    QTest::newRow("1 to 1") << 1 << 1 << QList<QByteArray>();
    QTest::newRow("1 to 8") << 1 << 8
                            << fromHex({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
    QTest::newRow("6 to 8") << 6 << 8
                            << fromHex({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"});
    QTest::newRow("2 to 5") << 2 << 5
                            << fromHex({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"});
    QTest::newRow("2 to 8") << 2 << 8
                            << fromHex({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
}

void tst_MerkleTree::referenceConsistencyProofs()
{
    QFETCH(int, first);
    QFETCH(int, second);
    QFETCH(QList<QByteArray>, proof);
    const auto generated
        = MerkleTree::consistencyProof(first, second, MerkleTree::fromLeaves(referenceLeaves()));
    QVERIFY(generated);
    QCOMPARE(*generated, proof);
    QVERIFY(MerkleTree::verifyConsistency(first, second, hex(referenceRootHex(first)),
                                          hex(referenceRootHex(second)), proof));
}

void tst_MerkleTree::referenceInclusionProofs_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("size");
    QTest::addColumn<QList<QByteArray>>("proof");
    QTest::newRow("0 of 1") << 0 << 1 << QList<QByteArray>();
    QTest::newRow("0 of 8") << 0 << 8
                            << fromHex({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
    QTest::newRow("5 of 8") << 5 << 8
                            << fromHex({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"});
}

void tst_MerkleTree::referenceInclusionProofs()
{
    QFETCH(int, index);
    QFETCH(int, size);
    QFETCH(QList<QByteArray>, proof);
    const QList<QByteArray> leaves = referenceLeaves();
    const auto generated = MerkleTree::inclusionProof(index, size, MerkleTree::fromLeaves(leaves));
    QVERIFY(generated);
    QCOMPARE(*generated, proof);
    QVERIFY(MerkleTree::verifyInclusion(index, size, leaves.at(index), hex(referenceRootHex(size)), proof));
}

void tst_MerkleTree::everyConsistencyProofVerifies()
{
    const int maximum = 64;
    const QList<QByteArray> leaves = syntheticLeaves(maximum);
    const auto subtree = MerkleTree::fromLeaves(leaves);
    QList<QByteArray> roots;
    for (int n = 0; n <= maximum; ++n)
        roots.append(MerkleTree::rootHash(leaves.mid(0, n)));

    for (int second = 0; second <= maximum; ++second) {
        for (int first = 0; first <= second; ++first) {
            const auto proof = MerkleTree::consistencyProof(first, second, subtree);
            QVERIFY(proof);
            const QByteArray a = roots.at(first);
            const QByteArray b = roots.at(second);
            QVERIFY2(MerkleTree::verifyConsistency(first, second, a, b, *proof),
                     qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(second)));
            if (first == 0) // the empty tree is a prefix of every tree
                continue;
            if (first == second) {
                QVERIFY(!MerkleTree::verifyConsistency(first, second, a, flipped(b), *proof));
                continue;
            }
            // A rewritten history: either root changed, or any spoiled proof.
            QVERIFY(!MerkleTree::verifyConsistency(first, second, flipped(a), b, *proof));
            QVERIFY(!MerkleTree::verifyConsistency(first, second, a, flipped(b), *proof));
            QVERIFY(!MerkleTree::verifyConsistency(second, first, b, a, *proof));
            if (second + 1 <= maximum)
                QVERIFY(!MerkleTree::verifyConsistency(first, second + 1, a, roots.at(second + 1), *proof));
            for (const QList<QByteArray> &spoiled : tamperedProofs(*proof))
                QVERIFY2(
                    !MerkleTree::verifyConsistency(first, second, a, b, spoiled),
                    qPrintable(QStringLiteral("spoiled proof %1 -> %2 verified").arg(first).arg(second)));
        }
    }
}

void tst_MerkleTree::everyInclusionProofVerifies()
{
    const int maximum = 64;
    const QList<QByteArray> leaves = syntheticLeaves(maximum);
    const auto subtree = MerkleTree::fromLeaves(leaves);
    for (int size = 1; size <= maximum; ++size) {
        const QByteArray root = MerkleTree::rootHash(leaves.mid(0, size));
        for (int index = 0; index < size; ++index) {
            const auto proof = MerkleTree::inclusionProof(index, size, subtree);
            QVERIFY(proof);
            QVERIFY(MerkleTree::verifyInclusion(index, size, leaves.at(index), root, *proof));
            QVERIFY(!MerkleTree::verifyInclusion(index, size, leaves.at(index), flipped(root), *proof));
            QVERIFY(!MerkleTree::verifyInclusion(index, size, flipped(leaves.at(index)), root, *proof));
            if (size > 1)
                QVERIFY(
                    !MerkleTree::verifyInclusion((index + 1) % size, size, leaves.at(index), root, *proof));
            for (const QList<QByteArray> &spoiled : tamperedProofs(*proof))
                QVERIFY(!MerkleTree::verifyInclusion(index, size, leaves.at(index), root, spoiled));
        }
    }
}

void tst_MerkleTree::degenerateCases()
{
    const QList<QByteArray> leaves = syntheticLeaves(8);
    const QByteArray root4 = MerkleTree::rootHash(leaves.mid(0, 4));
    const QByteArray root8 = MerkleTree::rootHash(leaves);
    QVERIFY(MerkleTree::verifyConsistency(4, 4, root4, root4, {}));
    QVERIFY(!MerkleTree::verifyConsistency(4, 4, root4, root8, {}));
    QVERIFY(!MerkleTree::verifyConsistency(4, 4, root4, root4, {QByteArray(32, '\0')}));
    QVERIFY(MerkleTree::verifyConsistency(0, 8, MerkleTree::emptyRoot(), root8, {}));
    QVERIFY(!MerkleTree::verifyConsistency(0, 8, root4, root8, {}));
    QVERIFY(!MerkleTree::verifyConsistency(4, 8, root4, root8, {}));
    // Short hashes never verify.
    const auto proof = MerkleTree::consistencyProof(4, 8, MerkleTree::fromLeaves(leaves));
    QVERIFY(proof);
    QVERIFY(MerkleTree::verifyConsistency(4, 8, root4, root8, *proof));
    QVERIFY(!MerkleTree::verifyConsistency(4, 8, root4.left(31), root8, *proof));
    QList<QByteArray> shortened = *proof;
    shortened[0].chop(1);
    QVERIFY(!MerkleTree::verifyConsistency(4, 8, root4, root8, shortened));
    QVERIFY(!MerkleTree::inclusionProof(8, 8, MerkleTree::fromLeaves(leaves)));
    QVERIFY(!MerkleTree::consistencyProof(5, 3, MerkleTree::fromLeaves(leaves)));
    QVERIFY(!MerkleTree::verifyInclusion(8, 8, leaves.at(0), root8, {}));
}

void tst_MerkleTree::storedSubtreesGiveTheSameAnswers()
{
    // What a store does: keep the leaf hashes and every subtree each append completes.
    const int count = 45;
    const QList<QByteArray> leaves = syntheticLeaves(count);
    QHash<QPair<quint64, quint64>, QByteArray> nodes;
    int lookups = 0;
    for (int i = 0; i < count; ++i) {
        nodes.insert({quint64(i), 1}, leaves.at(i));
        for (const auto &[start, size] : MerkleTree::completedSubtrees(quint64(i))) {
            const QByteArray left = nodes.value({start, size / 2});
            const QByteArray right = nodes.value({start + size / 2, size / 2});
            QVERIFY(!left.isEmpty() && !right.isEmpty());
            nodes.insert({start, size}, MerkleTree::nodeHash(left, right));
        }
    }
    const MerkleTree::SubtreeHash stored = [&](quint64 start, quint64 size) {
        ++lookups;
        return nodes.value({start, size});
    };
    const auto reference = MerkleTree::fromLeaves(leaves);
    for (int n = 0; n <= count; ++n) {
        lookups = 0;
        QCOMPARE(MerkleTree::rootHash(quint64(n), stored), MerkleTree::rootHash(quint64(n), reference));
        QVERIFY2(lookups <= 7, "a root needs one look-up per set bit of the size");
        for (int m = 0; m <= n; m += 3) {
            lookups = 0;
            QCOMPARE(MerkleTree::consistencyProof(m, n, stored),
                     MerkleTree::consistencyProof(m, n, reference));
            QVERIFY(lookups <= 2 * 7);
        }
    }
}

void tst_MerkleTree::missingSubtreeFailsGeneration()
{
    const MerkleTree::SubtreeHash nothing = [](quint64, quint64) {
        return QByteArray();
    };
    QVERIFY(!MerkleTree::rootHash(3, nothing));
    QVERIFY(!MerkleTree::consistencyProof(2, 3, nothing));
    QVERIFY(!MerkleTree::inclusionProof(0, 2, nothing));
    QCOMPARE(MerkleTree::rootHash(0, nothing), MerkleTree::emptyRoot());
}

QTEST_GUILESS_MAIN(tst_MerkleTree)
#include "tst_merkletree.moc"
