// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-admin import-catalog as a centre administrator runs it: a valid
// catalogue is kept with its version, a repeat changes nothing, and a broken
// or conflicting one leaves the store as it was.

#include <ow/storage/store.h>
#include <ow/storage/syncstaterepository.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

class TestAdminImportCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importsOnceAndRefusesConflicts();
    void brokenCatalogueChangesNothing();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run admin(const QStringList &arguments);
    static QStringList storedVersions(const QString &dataDir);
};

void TestAdminImportCatalog::initTestCase()
{
    OW_REQUIRE_KEYRING();
}

TestAdminImportCatalog::Run TestAdminImportCatalog::admin(const QStringList &arguments)
{
    QProcess process;
    process.start(ow::test::executablePath(QStringLiteral("onewindow-admin")),
                  QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList TestAdminImportCatalog::storedVersions(const QString &dataDir)
{
    ow::storage::StoreStatus status;
    const auto store = ow::storage::Store::open(dataDir, &status);
    if (!store)
        return {QStringLiteral("cannot open: ") + status.message};
    return ow::storage::SyncStateRepository(store->database()).catalogVersions();
}

void TestAdminImportCatalog::importsOnceAndRefusesConflicts()
{
    ow::test::TempDataDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("store"));
    const QString demo = ow::test::sourcePath(QStringLiteral("resources/catalog/demo-catalog.json"));
    QCOMPARE(admin({QStringLiteral("init"), QStringLiteral("--data-dir"), dataDir, QStringLiteral("--no-escrow")})
                 .exitCode,
             0);

    const Run first = admin({QStringLiteral("import-catalog"), demo, QStringLiteral("--data-dir"), dataDir});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    QVERIFY2(first.out.contains(QStringLiteral("Imported catalogue version 2026.11.2")), qPrintable(first.out));
    QCOMPARE(storedVersions(dataDir), QStringList{QStringLiteral("2026.11.2")});

    const Run again = admin({QStringLiteral("import-catalog"), demo, QStringLiteral("--data-dir"), dataDir});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(QStringLiteral("already in the store")), qPrintable(again.out));
    QCOMPARE(storedVersions(dataDir), QStringList{QStringLiteral("2026.11.2")});

    // Same version, other content: a published version never changes.
    QFile file(demo);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    document.insert(QStringLiteral("publisher"), QStringLiteral("另一个政务服务中心"));
    const QString changed = dir.filePath(QStringLiteral("changed.json"));
    QFile out(changed);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(document).toJson());
    out.close();
    const Run conflict = admin({QStringLiteral("import-catalog"), changed, QStringLiteral("--data-dir"), dataDir});
    QCOMPARE(conflict.exitCode, 1);
    QVERIFY2(conflict.err.contains(QStringLiteral("different catalogue")), qPrintable(conflict.err));
    QCOMPARE(storedVersions(dataDir), QStringList{QStringLiteral("2026.11.2")});
}

void TestAdminImportCatalog::brokenCatalogueChangesNothing()
{
    ow::test::TempDataDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("store"));
    QCOMPARE(admin({QStringLiteral("init"), QStringLiteral("--data-dir"), dataDir, QStringLiteral("--no-escrow")})
                 .exitCode,
             0);
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": "2026.12.1", "items": [{"code": "X"}]})");
    file.close();
    const Run run = admin({QStringLiteral("import-catalog"), broken, QStringLiteral("--data-dir"), dataDir});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QStringLiteral("items[0]")), qPrintable(run.out));
    QVERIFY2(run.err.contains(QStringLiteral("nothing was imported")), qPrintable(run.err));
    QVERIFY(storedVersions(dataDir).isEmpty());

    const Run usage = admin({QStringLiteral("import-catalog"), broken});
    QCOMPARE(usage.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestAdminImportCatalog)
#include "tst_admin_import_catalog.moc"
