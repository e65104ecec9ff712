// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/queue/ticket.h>
#include <ow/queue/ticketqueue.h>

#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ow::ui {

// The centre's service categories and windows, shared by the window's 叫号
// page, the ticket kiosk and the display so that all three number and call
// the same way. Kept in the store's settings ("queue.categories",
// "queue.windows": JSON arrays of {"code", "name"[, "categories"]}); a centre
// that set nothing gets the default set.
struct OW_UI_EXPORT QueueConfig
{
    QList<queue::ServiceCategory> categories;
    QList<queue::ServiceWindow> windows;

    static QueueConfig defaults();
    // The store's configuration, else the defaults; a setting that cannot be
    // read falls back to the defaults too (and says why in `warning`).
    static QueueConfig load(const QSqlDatabase &db, QString *warning = nullptr);

    // The setting that names this workstation's window.
    static QString windowSettingKey() { return QStringLiteral("queue.window"); }
    static QString defaultWindowCode() { return QStringLiteral("01"); }

    QString categoryName(const QString &code) const;
    QString windowName(const QString &code) const;
    bool hasWindow(const QString &code) const;
    // Adds a window that calls every category (a workstation configured for a
    // window the centre's list does not name still works).
    void ensureWindow(const QString &code);

    // Today's queue as the store holds it; nullopt with `error` when it cannot be read.
    std::optional<queue::TicketQueue> loadQueue(const QSqlDatabase &db, const QDate &day, QString *error) const;
};

// "A012" for the display and the kiosk, with its category's name.
OW_UI_EXPORT QString ticketLabel(const QueueConfig &config, const queue::Ticket &ticket);
// "5 min" style duration for waiting and service times.
OW_UI_EXPORT QString queueDuration(qint64 seconds);

} // namespace ow::ui
