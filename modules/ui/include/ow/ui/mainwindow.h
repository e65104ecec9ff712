// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <QMainWindow>

#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace ow::sync {
class ConnectionMonitor;
}

namespace ow::ui {

// The workstation's main window: a navigation on the left with one entry per
// page that exists, the page on the right, and a status bar that always shows
// whether the office is online and how much work waits to be synced.
class OW_UI_EXPORT MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const Session &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page to the navigation; `id` is stable and used to find it again.
    void addPage(const QString &id, const QIcon &icon, const QString &title, QWidget *page);
    void showPage(const QString &id);
    // Renames a page in the navigation (e.g. to show a count).
    void setPageTitle(const QString &id, const QString &title);
    // What sync is doing now, or how its last run ended; `detail` is the tooltip.
    void setSyncStatus(const QString &text, const QString &detail = QString());
    QString currentPageId() const;

    void setPendingSyncCount(int count);
    sync::ConnectionMonitor *connectionMonitor() const { return m_monitor; }
    const Session &session() const { return m_session; }

    static QString settingsGroup() { return QStringLiteral("mainWindow"); }

signals:
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupStatusBar();
    void restoreWindowState();
    void saveWindowState();
    void updateConnectionState();
    void showAbout();

    const std::unique_ptr<::Ui::MainWindow> m_ui;
    Session m_session;
    sync::ConnectionMonitor *m_monitor;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_pendingLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QLabel *m_operatorLabel = nullptr;
};

} // namespace ow::ui
