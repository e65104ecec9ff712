// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/syncpage.h"
#include "ow/ui/tr.h"

#include "ui_syncpage.h"

#include <ow/cases/event.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/outboxrepository.h>
#include <ow/storage/syncstaterepository.h>

#include <QHeaderView>
#include <QLocale>
#include <QShortcut>
#include <QStandardItemModel>

namespace ow::ui {

namespace {

QString localTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString eventTypeText(const QString &wireName)
{
    const auto type = cases::eventTypeFromName(wireName);
    return type ? cases::eventTypeDisplayName(*type) : wireName;
}

QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QList<QStandardItem *> row(const QStringList &cells)
{
    QList<QStandardItem *> items;
    for (const QString &cell : cells) {
        auto *item = new QStandardItem(cell);
        item->setEditable(false);
        item->setToolTip(cell);
        items.append(item);
    }
    return items;
}

} // namespace

SyncPage::SyncPage(const QSqlDatabase &store, sync::SyncEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<::Ui::SyncPage>())
    , m_store(store)
    , m_engine(engine)
    , m_pendingModel(new QStandardItemModel(this))
    , m_parkedModel(new QStandardItemModel(this))
    , m_attachmentsModel(new QStandardItemModel(this))
    , m_historyModel(new QStandardItemModel(this))
    , m_cases(std::make_unique<storage::CaseRepository>(store))
{
    m_ui->setupUi(this);
    setupTable(m_ui->pendingTableView, m_pendingModel,
               {Tr::tr("Case"), Tr::tr("Event"), Tr::tr("Recorded"), Tr::tr("Attempts"), Tr::tr("Last error")});
    setupTable(m_ui->parkedTableView, m_parkedModel,
               {Tr::tr("Case"), Tr::tr("Event"), Tr::tr("Recorded"), Tr::tr("Refused"), Tr::tr("Reason")});
    setupTable(m_ui->attachmentsTableView, m_attachmentsModel,
               {Tr::tr("SHA-256"), Tr::tr("Size"), Tr::tr("State"), Tr::tr("Attempts"), Tr::tr("Last error")});
    setupTable(m_ui->historyTableView, m_historyModel,
               {Tr::tr("Started"), Tr::tr("Finished"), Tr::tr("Sent"), Tr::tr("Received"), Tr::tr("Refused"),
                Tr::tr("Data"), Tr::tr("Outcome")});
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(0);
    m_ui->signInPushButton->setVisible(false);

    connect(m_ui->signInPushButton, &QPushButton::clicked, this, &SyncPage::signInRequested);
    auto *syncNow = new QShortcut(QKeySequence::Refresh, this);
    if (m_engine) {
        connect(m_ui->syncNowPushButton, &QPushButton::clicked, m_engine, &sync::SyncEngine::syncNow);
        connect(syncNow, &QShortcut::activated, m_engine, &sync::SyncEngine::syncNow);
        connect(m_engine, &sync::SyncEngine::stateChanged, this, &SyncPage::showState);
        connect(m_engine, &sync::SyncEngine::progress, this, &SyncPage::showProgress);
        connect(m_engine, &sync::SyncEngine::runFinished, this, &SyncPage::showResult);
        connect(m_engine, &sync::SyncEngine::eventRejected, this, &SyncPage::refresh);
    } else {
        m_ui->syncNowPushButton->setEnabled(false);
    }
    // The lists are read when the page is shown or refresh() is called, so
    // that whoever connects to parkedCountChanged() hears the first count.
    showState();
}

SyncPage::~SyncPage() = default;

void SyncPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void SyncPage::setupTable(QTableView *view, QStandardItemModel *model, const QStringList &headers)
{
    model->setHorizontalHeaderLabels(headers);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(headers.size() - 1, QHeaderView::Stretch);
}

void SyncPage::setSignInNeeded(bool needed)
{
    m_ui->signInPushButton->setVisible(needed);
    showState();
}

int SyncPage::pendingCount() const
{
    return m_pendingModel->rowCount();
}

int SyncPage::parkedCount() const
{
    return m_parkedModel->rowCount();
}

void SyncPage::showState()
{
    if (!m_engine) {
        m_ui->stateLabel->setText(Tr::tr("No central server is configured; work stays on this workstation."));
        return;
    }
    QString text = sync::SyncEngine::stateText(m_engine->state());
    if (m_engine->state() == sync::SyncEngine::State::WaitingToRetry && m_engine->nextRunAt().isValid())
        text = Tr::tr("%1 (next attempt at %2)").arg(text, QLocale().toString(m_engine->nextRunAt().toLocalTime().time(),
                                                                               QLocale::ShortFormat));
    if (m_ui->signInPushButton->isVisible())
        text = Tr::tr("%1 — sign in again to send your work.").arg(text);
    m_ui->stateLabel->setText(text);
    const bool running = m_engine->state() == sync::SyncEngine::State::Running;
    m_ui->progressBar->setRange(0, running ? 0 : 1); // busy indicator while a run goes
    m_ui->syncNowPushButton->setEnabled(!running);
}

void SyncPage::showProgress(const sync::SyncProgress &progress)
{
    QString phase;
    switch (progress.phase) {
    case sync::SyncProgress::Phase::Uploading:
        phase = Tr::tr("Uploading attachments");
        break;
    case sync::SyncProgress::Phase::Pushing:
        phase = Tr::tr("Sending");
        break;
    case sync::SyncProgress::Phase::Pulling:
        phase = Tr::tr("Receiving");
        break;
    case sync::SyncProgress::Phase::Verifying:
        phase = Tr::tr("Checking the server's log");
        break;
    }
    m_ui->progressLabel->setText(Tr::tr("%1: %2 sent, %3 received, %4 refused; %5 up, %6 down")
                                     .arg(phase)
                                     .arg(progress.pushed)
                                     .arg(progress.pulled)
                                     .arg(progress.parked)
                                     .arg(bytesText(progress.bytesSent), bytesText(progress.bytesReceived)));
}

void SyncPage::showResult(const sync::SyncResult &result)
{
    m_ui->progressBar->setRange(0, 1);
    m_ui->progressBar->setValue(result.ok() ? 1 : 0);
    m_ui->progressLabel->clear();
    refresh();
}

QString SyncPage::caseLabel(const QString &caseId)
{
    // Many events of a list belong to the same few cases: look each case up once per refresh.
    if (const auto it = m_caseLabels.constFind(caseId); it != m_caseLabels.cend())
        return *it;
    const auto record = m_cases->findById(caseId);
    const QString label = record && !record->caseNumber.isEmpty() ? record->caseNumber : caseId;
    m_caseLabels.insert(caseId, label);
    return label;
}

void SyncPage::refresh()
{
    m_caseLabels.clear();
    fillPending();
    fillParked();
    fillAttachments();
    fillHistory();
    m_ui->detailsTabWidget->setTabText(0, Tr::tr("Waiting to send (%1)").arg(pendingCount()));
    m_ui->detailsTabWidget->setTabText(1, Tr::tr("Refused by the server (%1)").arg(parkedCount()));
    if (parkedCount() != m_parkedCount) {
        m_parkedCount = parkedCount();
        emit parkedCountChanged(m_parkedCount);
    }
}

void SyncPage::fillPending()
{
    m_pendingModel->removeRows(0, m_pendingModel->rowCount());
    const QList<storage::OutboxEntry> entries = storage::OutboxRepository(m_store).pending(1000);
    for (const storage::OutboxEntry &entry : entries) {
        m_pendingModel->appendRow(row({caseLabel(entry.event.caseId), eventTypeText(entry.event.type),
                                       localTime(entry.queuedAt), QString::number(entry.attempts),
                                       entry.lastError}));
    }
}

void SyncPage::fillParked()
{
    m_parkedModel->removeRows(0, m_parkedModel->rowCount());
    const QList<storage::OutboxEntry> entries = storage::OutboxRepository(m_store).parked(1000);
    for (const storage::OutboxEntry &entry : entries) {
        m_parkedModel->appendRow(row({caseLabel(entry.event.caseId), eventTypeText(entry.event.type),
                                      localTime(entry.queuedAt), localTime(entry.lastAttemptAt),
                                      entry.lastError}));
    }
}

void SyncPage::fillAttachments()
{
    m_attachmentsModel->removeRows(0, m_attachmentsModel->rowCount());
    const storage::AttachmentRepository attachments(m_store);
    for (const storage::UploadState state : {storage::UploadState::Failed, storage::UploadState::Pending}) {
        for (const storage::AttachmentUpload &upload : attachments.uploads(state, 500)) {
            const QString stateText = state == storage::UploadState::Failed ? Tr::tr("Cannot be sent")
                                                                            : Tr::tr("Waiting");
            m_attachmentsModel->appendRow(row({upload.sha256.left(16), bytesText(upload.size), stateText,
                                               QString::number(upload.attempts), upload.lastError}));
        }
    }
}

void SyncPage::fillHistory()
{
    m_historyModel->removeRows(0, m_historyModel->rowCount());
    const QList<storage::SyncRunRecord> runs = storage::SyncStateRepository(m_store).syncRuns(100);
    const bool engineRunning = m_engine && m_engine->state() == sync::SyncEngine::State::Running;
    for (const storage::SyncRunRecord &run : runs) {
        QString outcome;
        switch (run.outcome) {
        case storage::SyncRunRecord::Outcome::Running:
            // Only the newest run can still be going; an older unfinished one was cut off.
            outcome = engineRunning && &run == &runs.first() ? Tr::tr("Running") : Tr::tr("Interrupted");
            break;
        case storage::SyncRunRecord::Outcome::Succeeded:
            outcome = Tr::tr("Succeeded");
            break;
        case storage::SyncRunRecord::Outcome::Failed:
            outcome = Tr::tr("Failed: %1").arg(run.error);
            break;
        }
        m_historyModel->appendRow(row({localTime(run.startedAt), localTime(run.finishedAt),
                                       QString::number(run.pushed), QString::number(run.pulled),
                                       QString::number(run.parked), bytesText(run.bytes), outcome}));
    }
    if (!runs.isEmpty()) {
        const storage::SyncRunRecord &last = runs.first();
        m_ui->lastRunLabel->setText(last.outcome == storage::SyncRunRecord::Outcome::Failed
                                        ? Tr::tr("%1, failed: %2").arg(localTime(last.startedAt), last.error)
                                        : localTime(last.finishedAt.isValid() ? last.finishedAt : last.startedAt));
    } else {
        m_ui->lastRunLabel->setText(Tr::tr("Never"));
    }
}

} // namespace ow::ui
