// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/inboxrepository.h"

#include "ow/storage/tr.h"
#include "repositoryutil_p.h"
#include "timeformat_p.h"

#include <QVariantList>

namespace ow::storage {

using Internal::Access;

namespace {

// Fewer matches than this in the trigram index: read them and sort them,
// rather than walking the view's index until a page is full.
constexpr int kSelectiveMatches = 5000;

const QString kColumns = QStringLiteral(
    "department, case_id, open, lead, decision, assignee, case_number, state, item_code, applicant_name,"
    " office, accepted_at, deadline, item_name");

// The columns read, named through their table: the trigram query joins the index.
const QString &qualifiedColumns()
{
    static const QString columns = [] {
        QStringList names;
        for (const QString &name : kColumns.split(QStringLiteral(", ")))
            names.append(QStringLiteral("case_tasks.") + name.trimmed());
        return names.join(QStringLiteral(", "));
    }();
    return columns;
}

QString sortColumn(InboxSort sort)
{
    switch (sort) {
    case InboxSort::Deadline:
        return QStringLiteral("deadline");
    case InboxSort::AcceptedAt:
        return QStringLiteral("accepted_at");
    case InboxSort::CaseNumber:
        return QStringLiteral("case_number");
    case InboxSort::Item:
        return QStringLiteral("item_code");
    case InboxSort::Office:
        return QStringLiteral("office");
    case InboxSort::State:
        return QStringLiteral("state");
    }
    return QStringLiteral("deadline");
}

QString sortValue(const InboxRow &row, InboxSort sort)
{
    switch (sort) {
    case InboxSort::Deadline:
        return Internal::dateText(row.deadline);
    case InboxSort::AcceptedAt:
        return Internal::dateTimeText(row.acceptedAt);
    case InboxSort::CaseNumber:
        return row.caseNumber;
    case InboxSort::Item:
        return row.itemCode;
    case InboxSort::Office:
        return row.office;
    case InboxSort::State:
        return row.state;
    }
    return {};
}

InboxRow readRow(const QSqlQuery &query)
{
    InboxRow row;
    row.department = query.value(0).toString();
    row.caseId = query.value(1).toString();
    row.open = query.value(2).toInt() != 0;
    row.lead = query.value(3).toInt() != 0;
    row.decision = query.value(4).toString();
    row.assignee = query.value(5).toString();
    row.caseNumber = query.value(6).toString();
    row.state = query.value(7).toString();
    row.itemCode = query.value(8).toString();
    row.applicantName = query.value(9).toString();
    row.office = query.value(10).toString();
    row.acceptedAt = Internal::parseDateTime(query.value(11));
    row.deadline = Internal::parseDate(query.value(12));
    row.itemName = query.value(13).toString();
    return row;
}

// How the WHERE clause looks for the filter's text.
enum class TextMatch {
    Scan, // instr() on each row the index walk reaches
    Trigram, // the rows the trigram index names (three characters or more), joined by the caller
};

// One quoted FTS5 phrase: the text itself, whatever characters it holds.
QString ftsPhrase(const QString &text)
{
    return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

// The WHERE clause of a filter, with its values in order. Every condition
// compares a column of one of the (department, open, …) indexes.
QString whereClause(const InboxFilter &filter, QVariantList *values, TextMatch match = TextMatch::Scan)
{
    QStringList conditions {QStringLiteral("department = ?")};
    values->append(filter.department);
    if (filter.openOnly)
        conditions.append(QStringLiteral("open = 1"));
    const auto equals = [&](const QString &column, const QString &value) {
        if (!value.isEmpty()) {
            conditions.append(column + QStringLiteral(" = ?"));
            values->append(value);
        }
    };
    equals(QStringLiteral("item_code"), filter.itemCode);
    equals(QStringLiteral("office"), filter.office);
    equals(QStringLiteral("state"), filter.state);
    if (filter.dueBy.isValid()) {
        // '' is a case without a running time limit: never due.
        conditions.append(QStringLiteral("deadline <> '' AND deadline <= ?"));
        values->append(Internal::dateText(filter.dueBy));
    }
    switch (filter.claim) {
    case InboxFilter::Claim::Any:
        break;
    case InboxFilter::Claim::Unclaimed:
        conditions.append(QStringLiteral("assignee = ''"));
        break;
    case InboxFilter::Claim::ClaimedBy:
        conditions.append(QStringLiteral("assignee = ?"));
        values->append(filter.claimedBy);
        break;
    }
    const QString text = filter.text.trimmed();
    if (!text.isEmpty() && match == TextMatch::Scan) {
        conditions.append(QStringLiteral("instr(search_text, ?) > 0"));
        values->append(text);
    }
    return conditions.join(QStringLiteral(" AND "));
}

} // namespace

InboxRepository::InboxRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

InboxRepository::~InboxRepository() = default;

InboxPage InboxRepository::page(const InboxFilter &filter, InboxSort sort, bool descending, int limit,
                                const InboxCursor &after) const
{
    m_lastError.clear();
    InboxPage page;
    if (filter.department.isEmpty()) {
        m_lastError = Tr::tr("An inbox needs the department whose cases it lists.");
        return page;
    }
    const QString column = sortColumn(sort);
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString text = filter.text.trimmed();
    const auto query = [&](TextMatch match) {
        QVariantList values;
        QString from = QStringLiteral("case_tasks");
        if (match == TextMatch::Trigram) {
            // Driven by the index's few matches: they are read, then sorted.
            from = QStringLiteral("case_tasks_search CROSS JOIN case_tasks ON case_tasks.rowid = "
                                  "case_tasks_search.rowid");
            values.append(ftsPhrase(text));
        }
        QString where = whereClause(filter, &values, match);
        if (match == TextMatch::Trigram)
            where.prepend(QStringLiteral("case_tasks_search MATCH ? AND "));
        if (!after.isNull()) {
            where += QStringLiteral(" AND (%1 %2 ? OR (%1 = ? AND case_id %2 ?))")
                         .arg(column, descending ? QStringLiteral("<") : QStringLiteral(">"));
            values << after.sortValue << after.sortValue << after.caseId;
        }
        // One row more than asked tells whether another page follows.
        values.append(limit + 1);
        const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 %5, case_id %5 LIMIT ?")
                                .arg(qualifiedColumns(), from, where, column, direction);
        return m_statements->readRows(sql, values, readRow, &m_lastError);
    };
    // A text that few cases match is looked up in the trigram index; one that
    // many match fills a page early in the walk of the view's own index.
    TextMatch match = TextMatch::Scan;
    if (text.size() >= 3) {
        const QList<qint64> matches = m_statements->readRows(
            QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM case_tasks_search WHERE case_tasks_search "
                           "MATCH ? LIMIT %1)")
                .arg(kSelectiveMatches),
            {ftsPhrase(text)}, [](const QSqlQuery &q) { return q.value(0).toLongLong(); }, &m_lastError);
        if (!m_lastError.isEmpty())
            return page;
        if (!matches.isEmpty() && matches.constFirst() < kSelectiveMatches)
            match = TextMatch::Trigram;
    }
    page.rows = query(match);
    if (!m_lastError.isEmpty()) {
        page.rows.clear();
        return page;
    }
    if (page.rows.size() > limit) {
        page.rows.resize(limit);
        page.next = {sortValue(page.rows.constLast(), sort), page.rows.constLast().caseId};
    }
    return page;
}

qint64 InboxRepository::count(const InboxFilter &filter, qint64 cap) const
{
    m_lastError.clear();
    QVariantList values;
    const QString where = whereClause(filter, &values);
    QString sql = QStringLiteral("SELECT COUNT(*) FROM case_tasks WHERE %1").arg(where);
    if (cap > 0) {
        sql = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM case_tasks WHERE %1 LIMIT ?)").arg(where);
        values.append(cap);
    }
    const QList<qint64> counts = m_statements->readRows(
        sql, values, [](const QSqlQuery &query) { return query.value(0).toLongLong(); }, &m_lastError);
    return counts.isEmpty() ? -1 : counts.constFirst();
}

std::optional<InboxRow> InboxRepository::find(const QString &department, const QString &caseId) const
{
    m_lastError.clear();
    const QList<InboxRow> rows = m_statements->readRows(
        QStringLiteral("SELECT %1 FROM case_tasks WHERE department = ? AND case_id = ?").arg(kColumns),
        {department, caseId}, readRow, &m_lastError);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.constFirst();
}

QStringList InboxRepository::itemCodes(const QString &department) const
{
    m_lastError.clear();
    // A skip-scan over the (department, open, item_code, …) index: one probe per distinct value.
    return m_statements->readRows(
        QStringLiteral("SELECT DISTINCT item_code FROM case_tasks WHERE department = ? AND open = 1"
                       " ORDER BY item_code"),
        {department}, [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
}

QStringList InboxRepository::offices(const QString &department) const
{
    m_lastError.clear();
    return m_statements->readRows(
        QStringLiteral("SELECT DISTINCT office FROM case_tasks WHERE department = ? AND open = 1"
                       " ORDER BY office"),
        {department}, [](const QSqlQuery &query) { return query.value(0).toString(); }, &m_lastError);
}

} // namespace ow::storage
