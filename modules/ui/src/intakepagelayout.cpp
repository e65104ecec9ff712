// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakepage_p.h"

namespace ow::ui {

using namespace Internal;

// ---- layout ---------------------------------------------------------------

void IntakePage::Private::buildUi()
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->addWidget(buildApplicantBox());
    column->addWidget(buildItemBox());

    auto *materialsBox = new QGroupBox(Tr::tr("Materials (tick what was received)"));
    auto *materialsLayout = new QVBoxLayout(materialsBox);
    materials = new QTreeWidget(materialsBox);
    materials->setObjectName(QStringLiteral("materialsTreeWidget"));
    materials->setRootIsDecorated(false);
    materials->setHeaderLabels(
        {Tr::tr("Material"), Tr::tr("Required"), Tr::tr("Form"), Tr::tr("Copies"), Tr::tr("Items")});
    materials->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    materials->setMinimumHeight(160);
    QObject::connect(materials, &QTreeWidget::itemChanged, q, [this] { changed(); });
    materialsLayout->addWidget(materials);
    column->addWidget(materialsBox);

    auto *formBox = new QGroupBox(Tr::tr("Unified application form"));
    auto *formLayout = new QVBoxLayout(formBox);
    form = new IntakeFormWidget(formBox);
    form->setObjectName(QStringLiteral("intakeFormWidget"));
    formLayout->addWidget(form);
    QObject::connect(form, &IntakeFormWidget::changed, q, [this] { changed(); });
    smartLabel = new QLabel(formBox);
    smartLabel->setObjectName(QStringLiteral("smartApprovalLabel"));
    smartLabel->setWordWrap(true);
    smartLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    smartLabel->hide();
    formLayout->addWidget(smartLabel);
    column->addWidget(formBox);
    column->addWidget(buildOutcomeBox());
    column->addStretch();

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);

    auto *historyBox = new QGroupBox(Tr::tr("Applicant's earlier cases"));
    auto *historyLayout = new QVBoxLayout(historyBox);
    history = new QTreeWidget(historyBox);
    history->setObjectName(QStringLiteral("historyTreeWidget"));
    history->setRootIsDecorated(false);
    history->setHeaderLabels({Tr::tr("Case number"), Tr::tr("Service"), Tr::tr("Status"), Tr::tr("Updated")});
    // The case number is what a clerk reads out: always whole; the service takes what is left.
    history->header()->setStretchLastSection(false);
    history->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    history->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    history->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    history->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    historyLayout->addWidget(history);
    auto *licencesTitle = new QLabel(Tr::tr("Licences held (issued through this office):"), historyBox);
    historyLayout->addWidget(licencesTitle);
    licencesLabel = new QLabel(historyBox);
    licencesLabel->setObjectName(QStringLiteral("heldLicencesLabel"));
    licencesLabel->setWordWrap(true);
    licencesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    historyLayout->addWidget(licencesLabel);

    auto *splitter = new QSplitter(q);
    splitter->addWidget(scroll);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    auto *acceptShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), q);
    QObject::connect(acceptShortcut, &QShortcut::activated, q, [this] { accept(); });
}

QWidget *IntakePage::Private::buildApplicantBox()
{
    auto *box = new QGroupBox(Tr::tr("Applicant"));
    auto *layout = new QFormLayout(box);
    kindCombo = new QComboBox(box);
    kindCombo->setObjectName(QStringLiteral("applicantKindComboBox"));
    kindCombo->addItem(Tr::tr("Natural person (resident ID card)"), Person);
    kindCombo->addItem(Tr::tr("Legal entity (unified social credit code)"), Organisation);
    layout->addRow(Tr::tr("&Kind:"), kindCombo);

    auto *idRow = new QHBoxLayout;
    idEdit = new QLineEdit(box);
    idEdit->setObjectName(QStringLiteral("idNumberLineEdit"));
    idEdit->setMaxLength(24);
    readCardButton = new QPushButton(Tr::tr("&Read ID card"), box);
    readCardButton->setObjectName(QStringLiteral("readCardPushButton"));
    readCardButton->setEnabled(false);
    idRow->addWidget(idEdit, 1);
    idRow->addWidget(readCardButton);
    auto *idLabel = new QLabel(Tr::tr("&ID number:"), box);
    idLabel->setBuddy(idEdit);
    layout->addRow(idLabel, idRow);
    idStatus = new QLabel(box);
    idStatus->setObjectName(QStringLiteral("idStatusLabel"));
    idStatus->setWordWrap(true);
    layout->addRow(QString(), idStatus);
    nameEdit = new QLineEdit(box);
    nameEdit->setObjectName(QStringLiteral("applicantNameLineEdit"));
    layout->addRow(Tr::tr("&Name:"), nameEdit);
    representativeEdit = new QLineEdit(box);
    representativeEdit->setObjectName(QStringLiteral("legalRepresentativeLineEdit"));
    layout->addRow(Tr::tr("Legal &representative:"), representativeEdit);
    representativeLabel = qobject_cast<QLabel *>(layout->labelForField(representativeEdit));
    phoneEdit = new QLineEdit(box);
    phoneEdit->setObjectName(QStringLiteral("applicantPhoneLineEdit"));
    layout->addRow(Tr::tr("&Phone:"), phoneEdit);

    auto kindChanged = [this] {
        const bool organisation = kindCombo->currentData().toInt() == Organisation;
        representativeEdit->setVisible(organisation);
        if (representativeLabel)
            representativeLabel->setVisible(organisation);
        idEdit->setPlaceholderText(organisation ? Tr::tr("18-character unified social credit code")
                                                : Tr::tr("18-digit resident ID number; last may be X"));
        checkApplicant(false);
        changed();
    };
    QObject::connect(kindCombo, &QComboBox::currentIndexChanged, q, kindChanged);
    kindChanged();
    QObject::connect(idEdit, &QLineEdit::textChanged, q, [this] {
        if (checkApplicant(false))
            applicantIdentified();
        else {
            history->clear();
            licences = QJsonArray();
            licencesLabel->clear();
        }
        changed();
    });
    QObject::connect(idEdit, &QLineEdit::editingFinished, q, [this] { checkApplicant(true); });
    QObject::connect(idEdit, &QLineEdit::returnPressed, q, [this] {
        if (checkApplicant(true))
            (nameEdit->text().isEmpty() ? nameEdit : searchEdit)->setFocus();
    });
    QObject::connect(nameEdit, &QLineEdit::textChanged, q, [this] { changed(); });
    QObject::connect(nameEdit, &QLineEdit::returnPressed, q, [this] { searchEdit->setFocus(); });
    QObject::connect(representativeEdit, &QLineEdit::textChanged, q, [this] { changed(); });
    QObject::connect(phoneEdit, &QLineEdit::textChanged, q, [this] { changed(); });
    QObject::connect(readCardButton, &QPushButton::clicked, q, [this] {
        if (reader) {
            idStatus->setText(Tr::tr("Reading the ID card…"));
            reader->read();
        }
    });
    return box;
}

QWidget *IntakePage::Private::buildItemBox()
{
    auto *box = new QGroupBox(Tr::tr("Service item or bundle"));
    auto *layout = new QVBoxLayout(box);
    searchEdit = new QLineEdit(box);
    searchEdit->setObjectName(QStringLiteral("itemSearchLineEdit"));
    searchEdit->setPlaceholderText(Tr::tr("Name, code or pinyin initials, e.g. spjy"));
    searchEdit->setClearButtonEnabled(true);
    layout->addWidget(searchEdit);
    results = new QListWidget(box);
    results->setObjectName(QStringLiteral("itemResultsListWidget"));
    results->setMaximumHeight(140);
    results->hide(); // until something is typed
    layout->addWidget(results);
    selectedLabel = new QLabel(Tr::tr("Nothing chosen yet."), box);
    selectedLabel->setObjectName(QStringLiteral("selectedItemLabel"));
    selectedLabel->setWordWrap(true);
    layout->addWidget(selectedLabel);

    QObject::connect(searchEdit, &QLineEdit::textChanged, q, [this] { updateSearch(); });
    QObject::connect(searchEdit, &QLineEdit::returnPressed, q, [this] {
        if (results->count() > 0)
            chooseResult(results->currentItem() ? results->currentItem() : results->item(0));
    });
    QObject::connect(results, &QListWidget::itemActivated, q,
                     [this](QListWidgetItem *entry) { chooseResult(entry); });
    QObject::connect(results, &QListWidget::itemClicked, q,
                     [this](QListWidgetItem *entry) { chooseResult(entry); });
    return box;
}

QWidget *IntakePage::Private::buildOutcomeBox()
{
    auto *box = new QGroupBox(Tr::tr("Decision"));
    auto *layout = new QFormLayout(box);
    onBehalf = new QCheckBox(Tr::tr("Handled on behalf of the applicant (agency service)"), box);
    onBehalf->setObjectName(QStringLiteral("onBehalfCheckBox"));
    layout->addRow(onBehalf);
    auto *buttons = new QHBoxLayout;
    acceptButton = new QPushButton(Tr::tr("&Accept"), box);
    acceptButton->setObjectName(QStringLiteral("acceptPushButton"));
    acceptButton->setToolTip(
        Tr::tr("Accept the application and print the notice of acceptance (Ctrl+Enter)"));
    missingButton = new QPushButton(Tr::tr("&One-time notice of missing materials"), box);
    missingButton->setObjectName(QStringLiteral("notifyMissingPushButton"));
    buttons->addWidget(acceptButton);
    buttons->addWidget(missingButton);
    buttons->addStretch();
    layout->addRow(buttons);
    reasonEdit = new QLineEdit(box);
    reasonEdit->setObjectName(QStringLiteral("refuseReasonLineEdit"));
    layout->addRow(Tr::tr("Reason for refusal:"), reasonEdit);
    basisEdit = new QLineEdit(box);
    basisEdit->setObjectName(QStringLiteral("refuseBasisLineEdit"));
    basisEdit->setPlaceholderText(Tr::tr("Law and article, e.g. 《中华人民共和国行政许可法》第三十二条"));
    layout->addRow(Tr::tr("Legal basis:"), basisEdit);
    refuseButton = new QPushButton(Tr::tr("Re&fuse to accept"), box);
    refuseButton->setObjectName(QStringLiteral("refusePushButton"));
    layout->addRow(refuseButton);
    message = new QLabel(box);
    message->setObjectName(QStringLiteral("outcomeMessageLabel"));
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addRow(message);

    QObject::connect(onBehalf, &QCheckBox::toggled, q, [this] { changed(); });
    QObject::connect(reasonEdit, &QLineEdit::textChanged, q, [this] { changed(); });
    QObject::connect(basisEdit, &QLineEdit::textChanged, q, [this] { changed(); });
    QObject::connect(acceptButton, &QPushButton::clicked, q, [this] { accept(); });
    QObject::connect(missingButton, &QPushButton::clicked, q, [this] { notifyMissing(); });
    QObject::connect(refuseButton, &QPushButton::clicked, q, [this] { refuse(); });
    return box;
}

} // namespace ow::ui
