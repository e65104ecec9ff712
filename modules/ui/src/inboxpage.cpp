// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/inboxpage.h"

#include "ow/ui/inboxmodel.h"
#include "ow/ui/tr.h"
#include "ui_inboxpage.h"

#include <ow/cases/casestate.h>
#include <ow/cases/timelimitclock.h>
#include <ow/storage/casejournal.h>

#include <QElapsedTimer>
#include <QHeaderView>
#include <QKeyEvent>
#include <QShortcut>
#include <QTimer>

namespace ow::ui {

namespace {

enum class Due { Any, Overdue, OneDay, ThreeDays };
const QString kIncludingConcluded = QStringLiteral("*concluded*");
enum class ClaimChoice { Any, Unclaimed, Mine };

} // namespace

class InboxPage::Private
{
public:
    Private(InboxPage *page, const QSqlDatabase &store, const Session &session,
            const core::WorkingCalendar &calendar)
        : q(page)
        , db(store)
        , session(session)
        , calendar(calendar)
        , model(new InboxModel(store, calendar, page))
    { }

    void setUpFilters();
    void fillChoices();
    storage::InboxFilter currentFilter() const;
    void applyFilter(bool typing = false);
    void updateCount();
    void updateActions();
    bool recordClaim(bool claim);
    void showProblem(const QString &message);
    void showInfo(const QString &message);

    InboxPage *q;
    Ui::InboxPage ui;
    QSqlDatabase db;
    Session session;
    core::WorkingCalendar calendar;
    InboxModel *model;
    QElapsedTimer loadedAt;
    // While the reviewer types, the count waits for a pause: counting what a
    // text matches may walk the whole inbox, the rows never need to.
    QTimer countTimer;
    bool filling = false;
};

void InboxPage::Private::setUpFilters()
{
    const QStringList departments = session.user.user.departments;
    for (const QString &department : departments)
        ui.departmentComboBox->addItem(department, department);
    ui.departmentComboBox->setEnabled(departments.size() > 1);

    ui.stateComboBox->addItem(Tr::tr("All open cases"), QString());
    for (const cases::CaseStatus status : {cases::CaseStatus::UnderReview, cases::CaseStatus::SupplementPending,
                                           cases::CaseStatus::Suspended})
        ui.stateComboBox->addItem(cases::caseStatusDisplayName(status), cases::caseStatusName(status));
    // Concluded cases too, e.g. those approved at the window by smart approval.
    ui.stateComboBox->addItem(Tr::tr("Including concluded"), kIncludingConcluded);

    ui.dueComboBox->addItem(Tr::tr("Any time left"), int(Due::Any));
    ui.dueComboBox->addItem(Tr::tr("Overdue"), int(Due::Overdue));
    ui.dueComboBox->addItem(Tr::tr("Due within 1 working day"), int(Due::OneDay));
    ui.dueComboBox->addItem(Tr::tr("Due within 3 working days"), int(Due::ThreeDays));

    ui.claimComboBox->addItem(Tr::tr("Claimed or not"), int(ClaimChoice::Any));
    ui.claimComboBox->addItem(Tr::tr("Unclaimed"), int(ClaimChoice::Unclaimed));
    ui.claimComboBox->addItem(Tr::tr("Claimed by me"), int(ClaimChoice::Mine));
}

// The items and offices offered are those of the department's open cases.
void InboxPage::Private::fillChoices()
{
    filling = true;
    const QString department = ui.departmentComboBox->currentData().toString();
    storage::InboxRepository inbox(db);
    const QString item = ui.itemComboBox->currentData().toString();
    ui.itemComboBox->clear();
    ui.itemComboBox->addItem(Tr::tr("All items"), QString());
    for (const QString &code : inbox.itemCodes(department))
        ui.itemComboBox->addItem(code, code);
    ui.itemComboBox->setCurrentIndex(std::max(0, ui.itemComboBox->findData(item)));
    const QString office = ui.officeComboBox->currentData().toString();
    ui.officeComboBox->clear();
    ui.officeComboBox->addItem(Tr::tr("All offices"), QString());
    for (const QString &code : inbox.offices(department))
        ui.officeComboBox->addItem(code, code);
    ui.officeComboBox->setCurrentIndex(std::max(0, ui.officeComboBox->findData(office)));
    filling = false;
}

storage::InboxFilter InboxPage::Private::currentFilter() const
{
    storage::InboxFilter filter(ui.departmentComboBox->currentData().toString());
    filter.text = ui.searchLineEdit->text();
    filter.itemCode = ui.itemComboBox->currentData().toString();
    filter.office = ui.officeComboBox->currentData().toString();
    filter.state = ui.stateComboBox->currentData().toString();
    if (filter.state == kIncludingConcluded) {
        filter.state.clear();
        filter.openOnly = false;
    }
    const QDate today = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
    switch (Due(ui.dueComboBox->currentData().toInt())) {
    case Due::Any:
        break;
    case Due::Overdue:
        filter.dueBy = today.addDays(-1);
        break;
    case Due::OneDay:
        filter.dueBy = calendar.addWorkingDays(today, 1).value_or(today.addDays(1));
        break;
    case Due::ThreeDays:
        filter.dueBy = calendar.addWorkingDays(today, 3).value_or(today.addDays(3));
        break;
    }
    switch (ClaimChoice(ui.claimComboBox->currentData().toInt())) {
    case ClaimChoice::Any:
        break;
    case ClaimChoice::Unclaimed:
        filter.claim = storage::InboxFilter::Claim::Unclaimed;
        break;
    case ClaimChoice::Mine:
        filter.claim = storage::InboxFilter::Claim::ClaimedBy;
        filter.claimedBy = session.user.user.id;
        break;
    }
    return filter;
}

void InboxPage::Private::applyFilter(bool typing)
{
    if (filling)
        return;
    model->setFilter(currentFilter());
    loadedAt.start();
    if (model->rowCount() > 0)
        ui.casesTableView->selectRow(0);
    if (typing) {
        ui.countLabel->setText(Tr::tr("Counting…"));
        countTimer.start();
    } else {
        countTimer.stop();
        updateCount();
    }
    updateActions();
}

void InboxPage::Private::updateCount()
{
    bool capped = false;
    const qint64 total = model->totalCount(&capped);
    ui.countLabel->setText(total < 0 ? QString()
                               : capped ? Tr::tr("More than %n case(s)", nullptr, int(total))
                                        : Tr::tr("%n case(s)", nullptr, int(total)));
}

void InboxPage::Private::updateActions()
{
    const QString caseId = q->currentCaseId();
    const storage::InboxRow row = model->row(ui.casesTableView->currentIndex().row());
    const bool open = !caseId.isEmpty() && row.open && row.state == QLatin1String("under-review");
    const QString me = session.user.user.id;
    ui.claimButton->setEnabled(open && row.assignee.isEmpty());
    ui.releaseButton->setEnabled(open && row.assignee == me);
    ui.openButton->setEnabled(!caseId.isEmpty());
}

void InboxPage::Private::showProblem(const QString &message)
{
    ui.statusLabel->setStyleSheet(QStringLiteral("color:#c62828"));
    ui.statusLabel->setText(message);
}

void InboxPage::Private::showInfo(const QString &message)
{
    ui.statusLabel->setStyleSheet(QString());
    ui.statusLabel->setText(message);
}

bool InboxPage::Private::recordClaim(bool claim)
{
    const QString caseId = q->currentCaseId();
    const QString department = ui.departmentComboBox->currentData().toString();
    if (caseId.isEmpty()) {
        showProblem(Tr::tr("Select a case first."));
        return false;
    }
    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    journal.setCalendar(calendar);
    const cases::CaseState state = journal.state(caseId);
    QJsonObject payload = state.review.plan().toJson();
    const QString me = session.user.user.id;
    payload.insert(QStringLiteral("assignee"),
                   QJsonObject {{QStringLiteral("department"), department},
                                {QStringLiteral("userId"), claim ? me : QString()}});
    cases::Actor actor;
    actor.userId = me;
    const auto result = journal.record(
        cases::Event::make(caseId, cases::EventType::Routed, actor, payload, QDateTime::currentDateTimeUtc()),
        cases::Role::Reviewer);
    if (!result.isValid()) {
        showProblem(claim ? Tr::tr("The case could not be claimed: %1").arg(result.message)
                          : Tr::tr("The case could not be released: %1").arg(result.message));
        model->reload();
        return false;
    }
    const QString number = state.caseNumber;
    model->reload();
    const int row = model->rowOfCase(caseId);
    if (row >= 0)
        ui.casesTableView->selectRow(row);
    updateActions();
    showInfo(claim ? Tr::tr("Claimed %1.").arg(number) : Tr::tr("Released %1.").arg(number));
    return true;
}

InboxPage::InboxPage(const QSqlDatabase &store, const Session &session, const core::WorkingCalendar &calendar,
                     QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, store, session, calendar))
{
    d->ui.setupUi(this);
    d->setUpFilters();
    QTableView *view = d->ui.casesTableView;
    view->setModel(d->model);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setSortIndicator(InboxModel::Deadline, Qt::AscendingOrder);
    view->setColumnWidth(InboxModel::Light, 36);
    view->setColumnWidth(InboxModel::CaseNumber, 215);
    view->setColumnWidth(InboxModel::Applicant, 80);
    view->setColumnWidth(InboxModel::Item, 150);
    view->setColumnWidth(InboxModel::Office, 85);
    view->setColumnWidth(InboxModel::State, 80);
    view->setColumnWidth(InboxModel::Accepted, 125);
    view->setColumnWidth(InboxModel::Deadline, 95);
    view->setColumnWidth(InboxModel::Remaining, 140);
    view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);

    d->countTimer.setSingleShot(true);
    d->countTimer.setInterval(250);
    connect(&d->countTimer, &QTimer::timeout, this, [this] { d->updateCount(); });
    connect(d->ui.searchLineEdit, &QLineEdit::textChanged, this, [this] { d->applyFilter(true); });
    for (QComboBox *box : {d->ui.itemComboBox, d->ui.officeComboBox, d->ui.stateComboBox, d->ui.dueComboBox,
                           d->ui.claimComboBox})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { d->applyFilter(); });
    connect(d->ui.departmentComboBox, &QComboBox::currentIndexChanged, this, [this] {
        d->fillChoices();
        d->applyFilter();
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { d->updateActions(); });
    connect(d->model, &QAbstractItemModel::modelReset, this, [this] { d->updateActions(); });
    connect(d->model, &InboxModel::loadFailed, this, [this](const QString &message) { d->showProblem(message); });
    connect(d->ui.claimButton, &QPushButton::clicked, this, [this] { claimCurrent(); });
    connect(d->ui.releaseButton, &QPushButton::clicked, this, [this] { releaseCurrent(); });
    connect(d->ui.refreshButton, &QPushButton::clicked, this, &InboxPage::refresh);
    connect(d->ui.openButton, &QPushButton::clicked, this, [this] {
        if (const QString id = currentCaseId(); !id.isEmpty())
            emit caseOpened(id);
    });
    connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        emit caseOpened(d->model->data(index, InboxModel::CaseIdRole).toString());
    });

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        d->ui.searchLineEdit->setFocus();
        d->ui.searchLineEdit->selectAll();
    });
    auto *claim = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    connect(claim, &QShortcut::activated, this, [this] { claimCurrent(); });
    auto *reload = new QShortcut(QKeySequence::Refresh, this);
    connect(reload, &QShortcut::activated, this, &InboxPage::refresh);

    if (session.user.user.departments.isEmpty())
        d->showProblem(Tr::tr("Your account belongs to no department; ask the administrator to assign one."));
    d->fillChoices();
    d->applyFilter();
}

InboxPage::~InboxPage() = default;

InboxModel *InboxPage::model() const
{
    return d->model;
}

QTableView *InboxPage::view() const
{
    return d->ui.casesTableView;
}

QString InboxPage::currentCaseId() const
{
    const QModelIndex index = d->ui.casesTableView->currentIndex();
    return index.isValid() ? d->model->data(index, InboxModel::CaseIdRole).toString() : QString();
}

void InboxPage::refresh()
{
    const QString current = currentCaseId();
    d->fillChoices();
    d->model->reload();
    d->loadedAt.start();
    const int row = d->model->rowOfCase(current);
    d->ui.casesTableView->selectRow(row >= 0 ? row : 0);
    d->updateCount();
    d->updateActions();
}

bool InboxPage::claimCurrent()
{
    return d->recordClaim(true);
}

bool InboxPage::releaseCurrent()
{
    return d->recordClaim(false);
}

void InboxPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Coming back to the page shows what sync brought meanwhile; the first
    // showing follows the load in the constructor.
    if (d->loadedAt.isValid() && d->loadedAt.elapsed() > 1000)
        refresh();
}

} // namespace ow::ui
