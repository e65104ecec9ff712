// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "dbtestutil.h"

#include "ow/storage/applicantrepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/settingsrepository.h"
#include "ow/storage/transaction.h"
#include "ow/test/tempdatadir.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;

namespace {

const QString secretName = QStringLiteral("欧阳娜娜");
const QString secretIdNumber = QStringLiteral("33010219900307123X");

QByteArray utf16(const QString &text, QSysInfo::Endian endian)
{
    QByteArray bytes;
    for (const QChar c : text) {
        const char high = char(c.unicode() >> 8);
        const char low = char(c.unicode() & 0xff);
        bytes.append(endian == QSysInfo::LittleEndian ? low : high);
        bytes.append(endian == QSysInfo::LittleEndian ? high : low);
    }
    return bytes;
}

// What must never appear in a store's files.
QList<std::pair<QByteArray, QString>> secrets()
{
    return {
        {QByteArray("SQLite format 3"), QStringLiteral("SQLite header")},
        {secretName.toUtf8(), QStringLiteral("name (UTF-8)")},
        {utf16(secretName, QSysInfo::LittleEndian), QStringLiteral("name (UTF-16LE)")},
        {utf16(secretName, QSysInfo::BigEndian), QStringLiteral("name (UTF-16BE)")},
        {secretIdNumber.toUtf8(), QStringLiteral("ID number (UTF-8)")},
        {utf16(secretIdNumber, QSysInfo::LittleEndian), QStringLiteral("ID number (UTF-16LE)")},
        {utf16(secretIdNumber, QSysInfo::BigEndian), QStringLiteral("ID number (UTF-16BE)")},
    };
}

QStringList leaks(const QString &path)
{
    QStringList found;
    const QByteArray bytes = readFile(path);
    for (const auto &[needle, what] : secrets()) {
        if (bytes.contains(needle))
            found.append(QFileInfo(path).fileName() + QStringLiteral(": ") + what);
    }
    return found;
}

// Writes and reads back one setting through the repository.
namespace SettingsProbe {
bool write(const QSqlDatabase &db)
{
    return SettingsRepository(db).setValue(QStringLiteral("probe"), secretName);
}
bool read(const QSqlDatabase &db)
{
    return SettingsRepository(db).value(QStringLiteral("probe")) == secretName;
}
bool createTable(const QSqlDatabase &db)
{
    return QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x TEXT)"));
}
} // namespace SettingsProbe

} // namespace

class TstStorageFiles : public QObject
{
    Q_OBJECT

private slots:
    void nothingInTheClear_data();
    void nothingInTheClear();
    void wrongKeyLeavesFilesUntouched();
    void wrongKeyWithLiveWal();
    void missingAndExisting();
    void plainFileRefused();
    void keyRules();
    void connectionSettings();
    void cacheSizeFollowsStore();
    void rekey();
};

void TstStorageFiles::nothingInTheClear_data()
{
    QTest::addColumn<bool>("checkpoint");
    QTest::newRow("data in the WAL") << false;
    QTest::newRow("checkpointed") << true;
}

void TstStorageFiles::nothingInTheClear()
{
    QFETCH(bool, checkpoint);
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QString name = QStringLiteral("clear");
    {
        auto opened = openStore(path, randomKey(), name, Database::Mode::CreateNew);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QSqlQuery(opened.db).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        ApplicantRepository applicants(opened.db);
        EventRepository events(opened.db);
        ApplicantRecord applicant;
        applicant.idNumber = secretIdNumber;
        applicant.name = secretName;
        applicant.phone = QStringLiteral("13800000000");
        QVERIFY2(applicants.save(applicant), qPrintable(applicants.lastError()));
        QString prevHash;
        for (int i = 1; i <= 50; ++i) {
            const CaseRecord c
                = sampleCase(QStringLiteral("YCT-330102-20260315-%1").arg(i, 6, 10, QLatin1Char('0')));
            const EventRecord e = sampleEvent(c.id, QStringLiteral("device-1"), i, prevHash);
            prevHash = e.hash;
            QVERIFY2(events.append(e, c), qPrintable(events.lastError()));
        }
        // Free pages keep old bytes unless secure_delete overwrites them.
        QSqlQuery query(opened.db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA secure_delete")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        if (checkpoint)
            QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        query.finish();

        // With the store still open: the file, the -wal and the -shm.
        QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size() > 0, !checkpoint);
        QVERIFY(QFile::exists(path + QStringLiteral("-shm")));
        for (const char *suffix : {"", "-wal", "-shm"}) {
            const QString file = path + QLatin1String(suffix);
            const QStringList found = leaks(file);
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
        }
        // The test would be worthless if the secrets were not in the store.
        QVERIFY(applicants.findByIdNumber(secretIdNumber).has_value());
    }
    Database::close(name);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY2(leaks(path).isEmpty(), qPrintable(leaks(path).join(QStringLiteral(", "))));
}

void TstStorageFiles::wrongKeyLeavesFilesUntouched()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    {
        auto opened = openStore(path, key, QStringLiteral("right"), Database::Mode::CreateNew);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QVERIFY(SettingsProbe::write(opened.db));
    }
    Database::close(QStringLiteral("right"));
    const auto before = snapshot(dir.path());
    QCOMPARE(before.keys(), QStringList({QStringLiteral("store.db")}));

    const auto wrong
        = Database::open(path, randomKey(), QStringLiteral("wrong"), Database::Mode::OpenExisting);
    QCOMPARE(wrong.error, DatabaseError::WrongKey);
    QVERIFY(!wrong.db.isValid());
    QVERIFY2(wrong.message.contains(QDir::toNativeSeparators(path)), qPrintable(wrong.message));
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("wrong")));
    QVERIFY(snapshot(dir.path()) == before);

    auto right = Database::open(path, key, QStringLiteral("right"), Database::Mode::OpenExisting);
    QVERIFY2(right.ok(), qPrintable(right.message));
    QVERIFY(SettingsProbe::read(right.db));
    right.db = QSqlDatabase();
    Database::close(QStringLiteral("right"));
}

// Another process still has the store open, with committed pages in the -wal:
// a wrong key must neither checkpoint them into the file nor touch the -wal.
void TstStorageFiles::wrongKeyWithLiveWal()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    auto holder = openStore(path, key, QStringLiteral("holder"), Database::Mode::CreateNew);
    QVERIFY2(holder.ok(), qPrintable(holder.message));
    QVERIFY(QSqlQuery(holder.db).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")));
    QVERIFY(SettingsProbe::write(holder.db));
    const QByteArray file = readFile(path);
    const QByteArray wal = readFile(path + QStringLiteral("-wal"));
    QVERIFY(!wal.isEmpty());

    const auto wrong
        = Database::open(path, randomKey(), QStringLiteral("wrong"), Database::Mode::OpenExisting);
    QCOMPARE(wrong.error, DatabaseError::WrongKey);
    QVERIFY(readFile(path) == file);
    QVERIFY(readFile(path + QStringLiteral("-wal")) == wal);

    QVERIFY(SettingsProbe::read(holder.db));
    holder.db = QSqlDatabase();
    Database::close(QStringLiteral("holder"));
}

void TstStorageFiles::missingAndExisting()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const auto missing = Database::open(path, randomKey(), QStringLiteral("c"), Database::Mode::OpenExisting);
    QCOMPARE(missing.error, DatabaseError::NotFound);
    QVERIFY(missing.message.contains(QDir::toNativeSeparators(path)));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("c")));

    {
        auto created = Database::open(path, randomKey(), QStringLiteral("c"), Database::Mode::CreateNew);
        QVERIFY2(created.ok(), qPrintable(created.message));
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }
    Database::close(QStringLiteral("c"));
    const auto before = snapshot(dir.path());
    const auto again = Database::open(path, randomKey(), QStringLiteral("c"), Database::Mode::CreateNew);
    QCOMPARE(again.error, DatabaseError::AlreadyExists);
    QVERIFY(again.message.contains(QDir::toNativeSeparators(path)));
    QVERIFY(snapshot(dir.path()) == before);

    // A store in a data directory that does not exist yet.
    const QString nested = dir.filePath(QStringLiteral("a/b/store.db"));
    {
        auto created = Database::open(nested, randomKey(), QStringLiteral("n"), Database::Mode::CreateNew);
        QVERIFY2(created.ok(), qPrintable(created.message));
    }
    Database::close(QStringLiteral("n"));
    QVERIFY(QFile::exists(nested));
}

void TstStorageFiles::plainFileRefused()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.db"));
    {
        auto plain = Database::open(path, {}, QStringLiteral("p"), Database::Mode::CreateNew,
                                    Database::Encryption::None);
        QVERIFY2(plain.ok(), qPrintable(plain.message));
        QVERIFY(SettingsProbe::createTable(plain.db));
    }
    Database::close(QStringLiteral("p"));
    QVERIFY(readFile(path).startsWith("SQLite format 3"));
    const QByteArray before = readFile(path);
    const auto keyed = Database::open(path, randomKey(), QStringLiteral("p"), Database::Mode::OpenExisting);
    QCOMPARE(keyed.error, DatabaseError::Other);
    QVERIFY2(keyed.message.contains(QLatin1String("not encrypted")), qPrintable(keyed.message));
    QVERIFY(readFile(path) == before);

    // And an encrypted store opened without a key is not a database to SQLite.
    const QString encrypted = dir.filePath(QStringLiteral("encrypted.db"));
    {
        auto opened = openStore(encrypted, randomKey(), QStringLiteral("e"), Database::Mode::CreateNew);
        QVERIFY(opened.ok());
    }
    Database::close(QStringLiteral("e"));
    const auto unkeyed = Database::open(encrypted, {}, QStringLiteral("e"), Database::Mode::OpenExisting,
                                        Database::Encryption::None);
    QCOMPARE(unkeyed.error, DatabaseError::Corrupt);
}

void TstStorageFiles::keyRules()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    // Encryption is the default: no key, no store.
    const auto noKey = Database::open(path, {}, QStringLiteral("k"), Database::Mode::CreateNew);
    QCOMPARE(noKey.error, DatabaseError::Other);
    QVERIFY(!QFile::exists(path));
    const auto shortKey
        = Database::open(path, QByteArray(16, 'k'), QStringLiteral("k"), Database::Mode::CreateNew);
    QCOMPARE(shortKey.error, DatabaseError::Other);
    const auto keyForPlain = Database::open(path, randomKey(), QStringLiteral("k"), Database::Mode::CreateNew,
                                            Database::Encryption::None);
    QCOMPARE(keyForPlain.error, DatabaseError::Other);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("k")));

    {
        auto first = Database::open(path, randomKey(), QStringLiteral("k"), Database::Mode::CreateNew);
        QVERIFY(first.ok());
        const auto clash = Database::open(dir.filePath(QStringLiteral("other.db")), randomKey(),
                                          QStringLiteral("k"), Database::Mode::CreateNew);
        QCOMPARE(clash.error, DatabaseError::Other);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("other.db"))));
        QVERIFY(first.db.isOpen());
    }
    Database::close(QStringLiteral("k"));
}

void TstStorageFiles::connectionSettings()
{
    ow::test::TempDataDir dir;
    {
        auto opened = Database::open(dir.filePath(QStringLiteral("store.db")), randomKey(),
                                     QStringLiteral("s"), Database::Mode::CreateNew);
        QVERIFY(opened.ok());
        QSqlQuery query(opened.db);
        const auto pragma = [&query](const char *name) {
            query.exec(QStringLiteral("PRAGMA ") + QLatin1String(name));
            return query.next() ? query.value(0).toString() : QStringLiteral("(none)");
        };
        QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
        QCOMPARE(pragma("synchronous"), QStringLiteral("2")); // FULL
        QCOMPARE(pragma("foreign_keys"), QStringLiteral("1"));
        QCOMPARE(pragma("cipher_page_size"), QStringLiteral("4096"));
        QCOMPARE(pragma("cache_size"), QString::number(-Database::CacheSizeKiB));
        query.finish();
    }
    Database::close(QStringLiteral("s"));
}

void TstStorageFiles::rekey()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray oldKey = randomKey();
    const QByteArray newKey = randomKey();
    {
        auto opened = openStore(path, oldKey, QStringLiteral("r"), Database::Mode::CreateNew);
        QVERIFY(opened.ok());
        QVERIFY(SettingsProbe::write(opened.db));
        QString error;
        QVERIFY(!Database::rekey(opened.db, QByteArray(5, 'x'), &error));
        QVERIFY(error.contains(QLatin1String("256-bit")));
        QVERIFY2(Database::rekey(opened.db, newKey, &error), qPrintable(error));
        QVERIFY(SettingsProbe::read(opened.db));
    }
    Database::close(QStringLiteral("r"));
    QCOMPARE(Database::open(path, oldKey, QStringLiteral("r"), Database::Mode::OpenExisting).error,
             DatabaseError::WrongKey);
    {
        auto reopened = Database::open(path, newKey, QStringLiteral("r"), Database::Mode::OpenExisting);
        QVERIFY2(reopened.ok(), qPrintable(reopened.message));
        QVERIFY(SettingsProbe::read(reopened.db));
        QStringList problems;
        QVERIFY2(Database::checkIntegrity(reopened.db, &problems), qPrintable(problems.join(u'\n')));
    }
    Database::close(QStringLiteral("r"));
    QVERIFY(leaks(path).isEmpty());
}

// A third of the store, within [CacheSizeKiB, MaxCacheSizeKiB] and at most an eighth of RAM.
void TstStorageFiles::cacheSizeFollowsStore()
{
    constexpr qint64 mib = 1024 * 1024;
    QCOMPARE(Database::cacheSizeKiBFor(0), qint64(Database::CacheSizeKiB));
    QCOMPARE(Database::cacheSizeKiBFor(300 * mib), qint64(Database::CacheSizeKiB)); // ~100k cases
    const qint64 large = Database::cacheSizeKiBFor(3000 * mib); // ~1M cases
    QVERIFY(large >= Database::CacheSizeKiB);
    QVERIFY(large <= Database::MaxCacheSizeKiB);
    QCOMPARE(Database::cacheSizeKiBFor(100000 * mib), large);
    const qint64 middle = Database::cacheSizeKiBFor(900 * mib);
    QVERIFY(middle >= Database::CacheSizeKiB && middle <= large);
    if (large == Database::MaxCacheSizeKiB) // a machine with at least 4 GiB
        QCOMPARE(middle, 300 * mib / 1024);
}

QTEST_GUILESS_MAIN(TstStorageFiles)
#include "tst_storage_files.moc"
