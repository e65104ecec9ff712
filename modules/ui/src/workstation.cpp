// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/workstation.h"
#include "ow/ui/logindialog.h"
#include "ow/ui/mainwindow.h"
#include "ow/ui/overviewpage.h"
#include "ow/ui/storeopener.h"
#include "ow/ui/toolspage.h"
#include "ow/ui/tr.h"

#include <ow/storage/outboxrepository.h>
#include <ow/storage/store.h>

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QStyle>
#include <QTimer>

namespace ow::ui {

Workstation::Workstation(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

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
    LoginDialog dialog;
    if (!m_options.userName.isEmpty())
        dialog.setUserName(m_options.userName);
    if (!m_options.serverUrl.isEmpty())
        dialog.setServerUrl(m_options.serverUrl);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_options.serverUrl = dialog.serverUrl();
    m_options.userName = dialog.userName();
    if (!m_store && !openStore())
        return false;
    openMainWindow(Session{dialog.userName(), dialog.serverUrl(), m_options.dataDir});
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
        m_mainWindow->setPendingSyncCount(int(storage::OutboxRepository(m_store->database()).count()));
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
    m_mainWindow->addPage(QStringLiteral("tools"), style->standardIcon(QStyle::SP_FileDialogDetailedView),
                          Tr::tr("Desk tools"), new ToolsPage(core::WorkingCalendar::builtIn()));
    connect(m_mainWindow, &MainWindow::signOutRequested, this, &Workstation::signOut);
    // The outbox grows with every accepted event and shrinks as sync pushes; a short poll is cheap.
    auto *pendingTimer = new QTimer(m_mainWindow);
    connect(pendingTimer, &QTimer::timeout, this, &Workstation::refreshPendingCount);
    pendingTimer->start(5000);
    refreshPendingCount();
    m_mainWindow->show();
}

void Workstation::signOut()
{
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
