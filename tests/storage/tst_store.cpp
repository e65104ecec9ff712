// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ciphertestutil.h"
#include "storetestutil.h"

#include <ow/storage/database.h>
#include <ow/storage/keyescrow.h>
#include <ow/storage/keyvault.h>
#include <ow/storage/store.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;
using ow::test::snapshot;

Q_DECLARE_METATYPE(ow::storage::RecoveryKeyType)

// Creating, opening, rotating and recovering stores against the real keyring
// of the fixture (gnome-keyring through libsecret).
class tst_Store : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createAndReopen_data();
    void createAndReopen();
    void createRefusesExistingStore();
    void createNeedsRecoveryKeyOrExplicitNoEscrow();
    void openMissingStore();
    void wrongKeyInKeychain();
    void missingKeychainEntry();
    void backendChangeIsReported();
    void rekey();
    void interruptedRekeyAfterDatabaseRekeyed();
    void interruptedRekeyBeforeDatabaseRekeyed();
    void interruptedRekeyAfterPromotion();
    void recoverAfterKeychainLoss_data();
    void recoverAfterKeychainLoss();
    void recoverRefusesForeignRecoveryKey();
    void recoverRebuildsLostManifest();
    void legacyCipherStore();

private:
    std::unique_ptr<Store> createStore(const QString &dir, RecoveryKeyType type = RecoveryKeyType::Sm2);
    static void insertRow(const Store &store, const QString &value);
    static QStringList rows(const Store &store);
    static SecretKey keyIn(const QString &storeId, KeySlot slot, KeychainResult *result = nullptr);
};

void tst_Store::initTestCase()
{
    OW_REQUIRE_KEYRING();
}

std::unique_ptr<Store> tst_Store::createStore(const QString &dir, RecoveryKeyType type)
{
    StoreCreateOptions options;
    options.recoveryPublicKeyPem = ow::test::recoveryKeyPair(type).publicKeyPem;
    StoreStatus status;
    std::unique_ptr<Store> store = Store::create(dir, options, &status);
    if (!store)
        qWarning("create failed: %s", qPrintable(status.message));
    return store;
}

void tst_Store::insertRow(const Store &store, const QString &value)
{
    QSqlQuery query(store.database());
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)")));
    query.addBindValue(value);
    query.addBindValue(value);
    QVERIFY(query.exec());
}

QStringList tst_Store::rows(const Store &store)
{
    QStringList values;
    QSqlQuery query(store.database());
    query.exec(QStringLiteral("SELECT value FROM settings WHERE key LIKE 'tst-%' ORDER BY key"));
    while (query.next())
        values << query.value(0).toString();
    return values;
}

SecretKey tst_Store::keyIn(const QString &storeId, KeySlot slot, KeychainResult *result)
{
    SecretKey key;
    const KeychainResult read = KeyVault(storeId).read(slot, &key);
    if (result)
        *result = read;
    return key;
}

void tst_Store::createAndReopen_data()
{
    QTest::addColumn<RecoveryKeyType>("type");
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("SM2") << RecoveryKeyType::Sm2 << QStringLiteral("SM2-SM3");
    QTest::newRow("RSA") << RecoveryKeyType::Rsa3072 << QStringLiteral("RSA-OAEP-SHA256");
}

void tst_Store::createAndReopen()
{
    QFETCH(RecoveryKeyType, type);
    QFETCH(QString, algorithm);
    ow::test::TempDataDir temp;
    const QString dir = temp.filePath(QStringLiteral("store"));
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(dir, type);
        QVERIFY(store);
        QVERIFY(store->database().isOpen());
        insertRow(*store, QStringLiteral("tst-a"));
        storeId = store->manifest().storeId;
        QCOMPARE(store->manifest().escrowAlgorithm, algorithm);
        QCOMPARE(store->manifest().keychainBackend.name, QStringLiteral("libsecret"));
        QCOMPARE(store->manifest().keychainBackend.provider, QStringLiteral("gnome-keyring-daemon"));
        QVERIFY(store->notices().isEmpty());
    }
    QVERIFY(QFile::exists(dir + QStringLiteral("/onewindow.db")));
    QVERIFY(QFile::exists(dir + QStringLiteral("/store.json")));
    QVERIFY(QFile::exists(dir + QStringLiteral("/onewindow.db.escrow")));
    QVERIFY(keyIn(storeId, KeySlot::Current).isValid());

    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(dir, &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->manifest().storeId, storeId);
    QCOMPARE(rows(*store), QStringList {QStringLiteral("tst-a")});
    QVERIFY2(store->notices().isEmpty(), qPrintable(store->notices().join(QLatin1Char('\n'))));
    QCOMPARE(Database::cipherProfile(store->database()), Database::CipherProfile::Sha256);

    // The manifest is plain text without secrets; the escrow holds no key bytes.
    const SecretKey key = keyIn(storeId, KeySlot::Current);
    for (const auto &[name, bytes] : snapshot(dir).asKeyValueRange()) {
        if (name.startsWith(QLatin1String("onewindow.db")) && !name.endsWith(QLatin1String(".escrow")))
            continue;
        QVERIFY2(!bytes.contains(key.bytes()), qPrintable(name));
        QVERIFY2(!bytes.contains(key.bytes().toHex()), qPrintable(name));
        QVERIFY2(!bytes.toLower().contains(key.bytes().toHex()), qPrintable(name));
        QVERIFY2(!bytes.contains(key.bytes().toBase64()), qPrintable(name));
    }
}

void tst_Store::createRefusesExistingStore()
{
    ow::test::TempDataDir temp;
    const QString dir = temp.path();
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(dir);
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    const auto before = snapshot(dir);
    const SecretKey key = keyIn(storeId, KeySlot::Current);

    StoreStatus status;
    QVERIFY(!createStore(dir));
    StoreCreateOptions options;
    options.withoutEscrow = true;
    QVERIFY(!Store::create(dir, options, &status));
    QCOMPARE(status.error, StoreError::AlreadyExists);
    QVERIFY(status.message.contains(QDir::toNativeSeparators(QDir(dir).absolutePath())));
    QCOMPARE(snapshot(dir), before);
    QVERIFY(keyIn(storeId, KeySlot::Current) == key);

    // Even a lone database file (no manifest) is "a store" to create.
    ow::test::TempDataDir other;
    QFile lone(other.filePath(QStringLiteral("onewindow.db")));
    QVERIFY(lone.open(QIODevice::WriteOnly));
    lone.write("not empty");
    lone.close();
    QVERIFY(!Store::create(other.path(), options, &status));
    QCOMPARE(status.error, StoreError::AlreadyExists);
}

void tst_Store::createNeedsRecoveryKeyOrExplicitNoEscrow()
{
    ow::test::TempDataDir temp;
    const QString dir = temp.filePath(QStringLiteral("new"));
    StoreStatus status;
    QVERIFY(!Store::create(dir, StoreCreateOptions(), &status));
    QCOMPARE(status.error, StoreError::NoRecoveryKey);
    QVERIFY(status.message.contains(QLatin1String("--no-escrow")));
    QVERIFY(!QFileInfo::exists(dir));

    StoreCreateOptions bad;
    bad.recoveryPublicKeyPem = "-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n";
    QVERIFY(!Store::create(dir, bad, &status));
    QCOMPARE(status.error, StoreError::InvalidRecoveryKey);
    QVERIFY(!QFileInfo::exists(dir));

    StoreCreateOptions none;
    none.withoutEscrow = true;
    const std::unique_ptr<Store> store = Store::create(dir, none, &status);
    QVERIFY2(store, qPrintable(status.message));
    QVERIFY(!store->manifest().escrowEnabled);
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/onewindow.db.escrow")));
    QCOMPARE(store->notices().size(), 1); // says that a lost keyring loses the data
}

void tst_Store::openMissingStore()
{
    ow::test::TempDataDir temp;
    StoreStatus status;
    QVERIFY(!Store::open(temp.filePath(QStringLiteral("nothing")), &status));
    QCOMPARE(status.error, StoreError::NotFound);
    QVERIFY(status.message.contains(QLatin1String("onewindow-admin init")));
    QVERIFY(!QFileInfo::exists(temp.filePath(QStringLiteral("nothing"))));

    // A store made by a newer OneWindow is refused as such, untouched.
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    QFile manifest(temp.filePath(QStringLiteral("store.json")));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QByteArray json = manifest.readAll();
    manifest.close();
    json.replace("\"formatVersion\": 1", "\"formatVersion\": 99");
    QVERIFY(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifest.write(json);
    manifest.close();
    const auto before = snapshot(temp.path());
    QVERIFY(!Store::open(temp.path(), &status));
    QCOMPARE(status.error, StoreError::TooNew);
    QCOMPARE(snapshot(temp.path()), before);
}

void tst_Store::wrongKeyInKeychain()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        insertRow(*store, QStringLiteral("tst-a"));
        storeId = store->manifest().storeId;
    }
    const SecretKey other = SecretKey::generate();
    QVERIFY(KeyVault(storeId).write(KeySlot::Current, other).ok());
    const auto before = snapshot(temp.path());

    StoreStatus status;
    QVERIFY(!Store::open(temp.path(), &status));
    QCOMPARE(status.error, StoreError::WrongKey);
    QVERIFY(status.message.contains(QDir::toNativeSeparators(temp.path())));
    QVERIFY(status.message.contains(QLatin1String("onewindow-admin recover --data-dir")));
    QCOMPARE(snapshot(temp.path()), before);
    // The wrong key is left alone for the administrator: no key was replaced or added.
    QVERIFY(keyIn(storeId, KeySlot::Current) == other);
    KeychainResult pending;
    keyIn(storeId, KeySlot::Pending, &pending);
    QCOMPARE(pending.error, KeychainError::EntryMissing);

    // An entry holding something that is not a 32-byte key is a wrong key too.
    QVERIFY(Keychain().write(KeyVault::entryName(storeId, KeySlot::Current), "short").ok());
    QVERIFY(!Store::open(temp.path(), &status));
    QCOMPARE(status.error, StoreError::WrongKey);
    QCOMPARE(snapshot(temp.path()), before);
}

void tst_Store::missingKeychainEntry()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    QVERIFY(KeyVault(storeId).remove(KeySlot::Current).ok());
    const auto before = snapshot(temp.path());

    for (int attempt = 0; attempt < 2; ++attempt) { // and again: the first failure must not have "fixed" it
        StoreStatus status;
        QVERIFY(!Store::open(temp.path(), &status));
        QCOMPARE(status.error, StoreError::KeyMissing);
        QVERIFY(status.message.contains(QDir::toNativeSeparators(temp.path())));
        QVERIFY(status.message.contains(QLatin1String("onewindow-admin recover --data-dir")));
        QVERIFY(status.message.contains(KeyVault::entryName(storeId, KeySlot::Current)));
        QCOMPARE(snapshot(temp.path()), before);
        for (const KeySlot slot : {KeySlot::Current, KeySlot::Pending}) {
            KeychainResult result;
            keyIn(storeId, slot, &result);
            QCOMPARE(result.error, KeychainError::EntryMissing); // no new key was written
        }
    }
}

void tst_Store::backendChangeIsReported()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    // Pretend the store was set up under KDE, with the key in KWallet.
    StoreManifest manifest;
    QString error;
    QVERIFY(StoreManifest::load(temp.path(), &manifest, &error));
    manifest.keychainBackend = {QStringLiteral("kwallet5"), QStringLiteral("kwalletd5")};
    QVERIFY(manifest.save(temp.path(), &error));

    // The entry is missing: the error says the backend differs.
    const SecretKey key = keyIn(storeId, KeySlot::Current);
    QVERIFY(KeyVault(storeId).remove(KeySlot::Current).ok());
    StoreStatus status;
    QVERIFY(!Store::open(temp.path(), &status));
    QCOMPARE(status.error, StoreError::KeyMissing);
    QVERIFY2(status.message.contains(QLatin1String("kwallet5 (kwalletd5)")), qPrintable(status.message));
    QVERIFY2(status.message.contains(QLatin1String("libsecret")), qPrintable(status.message));

    // The key is found through the new backend: open, say so, record it.
    QVERIFY(KeyVault(storeId).write(KeySlot::Current, key).ok());
    const std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->notices().size(), 1);
    QVERIFY(store->notices().first().contains(QLatin1String("kwallet5")));
    QCOMPARE(store->manifest().keychainBackend.name, QStringLiteral("libsecret"));
    QVERIFY(StoreManifest::load(temp.path(), &manifest, &error));
    QCOMPARE(manifest.keychainBackend.name, QStringLiteral("libsecret"));
}

void tst_Store::rekey()
{
    ow::test::TempDataDir temp;
    std::unique_ptr<Store> store = createStore(temp.path());
    QVERIFY(store);
    insertRow(*store, QStringLiteral("tst-a"));
    const QString storeId = store->manifest().storeId;
    const SecretKey before = keyIn(storeId, KeySlot::Current);

    const StoreStatus status = store->rekey();
    QVERIFY2(status.ok(), qPrintable(status.message));
    QVERIFY(store->notices().isEmpty());
    insertRow(*store, QStringLiteral("tst-b")); // still usable on the same connection

    const SecretKey after = keyIn(storeId, KeySlot::Current);
    QVERIFY(after.isValid());
    QVERIFY(!(after == before));
    KeychainResult pending;
    keyIn(storeId, KeySlot::Pending, &pending);
    QCOMPARE(pending.error, KeychainError::EntryMissing);
    KeyEscrow escrow;
    QString error;
    QVERIFY(KeyEscrow::load(temp.filePath(KeyEscrow::fileName()), &escrow, &error));
    QCOMPARE(escrow.keys().size(), 1);
    QCOMPARE(escrow.keys().first().keyId, after.id());
    QVERIFY(store->manifest().keyRotatedAt.isValid());
    store.reset();

    // The old key opens nothing any more; the new one opens everything.
    Database::OpenResult old = Database::open(temp.filePath(QStringLiteral("onewindow.db")), before.bytes(),
                                              QStringLiteral("tst-old"), Database::Mode::OpenExisting);
    QCOMPARE(old.error, DatabaseError::WrongKey);
    StoreStatus opened;
    store = Store::open(temp.path(), &opened);
    QVERIFY2(store, qPrintable(opened.message));
    QCOMPARE(rows(*store), (QStringList {QStringLiteral("tst-a"), QStringLiteral("tst-b")}));

    // A new recovery key given at rekey replaces the escrow's.
    StoreRekeyOptions options;
    options.recoveryPublicKeyPem = ow::test::recoveryKeyPair(RecoveryKeyType::Rsa3072).publicKeyPem;
    QVERIFY(store->rekey(options).ok());
    QCOMPARE(store->manifest().escrowAlgorithm, QStringLiteral("RSA-OAEP-SHA256"));
    QVERIFY(KeyEscrow::load(temp.filePath(KeyEscrow::fileName()), &escrow, &error));
    QCOMPARE(escrow.keys().size(), 1);
    QCOMPARE(escrow.keys().first().algorithm, QStringLiteral("RSA-OAEP-SHA256"));
}

// Plays a rotation up to the point where the database has the new key but the
// keychain still has it only in the pending slot, as a crash there leaves it.
void tst_Store::interruptedRekeyAfterDatabaseRekeyed()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        insertRow(*store, QStringLiteral("tst-a"));
        storeId = store->manifest().storeId;
    }
    const SecretKey oldKey = keyIn(storeId, KeySlot::Current);
    const SecretKey newKey = SecretKey::generate();
    KeyEscrow escrow;
    QString error;
    QVERIFY(KeyEscrow::load(temp.filePath(KeyEscrow::fileName()), &escrow, &error));
    QVERIFY(escrow.add(newKey, &error));
    QVERIFY(escrow.save(temp.filePath(KeyEscrow::fileName()), &error));
    QVERIFY(KeyVault(storeId).write(KeySlot::Pending, newKey).ok());
    {
        Database::OpenResult opened
            = Database::open(temp.filePath(QStringLiteral("onewindow.db")), oldKey.bytes(),
                             QStringLiteral("tst-rekey"), Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QVERIFY2(Database::rekey(opened.db, newKey.bytes(), &error), qPrintable(error));
        opened.db = QSqlDatabase();
        Database::close(QStringLiteral("tst-rekey"));
    }

    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(rows(*store), QStringList {QStringLiteral("tst-a")});
    QVERIFY2(store->notices().size() == 1 && store->notices().first().contains(QLatin1String("finished")),
             qPrintable(store->notices().join(QLatin1Char('\n'))));
    QVERIFY(keyIn(storeId, KeySlot::Current) == newKey);
    KeychainResult pending;
    keyIn(storeId, KeySlot::Pending, &pending);
    QCOMPARE(pending.error, KeychainError::EntryMissing);
    QVERIFY(KeyEscrow::load(temp.filePath(KeyEscrow::fileName()), &escrow, &error));
    QCOMPARE(escrow.keys().size(), 1);
    QCOMPARE(escrow.keys().first().keyId, newKey.id());
}

void tst_Store::interruptedRekeyBeforeDatabaseRekeyed()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    const SecretKey oldKey = keyIn(storeId, KeySlot::Current);
    const SecretKey newKey = SecretKey::generate();
    KeyEscrow escrow;
    QString error;
    QVERIFY(KeyEscrow::load(temp.filePath(KeyEscrow::fileName()), &escrow, &error));
    QVERIFY(escrow.add(newKey, &error));
    QVERIFY(escrow.save(temp.filePath(KeyEscrow::fileName()), &error));
    QVERIFY(KeyVault(storeId).write(KeySlot::Pending, newKey).ok());

    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->notices().size(), 1);
    QVERIFY(store->notices().first().contains(QLatin1String("keeps its current key")));
    QVERIFY(keyIn(storeId, KeySlot::Current) == oldKey);
    KeychainResult pending;
    keyIn(storeId, KeySlot::Pending, &pending);
    QCOMPARE(pending.error, KeychainError::EntryMissing);
    QVERIFY(KeyEscrow::load(temp.filePath(KeyEscrow::fileName()), &escrow, &error));
    QCOMPARE(escrow.keys().size(), 1);
    QCOMPARE(escrow.keys().first().keyId, oldKey.id());
}

void tst_Store::interruptedRekeyAfterPromotion()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    // Promotion done, pending not deleted yet.
    const SecretKey key = keyIn(storeId, KeySlot::Current);
    QVERIFY(KeyVault(storeId).write(KeySlot::Pending, key).ok());
    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->notices().size(), 1);
    KeychainResult pending;
    keyIn(storeId, KeySlot::Pending, &pending);
    QCOMPARE(pending.error, KeychainError::EntryMissing);
    QVERIFY(keyIn(storeId, KeySlot::Current) == key);
}

void tst_Store::recoverAfterKeychainLoss_data()
{
    QTest::addColumn<RecoveryKeyType>("type");
    QTest::newRow("SM2") << RecoveryKeyType::Sm2;
    QTest::newRow("RSA") << RecoveryKeyType::Rsa3072;
}

void tst_Store::recoverAfterKeychainLoss()
{
    QFETCH(RecoveryKeyType, type);
    ow::test::TempDataDir temp;
    QString storeId;
    {
        std::unique_ptr<Store> store = createStore(temp.path(), type);
        QVERIFY(store);
        insertRow(*store, QStringLiteral("tst-a"));
        QVERIFY(store->rekey().ok()); // recovery must follow the rotated key
        insertRow(*store, QStringLiteral("tst-b"));
        storeId = store->manifest().storeId;
    }
    const SecretKey key = keyIn(storeId, KeySlot::Current);
    QVERIFY(KeyVault(storeId).remove(KeySlot::Current).ok()); // the keyring was reset

    QString error;
    const RecoveryPrivateKey recoveryKey
        = RecoveryPrivateKey::fromPem(ow::test::recoveryKeyPair(type).privateKeyPem, {}, &error);
    QVERIFY2(!recoveryKey.isNull(), qPrintable(error));
    const StoreStatus recovered = Store::recover(temp.path(), recoveryKey);
    QVERIFY2(recovered.ok(), qPrintable(recovered.message));
    QVERIFY(keyIn(storeId, KeySlot::Current) == key);

    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(rows(*store), (QStringList {QStringLiteral("tst-a"), QStringLiteral("tst-b")}));

    // Recovery also repairs a keychain entry that holds a wrong key.
    QVERIFY(KeyVault(storeId).write(KeySlot::Current, SecretKey::generate()).ok());
    QVERIFY(Store::recover(temp.path(), recoveryKey).ok());
    QVERIFY(keyIn(storeId, KeySlot::Current) == key);
}

void tst_Store::recoverRefusesForeignRecoveryKey()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path(), RecoveryKeyType::Sm2);
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    QVERIFY(KeyVault(storeId).remove(KeySlot::Current).ok());
    const auto before = snapshot(temp.path());

    RecoveryKeyPair foreign;
    QString error;
    QVERIFY(generateRecoveryKeyPair(RecoveryKeyType::Sm2, &foreign, &error));
    const StoreStatus status
        = Store::recover(temp.path(), RecoveryPrivateKey::fromPem(foreign.privateKeyPem, {}, &error));
    QCOMPARE(status.error, StoreError::RecoveryFailed);
    QCOMPARE(snapshot(temp.path()), before);
    KeychainResult result;
    keyIn(storeId, KeySlot::Current, &result);
    QCOMPARE(result.error, KeychainError::EntryMissing);

    // No escrow file: said so.
    QVERIFY(QFile::remove(temp.filePath(KeyEscrow::fileName())));
    const StoreStatus none
        = Store::recover(temp.path(),
                         RecoveryPrivateKey::fromPem(
                             ow::test::recoveryKeyPair(RecoveryKeyType::Sm2).privateKeyPem, {}, &error));
    QCOMPARE(none.error, StoreError::NoEscrow);
}

void tst_Store::recoverRebuildsLostManifest()
{
    ow::test::TempDataDir temp;
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        insertRow(*store, QStringLiteral("tst-a"));
        storeId = store->manifest().storeId;
    }
    QVERIFY(KeyVault(storeId).remove(KeySlot::Current).ok());
    QVERIFY(QFile::remove(temp.filePath(StoreManifest::fileName())));
    StoreStatus status;
    QVERIFY(!Store::open(temp.path(), &status));
    QCOMPARE(status.error, StoreError::Corrupt);

    QString error;
    const StoreStatus recovered
        = Store::recover(temp.path(),
                         RecoveryPrivateKey::fromPem(
                             ow::test::recoveryKeyPair(RecoveryKeyType::Sm2).privateKeyPem, {}, &error));
    QVERIFY2(recovered.ok(), qPrintable(recovered.message));
    const std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->manifest().storeId, storeId);
    QCOMPARE(rows(*store), QStringList {QStringLiteral("tst-a")});
}

// A store created before the SHA-256 profile (SQLCipher's defaults, HMAC-SHA512)
// opens through the keychain, rotates and recovers as before, and keeps its profile.
void tst_Store::legacyCipherStore()
{
    ow::test::TempDataDir temp;
    const QString databasePath = temp.filePath(QStringLiteral("onewindow.db"));
    QString storeId;
    {
        const std::unique_ptr<Store> store = createStore(temp.path());
        QVERIFY(store);
        storeId = store->manifest().storeId;
    }
    // The same store as an earlier version made it: same key, same manifest and escrow.
    const SecretKey key = keyIn(storeId, KeySlot::Current);
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(databasePath + suffix);
    QString error;
    QVERIFY2(ow::test::cipher::createLegacyStore(databasePath, key.bytes(), {QStringLiteral("tst-a")}, &error),
             qPrintable(error));

    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(Database::cipherProfile(store->database()), Database::CipherProfile::LegacySha512);
    QCOMPARE(rows(*store), QStringList {QStringLiteral("tst-a")});
    insertRow(*store, QStringLiteral("tst-b"));

    // Rotation re-encrypts every page with the new key and the same profile.
    QVERIFY(store->rekey().ok());
    insertRow(*store, QStringLiteral("tst-c"));
    store.reset();
    const SecretKey rotated = keyIn(storeId, KeySlot::Current);
    QVERIFY(!(rotated == key));
    QVERIFY(ow::test::cipher::readableWithDefaults(databasePath, rotated.bytes()));
    store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(Database::cipherProfile(store->database()), Database::CipherProfile::LegacySha512);
    const QStringList all {QStringLiteral("tst-a"), QStringLiteral("tst-b"), QStringLiteral("tst-c")};
    QCOMPARE(rows(*store), all);
    store.reset();

    // A wrong key in the keychain is a wrong key, and changes no file.
    QVERIFY(KeyVault(storeId).write(KeySlot::Current, SecretKey::generate()).ok());
    const auto before = snapshot(temp.path());
    QVERIFY(!Store::open(temp.path(), &status));
    QCOMPARE(status.error, StoreError::WrongKey);
    QCOMPARE(snapshot(temp.path()), before);

    // Recovery from the escrow finds the rotated key and the store opens with its data.
    const RecoveryPrivateKey recoveryKey = RecoveryPrivateKey::fromPem(
        ow::test::recoveryKeyPair(RecoveryKeyType::Sm2).privateKeyPem, {}, &error);
    QVERIFY2(!recoveryKey.isNull(), qPrintable(error));
    const StoreStatus recovered = Store::recover(temp.path(), recoveryKey);
    QVERIFY2(recovered.ok(), qPrintable(recovered.message));
    QVERIFY(keyIn(storeId, KeySlot::Current) == rotated);
    store = Store::open(temp.path(), &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(Database::cipherProfile(store->database()), Database::CipherProfile::LegacySha512);
    QCOMPARE(rows(*store), all);
}

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"
