// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ciphertestutil.h"
#include "dbtestutil.h"

#include "ow/storage/settingsrepository.h"
#include "ow/test/tempdatadir.h"

#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;
using namespace ow::test::cipher;

Q_DECLARE_METATYPE(ow::storage::Database::CipherProfile)

namespace {

QStringList settingKeys(const QSqlDatabase &db)
{
    QStringList keys;
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT key FROM settings ORDER BY key"))) {
        while (query.next())
            keys << query.value(0).toString();
    }
    return keys;
}

} // namespace

// The cipher profile of store files: new stores authenticate pages with
// HMAC-SHA256, stores made with SQLCipher's defaults (HMAC-SHA512) still open,
// keep their profile through rekey, and a wrong key is told apart from both.
class TstStorageCipher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void newStoreUsesSha256();
    void legacyStoreOpensWithItsData();
    void rekeyKeepsProfile_data();
    void rekeyKeepsProfile();
    void wrongKeyLeavesFileUntouched_data();
    void wrongKeyLeavesFileUntouched();
    void plainStoreHasNoProfile();

private:
    // Creates a store of `profile` at `path` holding the setting "tst-a".
    static bool makeStore(Database::CipherProfile profile, const QString &path, const QByteArray &key);
};

void TstStorageCipher::initTestCase()
{
    registerSqlCipherDriver();
}

bool TstStorageCipher::makeStore(Database::CipherProfile profile, const QString &path, const QByteArray &key)
{
    if (profile == Database::CipherProfile::LegacySha512) {
        QString error;
        const bool ok = createLegacyStore(path, key, {QStringLiteral("tst-a")}, &error);
        if (!ok)
            qWarning("legacy store: %s", qPrintable(error));
        return ok;
    }
    bool ok = false;
    {
        auto opened = openStore(path, key, QStringLiteral("make"), Database::Mode::CreateNew);
        ok = opened.ok() && SettingsRepository(opened.db).setValue(QStringLiteral("tst-a"), QStringLiteral("tst-a"));
    }
    Database::close(QStringLiteral("make"));
    return ok;
}

void TstStorageCipher::newStoreUsesSha256()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    {
        auto created = openStore(path, key, QStringLiteral("c"), Database::Mode::CreateNew);
        QVERIFY2(created.ok(), qPrintable(created.message));
        QCOMPARE(created.profile, Database::CipherProfile::Sha256);
        QCOMPARE(pragma(created.db, QStringLiteral("cipher_hmac_algorithm")), QStringLiteral("HMAC_SHA256"));
        QCOMPARE(pragma(created.db, QStringLiteral("cipher_kdf_algorithm")),
                 QStringLiteral("PBKDF2_HMAC_SHA256"));
        QCOMPARE(pragma(created.db, QStringLiteral("cipher_page_size")), QStringLiteral("4096"));
        QVERIFY(SettingsRepository(created.db).setValue(QStringLiteral("tst-a"), QStringLiteral("tst-a")));
    }
    Database::close(QStringLiteral("c"));
    {
        auto reopened = Database::open(path, key, QStringLiteral("c"), Database::Mode::OpenExisting);
        QVERIFY2(reopened.ok(), qPrintable(reopened.message));
        QCOMPARE(reopened.profile, Database::CipherProfile::Sha256);
        QCOMPARE(Database::cipherProfile(reopened.db), Database::CipherProfile::Sha256);
        QCOMPARE(settingKeys(reopened.db), QStringList {QStringLiteral("tst-a")});
    }
    Database::close(QStringLiteral("c"));
    // The file itself has the profile: SQLCipher's defaults cannot read it.
    QVERIFY(!readableWithDefaults(path, key));
}

void TstStorageCipher::legacyStoreOpensWithItsData()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    QString error;
    QVERIFY2(createLegacyStore(path, key, {QStringLiteral("tst-a"), QStringLiteral("tst-b")}, &error),
             qPrintable(error));
    QVERIFY(readableWithDefaults(path, key));
    {
        auto opened = openStore(path, key, QStringLiteral("l"), Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(opened.profile, Database::CipherProfile::LegacySha512);
        QCOMPARE(Database::cipherProfile(opened.db), Database::CipherProfile::LegacySha512);
        QCOMPARE(pragma(opened.db, QStringLiteral("cipher_hmac_algorithm")), QStringLiteral("HMAC_SHA512"));
        QCOMPARE(pragma(opened.db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(settingKeys(opened.db), (QStringList {QStringLiteral("tst-a"), QStringLiteral("tst-b")}));
        QVERIFY(SettingsRepository(opened.db).setValue(QStringLiteral("tst-c"), QStringLiteral("tst-c")));
        QStringList problems;
        QVERIFY2(Database::checkIntegrity(opened.db, &problems), qPrintable(problems.join(u'\n')));
    }
    Database::close(QStringLiteral("l"));
    // Still the legacy profile after writing through Database, and still readable by SQLCipher's defaults.
    QVERIFY(readableWithDefaults(path, key));
    {
        auto reopened = Database::open(path, key, QStringLiteral("l"), Database::Mode::OpenExisting);
        QVERIFY2(reopened.ok(), qPrintable(reopened.message));
        QCOMPARE(reopened.profile, Database::CipherProfile::LegacySha512);
        QCOMPARE(settingKeys(reopened.db),
                 (QStringList {QStringLiteral("tst-a"), QStringLiteral("tst-b"), QStringLiteral("tst-c")}));
    }
    Database::close(QStringLiteral("l"));
}

void TstStorageCipher::rekeyKeepsProfile_data()
{
    QTest::addColumn<Database::CipherProfile>("profile");
    QTest::newRow("SHA-256") << Database::CipherProfile::Sha256;
    QTest::newRow("legacy SHA-512") << Database::CipherProfile::LegacySha512;
}

void TstStorageCipher::rekeyKeepsProfile()
{
    QFETCH(Database::CipherProfile, profile);
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray oldKey = randomKey();
    const QByteArray newKey = randomKey();
    QVERIFY(makeStore(profile, path, oldKey));
    {
        auto opened = Database::open(path, oldKey, QStringLiteral("r"), Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(opened.profile, profile);
        QString error;
        QVERIFY2(Database::rekey(opened.db, newKey, &error), qPrintable(error));
        QVERIFY(SettingsRepository(opened.db).setValue(QStringLiteral("tst-b"), QStringLiteral("tst-b")));
        QCOMPARE(Database::cipherProfile(opened.db), profile);
    }
    Database::close(QStringLiteral("r"));

    const auto old = Database::open(path, oldKey, QStringLiteral("r"), Database::Mode::OpenExisting);
    QCOMPARE(old.error, DatabaseError::WrongKey);
    {
        auto reopened = Database::open(path, newKey, QStringLiteral("r"), Database::Mode::OpenExisting);
        QVERIFY2(reopened.ok(), qPrintable(reopened.message));
        QCOMPARE(reopened.profile, profile);
        QCOMPARE(settingKeys(reopened.db), (QStringList {QStringLiteral("tst-a"), QStringLiteral("tst-b")}));
        QStringList problems;
        QVERIFY2(Database::checkIntegrity(reopened.db, &problems), qPrintable(problems.join(u'\n')));
    }
    Database::close(QStringLiteral("r"));
    QCOMPARE(readableWithDefaults(path, newKey), profile == Database::CipherProfile::LegacySha512);
}

void TstStorageCipher::wrongKeyLeavesFileUntouched_data()
{
    rekeyKeepsProfile_data();
}

void TstStorageCipher::wrongKeyLeavesFileUntouched()
{
    QFETCH(Database::CipherProfile, profile);
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    QVERIFY(makeStore(profile, path, key));
    const auto before = snapshot(dir.path());
    QCOMPARE(before.keys(), QStringList {QStringLiteral("store.db")});

    // Neither profile fits a wrong key: it is reported as a wrong key, not as damage.
    const auto wrong = Database::open(path, randomKey(), QStringLiteral("w"), Database::Mode::OpenExisting);
    QCOMPARE(wrong.error, DatabaseError::WrongKey);
    QCOMPARE(wrong.profile, Database::CipherProfile::None);
    QVERIFY(!wrong.db.isValid());
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("w")));
    QVERIFY2(wrong.message.contains(QLatin1String("different one")), qPrintable(wrong.message));
    QVERIFY(snapshot(dir.path()) == before);

    // Another connection holds committed pages in the -wal: a wrong key touches neither file.
    auto holder = Database::open(path, key, QStringLiteral("h"), Database::Mode::OpenExisting);
    QVERIFY2(holder.ok(), qPrintable(holder.message));
    QVERIFY(QSqlQuery(holder.db).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")));
    QVERIFY(SettingsRepository(holder.db).setValue(QStringLiteral("tst-b"), QStringLiteral("tst-b")));
    // (The -shm is shared memory between connections, not data: only the file and the -wal count.)
    const QByteArray file = readFile(path);
    const QByteArray wal = readFile(path + QStringLiteral("-wal"));
    QVERIFY(!wal.isEmpty());
    const auto wrongAgain
        = Database::open(path, randomKey(), QStringLiteral("w"), Database::Mode::OpenExisting);
    QCOMPARE(wrongAgain.error, DatabaseError::WrongKey);
    QVERIFY(readFile(path) == file);
    QVERIFY(readFile(path + QStringLiteral("-wal")) == wal);

    // And the right key still opens it, with its profile.
    auto right = Database::open(path, key, QStringLiteral("r"), Database::Mode::OpenExisting);
    QVERIFY2(right.ok(), qPrintable(right.message));
    QCOMPARE(right.profile, profile);
    QCOMPARE(settingKeys(right.db), (QStringList {QStringLiteral("tst-a"), QStringLiteral("tst-b")}));
    right.db = QSqlDatabase();
    holder.db = QSqlDatabase();
    Database::close(QStringLiteral("r"));
    Database::close(QStringLiteral("h"));
}

void TstStorageCipher::plainStoreHasNoProfile()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.db"));
    {
        auto created = Database::open(path, QByteArray(), QStringLiteral("p"), Database::Mode::CreateNew,
                                      Database::Encryption::None);
        QVERIFY2(created.ok(), qPrintable(created.message));
        QCOMPARE(created.profile, Database::CipherProfile::None);
        QCOMPARE(Database::cipherProfile(created.db), Database::CipherProfile::None);
    }
    Database::close(QStringLiteral("p"));
}

QTEST_GUILESS_MAIN(TstStorageCipher)
#include "tst_storage_cipher.moc"
