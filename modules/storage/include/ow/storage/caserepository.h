// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// Queries on the case projection. Rows are written by EventRepository::append();
// save() rewrites one when the case engine rebuilds a projection from events.
// Failed calls set lastError() (translated); successful ones clear it.
class OW_STORAGE_EXPORT CaseRepository
{
public:
    explicit CaseRepository(const QSqlDatabase &db);
    ~CaseRepository();
    CaseRepository(const CaseRepository &) = delete;
    CaseRepository &operator=(const CaseRepository &) = delete;

    bool save(const CaseRecord &record);

    std::optional<CaseRecord> findById(const QString &id) const;
    std::optional<CaseRecord> findByCaseNumber(const QString &caseNumber) const;
    // An applicant's cases, most recently updated first.
    QList<CaseRecord> findByApplicantIdNumber(const QString &idNumber, int limit = 100) const;
    // A department's queue: cases in any of `states`, earliest deadline first
    // (cases without a deadline before all others), then by id; `after` is the
    // previous page's `next`. `states` must not be empty.
    WorkQueuePage workQueue(const QString &department, const QStringList &states, int limit = 50,
                            const WorkQueueCursor &after = {}) const;
    qint64 count() const;

    QString lastError() const { return m_lastError; }

private:
    QList<CaseRecord> queueOfState(const QString &department, const QString &state, int limit,
                                   const WorkQueueCursor &after) const;
    std::optional<CaseRecord> findOne(const QString &sql, const QString &value) const;

    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
