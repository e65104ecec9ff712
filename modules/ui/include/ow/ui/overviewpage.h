// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <QWidget>

#include <memory>

namespace Ui {
class OverviewPage;
}

namespace ow::sync {
class ConnectionMonitor;
}

namespace ow::ui {

// Landing page (工作台): who is signed in, the server and its state, where the
// local store lives. Later issues add the day's queue and case figures here.
class OW_UI_EXPORT OverviewPage : public QWidget
{
    Q_OBJECT

public:
    OverviewPage(const Session &session, sync::ConnectionMonitor *monitor, QWidget *parent = nullptr);
    ~OverviewPage() override;

    void setStoreDescription(const QString &text);

private:
    void updateConnection();

    const std::unique_ptr<::Ui::OverviewPage> m_ui;
    sync::ConnectionMonitor *m_monitor;
};

} // namespace ow::ui
