// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The back office's inboxes: a bundle is in every routed department's inbox,
// a claim is seen by all, decisions and the clock move the rows, and pages
// follow each other in any sort order without repeats or gaps.
#include "dbtestutil.h"

#include "ow/storage/casejournal.h"
#include "ow/storage/inboxrepository.h"
#include "ow/test/tempdatadir.h"

#include <ow/cases/casenumber.h>
#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;

namespace {

const QString connection = QStringLiteral("inbox");
const QString device = QStringLiteral("0193a6b4-1d00-7000-8000-00000000d007");
const QString office = QStringLiteral("330102");
const QString market = QStringLiteral("市场监管局");
const QString health = QStringLiteral("卫生健康局");
const QString fire = QStringLiteral("消防救援大队");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}

QJsonObject item(const QString &code, const QString &department, int promisedDays)
{
    return {{QStringLiteral("code"), code},
            {QStringLiteral("name"), code},
            {QStringLiteral("department"), department},
            {QStringLiteral("legalDays"), 20},
            {QStringLiteral("promisedDays"), promisedDays},
            {QStringLiteral("producesCertificate"), false}};
}

Event draft(const QString &caseId, EventType type, const QDateTime &at, const QJsonObject &payload,
            const QString &user)
{
    ow::cases::Actor actor;
    actor.userId = user;
    return Event::make(caseId, type, actor, payload, at);
}

} // namespace

class TstStorageInbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bundleIsInEveryDepartmentsInbox();
    void claimIsSeenAndReleased();
    void decisionsAndConclusionMoveRows();
    void filters();
    void pagesFollowEachOtherInEverySortOrder_data();
    void pagesFollowEachOtherInEverySortOrder();
    void missingDepartmentIsAnError();

private:
    bool record(const QString &caseId, EventType type, const QDateTime &at, const QJsonObject &payload = {},
                Role role = Role::Clerk, const QString &user = QStringLiteral("clerk-07"));
    // A case accepted and routed on `day`: a single item of `department`, or a
    // bundle of market (lead), health and fire items.
    QString routedCase(int serial, int day, const QString &applicant, bool bundle,
                       const QString &department = market, int promisedDays = 5);

    QSqlDatabase m_db;
    std::unique_ptr<ow::test::TempDataDir> m_dir;
    std::unique_ptr<CaseJournal> m_journal;
};

void TstStorageInbox::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    auto opened = openStore(m_dir->filePath(QStringLiteral("store.db")), QByteArray(Database::KeySize, '\x5b'),
                            connection, Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    m_journal = std::make_unique<CaseJournal>(m_db, CaseJournal::Identity {device, office});
}

void TstStorageInbox::cleanup()
{
    m_journal.reset();
    m_db = QSqlDatabase();
    Database::close(connection);
    m_dir.reset();
}

bool TstStorageInbox::record(const QString &caseId, EventType type, const QDateTime &at,
                             const QJsonObject &payload, Role role, const QString &user)
{
    const CaseJournal::Result result = m_journal->record(draft(caseId, type, at, payload, user), role);
    if (!result.isValid())
        qWarning().noquote() << result.message;
    return result.isValid();
}

QString TstStorageInbox::routedCase(int serial, int day, const QString &applicant, bool bundle,
                                    const QString &department, int promisedDays)
{
    const QString caseId = ow::core::Uuid::createV7String();
    QJsonArray items {item(QStringLiteral("SC-%1").arg(department == market ? 1 : 2), department, promisedDays)};
    QJsonObject created {
        {QStringLiteral("caseNumber"),
         ow::cases::CaseNumber::make(office, QDate(2026, 3, day), QStringLiteral("D07"), serial)->toString()},
        {QStringLiteral("applicant"), QJsonObject {{QStringLiteral("name"), applicant}}}};
    if (bundle) {
        items = {item(QStringLiteral("SC-1"), market, promisedDays), item(QStringLiteral("WS-1"), health, 10),
                 item(QStringLiteral("XF-1"), fire, 10)};
        created.insert(QStringLiteral("bundle"), QJsonObject {{QStringLiteral("code"), QStringLiteral("KB-01")},
                                                              {QStringLiteral("leadDepartment"), market}});
    }
    created.insert(QStringLiteral("items"), items);
    if (!record(caseId, EventType::Created, utc(day, 1), created) || !record(caseId, EventType::Accepted, utc(day, 2)))
        return {};
    const auto plan = m_journal->state(caseId).defaultRouting();
    if (!plan || !record(caseId, EventType::Routed, utc(day, 3), plan->toJson()))
        return {};
    return caseId;
}

void TstStorageInbox::bundleIsInEveryDepartmentsInbox()
{
    const QString caseId = routedCase(1, 16, QStringLiteral("欧阳娜娜"), true);
    QVERIFY(!caseId.isEmpty());
    InboxRepository inbox(m_db);
    for (const QString &department : {market, health, fire}) {
        const InboxPage page = inbox.page({department});
        QVERIFY2(inbox.lastError().isEmpty(), qPrintable(inbox.lastError()));
        QCOMPARE(page.rows.size(), 1);
        const InboxRow &row = page.rows.first();
        QCOMPARE(row.caseId, caseId);
        QCOMPARE(row.lead, department == market);
        QCOMPARE(row.state, QStringLiteral("under-review"));
        QCOMPARE(row.decision, QStringLiteral("pending"));
        QCOMPARE(row.applicantName, QStringLiteral("欧阳娜娜"));
        QCOMPARE(row.office, office);
        QVERIFY(row.deadline.isValid());
        QVERIFY(row.assignee.isEmpty());
        QVERIFY(page.next.isNull());
    }
    // Each department sees its own items.
    QCOMPARE(inbox.find(health, caseId)->itemCode, QStringLiteral("WS-1"));
    QCOMPARE(inbox.count({QStringLiteral("教育局")}), qint64(0));
}

void TstStorageInbox::claimIsSeenAndReleased()
{
    const QString caseId = routedCase(2, 16, QStringLiteral("张三"), true);
    QVERIFY(!caseId.isEmpty());
    const auto claim = [&](const QString &department, const QString &user, const QString &claimed) {
        QJsonObject payload = m_journal->state(caseId).review.plan().toJson();
        payload.insert(QStringLiteral("assignee"), QJsonObject {{QStringLiteral("department"), department},
                                                                {QStringLiteral("userId"), claimed}});
        return record(caseId, EventType::Routed, utc(17, 9), payload, Role::Reviewer, user);
    };
    QVERIFY(claim(health, QStringLiteral("reviewer-li"), QStringLiteral("reviewer-li")));
    InboxRepository inbox(m_db);
    QCOMPARE(inbox.find(health, caseId)->assignee, QStringLiteral("reviewer-li"));
    QVERIFY(inbox.find(market, caseId)->assignee.isEmpty());

    InboxFilter unclaimed {health};
    unclaimed.claim = InboxFilter::Claim::Unclaimed;
    QCOMPARE(inbox.count(unclaimed), qint64(0));
    InboxFilter mine {health};
    mine.claim = InboxFilter::Claim::ClaimedBy;
    mine.claimedBy = QStringLiteral("reviewer-li");
    QCOMPARE(inbox.count(mine), qint64(1));

    // A colleague cannot take it; the holder releases it.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("reviewer-li")));
    QVERIFY(!claim(health, QStringLiteral("reviewer-wang"), QStringLiteral("reviewer-wang")));
    QVERIFY(claim(health, QStringLiteral("reviewer-li"), QString()));
    QVERIFY(inbox.find(health, caseId)->assignee.isEmpty());
    QCOMPARE(inbox.count(unclaimed), qint64(1));
}

void TstStorageInbox::decisionsAndConclusionMoveRows()
{
    const QString caseId = routedCase(3, 16, QStringLiteral("李四"), true);
    QVERIFY(!caseId.isEmpty());
    InboxRepository inbox(m_db);
    QVERIFY(record(caseId, EventType::Opinion, utc(17, 10),
                   {{QStringLiteral("department"), health}, {QStringLiteral("decision"), QStringLiteral("approve")}},
                   Role::Reviewer, QStringLiteral("reviewer-li")));
    QCOMPARE(inbox.find(health, caseId)->decision, QStringLiteral("approve"));

    // A supplement stops the clock: still open, in the new state.
    QVERIFY(record(caseId, EventType::SupplementRequested, utc(17, 11),
                   {{QStringLiteral("materials"), QJsonArray {QStringLiteral("消防验收意见书")}}}, Role::Reviewer,
                   QStringLiteral("reviewer-zhao")));
    QCOMPARE(inbox.find(fire, caseId)->state, QStringLiteral("supplement-pending"));
    QCOMPARE(inbox.count({fire}), qint64(1));
    QVERIFY(record(caseId, EventType::SupplementReceived, utc(18, 9)));
    QVERIFY(record(caseId, EventType::Opinion, utc(18, 10),
                   {{QStringLiteral("department"), fire}, {QStringLiteral("decision"), QStringLiteral("approve")}},
                   Role::Reviewer, QStringLiteral("reviewer-zhao")));
    QVERIFY(record(caseId, EventType::Approved, utc(18, 11), {}, Role::Reviewer, QStringLiteral("reviewer-wu")));

    // Concluded: out of every open inbox, still found with its final state.
    for (const QString &department : {market, health, fire})
        QCOMPARE(inbox.count({department}), qint64(0));
    InboxFilter all {market};
    all.openOnly = false;
    QCOMPARE(inbox.count(all), qint64(1));
    QCOMPARE(inbox.find(market, caseId)->state, QStringLiteral("approved"));
    QVERIFY(!inbox.find(market, caseId)->open);
}

void TstStorageInbox::filters()
{
    QVERIFY(!routedCase(10, 16, QStringLiteral("王五"), false, market, 3).isEmpty());
    QVERIFY(!routedCase(11, 17, QStringLiteral("赵六"), false, market, 8).isEmpty());
    QVERIFY(!routedCase(12, 18, QStringLiteral("王小明"), true, market, 5).isEmpty());
    InboxRepository inbox(m_db);
    QCOMPARE(inbox.count({market}), qint64(3));
    QCOMPARE(inbox.itemCodes(market), QStringList({QStringLiteral("SC-1")}));
    QCOMPARE(inbox.offices(market), QStringList({office}));

    InboxFilter text {market};
    text.text = QStringLiteral("王");
    QCOMPARE(inbox.count(text), qint64(2));
    text.text = QStringLiteral("-000011-");
    QCOMPARE(inbox.count(text), qint64(1));
    // A page of a rare text of three characters or more comes from the trigram index.
    const InboxPage found = inbox.page(text);
    QVERIFY2(inbox.lastError().isEmpty(), qPrintable(inbox.lastError()));
    QCOMPARE(found.rows.size(), 1);
    QCOMPARE(found.rows.first().applicantName, QStringLiteral("赵六"));
    text.text = QStringLiteral("王小明");
    QCOMPARE(inbox.page(text).rows.size(), 1);
    // Quotes and FTS syntax in the text are the text itself.
    text.text = QStringLiteral("\"王 OR *");
    QVERIFY(inbox.page(text).rows.isEmpty());
    QVERIFY2(inbox.lastError().isEmpty(), qPrintable(inbox.lastError()));

    InboxFilter item {health};
    item.itemCode = QStringLiteral("WS-1");
    QCOMPARE(inbox.count(item), qint64(1));

    // Accepted on 16 March with 3 working days: due on 19 March.
    InboxFilter due {market};
    due.dueBy = QDate(2026, 3, 19);
    const InboxPage page = inbox.page(due);
    QCOMPARE(page.rows.size(), 1);
    QCOMPARE(page.rows.first().applicantName, QStringLiteral("王五"));
    QCOMPARE(page.rows.first().deadline, QDate(2026, 3, 19));
}

void TstStorageInbox::pagesFollowEachOtherInEverySortOrder_data()
{
    QTest::addColumn<InboxSort>("sort");
    QTest::addColumn<bool>("descending");
    for (const auto &[name, sort] : QList<std::pair<const char *, InboxSort>> {
             {"deadline", InboxSort::Deadline}, {"accepted", InboxSort::AcceptedAt},
             {"number", InboxSort::CaseNumber}, {"item", InboxSort::Item}, {"state", InboxSort::State}}) {
        QTest::addRow("%s ascending", name) << sort << false;
        QTest::addRow("%s descending", name) << sort << true;
    }
}

void TstStorageInbox::pagesFollowEachOtherInEverySortOrder()
{
    QFETCH(InboxSort, sort);
    QFETCH(bool, descending);
    for (int i = 0; i < 23; ++i)
        QVERIFY(!routedCase(100 + i, 16 + i % 5, QStringLiteral("申请人%1").arg(i), i % 4 == 0, market, 2 + i % 7)
                     .isEmpty());
    InboxRepository inbox(m_db);
    QList<InboxRow> all;
    InboxCursor cursor;
    int pages = 0;
    do {
        const InboxPage page = inbox.page({market}, sort, descending, 5, cursor);
        QVERIFY2(inbox.lastError().isEmpty(), qPrintable(inbox.lastError()));
        all += page.rows;
        cursor = page.next;
        ++pages;
    } while (!cursor.isNull());
    QCOMPARE(pages, 5);
    QCOMPARE(all.size(), 23);
    QSet<QString> ids;
    for (const InboxRow &row : all)
        ids.insert(row.caseId);
    QCOMPARE(ids.size(), 23);
    // The same order as one page of all of them.
    const InboxPage whole = inbox.page({market}, sort, descending, 100);
    QCOMPARE(whole.rows.size(), 23);
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(all.at(i).caseId, whole.rows.at(i).caseId);
    if (sort == InboxSort::Deadline) {
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(descending ? all.at(i - 1).deadline >= all.at(i).deadline
                               : all.at(i - 1).deadline <= all.at(i).deadline);
    }
}

void TstStorageInbox::missingDepartmentIsAnError()
{
    InboxRepository inbox(m_db);
    QVERIFY(inbox.page({}).rows.isEmpty());
    QVERIFY(!inbox.lastError().isEmpty());
}

QTEST_GUILESS_MAIN(TstStorageInbox)
#include "tst_storage_inbox.moc"
