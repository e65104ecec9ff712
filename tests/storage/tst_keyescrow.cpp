// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "storetestutil.h"

#include <ow/storage/atomicfile.h>
#include <ow/storage/keyescrow.h>
#include <ow/storage/recoverykey.h>
#include <ow/storage/secretkey.h>
#include <ow/test/tempdatadir.h>

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace ow::storage;

Q_DECLARE_METATYPE(ow::storage::RecoveryKeyType)

// Key wrapping for the escrow (RSA-OAEP-SHA256 and SM2), the escrow file, and
// the small pieces under them. No keychain involved.
class tst_KeyEscrow : public QObject
{
    Q_OBJECT

private slots:
    void secretKey();
    void wrapUnwrap_data();
    void wrapUnwrap();
    void refusesUnusableKeys_data();
    void refusesUnusableKeys();
    void passphraseProtectedPrivateKey();
    void manualRecoveryWithOpensslCli();
    void escrowFile_data();
    void escrowFile();
    void escrowFromNewerVersionRefused();
    void atomicFilePermissions();
};

void tst_KeyEscrow::secretKey()
{
    const SecretKey a = SecretKey::generate();
    const SecretKey b = SecretKey::generate();
    QVERIFY(a.isValid());
    QCOMPARE(a.bytes().size(), 32);
    QVERIFY(!(a == b));
    QCOMPARE(a.id().size(), 32);
    QCOMPARE(a.id(), SecretKey(QByteArray(a.bytes().constData(), 32)).id());
    QVERIFY(a.id() != b.id());

    SecretKey moved = SecretKey(QByteArray(a.bytes().constData(), 32));
    SecretKey target = std::move(moved);
    QVERIFY(target == a);
    QVERIFY(!moved.isValid()); // NOLINT(bugprone-use-after-move): moved-from is empty by contract

    QByteArray bytes("secret");
    wipe(bytes);
    QVERIFY(bytes.isEmpty());
}

void tst_KeyEscrow::wrapUnwrap_data()
{
    QTest::addColumn<RecoveryKeyType>("type");
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("SM2") << RecoveryKeyType::Sm2 << QStringLiteral("SM2-SM3");
    QTest::newRow("RSA") << RecoveryKeyType::Rsa3072 << QStringLiteral("RSA-OAEP-SHA256");
}

void tst_KeyEscrow::wrapUnwrap()
{
    QFETCH(RecoveryKeyType, type);
    QFETCH(QString, algorithm);
    const RecoveryKeyPair &pair = ow::test::recoveryKeyPair(type);
    QString error;
    const RecoveryPublicKey publicKey = RecoveryPublicKey::fromPem(pair.publicKeyPem, &error);
    QVERIFY2(!publicKey.isNull(), qPrintable(error));
    const RecoveryPrivateKey privateKey = RecoveryPrivateKey::fromPem(pair.privateKeyPem, {}, &error);
    QVERIFY2(!privateKey.isNull(), qPrintable(error));
    QCOMPARE(publicKey.algorithm(), algorithm);
    QCOMPARE(privateKey.algorithm(), algorithm);
    QVERIFY(publicKey.fingerprint().startsWith(QLatin1String("SHA256:")));
    QCOMPARE(publicKey.fingerprint().size(), 7 + 64);
    QCOMPARE(privateKey.fingerprint(), publicKey.fingerprint());

    const SecretKey key = SecretKey::generate();
    const QByteArray wrapped = publicKey.wrap(key, &error);
    QVERIFY2(!wrapped.isEmpty(), qPrintable(error));
    QVERIFY(!wrapped.contains(key.bytes()));
    QVERIFY(publicKey.wrap(key, &error) != wrapped); // randomised: equal keys do not show
    QVERIFY(privateKey.unwrap(wrapped, &error) == key);

    QByteArray tampered = wrapped;
    tampered[tampered.size() / 2] = char(tampered.at(tampered.size() / 2) ^ 0x01);
    QVERIFY(!privateKey.unwrap(tampered, &error).isValid());
    QVERIFY(!error.isEmpty());

    RecoveryKeyPair other;
    QVERIFY(generateRecoveryKeyPair(type, &other, &error));
    const RecoveryPrivateKey otherKey = RecoveryPrivateKey::fromPem(other.privateKeyPem, {}, &error);
    QVERIFY(otherKey.fingerprint() != publicKey.fingerprint());
    QVERIFY(!otherKey.unwrap(wrapped, &error).isValid());
}

void tst_KeyEscrow::refusesUnusableKeys_data()
{
    QTest::addColumn<QStringList>("generate");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("RSA 1024") << QStringList {QStringLiteral("genrsa"), QStringLiteral("1024")}
                              << QStringLiteral("1024 bits");
    QTest::newRow("EC P-256") << QStringList {QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                                              QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                                              QStringLiteral("ec_paramgen_curve:P-256")}
                              << QStringLiteral("unsupported key type EC");
    QTest::newRow("Ed25519") << QStringList {QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                                             QStringLiteral("ED25519")}
                             << QStringLiteral("unsupported key type ED25519");
}

void tst_KeyEscrow::refusesUnusableKeys()
{
    QFETCH(QStringList, generate);
    QFETCH(QString, errorContains);
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("the openssl command is not installed");
    QProcess gen;
    gen.start(QStringLiteral("openssl"), generate);
    QVERIFY(gen.waitForFinished(30000));
    QProcess pub;
    pub.start(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-pubout")});
    pub.write(gen.readAllStandardOutput());
    pub.closeWriteChannel();
    QVERIFY(pub.waitForFinished(30000));
    QString error;
    const RecoveryPublicKey key = RecoveryPublicKey::fromPem(pub.readAllStandardOutput(), &error);
    QVERIFY(key.isNull());
    QVERIFY2(error.contains(errorContains), qPrintable(error));

    QVERIFY(RecoveryPublicKey::fromPem("garbage", &error).isNull());
    QVERIFY(!error.isEmpty());
    QVERIFY(RecoveryPrivateKey::fromPem("garbage", {}, &error).isNull());
}

void tst_KeyEscrow::passphraseProtectedPrivateKey()
{
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("the openssl command is not installed");
    const RecoveryKeyPair &pair = ow::test::recoveryKeyPair(RecoveryKeyType::Sm2);
    QProcess encrypt;
    encrypt.start(QStringLiteral("openssl"),
                  {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-v2"),
                   QStringLiteral("aes-256-cbc"), QStringLiteral("-passout"),
                   QStringLiteral("pass:centre-secret")});
    encrypt.write(pair.privateKeyPem);
    encrypt.closeWriteChannel();
    QVERIFY(encrypt.waitForFinished(30000));
    const QByteArray encrypted = encrypt.readAllStandardOutput();
    QVERIFY(encrypted.contains("ENCRYPTED PRIVATE KEY"));

    QString error;
    QVERIFY(RecoveryPrivateKey::fromPem(encrypted, {}, &error).isNull());
    QVERIFY(RecoveryPrivateKey::fromPem(encrypted, "wrong", &error).isNull());
    const RecoveryPrivateKey key = RecoveryPrivateKey::fromPem(encrypted, "centre-secret", &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QCOMPARE(key.algorithm(), QStringLiteral("SM2-SM3"));
}

// The documented way to unwrap without OneWindow: plain openssl pkeyutl.
void tst_KeyEscrow::manualRecoveryWithOpensslCli()
{
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("the openssl command is not installed");
    ow::test::TempDataDir temp;
    const RecoveryKeyPair &pair = ow::test::recoveryKeyPair(RecoveryKeyType::Rsa3072);
    QString error;
    QVERIFY(writeFileAtomically(temp.filePath(QStringLiteral("recovery.pem")), pair.privateKeyPem, &error));
    const SecretKey key = SecretKey::generate();
    const QByteArray wrapped = RecoveryPublicKey::fromPem(pair.publicKeyPem, &error).wrap(key, &error);

    QProcess pkeyutl;
    pkeyutl.start(QStringLiteral("openssl"),
                  {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"),
                   temp.filePath(QStringLiteral("recovery.pem")), QStringLiteral("-pkeyopt"),
                   QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("rsa_mgf1_md:sha256")});
    pkeyutl.write(wrapped);
    pkeyutl.closeWriteChannel();
    QVERIFY(pkeyutl.waitForFinished(30000));
    QCOMPARE(pkeyutl.exitCode(), 0);
    QCOMPARE(pkeyutl.readAllStandardOutput(), key.bytes());
}

void tst_KeyEscrow::escrowFile_data()
{
    wrapUnwrap_data();
}

void tst_KeyEscrow::escrowFile()
{
    QFETCH(RecoveryKeyType, type);
    QFETCH(QString, algorithm);
    ow::test::TempDataDir temp;
    const RecoveryKeyPair &pair = ow::test::recoveryKeyPair(type);
    QString error;
    const RecoveryPublicKey publicKey = RecoveryPublicKey::fromPem(pair.publicKeyPem, &error);
    KeyEscrow escrow(QStringLiteral("0190a0b0-0000-7000-8000-000000000001"), publicKey);
    const SecretKey first = SecretKey::generate();
    const SecretKey second = SecretKey::generate();
    QVERIFY(escrow.add(first, &error));
    QVERIFY(escrow.add(second, &error));
    QVERIFY(escrow.add(second, &error)); // same key again replaces, not duplicates
    QCOMPARE(escrow.keys().size(), 2);

    const QString path = temp.filePath(KeyEscrow::fileName());
    QVERIFY2(escrow.save(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    // The escrow alone reveals nothing: no key in any encoding.
    for (const SecretKey *key : {&first, &second}) {
        QVERIFY(!bytes.contains(key->bytes()));
        QVERIFY(!bytes.toLower().contains(key->bytes().toHex()));
        QVERIFY(!bytes.contains(key->bytes().toBase64()));
        QVERIFY(!bytes.contains(
            key->bytes().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    }
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(json.value(QStringLiteral("algorithm")).toString(), algorithm);
    QCOMPARE(json.value(QStringLiteral("recoveryKeyFingerprint")).toString(), publicKey.fingerprint());
    QVERIFY(json.value(QStringLiteral("recoveryPublicKey")).toString().contains(QLatin1String("PUBLIC KEY")));

    KeyEscrow loaded;
    QVERIFY2(KeyEscrow::load(path, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.storeId(), escrow.storeId());
    QCOMPARE(loaded.keys().size(), 2);
    const RecoveryPrivateKey privateKey = RecoveryPrivateKey::fromPem(pair.privateKeyPem, {}, &error);
    QVERIFY(privateKey.unwrap(loaded.keys().at(0).wrapped, &error) == first);
    QVERIFY(privateKey.unwrap(loaded.keys().at(1).wrapped, &error) == second);
    QCOMPARE(loaded.keys().at(1).keyId, second.id());

    QVERIFY(loaded.keepOnly(second.id()));
    QCOMPARE(loaded.keys().size(), 1);
    QVERIFY(!loaded.keepOnly(first.id()));
    QCOMPARE(loaded.keys().size(), 1);
}

void tst_KeyEscrow::escrowFromNewerVersionRefused()
{
    QString error;
    KeyEscrow escrow;
    QVERIFY(!KeyEscrow::fromJson(R"({"format": "onewindow-key-escrow", "version": 2})", &escrow, &error));
    QVERIFY(error.contains(QLatin1String("newer")));
    QVERIFY(!KeyEscrow::fromJson("{}", &escrow, &error));
}

void tst_KeyEscrow::atomicFilePermissions()
{
    ow::test::TempDataDir temp;
    const QString path = temp.filePath(QStringLiteral("private.pem"));
    QString error;
    QVERIFY(writeFileAtomically(path, "one", &error, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(QFileInfo(path).permissions() & others, QFileDevice::Permissions()); // 0600
    QVERIFY(QFileInfo(path).permissions().testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(writeFileAtomically(path, "two", &error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("two"));
    QVERIFY(!writeFileAtomically(temp.filePath(QStringLiteral("no/such/dir/file")), "x", &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_KeyEscrow)
#include "tst_keyescrow.moc"
