// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// 免申即享: the server opens renewal cases for certificates about to expire,
// none for holders with a recorded violation, each once; the cases reach the
// department and the office like any other.

#include "tst_server_events_support.h"

#include <ow/core/uuid.h>
#include <ow/test/fixtures.h>

#include <QDate>
#include <QJsonDocument>
#include <QTest>

using namespace ow::test::log;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;

class TestServerRenewals : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_bed = std::make_unique<Bed>(); }
    void cleanup() { m_bed.reset(); }
    void expiringLicencesAreRenewedWithoutApplication_data() { addBackendRows(); }
    void expiringLicencesAreRenewedWithoutApplication();

private:
    // A case of clerk-a approved at the county with a certificate valid until `validUntil`.
    void certifiedCase(const QString &certificateId, const QString &holderId, const QDate &validUntil);

    std::unique_ptr<Bed> m_bed;
    std::unique_ptr<Device> m_clerk;
    std::unique_ptr<Device> m_reviewer;
};

void TestServerRenewals::certifiedCase(const QString &certificateId, const QString &holderId,
                                       const QDate &validUntil)
{
    const QString caseId = ow::core::Uuid::createV7String();
    QJsonObject created = createdPayload();
    created.insert(QStringLiteral("applicant"),
                   QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")}, {QStringLiteral("idNumber"), holderId}});
    const Reply intake = request(
        "POST", m_bed->api(QStringLiteral("events")),
        pushBody(m_clerk->id(), {m_clerk->record(caseId, EventType::Created, created),
                                 m_clerk->record(caseId, EventType::Accepted),
                                 m_clerk->record(caseId, EventType::Routed, routedPayload())}),
        m_clerk->user().token);
    QCOMPARE(intake.status, 200);
    const Reply decided = request(
        "POST", m_bed->api(QStringLiteral("events")),
        pushBody(m_reviewer->id(),
                 {m_reviewer->record(caseId, EventType::Approved),
                  m_reviewer->record(
                      caseId, EventType::CertificateProduced,
                      {{QStringLiteral("certificateId"), certificateId},
                       {QStringLiteral("number"), QStringLiteral("民低保字〔2026〕%1号").arg(certificateId.right(1))},
                       {QStringLiteral("itemCode"), QStringLiteral("MZ-001")},
                       {QStringLiteral("holder"),
                        QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")},
                                     {QStringLiteral("idNumber"), holderId}}},
                       {QStringLiteral("validUntil"), validUntil.toString(Qt::ISODate)}})}),
        m_reviewer->user().token);
    QCOMPARE(decided.status, 200);
    for (const QJsonValue &result : decided.json.value(QStringLiteral("results")).toArray())
        QCOMPARE(result[QStringLiteral("status")].toString(), QStringLiteral("accepted"));
}

void TestServerRenewals::expiringLicencesAreRenewedWithoutApplication()
{
    QFETCH(bool, postgres);
    if (postgres) {
        const QString problem = ow::test::postgresProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY(m_bed->prepare(postgres));
    QVERIFY(m_bed->startServer());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const SignedIn reviewer = m_bed->signIn(QStringLiteral("reviewer-c"));
    const SignedIn supervisor = m_bed->signIn(QStringLiteral("supervisor-a"));
    const SignedIn admin = m_bed->signIn(QStringLiteral("admin-c"));
    m_clerk = std::make_unique<Device>(clerk);
    m_reviewer = std::make_unique<Device>(reviewer, Role::Reviewer);

    const QDate today = QDate::currentDate();
    const QString clean = QStringLiteral("11010519491231002X");
    const QString offender = QStringLiteral("330102198001011236");
    certifiedCase(QStringLiteral("ZS-2026-1"), clean, today.addDays(20));
    certifiedCase(QStringLiteral("ZS-2026-2"), offender, today.addDays(25));
    certifiedCase(QStringLiteral("ZS-2026-3"), clean, today.addDays(200)); // not due yet
    certifiedCase(QStringLiteral("ZS-2026-4"), clean, today.addDays(-3)); // already expired: apply anew

    // A violation is recorded by a supervisor; a clerk cannot.
    const QUrl violations = m_bed->api(QStringLiteral("violations"));
    const QByteArray violation
        = QJsonDocument(QJsonObject {{QStringLiteral("holderId"), offender},
                                     {QStringLiteral("reason"), QStringLiteral("2026年10月抽检不合格")}})
              .toJson();
    QCOMPARE(request("POST", violations, violation, clerk.token).status, 403);
    QCOMPARE(request("POST", violations, violation, supervisor.token).status, 201);
    QCOMPARE(request("POST", violations, QByteArray("{\"holderId\": \"\"}"), supervisor.token).status, 400);

    // Only an administrator starts a run (the server also runs it on its own schedule).
    const QUrl run = m_bed->api(QStringLiteral("renewals/run"));
    const QByteArray window = QByteArray("{\"windowDays\": 30}");
    QCOMPARE(request("POST", run, window, clerk.token).status, 403);
    QCOMPARE(request("POST", run, QByteArray("{\"windowDays\": 9999}"), admin.token).status, 400);
    const Reply first = request("POST", run, window, admin.token);
    QCOMPARE(first.status, 200);
    const QJsonArray created = first.json.value(QStringLiteral("created")).toArray();
    QCOMPARE(created.size(), 1);
    QCOMPARE(first.json.value(QStringLiteral("heldBack")).toInt(), 1);
    const QString renewal = created.first().toString();

    // The department and the office receive it as a routed case.
    QUrl pull = m_bed->api(QStringLiteral("events"));
    pull.setQuery(QStringLiteral("limit=1000"));
    for (const SignedIn &user : {reviewer, clerk}) {
        const QJsonArray events = request("GET", pull, {}, user.token).json.value(QStringLiteral("events")).toArray();
        QList<QJsonObject> renewalEvents;
        for (const QJsonValue &event : events) {
            if (event[QStringLiteral("caseId")].toString() == renewal)
                renewalEvents.append(event.toObject());
        }
        QCOMPARE(renewalEvents.size(), 3);
        QCOMPARE(renewalEvents.at(0).value(QStringLiteral("type")).toString(), QStringLiteral("created"));
        QCOMPARE(renewalEvents.at(1).value(QStringLiteral("type")).toString(), QStringLiteral("accepted"));
        QCOMPARE(renewalEvents.at(2).value(QStringLiteral("type")).toString(), QStringLiteral("routed"));
        const QJsonObject payload = renewalEvents.at(0).value(QStringLiteral("payload")).toObject();
        QVERIFY(payload.value(QStringLiteral("withoutApplication")).toBool());
        QCOMPARE(payload.value(QStringLiteral("renewalOf")).toObject().value(QStringLiteral("certificateId")),
                 QJsonValue(QStringLiteral("ZS-2026-1")));
        QCOMPARE(payload.value(QStringLiteral("applicant")).toObject().value(QStringLiteral("idNumber")),
                 QJsonValue(clean));
        QVERIFY(payload.value(QStringLiteral("caseNumber")).toString().contains(QStringLiteral("-XQ-")));
        QCOMPARE(renewalEvents.at(0).value(QStringLiteral("actor")).toObject().value(QStringLiteral("officeCode")),
                 QJsonValue(kOfficeA));
    }

    // A certificate is renewed once.
    const Reply second = request("POST", run, window, admin.token);
    QCOMPARE(second.status, 200);
    QVERIFY(second.json.value(QStringLiteral("created")).toArray().isEmpty());
    QCOMPARE(second.json.value(QStringLiteral("alreadyRenewed")).toInt(), 1);
    QCOMPARE(second.json.value(QStringLiteral("heldBack")).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestServerRenewals)
#include "tst_server_renewals.moc"
