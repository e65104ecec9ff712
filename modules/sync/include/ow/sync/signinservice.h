// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"
#include "ow/sync/usersession.h"

#include <QObject>
#include <QSqlDatabase>

class QNetworkAccessManager;
class QNetworkReply;

namespace ow::sync {

// Signs a user in: against the central server when it answers (POST
// /session), and then remembers the server's Argon2id hash of the password in
// the local store, so that the same user can sign in on this workstation while
// the network is down. The server's refusal (wrong password, disabled account,
// too many attempts) is final; only an unreachable server falls back to the
// cache.
class OW_SYNC_EXPORT SignInService : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        bool ok = false;
        UserSession session;
        QString error; // translated, for the login dialog
        QString errorCode; // the server's code ("invalid_credentials", …) or a local one
    };

    // `store` is the workstation's open store (cached credentials, device id).
    explicit SignInService(const QSqlDatabase &store, QObject *parent = nullptr);
    ~SignInService() override;

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    bool isBusy() const { return m_reply != nullptr; }

    // Asynchronous; emits finished() once. A running attempt is abandoned.
    void signIn(const QUrl &serverUrl, const QString &userName, const QString &password);
    // Revokes the session's token on the server (best effort, does not wait).
    void signOut(const UserSession &session);

    // The store's device id (made on first use): every event and session names it.
    static QString deviceId(const QSqlDatabase &store);

signals:
    void finished(const ow::sync::SignInService::Result &result);

private:
    void onReply(QNetworkReply *reply);
    Result signInOffline(const QString &reasonOnline);
    void finish(const Result &result);
    void forgetPassword();

    QSqlDatabase m_store;
    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr;
    QUrl m_serverUrl;
    QString m_userName;
    QByteArray m_password; // wiped as soon as the attempt ends
    int m_timeoutMs = 10000;
};

} // namespace ow::sync

Q_DECLARE_METATYPE(ow::sync::SignInService::Result)
