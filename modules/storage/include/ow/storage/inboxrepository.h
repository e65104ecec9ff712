// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// One department's task on a case (待办): a bundle's case is in the inbox of
// every department it is routed to.
struct InboxRow
{
    QString caseId;
    QString department;
    bool open = true; // under review, awaiting a supplement or suspended
    bool lead = false; // the department concludes the case
    QString decision; // "pending", "approve" or "deny": the department's own opinion
    QString assignee; // who claimed it (认领); empty while unclaimed
    QString caseNumber;
    QString state;
    QString itemCode; // the department's items, comma-separated as on the case
    QString itemName; // their names, joined with "、"
    QString applicantName;
    QString office; // where the case was accepted
    QDateTime acceptedAt;
    QDate deadline; // invalid: no time limit running
};

enum class InboxSort { Deadline, AcceptedAt, CaseNumber, Item, Office, State };

struct InboxFilter
{
    InboxFilter() = default;
    // A department's open cases: the default view.
    InboxFilter(QString inboxDepartment) // NOLINT(google-explicit-constructor): reads as {department}
        : department(std::move(inboxDepartment))
    { }

    QString department; // required
    bool openOnly = true;
    QString itemCode; // exact, as stored
    QString office;
    QString state;
    // Only cases due on or before this date (e.g. "due within 3 working days").
    QDate dueBy;
    // Cases whose number, applicant or item name contains the text.
    QString text;
    enum class Claim { Any, Unclaimed, ClaimedBy } claim = Claim::Any;
    QString claimedBy; // for Claim::ClaimedBy
};

// Where the next page starts: the last row's sort value and case id.
struct InboxCursor
{
    QString sortValue;
    QString caseId;
    bool isNull() const { return caseId.isEmpty(); }
};

struct InboxPage
{
    QList<InboxRow> rows;
    InboxCursor next; // null when this is the last page
};

// The back office's inboxes, paged in any sort order by keyset (never OFFSET),
// so the first page of 200,000 open cases costs what the hundredth does.
// Failed calls set lastError() (translated); successful ones clear it.
class OW_STORAGE_EXPORT InboxRepository
{
public:
    explicit InboxRepository(const QSqlDatabase &db);
    ~InboxRepository();
    InboxRepository(const InboxRepository &) = delete;
    InboxRepository &operator=(const InboxRepository &) = delete;

    InboxPage page(const InboxFilter &filter, InboxSort sort = InboxSort::Deadline, bool descending = false,
                   int limit = 100, const InboxCursor &after = {}) const;
    // How many rows the filter selects, at most `cap` if it is positive (so a
    // text filter matching most cases stops early); -1 on error.
    qint64 count(const InboxFilter &filter, qint64 cap = 0) const;
    // The department's task on one case.
    std::optional<InboxRow> find(const QString &department, const QString &caseId) const;
    // Values to offer in the filters: the items and offices of the department's open cases.
    QStringList itemCodes(const QString &department) const;
    QStringList offices(const QString &department) const;

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
