// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The queue as the centre uses it, on a real encrypted store: residents take
// tickets at the kiosk, a clerk calls them at the window's 叫号 page with the
// keyboard, and the hall's display (on its own connection, as its own
// process would) shows the calls.

#include <ow/cases/casenumber.h>
#include <ow/cases/statemachine.h>
#include <ow/core/uuid.h>
#include <ow/queue/queuestore.h>
#include <ow/queue/ticketqueue.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/settingsrepository.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/kioskwindow.h>
#include <ow/ui/queueconfig.h>
#include <ow/ui/queuedialogs.h>
#include <ow/ui/queuedisplaywindow.h>
#include <ow/ui/queuepage.h>

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace ow;
using namespace Qt::StringLiterals;

namespace {

// A key as the clerk presses it: the page's window is the active one, so its shortcuts answer.
void press(QWidget *page, Qt::Key key)
{
    page->activateWindow();
    if (!QTest::qWaitForWindowActive(page))
        qWarning("the page's window did not become active");
    QTest::keyClick(page, key);
    // A button's shortcut clicks it the way animateClick() does: a moment later.
    QTest::qWait(150);
}

// The number at the page's window, empty when none.
QString numberAt(const ui::QueuePage *page)
{
    const auto ticket = page->currentTicket();
    return ticket ? ticket->number : QString();
}

} // namespace

class TestQueuePage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void kioskNumbersPerCategory();
    void priorityTicketCalledFirst();
    void transferToAnotherWindow();
    void noShow();
    void parkAndCallBack();
    void finishingAsksForEvaluation();
    void evaluationGoesToTheCase();
    void displayShowsCallsFromThePage();
    void refusalsAreShownAndChangeNothing();
    void centreCategoriesAndTwoWindows();

private:
    std::unique_ptr<ui::QueuePage> makePage(const QString &window = u"01"_s);
    queue::TicketQueue stored() const;
    queue::Ticket storedTicket(const QString &number) const;
    void clickCategory(ui::KioskWindow &kiosk, const QString &category, const QString &priority = {});
    QString recordCase(cases::EventType outcome, const QJsonObject &payload);

    std::unique_ptr<test::TempDataDir> m_dir;
    QByteArray m_key;
    QSqlDatabase m_db;
    ui::Session m_session;
};

void TestQueuePage::init()
{
    m_dir = std::make_unique<test::TempDataDir>();
    m_key = QByteArray(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(m_key.begin(), m_key.end());
    auto opened = storage::Database::open(m_dir->filePath(u"onewindow.db"_s), m_key, u"queuepage"_s,
                                          storage::Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    QString message;
    QCOMPARE(storage::Migrations::migrate(m_db, &message), storage::DatabaseError::None);

    m_session.userName = u"zhangsan"_s;
    m_session.user.deviceId = u"0193a6b4-1d00-7000-8000-00000000a001"_s;
    m_session.user.user.id = u"u-zhangsan"_s;
    m_session.user.user.name = u"zhangsan"_s;
    m_session.user.user.displayName = u"张三"_s;
    m_session.user.user.roles = {cases::Role::Clerk};
    m_session.user.user.officeCode = u"330102001"_s;
}

void TestQueuePage::cleanup()
{
    m_db = QSqlDatabase();
    storage::Database::close(u"queuepage"_s);
    m_dir.reset();
}

std::unique_ptr<ui::QueuePage> TestQueuePage::makePage(const QString &window)
{
    auto page = std::make_unique<ui::QueuePage>(m_db, m_session);
    if (page->windowCode() != window)
        page->setWindowCode(window);
    page->resize(1100, 700);
    page->show();
    page->activateWindow();
    return page;
}

queue::TicketQueue TestQueuePage::stored() const
{
    const ui::QueueConfig config = ui::QueueConfig::load(m_db);
    queue::TicketQueue tickets(config.categories, config.windows, QDate::currentDate());
    queue::QueueStore store(m_db, QDate::currentDate());
    if (!store.loadDay(tickets))
        qWarning("the queue cannot be loaded: %s", qPrintable(store.lastError()));
    return tickets;
}

queue::Ticket TestQueuePage::storedTicket(const QString &number) const
{
    const queue::TicketQueue tickets = stored();
    const queue::Ticket *ticket = tickets.ticket(number);
    return ticket ? *ticket : queue::Ticket();
}

void TestQueuePage::clickCategory(ui::KioskWindow &kiosk, const QString &category, const QString &priority)
{
    if (!priority.isEmpty()) {
        auto *option = kiosk.findChild<QPushButton *>(u"priorityButton_"_s + priority);
        QVERIFY(option);
        QTest::mouseClick(option, Qt::LeftButton);
    }
    auto *button = kiosk.findChild<QPushButton *>(u"categoryButton_"_s + category);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

QString TestQueuePage::recordCase(cases::EventType outcome, const QJsonObject &payload)
{
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    static qint64 serial = 0;
    const QString number
        = cases::CaseNumber::make(u"330102"_s, QDate::currentDate(), u"D07"_s, ++serial)->toString();
    const QJsonObject item{{u"code"_s, u"MZ-JF-002"_s},   {u"name"_s, u"临时救助"_s},
                           {u"department"_s, u"MZ"_s},    {u"legalDays"_s, 10},
                           {u"promisedDays"_s, 5},        {u"producesCertificate"_s, false}};
    const QJsonObject created{{u"caseNumber"_s, number},
                              {u"items"_s, QJsonArray{item}},
                              {u"applicant"_s, QJsonObject{{u"idNumber"_s, u"33010219900307123X"_s},
                                                           {u"name"_s, u"欧阳娜娜"_s}}}};
    cases::Actor actor;
    actor.userId = m_session.user.user.id;
    const QString caseId = core::Uuid::createV7String();
    auto result = journal.record(cases::Event::make(caseId, cases::EventType::Created, actor, created),
                                 cases::Role::Clerk);
    if (!result.isValid()) {
        qWarning("created: %s", qPrintable(result.message));
        return {};
    }
    result = journal.record(cases::Event::make(caseId, outcome, actor, payload), cases::Role::Clerk);
    if (!result.isValid()) {
        qWarning("outcome: %s", qPrintable(result.message));
        return {};
    }
    return caseId;
}

void TestQueuePage::kioskNumbersPerCategory()
{
    {
        ui::KioskWindow kiosk(m_db);
        kiosk.resize(1280, 900);
        kiosk.show();
        clickCategory(kiosk, u"A"_s);
        QCOMPARE(kiosk.lastTicket()->number, u"A001"_s);
        QCOMPARE(kiosk.aheadOfLast(), 0);
        clickCategory(kiosk, u"A"_s);
        QCOMPARE(kiosk.lastTicket()->number, u"A002"_s);
        QCOMPARE(kiosk.aheadOfLast(), 1);
        clickCategory(kiosk, u"B"_s);
        QCOMPARE(kiosk.lastTicket()->number, u"B001"_s);
        QCOMPARE(kiosk.aheadOfLast(), 0);
        // What the resident reads on screen.
        QCOMPARE(kiosk.findChild<QLabel *>(u"ticketNumberLabel"_s)->text(), u"B001"_s);
        QVERIFY(kiosk.findChild<QLabel *>(u"ticketDetailsLabel"_s)->text().contains(u"Business services"_s));

        const QString pdf = m_dir->filePath(u"B001.pdf"_s);
        QString error;
        QVERIFY2(kiosk.saveSlip(pdf, &error), qPrintable(error));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
    }
    // The store holds them; a restarted kiosk continues the day's numbering.
    QCOMPARE(stored().tickets().size(), 3);
    ui::KioskWindow restarted(m_db);
    clickCategory(restarted, u"A"_s);
    QCOMPARE(restarted.lastTicket()->number, u"A003"_s);
    QCOMPARE(restarted.aheadOfLast(), 2);
    QCOMPARE(storedTicket(u"A003"_s).category, u"A"_s);
}

void TestQueuePage::priorityTicketCalledFirst()
{
    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"A"_s);
    clickCategory(kiosk, u"A"_s, u"elderly"_s);
    QCOMPARE(kiosk.lastTicket()->number, u"A002"_s);
    QCOMPARE(kiosk.lastTicket()->priority, queue::Priority::Elderly);
    QCOMPARE(kiosk.aheadOfLast(), 0); // the green channel goes to the front
    // The option is for one ticket only.
    QVERIFY(!kiosk.findChild<QPushButton *>(u"priorityButton_elderly"_s)->isChecked());

    auto page = makePage();
    auto *waiting = page->findChild<QTreeWidget *>(u"waitingTreeWidget"_s);
    QCOMPARE(waiting->topLevelItemCount(), 2);
    QCOMPARE(waiting->topLevelItem(0)->text(0), u"A002"_s);
    press(page.get(), Qt::Key_F2);
    QVERIFY2(page->currentTicket(), qPrintable(page->statusText()));
    QCOMPARE(numberAt(page.get()), u"A002"_s);
    QCOMPARE(page->findChild<QLabel *>(u"currentNumberLabel"_s)->text(), u"A002"_s);
    QCOMPARE(storedTicket(u"A002"_s).state, queue::TicketState::Called);
    QCOMPARE(storedTicket(u"A002"_s).window, u"01"_s);
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Waiting);
}

void TestQueuePage::transferToAnotherWindow()
{
    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"A"_s);
    clickCategory(kiosk, u"A"_s, u"disabled"_s);
    auto page = makePage();
    press(page.get(), Qt::Key_F2);
    QCOMPARE(numberAt(page.get()), u"A002"_s);

    press(page.get(), Qt::Key_F8);
    ui::QueueTransferDialog *dialog = page->transferDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *windows = dialog->findChild<QComboBox *>(u"transferWindowComboBox"_s);
    windows->setCurrentIndex(windows->findData(u"03"_s));
    dialog->accept();
    QVERIFY2(!page->currentTicket(), qPrintable(page->statusText()));
    QVERIFY(!page->statusIsError());

    const queue::Ticket moved = storedTicket(u"A002"_s);
    QCOMPARE(moved.state, queue::TicketState::Waiting);
    QCOMPARE(moved.targetWindow, u"03"_s);
    QCOMPARE(moved.transferredFrom, u"01"_s);

    // Window 03 calls it before A001, which was issued earlier.
    auto other = makePage(u"03"_s);
    QCOMPARE(other->windowCode(), u"03"_s);
    press(other.get(), Qt::Key_F2);
    QCOMPARE(numberAt(other.get()), u"A002"_s);
    QCOMPARE(storedTicket(u"A002"_s).window, u"03"_s);

    // And to another category: it waits there, keeping its number.
    press(page.get(), Qt::Key_F2);
    page->refresh();
    QCOMPARE(numberAt(page.get()), u"A001"_s);
    press(page.get(), Qt::Key_F8);
    dialog = page->transferDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    dialog->findChild<QRadioButton *>(u"transferCategoryRadioButton"_s)->setChecked(true);
    auto *categories = dialog->findChild<QComboBox *>(u"transferCategoryComboBox"_s);
    categories->setCurrentIndex(categories->findData(u"C"_s));
    dialog->accept();
    QCOMPARE(storedTicket(u"A001"_s).category, u"C"_s);
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Waiting);
}

void TestQueuePage::noShow()
{
    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"C"_s);
    auto page = makePage();
    press(page.get(), Qt::Key_F2);
    QCOMPARE(numberAt(page.get()), u"C001"_s);
    press(page.get(), Qt::Key_F3); // 重呼 first
    QCOMPARE(storedTicket(u"C001"_s).calls, 2);
    press(page.get(), Qt::Key_F6);
    QVERIFY(!page->currentTicket());
    const queue::Ticket gone = storedTicket(u"C001"_s);
    QCOMPARE(gone.state, queue::TicketState::NoShow);
    QVERIFY(gone.finishedAt.isValid());
    QCOMPARE(page->findChild<QLabel *>(u"currentNumberLabel"_s)->text(), u"—"_s);
}

void TestQueuePage::parkAndCallBack()
{
    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"A"_s);
    clickCategory(kiosk, u"A"_s);
    auto page = makePage();
    press(page.get(), Qt::Key_F2);
    press(page.get(), Qt::Key_F4);
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Serving);
    press(page.get(), Qt::Key_F7);
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Parked);
    auto *parked = page->findChild<QTreeWidget *>(u"parkedTreeWidget"_s);
    QCOMPARE(parked->topLevelItemCount(), 1);
    QCOMPARE(parked->topLevelItem(0)->text(0), u"A001"_s);

    // The window is free for the next resident meanwhile.
    press(page.get(), Qt::Key_F2);
    QCOMPARE(numberAt(page.get()), u"A002"_s);
    press(page.get(), Qt::Key_F6);

    // 回呼 when the resident is back with the document.
    parked->setCurrentItem(parked->topLevelItem(0));
    press(page.get(), Qt::Key_F10);
    QVERIFY2(page->currentTicket(), qPrintable(page->statusText()));
    QCOMPARE(numberAt(page.get()), u"A001"_s);
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Called);
    QCOMPARE(storedTicket(u"A001"_s).calls, 2);
    QCOMPARE(parked->topLevelItemCount(), 0);
}

void TestQueuePage::finishingAsksForEvaluation()
{
    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"A"_s);
    auto page = makePage();
    QSignalSpy changed(page.get(), &ui::QueuePage::currentTicketChanged);
    press(page.get(), Qt::Key_F2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"A001"_s);
    press(page.get(), Qt::Key_F4);
    press(page.get(), Qt::Key_F5);
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Finished);
    QVERIFY(storedTicket(u"A001"_s).serviceSeconds() >= 0);
    QCOMPARE(changed.last().at(0).toString(), QString());

    ui::QueueEvaluationDialog *dialog = page->evaluationDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *record = dialog->findChild<QPushButton *>(u"recordEvaluationPushButton"_s);
    auto *reason = dialog->findChild<QPlainTextEdit *>(u"evaluationReasonEdit"_s);
    QVERIFY(!record->isEnabled()); // a level must be chosen
    // Tapped on the level's circle.
    const auto tap = [dialog](int level) {
        auto *radio = dialog->findChild<QRadioButton *>(u"evaluationRadioButton_%1"_s.arg(level));
        QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(8, radio->height() / 2));
    };
    tap(4);
    QVERIFY(!reason->isEnabled()); // only the low levels say why
    tap(2);
    QVERIFY(reason->isEnabled());
    reason->setPlainText(u"等候时间太长"_s);
    QTest::mouseClick(record, Qt::LeftButton);
    QVERIFY2(!page->statusIsError(), qPrintable(page->statusText()));

    const queue::Ticket rated = storedTicket(u"A001"_s);
    QVERIFY(rated.evaluation);
    QCOMPARE(*rated.evaluation, queue::Evaluation::Dissatisfied);
    QCOMPARE(rated.evaluationReason, u"等候时间太长"_s);
}

void TestQueuePage::evaluationGoesToTheCase()
{
    const QString basis = u"《中华人民共和国行政许可法》第三十二条"_s;
    const QString refused = recordCase(cases::EventType::Refused, {{u"basis"_s, basis}});
    const QString accepted = recordCase(cases::EventType::Accepted, {});
    QVERIFY(!refused.isEmpty() && !accepted.isEmpty());

    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"A"_s);
    clickCategory(kiosk, u"A"_s);
    auto page = makePage();
    QVERIFY(!page->attachCase(refused)); // nobody at the window yet
    QVERIFY(page->statusIsError());

    press(page.get(), Qt::Key_F2);
    press(page.get(), Qt::Key_F4);
    QVERIFY(page->attachCase(refused));
    QCOMPARE(storedTicket(u"A001"_s).caseId, refused);
    press(page.get(), Qt::Key_F5);
    QTRY_VERIFY(page->evaluationDialog() && page->evaluationDialog()->isVisible());
    page->evaluationDialog()->choose(queue::Evaluation::VerySatisfied);
    page->evaluationDialog()->accept();
    QVERIFY2(!page->statusIsError(), qPrintable(page->statusText()));
    QCOMPARE(*storedTicket(u"A001"_s).evaluation, queue::Evaluation::VerySatisfied);
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    const QList<cases::Event> events = journal.events(refused);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.last().type, cases::EventType::Evaluated);
    QCOMPARE(events.last().payload.value(u"rating"_s).toInt(), 5);
    QCOMPARE(events.last().payload.value(u"ticket"_s).toString(), u"A001"_s);
    QCOMPARE(journal.state(refused).rating, 5);

    // An accepted case is not concluded: the evaluation stays with the ticket, and the clerk is told.
    press(page.get(), Qt::Key_F2);
    press(page.get(), Qt::Key_F4);
    QVERIFY(page->attachCase(accepted));
    press(page.get(), Qt::Key_F5);
    QTRY_VERIFY(page->evaluationDialog() && page->evaluationDialog()->isVisible());
    page->evaluationDialog()->choose(queue::Evaluation::Satisfied);
    page->evaluationDialog()->accept();
    QCOMPARE(*storedTicket(u"A002"_s).evaluation, queue::Evaluation::Satisfied);
    QCOMPARE(storedTicket(u"A002"_s).caseId, accepted);
    QCOMPARE(journal.events(accepted).size(), 2);
    QVERIFY2(page->statusText().contains(u"stays with the ticket"_s), qPrintable(page->statusText()));
}

void TestQueuePage::displayShowsCallsFromThePage()
{
    // The display reads through its own connection, as the display process does.
    auto opened = storage::Database::open(m_dir->filePath(u"onewindow.db"_s), m_key, u"queuedisplay"_s,
                                          storage::Database::Mode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    {
        ui::QueueDisplayWindow display(opened.db);
        display.resize(1280, 800);
        display.show();
        QVERIFY(display.latestCallText().isEmpty());

        ui::KioskWindow kiosk(m_db);
        clickCategory(kiosk, u"A"_s);
        clickCategory(kiosk, u"B"_s);
        auto page = makePage(u"02"_s);
        press(page.get(), Qt::Key_F2);
        QCOMPARE(numberAt(page.get()), u"A001"_s);

        QSignalSpy announced(&display, &ui::QueueDisplayWindow::announced);
        display.refresh();
        QCOMPARE(announced.size(), 1);
        QVERIFY2(display.latestCallText().contains(u"A001"_s), qPrintable(display.latestCallText()));
        QVERIFY2(display.latestCallText().contains(u"Window 02"_s), qPrintable(display.latestCallText()));
        QCOMPARE(display.findChild<QLabel *>(u"latestCallLabel"_s)->text(), u"A001"_s);
        QVERIFY(display.isFlashing());
        QVERIFY(display.findChild<QLabel *>(u"waitingCountsLabel"_s)->text().contains(u"<b>1</b>"_s));
        display.refresh();
        QCOMPARE(announced.size(), 1); // nothing new, nothing announced

        // 重呼 flashes again.
        press(page.get(), Qt::Key_F3);
        display.refresh();
        QCOMPARE(announced.size(), 2);
        QCOMPARE(display.announcements(), 2);

        // The next call moves the first one to the list below.
        press(page.get(), Qt::Key_F6);
        press(page.get(), Qt::Key_F2);
        QTRY_VERIFY(display.latestCallText().contains(u"B001"_s)); // by its own timer
        QCOMPARE(display.recentCallTexts().size(), 1);
        QVERIFY(display.recentCallTexts().first().contains(u"A001"_s));
    }
    opened.db = QSqlDatabase();
    storage::Database::close(u"queuedisplay"_s);
}

void TestQueuePage::refusalsAreShownAndChangeNothing()
{
    auto page = makePage();
    press(page.get(), Qt::Key_F2);
    QVERIFY(page->statusIsError());
    QVERIFY2(page->statusText().contains(u"Nobody is waiting"_s), qPrintable(page->statusText()));

    ui::KioskWindow kiosk(m_db);
    clickCategory(kiosk, u"A"_s);
    // A paused window calls nobody, and the pause is in the store for a restart.
    press(page.get(), Qt::Key_F9);
    QVERIFY(!page->statusIsError());
    QVERIFY(stored().isWindowPaused(u"01"_s));
    page->refresh();
    auto *callNumber = page->findChild<QLineEdit *>(u"callNumberLineEdit"_s);
    callNumber->setText(u"A001"_s);
    QTest::keyClick(callNumber, Qt::Key_Return);
    QVERIFY(page->statusIsError());
    QVERIFY2(page->statusText().contains(u"paused"_s), qPrintable(page->statusText()));
    QCOMPARE(storedTicket(u"A001"_s).state, queue::TicketState::Waiting);

    press(page.get(), Qt::Key_F9);
    QVERIFY(!stored().isWindowPaused(u"01"_s));
    callNumber->setText(u"Z999"_s);
    QTest::keyClick(callNumber, Qt::Key_Return);
    QVERIFY(page->statusIsError());
    QVERIFY(!page->currentTicket());
    callNumber->setText(u"a001"_s);
    QTest::keyClick(callNumber, Qt::Key_Return);
    QVERIFY2(page->currentTicket(), qPrintable(page->statusText()));
    QCOMPARE(numberAt(page.get()), u"A001"_s);
}

void TestQueuePage::centreCategoriesAndTwoWindows()
{
    // The centre's own categories, kept in the store's settings, reach the kiosk and the windows.
    storage::SettingsRepository settings(m_db);
    QVERIFY(settings.setValue(u"queue.categories"_s,
                              uR"([{"code": "Y", "name": "医保"}, {"code": "S", "name": "社保"}])"_s));
    ui::KioskWindow kiosk(m_db);
    QVERIFY(!kiosk.findChild<QPushButton *>(u"categoryButton_A"_s));
    clickCategory(kiosk, u"Y"_s);
    QCOMPARE(kiosk.lastTicket()->number, u"Y001"_s);

    // Two windows see the same resident waiting; the first to call gets them,
    // the other is told and changes nothing, although its list was not refreshed yet.
    auto first = makePage(u"01"_s);
    auto second = makePage(u"02"_s);
    QCOMPARE(first->findChild<QTreeWidget *>(u"waitingTreeWidget"_s)->topLevelItemCount(), 1);
    QCOMPARE(second->findChild<QTreeWidget *>(u"waitingTreeWidget"_s)->topLevelItemCount(), 1);
    press(first.get(), Qt::Key_F2);
    QCOMPARE(numberAt(first.get()), u"Y001"_s);
    press(second.get(), Qt::Key_F2);
    QVERIFY(second->statusIsError());
    QVERIFY2(second->statusText().contains(u"Nobody is waiting"_s), qPrintable(second->statusText()));
    QVERIFY(!second->currentTicket());
    QCOMPARE(storedTicket(u"Y001"_s).window, u"01"_s);
    QCOMPARE(storedTicket(u"Y001"_s).calls, 1);
}

QTEST_MAIN(TestQueuePage)
#include "tst_queuepage.moc"
