// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/cases/ruleset.h>
#include <ow/cases/statemachine.h>

#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace ow::cases;

Q_DECLARE_METATYPE(ow::cases::CaseStatus)
Q_DECLARE_METATYPE(ow::cases::EventType)
Q_DECLARE_METATYPE(ow::cases::Role)
Q_DECLARE_METATYPE(ow::cases::Guard)
Q_DECLARE_METATYPE(ow::cases::CaseStateMachine::ErrorKind)

namespace {

const QString caseId = QStringLiteral("01938a6b-7c00-7000-8000-0000000000ca");
const QString market = QStringLiteral("市场监管局");
const QString health = QStringLiteral("卫生健康局");

QJsonObject item(const char *code, const QString &department, bool certificate)
{
    return {{QStringLiteral("code"), QString::fromLatin1(code)},
            {QStringLiteral("name"), QString::fromLatin1(code)},
            {QStringLiteral("department"), department},
            {QStringLiteral("legalDays"), 20},
            {QStringLiteral("promisedDays"), 5},
            {QStringLiteral("producesCertificate"), certificate}};
}

QJsonObject approvingTrace()
{
    RuleSet set;
    set.rules.append({QStringLiteral("adult"), QJsonObject {{QStringLiteral(">="), QJsonArray {20, 18}}},
                      QStringLiteral("《行政许可法》第十二条"), RuleOutcome::Deny, QString()});
    return set.evaluate(QJsonObject()).toJson();
}

// A payload that passes the payload checks for `type` on the cases below.
QJsonObject validPayload(EventType type, CaseStatus from)
{
    const QString basis = QStringLiteral("《中华人民共和国行政许可法》第三十二条");
    switch (type) {
    case EventType::Created:
        return {{QStringLiteral("caseNumber"), QStringLiteral("330102-20261122-D07-000123-8")},
                {QStringLiteral("items"), QJsonArray {item("A1", market, true)}}};
    case EventType::MissingMaterialsNotified:
        return {{QStringLiteral("basis"), basis},
                {QStringLiteral("materials"), QJsonArray {QStringLiteral("M1")}}};
    case EventType::Refused:
    case EventType::Denied:
    case EventType::Terminated:
        return {{QStringLiteral("basis"), basis}};
    case EventType::Routed:
        return {{QStringLiteral("lead"), market},
                {QStringLiteral("tasks"),
                 QJsonArray {QJsonObject {{QStringLiteral("department"), market},
                                          {QStringLiteral("items"), QJsonArray {QStringLiteral("A1")}}}}}};
    case EventType::Opinion:
        return {{QStringLiteral("department"), market},
                {QStringLiteral("decision"), QStringLiteral("approve")}};
    case EventType::SupplementRequested:
        return {{QStringLiteral("materials"), QJsonArray {QStringLiteral("M2")}}};
    case EventType::Suspended:
        return {{QStringLiteral("reason"), QStringLiteral("需要听证")}};
    case EventType::Approved:
        return from == CaseStatus::Accepted
            ? QJsonObject {{QStringLiteral("smartApproval"), approvingTrace()}}
            : QJsonObject();
    case EventType::CertificateProduced:
        return {{QStringLiteral("certificateId"), QStringLiteral("JY13301020001234")}};
    case EventType::Printed:
        return {{QStringLiteral("certificateId"), QStringLiteral("JY13301020001234")},
                {QStringLiteral("printer"), QStringLiteral("PDF")},
                {QStringLiteral("mode"), QStringLiteral("plain")}};
    case EventType::Evaluated:
        return {{QStringLiteral("rating"), 5}};
    default:
        return {};
    }
}

// A case in `status` on which `guard` holds: one item of the market
// regulator, routed there, with a certificate unless the guard says otherwise.
CaseState stateFor(CaseStatus status, Guard guard = Guard::None)
{
    CaseState state;
    state.status = status;
    if (status == CaseStatus::None)
        return state;
    state.caseId = caseId;
    CaseItem a;
    a.code = QStringLiteral("A1");
    a.department = market;
    a.promisedDays = 5;
    a.producesCertificate = guard != Guard::NoCertificate;
    state.items.append(a);
    state.leadDepartment = market;
    state.review.reroute(RoutingPlan::forItem({a.code, market}));
    if (status == CaseStatus::CertificateReady || status == CaseStatus::Delivered)
        state.certificateIds.append(QStringLiteral("JY13301020001234"));
    return state;
}

// A print of the case's certificate, changed by `changes` (a null value removes the key).
QJsonObject printPayload(const QJsonObject &changes)
{
    QJsonObject payload = validPayload(EventType::Printed, CaseStatus::CertificateReady);
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            payload.remove(it.key());
        else
            payload.insert(it.key(), it.value());
    }
    return payload;
}

Event eventOf(EventType type, Role role, const QJsonObject &payload)
{
    Event event;
    event.id = ow::core::Uuid::createV7String();
    event.caseId = caseId;
    event.type = type;
    event.actor = {QStringLiteral("u-1"), QStringLiteral("330102"), QStringLiteral("D07"), role};
    event.at = QDateTime::currentDateTimeUtc();
    event.payload = payload;
    return event;
}

QByteArray rowName(CaseStatus from, EventType type, Role role)
{
    return (caseStatusName(from) + QLatin1String(" + ") + eventTypeName(type) + QLatin1String(" by ")
            + roleName(role))
        .toUtf8();
}

} // namespace

class TestStateMachine : public QObject
{
    Q_OBJECT

private slots:
    void tableIsConsistent();
    void allowed_data();
    void allowed();
    void forbidden_data();
    void forbidden();
    void guards_data();
    void guards();
    void basisRequired_data();
    void basisRequired();
    void payloadChecks_data();
    void payloadChecks();
    void wrongCase();
    void foldBundle();
    void reprints();
    void foldStopsAtFirstRejected();
    void claims();
    void extensionOnce();
    void allowedEvents();
};

void TestStateMachine::tableIsConsistent()
{
    QSet<QPair<int, int>> pairs;
    QSet<CaseStatus> reached {CaseStatus::None};
    for (const Transition &t : CaseStateMachine::table()) {
        QVERIFY2(!pairs.contains({int(t.from), int(t.event)}),
                 rowName(t.from, t.event, Role::Clerk).constData());
        pairs.insert({int(t.from), int(t.event)});
        QVERIFY(!t.roles.isEmpty());
        // Agents act as clerks; admins never act on cases.
        QCOMPARE(t.roles.contains(Role::Clerk), t.roles.contains(Role::Agent));
        QVERIFY(!t.roles.contains(Role::Admin));
        QVERIFY(t.from != CaseStatus::Withdrawn && t.from != CaseStatus::Terminated);
        reached.insert(t.to);
    }
    for (CaseStatus status : allCaseStatuses())
        QVERIFY2(reached.contains(status), qPrintable(caseStatusName(status)));
}

void TestStateMachine::allowed_data()
{
    QTest::addColumn<CaseStatus>("from");
    QTest::addColumn<EventType>("type");
    QTest::addColumn<Role>("role");
    QTest::addColumn<Guard>("guard");
    QTest::addColumn<CaseStatus>("to");
    int rows = 0;
    for (const Transition &t : CaseStateMachine::table()) {
        for (Role role : t.roles) {
            QTest::newRow(rowName(t.from, t.event, role).constData())
                << t.from << t.event << role << t.guard << t.to;
            ++rows;
        }
    }
    QCOMPARE(rows, 67); // pinned: a change to the table must be deliberate
}

void TestStateMachine::allowed()
{
    QFETCH(CaseStatus, from);
    QFETCH(EventType, type);
    QFETCH(Role, role);
    QFETCH(Guard, guard);
    QFETCH(CaseStatus, to);
    CaseState state = stateFor(from, guard);
    const Event event = eventOf(type, role, validPayload(type, from));
    const CaseStateMachine::Result result = CaseStateMachine::apply(state, event);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(*result.next, to);
    QCOMPARE(result.errorKind, CaseStateMachine::ErrorKind::None);

    QVERIFY(CaseStateMachine::applyTo(state, event).isValid());
    QCOMPARE(state.status, to);
    QCOMPARE(state.lastEventId, event.id);
}

// The complement of the table: every status × event type × role it does not list.
void TestStateMachine::forbidden_data()
{
    QTest::addColumn<CaseStatus>("from");
    QTest::addColumn<EventType>("type");
    QTest::addColumn<Role>("role");
    QTest::addColumn<CaseStateMachine::ErrorKind>("kind");
    int rows = 0;
    for (CaseStatus from : allCaseStatuses()) {
        for (EventType type : allEventTypes()) {
            const Transition *row = nullptr;
            for (const Transition &t : CaseStateMachine::table()) {
                if (t.from == from && t.event == type)
                    row = &t;
            }
            for (Role role : allRoles()) {
                if (row && row->roles.contains(role))
                    continue;
                QTest::newRow(rowName(from, type, role).constData())
                    << from << type << role
                    << (row ? CaseStateMachine::ErrorKind::RoleNotAllowed
                            : CaseStateMachine::ErrorKind::NotAllowed);
                ++rows;
            }
        }
    }
    QCOMPARE(rows, 14 * 18 * 5 - 67);
}

void TestStateMachine::forbidden()
{
    QFETCH(CaseStatus, from);
    QFETCH(EventType, type);
    QFETCH(Role, role);
    QFETCH(CaseStateMachine::ErrorKind, kind);
    CaseState state = stateFor(from);
    const CaseState before = state;
    const Event event = eventOf(type, role, validPayload(type, from));
    const CaseStateMachine::Result result = CaseStateMachine::applyTo(state, event);
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorKind, kind);
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(state.eventCount, before.eventCount);
    QCOMPARE(state.status, before.status);
}

void TestStateMachine::guards_data()
{
    QTest::addColumn<CaseState>("state");
    QTest::addColumn<EventType>("type");
    QTest::addColumn<Role>("role");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("certificate without certificate item")
        << stateFor(CaseStatus::Approved, Guard::NoCertificate) << EventType::CertificateProduced
        << Role::Reviewer << validPayload(EventType::CertificateProduced, CaseStatus::Approved) << "No item";
    QTest::newRow("delivery before the certificate") << stateFor(CaseStatus::Approved) << EventType::Delivered
                                                     << Role::Clerk << QJsonObject() << "certificate";
    QTest::newRow("window approval without trace") << stateFor(CaseStatus::Accepted) << EventType::Approved
                                                   << Role::Clerk << QJsonObject() << "smart-approval";

    RuleSet manual;
    manual.rules.append(
        {QStringLiteral("r"), QJsonValue(false), QStringLiteral("basis"), RuleOutcome::Manual, {}});
    QTest::newRow("window approval with manual trace")
        << stateFor(CaseStatus::Accepted) << EventType::Approved << Role::Agent
        << QJsonObject {{QStringLiteral("smartApproval"), manual.evaluate(QJsonValue()).toJson()}}
        << "smart-approval";

    CaseState bundle = stateFor(CaseStatus::UnderReview);
    bundle.review = ParallelReview(
        *RoutingPlan::forBundle(market, {{QStringLiteral("A1"), market}, {QStringLiteral("B1"), health}}));
    QTest::newRow("lead concludes before others decided")
        << bundle << EventType::Approved << Role::Reviewer << QJsonObject() << health;

    CaseState rated = stateFor(CaseStatus::Delivered);
    rated.rating = 4;
    QTest::newRow("second evaluation")
        << rated << EventType::Evaluated << Role::Clerk
        << validPayload(EventType::Evaluated, CaseStatus::Delivered) << "already";
}

void TestStateMachine::guards()
{
    QFETCH(CaseState, state);
    QFETCH(EventType, type);
    QFETCH(Role, role);
    QFETCH(QJsonObject, payload);
    QFETCH(QString, fragment);
    const CaseStateMachine::Result result = CaseStateMachine::apply(state, eventOf(type, role, payload));
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorKind, CaseStateMachine::ErrorKind::GuardFailed);
    QVERIFY2(result.error.contains(fragment), qPrintable(result.error));
}

// 否定必有依据: no refusal, denial, missing-materials notice or termination without basis.
void TestStateMachine::basisRequired_data()
{
    QTest::addColumn<CaseStatus>("from");
    QTest::addColumn<EventType>("type");
    QTest::addColumn<Role>("role");
    QTest::addColumn<QJsonValue>("basis");
    const QList<std::tuple<CaseStatus, EventType, Role>> negatives {
        {CaseStatus::Created, EventType::Refused, Role::Clerk},
        {CaseStatus::AwaitingMaterials, EventType::Refused, Role::Agent},
        {CaseStatus::Created, EventType::MissingMaterialsNotified, Role::Clerk},
        {CaseStatus::UnderReview, EventType::Denied, Role::Reviewer},
        {CaseStatus::UnderReview, EventType::Terminated, Role::Supervisor},
        {CaseStatus::Suspended, EventType::Terminated, Role::Reviewer},
        {CaseStatus::UnderReview, EventType::Opinion, Role::Reviewer},
    };
    const QList<std::pair<const char *, QJsonValue>> bases {
        {"absent", QJsonValue(QJsonValue::Undefined)},
        {"empty", QJsonValue(QString())},
        {"blank", QJsonValue(QStringLiteral("  \t"))},
        {"not text", QJsonValue(32)},
    };
    for (const auto &[from, type, role] : negatives) {
        for (const auto &[name, basis] : bases)
            QTest::addRow("%s, basis %s", rowName(from, type, role).constData(), name)
                << from << type << role << basis;
    }
}

void TestStateMachine::basisRequired()
{
    QFETCH(CaseStatus, from);
    QFETCH(EventType, type);
    QFETCH(Role, role);
    QFETCH(QJsonValue, basis);
    QJsonObject payload = validPayload(type, from);
    if (type == EventType::Opinion)
        payload.insert(QStringLiteral("decision"), QStringLiteral("deny"));
    payload.remove(QStringLiteral("basis"));
    if (!basis.isUndefined())
        payload.insert(QStringLiteral("basis"), basis);
    const CaseStateMachine::Result result
        = CaseStateMachine::apply(stateFor(from), eventOf(type, role, payload));
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorKind, CaseStateMachine::ErrorKind::InvalidPayload);
    QVERIFY2(result.error.contains(QLatin1String("basis")), qPrintable(result.error));

    payload.insert(QStringLiteral("basis"), QStringLiteral("《行政许可法》第三十八条第二款"));
    const CaseStateMachine::Result withBasis
        = CaseStateMachine::apply(stateFor(from), eventOf(type, role, payload));
    QVERIFY2(withBasis.isValid(), qPrintable(withBasis.error));
}

void TestStateMachine::payloadChecks_data()
{
    QTest::addColumn<CaseStatus>("from");
    QTest::addColumn<EventType>("type");
    QTest::addColumn<Role>("role");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("fragment");
    const auto row = [](const char *name, CaseStatus from, EventType type, Role role,
                        const QJsonObject &payload, const char *fragment) {
        QTest::newRow(name) << from << type << role << payload << QString::fromUtf8(fragment);
    };
    row("created without items", CaseStatus::None, EventType::Created, Role::Clerk, {}, "items");
    row("created item without department", CaseStatus::None, EventType::Created, Role::Clerk,
        {{QStringLiteral("items"),
          QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("A1")}}}}},
        "department");
    row("created with a bad case number", CaseStatus::None, EventType::Created, Role::Agent,
        {{QStringLiteral("items"), QJsonArray {item("A1", market, false)}},
         {QStringLiteral("caseNumber"), QStringLiteral("330102-20261122-D07-000123-K")}},
        "check character");
    row("created with fractional limit", CaseStatus::None, EventType::Created, Role::Clerk,
        {{QStringLiteral("items"), QJsonArray {item("A1", market, false)}},
         {QStringLiteral("timeLimitDays"), 2.5}},
        "whole number");
    row("notice without materials", CaseStatus::Created, EventType::MissingMaterialsNotified, Role::Clerk,
        {{QStringLiteral("basis"), QStringLiteral("b")}}, "materials");
    row("supplement without materials", CaseStatus::UnderReview, EventType::SupplementRequested,
        Role::Reviewer, {}, "materials");
    row("suspension without reason", CaseStatus::UnderReview, EventType::Suspended, Role::Reviewer, {},
        "reason");
    row("certificate without id", CaseStatus::Approved, EventType::CertificateProduced, Role::Reviewer, {},
        "certificateId");
    row("rating 6", CaseStatus::Delivered, EventType::Evaluated, Role::Clerk, {{QStringLiteral("rating"), 6}},
        "rating");
    row("rating text", CaseStatus::Refused, EventType::Evaluated, Role::Clerk,
        {{QStringLiteral("rating"), QStringLiteral("5")}}, "rating");
    row("opinion of an unrouted department", CaseStatus::UnderReview, EventType::Opinion, Role::Reviewer,
        {{QStringLiteral("department"), health}}, health.toUtf8().constData());
    row("opinion with odd decision", CaseStatus::UnderReview, EventType::Opinion, Role::Reviewer,
        {{QStringLiteral("department"), market}, {QStringLiteral("decision"), QStringLiteral("maybe")}},
        "decision");
    row("routing to nobody", CaseStatus::Accepted, EventType::Routed, Role::Clerk,
        {{QStringLiteral("lead"), market}, {QStringLiteral("tasks"), QJsonArray()}}, "department");
    row("routing a foreign item", CaseStatus::Accepted, EventType::Routed, Role::Clerk,
        {{QStringLiteral("lead"), market},
         {QStringLiteral("tasks"),
          QJsonArray {QJsonObject {{QStringLiteral("department"), market},
                                   {QStringLiteral("items"), QJsonArray {QStringLiteral("Z9")}}}}}},
        "Z9");
    row("denying a foreign item", CaseStatus::UnderReview, EventType::Denied, Role::Reviewer,
        {{QStringLiteral("basis"), QStringLiteral("b")},
         {QStringLiteral("items"), QJsonArray {QStringLiteral("Z9")}}},
        "Z9");
    const QJsonValue removed = QJsonValue::Null;
    row("print without certificate", CaseStatus::CertificateReady, EventType::Printed, Role::Clerk,
        printPayload({{QStringLiteral("certificateId"), removed}}), "certificateId");
    row("print of another case's certificate", CaseStatus::CertificateReady, EventType::Printed, Role::Agent,
        printPayload({{QStringLiteral("certificateId"), QStringLiteral("JY999")}}), "JY999");
    row("print without printer", CaseStatus::CertificateReady, EventType::Printed, Role::Clerk,
        printPayload({{QStringLiteral("printer"), QStringLiteral(" ")}}), "printer");
    row("print in an unknown mode", CaseStatus::CertificateReady, EventType::Printed, Role::Clerk,
        printPayload({{QStringLiteral("mode"), QStringLiteral("photo")}}), "mode");
    row("stock print without serial", CaseStatus::CertificateReady, EventType::Printed, Role::Clerk,
        printPayload({{QStringLiteral("mode"), QStringLiteral("stock")}}), "stockSerial");
    row("first print called a reprint", CaseStatus::CertificateReady, EventType::Printed, Role::Clerk,
        printPayload(
            {{QStringLiteral("reprint"), true}, {QStringLiteral("reason"), QStringLiteral("原证污损")}}),
        "not a reprint");
    row("reprint flag as text", CaseStatus::CertificateReady, EventType::Printed, Role::Clerk,
        printPayload({{QStringLiteral("reprint"), QStringLiteral("yes")}}), "reprint");
}

void TestStateMachine::payloadChecks()
{
    QFETCH(CaseStatus, from);
    QFETCH(EventType, type);
    QFETCH(Role, role);
    QFETCH(QJsonObject, payload);
    QFETCH(QString, fragment);
    const CaseStateMachine::Result result
        = CaseStateMachine::apply(stateFor(from), eventOf(type, role, payload));
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorKind, CaseStateMachine::ErrorKind::InvalidPayload);
    QVERIFY2(result.error.contains(fragment), qPrintable(result.error));
}

void TestStateMachine::wrongCase()
{
    Event event = eventOf(EventType::Accepted, Role::Clerk, {});
    event.caseId = ow::core::Uuid::createV7String();
    const CaseStateMachine::Result result = CaseStateMachine::apply(stateFor(CaseStatus::Created), event);
    QCOMPARE(result.errorKind, CaseStateMachine::ErrorKind::WrongCase);
}

// A restaurant-opening bundle: two departments in parallel, one denies an
// item, the lead approves the rest and the certificate is delivered.
void TestStateMachine::foldBundle()
{
    const auto at = [](int minutes) {
        return QDateTime(QDate(2026, 3, 2), QTime(1, 0), Qt::UTC).addSecs(60 * minutes);
    };
    QList<Event> events;
    const auto add = [&](EventType type, Role role, const QJsonObject &payload) {
        Event event = eventOf(type, role, payload);
        event.at = at(int(events.size()));
        events.append(event);
    };
    add(EventType::Created, Role::Clerk,
        {{QStringLiteral("caseNumber"), QStringLiteral("330102-20261122-D07-000123-8")},
         {QStringLiteral("items"),
          QJsonArray {item("A1", market, true), item("B1", health, true), item("B2", health, false)}},
         {QStringLiteral("bundle"),
          QJsonObject {{QStringLiteral("code"), QStringLiteral("KB-01")},
                       {QStringLiteral("leadDepartment"), market}}},
         {QStringLiteral("applicant"), QJsonObject {{QStringLiteral("name"), QStringLiteral("张三")}}}});
    add(EventType::Accepted, Role::Clerk, {});
    CaseState soFar = CaseStateMachine::fold(events).state;
    const auto plan = soFar.defaultRouting();
    QVERIFY(plan);
    QCOMPARE(plan->departments(), QStringList({market, health}));
    add(EventType::Routed, Role::Clerk, plan->toJson());
    add(EventType::SupplementRequested, Role::Reviewer, validPayload(EventType::SupplementRequested, {}));
    add(EventType::SupplementReceived, Role::Agent, {});
    add(EventType::Opinion, Role::Reviewer,
        {{QStringLiteral("department"), health},
         {QStringLiteral("decision"), QStringLiteral("deny")},
         {QStringLiteral("basis"), QStringLiteral("《食品安全法》第三十五条")},
         {QStringLiteral("items"), QJsonArray {QStringLiteral("B2")}}});
    add(EventType::Approved, Role::Reviewer, {});
    add(EventType::CertificateProduced, Role::Reviewer, validPayload(EventType::CertificateProduced, {}));
    const QString certificateId
        = validPayload(EventType::CertificateProduced, {}).value(QStringLiteral("certificateId")).toString();
    const QJsonObject print {{QStringLiteral("certificateId"), certificateId},
                             {QStringLiteral("printer"), QStringLiteral("HP LaserJet M403")},
                             {QStringLiteral("mode"), QStringLiteral("stock")},
                             {QStringLiteral("stockSerial"), QStringLiteral("SC0000451")}};
    // The first sheet jams: it is voided and the next print is still the first.
    QJsonObject jammed = print;
    jammed.insert(QStringLiteral("spoiled"), true);
    add(EventType::Printed, Role::Agent, jammed);
    QJsonObject first = print;
    first.insert(QStringLiteral("stockSerial"), QStringLiteral("SC0000452"));
    first.insert(QStringLiteral("reprint"), false);
    add(EventType::Printed, Role::Agent, first);
    QJsonObject reprint = print;
    reprint.insert(QStringLiteral("stockSerial"), QStringLiteral("SC0000453"));
    reprint.insert(QStringLiteral("reprint"), true);
    reprint.insert(QStringLiteral("reason"), QStringLiteral("原证污损"));
    add(EventType::Printed, Role::Agent, reprint);
    add(EventType::Delivered, Role::Clerk, {});
    add(EventType::Evaluated, Role::Clerk, {{QStringLiteral("rating"), 5}});

    const CaseStateMachine::FoldResult fold = CaseStateMachine::fold(events);
    QVERIFY2(fold.isValid(), qPrintable(fold.error));
    const CaseState &state = fold.state;
    // apply() then advance(), as the server folds an event it has checked: the same state.
    CaseState stepped;
    for (const Event &event : std::as_const(events)) {
        const CaseStateMachine::Result checked = CaseStateMachine::apply(stepped, event);
        QVERIFY2(checked.isValid(), qPrintable(checked.error));
        CaseStateMachine::advance(stepped, event, checked);
    }
    QCOMPARE(stepped.toJson(), state.toJson());
    QCOMPARE(state.status, CaseStatus::Delivered);
    QCOMPARE(state.caseNumber, QStringLiteral("330102-20261122-D07-000123-8"));
    QCOMPARE(state.itemCodes(),
             QStringList({QStringLiteral("A1"), QStringLiteral("B1"), QStringLiteral("B2")}));
    QCOMPARE(state.departments(), QStringList({market, health}));
    QCOMPARE(state.leadDepartment, market);
    QCOMPARE(state.bundleCode, QStringLiteral("KB-01"));
    QCOMPARE(state.timeLimitDays, 5);
    QCOMPARE(state.acceptedAt, at(1));
    QCOMPARE(state.concludedAt, at(6));
    QCOMPARE(state.clockStops.size(), 1);
    QCOMPARE(state.clockStops.first().from, at(3));
    QCOMPARE(state.clockStops.first().to, at(4));
    QVERIFY(!state.isClockStopped());
    QCOMPARE(state.approvedItems, QStringList({QStringLiteral("A1"), QStringLiteral("B1")}));
    QCOMPARE(state.deniedItems, QStringList({QStringLiteral("B2")}));
    QCOMPARE(state.review.denials().size(), 1);
    QCOMPARE(state.certificateIds.size(), 1);
    QCOMPARE(state.printCount, 2); // the spoiled sheet does not count
    QCOMPARE(state.printedCertificateIds, QStringList {certificateId});
    QCOMPARE(state.toJson().value(QStringLiteral("printedCertificateIds")).toArray(),
             QJsonArray {certificateId});
    QCOMPARE(state.rating, std::optional<int>(5));
    QCOMPARE(state.eventCount, events.size());
    QCOMPARE(state.toJson().value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
}

// 重打: once a certificate came out right, printing it again is a reprint
// with a reason; a spoiled sheet leaves it unprinted.
void TestStateMachine::reprints()
{
    CaseState state = stateFor(CaseStatus::CertificateReady);
    const auto print = [&](const QJsonObject &changes) {
        return CaseStateMachine::applyTo(state,
                                         eventOf(EventType::Printed, Role::Clerk, printPayload(changes)));
    };
    QVERIFY(print({{QStringLiteral("spoiled"), true}}).isValid());
    QCOMPARE(state.printCount, 0);
    QVERIFY(state.printedCertificateIds.isEmpty());
    QVERIFY(print({}).isValid());
    QCOMPARE(state.printCount, 1);

    CaseStateMachine::Result again = print({});
    QCOMPARE(again.errorKind, CaseStateMachine::ErrorKind::InvalidPayload);
    QVERIFY2(again.error.contains(QStringLiteral("reprint")), qPrintable(again.error));
    CaseStateMachine::Result noReason
        = print({{QStringLiteral("reprint"), true}, {QStringLiteral("reason"), QStringLiteral("  ")}});
    QCOMPARE(noReason.errorKind, CaseStateMachine::ErrorKind::InvalidPayload);
    QVERIFY2(noReason.error.contains(QStringLiteral("reason")), qPrintable(noReason.error));
    QCOMPARE(state.printCount, 1); // refused events change nothing

    QVERIFY(print({{QStringLiteral("reprint"), true}, {QStringLiteral("reason"), QStringLiteral("原证污损")}})
                .isValid());
    QCOMPARE(state.printCount, 2);
    QCOMPARE(state.printedCertificateIds, QStringList {QStringLiteral("JY13301020001234")});
}

// 认领: a reviewer claims the department's task for themselves; a colleague
// can neither take it over nor release it; the holder releases it.
void TestStateMachine::claims()
{
    CaseState state = stateFor(CaseStatus::UnderReview);
    const auto claim = [&](const QString &actor, const QString &userId) {
        QJsonObject payload = state.review.plan().toJson();
        payload.insert(QStringLiteral("assignee"),
                       QJsonObject {{QStringLiteral("department"), market}, {QStringLiteral("userId"), userId}});
        Event event = eventOf(EventType::Routed, Role::Reviewer, payload);
        event.actor.userId = actor;
        CaseState next = state;
        const CaseStateMachine::Result result = CaseStateMachine::applyTo(next, event);
        return std::pair {result, next};
    };
    const QString li = QStringLiteral("reviewer-li");
    const QString wang = QStringLiteral("reviewer-wang");

    auto [result, next] = claim(li, wang);
    QVERIFY(!result.isValid());
    QVERIFY(result.error.contains(QStringLiteral("themselves")));

    std::tie(result, next) = claim(li, li);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    state = next;
    QCOMPARE(state.review.assigneeOf(market), li);
    QCOMPARE(state.status, CaseStatus::UnderReview);
    QCOMPARE(state.toJson().value(QStringLiteral("reviews")).toArray().first().toObject().value(
                 QStringLiteral("assignee")),
             QJsonValue(li));

    std::tie(result, next) = claim(wang, wang);
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(li), qPrintable(result.error));
    std::tie(result, next) = claim(wang, QString());
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(li), qPrintable(result.error));

    std::tie(result, next) = claim(li, QString());
    QVERIFY2(result.isValid(), qPrintable(result.error));
    state = next;
    QVERIFY(state.review.assigneeOf(market).isEmpty());
    std::tie(result, next) = claim(wang, wang);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(next.review.assigneeOf(market), wang);

    // Naming a department the case is not routed to.
    QJsonObject payload = state.review.plan().toJson();
    payload.insert(QStringLiteral("assignee"),
                   QJsonObject {{QStringLiteral("department"), health}, {QStringLiteral("userId"), li}});
    Event event = eventOf(EventType::Routed, Role::Reviewer, payload);
    event.actor.userId = li;
    QVERIFY(!CaseStateMachine::apply(state, event).isValid());
}

// 延期: once, by the lead, approved and with basis; the limit grows by its days.
void TestStateMachine::extensionOnce()
{
    CaseState state = stateFor(CaseStatus::UnderReview);
    state.timeLimitDays = 20;
    const auto extend = [&](const QString &department, const QJsonObject &extension) {
        Event event = eventOf(EventType::Opinion, Role::Reviewer,
                              {{QStringLiteral("department"), department}, {QStringLiteral("extension"), extension}});
        CaseState next = state;
        const CaseStateMachine::Result result = CaseStateMachine::applyTo(next, event);
        return std::pair {result, next};
    };
    const QJsonObject valid {{QStringLiteral("days"), 10},
                             {QStringLiteral("approvedBy"), QStringLiteral("局长 王刚")},
                             {QStringLiteral("basis"), QStringLiteral("《中华人民共和国行政许可法》第四十二条")}};
    QVERIFY(!extend(health, valid).first.isValid()); // not routed there
    QJsonObject noApprover = valid;
    noApprover.remove(QStringLiteral("approvedBy"));
    QVERIFY(!extend(market, noApprover).first.isValid());
    QJsonObject tooLong = valid;
    tooLong.insert(QStringLiteral("days"), 90);
    QVERIFY(!extend(market, tooLong).first.isValid());

    auto [result, next] = extend(market, valid);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(next.timeLimitDays, 30);
    QCOMPARE(next.extensionDays, 10);
    state = next;
    std::tie(result, next) = extend(market, valid);
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(QStringLiteral("once")), qPrintable(result.error));
}

void TestStateMachine::foldStopsAtFirstRejected()
{
    const QList<Event> events {
        eventOf(EventType::Created, Role::Agent, validPayload(EventType::Created, CaseStatus::None)),
        eventOf(EventType::MissingMaterialsNotified, Role::Agent,
                validPayload(EventType::MissingMaterialsNotified, CaseStatus::Created)),
        // 一次性告知 means once: a second notice is rejected.
        eventOf(EventType::MissingMaterialsNotified, Role::Agent,
                validPayload(EventType::MissingMaterialsNotified, CaseStatus::Created)),
        eventOf(EventType::Accepted, Role::Agent, {}),
    };
    const CaseStateMachine::FoldResult fold = CaseStateMachine::fold(events);
    QCOMPARE(fold.failedIndex, 2);
    QCOMPARE(fold.state.status, CaseStatus::AwaitingMaterials);
    QCOMPARE(fold.state.eventCount, 2);
    QVERIFY2(fold.error.contains(events.at(2).id), qPrintable(fold.error));
}

void TestStateMachine::allowedEvents()
{
    QCOMPARE(CaseStateMachine::allowedEvents(stateFor(CaseStatus::Created), Role::Clerk),
             QList<EventType>({EventType::Accepted, EventType::MissingMaterialsNotified, EventType::Refused,
                               EventType::Withdrawn}));
    QCOMPARE(CaseStateMachine::allowedEvents(stateFor(CaseStatus::Created), Role::Reviewer),
             QList<EventType>());
    QCOMPARE(CaseStateMachine::allowedEvents(stateFor(CaseStatus::Approved), Role::Clerk),
             QList<EventType>({EventType::CertificateProduced}));
    QCOMPARE(
        CaseStateMachine::allowedEvents(stateFor(CaseStatus::Approved, Guard::NoCertificate), Role::Clerk),
        QList<EventType>({EventType::Delivered}));
    for (CaseStatus status : allCaseStatuses())
        QVERIFY(CaseStateMachine::allowedEvents(stateFor(status), Role::Admin).isEmpty());
}

QTEST_GUILESS_MAIN(TestStateMachine)
#include "tst_statemachine.moc"
