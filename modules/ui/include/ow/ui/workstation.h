// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace ow::storage {
class Store;
}

namespace ow::sync {
class SignInService;
class SyncEngine;
struct SyncSession;
}

namespace ow::ui {

class MainWindow;
class SyncPage;

// The workstation's life cycle: sign in, the main window with its pages, sign
// out back to the login dialog.
class OW_UI_EXPORT Workstation : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl serverUrl;
        QString dataDir;
        QString userName; // pre-filled in the login dialog
        QString recoveryPublicKeyFile; // for a store made on first use; empty: the centre's default
    };

    explicit Workstation(Options options, QObject *parent = nullptr);
    ~Workstation() override;

    // Shows the login dialog; returns false if the user cancelled it.
    bool signIn();
    MainWindow *mainWindow() const;

private:
    bool openStore();
    void openMainWindow(const Session &session);
    void refreshPendingCount();
    void startSync();
    void signInForSync();
    sync::SyncSession syncSession() const;
    void signOut();

    Options m_options;
    std::unique_ptr<storage::Store> m_store;
    std::unique_ptr<sync::SignInService> m_signIn;
    Session m_session;
    QPointer<MainWindow> m_mainWindow;
    // Both belong to the main window and go with it.
    QPointer<sync::SyncEngine> m_syncEngine;
    QPointer<SyncPage> m_syncPage;
};

} // namespace ow::ui
