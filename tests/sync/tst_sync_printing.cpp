// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Remote printing (异地打证) through a real onewindow-central on loopback and
// real workstation stores: a certificate decided at the county is signed by
// the server, printed at the village office on its pre-printed paper, and the
// print comes back to the county; a sheet cannot be printed on twice.

#include "synctestutil.h"

#include <ow/cases/casestate.h>
#include <ow/cases/routing.h>
#include <ow/core/uuid.h>
#include <ow/server/directory.h>
#include <ow/server/serverconfig.h>
#include <ow/server/stockranges.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/eventrepository.h>
#include <ow/storage/stockrepository.h>
#include <ow/storage/store.h>
#include <ow/sync/apiclient.h>
#include <ow/sync/signinservice.h>
#include <ow/sync/syncengine.h>
#include <ow/test/centralprocess.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace ow;
using ow::test::sync::kCounty;
using ow::test::sync::kPassword;
using ow::test::sync::kVillage;
using ow::test::sync::wait;
using cases::Event;
using cases::EventType;
using cases::Role;

namespace {

const QString kAuthority = QStringLiteral("demo-centre-2026");
const QString kCertificateId = QStringLiteral("ZS-2026-000451");

struct Workstation
{
    std::unique_ptr<storage::Store> store;
    QString deviceId;
    QString userId;
    sync::SyncSession session;
    std::unique_ptr<storage::CaseJournal> journal;

    QSqlDatabase db() const { return store->database(); }

    Event record(const QString &caseId, EventType type, Role role, const QJsonObject &payload = {})
    {
        cases::Actor actor;
        actor.userId = userId;
        const auto result = journal->record(Event::make(caseId, type, actor, payload), role);
        if (!result.isValid())
            qWarning("record %s: %s", qPrintable(cases::eventTypeName(type)), qPrintable(result.message));
        return result.event.value_or(Event());
    }

    sync::SyncResult syncOnce() const { return sync::SyncEngine::runOnce(db(), session); }
};

QJsonObject print(const QString &serial, bool reprint)
{
    QJsonObject payload {{QStringLiteral("certificateId"), kCertificateId},
                         {QStringLiteral("printer"), QStringLiteral("HP LaserJet M403")},
                         {QStringLiteral("mode"), QStringLiteral("stock")},
                         {QStringLiteral("stockSerial"), serial},
                         {QStringLiteral("reprint"), reprint},
                         {QStringLiteral("spoiled"), false}};
    if (reprint)
        payload.insert(QStringLiteral("reason"), QStringLiteral("原证污损"));
    return payload;
}

// A food business licence application made at the village, for the county's market regulator.
QJsonObject villageApplication()
{
    return {{QStringLiteral("items"),
             QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("SC-001")},
                                      {QStringLiteral("name"), QStringLiteral("食品经营许可")},
                                      {QStringLiteral("department"), QStringLiteral("SCJG")},
                                      {QStringLiteral("legalDays"), 20},
                                      {QStringLiteral("promisedDays"), 10},
                                      {QStringLiteral("producesCertificate"), true}}}},
            {QStringLiteral("applicant"),
             QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")},
                          {QStringLiteral("idNumber"), QStringLiteral("33010219900307123X")}}}};
}

// The county's certificate record, printed at the village.
QJsonObject certificateRecord(const QString &certificateId)
{
    return {{QStringLiteral("certificateId"), certificateId},
            {QStringLiteral("number"), QStringLiteral("JY13301020000451")},
            {QStringLiteral("itemCode"), QStringLiteral("SC-001")},
            {QStringLiteral("itemName"), QStringLiteral("食品经营许可")},
            {QStringLiteral("certificateType"), QStringLiteral("food-business-licence")},
            {QStringLiteral("name"), QStringLiteral("食品经营许可证")},
            {QStringLiteral("templateId"), QStringLiteral("food-business-licence")},
            {QStringLiteral("holder"),
             QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")},
                          {QStringLiteral("idNumber"), QStringLiteral("33010219900307123X")}}},
            {QStringLiteral("issuedBy"), QStringLiteral("示范县市场监督管理局")},
            {QStringLiteral("issuedAt"), QStringLiteral("2026-11-30")},
            {QStringLiteral("validUntil"), QStringLiteral("2031-11-29")},
            {QStringLiteral("printOffice"), kVillage}};
}

} // namespace

class TstSyncPrinting : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void certificateDecidedAtCountyIsPrintedInTheVillage();
    void certificateSignedLaterReachesTheVillage();

private:
    // Restarts the server on the same database, with the signing key or without.
    bool restartServer(bool withKey);
    // A case made at the village and routed to the county, pushed; its id.
    QString villageCase();
    bool seed();
    bool makeSigningKey(QString *privateKey);
    std::unique_ptr<Workstation> workstation(const QString &name, const QString &user, const QString &office);

    std::unique_ptr<test::TempDataDir> m_dir;
    server::ServerConfig m_config;
    std::unique_ptr<test::CentralProcess> m_server;
    std::unique_ptr<Workstation> m_village;
    std::unique_ptr<Workstation> m_county;
};

void TstSyncPrinting::init()
{
    OW_REQUIRE_KEYRING();
    m_dir = std::make_unique<test::TempDataDir>();
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("server")));
    m_config = server::ServerConfig();
    m_config.dataDir = m_dir->filePath(QStringLiteral("server"));
    QVERIFY(seed());
    QString key;
    QVERIFY(makeSigningKey(&key));
    m_server = std::make_unique<test::CentralProcess>();
    QVERIFY(restartServer(true));
    m_village = workstation(QStringLiteral("village"), QStringLiteral("agent-v"), kVillage);
    QVERIFY(m_village);
    m_county = workstation(QStringLiteral("county"), QStringLiteral("reviewer-sc"), kCounty);
    QVERIFY(m_county);
}

void TstSyncPrinting::cleanup()
{
    m_village.reset();
    m_county.reset();
    m_server.reset();
    m_dir.reset();
}

bool TstSyncPrinting::seed()
{
    server::Directory directory;
    QString error;
    const auto check = [&error](bool ok) {
        if (!ok)
            qWarning("directory: %s", qPrintable(error));
        return ok;
    };
    if (!check(directory.open(m_config, &error))
        || !check(directory.addOffice({kCounty, QStringLiteral("示范县政务服务中心"),
                                       QStringLiteral("330102"), QString(), QStringLiteral("county")},
                                      &error))
        || !check(directory.addOffice({kVillage, QStringLiteral("城关镇东村便民服务点"),
                                       QStringLiteral("330102"), kCounty, QStringLiteral("village")},
                                      &error))
        || !check(directory.addDepartment(
            {QStringLiteral("SCJG"), QStringLiteral("示范县市场监督管理局"), kCounty}, &error)))
        return false;
    struct User
    {
        QString name;
        QString office;
        QStringList roles;
        QStringList departments;
    };
    const QList<User> users {
        {QStringLiteral("agent-v"), kVillage, {QStringLiteral("agent"), QStringLiteral("clerk")}, {}},
        {QStringLiteral("reviewer-sc"), kCounty, {QStringLiteral("reviewer")}, {QStringLiteral("SCJG")}},
    };
    for (const User &user : users) {
        server::DirectoryUser entry;
        entry.name = user.name;
        entry.displayName = user.name;
        entry.officeCode = user.office;
        entry.roles = user.roles;
        entry.departments = user.departments;
        if (!check(directory.addUser(entry, kPassword, &error)))
            return false;
    }
    // 套打纸 SC0000451 … SC0000460 for the village.
    server::StockRanges stock;
    server::StockRanges::Range range;
    range.office = kVillage;
    range.prefix = QStringLiteral("SC");
    range.first = 451;
    range.last = 460;
    if (!check(stock.open(m_config, &error))
        || stock.issue(range, &error) != server::StockRanges::Outcome::Issued) {
        qWarning("stock: %s", qPrintable(error));
        return false;
    }
    return true;
}

bool TstSyncPrinting::restartServer(bool withKey)
{
    m_server->stop();
    const QStringList signing {QStringLiteral("--certificate-key"),
                               m_dir->filePath(QStringLiteral("authority.pem")),
                               QStringLiteral("--certificate-authority"), kAuthority};
    if (!m_server->start(m_config.dataDir, withKey ? signing : QStringList())) {
        qWarning("server: %s", qPrintable(m_server->error()));
        return false;
    }
    for (Workstation *station : {m_village.get(), m_county.get()}) {
        if (station)
            station->session.serverUrl = m_server->url();
    }
    return true;
}

QString TstSyncPrinting::villageCase()
{
    const QString caseId = core::Uuid::createV7String();
    if (m_village->record(caseId, EventType::Created, Role::Agent, villageApplication()).id.isEmpty()
        || m_village->record(caseId, EventType::Accepted, Role::Agent).id.isEmpty()
        || m_village
               ->record(
                   caseId, EventType::Routed, Role::Agent,
                   cases::RoutingPlan::forItem({QStringLiteral("SC-001"), QStringLiteral("SCJG")}).toJson())
               .id.isEmpty())
        return {};
    const sync::SyncResult result = m_village->syncOnce();
    if (!result.ok() || result.pushed != 3) {
        qWarning("village sync: %s", qPrintable(result.error));
        return {};
    }
    return caseId;
}

bool TstSyncPrinting::makeSigningKey(QString *privateKey)
{
    *privateKey = m_dir->filePath(QStringLiteral("authority.pem"));
    QProcess admin;
    admin.start(test::executablePath(QStringLiteral("onewindow-admin")),
                {QStringLiteral("generate-certificate-key"), QStringLiteral("--private"), *privateKey,
                 QStringLiteral("--public"), m_dir->filePath(QStringLiteral("authority.pub"))});
    if (!admin.waitForFinished(60000) || admin.exitCode() != 0) {
        qWarning("generate-certificate-key: %s", admin.readAllStandardError().constData());
        return false;
    }
    return true;
}

std::unique_ptr<Workstation> TstSyncPrinting::workstation(const QString &name, const QString &user,
                                                          const QString &office)
{
    auto station = std::make_unique<Workstation>();
    storage::StoreCreateOptions options;
    options.withoutEscrow = true;
    storage::StoreStatus status;
    station->store = storage::Store::create(m_dir->filePath(name), options, &status);
    if (!station->store) {
        qWarning("store: %s", qPrintable(status.message));
        return nullptr;
    }
    station->deviceId = sync::SignInService::deviceId(station->db());
    sync::ApiClient api;
    api.setServerUrl(m_server->url());
    const auto login = wait(api.login(user, kPassword, station->deviceId));
    if (!login->ok()) {
        qWarning("login %s: %s", qPrintable(user), qPrintable(login->error().message));
        return nullptr;
    }
    const QJsonObject json = login->json();
    station->userId = json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    station->session
        = {m_server->url(), json.value(QStringLiteral("token")).toString(), station->deviceId,
           json.value(QStringLiteral("log")).toObject().value(QStringLiteral("publicKey")).toString()};
    station->journal = std::make_unique<storage::CaseJournal>(
        station->db(), storage::CaseJournal::Identity {station->deviceId, office});
    return station;
}

void TstSyncPrinting::certificateDecidedAtCountyIsPrintedInTheVillage()
{
    // Registered at the village, routed to the county's market regulator.
    const QString caseId = villageCase();
    QVERIFY(!caseId.isEmpty());
    sync::SyncResult result;

    // The village holds its paper after the first sync: the first free sheet is offered.
    storage::StockRepository villageStock(m_village->db());
    QCOMPARE(villageStock.ranges(kVillage).size(), 1);
    QCOMPARE(villageStock.nextFree(kVillage, QString()), std::optional<QString>(QStringLiteral("SC0000451")));

    // Decided at the county; the certificate is printed in the village.
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pulled, 3);
    QVERIFY(!m_county->record(caseId, EventType::Approved, Role::Reviewer).id.isEmpty());
    const QJsonObject certificate = certificateRecord(kCertificateId);
    QVERIFY(
        !m_county->record(caseId, EventType::CertificateProduced, Role::Reviewer, certificate).id.isEmpty());
    storage::CertificateRepository countyCertificates(m_county->db());
    QVERIFY(!countyCertificates.find(kCertificateId)->isSigned()); // 待签发 until the server signs it
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 2);
    // The push result brought the server's signature.
    const QString code = countyCertificates.find(kCertificateId)->verificationCode;
    QVERIFY2(code.startsWith(QLatin1String("OW1:")), qPrintable(code));
    QVERIFY(countyCertificates.printQueue({kCounty}).isEmpty());

    // In the village's print queue after its sync, signed: it can be printed.
    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pulled, 2);
    storage::CertificateRepository villageCertificates(m_village->db());
    const QList<storage::CertificateRow> queue = villageCertificates.printQueue({kVillage});
    QCOMPARE(queue.size(), 1);
    QCOMPARE(queue.first().certificateId, kCertificateId);
    QCOMPARE(queue.first().holderName, QStringLiteral("王五"));
    QCOMPARE(queue.first().issuingOffice, kCounty);
    QCOMPARE(queue.first().verificationCode, code);

    // Printed on the first free sheet: used at once, before any sync.
    const QString serial = *villageStock.nextFree(kVillage, QString());
    QCOMPARE(villageStock.check(kVillage, QString(), serial), storage::StockSerialProblem::None);
    QVERIFY(!m_village->record(caseId, EventType::Printed, Role::Agent, print(serial, false)).id.isEmpty());
    QCOMPARE(villageStock.check(kVillage, QString(), serial), storage::StockSerialProblem::Used);
    QVERIFY(villageCertificates.printQueue({kVillage}).isEmpty());
    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 1);
    QCOMPARE(result.parked, 0);
    QCOMPARE(villageStock.check(kVillage, QString(), serial), storage::StockSerialProblem::Used);

    // The county sees who printed it where, on which sheet.
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pulled, 1);
    const auto printed = countyCertificates.find(kCertificateId);
    QCOMPARE(printed->printCount, 1);
    QCOMPARE(printed->lastPrintedBy, m_village->userId);
    QCOMPARE(printed->lastStockSerial, serial);
    QCOMPARE(printed->verificationCode, code);
    const QList<Event> events = m_county->journal->events(caseId);
    QCOMPARE(events.constLast().type, EventType::Printed);
    QCOMPARE(events.constLast().actor.officeCode, kVillage);

    // The same sheet again (a reprint recorded past the window's check): the server refuses it.
    const Event reused = m_village->record(caseId, EventType::Printed, Role::Agent, print(serial, true));
    QVERIFY(!reused.id.isEmpty());
    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.parked, 1);
    const auto refusal = storage::EventRepository(m_village->db()).rejection(reused.id);
    QVERIFY(refusal.has_value());
    QCOMPARE(refusal->code, QStringLiteral("stock_serial_used"));
    QCOMPARE(villageCertificates.find(kCertificateId)->printCount, 1);
    QCOMPARE(villageStock.check(kVillage, QString(), serial), storage::StockSerialProblem::Used);
    QCOMPARE(villageStock.nextFree(kVillage, QString()), std::optional<QString>(QStringLiteral("SC0000452")));
}

void TstSyncPrinting::certificateSignedLaterReachesTheVillage()
{
    // The server runs without its signing key when the county decides.
    QVERIFY(restartServer(false));
    const QString caseId = villageCase();
    QVERIFY(!caseId.isEmpty());
    sync::SyncResult result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(!m_county->record(caseId, EventType::Approved, Role::Reviewer).id.isEmpty());
    QVERIFY(!m_county
                 ->record(caseId, EventType::CertificateProduced, Role::Reviewer,
                          certificateRecord(kCertificateId))
                 .id.isEmpty());
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));

    // The village holds it unsigned (待签发), and a sync cannot change that yet: it is no failure either.
    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    storage::CertificateRepository villageCertificates(m_village->db());
    QVERIFY(!villageCertificates.find(kCertificateId)->isSigned());

    // Once the key is configured, the village's next sync brings the signed code.
    QVERIFY(restartServer(true));
    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    const auto signedRow = villageCertificates.find(kCertificateId);
    QVERIFY(signedRow->isSigned());
    QVERIFY(signedRow->verificationCode.startsWith(QLatin1String("OW1:")));
    QVERIFY(villageCertificates.unsignedCertificates().isEmpty());
    // The county asks too, and gets the same code.
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(storage::CertificateRepository(m_county->db()).find(kCertificateId)->verificationCode,
             signedRow->verificationCode);
}

QTEST_GUILESS_MAIN(TstSyncPrinting)
#include "tst_sync_printing.moc"
