// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/server/directory.h"
#include "ow/server/tr.h"

#include "authstore.h"
#include "password.h"
#include "serverdatabase.h"
#include "serverschema.h"

#include <ow/cases/event.h>
#include <ow/core/uuid.h>

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server {

namespace Internal {

class DirectoryPrivate
{
public:
    ServerDatabase database;
    bool opened = false;

    QSqlDatabase db() const { return database.database(); }
    // Runs `work` in one transaction; rolls back when it returns false.
    template<typename Work>
    bool inTransaction(QString *error, Work work)
    {
        QSqlDatabase connection = db();
        if (!connection.transaction()) {
            *error = Tr::tr("The server database is not available: %1").arg(connection.lastError().text());
            return false;
        }
        if (!work()) {
            connection.rollback();
            return false;
        }
        if (!connection.commit()) {
            *error = Tr::tr("The server database is not available: %1").arg(connection.lastError().text());
            connection.rollback();
            return false;
        }
        return true;
    }
    bool exists(const QString &sql, const QVariantList &values, bool *found, QString *error)
    {
        QSqlQuery query(db());
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec()) {
            *error = queryError(query);
            return false;
        }
        *found = query.next();
        return true;
    }
    static QString queryError(const QSqlQuery &query)
    {
        return Tr::tr("The server database refused the change: %1").arg(query.lastError().text());
    }
    bool exec(QSqlQuery &query, QString *error)
    {
        if (query.exec())
            return true;
        *error = queryError(query);
        return false;
    }
};

} // namespace Internal

namespace {

bool validCode(const QString &code)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return pattern.match(code).hasMatch();
}

bool validUserName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{1,63}$"));
    return pattern.match(name).hasMatch();
}

} // namespace

Directory::Directory()
    : d(std::make_unique<Internal::DirectoryPrivate>())
{}

Directory::~Directory() = default;

bool Directory::open(const ServerConfig &config, QString *error, OpenMode mode)
{
    if (!d->database.open(config, error, mode == OpenMode::CreateIfMissing))
        return false;
    QSqlDatabase db = d->db();
    if (!Internal::migrateComponent(db, d->database.dialect(), QStringLiteral("auth"), Internal::authMigrations(),
                                    error))
        return false;
    d->opened = true;
    return true;
}

QStringList Directory::officeLevels()
{
    return {QStringLiteral("village"), QStringLiteral("township"), QStringLiteral("county"), QStringLiteral("city")};
}

QString Directory::passwordProblem(const QString &password)
{
    if (password.size() < 10)
        return Tr::tr("The password must be at least 10 characters long.");
    if (password.size() > 256)
        return Tr::tr("The password must be at most 256 characters long.");
    bool letter = false;
    bool digit = false;
    bool other = false;
    for (const QChar c : password) {
        if (c.isLetter())
            letter = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    if (int(letter) + int(digit) + int(other) < 2)
        return Tr::tr("The password must mix at least two of: letters, digits, other characters.");
    return {};
}

bool Directory::addOffice(const Office &office, QString *error)
{
    if (!validCode(office.code)) {
        *error = Tr::tr("Office code \"%1\" is not valid (letters, digits, - and _, at most 32).").arg(office.code);
        return false;
    }
    if (office.name.trimmed().isEmpty()) {
        *error = Tr::tr("The office needs a name.");
        return false;
    }
    if (!officeLevels().contains(office.level)) {
        *error = Tr::tr("Level \"%1\" is not one of %2.").arg(office.level, officeLevels().join(QStringLiteral(", ")));
        return false;
    }
    return d->inTransaction(error, [&] {
        bool found = false;
        if (!d->exists(QStringLiteral("SELECT 1 FROM offices WHERE code = ?"), {office.code}, &found, error))
            return false;
        if (found) {
            *error = Tr::tr("Office %1 already exists.").arg(office.code);
            return false;
        }
        if (!office.parentCode.isEmpty()) {
            if (!d->exists(QStringLiteral("SELECT 1 FROM offices WHERE code = ?"), {office.parentCode}, &found,
                           error))
                return false;
            if (!found) {
                *error = Tr::tr("The parent office %1 does not exist; add it first.").arg(office.parentCode);
                return false;
            }
        }
        QSqlQuery query(d->db());
        query.prepare(QStringLiteral("INSERT INTO offices (code, name, region_code, parent_code, level)"
                                     " VALUES (?, ?, ?, ?, ?)"));
        query.addBindValue(office.code);
        query.addBindValue(office.name.trimmed());
        query.addBindValue(office.regionCode.isEmpty() ? office.code.left(6) : office.regionCode);
        query.addBindValue(office.parentCode.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                       : QVariant(office.parentCode));
        query.addBindValue(office.level);
        return d->exec(query, error);
    });
}

bool Directory::addDepartment(const OfficeDepartment &department, QString *error)
{
    if (!validCode(department.code)) {
        *error = Tr::tr("Department code \"%1\" is not valid (letters, digits, - and _, at most 32).")
                     .arg(department.code);
        return false;
    }
    if (department.name.trimmed().isEmpty()) {
        *error = Tr::tr("The department needs a name.");
        return false;
    }
    return d->inTransaction(error, [&] {
        bool found = false;
        if (!d->exists(QStringLiteral("SELECT 1 FROM offices WHERE code = ?"), {department.officeCode}, &found,
                       error))
            return false;
        if (!found) {
            *error = Tr::tr("Office %1 does not exist; add it first.").arg(department.officeCode);
            return false;
        }
        if (!d->exists(QStringLiteral("SELECT 1 FROM departments WHERE office_code = ? AND code = ?"),
                       {department.officeCode, department.code}, &found, error))
            return false;
        if (found) {
            *error = Tr::tr("Office %1 already hosts department %2.").arg(department.officeCode, department.code);
            return false;
        }
        QSqlQuery query(d->db());
        query.prepare(QStringLiteral("INSERT INTO departments (code, name, office_code) VALUES (?, ?, ?)"));
        query.addBindValue(department.code);
        query.addBindValue(department.name.trimmed());
        query.addBindValue(department.officeCode);
        return d->exec(query, error);
    });
}

bool Directory::addUser(const DirectoryUser &user, const QString &password, QString *error)
{
    if (!validUserName(user.name)) {
        *error = Tr::tr("User name \"%1\" is not valid: 2–64 lower-case letters, digits, '.', '_' or '-', "
                        "starting with a letter or digit.")
                     .arg(user.name);
        return false;
    }
    if (user.roles.isEmpty()) {
        *error = Tr::tr("The user needs at least one role.");
        return false;
    }
    for (const QString &role : user.roles) {
        if (!cases::roleFromName(role)) {
            QStringList names;
            for (const cases::Role known : cases::allRoles())
                names.append(cases::roleName(known));
            *error = Tr::tr("Role \"%1\" is not one of %2.").arg(role, names.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (const QString problem = passwordProblem(password); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    const QString hash = Internal::Password::hash(password, error);
    if (hash.isEmpty())
        return false;
    return d->inTransaction(error, [&] {
        bool found = false;
        if (!d->exists(QStringLiteral("SELECT 1 FROM offices WHERE code = ?"), {user.officeCode}, &found, error))
            return false;
        if (!found) {
            *error = Tr::tr("Office %1 does not exist; add it first.").arg(user.officeCode);
            return false;
        }
        for (const QString &department : user.departments) {
            if (!d->exists(QStringLiteral("SELECT 1 FROM departments WHERE office_code = ? AND code = ?"),
                           {user.officeCode, department}, &found, error))
                return false;
            if (!found) {
                *error = Tr::tr("Office %1 does not host department %2.").arg(user.officeCode, department);
                return false;
            }
        }
        if (!d->exists(QStringLiteral("SELECT 1 FROM users WHERE name = ?"), {user.name}, &found, error))
            return false;
        if (found) {
            *error = Tr::tr("User %1 already exists.").arg(user.name);
            return false;
        }
        const QString id = core::Uuid::toString(core::Uuid::createV7());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery query(d->db());
        query.prepare(QStringLiteral("INSERT INTO users (id, name, display_name, office_code, password_hash,"
                                     " disabled, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)"));
        query.addBindValue(id);
        query.addBindValue(user.name);
        query.addBindValue(user.displayName.trimmed().isEmpty() ? user.name : user.displayName.trimmed());
        query.addBindValue(user.officeCode);
        query.addBindValue(hash);
        query.addBindValue(now);
        query.addBindValue(now);
        if (!d->exec(query, error))
            return false;
        QStringList roles = user.roles;
        roles.removeDuplicates();
        for (const QString &role : roles) {
            query.prepare(QStringLiteral("INSERT INTO user_roles (user_id, role) VALUES (?, ?)"));
            query.addBindValue(id);
            query.addBindValue(role);
            if (!d->exec(query, error))
                return false;
        }
        QStringList departments = user.departments;
        departments.removeDuplicates();
        for (const QString &department : departments) {
            query.prepare(QStringLiteral("INSERT INTO user_departments (user_id, department_code) VALUES (?, ?)"));
            query.addBindValue(id);
            query.addBindValue(department);
            if (!d->exec(query, error))
                return false;
        }
        return true;
    });
}

bool Directory::setUserDisabled(const QString &name, bool disabled, QString *error)
{
    return d->inTransaction(error, [&] {
        QSqlQuery query(d->db());
        query.prepare(QStringLiteral("UPDATE users SET disabled = ? WHERE name = ?"));
        query.addBindValue(disabled ? 1 : 0);
        query.addBindValue(name);
        if (!d->exec(query, error))
            return false;
        if (query.numRowsAffected() != 1) {
            *error = Tr::tr("No user is named %1.").arg(name);
            return false;
        }
        return true;
    });
}

bool Directory::resetPassword(const QString &name, const QString &password, QString *error)
{
    if (const QString problem = passwordProblem(password); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    const QString hash = Internal::Password::hash(password, error);
    if (hash.isEmpty())
        return false;
    return d->inTransaction(error, [&] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery query(d->db());
        query.prepare(QStringLiteral("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?"));
        query.addBindValue(hash);
        query.addBindValue(now);
        query.addBindValue(name);
        if (!d->exec(query, error))
            return false;
        if (query.numRowsAffected() != 1) {
            *error = Tr::tr("No user is named %1.").arg(name);
            return false;
        }
        query.prepare(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND user_id ="
                                     " (SELECT id FROM users WHERE name = ?)"));
        query.addBindValue(now);
        query.addBindValue(name);
        return d->exec(query, error);
    });
}

std::optional<QList<DirectoryUser>> Directory::users(QString *error)
{
    QSqlQuery query(d->db());
    if (!query.exec(QStringLiteral("SELECT id, name, display_name, office_code, disabled, created_at FROM users"
                                   " ORDER BY name"))) {
        *error = Internal::DirectoryPrivate::queryError(query);
        return std::nullopt;
    }
    QList<DirectoryUser> result;
    while (query.next()) {
        DirectoryUser user;
        user.id = query.value(0).toString();
        user.name = query.value(1).toString();
        user.displayName = query.value(2).toString();
        user.officeCode = query.value(3).toString();
        user.disabled = query.value(4).toLongLong() != 0;
        user.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(5).toLongLong(), Qt::UTC);
        result.append(user);
    }
    QSqlDatabase db = d->db();
    for (DirectoryUser &user : result) {
        const auto principal = Internal::loadPrincipal(db, user.id, error);
        if (!principal)
            return std::nullopt;
        for (const cases::Role role : principal->roles)
            user.roles.append(cases::roleName(role));
        user.departments = principal->departments;
    }
    return result;
}

std::optional<QList<Office>> Directory::offices(QString *error)
{
    QSqlQuery query(d->db());
    if (!query.exec(QStringLiteral("SELECT code, name, region_code, parent_code, level FROM offices ORDER BY code"))) {
        *error = Internal::DirectoryPrivate::queryError(query);
        return std::nullopt;
    }
    QList<Office> result;
    while (query.next())
        result.append(Office{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                             query.value(3).toString(), query.value(4).toString()});
    return result;
}

Directory::CatalogImport Directory::importCatalog(const QString &version, const QString &sha256,
                                                  const QByteArray &document, QString *error)
{
    CatalogImport outcome = CatalogImport::Failed;
    const bool ok = d->inTransaction(error, [&] {
        QSqlQuery query(d->db());
        query.prepare(QStringLiteral("SELECT sha256 FROM catalog_versions WHERE version = ?"));
        query.addBindValue(version);
        if (!d->exec(query, error))
            return false;
        if (query.next()) {
            if (query.value(0).toString() == sha256) {
                outcome = CatalogImport::AlreadyPresent;
                return true;
            }
            outcome = CatalogImport::Conflict;
            *error = Tr::tr("The server already holds a different catalogue with version %1; a published "
                            "version never changes, so give the new catalogue a new version.")
                         .arg(version);
            return false;
        }
        if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM catalog_versions")) || !query.next()) {
            *error = Internal::DirectoryPrivate::queryError(query);
            return false;
        }
        const qint64 seq = query.value(0).toLongLong();
        query.prepare(QStringLiteral("INSERT INTO catalog_versions (version, seq, sha256, document, imported_at)"
                                     " VALUES (?, ?, ?, ?, ?)"));
        query.addBindValue(version);
        query.addBindValue(seq);
        query.addBindValue(sha256);
        query.addBindValue(QString::fromUtf8(document));
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!d->exec(query, error))
            return false;
        outcome = CatalogImport::Imported;
        return true;
    });
    if (!ok && outcome != CatalogImport::Conflict)
        return CatalogImport::Failed;
    return outcome;
}

} // namespace ow::server
