// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// 待办 as a reviewer uses it: the department's open cases earliest deadline
// first with their lights, filters as they type, claiming and releasing, and a
// colleague told who holds a case.

#include "backofficebed.h"

#include <ow/cases/casenumber.h>
#include <ow/cases/casestate.h>
#include <ow/core/uuid.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/inboxmodel.h>
#include <ow/ui/inboxpage.h>

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ow;
using namespace Qt::StringLiterals;

using namespace ow::test::backoffice;

namespace {

ui::Session reviewer(const QString &id, const QStringList &departments)
{
    return ow::test::backoffice::reviewer(id, departments, int(qHash(id) % 1000));
}

} // namespace

class TestInboxPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensEarliestDeadlineFirstWithLights();
    void claimAndRelease();
    void colleagueIsToldWhoHoldsTheCase();
    void filtersAsTheReviewerTypes();
    void bundleIsInTheOtherDepartmentToo();
    void headerClickSorts();
    void scrollingFetchesMorePages();

private:
    // A case accepted `daysAgo` working days ago with a promised limit of `limit` working days.
    QString routedCase(const QString &applicant, int daysAgo, int limit, bool bundle = false);

    test::backoffice::Bed m_bed;
    QSqlDatabase m_db;
    storage::CaseJournal *m_intake = nullptr;
    core::WorkingCalendar m_calendar = core::WorkingCalendar::builtIn();
    QDate m_today;
};

void TestInboxPage::init()
{
    m_bed.open(u"inbox"_s);
    m_db = m_bed.db();
    m_intake = &m_bed.intake();
    m_today = m_bed.today();
}

void TestInboxPage::cleanup()
{
    m_intake = nullptr;
    m_db = QSqlDatabase();
    m_bed.close();
}

QString TestInboxPage::routedCase(const QString &applicant, int daysAgo, int limit, bool bundle)
{
    QJsonArray items {item(u"330100-SC-001"_s, u"食品经营许可"_s, market, limit)};
    if (bundle)
        items.append(item(u"330100-WS-002"_s, u"公共场所卫生许可"_s, health, limit));
    return m_bed.routedCase(items, *m_calendar.addWorkingDays(m_today, -daysAgo), bundle, applicant);
}

void TestInboxPage::opensEarliestDeadlineFirstWithLights()
{
    const QString green = routedCase(u"王五"_s, 0, 10);
    const QString red = routedCase(u"赵六"_s, 8, 5);
    const QString yellow = routedCase(u"钱七"_s, 3, 5);
    QVERIFY(!green.isEmpty() && !red.isEmpty() && !yellow.isEmpty());

    ui::InboxPage page(m_db, reviewer(u"reviewer-li"_s, {market}), m_calendar);
    page.resize(1400, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ui::InboxModel *model = page.model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->data(model->index(0, 0), ui::InboxModel::CaseIdRole).toString(), red);
    QCOMPARE(model->data(model->index(1, 0), ui::InboxModel::CaseIdRole).toString(), yellow);
    QCOMPARE(model->data(model->index(2, 0), ui::InboxModel::CaseIdRole).toString(), green);
    QCOMPARE(model->data(model->index(0, 0), ui::InboxModel::LightRole).toInt(), int(cases::ClockLight::Red));
    QCOMPARE(model->data(model->index(1, 0), ui::InboxModel::LightRole).toInt(),
             int(cases::ClockLight::Yellow));
    QCOMPARE(model->data(model->index(2, 0), ui::InboxModel::LightRole).toInt(),
             int(cases::ClockLight::Green));
    QCOMPARE(model->data(model->index(0, ui::InboxModel::Remaining)).toString(), u"3 working day(s) overdue"_s);
    QCOMPARE(model->data(model->index(2, ui::InboxModel::Remaining)).toString(), u"10 working day(s) left"_s);
    QCOMPARE(model->data(model->index(0, ui::InboxModel::Applicant)).toString(), u"赵六"_s);
    QCOMPARE(model->data(model->index(0, ui::InboxModel::Item)).toString(), u"食品经营许可"_s);
    QCOMPARE(model->data(model->index(0, ui::InboxModel::Assignee)).toString(), u"Unclaimed"_s);
    QVERIFY(page.findChild<QLabel *>(u"countLabel"_s)->text().contains(u"3"_s));
    // The first row is selected: Enter opens it.
    QCOMPARE(page.currentCaseId(), red);
    QSignalSpy opened(&page, &ui::InboxPage::caseOpened);
    page.findChild<QPushButton *>(u"openButton"_s)->click();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toString(), red);
}

void TestInboxPage::claimAndRelease()
{
    const QString caseId = routedCase(u"王五"_s, 1, 10);
    QVERIFY(!caseId.isEmpty());
    ui::InboxPage page(m_db, reviewer(u"reviewer-li"_s, {market}), m_calendar);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *claim = page.findChild<QPushButton *>(u"claimButton"_s);
    auto *release = page.findChild<QPushButton *>(u"releaseButton"_s);
    QVERIFY(claim->isEnabled());
    QVERIFY(!release->isEnabled());

    page.view()->setFocus();
    QTest::keyClick(page.view(), Qt::Key_L, Qt::ControlModifier);
    ui::InboxModel *model = page.model();
    QCOMPARE(model->data(model->index(0, ui::InboxModel::Assignee)).toString(), u"reviewer-li"_s);
    QVERIFY(!claim->isEnabled());
    QVERIFY(release->isEnabled());
    QVERIFY(page.findChild<QLabel *>(u"statusLabel"_s)->text().contains(u"Claimed"_s));
    // The claim is an event of the case, queued for the server.
    const cases::CaseState state = m_intake->state(caseId);
    QCOMPARE(state.review.assigneeOf(market), u"reviewer-li"_s);

    release->click();
    QCOMPARE(model->data(model->index(0, ui::InboxModel::Assignee)).toString(), u"Unclaimed"_s);
    QVERIFY(m_intake->state(caseId).review.assigneeOf(market).isEmpty());
}

void TestInboxPage::colleagueIsToldWhoHoldsTheCase()
{
    const QString caseId = routedCase(u"王五"_s, 1, 10);
    ui::InboxPage li(m_db, reviewer(u"reviewer-li"_s, {market}), m_calendar);
    ui::InboxPage wang(m_db, reviewer(u"reviewer-wang"_s, {market}), m_calendar);
    QVERIFY(wang.model()->rowCount() == 1);
    wang.view()->selectRow(0);
    QVERIFY(li.claimCurrent());
    // Wang's page still shows the case unclaimed; claiming it tells him why not.
    QVERIFY(!wang.claimCurrent());
    const QString status = wang.findChild<QLabel *>(u"statusLabel"_s)->text();
    QVERIFY2(status.contains(u"reviewer-li"_s), qPrintable(status));
    QCOMPARE(wang.model()->data(wang.model()->index(0, ui::InboxModel::Assignee)).toString(), u"reviewer-li"_s);
    QCOMPARE(m_intake->state(caseId).review.assigneeOf(market), u"reviewer-li"_s);
    // "Unclaimed" no longer lists it.
    auto *claimFilter = wang.findChild<QComboBox *>(u"claimComboBox"_s);
    claimFilter->setCurrentIndex(1);
    QCOMPARE(wang.model()->rowCount(), 0);
}

void TestInboxPage::filtersAsTheReviewerTypes()
{
    QVERIFY(!routedCase(u"王五"_s, 0, 10).isEmpty());
    QVERIFY(!routedCase(u"赵六"_s, 8, 5).isEmpty());
    QVERIFY(!routedCase(u"王小明"_s, 2, 5).isEmpty());
    ui::InboxPage page(m_db, reviewer(u"reviewer-li"_s, {market}), m_calendar);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *search = page.findChild<QLineEdit *>(u"searchLineEdit"_s);
    QTest::keyClick(&page, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(search->hasFocus());
    // Hanzi arrive committed by the input method, one at a time.
    search->insert(u"王"_s);
    QCOMPARE(page.model()->rowCount(), 2);
    // The count follows when typing pauses.
    auto *count = page.findChild<QLabel *>(u"countLabel"_s);
    QTRY_VERIFY2(count->text().contains(u"2"_s), qPrintable(count->text()));
    search->insert(u"小"_s);
    QCOMPARE(page.model()->rowCount(), 1);
    search->clear();
    QCOMPARE(page.model()->rowCount(), 3);
    search->insert(u"食品"_s); // the item's name
    QCOMPARE(page.model()->rowCount(), 3);
    search->clear();

    auto *due = page.findChild<QComboBox *>(u"dueComboBox"_s);
    due->setCurrentIndex(due->findText(u"Overdue"_s));
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->data(page.model()->index(0, ui::InboxModel::Applicant)).toString(), u"赵六"_s);
    due->setCurrentIndex(0);

    auto *items = page.findChild<QComboBox *>(u"itemComboBox"_s);
    QCOMPARE(items->count(), 2); // all, and the one item
    items->setCurrentIndex(1);
    QCOMPARE(page.model()->rowCount(), 3);
}

void TestInboxPage::bundleIsInTheOtherDepartmentToo()
{
    const QString caseId = routedCase(u"孙八"_s, 1, 10, true);
    ui::InboxPage page(m_db, reviewer(u"reviewer-zhou"_s, {health}), m_calendar);
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->row(0).caseId, caseId);
    QCOMPARE(page.model()->row(0).itemCode, u"330100-WS-002"_s);
    QVERIFY(!page.model()->row(0).lead);
}

void TestInboxPage::headerClickSorts()
{
    QVERIFY(!routedCase(u"甲"_s, 0, 10).isEmpty());
    QVERIFY(!routedCase(u"乙"_s, 0, 3).isEmpty());
    ui::InboxPage page(m_db, reviewer(u"reviewer-li"_s, {market}), m_calendar);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.model()->row(0).applicantName, u"乙"_s); // earlier deadline
    page.view()->horizontalHeader()->setSortIndicator(ui::InboxModel::Deadline, Qt::DescendingOrder);
    QCOMPARE(page.model()->row(0).applicantName, u"甲"_s);
    page.view()->horizontalHeader()->setSortIndicator(ui::InboxModel::CaseNumber, Qt::AscendingOrder);
    QVERIFY(page.model()->row(0).caseNumber < page.model()->row(1).caseNumber);
}

void TestInboxPage::scrollingFetchesMorePages()
{
    for (int i = 0; i < 12; ++i)
        QVERIFY(!routedCase(u"申请人%1"_s.arg(i), i % 6, 10).isEmpty());
    ui::InboxPage page(m_db, reviewer(u"reviewer-li"_s, {market}), m_calendar);
    page.model()->setPageSize(5);
    page.refresh();
    QCOMPARE(page.model()->rowCount(), 5);
    QVERIFY(page.model()->canFetchMore({}));
    page.model()->fetchMore({});
    page.model()->fetchMore({});
    QCOMPARE(page.model()->rowCount(), 12);
    QVERIFY(!page.model()->canFetchMore({}));
    QVERIFY(page.findChild<QLabel *>(u"countLabel"_s)->text().contains(u"12"_s));
}

QTEST_MAIN(TestInboxPage)
#include "tst_inboxpage.moc"
