// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "scopestore.h"

#include "eventlog.h"

#include "ow/server/tr.h"

#include <ow/cases/statemachine.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ow::server::Internal {

using cases::EventType;
using cases::Role;

ScopeStore::ScopeStore(QSqlDatabase db, SqlDialect dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{ }

namespace {

QVariantList variants(const QStringList &strings)
{
    QVariantList list;
    list.reserve(strings.size());
    for (const QString &string : strings)
        list.append(string);
    return list;
}

} // namespace

SqlList ScopeStore::storedEventsQuery(const QStringList &caseIds)
{
    QStringList wanted;
    for (const QString &caseId : caseIds) {
        if (!m_cases.contains(caseId) && !m_unfoldable.contains(caseId) && !wanted.contains(caseId))
            wanted.append(caseId);
    }
    if (wanted.isEmpty())
        return {};
    for (const QString &caseId : std::as_const(wanted))
        m_cases.insert(caseId, ServerCase {});
    // On PostgreSQL one index probe per case, whatever the planner believes of server_events:
    // with "case_id IN (...)" or a join it read the whole log for lists of some dozens of
    // cases, under the sequencer lock, whenever its statistics of case_id were older than a
    // fast-growing log. OFFSET 0 keeps the LATERAL subquery from being turned into that join.
    // SQLite probes the index for an IN list anyway (and has no LATERAL).
    if (m_dialect == SqlDialect::Postgres)
        return {
            QStringLiteral("SELECT e.case_id, e.server_seq, e.event_json FROM unnest(?::text[]) w (case_id)"
                           " CROSS JOIN LATERAL (SELECT case_id, event_json, server_seq FROM server_events"
                           " WHERE case_id COLLATE \"C\" = w.case_id OFFSET 0) e"),
            {postgresArray(variants(wanted))}};
    return {QStringLiteral("SELECT case_id, server_seq, event_json FROM server_events WHERE case_id IN (%1)")
                .arg(sqlPlaceholders(wanted.size())),
            variants(wanted)};
}

bool ScopeStore::loadCases(const QStringList &caseIds, QString *error)
{
    const SqlList stored = storedEventsQuery(caseIds);
    if (stored.sql.isEmpty())
        return true;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!runSql(query, m_dialect, stored.sql + QStringLiteral(" ORDER BY 1, 2"), stored.values, error))
        return false;
    while (query.next())
        foldStored(query.value(0).toString(), query.value(2).toString());
    return true;
}

void ScopeStore::foldStored(const QString &caseId, const QString &eventJson)
{
    m_stored.insert(caseId);
    if (m_unfoldable.contains(caseId))
        return;
    ServerCase &serverCase = m_cases[caseId];
    QString problem;
    const auto event = cases::Event::fromJson(QJsonDocument::fromJson(eventJson.toUtf8()).object(), &problem);
    // Accepted events passed the state machine when they came in; folding
    // them again cannot fail unless the stored log was altered.
    if (!event || !cases::CaseStateMachine::applyTo(serverCase.state, *event).isValid()) {
        m_unfoldable.insert(
            caseId,
            event ? Tr::tr("The stored events of case %1 no longer fold; the log was altered.").arg(caseId)
                  : problem);
        m_cases.remove(caseId);
        return;
    }
    if (event->type == EventType::CertificateProduced && !printOfficeOf(*event).isEmpty())
        serverCase.printOffice = printOfficeOf(*event);
}

std::optional<ServerCase *> ScopeStore::serverCase(const QString &caseId, QString *error)
{
    if (const auto problem = m_unfoldable.constFind(caseId); problem != m_unfoldable.constEnd()) {
        *error = problem.value();
        return std::nullopt;
    }
    if (!m_cases.contains(caseId) && !loadCases({caseId}, error))
        return std::nullopt;
    if (const auto problem = m_unfoldable.constFind(caseId); problem != m_unfoldable.constEnd()) {
        *error = problem.value();
        return std::nullopt;
    }
    return &m_cases[caseId];
}

bool ScopeStore::loadScope(const QList<std::pair<QString, QString>> &officeCases, QString *error)
{
    // A case with no stored events has no stored grants either (they are written with
    // events): only the pairs of stored cases are looked up. Most pushed cases are new ones.
    QList<std::pair<QString, QString>> stored;
    for (const auto &pair : officeCases) {
        if (m_stored.contains(pair.second))
            stored.append(pair);
    }
    if (stored.isEmpty())
        return true;
    // One primary-key probe per pair (a subquery per row of the list), whatever the
    // planner believes of case_scope: with "office_code = ? AND case_id IN (...)" PostgreSQL
    // read every grant of the office and filtered them against the list whenever its
    // statistics still described a small table, under the sequencer lock and growing with
    // the log.
    QVariantList values;
    values.reserve(stored.size() * 2);
    for (const auto &[officeCode, caseId] : std::as_const(stored))
        values << officeCode << caseId;
    // The pairs: two arrays to unnest on PostgreSQL (see postgresArray()), a VALUES list on SQLite.
    QString pairs;
    if (m_dialect == SqlDialect::Postgres) {
        pairs = QStringLiteral("unnest(?::text[], ?::text[]) w (column1, column2)");
        values = {postgresArray(values, 0, 2), postgresArray(values, 1, 2)};
    } else {
        pairs.reserve(stored.size() * 9);
        for (qsizetype i = 0; i < stored.size(); ++i)
            pairs += i == 0 ? QStringLiteral("(VALUES (?, ?)") : QStringLiteral(", (?, ?)");
        pairs += QStringLiteral(") w");
    }
    return querySql(
        m_db, m_dialect,
        QStringLiteral("SELECT w.column1, w.column2 FROM %1 WHERE (SELECT 1 FROM case_scope s"
                       " WHERE s.office_code = w.column1 AND s.case_id = w.column2) = 1")
            .arg(pairs),
        values,
        [this](const QStringList &row) {
            m_inScope.insert({row.at(0), row.at(1)});
        },
        error);
}

QString ScopeStore::printOfficeOf(const cases::Event &event)
{
    return event.payload.value(QStringLiteral("printOffice")).toString();
}

void ScopeStore::grant(const QString &caseId, const QString &officeCode, qint64 serverSeq, bool late)
{
    // The first grant stays: an office that already sees a case keeps its place in the order.
    if (m_granted.contains({officeCode, caseId}))
        return;
    m_granted.insert({officeCode, caseId});
    m_grants << caseId << officeCode << serverSeq << (late ? 1 : 0);
    m_inScope.insert({officeCode, caseId});
}

std::optional<QStringList> ScopeStore::officesHosting(const QStringList &departments, QString *error)
{
    QStringList unknown;
    for (const QString &department : departments) {
        if (!m_departmentOffices.contains(department) && !unknown.contains(department))
            unknown.append(department);
    }
    if (!unknown.isEmpty()) {
        for (const QString &department : std::as_const(unknown))
            m_departmentOffices.insert(department, {});
        if (!querySql(
                m_db, m_dialect,
                QStringLiteral("SELECT code, office_code FROM departments WHERE code IN (%1)"
                               " ORDER BY office_code")
                    .arg(sqlPlaceholders(unknown.size())),
                variants(unknown),
                [this](const QStringList &row) { m_departmentOffices[row.at(0)].append(row.at(1)); },
                error)) {
            for (const QString &department : std::as_const(unknown))
                m_departmentOffices.remove(department);
            return std::nullopt;
        }
    }
    QStringList offices;
    for (const QString &department : departments) {
        for (const QString &office : m_departmentOffices.value(department)) {
            if (!offices.contains(office))
                offices.append(office);
        }
    }
    return offices;
}

bool ScopeStore::recordAccepted(const ServerCase &serverCase, const cases::Event &event, qint64 serverSeq,
                                QString *error)
{
    if (!m_lastSeq.contains(event.caseId))
        m_changedCases.append(event.caseId);
    m_lastSeq.insert(event.caseId, serverSeq);

    switch (event.type) {
    case EventType::Created:
        // A case's first event is its created event (the state machine allows nothing before
        // it), so only this grant is not late.
        grant(event.caseId, event.actor.officeCode, serverSeq, false);
        return true;
    case EventType::Routed: {
        const auto offices = officesHosting(serverCase.state.review.plan().departments(), error);
        if (!offices)
            return false;
        for (const QString &office : *offices)
            grant(event.caseId, office, serverSeq, true);
        return true;
    }
    case EventType::CertificateProduced:
        if (const QString office = printOfficeOf(event); !office.isEmpty())
            grant(event.caseId, office, serverSeq, true);
        return true;
    default:
        return true;
    }
}

void ScopeStore::addWrites(SqlWrites &writes)
{
    // The rows of cases with stored events replace or join what is stored; those of
    // new cases cannot meet a stored row and are plain inserts (no speculative
    // insertion and its extra index probe per row).
    QVariantList newRows;
    QVariantList storedRows;
    for (const QString &caseId : std::as_const(m_changedCases)) {
        const ServerCase &serverCase = m_cases[caseId];
        const cases::CaseState &state = serverCase.state;
        QVariantList &rows = m_stored.contains(caseId) ? storedRows : newRows;
        rows << state.caseId << cases::caseStatusName(state.status) << state.officeCode
             << state.leadDepartment
             << QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(state.review.plan().departments()))
                                      .toJson(QJsonDocument::Compact))
             << (serverCase.printOffice.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                  : QVariant(serverCase.printOffice))
             << m_lastSeq.value(caseId);
    }
    const QString caseHead = QStringLiteral("INSERT INTO server_cases (case_id, status, office_code,"
                                            " lead_department, departments, print_office, last_seq)");
    writes.addFewRows(caseHead, 7, newRows);
    writes.addRows(caseHead, 7, storedRows,
                   QStringLiteral(" ON CONFLICT (case_id) DO UPDATE SET status = excluded.status,"
                                  " lead_department = excluded.lead_department,"
                                  " departments = excluded.departments, print_office = excluded.print_office,"
                                  " last_seq = excluded.last_seq"));
    QVariantList newGrants;
    QVariantList storedGrants;
    for (qsizetype i = 0; i < m_grants.size(); i += 4)
        (m_stored.contains(m_grants.at(i).toString()) ? storedGrants : newGrants) << m_grants.mid(i, 4);
    const QString grantHead
        = QStringLiteral("INSERT INTO case_scope (case_id, office_code, granted_seq, late)");
    writes.addFewRows(grantHead, 4, newGrants);
    writes.addRows(grantHead, 4, storedGrants,
                   QStringLiteral(" ON CONFLICT (office_code, case_id) DO NOTHING"));
    m_changedCases.clear();
    m_lastSeq.clear();
    m_grants.clear();
}

AuthorityProblem checkAuthority(const Principal &principal, const ServerCase &serverCase,
                                const cases::Event &event, bool inScope)
{
    const cases::CaseState &state = serverCase.state;
    const Role role = event.actor.role;
    if (event.type == EventType::Created)
        return {}; // the actor's office is the caller's, checked before
    switch (role) {
    case Role::Clerk:
    case Role::Agent: {
        if (state.officeCode == principal.officeCode)
            return {};
        const bool printing = event.type == EventType::Printed || event.type == EventType::Delivered
            || event.type == EventType::CertificateProduced;
        if (printing && !serverCase.printOffice.isEmpty() && serverCase.printOffice == principal.officeCode)
            return {};
        return {QStringLiteral("office_mismatch"),
                Tr::tr("Case %1 was registered at office %2; office %3 cannot act on it at the window.")
                    .arg(event.caseId, state.officeCode, principal.officeCode)};
    }
    case Role::Reviewer: {
        const QStringList routed = state.review.plan().departments();
        bool mine = false;
        for (const QString &department : routed)
            mine = mine || principal.departments.contains(department);
        if (!mine)
            return {QStringLiteral("department_mismatch"),
                    Tr::tr("Case %1 is not routed to a department you review for (%2).")
                        .arg(event.caseId, principal.departments.join(QStringLiteral(", ")))};
        if (event.type == EventType::Opinion) {
            const QString department = event.payload.value(QStringLiteral("department")).toString();
            if (!principal.departments.contains(department))
                return {QStringLiteral("department_mismatch"),
                        Tr::tr("You do not review for department %1, so you cannot give its opinion.")
                            .arg(department)};
        }
        if ((event.type == EventType::Approved || event.type == EventType::Denied)
            && !principal.departments.contains(state.leadDepartment))
            return {QStringLiteral("department_mismatch"),
                    Tr::tr("Only the lead department %1 concludes case %2.")
                        .arg(state.leadDepartment, event.caseId)};
        return {};
    }
    case Role::Supervisor:
    case Role::Admin:
        if (inScope)
            return {};
        return {QStringLiteral("office_mismatch"),
                Tr::tr("Case %1 is not handled by your office %2.").arg(event.caseId, principal.officeCode)};
    }
    return {};
}

} // namespace ow::server::Internal
