// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>
#include <ow/core/workingcalendar.h>

#include <QSqlDatabase>
#include <QWidget>

#include <memory>

namespace Ui {
class ToolsPage;
}

namespace ow::ui {

// Desk tools (办事工具) a clerk reaches for all day: check an ID-card number or
// a unified social credit code while the applicant waits, and work out the
// date a time limit in working days ends on the centre's calendar.
class OW_UI_EXPORT ToolsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ToolsPage(core::WorkingCalendar calendar, QWidget *parent = nullptr);
    ~ToolsPage() override;

    // Shows the certificate tools: 验证证照 with the catalogue's authority
    // keys, and for administrators the printer calibration kept in `db`.
    void setCertificateTools(const QSqlDatabase &db, const catalog::Catalog &catalog, bool canCalibrate);

private:
    void checkIdentity();
    void computeDeadline();
    QString describeIdCard(const QString &input) const;
    QString describeCreditCode(const QString &input) const;

    const std::unique_ptr<::Ui::ToolsPage> m_ui;
    core::WorkingCalendar m_calendar;
    QSqlDatabase m_db;
    catalog::Catalog m_catalog;
};

} // namespace ow::ui
