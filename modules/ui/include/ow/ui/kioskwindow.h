// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/queue/ticket.h>

#include <QSqlDatabase>
#include <QWidget>

#include <memory>
#include <optional>

namespace ow::ui {

// The ticket kiosk (取号机, `onewindow --kiosk`): residents choose the green
// channel if it applies to them (elderly, disabled, appointment check-in),
// then touch their service category and get a ticket with how many people
// wait ahead. The ticket is written to the same local store the windows and
// the display read; no one signs in. A printer prints the slip; without one
// it can be saved as PDF.
class OW_UI_EXPORT KioskWindow : public QWidget
{
    Q_OBJECT

public:
    explicit KioskWindow(const QSqlDatabase &db, QWidget *parent = nullptr);
    ~KioskWindow() override;

    // Issues a ticket as a touch on the category's button does (with the
    // priority option chosen on screen, then back to normal).
    std::optional<queue::Ticket> issue(const QString &category);
    std::optional<queue::Ticket> lastTicket() const;
    // Tickets of the same category called before the last one.
    int aheadOfLast() const;
    // The last ticket's slip as a one-page PDF.
    bool saveSlip(const QString &path, QString *error = nullptr) const;
    QString errorText() const;

signals:
    void ticketIssued(const QString &number);

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace ow::ui
