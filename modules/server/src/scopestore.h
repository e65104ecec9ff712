// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "principal.h"
#include "serverschema.h"
#include "sqlwrites.h"

#include <ow/cases/casestate.h>
#include <ow/cases/event.h>

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>
#include <utility>

namespace ow::server::Internal {

// A case as the server knows it: the fold of its accepted events plus where
// its certificate is to be printed (异地打证).
struct ServerCase
{
    cases::CaseState state;
    QString printOffice;
};

// The server-side case projection (server_cases) and which offices see which
// case (case_scope), with the rules that follow from them. One object serves
// one push round (pushround.h): it reads what the round needs in a few
// queries, keeps the round's changes in memory for addWrites().
class ScopeStore
{
public:
    ScopeStore(QSqlDatabase db, SqlDialect dialect);

    // Folds the accepted events of `caseIds` (one query); case() then answers
    // for them (status None for a case with no events yet).
    bool loadCases(const QStringList &caseIds, QString *error);
    // The same in another query of the caller's: a query of the stored events of
    // those of `caseIds` not loaded yet, as rows (case_id, server_seq, event_json),
    // to hand to foldStored() in the order of case and number (no SQL when there
    // is nothing to load). The cases count as loaded from here on.
    SqlList storedEventsQuery(const QStringList &caseIds);
    void foldStored(const QString &caseId, const QString &eventJson);
    // Takes `caseId` to have no stored events, without looking (see PushRound's
    // optimistic rounds): it starts from status None.
    void assumeNew(const QString &caseId)
    {
        m_cases.insert(caseId, ServerCase {});
        m_assumedNew.insert(caseId);
    }
    bool isAssumedNew(const QString &caseId) const { return m_assumedNew.contains(caseId); }
    // The case as folded, or nullopt with `error` when its stored events no
    // longer fold (the log was altered).
    std::optional<ServerCase *> serverCase(const QString &caseId, QString *error);
    // Which of the (office code, case id) pairs are in scope (one query, after
    // loadCases() of their cases); isInScope() then answers for them, including
    // the grants of this round.
    bool loadScope(const QList<std::pair<QString, QString>> &officeCases, QString *error);
    bool isInScope(const QString &caseId, const QString &officeCode) const
    {
        return m_inScope.contains({officeCode, caseId});
    }

    // After `event` was accepted as `serverSeq` and folded into `serverCase`:
    // updates the projection and grants scope (creating office on created,
    // the offices hosting the routed departments on routed, the print office
    // on certificate-produced).
    bool recordAccepted(const ServerCase &serverCase, const cases::Event &event, qint64 serverSeq,
                        QString *error);
    // Adds the round's projection rows and grants to its writes.
    void addWrites(SqlWrites &writes);

    // The print office a certificate-produced event names (payload "printOffice"), if any.
    static QString printOfficeOf(const cases::Event &event);

private:
    // `late`: after the case's first event (see case_scope.late).
    void grant(const QString &caseId, const QString &officeCode, qint64 serverSeq, bool late);
    std::optional<QStringList> officesHosting(const QStringList &departments, QString *error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QHash<QString, ServerCase> m_cases;
    QHash<QString, QString> m_unfoldable;
    QSet<QString> m_stored; // the loaded cases that have stored events
    QSet<QString> m_assumedNew;
    QSet<QPair<QString, QString>> m_inScope; // (office code, case id)
    QHash<QString, QStringList> m_departmentOffices;
    // The round's writes: projection rows by case (the last wins) and grants (the first wins).
    QStringList m_changedCases;
    QHash<QString, qint64> m_lastSeq;
    QSet<QPair<QString, QString>> m_granted;
    QVariantList m_grants;
};

// Why `principal` may not record `event` on `serverCase` as far as office and
// department go (the state machine has already allowed the role), as a
// rejection code ("office_mismatch", "department_mismatch") and a translated
// reason; an empty code when allowed. `inScope`: the case is visible to the
// principal's office.
struct AuthorityProblem
{
    QString code;
    QString reason;
};
AuthorityProblem checkAuthority(const Principal &principal, const ServerCase &serverCase,
                                const cases::Event &event, bool inScope);

} // namespace ow::server::Internal
