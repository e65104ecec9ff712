// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/workstation.h"
#include "ow/ui/logindialog.h"
#include "ow/ui/mainwindow.h"
#include "ow/ui/overviewpage.h"
#include "ow/ui/toolspage.h"
#include "ow/ui/tr.h"

#include <QApplication>
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
    openMainWindow(Session{dialog.userName(), dialog.serverUrl(), m_options.dataDir});
    return true;
}

void Workstation::openMainWindow(const Session &session)
{
    m_mainWindow = new MainWindow(session);
    m_mainWindow->setAttribute(Qt::WA_DeleteOnClose);
    auto *style = QApplication::style();
    m_mainWindow->addPage(QStringLiteral("overview"), style->standardIcon(QStyle::SP_ComputerIcon),
                          Tr::tr("Overview"), new OverviewPage(session, m_mainWindow->connectionMonitor()));
    m_mainWindow->addPage(QStringLiteral("tools"), style->standardIcon(QStyle::SP_FileDialogDetailedView),
                          Tr::tr("Desk tools"), new ToolsPage(core::WorkingCalendar::builtIn()));
    connect(m_mainWindow, &MainWindow::signOutRequested, this, &Workstation::signOut);
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
