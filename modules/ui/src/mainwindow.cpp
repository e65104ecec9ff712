// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/mainwindow.h"
#include "ow/ui/tr.h"

#include "ui_mainwindow.h"

#include <ow/sync/connectionmonitor.h>

#include <QCloseEvent>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace ow::ui {

namespace {
const int kPageIdRole = Qt::UserRole + 1;
} // namespace

MainWindow::MainWindow(const Session &session, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<::Ui::MainWindow>())
    , m_session(session)
    , m_monitor(new sync::ConnectionMonitor(this))
{
    m_ui->setupUi(this);
    setWindowTitle(Tr::tr("OneWindow — %1").arg(session.userName));
    connect(m_ui->navigationListWidget, &QListWidget::currentRowChanged, m_ui->pageStackedWidget,
            &QStackedWidget::setCurrentIndex);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->signOutAction, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    setupStatusBar();
    m_monitor->setServerUrl(session.serverUrl);
    connect(m_monitor, &sync::ConnectionMonitor::probed, this, &MainWindow::updateConnectionState);
    m_monitor->start();
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatusLabel"));
    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(QStringLiteral("pendingSyncStatusLabel"));
    QString operatorText = Tr::tr("Operator: %1").arg(m_session.userName);
    if (!m_session.user.user.officeName.isEmpty())
        operatorText = Tr::tr("%1 · %2").arg(operatorText, m_session.user.user.officeName);
    m_operatorLabel = new QLabel(operatorText, this);
    if (!m_session.user.user.id.isEmpty() && !m_session.user.isOnline())
        m_operatorLabel->setToolTip(Tr::tr("Signed in offline with the credential cached at the last online "
                                           "sign-in; work is synced when the server can be reached."));
    m_operatorLabel->setObjectName(QStringLiteral("operatorStatusLabel"));
    statusBar()->addPermanentWidget(m_operatorLabel);
    m_syncLabel = new QLabel(this);
    m_syncLabel->setObjectName(QStringLiteral("syncStatusLabel"));
    statusBar()->addPermanentWidget(m_syncLabel);
    statusBar()->addPermanentWidget(m_pendingLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    setPendingSyncCount(0);
    updateConnectionState();
}

void MainWindow::addPage(const QString &id, const QIcon &icon, const QString &title, QWidget *page)
{
    page->setObjectName(id + QStringLiteral("Page"));
    m_ui->pageStackedWidget->addWidget(page);
    auto *item = new QListWidgetItem(icon, title, m_ui->navigationListWidget);
    item->setData(kPageIdRole, id);
    if (m_ui->navigationListWidget->count() == 1)
        m_ui->navigationListWidget->setCurrentRow(0);
}

void MainWindow::setPageTitle(const QString &id, const QString &title)
{
    for (int row = 0; row < m_ui->navigationListWidget->count(); ++row) {
        QListWidgetItem *item = m_ui->navigationListWidget->item(row);
        if (item->data(kPageIdRole).toString() == id)
            item->setText(title);
    }
}

void MainWindow::setSyncStatus(const QString &text, const QString &detail)
{
    m_syncLabel->setText(text);
    m_syncLabel->setToolTip(detail);
}

void MainWindow::showPage(const QString &id)
{
    for (int row = 0; row < m_ui->navigationListWidget->count(); ++row) {
        if (m_ui->navigationListWidget->item(row)->data(kPageIdRole).toString() == id) {
            m_ui->navigationListWidget->setCurrentRow(row);
            return;
        }
    }
}

QString MainWindow::currentPageId() const
{
    const auto *item = m_ui->navigationListWidget->currentItem();
    return item ? item->data(kPageIdRole).toString() : QString();
}

void MainWindow::setPendingSyncCount(int count)
{
    m_pendingLabel->setText(Tr::tr("Waiting to sync: %n", nullptr, count));
    m_pendingLabel->setToolTip(Tr::tr("Events recorded here that the central server has not received yet."));
}

void MainWindow::updateConnectionState()
{
    using State = sync::ConnectionMonitor::State;
    const State state = m_monitor->state();
    const char *colour = state == State::Online ? "#1b873f" : state == State::Degraded ? "#b58105" : "#b3261e";
    m_connectionLabel->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                                   .arg(QLatin1String(colour), sync::ConnectionMonitor::stateText(state)));
    m_connectionLabel->setToolTip(m_monitor->detail());
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, Tr::tr("About OneWindow"),
        Tr::tr("<h3>OneWindow %1</h3>"
               "<p>The workstation of the comprehensive government service centre: one window accepts "
               "any service item, the back office reviews by department, one window hands out results.</p>"
               "<p>Cases are kept in an encrypted local store and synced with the central server, so "
               "township and village offices keep serving residents when the network is down.</p>"
               "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(ONEWINDOW_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1200, 780);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    m_monitor->stop();
    event->accept();
}

} // namespace ow::ui
