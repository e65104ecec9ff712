// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The workstation's first start and every start after: its store is made
// once, escrowed for the centre, and reopened with the key from the keyring.

#include <ow/storage/recoverykey.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/storeopener.h>

#include <QDir>
#include <QFile>
#include <QTest>

using ow::ui::StoreOpener;

class TestStoreOpener : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstStartCreatesThenReopens();
    void noRecoveryKeyCreatesNothing();

private:
    QString writeRecoveryKey(const ow::test::TempDataDir &dir);
};

void TestStoreOpener::initTestCase()
{
    OW_REQUIRE_KEYRING();
}

QString TestStoreOpener::writeRecoveryKey(const ow::test::TempDataDir &dir)
{
    QString error;
    ow::storage::RecoveryKeyPair pair;
    if (!ow::storage::generateRecoveryKeyPair(ow::storage::RecoveryKeyType::Sm2, &pair, &error))
        return {};
    const QString path = dir.filePath(QStringLiteral("recovery.pub"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pair.publicKeyPem) < 0)
        return {};
    return path;
}

void TestStoreOpener::firstStartCreatesThenReopens()
{
    ow::test::TempDataDir dir;
    const QString keyFile = writeRecoveryKey(dir);
    QVERIFY(!keyFile.isEmpty());
    const QString dataDir = dir.filePath(QStringLiteral("workstation"));
    QString storeId;
    {
        auto first = StoreOpener::openOrCreate(dataDir, keyFile);
        QVERIFY2(first.store, qPrintable(first.error));
        QVERIFY(first.created);
        storeId = first.store->manifest().storeId;
    }
    QVERIFY(QFile::exists(dataDir + QStringLiteral("/onewindow.db.escrow")));
    auto second = StoreOpener::openOrCreate(dataDir, QString());
    QVERIFY2(second.store, qPrintable(second.error));
    QVERIFY(!second.created);
    QCOMPARE(second.store->manifest().storeId, storeId);
}

void TestStoreOpener::noRecoveryKeyCreatesNothing()
{
    ow::test::TempDataDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("workstation"));
    auto result = StoreOpener::openOrCreate(dataDir, dir.filePath(QStringLiteral("missing.pub")));
    QVERIFY(!result.store);
    QVERIFY2(result.error.contains(QStringLiteral("recovery")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("missing.pub")), qPrintable(result.error));
    QVERIFY(!ow::storage::Store::exists(dataDir));
}

QTEST_GUILESS_MAIN(TestStoreOpener)
#include "tst_storeopener.moc"
