// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/server/server_export.h"
#include "ow/server/serverconfig.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ow::server {

namespace Internal {
class DirectoryPrivate;
}

struct OW_SERVER_EXPORT Office
{
    QString code; // e.g. "330102001"
    QString name;
    QString regionCode; // the administrative division code, e.g. "330102"
    QString parentCode; // empty at the top
    QString level;      // village, township, county or city
};

struct OW_SERVER_EXPORT OfficeDepartment
{
    QString code; // a catalogue department code, e.g. "MZ"
    QString name;
    QString officeCode;
};

struct OW_SERVER_EXPORT DirectoryUser
{
    QString id; // UUIDv7, assigned by addUser
    QString name;
    QString displayName;
    QString officeCode;
    QStringList roles;       // clerk, reviewer, agent, supervisor, admin
    QStringList departments; // catalogue department codes the user reviews for
    bool disabled = false;
    QDateTime createdAt;
};

// The server's directory of offices, departments and users, in the server's
// own database (the embedded store in the data directory, or PostgreSQL), for
// onewindow-admin and tests. Opening migrates the schema the same way
// onewindow-central does at start. Every change is one transaction; a refused
// change leaves the database as it was. Errors are one translated line.
class OW_SERVER_EXPORT Directory
{
public:
    Directory();
    ~Directory();
    Directory(const Directory &) = delete;
    Directory &operator=(const Directory &) = delete;

    enum class OpenMode { CreateIfMissing, OpenExisting };
    // `config` needs dataDir (embedded store) or databaseUrl (PostgreSQL).
    // OpenExisting refuses a data directory without a store (a mistyped path
    // must not silently give an empty directory).
    bool open(const ServerConfig &config, QString *error, OpenMode mode = OpenMode::CreateIfMissing);

    static QStringList officeLevels();
    // Empty when `password` is acceptable; else what is wrong with it.
    static QString passwordProblem(const QString &password);

    bool addOffice(const Office &office, QString *error);
    bool addDepartment(const OfficeDepartment &department, QString *error);
    // Hashes `password` with Argon2id; `user.id` is ignored and assigned.
    bool addUser(const DirectoryUser &user, const QString &password, QString *error);
    bool setUserDisabled(const QString &name, bool disabled, QString *error);
    // Sets a new password and signs the user out everywhere (revokes their tokens).
    bool resetPassword(const QString &name, const QString &password, QString *error);
    std::optional<QList<DirectoryUser>> users(QString *error);
    std::optional<QList<Office>> offices(QString *error);

    enum class CatalogImport { Imported, AlreadyPresent, Conflict, Failed };
    // Keeps a validated catalogue document for GET /catalog. A version already
    // held with other content is a Conflict (a published version never changes).
    CatalogImport importCatalog(const QString &version, const QString &sha256, const QByteArray &document,
                                QString *error);

private:
    std::unique_ptr<Internal::DirectoryPrivate> d;
};

} // namespace ow::server
