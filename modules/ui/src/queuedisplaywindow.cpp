// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/queuedisplaywindow.h"
#include "ow/ui/queueconfig.h"
#include "ow/ui/tr.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

namespace ow::ui {

namespace {

constexpr int pollIntervalMs = 1000;
constexpr int flashIntervalMs = 400;
constexpr int flashToggles = 10; // five times on and off
constexpr int recentCount = 8;

QFont scaled(const QFont &base, double factor, bool bold = false)
{
    QFont font = base;
    font.setPointSizeF(std::max(base.pointSizeF(), 10.0) * factor);
    font.setBold(bold);
    return font;
}

const QString normalStyle = QStringLiteral("color: #ffeb3b; background: #0d1b2a; border-radius: 16px;");
const QString flashStyle = QStringLiteral("color: #0d1b2a; background: #ffeb3b; border-radius: 16px;");

} // namespace

class QueueDisplayWindow::Private
{
public:
    QueueDisplayWindow *q;
    QSqlDatabase db;
    QueueConfig config;
    QLabel *latestLabel = nullptr;
    QLabel *latestWindowLabel = nullptr;
    QListWidget *recentList = nullptr;
    QLabel *waitingLabel = nullptr;
    QLabel *clockLabel = nullptr;
    QLabel *errorLabel = nullptr;
    QTimer *pollTimer = nullptr;
    QTimer *flashTimer = nullptr;
    // What was announced last, so that only a new call or a 重呼 announces again.
    QString lastKey;
    bool firstRead = true;
    int announced = 0;
    int flashLeft = 0;
    QString latestText;
    QStringList recentTexts;

    void setupUi();
    void flash();
    QString callText(const queue::Ticket &ticket) const
    {
        return Tr::tr("%1 please go to %2").arg(ticket.number, config.windowName(ticket.window));
    }
};

void QueueDisplayWindow::Private::setupUi()
{
    q->setWindowTitle(Tr::tr("OneWindow queue display"));
    q->setAutoFillBackground(true);
    QPalette palette = q->palette();
    palette.setColor(QPalette::Window, QColor(0x0d, 0x1b, 0x2a));
    palette.setColor(QPalette::WindowText, Qt::white);
    q->setPalette(palette);

    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(40, 24, 40, 24);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(Tr::tr("Now calling"), q);
    title->setFont(scaled(q->font(), 2.4, true));
    clockLabel = new QLabel(q);
    clockLabel->setFont(scaled(q->font(), 2.0));
    header->addWidget(title);
    header->addStretch();
    header->addWidget(clockLabel);
    layout->addLayout(header);

    latestLabel = new QLabel(q);
    latestLabel->setObjectName(QStringLiteral("latestCallLabel"));
    latestLabel->setAlignment(Qt::AlignCenter);
    latestLabel->setFont(scaled(q->font(), 8.0, true));
    latestLabel->setStyleSheet(normalStyle);
    latestLabel->setMinimumHeight(QFontMetrics(latestLabel->font()).height() + 24);
    layout->addWidget(latestLabel);
    latestWindowLabel = new QLabel(q);
    latestWindowLabel->setObjectName(QStringLiteral("latestWindowLabel"));
    latestWindowLabel->setAlignment(Qt::AlignCenter);
    latestWindowLabel->setFont(scaled(q->font(), 4.0, true));
    latestWindowLabel->setStyleSheet(QStringLiteral("color: white"));
    layout->addWidget(latestWindowLabel);

    auto *lower = new QHBoxLayout;
    auto *recentBox = new QVBoxLayout;
    auto *recentTitle = new QLabel(Tr::tr("Called before"), q);
    recentTitle->setFont(scaled(q->font(), 1.8, true));
    recentList = new QListWidget(q);
    recentList->setObjectName(QStringLiteral("recentCallsListWidget"));
    recentList->setFont(scaled(q->font(), 2.2));
    recentList->setFocusPolicy(Qt::NoFocus);
    recentList->setStyleSheet(QStringLiteral("QListWidget { background: #1b263b; color: white; border: none; }"));
    recentBox->addWidget(recentTitle);
    recentBox->addWidget(recentList);
    lower->addLayout(recentBox, 3);

    auto *waitingBox = new QVBoxLayout;
    auto *waitingTitle = new QLabel(Tr::tr("Waiting in line"), q);
    waitingTitle->setFont(scaled(q->font(), 1.8, true));
    waitingLabel = new QLabel(q);
    waitingLabel->setObjectName(QStringLiteral("waitingCountsLabel"));
    waitingLabel->setFont(scaled(q->font(), 2.0));
    waitingLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    waitingLabel->setTextFormat(Qt::RichText);
    waitingBox->addWidget(waitingTitle);
    waitingBox->addWidget(waitingLabel, 1);
    lower->addLayout(waitingBox, 2);
    layout->addLayout(lower, 1);

    errorLabel = new QLabel(q);
    errorLabel->setObjectName(QStringLiteral("displayErrorLabel"));
    errorLabel->setStyleSheet(QStringLiteral("color: #ff8a80"));
    errorLabel->setWordWrap(true);
    layout->addWidget(errorLabel);

    pollTimer = new QTimer(q);
    QObject::connect(pollTimer, &QTimer::timeout, q, &QueueDisplayWindow::refresh);
    pollTimer->start(pollIntervalMs);
    flashTimer = new QTimer(q);
    flashTimer->setInterval(flashIntervalMs);
    QObject::connect(flashTimer, &QTimer::timeout, q, [this] {
        --flashLeft;
        latestLabel->setStyleSheet(flashLeft % 2 ? flashStyle : normalStyle);
        if (flashLeft <= 0) {
            flashTimer->stop();
            latestLabel->setStyleSheet(normalStyle);
        }
    });
}

void QueueDisplayWindow::Private::flash()
{
    flashLeft = flashToggles;
    latestLabel->setStyleSheet(flashStyle);
    flashTimer->start();
    QApplication::beep();
}

QueueDisplayWindow::QueueDisplayWindow(const QSqlDatabase &db, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->db = db;
    d->config = QueueConfig::load(db);
    d->setupUi();
    refresh();
}

QueueDisplayWindow::~QueueDisplayWindow() = default;

void QueueDisplayWindow::refresh()
{
    d->clockLabel->setText(QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm")));
    QString error;
    // Windows a centre set up after this display started still show by their code.
    const auto ticketQueue = d->config.loadQueue(d->db, QDate::currentDate(), &error);
    if (!ticketQueue) {
        d->errorLabel->setText(Tr::tr("The queue cannot be read: %1").arg(error));
        return;
    }
    d->errorLabel->clear();
    const QList<queue::Ticket> calls = ticketQueue->recentCalls(recentCount + 1);
    if (calls.isEmpty()) {
        d->latestText.clear();
        d->latestLabel->setText(QStringLiteral(" "));
        d->latestWindowLabel->setText(Tr::tr("Please wait for your number"));
    } else {
        const queue::Ticket &latest = calls.first();
        d->latestText = d->callText(latest);
        d->latestLabel->setText(latest.number);
        d->latestWindowLabel->setText(Tr::tr("please go to %1").arg(d->config.windowName(latest.window)));
        // A new call or a 重呼 (the call count grows) announces; a restart of the display does not.
        const QString key = latest.number + QLatin1Char('/') + QString::number(latest.calls);
        if (key != d->lastKey) {
            d->lastKey = key;
            if (!d->firstRead) {
                ++d->announced;
                d->flash();
                emit announced(latest.number, latest.window);
            }
        }
    }
    d->firstRead = false;

    d->recentTexts.clear();
    d->recentList->clear();
    for (qsizetype i = 1; i < calls.size(); ++i) {
        const queue::Ticket &ticket = calls.at(i);
        QString text = d->callText(ticket);
        // Only a call still answered at its window goes without its state (弃号, 挂起, 办结, 转移 show theirs).
        if (ticket.state != queue::TicketState::Called && ticket.state != queue::TicketState::Serving)
            text = Tr::tr("%1 (%2)").arg(text, queue::stateDisplayName(ticket.state));
        d->recentTexts.append(text);
        d->recentList->addItem(text);
    }

    QStringList rows;
    const QList<queue::Ticket> waiting = ticketQueue->waiting();
    for (const queue::ServiceCategory &category : d->config.categories) {
        const auto count = std::count_if(waiting.cbegin(), waiting.cend(), [&category](const queue::Ticket &t) {
            return t.category == category.code;
        });
        rows.append(Tr::tr("%1 %2: <b>%3</b>").arg(category.code, category.name.toHtmlEscaped()).arg(count));
    }
    d->waitingLabel->setText(rows.join(QStringLiteral("<br>")));
}

QString QueueDisplayWindow::latestCallText() const
{
    return d->latestText;
}

QStringList QueueDisplayWindow::recentCallTexts() const
{
    return d->recentTexts;
}

int QueueDisplayWindow::announcements() const
{
    return d->announced;
}

bool QueueDisplayWindow::isFlashing() const
{
    return d->flashTimer->isActive();
}

} // namespace ow::ui
