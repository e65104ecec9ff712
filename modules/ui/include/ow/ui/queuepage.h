// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/queue/ticket.h>

#include <QSqlDatabase>
#include <QWidget>

#include <memory>
#include <optional>

namespace ow::ui {

class QueueEvaluationDialog;
class QueueTransferDialog;

// The window's 叫号 page: call the next ticket (the green channel first) or a
// particular one, call again (重呼), pause the window (暂停), give up a ticket
// whose resident did not come (弃号), park one while the resident fetches a
// document and call it back (挂起 / 回呼), transfer it to another window or
// category (转移), start and finish the service and take the resident's
// evaluation (好差评). Every change is saved at once in the workstation's
// store, and the queue is read back from it before each operation, so the
// kiosk, the display and the other windows always agree.
class OW_UI_EXPORT QueuePage : public QWidget
{
    Q_OBJECT

public:
    QueuePage(const QSqlDatabase &db, const Session &session, QWidget *parent = nullptr);
    ~QueuePage() override;

    QString windowCode() const;
    // Changes this workstation's window (kept in the store's settings).
    bool setWindowCode(const QString &code);

    // The ticket at this window (called or being served), if any.
    std::optional<queue::Ticket> currentTicket() const;
    // Links the case the clerk records for the resident being served to the
    // ticket, so the evaluation also goes to the case. False (with the
    // reason on the page) when there is no ticket at the window.
    bool attachCase(const QString &caseId);

    // The dialogs of the last transfer and finished service, for tests and
    // screenshots; null before.
    QueueTransferDialog *transferDialog() const;
    QueueEvaluationDialog *evaluationDialog() const;
    // The last message shown (plain text) and whether it was an error.
    QString statusText() const;
    bool statusIsError() const;

public slots:
    // Reads the queue back from the store (the kiosk and other windows write it too).
    void refresh();

signals:
    // The window's ticket changed: a call, a transfer away, the end of service.
    // `number` is empty when the window has none.
    void currentTicketChanged(const QString &number, const QString &caseId);

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace ow::ui
