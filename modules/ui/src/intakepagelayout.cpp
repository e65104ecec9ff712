// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakepage_p.h"

#include <QStyledItemDelegate>
#include <QTimer>

#include <algorithm>

namespace ow::ui {

using namespace Internal;

namespace {

// Rows as tall as their longest text wrapped to its column's width: a tree
// view measures items without their width, and so would cut long names short.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    explicit WrappingDelegate(QTreeWidget *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    { }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QSize natural = QStyledItemDelegate::sizeHint(option, index);
        if (index.column() != NameColumn && index.column() != ProvidedColumn)
            return natural; // codes and short words: elided, whole in the tooltip
        QStyleOptionViewItem wrapped = option;
        int width = m_view->columnWidth(index.column());
        if (index.data(Qt::CheckStateRole).isValid())
            width -= m_view->style()->pixelMetric(QStyle::PM_IndicatorWidth, &option, m_view) + 8;
        wrapped.rect = QRect(0, 0, std::max(width, 40), 1);
        wrapped.features |= QStyleOptionViewItem::WrapText;
        return {natural.width(),
                std::max(natural.height(), QStyledItemDelegate::sizeHint(wrapped, index).height())};
    }

private:
    QTreeWidget *m_view;
};

// Lays the tree out again once its columns or rows change, so row heights
// follow the widths, and lets it grow to show a bundle's whole checklist.
void relayoutOnResize(QTreeWidget *view, int minimumHeight, int maximumHeight)
{
    auto *settle = new QTimer(view);
    settle->setSingleShot(true);
    settle->setInterval(0);
    QObject::connect(settle, &QTimer::timeout, view, [view, minimumHeight, maximumHeight] {
        view->doItemsLayout();
        int rows = 0;
        for (int i = 0; i < view->topLevelItemCount(); ++i)
            rows += view->visualItemRect(view->topLevelItem(i)).height();
        const int wanted = rows + view->header()->height() + 2 * view->frameWidth() + 4;
        view->setFixedHeight(std::clamp(wanted, minimumHeight, maximumHeight));
    });
    const auto start = qOverload<>(&QTimer::start);
    QObject::connect(view->header(), &QHeaderView::sectionResized, settle, start);
    QObject::connect(view->model(), &QAbstractItemModel::rowsInserted, settle, start);
    QObject::connect(view->model(), &QAbstractItemModel::rowsRemoved, settle, start);
    QObject::connect(view->model(), &QAbstractItemModel::modelReset, settle, start);
}

} // namespace

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
    materials->setHeaderLabels({Tr::tr("Material"), Tr::tr("Provided as"), Tr::tr("Required"), Tr::tr("Form"),
                                Tr::tr("Copies"), Tr::tr("Items")});
    // Material names are long (经营场所使用证明（产权证明或租赁合同）): they wrap rather than
    // being cut, and the short columns take only what they need.
    materials->setWordWrap(true);
    materials->setItemDelegate(new WrappingDelegate(materials));
    relayoutOnResize(materials, 160, 440);
    materials->header()->setStretchLastSection(false);
    materials->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (const int column : {RequiredColumn, FormColumn, CopiesColumn})
        materials->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    materials->header()->setSectionResizeMode(ProvidedColumn, QHeaderView::Interactive);
    materials->header()->resizeSection(ProvidedColumn, 180);
    materials->header()->setSectionResizeMode(ItemsColumn, QHeaderView::Interactive);
    materials->header()->resizeSection(ItemsColumn, 110);
    materials->setToolTip(Tr::tr("Space ticks a material; Insert attaches files to it."));
    QObject::connect(materials, &QTreeWidget::itemChanged, q, [this] { changed(); });
    QObject::connect(materials, &QTreeWidget::currentItemChanged, q, [this] { showAttachments(); });
    materials->installEventFilter(new KeyFilter(materials, [this](int key) {
        if (key != Qt::Key_Insert)
            return false;
        addAttachmentFiles();
        return true;
    }));
    materialsLayout->addWidget(materials);

    // The files of the material chosen in the checklist.
    attachmentsTitle = new QLabel(materialsBox);
    attachmentsTitle->setObjectName(QStringLiteral("attachmentsTitleLabel"));
    attachmentsTitle->setWordWrap(true);
    materialsLayout->addWidget(attachmentsTitle);
    auto *filesRow = new QHBoxLayout;
    attachmentList = new QListWidget(materialsBox);
    attachmentList->setObjectName(QStringLiteral("attachmentsListWidget"));
    attachmentList->setViewMode(QListView::IconMode);
    attachmentList->setIconSize(QSize(72, 72));
    attachmentList->setGridSize(QSize(150, 112));
    attachmentList->setWordWrap(true);
    attachmentList->setMovement(QListView::Static);
    attachmentList->setResizeMode(QListView::Adjust);
    attachmentList->setFixedHeight(130);
    attachmentList->setAccessibleName(Tr::tr("Files attached to the material"));
    attachmentList->setToolTip(Tr::tr("Enter previews the file; Delete removes it from the material."));
    attachmentList->installEventFilter(new KeyFilter(attachmentList, [this](int key) {
        if (key != Qt::Key_Delete && key != Qt::Key_Backspace)
            return false;
        removeAttachment();
        return true;
    }));
    filesRow->addWidget(attachmentList, 1);
    auto *fileButtons = new QVBoxLayout;
    addFileButton = new QPushButton(Tr::tr("A&dd file…"), materialsBox);
    addFileButton->setObjectName(QStringLiteral("addAttachmentPushButton"));
    addFileButton->setToolTip(
        Tr::tr("Attach scans or photos (PNG, JPEG) or PDF files to the material (Insert)"));
    removeFileButton = new QPushButton(Tr::tr("Re&move file"), materialsBox);
    removeFileButton->setObjectName(QStringLiteral("removeAttachmentPushButton"));
    previewFileButton = new QPushButton(Tr::tr("Previe&w"), materialsBox);
    previewFileButton->setObjectName(QStringLiteral("previewAttachmentPushButton"));
    fileButtons->addWidget(addFileButton);
    fileButtons->addWidget(removeFileButton);
    fileButtons->addWidget(previewFileButton);
    fileButtons->addStretch();
    filesRow->addLayout(fileButtons);
    materialsLayout->addLayout(filesRow);
    attachmentStatus = new QLabel(materialsBox);
    attachmentStatus->setObjectName(QStringLiteral("attachmentStatusLabel"));
    attachmentStatus->setWordWrap(true);
    attachmentStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    materialsLayout->addWidget(attachmentStatus);
    QObject::connect(addFileButton, &QPushButton::clicked, q, [this] { addAttachmentFiles(); });
    QObject::connect(removeFileButton, &QPushButton::clicked, q, [this] { removeAttachment(); });
    QObject::connect(previewFileButton, &QPushButton::clicked, q, [this] { previewAttachment(); });
    QObject::connect(attachmentList, &QListWidget::itemActivated, q, [this] { previewAttachment(); });
    QObject::connect(attachmentList, &QListWidget::currentRowChanged, q, [this] {
        const bool chosen = attachmentList->currentItem() != nullptr;
        removeFileButton->setEnabled(chosen);
        previewFileButton->setEnabled(chosen);
    });
    showAttachments();
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
    history->setWordWrap(true); // the service's name wraps; the case number stays whole
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
    splitter->setSizes({3000, 2000}); // scaled to the page's width when it is laid out
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
            held.clear();
            licencesLabel->clear();
            applySharedLicences();
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
    favouriteButton = new QPushButton(box);
    favouriteButton->setObjectName(QStringLiteral("favouriteButton"));
    favouriteButton->setToolTip(Tr::tr("Keep this item among the window's favourites (Ctrl+D)"));
    // The button's text changes with the state, which would reset a button shortcut.
    auto *favouriteShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_D), q);
    QObject::connect(favouriteShortcut, &QShortcut::activated, q, [this] { toggleFavourite(); });
    favouriteButton->setText(Tr::tr("☆ Add to favourites"));
    favouriteButton->setEnabled(false);
    auto *selectedRow = new QHBoxLayout;
    selectedRow->addWidget(selectedLabel, 1);
    selectedRow->addWidget(favouriteButton, 0, Qt::AlignTop);
    layout->addLayout(selectedRow);
    QObject::connect(favouriteButton, &QPushButton::clicked, q, [this] { toggleFavourite(); });

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
