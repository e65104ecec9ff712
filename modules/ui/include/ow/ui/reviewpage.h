// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/cases/casestate.h>
#include <ow/catalog/catalog.h>
#include <ow/core/workingcalendar.h>

#include <QSqlDatabase>
#include <QWidget>

#include <memory>

namespace ow::ui {

// 审查: one case as the reviewer decides it. The application form, the
// materials received, every department's opinion and the case's whole
// history (every event: what, who, where, when), with the time limit read
// from the calendar; and the decisions, each an event: approve, deny (basis
// required), request a supplement (补正: the clock stops until the materials
// arrive), suspend (中止, reason required; hearings, testing, inspection,
// quarantine, appraisal and expert review 行政许可法 art. 45 are suspensions
// of their own kind) and resume, terminate (终止, basis required), and extend
// the time limit once (延期, art. 42: the approver and the basis named). The
// applicant's earlier cases are shown beside. In a bundle each department gives its
// opinion; the lead concludes once all have. Approval produces the
// certificate record of every approved item that has one, ready to print.
class OW_UI_EXPORT ReviewPage : public QWidget
{
    Q_OBJECT

public:
    enum class Decision {
        Opinion, // 审查意见: a step of a multi-step process (审查 → 决定), no decision yet
        Approve,
        Deny,
        Supplement,
        Suspend,
        Resume,
        SupplementReceived,
        Terminate,
        Extend,
    };

    ReviewPage(const QSqlDatabase &store, const Session &session, const core::WorkingCalendar &calendar,
               QWidget *parent = nullptr);
    ~ReviewPage() override;

    // The catalogue the certificates produced on approval are described from
    // (type, name, template, validity); without it they carry the item's name.
    void setCatalog(const catalog::Catalog &catalog);
    // Where the 补正通知书 of a supplement request is written (the system's
    // temporary folder when empty); `preview` shows it for printing.
    void setNoticeOptions(const QString &directory, bool preview);
    // The last notice written, for tests and "print again".
    QString lastNoticeFile() const;

    // Shows `caseId`; false (and a message on the page) for an unknown case.
    bool showCase(const QString &caseId);
    QString caseId() const;
    cases::CaseState state() const;
    // The department the signed-in reviewer decides for on this case.
    QString department() const;

    // Records the decision with what is typed in the page (opinion, basis,
    // materials); false, with the reason shown, when something is missing or
    // the case does not allow it. Nothing is recorded then.
    bool decide(Decision decision);
    QString lastMessage() const;

signals:
    // A decision was recorded: the inbox and other pages refresh.
    void caseChanged(const QString &caseId);
    void backRequested();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ow::ui
