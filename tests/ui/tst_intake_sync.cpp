// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// What the intake page records is what the central server accepts: an agent
// signs in against the real onewindow-central, takes in applications with
// every outcome (accepted, approved at once, one-time notice, refusal), and
// sync pushes every event, and the scans attached to materials, without a
// single refusal.

#include <ow/catalog/catalogloader.h>
#include <ow/server/directory.h>
#include <ow/server/serverconfig.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/outboxrepository.h>
#include <ow/sync/signinservice.h>
#include <ow/sync/syncengine.h>
#include <ow/test/centralprocess.h>
#include <ow/ui/intakepage.h>

#include "tst_intake_driver.h"

#include <QCheckBox>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ow;

namespace {
const QString password = QStringLiteral("Cun-2026-banshi");
const QString officeCode = QStringLiteral("330102001001");
} // namespace

class TestIntakeSync : public QObject
{
    Q_OBJECT

private slots:
    void serverAcceptsEveryOutcome();
};

void TestIntakeSync::serverAcceptsEveryOutcome()
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString serverDir = dir.filePath(QStringLiteral("central"));
    {
        server::ServerConfig config;
        config.dataDir = serverDir;
        server::Directory directory;
        QString error;
        QVERIFY2(directory.open(config, &error), qPrintable(error));
        QVERIFY2(directory.addOffice({officeCode, QStringLiteral("示范村便民服务点"),
                                      QStringLiteral("330102"), QString(), QStringLiteral("village")},
                                     &error),
                 qPrintable(error));
        server::DirectoryUser agent;
        agent.name = QStringLiteral("agent01");
        agent.displayName = QStringLiteral("王小丽");
        agent.officeCode = officeCode;
        agent.roles = {QStringLiteral("agent")};
        QVERIFY2(directory.addUser(agent, password, &error), qPrintable(error));
    }
    test::CentralProcess central;
    QVERIFY2(central.start(serverDir), qPrintable(central.error()));

    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    const QString connection = QStringLiteral("intake-sync");
    {
        auto opened = storage::Database::open(dir.filePath(QStringLiteral("workstation.db")), key, connection,
                                              storage::Database::Mode::CreateNew);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QString migrationError;
        QCOMPARE(storage::Migrations::migrate(opened.db, &migrationError), storage::DatabaseError::None);
        const QSqlDatabase db = opened.db;

        sync::SignInService signIn(db);
        QSignalSpy finished(&signIn, &sync::SignInService::finished);
        signIn.signIn(central.url(), QStringLiteral("agent01"), password);
        QVERIFY(finished.wait(20000));
        const auto result = finished.at(0).at(0).value<sync::SignInService::Result>();
        QVERIFY2(result.ok, qPrintable(result.error));

        ui::Session session;
        session.userName = QStringLiteral("agent01");
        session.serverUrl = central.url();
        session.user = result.session;
        ui::IntakePage::Options options;
        options.noticeDirectory = dir.filePath(QStringLiteral("notices"));
        options.showPreview = false;
        // A scanned application form, attached to the first material.
        QImage scan(800, 1100, QImage::Format_RGB32);
        scan.fill(Qt::white);
        const QString scanFile = dir.filePath(QStringLiteral("application.png"));
        QVERIFY(scan.save(scanFile));
        auto page = std::make_unique<ui::IntakePage>(db, session, *catalog::CatalogLoader::loadDemo().catalog,
                                                     options);
        page->setFileChooser([scanFile](QWidget *) { return QStringList {scanFile}; });
        page->show();
        test::intake::IntakeDriver driver(page.get());
        auto *message = driver.child<QLabel>(QStringLiteral("outcomeMessageLabel"));

        // Accepted, on behalf of the applicant.
        driver.identifyPerson();
        QVERIFY(driver.choose(QStringLiteral("lsjz"), QStringLiteral("MZ-JF-002")));
        QTest::mouseClick(driver.child<QPushButton>(QStringLiteral("addAttachmentPushButton")),
                          Qt::LeftButton);
        const QList<storage::AttachmentUpload> attached
            = storage::AttachmentRepository(db).uploads(storage::UploadState::Pending);
        QCOMPARE(attached.size(), 1);
        driver.tickMaterials();
        QVERIFY(driver.fillForm().isEmpty());
        driver.child<QCheckBox>(QStringLiteral("onBehalfCheckBox"))->setChecked(true);
        QTest::mouseClick(driver.child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
        QVERIFY2(message->text().contains(page->lastCaseNumber()) && !page->lastCaseNumber().isEmpty(),
                 qPrintable(message->text()));

        // Approved at once (秒批).
        driver.identifyPerson();
        QVERIFY(driver.choose(QStringLiteral("RS-GG-001"), QStringLiteral("RS-GG-001")));
        driver.tickMaterials();
        QVERIFY(driver.fillForm().isEmpty());
        QTest::mouseClick(driver.child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
        QVERIFY2(message->text().contains(QStringLiteral("smart approval")), qPrintable(message->text()));

        // A bundle, with a one-time notice of what is missing.
        driver.identifyOrganisation();
        QVERIFY(driver.choose(QStringLiteral("YJS-001"), QStringLiteral("YJS-001")));
        driver.tickMaterials(1);
        QTest::mouseClick(driver.child<QPushButton>(QStringLiteral("notifyMissingPushButton")),
                          Qt::LeftButton);
        QVERIFY2(message->text().contains(QStringLiteral("One-time notice")), qPrintable(message->text()));

        // Refused with its basis.
        driver.identifyPerson();
        QVERIFY(driver.choose(QStringLiteral("MZ-JF-002"), QStringLiteral("MZ-JF-002")));
        test::intake::typeText(driver.child<QLineEdit>(QStringLiteral("refuseReasonLineEdit")),
                               QStringLiteral("申请事项不属于本机关职权范围"));
        test::intake::typeText(driver.child<QLineEdit>(QStringLiteral("refuseBasisLineEdit")),
                               QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第二项"));
        QTest::mouseClick(driver.child<QPushButton>(QStringLiteral("refusePushButton")), Qt::LeftButton);
        QVERIFY2(message->text().contains(QStringLiteral("Refusal recorded")), qPrintable(message->text()));
        page.reset();

        // created+accepted+routed, created+accepted+approved, created+notice, created+refused.
        QCOMPARE(storage::OutboxRepository(db).pendingCount(), 10);
        const sync::SyncSession syncSession {central.url(), result.session.token, result.session.deviceId,
                                             result.session.logPublicKey};
        const sync::SyncResult run = sync::SyncEngine::runOnce(db, syncSession);
        QVERIFY2(run.ok(), qPrintable(run.error));
        QCOMPARE(run.parked, 0);
        QCOMPARE(run.pushed, 10);
        QCOMPARE(run.uploadedAttachments, 1);
        QCOMPARE(storage::AttachmentRepository(db).upload(attached.constFirst().sha256)->state,
                 storage::UploadState::Uploaded);
        QCOMPARE(storage::OutboxRepository(db).pendingCount(), 0);
    }
    storage::Database::close(connection);
}

QTEST_MAIN(TestIntakeSync)
#include "tst_intake_sync.moc"
