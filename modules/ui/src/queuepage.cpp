// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/queuepage.h"
#include "ow/ui/queueconfig.h"
#include "ow/ui/queuedialogs.h"
#include "ow/ui/tr.h"

#include "ui_queuepage.h"

#include <ow/cases/statemachine.h>
#include <ow/core/workingcalendar.h>
#include <ow/queue/queuestore.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/settingsrepository.h>
#include <ow/storage/transaction.h>

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QShortcut>
#include <QTimer>

#include <functional>

namespace ow::ui {

namespace {

constexpr int refreshIntervalMs = 2000;

QString stateStyle(bool error)
{
    return error ? QStringLiteral("color:#b3261e; font-weight:bold") : QStringLiteral("color:#1b5e20");
}

} // namespace

class QueuePage::Private
{
public:
    using Operation = std::function<queue::TicketQueue::Result(queue::TicketQueue &, const QDateTime &)>;

    Private(QueuePage *q, const QSqlDatabase &db, const Session &session)
        : q(q)
        , db(db)
        , session(session)
        , settings(db)
    { }

    void setupUi();
    bool reload();
    void updateView();
    void fillWaiting();
    void fillParked();
    void updateCurrent();
    void updateButtons();
    void showStatus(const QString &text, bool error);
    // Reads the queue back, applies `operation`, saves the ticket it changed.
    std::optional<queue::Ticket> run(const Operation &operation);

    void callNext();
    void callNumber(const QString &number);
    void callBack();
    void recall();
    void start();
    void finish();
    void noShow();
    void park();
    void transfer();
    void togglePause(bool paused);
    void evaluate(const queue::Ticket &ticket);
    QString recordCaseEvaluation(const queue::Ticket &ticket);
    void selectWindow(int index);

    cases::Role role() const;

    QueuePage *q;
    ::Ui::QueuePage ui;
    QSqlDatabase db;
    Session session;
    storage::SettingsRepository settings;
    QueueConfig config;
    QString window;
    std::optional<queue::TicketQueue> queue;
    QString lastNumber;
    QString lastCaseId;
    QString status;
    bool statusError = false;
    QPointer<QueueTransferDialog> transferDialog;
    QPointer<QueueEvaluationDialog> evaluationDialog;
    QTimer *refreshTimer = nullptr;
};

void QueuePage::Private::setupUi()
{
    ui.setupUi(q);
    QFont big = ui.currentNumberLabel->font();
    big.setPointSize(std::max(big.pointSize(), 10) * 3);
    big.setBold(true);
    ui.currentNumberLabel->setFont(big);
    ui.currentNumberLabel->setMinimumHeight(QFontMetrics(big).height() + 8);
    for (QTreeWidget *tree : {ui.waitingTreeWidget, ui.parkedTreeWidget})
        tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    for (const queue::ServiceWindow &w : config.windows)
        ui.windowComboBox->addItem(w.name, w.code);
    ui.windowComboBox->setCurrentIndex(ui.windowComboBox->findData(window));

    // Set after the texts: QAbstractButton::setText() replaces a button's shortcut with its mnemonic.
    const QList<std::pair<QPushButton *, Qt::Key>> keys{
        {ui.callNextPushButton, Qt::Key_F2}, {ui.recallPushButton, Qt::Key_F3},
        {ui.startPushButton, Qt::Key_F4},    {ui.finishPushButton, Qt::Key_F5},
        {ui.noShowPushButton, Qt::Key_F6},   {ui.parkPushButton, Qt::Key_F7},
        {ui.transferPushButton, Qt::Key_F8}, {ui.pausePushButton, Qt::Key_F9},
        {ui.callBackPushButton, Qt::Key_F10},
    };
    for (const auto &[button, key] : keys)
        button->setShortcut(QKeySequence(key));

    QObject::connect(ui.windowComboBox, &QComboBox::activated, q, [this](int index) { selectWindow(index); });
    QObject::connect(ui.callNextPushButton, &QPushButton::clicked, q, [this] { callNext(); });
    QObject::connect(ui.recallPushButton, &QPushButton::clicked, q, [this] { recall(); });
    QObject::connect(ui.startPushButton, &QPushButton::clicked, q, [this] { start(); });
    QObject::connect(ui.finishPushButton, &QPushButton::clicked, q, [this] { finish(); });
    QObject::connect(ui.noShowPushButton, &QPushButton::clicked, q, [this] { noShow(); });
    QObject::connect(ui.parkPushButton, &QPushButton::clicked, q, [this] { park(); });
    QObject::connect(ui.transferPushButton, &QPushButton::clicked, q, [this] { transfer(); });
    QObject::connect(ui.callBackPushButton, &QPushButton::clicked, q, [this] { callBack(); });
    QObject::connect(ui.pausePushButton, &QPushButton::clicked, q, [this](bool on) { togglePause(on); });
    QObject::connect(ui.callNumberPushButton, &QPushButton::clicked, q,
                     [this] { callNumber(ui.callNumberLineEdit->text()); });
    QObject::connect(ui.callNumberLineEdit, &QLineEdit::returnPressed, q,
                     [this] { callNumber(ui.callNumberLineEdit->text()); });
    QObject::connect(ui.parkedTreeWidget, &QTreeWidget::itemActivated, q, [this] { callBack(); });
    auto *focusNumber = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), q);
    QObject::connect(focusNumber, &QShortcut::activated, q, [this] {
        ui.callNumberLineEdit->setFocus();
        ui.callNumberLineEdit->selectAll();
    });

    refreshTimer = new QTimer(q);
    QObject::connect(refreshTimer, &QTimer::timeout, q, [this] {
        // A failed read keeps what is shown; the next operation reports it.
        if (q->isVisible())
            reload();
        updateView();
    });
    refreshTimer->start(refreshIntervalMs);
}

cases::Role QueuePage::Private::role() const
{
    const sync::UserProfile &user = session.user.user;
    if (user.hasRole(cases::Role::Clerk))
        return cases::Role::Clerk;
    if (user.hasRole(cases::Role::Agent))
        return cases::Role::Agent;
    return user.primaryRole();
}

bool QueuePage::Private::reload()
{
    QString error;
    auto loaded = config.loadQueue(db, QDate::currentDate(), &error);
    if (!loaded) {
        showStatus(Tr::tr("The queue cannot be read from the local store: %1").arg(error), true);
        return false;
    }
    queue = std::move(loaded);
    return true;
}

void QueuePage::Private::showStatus(const QString &text, bool error)
{
    status = text;
    statusError = error;
    ui.statusLabel->setStyleSheet(stateStyle(error));
    ui.statusLabel->setText(text);
}

std::optional<queue::Ticket> QueuePage::Private::run(const Operation &operation)
{
    // Read, decide and write under the store's write lock: two windows
    // pressing "call next" at once never get the same resident.
    std::optional<queue::TicketQueue::Result> result;
    {
        storage::Transaction transaction(db);
        if (!transaction.isActive()) {
            showStatus(Tr::tr("Not saved: %1").arg(transaction.lastError().text()), true);
            return std::nullopt;
        }
        if (!reload()) {
            updateView();
            return std::nullopt;
        }
        result = operation(*queue, QDateTime::currentDateTime());
        if (!result->ok()) {
            showStatus(result->error, true);
            updateView();
            return std::nullopt;
        }
        queue::QueueStore store(db, queue->day());
        if (!store.save(*result->ticket) || !transaction.commit()) {
            const QString error
                = store.lastError().isEmpty() ? transaction.lastError().text() : store.lastError();
            transaction.rollback();
            showStatus(Tr::tr("Not saved: %1").arg(error), true);
            result.reset();
        }
    }
    if (!result) {
        reload();
        updateView();
        return std::nullopt;
    }
    updateView();
    return result->ticket;
}

void QueuePage::Private::callNext()
{
    const QString w = window;
    if (const auto ticket = run([w](queue::TicketQueue &tq, const QDateTime &now) { return tq.callNext(w, now); }))
        showStatus(Tr::tr("Calling %1 to %2.").arg(ticketLabel(config, *ticket), config.windowName(w)), false);
}

void QueuePage::Private::callNumber(const QString &number)
{
    const QString wanted = number.trimmed().toUpper();
    if (wanted.isEmpty()) {
        showStatus(Tr::tr("Type the ticket number to call, e.g. A012."), true);
        ui.callNumberLineEdit->setFocus();
        return;
    }
    const QString w = window;
    if (const auto ticket = run([w, wanted](queue::TicketQueue &tq, const QDateTime &now) {
            return tq.callNumber(w, wanted, now);
        })) {
        ui.callNumberLineEdit->clear();
        showStatus(Tr::tr("Calling %1 to %2.").arg(ticketLabel(config, *ticket), config.windowName(w)), false);
    }
}

void QueuePage::Private::callBack()
{
    if (!reload()) {
        updateView();
        return;
    }
    const QList<queue::Ticket> parked = queue->parked();
    if (parked.isEmpty()) {
        showStatus(Tr::tr("No ticket is parked."), true);
        return;
    }
    QString number = parked.first().number;
    if (QTreeWidgetItem *item = ui.parkedTreeWidget->currentItem())
        number = item->data(0, Qt::UserRole).toString();
    callNumber(number);
}

void QueuePage::Private::recall()
{
    const QString w = window;
    if (const auto ticket = run([w](queue::TicketQueue &tq, const QDateTime &now) { return tq.recall(w, now); }))
        showStatus(Tr::tr("Calling %1 again (call %2).").arg(ticket->number).arg(ticket->calls), false);
}

void QueuePage::Private::start()
{
    const QString w = window;
    if (const auto ticket
        = run([w](queue::TicketQueue &tq, const QDateTime &now) { return tq.startService(w, now); }))
        showStatus(Tr::tr("Serving %1; waited %2.").arg(ticket->number, queueDuration(ticket->waitingSeconds())),
                   false);
}

void QueuePage::Private::finish()
{
    const QString w = window;
    if (const auto ticket = run([w](queue::TicketQueue &tq, const QDateTime &now) {
            const queue::Ticket *current = tq.currentTicket(w);
            return tq.finishService(w, current ? current->caseId : QString(), now);
        })) {
        showStatus(Tr::tr("Service of %1 finished after %2.")
                       .arg(ticket->number, queueDuration(ticket->serviceSeconds())),
                   false);
        evaluate(*ticket);
    }
}

void QueuePage::Private::noShow()
{
    const QString w = window;
    if (const auto ticket = run([w](queue::TicketQueue &tq, const QDateTime &now) { return tq.markNoShow(w, now); }))
        showStatus(Tr::tr("%1 given up as a no-show.").arg(ticket->number), false);
}

void QueuePage::Private::park()
{
    const QString w = window;
    if (const auto ticket = run([w](queue::TicketQueue &tq, const QDateTime &now) { return tq.park(w, now); }))
        showStatus(Tr::tr("%1 parked; call it back when the resident returns (F10).").arg(ticket->number), false);
}

void QueuePage::Private::transfer()
{
    if (!reload()) {
        updateView();
        return;
    }
    const queue::Ticket *current = queue->currentTicket(window);
    if (!current) {
        showStatus(Tr::tr("Window %1 has no ticket to transfer.").arg(window), true);
        updateView();
        return;
    }
    delete transferDialog;
    transferDialog = new QueueTransferDialog(config, *current, window, q);
    transferDialog->setAttribute(Qt::WA_DeleteOnClose, false);
    const QString number = current->number;
    QObject::connect(transferDialog, &QDialog::accepted, q, [this, number] {
        const bool toWindow = transferDialog->toWindow();
        const QString target = transferDialog->target();
        const QString w = window;
        const auto ticket = run([w, toWindow, target, number](queue::TicketQueue &tq, const QDateTime &now) {
            const queue::Ticket *current = tq.currentTicket(w);
            if (!current || current->number != number)
                return queue::TicketQueue::Result{std::nullopt,
                                                  Tr::tr("Ticket %1 is no longer at this window.").arg(number)};
            return toWindow ? tq.transferToWindow(w, target, now) : tq.transferToCategory(w, target, now);
        });
        if (ticket) {
            showStatus(toWindow ? Tr::tr("%1 transferred to %2.").arg(number, config.windowName(target))
                                : Tr::tr("%1 transferred to the category %2.")
                                      .arg(number, config.categoryName(target)),
                       false);
        }
    });
    transferDialog->open();
}

void QueuePage::Private::togglePause(bool paused)
{
    if (!reload()) {
        updateView();
        return;
    }
    if (const QString error = queue->setWindowPaused(window, paused); !error.isEmpty()) {
        showStatus(error, true);
        updateView();
        return;
    }
    queue::QueueStore store(db, queue->day());
    if (!store.setWindowPaused(window, paused)) {
        showStatus(Tr::tr("Not saved: %1").arg(store.lastError()), true);
        reload();
        updateView();
        return;
    }
    showStatus(paused ? Tr::tr("%1 is paused: it calls nobody until resumed (F9).").arg(config.windowName(window))
                      : Tr::tr("%1 is open again.").arg(config.windowName(window)),
               false);
    updateView();
}

void QueuePage::Private::evaluate(const queue::Ticket &finished)
{
    delete evaluationDialog;
    evaluationDialog = new QueueEvaluationDialog(finished, q);
    const QString number = finished.number;
    QObject::connect(evaluationDialog, &QDialog::rejected, q, [this, number] {
        showStatus(Tr::tr("Service of %1 finished; the resident did not evaluate it.").arg(number), false);
    });
    QObject::connect(evaluationDialog, &QDialog::accepted, q, [this, number] {
        const auto level = evaluationDialog->evaluation();
        if (!level)
            return;
        const QString reason = evaluationDialog->reason();
        const auto ticket = run([number, level, reason](queue::TicketQueue &tq, const QDateTime &) {
            return tq.evaluate(number, *level, reason);
        });
        if (!ticket)
            return;
        QString message = Tr::tr("Evaluation of %1 recorded: %2.")
                              .arg(number, queue::evaluationDisplayName(*level));
        if (!ticket->caseId.isEmpty())
            message += QLatin1Char(' ') + recordCaseEvaluation(*ticket);
        showStatus(message, false);
    });
    evaluationDialog->open();
}

QString QueuePage::Private::recordCaseEvaluation(const queue::Ticket &ticket)
{
    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    journal.setCalendar(core::WorkingCalendar::builtIn());
    const cases::CaseState state = journal.state(ticket.caseId);
    if (state.status == cases::CaseStatus::None)
        return Tr::tr("The case is not in this workstation's store; the evaluation stays with the ticket.");
    const QString caseLabel = state.caseNumber.isEmpty() ? ticket.caseId : state.caseNumber;
    if (!cases::CaseStateMachine::allowedEvents(state, role()).contains(cases::EventType::Evaluated)) {
        return Tr::tr("Case %1 is %2 and takes an evaluation only after its result is delivered or it is "
                      "refused; the evaluation stays with the ticket.")
            .arg(caseLabel, cases::caseStatusDisplayName(state.status));
    }
    cases::Actor actor;
    actor.userId = session.user.user.id;
    actor.officeCode = session.user.user.officeCode;
    actor.deviceId = session.user.deviceId;
    actor.role = role();
    QJsonObject payload{{QStringLiteral("rating"), static_cast<int>(*ticket.evaluation)},
                        {QStringLiteral("ticket"), ticket.number}};
    if (!ticket.evaluationReason.isEmpty())
        payload.insert(QStringLiteral("reason"), ticket.evaluationReason);
    const storage::CaseJournal::Result result
        = journal.record(cases::Event::make(ticket.caseId, cases::EventType::Evaluated, actor, payload), role());
    if (!result.isValid())
        return Tr::tr("Not recorded on case %1: %2; the evaluation stays with the ticket.")
            .arg(caseLabel, result.message);
    return Tr::tr("Also recorded on case %1.").arg(caseLabel);
}

void QueuePage::Private::selectWindow(int index)
{
    const QString code = ui.windowComboBox->itemData(index).toString();
    if (code.isEmpty() || code == window)
        return;
    if (!settings.setValue(QueueConfig::windowSettingKey(), code)) {
        showStatus(Tr::tr("Not saved: %1").arg(settings.lastError()), true);
        ui.windowComboBox->setCurrentIndex(ui.windowComboBox->findData(window));
        return;
    }
    window = code;
    showStatus(Tr::tr("This workstation now calls for %1.").arg(config.windowName(code)), false);
    reload();
    updateView();
}

void QueuePage::Private::fillWaiting()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QString selected
        = ui.waitingTreeWidget->currentItem() ? ui.waitingTreeWidget->currentItem()->data(0, Qt::UserRole).toString()
                                              : QString();
    ui.waitingTreeWidget->clear();
    if (!queue)
        return;
    const QList<queue::Ticket> waiting = queue->waiting(window);
    for (const queue::Ticket &ticket : waiting) {
        QString priority = queue::priorityDisplayName(ticket.priority);
        if (ticket.targetWindow == window)
            priority = Tr::tr("Transferred from %1").arg(config.windowName(ticket.transferredFrom));
        auto *item = new QTreeWidgetItem(
            ui.waitingTreeWidget,
            {ticket.number, config.categoryName(ticket.category), priority,
             QLocale().toString(ticket.issuedAt.time(), QLocale::ShortFormat),
             queueDuration(ticket.issuedAt.secsTo(now))});
        item->setData(0, Qt::UserRole, ticket.number);
        if (ticket.isPriority()) {
            for (int c = 0; c < item->columnCount(); ++c)
                item->setForeground(c, QColor(0x1b, 0x87, 0x3f));
        }
        if (ticket.number == selected)
            ui.waitingTreeWidget->setCurrentItem(item);
    }
    ui.waitingGroupBox->setTitle(
        Tr::tr("Waiting for this window (green channel first): %n", nullptr, int(waiting.size())));
}

void QueuePage::Private::fillParked()
{
    const QString selected
        = ui.parkedTreeWidget->currentItem() ? ui.parkedTreeWidget->currentItem()->data(0, Qt::UserRole).toString()
                                             : QString();
    ui.parkedTreeWidget->clear();
    if (!queue)
        return;
    for (const queue::Ticket &ticket : queue->parked()) {
        auto *item = new QTreeWidgetItem(ui.parkedTreeWidget,
                                         {ticket.number, config.categoryName(ticket.category),
                                          config.windowName(ticket.window),
                                          QLocale().toString(ticket.issuedAt.time(), QLocale::ShortFormat)});
        item->setData(0, Qt::UserRole, ticket.number);
        if (ticket.number == selected)
            ui.parkedTreeWidget->setCurrentItem(item);
    }
}

void QueuePage::Private::updateCurrent()
{
    const queue::Ticket *current = queue ? queue->currentTicket(window) : nullptr;
    if (!current) {
        ui.currentNumberLabel->setText(QStringLiteral("—"));
        ui.currentDetailsLabel->setText(Tr::tr("No ticket at this window. Call the next one with F2."));
    } else {
        const QDateTime now = QDateTime::currentDateTime();
        ui.currentNumberLabel->setText(current->number);
        QStringList lines;
        lines << Tr::tr("%1 · %2 · %3")
                     .arg(config.categoryName(current->category), queue::priorityDisplayName(current->priority),
                          queue::stateDisplayName(current->state));
        lines << Tr::tr("Waited %1 before the first call; called %n time(s).", nullptr, current->calls)
                     .arg(queueDuration(current->waitingSeconds()));
        if (current->state == queue::TicketState::Serving)
            lines << Tr::tr("Serving for %1.").arg(queueDuration(current->startedAt.secsTo(now)));
        else
            lines << Tr::tr("Called %1 ago.").arg(queueDuration(current->lastCalledAt.secsTo(now)));
        if (!current->caseId.isEmpty())
            lines << Tr::tr("Case: %1").arg(current->caseId);
        ui.currentDetailsLabel->setText(lines.join(QLatin1Char('\n')));
    }
    const QString number = current ? current->number : QString();
    const QString caseId = current ? current->caseId : QString();
    if (number != lastNumber || caseId != lastCaseId) {
        lastNumber = number;
        lastCaseId = caseId;
        emit q->currentTicketChanged(number, caseId);
    }
}

void QueuePage::Private::updateButtons()
{
    const queue::Ticket *current = queue ? queue->currentTicket(window) : nullptr;
    const bool paused = queue && queue->isWindowPaused(window);
    const bool called = current && current->state == queue::TicketState::Called;
    const bool serving = current && current->state == queue::TicketState::Serving;
    // Refused operations explain themselves, so only what can never work now is disabled.
    ui.callNextPushButton->setEnabled(!current && !paused);
    ui.callNumberPushButton->setEnabled(!current && !paused);
    ui.callBackPushButton->setEnabled(!current && !paused && queue && !queue->parked().isEmpty());
    ui.recallPushButton->setEnabled(called);
    ui.startPushButton->setEnabled(called);
    ui.noShowPushButton->setEnabled(called);
    ui.finishPushButton->setEnabled(serving);
    ui.parkPushButton->setEnabled(current != nullptr);
    ui.transferPushButton->setEnabled(current != nullptr);
    ui.pausePushButton->setChecked(paused);
    ui.pausePushButton->setText(paused ? Tr::tr("Resume window (F9)") : Tr::tr("Pause window (F9)"));
    ui.pausePushButton->setShortcut(QKeySequence(Qt::Key_F9));
    ui.pausePushButton->setEnabled(paused || !current);
    ui.windowStateLabel->setStyleSheet(stateStyle(paused));
    ui.windowStateLabel->setText(paused ? Tr::tr("Paused") : Tr::tr("Open"));
}

void QueuePage::Private::updateView()
{
    fillWaiting();
    fillParked();
    updateCurrent();
    updateButtons();
}

QueuePage::QueuePage(const QSqlDatabase &db, const Session &session, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, db, session))
{
    QString warning;
    d->config = QueueConfig::load(db, &warning);
    d->window = d->settings.value(QueueConfig::windowSettingKey(), QueueConfig::defaultWindowCode());
    d->config.ensureWindow(d->window);
    d->setupUi();
    if (d->reload() && !warning.isEmpty())
        d->showStatus(warning, true);
    d->updateView();
}

QueuePage::~QueuePage() = default;

QString QueuePage::windowCode() const
{
    return d->window;
}

bool QueuePage::setWindowCode(const QString &code)
{
    d->config.ensureWindow(code);
    int index = d->ui.windowComboBox->findData(code);
    if (index < 0) {
        d->ui.windowComboBox->addItem(d->config.windowName(code), code);
        index = d->ui.windowComboBox->count() - 1;
    }
    d->ui.windowComboBox->setCurrentIndex(index);
    d->selectWindow(index);
    return d->window == code;
}

std::optional<queue::Ticket> QueuePage::currentTicket() const
{
    if (!d->queue)
        return std::nullopt;
    const queue::Ticket *current = d->queue->currentTicket(d->window);
    return current ? std::optional<queue::Ticket>(*current) : std::nullopt;
}

bool QueuePage::attachCase(const QString &caseId)
{
    const QString w = d->window;
    const auto ticket = d->run([w, caseId](queue::TicketQueue &tq, const QDateTime &) {
        const queue::Ticket *current = tq.currentTicket(w);
        if (!current)
            return queue::TicketQueue::Result{std::nullopt,
                                              Tr::tr("Window %1 has no ticket to link the case to.").arg(w)};
        queue::Ticket linked = *current;
        linked.caseId = caseId;
        return queue::TicketQueue::Result{linked, {}};
    });
    if (!ticket)
        return false;
    d->reload();
    d->updateView();
    d->showStatus(Tr::tr("Case linked to ticket %1.").arg(ticket->number), false);
    return true;
}

QueueTransferDialog *QueuePage::transferDialog() const
{
    return d->transferDialog;
}

QueueEvaluationDialog *QueuePage::evaluationDialog() const
{
    return d->evaluationDialog;
}

QString QueuePage::statusText() const
{
    return d->status;
}

bool QueuePage::statusIsError() const
{
    return d->statusError;
}

void QueuePage::refresh()
{
    d->reload();
    d->updateView();
}

} // namespace ow::ui
