// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/cases/casestate.h>
#include <ow/cases/routing.h>

#include <QJsonDocument>
#include <QTest>

using namespace ow::cases;

namespace {

const QString market = QStringLiteral("市场监管局");
const QString health = QStringLiteral("卫生健康局");
const QString fire = QStringLiteral("消防救援大队");
const QString centre = QStringLiteral("政务服务中心");

// Opening a restaurant: business licence and food licence (market regulation),
// public-place hygiene licence (health), fire safety inspection (fire service).
QList<ItemRoute> restaurant()
{
    return {{QStringLiteral("SC-01"), market},
            {QStringLiteral("WS-03"), health},
            {QStringLiteral("SC-07"), market},
            {QStringLiteral("XF-02"), fire}};
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private slots:
    void singleItem();
    void bundleGroupsByDepartment();
    void leadWithoutItems();
    void invalidBundles_data();
    void invalidBundles();
    void jsonRoundTrip();
    void invalidJson_data();
    void invalidJson();
    void parallelReview();
    void denialReportedWithItems();
    void laterOpinionReplacesEarlier();
    void opinionErrors_data();
    void opinionErrors();
    void rerouteAddsDepartment();
    void defaultRoutingOfCase();
};

void TestRouting::singleItem()
{
    const RoutingPlan plan = RoutingPlan::forItem({QStringLiteral("MZ-01"), QStringLiteral("民政局")});
    QCOMPARE(plan.leadDepartment(), QStringLiteral("民政局"));
    QCOMPARE(plan.departments(), QStringList {QStringLiteral("民政局")});
    QVERIFY(!plan.isParallel());
    const ParallelReview review(plan);
    QVERIFY(review.pendingDepartments().isEmpty());
    QVERIFY(review.readyForConclusion()); // the only department is the lead: it concludes at once
}

void TestRouting::bundleGroupsByDepartment()
{
    const auto plan = RoutingPlan::forBundle(market, restaurant());
    QVERIFY(plan);
    QVERIFY(plan->isParallel());
    QCOMPARE(plan->departments(), QStringList({market, health, fire}));
    QCOMPARE(plan->itemsOf(market), QStringList({QStringLiteral("SC-01"), QStringLiteral("SC-07")}));
    QCOMPARE(plan->itemsOf(fire), QStringList {QStringLiteral("XF-02")});
    QCOMPARE(plan->itemsOf(centre), QStringList());
}

void TestRouting::leadWithoutItems()
{
    const auto plan = RoutingPlan::forBundle(centre, restaurant());
    QVERIFY(plan);
    QCOMPARE(plan->departments(), QStringList({centre, market, health, fire}));
    QCOMPARE(ParallelReview(*plan).pendingDepartments(), QStringList({market, health, fire}));
}

void TestRouting::invalidBundles_data()
{
    QTest::addColumn<QString>("lead");
    QTest::addColumn<QList<ItemRoute>>("items");
    QTest::newRow("no lead") << QString() << restaurant();
    QTest::newRow("no items") << market << QList<ItemRoute>();
    QTest::newRow("item without department") << market << QList<ItemRoute> {{QStringLiteral("X"), QString()}};
    QTest::newRow("item without code") << market << QList<ItemRoute> {{QString(), market}};
    QTest::newRow("item twice") << market
                                << QList<ItemRoute> {{QStringLiteral("X"), market},
                                                     {QStringLiteral("X"), health}};
}

void TestRouting::invalidBundles()
{
    QFETCH(QString, lead);
    QFETCH(QList<ItemRoute>, items);
    QString error;
    QVERIFY(!RoutingPlan::forBundle(lead, items, &error));
    QVERIFY(!error.isEmpty());
}

void TestRouting::jsonRoundTrip()
{
    const auto plan = RoutingPlan::forBundle(market, restaurant());
    const QJsonObject json = plan->toJson();
    QCOMPARE(json.value(QStringLiteral("lead")).toString(), market);
    const auto parsed = RoutingPlan::fromJson(json);
    QVERIFY(parsed);
    QCOMPARE(parsed->toJson(), json);
}

void TestRouting::invalidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("no lead") << QByteArray(R"({"tasks":[{"department":"A","items":["x"]}]})") << "lead";
    QTest::newRow("no tasks") << QByteArray(R"({"lead":"A","tasks":[]})") << "tasks";
    QTest::newRow("lead without task")
        << QByteArray(R"({"lead":"B","tasks":[{"department":"A","items":["x"]}]})") << "lead";
    QTest::newRow("department twice") << QByteArray(
        R"({"lead":"A","tasks":[{"department":"A","items":["x"]},{"department":"A","items":["y"]}]})")
                                      << "tasks[1]";
    QTest::newRow("empty item code") << QByteArray(
        R"({"lead":"A","tasks":[{"department":"A","items":[""]}]})")
                                     << "tasks[0].items";
}

void TestRouting::invalidJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, fragment);
    QString error;
    QVERIFY(!RoutingPlan::fromJson(QJsonDocument::fromJson(json).object(), &error));
    QVERIFY2(error.startsWith(fragment), qPrintable(error));
}

void TestRouting::parallelReview()
{
    ParallelReview review(*RoutingPlan::forBundle(market, restaurant()));
    QCOMPARE(review.pendingDepartments(), QStringList({health, fire}));
    QVERIFY(!review.readyForConclusion());
    QVERIFY(review.record(fire, ReviewDecision::Approve, QString(), QStringLiteral("符合消防安全要求")));
    QCOMPARE(review.pendingDepartments(), QStringList {health});
    QVERIFY(review.record(health, ReviewDecision::Approve, QString(), QString()));
    QVERIFY(review.readyForConclusion());
    QVERIFY(review.denials().isEmpty());
    QCOMPARE(review.approvableItems().size(), 4);
}

void TestRouting::denialReportedWithItems()
{
    QList<ItemRoute> items = restaurant();
    items.append({QStringLiteral("WS-04"), health});
    ParallelReview review(*RoutingPlan::forBundle(market, items));
    const QString basis = QStringLiteral("《公共场所卫生管理条例》第八条");
    QVERIFY(review.record(health, ReviewDecision::Deny, basis, QStringLiteral("通风不达标"),
                          {QStringLiteral("WS-03")}));
    QVERIFY(review.record(fire, ReviewDecision::Deny, QStringLiteral("《消防法》第十五条"), QString()));
    QVERIFY(review.readyForConclusion());
    const QList<DenialReport> denials = review.denials();
    QCOMPARE(denials.size(), 2);
    QCOMPARE(denials.at(0).department, health);
    QCOMPARE(denials.at(0).itemCodes, QStringList {QStringLiteral("WS-03")}); // narrowed by the opinion
    QCOMPARE(denials.at(0).basis, basis);
    QCOMPARE(denials.at(1).itemCodes, QStringList {QStringLiteral("XF-02")}); // all of the department's items
    QCOMPARE(review.deniedItems(), QStringList({QStringLiteral("WS-03"), QStringLiteral("XF-02")}));
    QCOMPARE(review.approvableItems(),
             QStringList({QStringLiteral("SC-01"), QStringLiteral("SC-07"), QStringLiteral("WS-04")}));
}

void TestRouting::laterOpinionReplacesEarlier()
{
    ParallelReview review(*RoutingPlan::forBundle(market, restaurant()));
    QVERIFY(review.record(fire, ReviewDecision::Deny, QStringLiteral("《消防法》第十五条"), QString()));
    QCOMPARE(review.denials().size(), 1);
    QVERIFY(review.record(fire, ReviewDecision::Approve, QString(), QStringLiteral("整改后复查合格")));
    QVERIFY(review.denials().isEmpty());
}

void TestRouting::opinionErrors_data()
{
    QTest::addColumn<QString>("department");
    QTest::addColumn<int>("decision");
    QTest::addColumn<QString>("basis");
    QTest::addColumn<QStringList>("items");
    QTest::newRow("not routed") << QStringLiteral("公安局") << int(ReviewDecision::Approve) << QString()
                                << QStringList();
    QTest::newRow("denial without basis")
        << health << int(ReviewDecision::Deny) << QStringLiteral("  ") << QStringList();
    QTest::newRow("another department's item") << health << int(ReviewDecision::Deny) << QStringLiteral("b")
                                               << QStringList {QStringLiteral("SC-01")};
}

void TestRouting::opinionErrors()
{
    QFETCH(QString, department);
    QFETCH(int, decision);
    QFETCH(QString, basis);
    QFETCH(QStringList, items);
    ParallelReview review(*RoutingPlan::forBundle(market, restaurant()));
    QString error;
    QVERIFY(!review.record(department, ReviewDecision(decision), basis, QString(), items, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(review.pendingDepartments(), QStringList({health, fire}));
}

void TestRouting::rerouteAddsDepartment()
{
    ParallelReview review(RoutingPlan::forItem({QStringLiteral("SC-01"), market}));
    QVERIFY(review.readyForConclusion());
    review.reroute(*RoutingPlan::forBundle(
        market, {{QStringLiteral("SC-01"), market}, {QStringLiteral("XF-02"), fire}}));
    QCOMPARE(review.pendingDepartments(), QStringList {fire});
    QCOMPARE(review.plan().leadDepartment(), market);
}

void TestRouting::defaultRoutingOfCase()
{
    CaseState state;
    state.items.append({QStringLiteral("SC-01"), QString(), market, 20, 5, true});
    state.leadDepartment = market;
    auto plan = state.defaultRouting();
    QVERIFY(plan);
    QVERIFY(!plan->isParallel());

    state.items.append({QStringLiteral("XF-02"), QString(), fire, 20, 10, false});
    plan = state.defaultRouting();
    QVERIFY(plan);
    QCOMPARE(plan->departments(), QStringList({market, fire}));
    QCOMPARE(plan->leadDepartment(), market);
}

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
