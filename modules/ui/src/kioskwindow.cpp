// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/kioskwindow.h"
#include "ow/ui/queueconfig.h"
#include "ow/ui/tr.h"

#include <ow/queue/queuestore.h>
#include <ow/storage/transaction.h>

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPrinter>
#include <QPrinterInfo>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

// How long the issued ticket stays on screen before the kiosk greets the next resident.
constexpr int ticketShownMs = 30000;

QFont scaled(const QFont &base, double factor, bool bold = false)
{
    QFont font = base;
    font.setPointSizeF(std::max(base.pointSizeF(), 10.0) * factor);
    font.setBold(bold);
    return font;
}

} // namespace

class KioskWindow::Private
{
public:
    KioskWindow *q;
    QSqlDatabase db;
    QueueConfig config;
    QButtonGroup *priorities = nullptr;
    QLabel *numberLabel = nullptr;
    QLabel *ticketDetailsLabel = nullptr;
    QLabel *messageLabel = nullptr;
    QPushButton *printButton = nullptr;
    QTimer *resetTimer = nullptr;
    std::optional<queue::Ticket> last;
    int ahead = 0;
    QString error;

    void setupUi();
    void showTicket();
    void resetScreen();
    void showError(const QString &text);
    void paintSlip(QPainter &painter, const QRect &page) const;
    void print();
};

void KioskWindow::Private::setupUi()
{
    q->setWindowTitle(Tr::tr("OneWindow ticket kiosk"));
    q->setStyleSheet(QStringLiteral("ow--ui--KioskWindow { background: #f4f7fb; }"
                                    "QPushButton[kioskCategory=\"true\"] { background: #1565c0; color: white;"
                                    " border-radius: 12px; padding: 18px; }"
                                    "QPushButton[kioskPriority=\"true\"] { background: white; border: 2px solid "
                                    "#2e7d32; border-radius: 10px; padding: 10px; color: #2e7d32; }"
                                    "QPushButton[kioskPriority=\"true\"]:checked { background: #2e7d32; color: "
                                    "white; }"));
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(40, 30, 40, 30);
    layout->setSpacing(18);

    auto *title = new QLabel(Tr::tr("Take a ticket"), q);
    title->setObjectName(QStringLiteral("kioskTitleLabel"));
    title->setFont(scaled(q->font(), 3.0, true));
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);

    auto *priorityHint = new QLabel(Tr::tr("Green channel: choose first if it applies to you"), q);
    priorityHint->setFont(scaled(q->font(), 1.4));
    priorityHint->setAlignment(Qt::AlignCenter);
    layout->addWidget(priorityHint);
    auto *priorityRow = new QHBoxLayout;
    priorities = new QButtonGroup(q);
    priorities->setExclusive(false);
    const QList<queue::Priority> options{queue::Priority::Elderly, queue::Priority::Disabled,
                                         queue::Priority::Appointment};
    for (const queue::Priority priority : options) {
        // On the kiosk an appointment is checked in (预约取号), not just named.
        auto *button = new QPushButton(priority == queue::Priority::Appointment ? Tr::tr("Appointment check-in")
                                                                               : queue::priorityDisplayName(priority),
                                       q);
        button->setObjectName(QStringLiteral("priorityButton_") + queue::priorityName(priority));
        button->setProperty("kioskPriority", true);
        button->setCheckable(true);
        button->setFont(scaled(q->font(), 1.6, true));
        button->setMinimumHeight(64);
        priorities->addButton(button, static_cast<int>(priority));
        priorityRow->addWidget(button);
    }
    // One option at a time, and a second touch takes it back.
    QObject::connect(priorities, &QButtonGroup::idToggled, q, [this](int id, bool on) {
        if (!on)
            return;
        for (QAbstractButton *button : priorities->buttons()) {
            if (priorities->id(button) != id)
                button->setChecked(false);
        }
    });
    layout->addLayout(priorityRow);

    auto *grid = new QGridLayout;
    grid->setSpacing(20);
    int index = 0;
    for (const queue::ServiceCategory &category : config.categories) {
        auto *button = new QPushButton(Tr::tr("%1  %2").arg(category.code, category.name), q);
        button->setObjectName(QStringLiteral("categoryButton_") + category.code);
        button->setProperty("kioskCategory", true);
        button->setFont(scaled(q->font(), 2.4, true));
        button->setMinimumHeight(110);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        const QString code = category.code;
        QObject::connect(button, &QPushButton::clicked, q, [this, code] { q->issue(code); });
        grid->addWidget(button, index / 2, index % 2);
        ++index;
    }
    layout->addLayout(grid, 3);

    auto *ticketFrame = new QWidget(q);
    ticketFrame->setObjectName(QStringLiteral("kioskTicketFrame"));
    ticketFrame->setStyleSheet(
        QStringLiteral("#kioskTicketFrame { background: white; border: 2px dashed #90a4ae; border-radius: 12px; }"));
    auto *ticketLayout = new QVBoxLayout(ticketFrame);
    numberLabel = new QLabel(ticketFrame);
    numberLabel->setObjectName(QStringLiteral("ticketNumberLabel"));
    numberLabel->setFont(scaled(q->font(), 6.0, true));
    numberLabel->setAlignment(Qt::AlignCenter);
    numberLabel->setStyleSheet(QStringLiteral("color: #0d47a1"));
    ticketDetailsLabel = new QLabel(ticketFrame);
    ticketDetailsLabel->setObjectName(QStringLiteral("ticketDetailsLabel"));
    ticketDetailsLabel->setFont(scaled(q->font(), 1.6));
    ticketDetailsLabel->setAlignment(Qt::AlignCenter);
    ticketDetailsLabel->setWordWrap(true);
    printButton = new QPushButton(QPrinterInfo::availablePrinters().isEmpty() ? Tr::tr("Save ticket as PDF")
                                                                               : Tr::tr("Print ticket"),
                                  ticketFrame);
    printButton->setObjectName(QStringLiteral("printTicketPushButton"));
    printButton->setFont(scaled(q->font(), 1.4));
    QObject::connect(printButton, &QPushButton::clicked, q, [this] { print(); });
    ticketLayout->addWidget(numberLabel);
    ticketLayout->addWidget(ticketDetailsLabel);
    ticketLayout->addWidget(printButton, 0, Qt::AlignCenter);
    layout->addWidget(ticketFrame, 2);

    messageLabel = new QLabel(q);
    messageLabel->setObjectName(QStringLiteral("kioskMessageLabel"));
    messageLabel->setFont(scaled(q->font(), 1.3));
    messageLabel->setAlignment(Qt::AlignCenter);
    messageLabel->setWordWrap(true);
    layout->addWidget(messageLabel);

    resetTimer = new QTimer(q);
    resetTimer->setSingleShot(true);
    resetTimer->setInterval(ticketShownMs);
    QObject::connect(resetTimer, &QTimer::timeout, q, [this] { resetScreen(); });
    resetScreen();
}

void KioskWindow::Private::resetScreen()
{
    numberLabel->setText(QStringLiteral(" "));
    ticketDetailsLabel->setText(Tr::tr("Touch the service you came for."));
    printButton->setVisible(false);
}

void KioskWindow::Private::showError(const QString &text)
{
    error = text;
    messageLabel->setStyleSheet(QStringLiteral("color: #b3261e"));
    messageLabel->setText(Tr::tr("No ticket could be issued: %1 Please ask the staff at the information desk.")
                              .arg(text));
}

void KioskWindow::Private::showTicket()
{
    numberLabel->setText(last->number);
    QString details = config.categoryName(last->category);
    if (last->isPriority())
        details += Tr::tr(" · green channel (%1)").arg(queue::priorityDisplayName(last->priority));
    details += QLatin1Char('\n');
    details += ahead == 0 ? Tr::tr("You are next.") : Tr::tr("%n people waiting ahead of you.", nullptr, ahead);
    ticketDetailsLabel->setText(details);
    printButton->setVisible(true);
    messageLabel->setStyleSheet(QString());
    messageLabel->setText(Tr::tr("Please wait until your number is shown and called."));
    resetTimer->start();
}

void KioskWindow::Private::paintSlip(QPainter &painter, const QRect &page) const
{
    const int unit = page.height() / 14;
    QFont font = painter.font();
    auto draw = [&](int top, int height, double size, bool bold, const QString &text) {
        font.setPixelSize(std::max(1, int(unit * size)));
        font.setBold(bold);
        painter.setFont(font);
        painter.drawText(QRect(page.left(), page.top() + top * unit, page.width(), height * unit),
                         Qt::AlignCenter | Qt::TextWordWrap, text);
    };
    draw(0, 2, 0.7, true, Tr::tr("Queue ticket"));
    draw(2, 4, 3.0, true, last->number);
    QString category = config.categoryName(last->category);
    if (last->isPriority())
        category += Tr::tr(" · green channel (%1)").arg(queue::priorityDisplayName(last->priority));
    draw(6, 2, 0.7, false, category);
    draw(8, 2, 0.6, false,
         ahead == 0 ? Tr::tr("You are next.") : Tr::tr("%n people waiting ahead of you.", nullptr, ahead));
    draw(10, 2, 0.5, false, QLocale().toString(last->issuedAt, QLocale::ShortFormat));
    draw(12, 2, 0.45, false, Tr::tr("Please keep this ticket; a missed number can be called back at the window."));
}

void KioskWindow::Private::print()
{
    if (!last)
        return;
    if (!QPrinterInfo::availablePrinters().isEmpty()) {
        QPrinter printer(QPrinterInfo::defaultPrinter());
        printer.setPageSize(QPageSize(QSizeF(80, 120), QPageSize::Millimeter));
        QPainter painter;
        if (painter.begin(&printer)) {
            paintSlip(painter, painter.viewport());
            painter.end();
            messageLabel->setText(Tr::tr("Ticket %1 printed.").arg(last->number));
            return;
        }
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(q, Tr::tr("Save ticket as PDF"),
                                                      QDir(folder).filePath(last->number + QStringLiteral(".pdf")),
                                                      Tr::tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    QString problem;
    if (q->saveSlip(path, &problem))
        messageLabel->setText(Tr::tr("Ticket saved as %1.").arg(QDir::toNativeSeparators(path)));
    else
        showError(problem);
}

KioskWindow::KioskWindow(const QSqlDatabase &db, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->db = db;
    d->config = QueueConfig::load(db);
    d->setupUi();
}

KioskWindow::~KioskWindow() = default;

std::optional<queue::Ticket> KioskWindow::issue(const QString &category)
{
    d->error.clear();
    const int checked = d->priorities->checkedId();
    const auto priority = checked > 0 ? static_cast<queue::Priority>(checked) : queue::Priority::Normal;
    if (QAbstractButton *button = d->priorities->checkedButton())
        button->setChecked(false);

    // Read back first, under the store's write lock: the numbering continues
    // what the store holds, also after a restart or next to another kiosk.
    storage::Transaction transaction(d->db);
    if (!transaction.isActive()) {
        d->showError(transaction.lastError().text());
        return std::nullopt;
    }
    QString problem;
    auto ticketQueue = d->config.loadQueue(d->db, QDate::currentDate(), &problem);
    if (!ticketQueue) {
        d->showError(problem);
        return std::nullopt;
    }
    const queue::TicketQueue::Result result = ticketQueue->issue(category, priority, QDateTime::currentDateTime());
    if (!result.ok()) {
        d->showError(result.error);
        return std::nullopt;
    }
    queue::QueueStore store(d->db, ticketQueue->day());
    if (!store.save(*result.ticket)) {
        d->showError(store.lastError());
        return std::nullopt;
    }
    if (!transaction.commit()) {
        d->showError(transaction.lastError().text());
        return std::nullopt;
    }
    d->last = result.ticket;
    d->ahead = 0;
    for (const queue::Ticket &waiting : ticketQueue->waiting()) {
        if (waiting.number == d->last->number)
            break;
        if (waiting.category == category)
            ++d->ahead;
    }
    d->showTicket();
    emit ticketIssued(d->last->number);
    return d->last;
}

std::optional<queue::Ticket> KioskWindow::lastTicket() const
{
    return d->last;
}

int KioskWindow::aheadOfLast() const
{
    return d->ahead;
}

bool KioskWindow::saveSlip(const QString &path, QString *error) const
{
    if (!d->last) {
        if (error)
            *error = Tr::tr("No ticket has been issued yet.");
        return false;
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QSizeF(80, 120), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(4, 4, 4, 4), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(Tr::tr("Queue ticket %1").arg(d->last->number));
    writer.setCreator(QStringLiteral("OneWindow"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = Tr::tr("The file %1 cannot be written.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    d->paintSlip(painter, painter.viewport());
    painter.end();
    return true;
}

QString KioskWindow::errorText() const
{
    return d->error;
}

} // namespace ow::ui
