// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// A village agent signs in the way they do each morning: online against the
// county's server the first time, then offline on a day the link is down.

#include <ow/server/directory.h>
#include <ow/storage/recoverykey.h>
#include <ow/test/centralprocess.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/logindialog.h>
#include <ow/ui/mainwindow.h>
#include <ow/ui/syncpage.h>
#include <ow/ui/workstation.h>

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace ow;
using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"Cun-2026-banshi"_s;

// Answers the modal dialogs the workstation opens: the first-start notice
// about the new store, and the login dialog (typing `password`, as a clerk would).
class ModalDriver : public QObject
{
public:
    explicit ModalDriver(QString password)
        : m_password(std::move(password))
    {
        connect(&m_timer, &QTimer::timeout, this, &ModalDriver::poll);
        m_timer.start(50);
    }

    QStringList loginErrors;
    int signInClicks = 0;

    void setPassword(const QString &password) { m_password = password; }

private:
    void poll()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            box->accept();
            return;
        }
        auto *login = qobject_cast<ui::LoginDialog *>(modal);
        if (!login)
            return;
        auto *password = login->findChild<QLineEdit *>(u"passwordLineEdit"_s);
        auto *error = login->findChild<QLabel *>(u"errorLabel"_s);
        auto *signIn = login->findChild<QPushButton *>(u"signInPushButton"_s);
        if (!signIn->isEnabled())
            return; // signing in
        if (!error->text().isEmpty() && !loginErrors.contains(error->text()))
            loginErrors.append(error->text());
        if (password->text() == m_password)
            return;
        password->selectAll();
        QTest::keyClicks(password, m_password);
        ++signInClicks;
        QTest::mouseClick(signIn, Qt::LeftButton);
    }

    QString m_password;
    QTimer m_timer;
};

} // namespace

class TestWorkstation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signsInOnlineThenOfflineWithTheCachedCredential();

private:
    test::TempDataDir m_dir;
    QString m_recoveryKey;
};

void TestWorkstation::initTestCase()
{
    OW_REQUIRE_KEYRING();
    QSettings().clear();
    storage::RecoveryKeyPair pair;
    QString error;
    QVERIFY2(storage::generateRecoveryKeyPair(storage::RecoveryKeyType::Sm2, &pair, &error), qPrintable(error));
    m_recoveryKey = m_dir.filePath(u"recovery.pub"_s);
    QFile file(m_recoveryKey);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(pair.publicKeyPem) > 0);
}

void TestWorkstation::signsInOnlineThenOfflineWithTheCachedCredential()
{
    const QString serverDir = m_dir.filePath(u"central"_s);
    {
        server::ServerConfig config;
        config.dataDir = serverDir;
        server::Directory directory;
        QString error;
        QVERIFY2(directory.open(config, &error), qPrintable(error));
        QVERIFY2(directory.addOffice({u"330102001001"_s, u"示范村便民服务点"_s, u"330102"_s, QString(), u"village"_s},
                                     &error),
                 qPrintable(error));
        server::DirectoryUser agent;
        agent.name = u"agent01"_s;
        agent.displayName = u"王小丽"_s;
        agent.officeCode = u"330102001001"_s;
        agent.roles = {u"agent"_s};
        QVERIFY2(directory.addUser(agent, kPassword, &error), qPrintable(error));
    }
    test::CentralProcess central;
    QVERIFY2(central.start(serverDir), qPrintable(central.error()));

    const QString dataDir = m_dir.filePath(u"workstation"_s);
    const ui::Workstation::Options options{central.url(), dataDir, u"agent01"_s, m_recoveryKey};

    // Online: the server checks the password and the workstation caches its hash.
    {
        ui::Workstation workstation(options);
        ModalDriver driver(u"wrong-password-1"_s);
        QTimer::singleShot(2000, &driver, [&driver] { driver.setPassword(kPassword); });
        QVERIFY(workstation.signIn());
        QVERIFY2(!driver.loginErrors.isEmpty(), "a wrong password is refused first");
        ui::MainWindow *window = workstation.mainWindow();
        QVERIFY(window);
        QVERIFY2(window->windowTitle().contains(u"王小丽"_s), qPrintable(window->windowTitle()));
        auto *operatorLabel = window->findChild<QLabel *>(u"operatorStatusLabel"_s);
        QVERIFY(operatorLabel->text().contains(u"示范村便民服务点"_s));
        QVERIFY(operatorLabel->toolTip().isEmpty()); // not an offline sign-in
        auto *syncPage = window->findChild<ui::SyncPage *>();
        QVERIFY(syncPage);
        QVERIFY(!syncPage->findChild<QPushButton *>(u"signInPushButton"_s)->isVisibleTo(syncPage));
        // Sync starts on its own after an online sign-in and says when it finished.
        auto *syncLabel = window->findChild<QLabel *>(u"syncStatusLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(syncLabel->text().startsWith(u"Synced at"_s), 20000);
        auto *history = syncPage->findChild<QTableView *>(u"historyTableView"_s);
        QTRY_COMPARE(history->model()->rowCount(), 1);
        QCOMPARE(history->model()->index(0, 6).data().toString(), u"Succeeded"_s);
    }

    // The link is down: the same password works from the cache, a wrong one does not.
    central.stop();
    {
        ui::Workstation workstation(options);
        ModalDriver driver(u"wrong-password-2"_s);
        QTimer::singleShot(2000, &driver, [&driver] { driver.setPassword(kPassword); });
        QVERIFY(workstation.signIn());
        QVERIFY2(driver.loginErrors.join(u'\n').contains(u"Wrong user name or password"_s),
                 qPrintable(driver.loginErrors.join(u'\n')));
        ui::MainWindow *window = workstation.mainWindow();
        QVERIFY(window);
        QVERIFY(window->windowTitle().contains(u"王小丽"_s));
        auto *operatorLabel = window->findChild<QLabel *>(u"operatorStatusLabel"_s);
        QVERIFY2(operatorLabel->toolTip().contains(u"offline"_s), qPrintable(operatorLabel->toolTip()));
        auto *syncPage = window->findChild<ui::SyncPage *>();
        QVERIFY(syncPage);
        QVERIFY(syncPage->findChild<QPushButton *>(u"signInPushButton"_s)->isVisibleTo(syncPage));
    }
}

QTEST_MAIN(TestWorkstation)
#include "tst_workstation.moc"
