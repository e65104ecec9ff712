// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/queuedialogs.h"
#include "ow/ui/tr.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ow::ui {

QueueTransferDialog::QueueTransferDialog(const QueueConfig &config, const queue::Ticket &ticket,
                                         const QString &ownWindow, QWidget *parent)
    : QDialog(parent)
    , m_windowRadio(new QRadioButton(Tr::tr("To &window:"), this))
    , m_categoryRadio(new QRadioButton(Tr::tr("To &category:"), this))
    , m_windowCombo(new QComboBox(this))
    , m_categoryCombo(new QComboBox(this))
{
    setWindowTitle(Tr::tr("Transfer ticket %1").arg(ticket.number));
    m_windowRadio->setObjectName(QStringLiteral("transferWindowRadioButton"));
    m_categoryRadio->setObjectName(QStringLiteral("transferCategoryRadioButton"));
    m_windowCombo->setObjectName(QStringLiteral("transferWindowComboBox"));
    m_categoryCombo->setObjectName(QStringLiteral("transferCategoryComboBox"));
    for (const queue::ServiceWindow &window : config.windows) {
        if (window.code != ownWindow)
            m_windowCombo->addItem(window.name, window.code);
    }
    for (const queue::ServiceCategory &category : config.categories) {
        if (category.code != ticket.category)
            m_categoryCombo->addItem(Tr::tr("%1 %2").arg(category.code, category.name), category.code);
    }
    m_windowRadio->setChecked(true);
    m_categoryCombo->setEnabled(false);
    connect(m_windowRadio, &QRadioButton::toggled, this, [this](bool on) {
        m_windowCombo->setEnabled(on);
        m_categoryCombo->setEnabled(!on);
    });

    auto *intro = new QLabel(Tr::tr("Ticket %1 waits again at the chosen window (called there first) or in "
                                    "the chosen category (keeping its place).")
                                 .arg(ticket.number),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_windowRadio, m_windowCombo);
    form->addRow(m_categoryRadio, m_categoryCombo);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(Tr::tr("&Transfer"));
    buttons->button(QDialogButtonBox::Cancel)->setText(Tr::tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

bool QueueTransferDialog::toWindow() const
{
    return m_windowRadio->isChecked();
}

QString QueueTransferDialog::target() const
{
    return toWindow() ? m_windowCombo->currentData().toString() : m_categoryCombo->currentData().toString();
}

QueueEvaluationDialog::QueueEvaluationDialog(const queue::Ticket &ticket, QWidget *parent)
    : QDialog(parent)
    , m_number(ticket.number)
    , m_levels(new QButtonGroup(this))
    , m_reasonLabel(new QLabel(Tr::tr("What went wrong? (optional, for the supervisor)"), this))
    , m_reasonEdit(new QPlainTextEdit(this))
{
    setWindowTitle(Tr::tr("Service evaluation for ticket %1").arg(ticket.number));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(Tr::tr("Please ask the resident to rate the service of ticket %1:").arg(ticket.number),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    for (const queue::Evaluation level : queue::allEvaluations()) {
        auto *radio = new QRadioButton(queue::evaluationDisplayName(level), this);
        radio->setObjectName(QStringLiteral("evaluationRadioButton_%1").arg(static_cast<int>(level)));
        m_levels->addButton(radio, static_cast<int>(level));
        layout->addWidget(radio);
    }
    m_reasonEdit->setObjectName(QStringLiteral("evaluationReasonEdit"));
    m_reasonEdit->setPlaceholderText(Tr::tr("e.g. waited too long, asked to come back twice"));
    m_reasonEdit->setMaximumHeight(90);
    m_reasonLabel->setBuddy(m_reasonEdit);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reasonEdit);
    auto *buttons = new QDialogButtonBox(this);
    m_recordButton = buttons->addButton(Tr::tr("&Record evaluation"), QDialogButtonBox::AcceptRole);
    m_recordButton->setObjectName(QStringLiteral("recordEvaluationPushButton"));
    QPushButton *declined = buttons->addButton(Tr::tr("The resident &declined"), QDialogButtonBox::RejectRole);
    declined->setObjectName(QStringLiteral("declinedEvaluationPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_levels, &QButtonGroup::idToggled, this, [this] { updateState(); });
    updateState();
    setMinimumWidth(420);
}

std::optional<queue::Evaluation> QueueEvaluationDialog::evaluation() const
{
    const int id = m_levels->checkedId();
    if (id < 1)
        return std::nullopt;
    return static_cast<queue::Evaluation>(id);
}

QString QueueEvaluationDialog::reason() const
{
    const auto level = evaluation();
    return level && queue::isLowEvaluation(*level) ? m_reasonEdit->toPlainText().trimmed() : QString();
}

void QueueEvaluationDialog::choose(queue::Evaluation evaluation)
{
    if (QAbstractButton *button = m_levels->button(static_cast<int>(evaluation)))
        button->setChecked(true);
}

void QueueEvaluationDialog::updateState()
{
    const auto level = evaluation();
    const bool low = level && queue::isLowEvaluation(*level);
    m_reasonLabel->setEnabled(low);
    m_reasonEdit->setEnabled(low);
    m_recordButton->setEnabled(level.has_value());
}

} // namespace ow::ui
