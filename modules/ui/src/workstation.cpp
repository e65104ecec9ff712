// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/workstation.h"
#include "ow/ui/handoutpage.h"
#include "ow/ui/inboxpage.h"
#include "ow/ui/intakepage.h"
#include "ow/ui/logindialog.h"
#include "ow/ui/mainwindow.h"
#include "ow/ui/overviewpage.h"
#include "ow/ui/printqueuepage.h"
#include "ow/ui/queuepage.h"
#include "ow/ui/reviewpage.h"
#include "ow/ui/storeopener.h"
#include "ow/ui/syncpage.h"
#include "ow/ui/toolspage.h"
#include "ow/ui/tr.h"

#include <ow/storage/outboxrepository.h>
#include <ow/sync/signinservice.h>
#include <ow/sync/syncengine.h>
#include <ow/storage/store.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTime>
#include <QDir>
#include <QMessageBox>
#include <QStyle>
#include <QTimer>

#include <cstdio>

namespace ow::ui {

namespace {

// Since the workstation began to start (its Workstation object was made).
QElapsedTimer &launchClock()
{
    static QElapsedTimer timer;
    return timer;
}

// OW_REPORT_READY=1 makes the workstation print one line "ready: login <ms>" to
// stderr when the login dialog is first painted, <ms> counted from the
// Workstation object's creation, for tests/bench/intake (start to login window).
class ReadyReporter : public QObject
{
public:
    using QObject::QObject;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            std::fprintf(stderr, "ready: login %.1f\n", double(launchClock().nsecsElapsed()) / 1e6);
            std::fflush(stderr);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_reported = false;
};

} // namespace

Workstation::Workstation(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    launchClock().start();
}

Workstation::~Workstation()
{
    delete m_mainWindow;
}

MainWindow *Workstation::mainWindow() const
{
    return m_mainWindow.data();
}

bool Workstation::signIn()
{
    // The store comes first: it belongs to the workstation (its key is in the
    // OS user's keychain) and holds the cached credentials for offline sign-in.
    if (!m_store && !openStore())
        return false;
    if (!m_signIn)
        m_signIn = std::make_unique<sync::SignInService>(m_store->database());
    LoginDialog dialog;
    dialog.setSignInService(m_signIn.get());
    if (!m_options.userName.isEmpty())
        dialog.setUserName(m_options.userName);
    if (!m_options.serverUrl.isEmpty())
        dialog.setServerUrl(m_options.serverUrl);
    ReadyReporter readyReporter;
    if (qEnvironmentVariableIntValue("OW_REPORT_READY") == 1)
        dialog.installEventFilter(&readyReporter);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_options.serverUrl = dialog.serverUrl();
    m_options.userName = dialog.userName();
    const sync::UserSession &user = dialog.session();
    m_session = Session{user.user.displayName, dialog.serverUrl(), m_options.dataDir, user};
    openMainWindow(m_session);
    return true;
}

bool Workstation::openStore()
{
    StoreOpener::Result result = StoreOpener::openOrCreate(m_options.dataDir, m_options.recoveryPublicKeyFile);
    if (!result.store) {
        QMessageBox::critical(nullptr, Tr::tr("The local store cannot be opened"), result.error);
        return false;
    }
    m_store = std::move(result.store);
    if (!result.notices.isEmpty())
        QMessageBox::information(nullptr, Tr::tr("Local store"), result.notices.join(QStringLiteral("\n\n")));
    return true;
}

void Workstation::refreshPendingCount()
{
    if (m_mainWindow && m_store)
        m_mainWindow->setPendingSyncCount(int(storage::OutboxRepository(m_store->database()).pendingCount()));
}

sync::SyncSession Workstation::syncSession() const
{
    const sync::UserSession &user = m_session.user;
    return sync::SyncSession{user.serverUrl, user.token, user.deviceId, user.logPublicKey, user.user.officeCode};
}

void Workstation::startSync()
{
    m_syncEngine = new sync::SyncEngine(sync::storeDirectoryConnection(m_options.dataDir), {}, m_mainWindow);
    m_syncPage = new SyncPage(m_store->database(), m_syncEngine);
    m_mainWindow->addPage(QStringLiteral("sync"), QApplication::style()->standardIcon(QStyle::SP_BrowserReload),
                          Tr::tr("Sync"), m_syncPage);

    connect(m_syncEngine, &sync::SyncEngine::runStarted, m_mainWindow,
            [this] { m_mainWindow->setSyncStatus(Tr::tr("Syncing…")); });
    connect(m_syncEngine, &sync::SyncEngine::progress, m_mainWindow, [this](const sync::SyncProgress &progress) {
        m_mainWindow->setSyncStatus(Tr::tr("Syncing: %1 sent, %2 received").arg(progress.pushed).arg(progress.pulled));
    });
    connect(m_syncEngine, &sync::SyncEngine::runFinished, m_mainWindow, [this](const sync::SyncResult &result) {
        const QString time = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
        if (result.ok())
            m_mainWindow->setSyncStatus(Tr::tr("Synced at %1").arg(time));
        else
            m_mainWindow->setSyncStatus(Tr::tr("Sync failed at %1").arg(time), result.error);
        refreshPendingCount();
    });
    connect(m_syncEngine, &sync::SyncEngine::eventRejected, m_mainWindow,
            [this](const sync::SyncRejection &rejection) {
                const QString caseLabel = rejection.caseNumber.isEmpty() ? rejection.caseId : rejection.caseNumber;
                m_mainWindow->statusBar()->showMessage(
                    Tr::tr("The central server refused an event of case %1: %2").arg(caseLabel, rejection.reason),
                    30000);
            });
    connect(m_syncEngine, &sync::SyncEngine::stateChanged, m_mainWindow, [this](sync::SyncEngine::State state) {
        if (state == sync::SyncEngine::State::SignInRequired)
            m_syncPage->setSignInNeeded(true);
    });
    connect(m_syncEngine, &sync::SyncEngine::storeError, m_mainWindow, [this](const QString &message) {
        m_mainWindow->setSyncStatus(Tr::tr("Sync cannot open the local store"), message);
    });
    connect(m_syncPage, &SyncPage::parkedCountChanged, m_mainWindow, [this](int count) {
        m_mainWindow->setPageTitle(QStringLiteral("sync"),
                                   count > 0 ? Tr::tr("Sync (%n refused)", nullptr, count) : Tr::tr("Sync"));
    });
    connect(m_syncPage, &SyncPage::signInRequested, this, &Workstation::signInForSync);
    m_syncPage->refresh();

    if (m_session.user.isOnline()) {
        m_syncEngine->setSession(syncSession());
    } else {
        // Signed in offline: work is kept and shown as waiting until the user signs in online.
        m_syncPage->setSignInNeeded(true);
        m_mainWindow->setSyncStatus(Tr::tr("Offline sign-in: sign in again to sync"));
    }
    m_syncEngine->setConnectionMonitor(m_mainWindow->connectionMonitor());
    m_syncEngine->start();
}

void Workstation::signInForSync()
{
    if (!m_mainWindow || !m_signIn || m_signIn->isBusy())
        return;
    bool ok = false;
    const QString password = QInputDialog::getText(
        m_mainWindow, Tr::tr("Sign in to sync"),
        Tr::tr("Password of %1 for the central server %2:").arg(m_options.userName, m_options.serverUrl.toDisplayString()),
        QLineEdit::Password, QString(), &ok);
    if (!ok || password.isEmpty())
        return;
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_signIn.get(), &sync::SignInService::finished, this,
                          [this, connection](const sync::SignInService::Result &result) {
                              disconnect(*connection);
                              if (!m_mainWindow)
                                  return;
                              if (!result.ok || !result.session.isOnline()) {
                                  QMessageBox::warning(m_mainWindow, Tr::tr("Sign in to sync"),
                                                       result.ok ? Tr::tr("The central server cannot be reached; "
                                                                          "try again when the connection returns.")
                                                                 : result.error);
                                  return;
                              }
                              m_session.user = result.session;
                              m_syncEngine->setSession(syncSession());
                              m_syncPage->setSignInNeeded(false);
                              m_syncEngine->syncNow();
                          });
    m_signIn->signIn(m_options.serverUrl, m_options.userName, password);
}

void Workstation::openMainWindow(const Session &session)
{
    m_mainWindow = new MainWindow(session);
    m_mainWindow->setAttribute(Qt::WA_DeleteOnClose);
    auto *style = QApplication::style();
    auto *overview = new OverviewPage(session, m_mainWindow->connectionMonitor());
    overview->setStoreDescription(
        Tr::tr("%1 (encrypted; key in the keychain: %2)")
            .arg(QDir::toNativeSeparators(m_store->databasePath()), m_store->manifest().keychainBackend.toString()));
    m_mainWindow->addPage(QStringLiteral("overview"), style->standardIcon(QStyle::SP_ComputerIcon),
                          Tr::tr("Overview"), overview);
    // Read once: intake, hand-out and review describe cases from the same catalogue.
    const catalog::Catalog catalog = IntakePage::loadCatalog(m_store->database());
    if (session.user.user.hasRole(cases::Role::Clerk) || session.user.user.hasRole(cases::Role::Agent)) {
        auto *queue = new QueuePage(m_store->database(), session);
        m_mainWindow->addPage(QStringLiteral("queue"), style->standardIcon(QStyle::SP_MediaVolume),
                              Tr::tr("Queue"), queue);
        const IntakePage::Options intake {QDir(m_options.dataDir).filePath(QStringLiteral("notices")), {}, true};
        auto *intakePage
            = new IntakePage(m_store->database(), session, catalog, intake);
        // The case a service produced is kept with its ticket: the evaluation reaches the case too.
        connect(intakePage, &IntakePage::caseRecorded, queue,
                [queue](const QString &caseId) { queue->attachCase(caseId); });
        m_mainWindow->addPage(QStringLiteral("intake"), style->standardIcon(QStyle::SP_FileDialogNewFolder),
                              Tr::tr("Intake"), intakePage);
        HandoutPage::Options handout;
        handout.noticeDirectory = QDir(m_options.dataDir).filePath(QStringLiteral("notices"));
        m_mainWindow->addPage(QStringLiteral("handout"), style->standardIcon(QStyle::SP_DialogApplyButton),
                              Tr::tr("Hand-out"),
                              new HandoutPage(m_store->database(), session,
                                              catalog, handout));
        // 打证: certificates approved for this office, printed here (异地打证 too).
        m_mainWindow->addPage(QStringLiteral("print"), style->standardIcon(QStyle::SP_FileDialogContentsView),
                              Tr::tr("Print certificates"),
                              new PrintQueuePage(m_store->database(), session, catalog,
                                                 {QDir(m_options.dataDir).filePath(QStringLiteral("certificates"))}));
    }
    if (session.user.user.hasRole(cases::Role::Reviewer)) {
        // 后台分类审批: the department's inbox, and a case opened from it.
        auto *desk = new QStackedWidget;
        auto *inbox = new InboxPage(m_store->database(), session, core::WorkingCalendar::builtIn());
        auto *review = new ReviewPage(m_store->database(), session, core::WorkingCalendar::builtIn());
        review->setCatalog(catalog);
        review->setNoticeOptions(QDir(m_options.dataDir).filePath(QStringLiteral("notices")), true);
        desk->addWidget(inbox);
        desk->addWidget(review);
        connect(inbox, &InboxPage::caseOpened, desk, [desk, review](const QString &caseId) {
            if (review->showCase(caseId))
                desk->setCurrentWidget(review);
        });
        connect(review, &ReviewPage::backRequested, desk, [desk, inbox] {
            desk->setCurrentWidget(inbox);
            inbox->refresh();
        });
        m_mainWindow->addPage(QStringLiteral("inbox"), style->standardIcon(QStyle::SP_FileDialogListView),
                              Tr::tr("Inbox"), desk);
    }
    auto *tools = new ToolsPage(core::WorkingCalendar::builtIn());
    tools->setCertificateTools(m_store->database(), catalog, session.user.user.hasRole(cases::Role::Admin));
    m_mainWindow->addPage(QStringLiteral("tools"), style->standardIcon(QStyle::SP_FileDialogDetailedView),
                          Tr::tr("Desk tools"), tools);
    connect(m_mainWindow, &MainWindow::signOutRequested, this, &Workstation::signOut);
    // The outbox grows with every accepted event and shrinks as sync pushes; a short poll is cheap.
    auto *pendingTimer = new QTimer(m_mainWindow);
    connect(pendingTimer, &QTimer::timeout, this, &Workstation::refreshPendingCount);
    pendingTimer->start(5000);
    startSync();
    refreshPendingCount();
    m_mainWindow->show();
}

void Workstation::signOut()
{
    if (m_signIn)
        m_signIn->signOut(m_session.user);
    m_session = Session();
    // Leave the window's own signal handler before deleting it.
    QTimer::singleShot(0, this, [this] {
        if (m_mainWindow) {
            m_mainWindow->setAttribute(Qt::WA_DeleteOnClose, false);
            m_mainWindow->close();
            delete m_mainWindow;
        }
        if (!signIn())
            QApplication::quit();
    });
}

} // namespace ow::ui
