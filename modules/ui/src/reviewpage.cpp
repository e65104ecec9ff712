// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "reviewpage_p.h"

#include "ow/ui/tr.h"
#include "attachmentviewer.h"
#include "intakeattachments.h"

#include <ow/cases/statemachine.h>
#include <ow/cases/timelimitclock.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>

#include <QBoxLayout>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>

namespace ow::ui {

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? Tr::tr("Yes") : Tr::tr("No");
    if (value.isDouble())
        return QLocale().toString(value.toDouble());
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : value.toArray())
            parts.append(jsonText(part));
        return parts.join(Tr::tr("; "));
    }
    return {};
}

// What an event says beyond its type, for the history.
QString eventDetail(const cases::Event &event)
{
    QStringList parts;
    const QJsonObject &p = event.payload;
    for (const QString &key : {QStringLiteral("department"), QStringLiteral("opinion"), QStringLiteral("reason"),
                               QStringLiteral("basis")}) {
        if (const QString text = p.value(key).toString(); !text.isEmpty())
            parts.append(text);
    }
    if (const QString decision = p.value(QStringLiteral("decision")).toString(); decision == QLatin1String("deny"))
        parts.prepend(Tr::tr("Does not agree"));
    else if (decision == QLatin1String("approve"))
        parts.prepend(Tr::tr("Agrees"));
    if (p.contains(QStringLiteral("materials")))
        parts.append(jsonText(p.value(QStringLiteral("materials"))));
    if (const QJsonObject extension = p.value(QStringLiteral("extension")).toObject(); !extension.isEmpty())
        parts.append(Tr::tr("Time limit extended by %n working day(s), approved by %1 (%2)", nullptr,
                            extension.value(QStringLiteral("days")).toInt())
                         .arg(extension.value(QStringLiteral("approvedBy")).toString(),
                              extension.value(QStringLiteral("basis")).toString()));
    // 秒批: the rules that decided at acceptance, as the clerk saw them.
    if (const QJsonObject trace = p.value(QStringLiteral("smartApproval")).toObject(); !trace.isEmpty()) {
        QStringList rules;
        for (const QJsonValue &rule : trace.value(QStringLiteral("rules")).toArray()) {
            const QString text = rule[QStringLiteral("description")].toString();
            rules.append((rule[QStringLiteral("passed")].toBool() ? QStringLiteral("✓ ") : QStringLiteral("✗ "))
                         + (text.isEmpty() ? rule[QStringLiteral("id")].toString() : text));
        }
        parts.append(Tr::tr("Decided by smart approval at acceptance: %1").arg(rules.join(Tr::tr("; "))));
    }
    if (const QJsonObject assignee = p.value(QStringLiteral("assignee")).toObject(); !assignee.isEmpty()) {
        const QString user = assignee.value(QStringLiteral("userId")).toString();
        parts.append(user.isEmpty() ? Tr::tr("Claim released") : Tr::tr("Claimed by %1").arg(user));
    }
    return parts.join(Tr::tr("; "));
}

QTableWidget *makeTable(const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(true);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    return table;
}

void appendRow(QTableWidget *table, const QStringList &cells)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < cells.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}

} // namespace


void ReviewPage::Private::build()
{
    auto *layout = new QVBoxLayout(q);
    auto *top = new QHBoxLayout;
    auto *back = new QPushButton(Tr::tr("Back to the inbox (Esc)"));
    back->setObjectName(QStringLiteral("backButton"));
    QObject::connect(back, &QPushButton::clicked, q, &ReviewPage::backRequested);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), q);
    QObject::connect(escape, &QShortcut::activated, q, &ReviewPage::backRequested);
    titleLabel = new QLabel;
    titleLabel->setObjectName(QStringLiteral("titleLabel"));
    titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    // A bundle's names are long: the title wraps rather than widening the page.
    titleLabel->setWordWrap(true);
    titleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    clockLabel = new QLabel;
    clockLabel->setObjectName(QStringLiteral("clockLabel"));
    top->addWidget(back);
    top->addWidget(titleLabel, 1);
    top->addWidget(clockLabel);
    layout->addLayout(top);

    auto *splitter = new QSplitter(Qt::Horizontal);
    tabs = new QTabWidget;
    formTable = makeTable({Tr::tr("Field"), Tr::tr("Value")});
    formTable->setObjectName(QStringLiteral("formTable"));
    materialsList = new QListWidget;
    materialsList->setObjectName(QStringLiteral("materialsList"));
    materialsList->setIconSize(QSize(48, 48));
    QObject::connect(materialsList, &QListWidget::itemActivated, q, [this](QListWidgetItem *row) {
        const auto attachment = Internal::IntakeAttachment::fromJson(row->data(Qt::UserRole).toJsonObject());
        if (!attachment)
            return;
        auto *viewer = new Internal::AttachmentViewer(db, *attachment, q);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->show();
    });
    reviewsTable = makeTable({Tr::tr("Department"), Tr::tr("Items"), Tr::tr("Opinion"), Tr::tr("Claimed by"),
                              Tr::tr("Basis")});
    reviewsTable->setObjectName(QStringLiteral("reviewsTable"));
    historyTable = makeTable({Tr::tr("Time"), Tr::tr("Event"), Tr::tr("By"), Tr::tr("Role"), Tr::tr("Office"),
                              Tr::tr("Details")});
    historyTable->setObjectName(QStringLiteral("historyTable"));
    tabs->addTab(formTable, Tr::tr("Application form"));
    tabs->addTab(materialsList, Tr::tr("Materials"));
    auto *reviewsPage = new QWidget;
    auto *reviewsLayout = new QVBoxLayout(reviewsPage);
    reviewsSummaryLabel = new QLabel;
    reviewsSummaryLabel->setWordWrap(true);
    reviewsSummaryLabel->setObjectName(QStringLiteral("reviewsSummaryLabel"));
    reviewsLayout->addWidget(reviewsSummaryLabel);
    reviewsLayout->addWidget(reviewsTable);
    tabs->addTab(reviewsPage, Tr::tr("Departments"));
    tabs->addTab(historyTable, Tr::tr("History"));
    earlierTable = makeTable({Tr::tr("Case number"), Tr::tr("Item"), Tr::tr("State"), Tr::tr("Updated")});
    earlierTable->setObjectName(QStringLiteral("earlierTable"));
    auto *earlierPage = new QWidget;
    auto *earlierLayout = new QVBoxLayout(earlierPage);
    licencesLabel = new QLabel;
    licencesLabel->setObjectName(QStringLiteral("licencesLabel"));
    licencesLabel->setWordWrap(true);
    licencesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    earlierLayout->addWidget(licencesLabel);
    earlierLayout->addWidget(earlierTable, 1);
    tabs->addTab(earlierPage, Tr::tr("Applicant's licences and other cases"));
    splitter->addWidget(tabs);

    auto *decisionBox = new QGroupBox(Tr::tr("Decision"));
    auto *form = new QFormLayout(decisionBox);
    departmentLabel = new QLabel;
    departmentLabel->setObjectName(QStringLiteral("departmentLabel"));
    form->addRow(Tr::tr("For:"), departmentLabel);
    opinionEdit = new QPlainTextEdit;
    opinionEdit->setObjectName(QStringLiteral("opinionEdit"));
    opinionEdit->setPlaceholderText(Tr::tr("The reviewer's opinion"));
    opinionEdit->setTabChangesFocus(true);
    form->addRow(Tr::tr("&Opinion:"), opinionEdit);
    basisEdit = new QLineEdit;
    basisEdit->setObjectName(QStringLiteral("basisEdit"));
    basisEdit->setPlaceholderText(Tr::tr("Required to deny or suspend, e.g. 《行政许可法》第三十八条"));
    form->addRow(Tr::tr("&Basis or reason:"), basisEdit);
    materialsEdit = new QLineEdit;
    materialsEdit->setObjectName(QStringLiteral("materialsEdit"));
    materialsEdit->setPlaceholderText(Tr::tr("Materials to supplement, separated by \"；\""));
    form->addRow(Tr::tr("&Supplement:"), materialsEdit);
    suspensionKindCombo = new QComboBox;
    suspensionKindCombo->setObjectName(QStringLiteral("suspensionKindCombo"));
    // 行政许可法 art. 45: periods the time limit does not count.
    suspensionKindCombo->addItem(Tr::tr("Other suspension (中止)"), QStringLiteral("other"));
    suspensionKindCombo->addItem(Tr::tr("Hearing (听证)"), QStringLiteral("hearing"));
    suspensionKindCombo->addItem(Tr::tr("Inspection (检验)"), QStringLiteral("inspection"));
    suspensionKindCombo->addItem(Tr::tr("Testing (检测)"), QStringLiteral("testing"));
    suspensionKindCombo->addItem(Tr::tr("Quarantine (检疫)"), QStringLiteral("quarantine"));
    suspensionKindCombo->addItem(Tr::tr("Appraisal (鉴定)"), QStringLiteral("appraisal"));
    suspensionKindCombo->addItem(Tr::tr("Expert review (专家评审)"), QStringLiteral("expert-review"));
    form->addRow(Tr::tr("Suspension &kind:"), suspensionKindCombo);
    auto *extension = new QHBoxLayout;
    extensionDaysSpin = new QSpinBox;
    extensionDaysSpin->setObjectName(QStringLiteral("extensionDaysSpin"));
    extensionDaysSpin->setRange(1, 30);
    extensionDaysSpin->setValue(10); // 行政许可法 art. 42
    extensionDaysSpin->setSuffix(Tr::tr(" working days"));
    extensionApproverEdit = new QLineEdit;
    extensionApproverEdit->setObjectName(QStringLiteral("extensionApproverEdit"));
    extensionApproverEdit->setPlaceholderText(Tr::tr("Approved by (head of the authority)"));
    extension->addWidget(extensionDaysSpin);
    extension->addWidget(extensionApproverEdit, 1);
    form->addRow(Tr::tr("E&xtension:"), extension);
    auto *buttons = new QGridLayout;
    approveButton = new QPushButton;
    approveButton->setObjectName(QStringLiteral("approveButton"));
    denyButton = new QPushButton;
    denyButton->setObjectName(QStringLiteral("denyButton"));
    supplementButton = new QPushButton(Tr::tr("Request supplement"));
    supplementButton->setObjectName(QStringLiteral("supplementButton"));
    receivedButton = new QPushButton(Tr::tr("Supplement received"));
    receivedButton->setObjectName(QStringLiteral("receivedButton"));
    suspendButton = new QPushButton(Tr::tr("Suspend"));
    suspendButton->setObjectName(QStringLiteral("suspendButton"));
    resumeButton = new QPushButton(Tr::tr("Resume"));
    resumeButton->setObjectName(QStringLiteral("resumeButton"));
    buttons->addWidget(approveButton, 0, 0);
    buttons->addWidget(denyButton, 0, 1);
    buttons->addWidget(supplementButton, 1, 0);
    buttons->addWidget(receivedButton, 1, 1);
    buttons->addWidget(suspendButton, 2, 0);
    buttons->addWidget(resumeButton, 2, 1);
    terminateButton = new QPushButton(Tr::tr("Terminate"));
    terminateButton->setObjectName(QStringLiteral("terminateButton"));
    buttons->addWidget(terminateButton, 3, 0);
    extendButton = new QPushButton(Tr::tr("Extend the time limit"));
    extendButton->setObjectName(QStringLiteral("extendButton"));
    buttons->addWidget(extendButton, 3, 1);
    opinionButton = new QPushButton(Tr::tr("Record the review opinion (审查)"));
    opinionButton->setObjectName(QStringLiteral("opinionButton"));
    buttons->addWidget(opinionButton, 4, 0, 1, 2);
    form->addRow(buttons);
    messageLabel = new QLabel;
    messageLabel->setObjectName(QStringLiteral("messageLabel"));
    messageLabel->setWordWrap(true);
    form->addRow(messageLabel);
    splitter->addWidget(decisionBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    const auto connectDecision = [this](QPushButton *button, Decision decision) {
        QObject::connect(button, &QPushButton::clicked, q, [this, decision] { q->decide(decision); });
    };
    connectDecision(approveButton, Decision::Approve);
    connectDecision(denyButton, Decision::Deny);
    connectDecision(supplementButton, Decision::Supplement);
    connectDecision(receivedButton, Decision::SupplementReceived);
    connectDecision(suspendButton, Decision::Suspend);
    connectDecision(resumeButton, Decision::Resume);
    connectDecision(terminateButton, Decision::Terminate);
    connectDecision(extendButton, Decision::Extend);
    connectDecision(opinionButton, Decision::Opinion);
}

void ReviewPage::Private::render()
{
    renderHeader();
    renderForm();
    renderReviews();
    renderHistory();
    renderEarlierCases();
    updateButtons();
}

void ReviewPage::Private::renderEarlierCases()
{
    earlierTable->setRowCount(0);
    licencesLabel->setText(Tr::tr("Licences held: none recorded here."));
    const QString idNumber = state.applicant.value(QStringLiteral("idNumber")).toString();
    if (idNumber.isEmpty())
        return;
    const QLocale locale;
    const QDate today = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
    QStringList licences;
    storage::CaseJournal journal(db, {session.user.deviceId, session.user.user.officeCode});
    for (const storage::CaseRecord &record : storage::CaseRepository(db).findByApplicantIdNumber(idNumber, 50)) {
        if (record.id == caseId)
            continue;
        // The certificates the applicant's other cases produced and that are still valid.
        if (record.state == QLatin1String("certificate-ready") || record.state == QLatin1String("delivered")) {
            for (const cases::Event &event : journal.events(record.id)) {
                if (event.type != cases::EventType::CertificateProduced)
                    continue;
                const QDate validUntil
                    = QDate::fromString(event.payload.value(QStringLiteral("validUntil")).toString(), Qt::ISODate);
                if (validUntil.isValid() && validUntil < today)
                    continue;
                const QString name = event.payload.value(QStringLiteral("name")).toString();
                const QString number = event.payload.value(QStringLiteral("number")).toString();
                licences.append(validUntil.isValid()
                                    ? Tr::tr("%1 No. %2 (valid until %3)")
                                          .arg(name, number, locale.toString(validUntil, QLocale::ShortFormat))
                                    : Tr::tr("%1 No. %2").arg(name, number));
            }
        }
        const auto status = cases::caseStatusFromName(record.state);
        appendRow(earlierTable, {record.caseNumber, record.itemCode,
                                 status ? cases::caseStatusDisplayName(*status) : record.state,
                                 locale.toString(record.updatedAt.toLocalTime(), QLocale::ShortFormat)});
    }
    earlierTable->resizeColumnsToContents();
    earlierTable->horizontalHeader()->setStretchLastSection(true);
    if (!licences.isEmpty())
        licencesLabel->setText(Tr::tr("Licences held: %1").arg(licences.join(Tr::tr("; "))));
}

void ReviewPage::Private::renderHeader()
{
    QStringList items;
    for (const cases::CaseItem &item : state.items)
        items.append(item.name);
    const QString applicant = state.applicant.value(QStringLiteral("name")).toString();
    titleLabel->setText(Tr::tr("%1 · %2 · %3 · %4")
                            .arg(state.caseNumber, items.join(QStringLiteral("、")), applicant,
                                 cases::caseStatusDisplayName(state.status)));
    const cases::ClockReading reading = cases::TimeLimitClock::read(
        state, cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc()), calendar);
    QString text;
    switch (reading.status) {
    case cases::ClockStatus::NotStarted:
        text = Tr::tr("Time limit not started");
        break;
    case cases::ClockStatus::Uncertain:
        text = reading.message;
        break;
    case cases::ClockStatus::Stopped:
        text = Tr::tr("Clock stopped; due %1 if it ran again today (%2 working days stopped)")
                   .arg(QLocale().toString(reading.deadline, QLocale::ShortFormat))
                   .arg(reading.stoppedDays);
        break;
    case cases::ClockStatus::Finished:
        text = Tr::tr("Concluded after %n working day(s)", nullptr, reading.usedDays);
        break;
    case cases::ClockStatus::Running:
        text = reading.overdue ? Tr::tr("%n working day(s) overdue", nullptr, -reading.remainingDays)
                               : Tr::tr("%n working day(s) left", nullptr, reading.remainingDays);
        text += Tr::tr(" · due %1").arg(QLocale().toString(reading.deadline, QLocale::ShortFormat));
        break;
    }
    clockLabel->setText(cases::clockLightDisplayName(reading.light) + QStringLiteral(" · ") + text);
    const QString color = reading.light == cases::ClockLight::Red ? QStringLiteral("#c62828")
        : reading.light == cases::ClockLight::Yellow             ? QStringLiteral("#9a6b00")
        : reading.light == cases::ClockLight::Green              ? QStringLiteral("#1b873f")
                                                                 : QStringLiteral("#555555");
    clockLabel->setStyleSheet(QStringLiteral("color:%1; font-weight:bold").arg(color));
}

void ReviewPage::Private::renderForm()
{
    formTable->setRowCount(0);
    materialsList->clear();
    const QJsonObject created = events.isEmpty() ? QJsonObject() : events.constFirst().payload;
    const QJsonObject formValues = created.value(QStringLiteral("form")).toObject();
    appendRow(formTable, {Tr::tr("Applicant"), state.applicant.value(QStringLiteral("name")).toString()});
    appendRow(formTable, {Tr::tr("ID number"), state.applicant.value(QStringLiteral("idNumber")).toString()});
    for (auto it = formValues.begin(); it != formValues.end(); ++it)
        appendRow(formTable, {it.key(), jsonText(it.value())});
    formTable->resizeColumnToContents(0);
    for (const QJsonValue &material : created.value(QStringLiteral("materialsReceived")).toArray())
        materialsList->addItem(material.isObject() ? material[QStringLiteral("name")].toString()
                                                   : material.toString());
    for (const cases::Event &event : events) {
        for (const QJsonValue &file : event.payload.value(QStringLiteral("attachments")).toArray()) {
            const auto attachment = Internal::IntakeAttachment::fromJson(file.toObject());
            if (!attachment)
                continue;
            auto *row = new QListWidgetItem(
                Internal::attachmentIcon(db, *attachment, QSize(48, 48)),
                Tr::tr("File: %1 — Enter to view").arg(attachment->summary()), materialsList);
            row->setData(Qt::UserRole, file.toObject());
        }
    }
    if (materialsList->count() == 0)
        materialsList->addItem(Tr::tr("No materials recorded."));
}

void ReviewPage::Private::renderReviews()
{
    reviewsTable->setRowCount(0);
    const QString lead = state.review.plan().leadDepartment();
    for (const cases::DepartmentReview &review : state.review.reviews()) {
        const QString name = review.department == lead ? Tr::tr("%1 (lead)").arg(review.department)
                                                       : review.department;
        const QString decision = review.decision == cases::ReviewDecision::Approve ? Tr::tr("Agrees")
            : review.decision == cases::ReviewDecision::Deny                     ? Tr::tr("Does not agree")
                                                                                 : Tr::tr("Pending");
        appendRow(reviewsTable, {name, review.itemCodes.join(QStringLiteral(", ")), decision,
                                 review.assignee.isEmpty() ? Tr::tr("Unclaimed") : review.assignee, review.basis});
    }
    const QStringList pending = state.review.pendingDepartments();
    QStringList summary;
    if (!pending.isEmpty())
        summary.append(Tr::tr("Waiting for: %1").arg(pending.join(QStringLiteral("、"))));
    for (const cases::DenialReport &denial : state.review.denials())
        summary.append(Tr::tr("%1 does not agree to %2 (%3); only the other items can be approved.")
                           .arg(denial.department, denial.itemCodes.join(QStringLiteral(", ")), denial.basis));
    reviewsTable->resizeColumnsToContents();
    reviewsTable->horizontalHeader()->setStretchLastSection(true);
    reviewsSummaryLabel->setText(summary.join(QLatin1Char('\n')));
    reviewsSummaryLabel->setVisible(!summary.isEmpty());
}

void ReviewPage::Private::renderHistory()
{
    historyTable->setRowCount(0);
    const QLocale locale;
    for (const cases::Event &event : events) {
        appendRow(historyTable, {locale.toString(event.at.toLocalTime(), QLocale::ShortFormat),
                                 cases::eventTypeDisplayName(event.type), event.actor.userId,
                                 cases::roleDisplayName(event.actor.role), event.actor.officeCode,
                                 eventDetail(event)});
    }
    historyTable->resizeColumnsToContents();
    historyTable->horizontalHeader()->setStretchLastSection(true);
}

void ReviewPage::Private::updateButtons()
{
    const QList<cases::EventType> allowed = cases::CaseStateMachine::allowedEvents(state, cases::Role::Reviewer);
    const bool mine = !department.isEmpty();
    const bool lead = mine && isLead();
    const bool underReview = state.status == cases::CaseStatus::UnderReview;
    departmentLabel->setText(mine ? (lead ? Tr::tr("%1 (lead department)").arg(department) : department)
                                  : Tr::tr("None of your departments reviews this case."));
    approveButton->setText(lead ? Tr::tr("Approve") : Tr::tr("Agree"));
    denyButton->setText(lead ? Tr::tr("Deny") : Tr::tr("Do not agree"));
    approveButton->setEnabled(mine && underReview);
    denyButton->setEnabled(mine && underReview);
    supplementButton->setEnabled(mine && allowed.contains(cases::EventType::SupplementRequested));
    receivedButton->setEnabled(mine && allowed.contains(cases::EventType::SupplementReceived));
    suspendButton->setEnabled(mine && allowed.contains(cases::EventType::Suspended));
    resumeButton->setEnabled(mine && allowed.contains(cases::EventType::Resumed));
    terminateButton->setEnabled(mine && lead && allowed.contains(cases::EventType::Terminated));
    extendButton->setEnabled(mine && lead && underReview && state.extensionDays == 0);
    opinionButton->setEnabled(mine && underReview);
    extendButton->setToolTip(state.extensionDays > 0
                                 ? Tr::tr("Extended by %n working day(s) already: %1", nullptr, state.extensionDays)
                                       .arg(state.extensionBasis)
                                 : QString());
}

bool ReviewPage::Private::fail(const QString &text)
{
    message = text;
    messageLabel->setStyleSheet(QStringLiteral("color:#c62828"));
    messageLabel->setText(text);
    return false;
}

ReviewPage::ReviewPage(const QSqlDatabase &store, const Session &session, const core::WorkingCalendar &calendar,
                       QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, store, session, calendar))
{
    d->build();
}

ReviewPage::~ReviewPage() = default;

void ReviewPage::setCatalog(const catalog::Catalog &catalog)
{
    d->catalog = catalog;
}

void ReviewPage::setNoticeOptions(const QString &directory, bool preview)
{
    d->noticeDirectory = directory;
    d->previewNotices = preview;
}

QString ReviewPage::lastNoticeFile() const
{
    return d->lastNoticeFile;
}

bool ReviewPage::showCase(const QString &caseId)
{
    storage::CaseJournal journal(d->db, {d->session.user.deviceId, d->session.user.user.officeCode});
    journal.setCalendar(d->calendar);
    const QList<cases::Event> events = journal.events(caseId);
    if (events.isEmpty())
        return d->fail(Tr::tr("The case %1 is not in this workstation's store.").arg(caseId));
    d->caseId = caseId;
    d->events = events;
    d->state = cases::CaseStateMachine::fold(events).state;
    d->department.clear();
    const QStringList departments = d->state.departments();
    for (const QString &mine : d->session.user.user.departments) {
        if (departments.contains(mine)) {
            d->department = mine;
            break;
        }
    }
    d->message.clear();
    d->messageLabel->clear();
    d->tabs->setCurrentIndex(0);
    d->render();
    return true;
}

QString ReviewPage::caseId() const
{
    return d->caseId;
}

cases::CaseState ReviewPage::state() const
{
    return d->state;
}

QString ReviewPage::department() const
{
    return d->department;
}

QString ReviewPage::lastMessage() const
{
    return d->message;
}

} // namespace ow::ui
