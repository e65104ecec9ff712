// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The keyed page crypto writes exactly what SQLCipher's own OpenSSL functions
// write: a store written by either is read, checked and extended by the other,
// on both cipher profiles. The other side runs in a child process (this
// binary again) started with OW_SQLCIPHER_STOCK_CRYPTO=1.

#include "ciphertestutil.h"

#include <ow/storage/database.h>
#include <ow/test/tempdatadir.h>

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

#include <cstdio>

using ow::storage::Database;

namespace {

constexpr char kPeerVariable[] = "OW_PAGECRYPTO_PEER";

QByteArray randomKey()
{
    QByteArray key(Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    return key;
}

// Rows of ~600 bytes: a few hundred pages for a few thousand rows, so that
// every page goes through the cipher when it is written and read back.
bool appendRows(QSqlDatabase &db, int from, int count, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS pages (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
        || !db.transaction()) {
        *error = query.lastError().text();
        return false;
    }
    query.prepare(QStringLiteral("INSERT INTO pages (id, body) VALUES (?, ?)"));
    for (int id = from; id < from + count; ++id) {
        query.addBindValue(id);
        query.addBindValue(QStringLiteral("第%1页 ").arg(id).repeated(40));
        if (!query.exec()) {
            *error = query.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

struct Contents
{
    qint64 rows = -1;
    qint64 characters = -1;
    bool intact = false;
};

Contents readContents(const QSqlDatabase &db)
{
    Contents contents;
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT count(*), total(length(body)) FROM pages")) && query.next()) {
        contents.rows = query.value(0).toLongLong();
        contents.characters = query.value(1).toLongLong();
    }
    query.finish();
    QStringList problems;
    contents.intact = Database::checkIntegrity(db, &problems);
    return contents;
}

// The child: opens the store, reports what it reads, appends rows and checkpoints.
int runPeer(const QByteArray &spec)
{
    const QList<QByteArray> parts = spec.split('|');
    if (parts.size() != 3)
        return 2;
    const QString path = QString::fromLocal8Bit(parts.at(0));
    const QByteArray key = QByteArray::fromHex(parts.at(1));
    int code = 0;
    {
        Database::OpenResult opened
            = Database::open(path, key, QStringLiteral("peer"), Database::Mode::OpenExisting);
        if (!opened.ok()) {
            std::fprintf(stdout, "open failed: %s\n", qPrintable(opened.message));
            code = 3;
        } else {
            const Contents before = readContents(opened.db);
            QString error;
            if (!appendRows(opened.db, int(before.rows), parts.at(2).toInt(), &error))
                code = 4;
            QSqlQuery(opened.db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            std::fprintf(stdout, "%s\n%lld\n%lld\n%d\n%s\n", qPrintable(Database::pageCryptoDescription()),
                         before.rows, before.characters, before.intact ? 1 : 0, qPrintable(error));
        }
    }
    Database::close(QStringLiteral("peer"));
    return code;
}

} // namespace

class TstStoragePageCrypto : public QObject
{
    Q_OBJECT

private slots:
    void keyedCryptoIsInstalled();
    void storesAreReadableAcrossImplementations_data();
    void storesAreReadableAcrossImplementations();
    void aChangedPageIsRefused();
};

void TstStoragePageCrypto::keyedCryptoIsInstalled()
{
    // SQLCipher 4.6 with its OpenSSL provider, as the setup script installs it.
    QVERIFY2(Database::pageCryptoDescription().startsWith(QLatin1String("keyed contexts")),
             qPrintable(Database::pageCryptoDescription()));
}

void TstStoragePageCrypto::storesAreReadableAcrossImplementations_data()
{
    QTest::addColumn<bool>("legacyProfile");
    QTest::newRow("HMAC-SHA256 (new stores)") << false;
    QTest::newRow("HMAC-SHA512 (older stores)") << true;
}

void TstStoragePageCrypto::storesAreReadableAcrossImplementations()
{
    QFETCH(bool, legacyProfile);
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    QString error;
    if (legacyProfile) {
        QVERIFY2(ow::test::cipher::createLegacyStore(path, key, {}, &error), qPrintable(error));
    }
    {
        // Written here, with the keyed contexts.
        Database::OpenResult opened
            = Database::open(path, key, QStringLiteral("w"),
                             legacyProfile ? Database::Mode::OpenExisting : Database::Mode::CreateNew);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(opened.profile,
                 legacyProfile ? Database::CipherProfile::LegacySha512 : Database::CipherProfile::Sha256);
        QVERIFY2(appendRows(opened.db, 0, 3000, &error), qPrintable(error));
        QVERIFY(QSqlQuery(opened.db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    Database::close(QStringLiteral("w"));

    // Read and extended by SQLCipher's own functions.
    QProcess peer;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OW_SQLCIPHER_STOCK_CRYPTO"), QStringLiteral("1"));
    environment.insert(QString::fromLatin1(kPeerVariable),
                       QStringLiteral("%1|%2|1000").arg(path, QString::fromLatin1(key.toHex())));
    peer.setProcessEnvironment(environment);
    peer.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(peer.waitForFinished(60000));
    const QStringList report = QString::fromUtf8(peer.readAllStandardOutput()).split(u'\n');
    QVERIFY2(peer.exitCode() == 0 && report.size() >= 5, qPrintable(report.join(u'\n')));
    QVERIFY2(report.at(0).startsWith(QLatin1String("stock")), qPrintable(report.at(0)));
    Contents expected;
    {
        Database::OpenResult opened
            = Database::open(path, key, QStringLiteral("r"), Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        expected = readContents(opened.db);
    }
    Database::close(QStringLiteral("r"));
    QCOMPARE(report.at(1), QStringLiteral("3000"));
    QCOMPARE(report.at(3), QStringLiteral("1")); // integrity_check and cipher_integrity_check
    QCOMPARE(report.at(4), QString());

    // Read back here: every page the stock functions wrote authenticates and decrypts.
    QCOMPARE(expected.rows, 4000);
    QVERIFY(expected.intact);
    QVERIFY(expected.characters > report.at(2).toLongLong());
}

void TstStoragePageCrypto::aChangedPageIsRefused()
{
    ow::test::TempDataDir dir;
    const QString path = dir.filePath(QStringLiteral("store.db"));
    const QByteArray key = randomKey();
    QString error;
    {
        Database::OpenResult opened
            = Database::open(path, key, QStringLiteral("t"), Database::Mode::CreateNew);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QVERIFY2(appendRows(opened.db, 0, 2000, &error), qPrintable(error));
        QVERIFY(QSqlQuery(opened.db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    Database::close(QStringLiteral("t"));
    // One bit of a data page in the middle of the file.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.size() > 40 * 4096);
    QVERIFY(file.seek(20 * 4096 + 1000));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    QVERIFY(file.seek(20 * 4096 + 1000));
    QVERIFY(file.putChar(char(byte ^ 0x10)));
    file.close();
    {
        Database::OpenResult opened
            = Database::open(path, key, QStringLiteral("t"), Database::Mode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.message)); // page 1 is intact
        const Contents contents = readContents(opened.db);
        QVERIFY(!contents.intact);
        QVERIFY(contents.rows != 2000); // the scan stops at the page that does not authenticate
    }
    Database::close(QStringLiteral("t"));
}

int main(int argc, char **argv)
{
    const QByteArray peer = qgetenv(kPeerVariable);
    QCoreApplication app(argc, argv);
    if (!peer.isEmpty())
        return runPeer(peer);
    TstStoragePageCrypto test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storage_pagecrypto.moc"
