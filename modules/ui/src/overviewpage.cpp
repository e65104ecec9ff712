// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/overviewpage.h"
#include "ow/ui/tr.h"

#include "ui_overviewpage.h"

#include <ow/sync/connectionmonitor.h>

namespace ow::ui {

OverviewPage::OverviewPage(const Session &session, sync::ConnectionMonitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<::Ui::OverviewPage>())
    , m_monitor(monitor)
{
    m_ui->setupUi(this);
    m_ui->welcomeLabel->setText(Tr::tr("Welcome, %1").arg(session.userName));
    m_ui->operatorValueLabel->setText(session.userName);
    m_ui->serverValueLabel->setText(session.serverUrl.toDisplayString());
    m_ui->versionValueLabel->setText(QStringLiteral(ONEWINDOW_VERSION));
    m_ui->storeValueLabel->setText(session.dataDir.isEmpty() ? Tr::tr("Not opened") : session.dataDir);
    connect(m_monitor, &sync::ConnectionMonitor::probed, this, &OverviewPage::updateConnection);
    connect(m_ui->checkConnectionPushButton, &QPushButton::clicked, m_monitor,
            &sync::ConnectionMonitor::probe);
    updateConnection();
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::setStoreDescription(const QString &text)
{
    m_ui->storeValueLabel->setText(text);
}

void OverviewPage::updateConnection()
{
    m_ui->connectionValueLabel->setText(
        Tr::tr("%1: %2").arg(sync::ConnectionMonitor::stateText(m_monitor->state()), m_monitor->detail()));
    const QString version = m_monitor->serverVersion();
    m_ui->serverVersionValueLabel->setText(version.isEmpty() ? Tr::tr("unknown") : version);
}

} // namespace ow::ui
