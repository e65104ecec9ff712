// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/sync/syncengine.h>

#include <QHash>
#include <QPointer>
#include <QSqlDatabase>
#include <QWidget>

#include <memory>

class QStandardItemModel;

namespace ow::storage {
class CaseRepository;
}
class QTableView;

namespace Ui {
class SyncPage;
}

namespace ow::ui {

// 同步: what the sync engine is doing and everything that has not reached
// the central server yet — each waiting event with its attempts and last
// error, events the server refused with its reason and their case,
// attachments still to upload, and the history of runs. Nothing sits in the
// outbox without the clerk being able to see it here.
class OW_UI_EXPORT SyncPage : public QWidget
{
    Q_OBJECT

public:
    // `store` is the UI thread's connection; `engine` may be null (no server configured).
    SyncPage(const QSqlDatabase &store, sync::SyncEngine *engine, QWidget *parent = nullptr);
    ~SyncPage() override;

    // Re-reads the outbox, refusals, uploads and history from the store.
    void refresh();
    // Shows or hides "Sign in to sync" (offline sign-in, or the token was refused).
    void setSignInNeeded(bool needed);

    int pendingCount() const;
    int parkedCount() const;

signals:
    void signInRequested();
    // The number of refused events changed (for a badge in the navigation).
    void parkedCountChanged(int count);

protected:
    // The outbox changes with every case recorded: opening the page shows it as it is now.
    void showEvent(QShowEvent *event) override;

private:
    void showState();
    void showProgress(const sync::SyncProgress &progress);
    void showResult(const sync::SyncResult &result);
    void fillPending();
    void fillParked();
    void fillAttachments();
    void fillHistory();
    QString caseLabel(const QString &caseId);
    static void setupTable(QTableView *view, QStandardItemModel *model, const QStringList &headers);

    const std::unique_ptr<::Ui::SyncPage> m_ui;
    QSqlDatabase m_store;
    QPointer<sync::SyncEngine> m_engine;
    QStandardItemModel *m_pendingModel;
    QStandardItemModel *m_parkedModel;
    QStandardItemModel *m_attachmentsModel;
    QStandardItemModel *m_historyModel;
    std::unique_ptr<storage::CaseRepository> m_cases;
    QHash<QString, QString> m_caseLabels; // case id → case number, for one refresh
    int m_parkedCount = -1;
};

} // namespace ow::ui
