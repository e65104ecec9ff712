// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/core/workingcalendar.h>

#include <QSqlDatabase>
#include <QWidget>

#include <memory>

class QTableView;

namespace Ui {
class InboxPage;
}

namespace ow::ui {

class InboxModel;

// 待办: the reviewer's department inbox. Cases routed to the department, by
// default the open ones earliest deadline first, with their time-limit light;
// filters by text, item, office of origin, state, time left and claim; claim
// (认领) and release record a `routed` event, so other workstations see the
// claim after sync and the server refuses a case claimed twice.
class OW_UI_EXPORT InboxPage : public QWidget
{
    Q_OBJECT

public:
    InboxPage(const QSqlDatabase &store, const Session &session, const core::WorkingCalendar &calendar,
              QWidget *parent = nullptr);
    ~InboxPage() override;

    InboxModel *model() const;
    QTableView *view() const;
    // The case of the selected row, or empty.
    QString currentCaseId() const;
    // Re-reads the inbox (another workstation's events arrived by sync).
    void refresh();

    // Claims or releases the selected case for the signed-in user; false with
    // the reason shown on the page.
    bool claimCurrent();
    bool releaseCurrent();

signals:
    // Enter or the Open button on a row: the review page takes over.
    void caseOpened(const QString &caseId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace ow::ui
