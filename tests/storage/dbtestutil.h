// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/database.h"
#include "ow/storage/migrations.h"
#include "ow/storage/records.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QUuid>

// Helpers shared by the database tests (driver, files, migrations, repositories, crash).
namespace ow::test::db {

inline QByteArray randomKey()
{
    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    return key;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every file of a directory with its bytes: equal snapshots mean "untouched".
inline QMap<QString, QByteArray> snapshot(const QString &directory)
{
    QMap<QString, QByteArray> files;
    const QDir dir(directory);
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : names)
        files.insert(name, readFile(dir.filePath(name)));
    return files;
}

// Opens (or creates) a store and brings it to `version` (-1: the latest).
inline storage::Database::OpenResult openStore(const QString &path, const QByteArray &key,
                                               const QString &name, storage::Database::Mode mode,
                                               int version = -1)
{
    storage::Database::OpenResult result = storage::Database::open(path, key, name, mode);
    if (result.ok()) {
        const storage::DatabaseError error
            = storage::Migrations::migrate(result.db, &result.message, version);
        if (error != storage::DatabaseError::None) {
            result.db = QSqlDatabase();
            storage::Database::close(name);
            result.error = error;
        }
    }
    return result;
}

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline storage::CaseRecord sampleCase(const QString &caseNumber,
                                      const QString &department = QStringLiteral("市场监管"),
                                      const QString &state = QStringLiteral("accepted"),
                                      const QDate &deadline = QDate(2026, 4, 1))
{
    storage::CaseRecord c;
    c.id = newId();
    c.caseNumber = caseNumber;
    c.state = state;
    c.itemCode = QStringLiteral("330102-SC-001");
    c.applicantIdNumber = QStringLiteral("33010219900307123X");
    c.applicantName = QStringLiteral("欧阳娜娜");
    c.office = QStringLiteral("330102");
    c.department = department;
    c.acceptedAt = QDateTime(QDate(2026, 3, 15), QTime(8, 30), Qt::UTC);
    c.deadline = deadline;
    c.updatedAt = c.acceptedAt;
    c.catalogVersion = QStringLiteral("2026.1");
    return c;
}

inline storage::EventRecord sampleEvent(const QString &caseId, const QString &deviceId, qint64 seq,
                                        const QString &prevHash = {})
{
    storage::EventRecord e;
    e.id = newId();
    e.caseId = caseId;
    e.type = QStringLiteral("accepted");
    e.actorUser = QStringLiteral("clerk-07");
    e.actorOffice = QStringLiteral("330102");
    e.deviceId = deviceId;
    e.deviceSeq = seq;
    e.at = QStringLiteral("2026-03-15T08:30:00.000Z");
    e.payload = QStringLiteral(R"({"applicant":"欧阳娜娜","idNumber":"33010219900307123X"})");
    e.prevHash = prevHash;
    e.hash = QString::fromLatin1(
        QCryptographicHash::hash((prevHash + e.id + e.payload).toUtf8(), QCryptographicHash::Sha256).toHex());
    return e;
}

} // namespace ow::test::db
