// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/core/hash.h>

#include <QBuffer>
#include <QTest>

using ow::core::HashAlgorithm;
using ow::core::Hasher;

// Vectors: FIPS 180-2 for SHA-256; GB/T 32905-2016 appendix A for SM3 ("abc"
// and "abcd" x 16); the rest from the openssl command line.
class tst_Hash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void vectors_data();
    void vectors();
    void incremental_data();
    void incremental();
    void device();
    void resultResets();
    void names();
};

void tst_Hash::initTestCase()
{
    QVERIFY(Hasher::isAvailable(HashAlgorithm::Sha256));
    QVERIFY2(Hasher::isAvailable(HashAlgorithm::Sm3), "this OpenSSL build lacks SM3");
}

void tst_Hash::vectors_data()
{
    QTest::addColumn<HashAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("hex");

    const auto sha = HashAlgorithm::Sha256;
    const auto sm3 = HashAlgorithm::Sm3;
    QTest::newRow("SHA-256 empty") << sha << QByteArray()
                                   << QStringLiteral(
                                          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("SHA-256 abc") << sha << QByteArray("abc")
                                 << QStringLiteral(
                                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("SHA-256 two blocks")
        << sha << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("SHA-256 million a")
        << sha << QByteArray(1000000, 'a')
        << QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    QTest::newRow("SM3 empty") << sm3 << QByteArray()
                               << QStringLiteral(
                                      "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
    QTest::newRow("SM3 abc") << sm3 << QByteArray("abc")
                             << QStringLiteral(
                                    "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    QTest::newRow("SM3 abcd x 16") << sm3 << QByteArray("abcd").repeated(16)
                                   << QStringLiteral(
                                          "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    QTest::newRow("SM3 million a") << sm3 << QByteArray(1000000, 'a')
                                   << QStringLiteral(
                                          "c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3");
}

void tst_Hash::vectors()
{
    QFETCH(HashAlgorithm, algorithm);
    QFETCH(QByteArray, data);
    QFETCH(QString, hex);

    QCOMPARE(Hasher::hashHex(data, algorithm), hex);
    const QByteArray digest = Hasher::hash(data, algorithm);
    QCOMPARE(digest.size(), 32);
    QCOMPARE(digest, QByteArray::fromHex(hex.toLatin1()));
}

void tst_Hash::incremental_data()
{
    QTest::addColumn<HashAlgorithm>("algorithm");
    QTest::newRow("SHA-256") << HashAlgorithm::Sha256;
    QTest::newRow("SM3") << HashAlgorithm::Sm3;
}

void tst_Hash::incremental()
{
    QFETCH(HashAlgorithm, algorithm);
    // Chunk sizes around the 64-byte block boundary of both algorithms.
    QByteArray data;
    for (int i = 0; i < 1000; ++i)
        data.append(char(i * 7));
    for (int chunk : {1, 3, 63, 64, 65, 999}) {
        Hasher hasher(algorithm);
        QVERIFY(hasher.isValid());
        QCOMPARE(hasher.algorithm(), algorithm);
        for (qsizetype pos = 0; pos < data.size(); pos += chunk)
            hasher.addData(QByteArrayView(data).sliced(pos, qMin<qsizetype>(chunk, data.size() - pos)));
        QCOMPARE(hasher.result(), Hasher::hash(data, algorithm));
    }
}

void tst_Hash::device()
{
    QByteArray data(200 * 1024 + 17, 'x');
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    Hasher hasher(HashAlgorithm::Sm3);
    QVERIFY(hasher.addData(&buffer));
    QCOMPARE(hasher.result(), Hasher::hash(data, HashAlgorithm::Sm3));

    QBuffer closed;
    QVERIFY(!hasher.addData(&closed));
    QVERIFY(!hasher.addData(static_cast<QIODevice *>(nullptr)));
}

void tst_Hash::resultResets()
{
    Hasher hasher(HashAlgorithm::Sha256);
    hasher.addData("ab");
    hasher.reset();
    hasher.addData("abc");
    QCOMPARE(hasher.resultHex(),
             QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    // After result() the hasher starts again from nothing.
    QCOMPARE(hasher.resultHex(),
             QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void tst_Hash::names()
{
    QCOMPARE(ow::core::hashAlgorithmName(HashAlgorithm::Sha256), QStringLiteral("sha256"));
    QCOMPARE(ow::core::hashAlgorithmName(HashAlgorithm::Sm3), QStringLiteral("sm3"));
    QCOMPARE(ow::core::hashAlgorithmFromName(u"SM3"), std::optional(HashAlgorithm::Sm3));
    QCOMPARE(ow::core::hashAlgorithmFromName(u"sha256"), std::optional(HashAlgorithm::Sha256));
    QVERIFY(!ow::core::hashAlgorithmFromName(u"md5"));
}

QTEST_GUILESS_MAIN(tst_Hash)
#include "tst_hash.moc"
