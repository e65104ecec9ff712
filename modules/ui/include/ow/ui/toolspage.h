// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/core/workingcalendar.h>

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

private:
    void checkIdentity();
    void computeDeadline();
    QString describeIdCard(const QString &input) const;
    QString describeCreditCode(const QString &input) const;

    const std::unique_ptr<::Ui::ToolsPage> m_ui;
    core::WorkingCalendar m_calendar;
};

} // namespace ow::ui
