// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <QDialog>
#include <QUrl>

#include <memory>

class QPushButton;

namespace Ui {
class LoginDialog;
}

#include <ow/sync/signinservice.h>

namespace ow::sync {
class ConnectionMonitor;
}

namespace ow::ui {

// The first thing a clerk sees: user name, password and the central server.
// The server's reachability is shown while typing, because village offices
// often start the day offline and must know they will work from the cache.
class OW_UI_EXPORT LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(QWidget *parent = nullptr);
    ~LoginDialog() override;

    QString userName() const;
    // Handed to the session only; never stored or logged.
    QString password() const;
    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    void setUserName(const QString &userName);

    // With a sign-in service, "Sign in" checks the password with the server
    // (or, offline, the credential cache) and the dialog closes only on
    // success. Without one it only validates the fields.
    void setSignInService(sync::SignInService *service);
    // The signed-in user after the dialog was accepted through the service.
    const sync::UserSession &session() const { return m_session; }

    // Validates the fields; stays open with the reason shown when one is wrong.
    void accept() override;

private:
    void probeServer();
    void showServerState();
    QString validationError() const;
    void setBusy(bool busy);
    void finishSignIn(const sync::SignInService::Result &result);

    const std::unique_ptr<::Ui::LoginDialog> m_ui;
    QPushButton *m_signInButton;
    sync::ConnectionMonitor *m_monitor;
    sync::SignInService *m_signIn = nullptr;
    sync::UserSession m_session;
};

} // namespace ow::ui
