// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/caserepository.h"

#include "ow/storage/tr.h"
#include "ow/storage/transaction.h"
#include "casetasks_p.h"
#include "certificates_p.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

#include <algorithm>

namespace ow::storage {

using Internal::Access;

namespace {

// The order of the queue index: NULL deadlines first, then by text, then id.
bool queueBefore(const CaseRecord &a, const CaseRecord &b)
{
    if (a.deadline.isValid() != b.deadline.isValid())
        return !a.deadline.isValid();
    if (a.deadline != b.deadline)
        return a.deadline < b.deadline;
    return a.id < b.id;
}

QString queueSql(const QString &condition)
{
    return QStringLiteral("SELECT %1 FROM cases WHERE department = ? AND state = ? AND (%2) "
                          "ORDER BY deadline, id LIMIT ?")
        .arg(Internal::caseColumns(), condition);
}

} // namespace

CaseRepository::CaseRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

CaseRepository::~CaseRepository() = default;

bool CaseRepository::save(const CaseRecord &record)
{
    m_lastError.clear();
    const QSqlDatabase &db = m_statements->database();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    QSqlQuery *query = m_statements->get(Internal::caseUpsertSql(), &m_lastError);
    if (!query)
        return false;
    Internal::bindCase(query, record);
    if (!m_statements->exec(query, Access::Write, &m_lastError)
        || !Internal::writeCaseTasks(*m_statements, record, &m_lastError)
        || !Internal::writeCertificates(*m_statements, record.id, &m_lastError))
        return false;
    if (!transaction.commit()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    return true;
}

std::optional<CaseRecord> CaseRepository::findOne(const QString &sql, const QString &value) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(sql, &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(value);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<CaseRecord> record;
    if (query->next())
        record = Internal::readCase(*query);
    query->finish();
    return record;
}

std::optional<CaseRecord> CaseRepository::findById(const QString &id) const
{
    static const QString sql
        = QStringLiteral("SELECT %1 FROM cases WHERE id = ?").arg(Internal::caseColumns());
    return findOne(sql, id);
}

std::optional<CaseRecord> CaseRepository::findByCaseNumber(const QString &caseNumber) const
{
    static const QString sql
        = QStringLiteral("SELECT %1 FROM cases WHERE case_number = ?").arg(Internal::caseColumns());
    return findOne(sql, caseNumber);
}

QList<CaseRecord> CaseRepository::findByApplicantIdNumber(const QString &idNumber, int limit) const
{
    m_lastError.clear();
    QList<CaseRecord> records;
    static const QString querySql
        = QStringLiteral(
              "SELECT %1 FROM cases WHERE applicant_id_number = ? ORDER BY updated_at DESC, id LIMIT ?")
              .arg(Internal::caseColumns());
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return records;
    query->addBindValue(idNumber);
    query->addBindValue(limit);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return records;
    while (query->next())
        records.append(Internal::readCase(*query));
    query->finish();
    return records;
}

// One state's slice of the queue, read in index order: department, state,
// deadline, id. A row-value comparison continues after the cursor; NULL
// deadlines sort first, so a cursor without a deadline needs its own form.
QList<CaseRecord> CaseRepository::queueOfState(const QString &department, const QString &state, int limit,
                                               const WorkQueueCursor &after) const
{
    QList<CaseRecord> records;
    static const QString sql[3] = {
        queueSql(QStringLiteral("1")),
        queueSql(QStringLiteral("(deadline, id) > (?, ?)")),
        queueSql(QStringLiteral("(deadline IS NULL AND id > ?) OR deadline IS NOT NULL")),
    };
    const int form = after.isNull() ? 0 : (after.deadline.isValid() ? 1 : 2);
    QSqlQuery *query = m_statements->get(sql[form], &m_lastError);
    if (!query)
        return records;
    query->addBindValue(department);
    query->addBindValue(state);
    if (!after.isNull() && after.deadline.isValid())
        query->addBindValue(Internal::dateText(after.deadline));
    if (!after.isNull())
        query->addBindValue(after.caseId);
    query->addBindValue(limit);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return records;
    while (query->next())
        records.append(Internal::readCase(*query));
    query->finish();
    return records;
}

WorkQueuePage CaseRepository::workQueue(const QString &department, const QStringList &states, int limit,
                                        const WorkQueueCursor &after) const
{
    m_lastError.clear();
    WorkQueuePage page;
    if (states.isEmpty() || limit <= 0) {
        m_lastError = Tr::tr("A work queue needs at least one case state and a page size above zero.");
        return page;
    }
    // Each state is read in index order and the slices are merged: one more
    // row than asked tells whether another page follows.
    QList<CaseRecord> merged;
    for (const QString &state : states) {
        const QList<CaseRecord> slice = queueOfState(department, state, limit + 1, after);
        if (!m_lastError.isEmpty())
            return page;
        merged.append(slice);
    }
    std::sort(merged.begin(), merged.end(), queueBefore);
    const bool more = merged.size() > limit;
    if (more)
        merged.resize(limit);
    page.cases = merged;
    if (more && !merged.isEmpty())
        page.next = WorkQueueCursor {merged.constLast().deadline, merged.constLast().id};
    return page;
}

qint64 CaseRepository::count() const
{
    m_lastError.clear();
    return m_statements->countRows(QStringLiteral("cases"), &m_lastError);
}

} // namespace ow::storage
