// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/logindialog.h"
#include "ow/ui/tr.h"

#include "ui_logindialog.h"

#include <ow/sync/connectionmonitor.h>

#include <QPushButton>
#include <QSettings>

namespace ow::ui {

namespace {
const char kLastUserKey[] = "login/lastUser";
const char kServerKey[] = "login/server";
} // namespace

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::LoginDialog>())
    , m_monitor(new sync::ConnectionMonitor(this))
{
    m_ui->setupUi(this);
    m_signInButton = m_ui->buttonBox->addButton(Tr::tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInPushButton"));
    m_signInButton->setDefault(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &LoginDialog::reject);

    const QSettings settings;
    m_ui->userNameLineEdit->setText(settings.value(QLatin1String(kLastUserKey)).toString());
    m_ui->serverLineEdit->setText(settings.value(QLatin1String(kServerKey)).toString());

    connect(m_ui->serverLineEdit, &QLineEdit::editingFinished, this, &LoginDialog::probeServer);
    connect(m_monitor, &sync::ConnectionMonitor::probed, this, &LoginDialog::showServerState);
    // A clerk types the name first thing in the morning; the password next if the name is remembered.
    if (m_ui->userNameLineEdit->text().isEmpty())
        m_ui->userNameLineEdit->setFocus();
    else
        m_ui->passwordLineEdit->setFocus();
}

LoginDialog::~LoginDialog() = default;

QString LoginDialog::userName() const
{
    return m_ui->userNameLineEdit->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_ui->passwordLineEdit->text();
}

QUrl LoginDialog::serverUrl() const
{
    return QUrl::fromUserInput(m_ui->serverLineEdit->text().trimmed());
}

void LoginDialog::setServerUrl(const QUrl &url)
{
    m_ui->serverLineEdit->setText(url.toString());
    probeServer();
}

void LoginDialog::setUserName(const QString &userName)
{
    m_ui->userNameLineEdit->setText(userName);
    if (!userName.isEmpty())
        m_ui->passwordLineEdit->setFocus();
}

void LoginDialog::probeServer()
{
    if (m_ui->serverLineEdit->text().trimmed().isEmpty()) {
        m_ui->serverStatusLabel->clear();
        return;
    }
    m_ui->serverStatusLabel->setText(Tr::tr("Checking the central server…"));
    m_monitor->setServerUrl(serverUrl());
    m_monitor->probe();
}

void LoginDialog::showServerState()
{
    const auto state = m_monitor->state();
    QString text = Tr::tr("%1: %2").arg(sync::ConnectionMonitor::stateText(state), m_monitor->detail());
    if (state != sync::ConnectionMonitor::State::Online)
        text += QLatin1Char(' ') + Tr::tr("You can still sign in and work offline; your work is synced "
                                          "when the connection returns.");
    m_ui->serverStatusLabel->setText(text);
}

QString LoginDialog::validationError() const
{
    if (userName().isEmpty())
        return Tr::tr("Enter your user name.");
    if (password().isEmpty())
        return Tr::tr("Enter your password.");
    const QString server = m_ui->serverLineEdit->text().trimmed();
    if (server.isEmpty())
        return Tr::tr("Enter the address of the central server, for example http://127.0.0.1:8470.");
    const QUrl url = serverUrl();
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return Tr::tr("\"%1\" is not a server address; use the form http://host:port.").arg(server);
    return {};
}

void LoginDialog::setSignInService(sync::SignInService *service)
{
    if (m_signIn)
        m_signIn->disconnect(this);
    m_signIn = service;
    if (m_signIn)
        connect(m_signIn, &sync::SignInService::finished, this, &LoginDialog::finishSignIn);
}

void LoginDialog::setBusy(bool busy)
{
    m_ui->userNameLineEdit->setEnabled(!busy);
    m_ui->passwordLineEdit->setEnabled(!busy);
    m_ui->serverLineEdit->setEnabled(!busy);
    m_signInButton->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void LoginDialog::finishSignIn(const sync::SignInService::Result &result)
{
    setBusy(false);
    if (!result.ok) {
        m_ui->errorLabel->setText(result.error);
        m_ui->passwordLineEdit->setFocus();
        m_ui->passwordLineEdit->selectAll();
        return;
    }
    m_session = result.session;
    m_ui->errorLabel->clear();
    QDialog::accept();
}

void LoginDialog::accept()
{
    if (m_signIn && m_signIn->isBusy())
        return;
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_ui->errorLabel->setText(error);
        if (userName().isEmpty())
            m_ui->userNameLineEdit->setFocus();
        else if (password().isEmpty())
            m_ui->passwordLineEdit->setFocus();
        else
            m_ui->serverLineEdit->setFocus();
        return;
    }
    m_ui->errorLabel->clear();
    QSettings settings;
    settings.setValue(QLatin1String(kLastUserKey), userName());
    settings.setValue(QLatin1String(kServerKey), serverUrl().toString());
    if (!m_signIn) {
        QDialog::accept();
        return;
    }
    m_ui->errorLabel->setText(Tr::tr("Signing in…"));
    setBusy(true);
    m_signIn->signIn(serverUrl(), userName(), password());
}

} // namespace ow::ui
