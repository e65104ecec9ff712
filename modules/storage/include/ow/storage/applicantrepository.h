// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// Applicants (natural and legal persons) by ID number, and search by name.
// Failed calls set lastError() (translated); successful ones clear it.
class OW_STORAGE_EXPORT ApplicantRepository
{
public:
    explicit ApplicantRepository(const QSqlDatabase &db);
    ~ApplicantRepository();
    ApplicantRepository(const ApplicantRepository &) = delete;
    ApplicantRepository &operator=(const ApplicantRepository &) = delete;

    // Inserts or replaces the applicant with this ID number.
    bool save(const ApplicantRecord &record);
    std::optional<ApplicantRecord> findByIdNumber(const QString &idNumber) const;
    // Applicants whose name starts with `prefix` (exact code points), by name then ID number.
    QList<ApplicantRecord> searchByNamePrefix(const QString &prefix, int limit = 20) const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
