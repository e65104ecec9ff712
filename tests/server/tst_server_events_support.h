// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// What the event-log, blob and concurrency tests share: a server database
// (embedded store or a fresh PostgreSQL database) seeded with offices and
// users through the server's Directory, real server processes, HTTP with
// headers, and sealed per-device event chains.
#pragma once

#include <ow/cases/event.h>
#include <ow/server/serverconfig.h>
#include <ow/test/centralprocess.h>
#include <ow/test/tempdatadir.h>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QUrl>

#include <memory>

namespace ow::test::log {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QString errorCode() const;
};

Reply request(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
              const QByteArray &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {},
              const QByteArray &contentType = QByteArrayLiteral("application/json"));

// The offices of the tests: two townships (A, B) and the county (C) that
// hosts the departments cases are routed to.
inline const QString kOfficeA = QStringLiteral("330102001");
inline const QString kOfficeB = QStringLiteral("330102002");
inline const QString kCounty = QStringLiteral("330102000");
inline const QString kPassword = QStringLiteral("Shiyan-2026!");

struct SignedIn
{
    QByteArray token;
    QString userId;
    QString officeCode;
    QString deviceId;
};

// One device's hash chain: seals each new event onto the previous one.
class Device
{
public:
    explicit Device(const SignedIn &user, cases::Role role = cases::Role::Clerk);
    cases::Event record(const QString &caseId, cases::EventType type, const QJsonObject &payload = {});
    QString id() const { return m_user.deviceId; }
    const SignedIn &user() const { return m_user; }
    void setRole(cases::Role role) { m_role = role; }
    // Forget the last event (it was refused before reaching the server's chain).
    void rewind(const QString &hash) { m_lastHash = hash; }
    QString lastHash() const { return m_lastHash; }

private:
    SignedIn m_user;
    cases::Role m_role;
    QString m_lastHash;
};

// Payloads of a one-item case: "MZ-001" (民政, reviewed at the county).
QJsonObject createdPayload(const QJsonArray &attachments = {});
QJsonObject routedPayload();
QByteArray pushBody(const QString &deviceId, const QList<cases::Event> &events);

class Bed
{
public:
    Bed();
    ~Bed();

    // A fresh database for `postgres` (embedded store otherwise), seeded with
    // the offices, departments and users: clerk-a, clerk-a2, clerk-b (clerk, agent),
    // reviewer-c (reviewer for MZ at the county), reviewer-x (SCJG), supervisor-a, admin-c.
    bool prepare(bool postgres);
    bool startServer(const QStringList &extra = {});
    // A second server process on the same database and data directory.
    bool startSecondServer();
    CentralProcess &server() { return *m_server; }
    CentralProcess &secondServer() { return *m_second; }
    QUrl api(const QString &path, int which = 0) const;
    SignedIn signIn(const QString &user, int which = 0);
    // A connection of the test's own to the server's database (for looking behind the API).
    QSqlDatabase database();
    QString dataDir() const { return m_dir->path(); }
    bool isPostgres() const { return !m_config.databaseUrl.isEmpty(); }
    // The server database as onewindow-admin and server::Directory take it.
    const server::ServerConfig &config() const { return m_config; }

private:
    bool seed();
    QStringList arguments() const;

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CentralProcess> m_server;
    std::unique_ptr<CentralProcess> m_second;
    server::ServerConfig m_config;
    QString m_connection;
};

// Backends as data rows: "embedded" and "postgresql".
void addBackendRows();

} // namespace ow::test::log
