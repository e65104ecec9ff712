// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Sync between real workstation stores (SQLCipher, key in the keyring) and a
// real onewindow-central on loopback: a village agent's office and the
// county office, as the clerks and reviewers there would see it.

#include "synctestutil.h"

#include <ow/cases/casestate.h>
#include <ow/cases/routing.h>
#include <ow/catalog/catalogloader.h>
#include <ow/core/uuid.h>
#include <ow/server/directory.h>
#include <ow/server/serverconfig.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/eventrepository.h>
#include <ow/storage/outboxrepository.h>
#include <ow/storage/store.h>
#include <ow/storage/syncstaterepository.h>
#include <ow/sync/apiclient.h>
#include <ow/sync/connectionmonitor.h>
#include <ow/sync/signinservice.h>
#include <ow/sync/syncengine.h>
#include <ow/test/centralprocess.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace ow;
using ow::test::sync::kCounty;
using ow::test::sync::kPassword;
using ow::test::sync::kVillage;
using ow::test::sync::wait;
using cases::Event;
using cases::EventType;
using cases::Role;

namespace {


QJsonObject createdPayload(const QJsonArray &attachments = {})
{
    QJsonObject payload {
        {QStringLiteral("items"),
         QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("MZ-001")},
                                  {QStringLiteral("name"), QStringLiteral("最低生活保障审批")},
                                  {QStringLiteral("department"), QStringLiteral("MZ")},
                                  {QStringLiteral("legalDays"), 20},
                                  {QStringLiteral("promisedDays"), 10},
                                  {QStringLiteral("producesCertificate"), false}}}},
        {QStringLiteral("applicant"),
         QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")},
                      {QStringLiteral("idNumber"), QStringLiteral("33010219900307123X")}}},
    };
    if (!attachments.isEmpty())
        payload.insert(QStringLiteral("attachments"), attachments);
    return payload;
}

QJsonObject routedPayload()
{
    return cases::RoutingPlan::forItem({QStringLiteral("MZ-001"), QStringLiteral("MZ")}).toJson();
}

// One workstation: its store, its device, the user signed in on it.
struct Workstation
{
    QString directory;
    std::unique_ptr<storage::Store> store;
    QString deviceId;
    QString office;
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

    // A case registered and accepted here, routed to the county's civil affairs bureau.
    QString newRoutedCase(const QJsonArray &attachments = {})
    {
        const QString caseId = core::Uuid::createV7String();
        record(caseId, EventType::Created, Role::Agent, createdPayload(attachments));
        record(caseId, EventType::Accepted, Role::Agent);
        record(caseId, EventType::Routed, Role::Agent, routedPayload());
        return caseId;
    }

    QString stateOf(const QString &caseId) const
    {
        return storage::CaseRepository(db()).findById(caseId).value_or(storage::CaseRecord()).state;
    }

    sync::SyncResult syncOnce() const { return sync::SyncEngine::runOnce(db(), session); }

    QSet<QString> eventIds() const
    {
        QSet<QString> ids;
        for (const auto &event : storage::EventRepository(db()).eventsOfDevice(deviceId))
            ids.insert(event.id);
        return ids;
    }
};

QString status(cases::CaseStatus value)
{
    return cases::caseStatusName(value);
}

} // namespace

class TstSyncEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void caseTravelsVillageToCountyAndBack();
    void samePushTwiceIsAllDuplicate();
    void catalogueIsKeptForOfflineIntake();
    void refusedEventIsParkedAndCaseRebuilt();
    void conflictingDecisionsOneWinsTheOtherIsToldWhy();
    void attachmentsUploadedBeforeTheirEvents();
    void missingAttachmentParksOnlyItsCase();
    void interruptedUploadResumes();
    void adminSyncReportsFailureInOneLine();
    void killedSyncLosesAndDuplicatesNothing();
    void serverKilledMidPushLosesAndDuplicatesNothing();
    void resyncStartsOverWithoutDuplicates();
    void rewrittenHistoryHaltsSync();
    void engineClosedMidRunLosesNothing();
    void runsPeriodicallyAndWhenTheServerIsBack();

private:
    bool prepareServerDatabase(bool postgres);
    bool seed();
    std::unique_ptr<Workstation> workstation(const QString &name, const QString &user, const QString &office);
    QList<QJsonObject> pullAll(const sync::SyncSession &session);
    QString adminPath() const { return test::executablePath(QStringLiteral("onewindow-admin")); }

    std::unique_ptr<test::TempDataDir> m_dir;
    std::unique_ptr<test::CentralProcess> m_server;
    std::unique_ptr<Workstation> m_village;
    std::unique_ptr<Workstation> m_county;
    server::ServerConfig m_config;
};

// Every test on both of the server's backends: its embedded store and PostgreSQL.
void TstSyncEndToEnd::initTestCase_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("embedded") << false;
    QTest::newRow("postgresql") << true;
}

void TstSyncEndToEnd::init()
{
    QFETCH_GLOBAL(bool, postgres);
    OW_REQUIRE_KEYRING();
    if (postgres)
        OW_REQUIRE_POSTGRES();
    m_dir = std::make_unique<test::TempDataDir>();
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("server")));
    QVERIFY(prepareServerDatabase(postgres));
    QVERIFY(seed());
    m_server = std::make_unique<test::CentralProcess>();
    QStringList arguments;
    if (postgres)
        arguments << QStringLiteral("--database") << m_config.databaseUrl;
    QVERIFY2(m_server->start(m_config.dataDir, arguments), qPrintable(m_server->error()));
    m_village = workstation(QStringLiteral("village"), QStringLiteral("agent-v"), kVillage);
    QVERIFY(m_village);
    m_county = workstation(QStringLiteral("county"), QStringLiteral("reviewer-mz"), kCounty);
    QVERIFY(m_county);
}

void TstSyncEndToEnd::cleanup()
{
    m_village.reset();
    m_county.reset();
    m_server.reset();
    m_dir.reset();
}

// A fresh PostgreSQL database per test, so that tests do not see each other's events.
bool TstSyncEndToEnd::prepareServerDatabase(bool postgres)
{
    m_config = server::ServerConfig();
    m_config.dataDir = m_dir->filePath(QStringLiteral("server"));
    if (!postgres)
        return true;
    QString error;
    m_config.databaseUrl = test::createPostgresDatabase(QStringLiteral("ow_sync_"), &error);
    if (m_config.databaseUrl.isEmpty())
        qWarning("%s", qPrintable(error));
    return !m_config.databaseUrl.isEmpty();
}

bool TstSyncEndToEnd::seed()
{
    const server::ServerConfig &config = m_config;
    server::Directory directory;
    QString error;
    const auto check = [&error](bool ok) {
        if (!ok)
            qWarning("directory: %s", qPrintable(error));
        return ok;
    };
    if (!check(directory.open(config, &error))
        || !check(directory.addOffice({kCounty, QStringLiteral("示范县政务服务中心"),
                                       QStringLiteral("330102"), QString(), QStringLiteral("county")},
                                      &error))
        || !check(directory.addOffice({kVillage, QStringLiteral("城关镇东村便民服务点"),
                                       QStringLiteral("330102"), kCounty, QStringLiteral("village")},
                                      &error))
        || !check(
            directory.addDepartment({QStringLiteral("MZ"), QStringLiteral("示范县民政局"), kCounty}, &error))
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
        {QStringLiteral("reviewer-mz"), kCounty, {QStringLiteral("reviewer")}, {QStringLiteral("MZ")}},
        {QStringLiteral("reviewer-mz2"), kCounty, {QStringLiteral("reviewer")}, {QStringLiteral("MZ")}},
        {QStringLiteral("reviewer-sc"), kCounty, {QStringLiteral("reviewer")}, {QStringLiteral("SCJG")}},
    };
    // The centre's catalogue, which workstations keep for offline intake.
    const catalog::LoadResult demo = catalog::CatalogLoader::loadDemo();
    if (!demo.isValid()
        || directory.importCatalog(demo.catalog->version(), demo.catalog->documentSha256(), demo.catalog->document(),
                                   &error)
            != server::Directory::CatalogImport::Imported) {
        qWarning("catalogue: %s", qPrintable(error));
        return false;
    }
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
    return true;
}

std::unique_ptr<Workstation> TstSyncEndToEnd::workstation(const QString &name, const QString &user,
                                                          const QString &office)
{
    auto station = std::make_unique<Workstation>();
    station->directory = m_dir->filePath(name);
    storage::StoreCreateOptions options;
    options.withoutEscrow = true;
    storage::StoreStatus status;
    station->store = storage::Store::create(station->directory, options, &status);
    if (!station->store) {
        qWarning("store: %s", qPrintable(status.message));
        return nullptr;
    }
    station->deviceId = sync::SignInService::deviceId(station->db());
    station->office = office;
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

// Every event the session's user may see, straight from the server.
QList<QJsonObject> TstSyncEndToEnd::pullAll(const sync::SyncSession &session)
{
    sync::ApiClient api;
    api.setServerUrl(session.serverUrl);
    api.setToken(session.token);
    QList<QJsonObject> events;
    QString cursor;
    for (int page = 0; page < 1000; ++page) {
        const auto reply = wait(api.pull(cursor, 1000));
        if (!reply->ok()) {
            qWarning("pull: %s", qPrintable(reply->error().message));
            return {};
        }
        for (const QJsonValue &value : reply->json().value(QStringLiteral("events")).toArray())
            events.append(value.toObject());
        if (!reply->json().value(QStringLiteral("hasMore")).toBool())
            break;
        cursor = reply->json().value(QStringLiteral("next")).toString();
    }
    return events;
}

void TstSyncEndToEnd::caseTravelsVillageToCountyAndBack()
{
    // Offline at the village: registered, accepted, routed to the county.
    const QString caseId = m_village->newRoutedCase();
    QCOMPARE(m_village->stateOf(caseId), status(cases::CaseStatus::UnderReview));
    QCOMPARE(storage::OutboxRepository(m_village->db()).pendingCount(), 3);

    sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 3);
    QCOMPARE(result.parked, 0);
    QCOMPARE(result.pulled, 0); // its own events come back and are recognised
    QCOMPARE(result.pendingLeft, 0);
    QCOMPARE(storage::OutboxRepository(m_village->db()).count(), 0);

    // The county sees it in its review queue.
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pulled, 3);
    QCOMPARE(m_county->stateOf(caseId), status(cases::CaseStatus::UnderReview));
    QCOMPARE(m_county->journal->events(caseId).size(), 3);

    // Approved at the county; the village sees the decision.
    QVERIFY(!m_county->record(caseId, EventType::Approved, Role::Reviewer).id.isEmpty());
    result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 1);
    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pulled, 1);
    QCOMPARE(m_village->stateOf(caseId), status(cases::CaseStatus::Approved));
    QCOMPARE(m_village->journal->events(caseId).size(), 4);

    // Both kept and checked the server's signed log head, and the history of runs.
    const auto head = storage::SyncStateRepository(m_village->db()).verifiedTreeHead();
    QVERIFY(head.has_value());
    QCOMPARE(head->size, 4);
    QCOMPARE(storage::SyncStateRepository(m_village->db()).serverLogKey(), m_village->session.logPublicKey);
    const auto runs = storage::SyncStateRepository(m_village->db()).syncRuns();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).pulled, 1);
    QCOMPARE(runs.at(1).pushed, 3);
    QCOMPARE(runs.at(1).outcome, storage::SyncRunRecord::Outcome::Succeeded);
}

void TstSyncEndToEnd::catalogueIsKeptForOfflineIntake()
{
    storage::SyncStateRepository state(m_village->db());
    QVERIFY(!state.latestCatalogVersion().has_value());
    sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.catalogVersions, 1);
    const auto kept = state.latestCatalogVersion();
    QVERIFY(kept.has_value());
    const catalog::LoadResult demo = catalog::CatalogLoader::loadDemo();
    QCOMPARE(kept->version, demo.catalog->version());
    // What is kept loads as the same catalogue, offline.
    const catalog::LoadResult reloaded = catalog::CatalogLoader::load(kept->document.toUtf8());
    QVERIFY(reloaded.isValid());
    QCOMPARE(reloaded.catalog->items().size(), demo.catalog->items().size());

    result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.catalogVersions, 0);
    QCOMPARE(state.catalogVersions().size(), 1);
}

void TstSyncEndToEnd::samePushTwiceIsAllDuplicate()
{
    m_village->newRoutedCase();
    const QList<storage::OutboxEntry> pending = storage::OutboxRepository(m_village->db()).pending();
    QCOMPARE(pending.size(), 3);
    QJsonArray batch;
    for (const storage::OutboxEntry &entry : pending)
        batch.append(storage::CaseJournal::fromRecord(entry.event)->toJson());

    sync::ApiClient api;
    api.setServerUrl(m_server->url());
    api.setToken(m_village->session.token);
    for (const QString &expected : {QStringLiteral("accepted"), QStringLiteral("duplicate")}) {
        const auto reply = wait(api.push(m_village->deviceId, batch));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message));
        const QJsonArray results = reply->json().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 3);
        for (const QJsonValue &value : results)
            QCOMPARE(value.toObject().value(QStringLiteral("status")).toString(), expected);
    }

    // The workstation learns the server has them all: nothing left to send, nothing parked.
    const sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.duplicates, 3);
    QCOMPARE(result.pushed, 0);
    QCOMPARE(result.parked, 0);
    QCOMPARE(storage::OutboxRepository(m_village->db()).count(), 0);
    QCOMPARE(pullAll(m_village->session).size(), 3);
}

void TstSyncEndToEnd::refusedEventIsParkedAndCaseRebuilt()
{
    const QString caseId = m_village->newRoutedCase();
    QVERIFY(m_village->syncOnce().ok());

    // A reviewer of the market bureau at the county tries to conclude a civil-affairs case.
    auto other = workstation(QStringLiteral("county-sc"), QStringLiteral("reviewer-sc"), kCounty);
    QVERIFY(other);
    QVERIFY(other->syncOnce().ok());
    QCOMPARE(other->stateOf(caseId), status(cases::CaseStatus::UnderReview));
    const Event approved = other->record(caseId, EventType::Approved, Role::Reviewer);
    QVERIFY(!approved.id.isEmpty());
    QCOMPARE(other->stateOf(caseId), status(cases::CaseStatus::Approved));

    // Through the background engine, as the workstation runs it.
    sync::SyncEngine engine(sync::storeDirectoryConnection(other->directory));
    engine.setSession(other->session);
    QSignalSpy rejected(&engine, &sync::SyncEngine::eventRejected);
    QSignalSpy finished(&engine, &sync::SyncEngine::runFinished);
    QSignalSpy progress(&engine, &sync::SyncEngine::progress);
    engine.start();
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<sync::SyncResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.parked, 1);
    QCOMPARE(rejected.size(), 1);
    const auto rejection = rejected.first().first().value<sync::SyncRejection>();
    QCOMPARE(rejection.eventId, approved.id);
    QCOMPARE(rejection.caseId, caseId);
    QVERIFY(!rejection.caseNumber.isEmpty());
    QCOMPARE(rejection.eventType, QStringLiteral("approved"));
    QCOMPARE(rejection.code, QStringLiteral("department_mismatch"));
    QVERIFY(!rejection.reason.isEmpty());
    QVERIFY(!progress.isEmpty());
    QTRY_COMPARE(engine.state(), sync::SyncEngine::State::Idle);
    engine.stop();

    // The case shows what the server holds; the refused event is kept, parked, with the reason.
    QCOMPARE(other->stateOf(caseId), status(cases::CaseStatus::UnderReview));
    const auto parked = storage::OutboxRepository(other->db()).parked();
    QCOMPARE(parked.size(), 1);
    QCOMPARE(parked.first().event.id, approved.id);
    QCOMPARE(parked.first().lastErrorCode, QStringLiteral("department_mismatch"));
    QCOMPARE(parked.first().lastError, rejection.reason);
    QVERIFY(storage::EventRepository(other->db()).contains(approved.id));

    // Syncing again does not send it again.
    const sync::SyncResult again = other->syncOnce();
    QVERIFY(again.ok());
    QCOMPARE(again.pushed + again.duplicates + again.parked, 0);
}

void TstSyncEndToEnd::conflictingDecisionsOneWinsTheOtherIsToldWhy()
{
    const QString caseId = m_village->newRoutedCase();
    QVERIFY(m_village->syncOnce().ok());
    auto second = workstation(QStringLiteral("county-2"), QStringLiteral("reviewer-mz2"), kCounty);
    QVERIFY(second);
    QVERIFY(m_county->syncOnce().ok());
    QVERIFY(second->syncOnce().ok());

    // Two reviewers of the same bureau decide the same case, each on their own workstation, offline.
    const Event first = m_county->record(caseId, EventType::Approved, Role::Reviewer);
    const Event late = second->record(caseId, EventType::Approved, Role::Reviewer);
    QVERIFY(!first.id.isEmpty() && !late.id.isEmpty());

    sync::SyncResult result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 1);

    QList<sync::SyncRejection> rejections;
    result = sync::SyncEngine::runOnce(second->db(), second->session, {}, {},
                                       [&rejections](const sync::SyncRejection &r) { rejections.append(r); });
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 0);
    QCOMPARE(result.parked, 1);
    QCOMPARE(rejections.size(), 1);
    QCOMPARE(rejections.first().eventId, late.id);
    QCOMPARE(rejections.first().code, QStringLiteral("transition_not_allowed"));
    QVERIFY(!rejections.first().reason.isEmpty());
    // The loser's workstation shows the winner's decision, and its own is parked with the reason.
    QCOMPARE(second->stateOf(caseId), status(cases::CaseStatus::Approved));
    const QList<Event> events = second->journal->events(caseId);
    QCOMPARE(events.last().id, first.id);
    QCOMPARE(storage::OutboxRepository(second->db()).parked().first().lastError, rejections.first().reason);

    // The village gets one decision, not two.
    QVERIFY(m_village->syncOnce().ok());
    QCOMPARE(m_village->journal->events(caseId).size(), 4);
}

void TstSyncEndToEnd::attachmentsUploadedBeforeTheirEvents()
{
    storage::AttachmentRepository attachments(m_village->db());
    QByteArray scan(2 * 1024 * 1024 + 12345, Qt::Uninitialized);
    QRandomGenerator::global()->generate(
        reinterpret_cast<quint32 *>(scan.data()),
        reinterpret_cast<quint32 *>(scan.data() + scan.size() - scan.size() % 4));
    const QString large = attachments.put(scan, QStringLiteral("image/png"));
    const QString small = attachments.put("户口簿复印件", QStringLiteral("application/pdf"));
    QVERIFY(!large.isEmpty() && !small.isEmpty());
    const QString caseId
        = m_village->newRoutedCase({large,
                                    QJsonObject {{QStringLiteral("sha256"), small},
                                                 {QStringLiteral("name"), QStringLiteral("户口簿")}}});

    const sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.uploadedAttachments, 2);
    QCOMPARE(result.pushed, 3);
    QCOMPARE(result.parked, 0);
    QVERIFY(result.bytesSent > scan.size());
    QCOMPARE(attachments.upload(large)->state, storage::UploadState::Uploaded);
    QCOMPARE(attachments.upload(small)->state, storage::UploadState::Uploaded);

    sync::ApiClient api;
    api.setServerUrl(m_server->url());
    api.setToken(m_village->session.token);
    QCOMPARE(wait(api.blobHead(large))->httpStatus(), 200);
    QCOMPARE(wait(api.blobHead(small))->httpStatus(), 200);
    QCOMPARE(m_village->stateOf(caseId), status(cases::CaseStatus::UnderReview));
}

void TstSyncEndToEnd::missingAttachmentParksOnlyItsCase()
{
    // A case citing a scan this store does not hold (lost before upload), then an unrelated case.
    const QString lost
        = QString::fromLatin1(QCryptographicHash::hash("lost scan", QCryptographicHash::Sha256).toHex());
    const QString broken = core::Uuid::createV7String();
    m_village->record(broken, EventType::Created, Role::Agent, createdPayload({lost}));
    const QString fine = m_village->newRoutedCase();

    const sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.parked, 1);
    QCOMPARE(result.pushed, 3);
    QCOMPARE(storage::OutboxRepository(m_village->db()).parked().first().lastErrorCode,
             QStringLiteral("missing_blob"));
    QVERIFY(!storage::CaseRepository(m_village->db()).findById(broken).has_value());
    QCOMPARE(m_village->stateOf(fine), status(cases::CaseStatus::UnderReview));
}

// An upload cut off after its first chunk goes on from where the server's copy ends.
void TstSyncEndToEnd::interruptedUploadResumes()
{
    storage::AttachmentRepository attachments(m_village->db());
    QByteArray scan(3 * sync::ApiClient::ChunkSize + 777, Qt::Uninitialized);
    for (qsizetype i = 0; i < scan.size(); ++i)
        scan[i] = char((i * 7919) % 251);
    const QString hash = attachments.put(scan, QStringLiteral("image/tiff"));
    QVERIFY(!hash.isEmpty());
    m_village->newRoutedCase({hash});

    sync::ApiClient api;
    api.setServerUrl(m_server->url());
    api.setToken(m_village->session.token);
    const auto first = wait(api.blobPut(hash, scan.left(sync::ApiClient::ChunkSize), 0, scan.size()));
    QVERIFY2(first->ok(), qPrintable(first->error().message));
    const auto head = wait(api.blobHead(hash));
    QCOMPARE(head->httpStatus(), 404);
    QCOMPARE(head->rawHeader("Upload-Offset").toLongLong(), sync::ApiClient::ChunkSize);

    const sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.uploadedAttachments, 1);
    QCOMPARE(result.parked, 0);
    QCOMPARE(result.pushed, 3);
    // Only what the server did not have yet was sent again.
    QVERIFY2(result.bytesSent < scan.size() - sync::ApiClient::ChunkSize / 2,
             qPrintable(QString::number(result.bytesSent)));
    QCOMPARE(wait(api.blobHead(hash))->httpStatus(), 200);
}

void TstSyncEndToEnd::adminSyncReportsFailureInOneLine()
{
    m_village->newRoutedCase();
    QProcess admin;
    admin.start(adminPath(),
                {QStringLiteral("sync"), QStringLiteral("--data-dir"), m_village->directory,
                 QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("--user"),
                 QStringLiteral("agent-v")});
    QVERIFY(admin.waitForStarted());
    admin.write("not the password\n");
    admin.closeWriteChannel();
    QVERIFY(admin.waitForFinished(60000));
    QCOMPARE(admin.exitCode(), 3);
    const QString error = QString::fromUtf8(admin.readAllStandardError()).trimmed();
    QVERIFY2(!error.isEmpty() && !error.contains(u'\n'), qPrintable(error));
    QVERIFY(admin.readAllStandardOutput().isEmpty());
    // Nothing was sent.
    QCOMPARE(storage::OutboxRepository(m_village->db()).pendingCount(), 3);

    // With the right password from standard input it syncs.
    admin.start(adminPath(), admin.arguments());
    QVERIFY(admin.waitForStarted());
    admin.write(kPassword.toUtf8() + "\n");
    admin.closeWriteChannel();
    QVERIFY(admin.waitForFinished(60000));
    QVERIFY2(admin.exitCode() == 0, admin.readAllStandardError().constData());
    const QString summary = QString::fromUtf8(admin.readAllStandardOutput()).trimmed();
    QVERIFY2(!summary.isEmpty() && !summary.contains(u'\n'), qPrintable(summary));
    QCOMPARE(storage::OutboxRepository(m_village->db()).count(), 0);
}

void TstSyncEndToEnd::killedSyncLosesAndDuplicatesNothing()
{
    QStringList caseIds;
    storage::AttachmentRepository attachments(m_village->db());
    for (int i = 0; i < 40; ++i) {
        QJsonArray cited;
        if (i % 10 == 0) {
            QByteArray scan(600 * 1024, char('a' + i / 10));
            cited.append(attachments.put(scan + QByteArray::number(i), QStringLiteral("image/jpeg")));
        }
        caseIds.append(m_village->newRoutedCase(cited));
    }
    const QSet<QString> recorded = m_village->eventIds();
    QCOMPARE(recorded.size(), 120);
    QFile passwordFile(m_dir->filePath(QStringLiteral("password")));
    QVERIFY(passwordFile.open(QIODevice::WriteOnly));
    passwordFile.write(kPassword.toUtf8());
    passwordFile.close();
    const QStringList arguments {
        QStringLiteral("--lang"),   QStringLiteral("en"),
        QStringLiteral("sync"),     QStringLiteral("--data-dir"),      m_village->directory,
        QStringLiteral("--server"), m_server->url().toString(),        QStringLiteral("--user"),
        QStringLiteral("agent-v"),  QStringLiteral("--password-file"), passwordFile.fileName()};

    // Killed like a power cut, at different moments of a run that has started.
    storage::SyncStateRepository history(m_village->db());
    int cutOff = 0;
    for (int delay : {0, 20, 60, 120, 250}) {
        const qint64 before = history.syncRuns(1).value(0).id;
        QProcess admin;
        admin.start(adminPath(), arguments);
        QVERIFY(admin.waitForStarted());
        QDeadlineTimer deadline(20000);
        while (history.syncRuns(1).value(0).id == before && admin.state() == QProcess::Running
               && !deadline.hasExpired())
            QTest::qWait(2);
        QTest::qWait(delay);
        admin.kill();
        admin.waitForFinished();
        if (history.syncRuns(1).value(0).outcome == storage::SyncRunRecord::Outcome::Running)
            ++cutOff;
    }
    // The history shows the runs that never finished.
    QVERIFY2(cutOff >= 2, qPrintable(QString::number(cutOff)));
    QProcess admin;
    admin.start(adminPath(), arguments);
    QVERIFY(admin.waitForFinished(120000));
    const QString output = QString::fromUtf8(admin.readAllStandardOutput());
    QVERIFY2(admin.exitCode() == 0, qPrintable(output + QString::fromUtf8(admin.readAllStandardError())));
    QVERIFY2(output.contains(QLatin1String("0 parked")), qPrintable(output));

    // Every event exactly once on the server ...
    QMap<QString, int> seen;
    for (const QJsonObject &event : pullAll(m_village->session))
        ++seen[event.value(QStringLiteral("id")).toString()];
    QCOMPARE(seen.size(), recorded.size());
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
        QVERIFY(recorded.contains(it.key()));
    }
    // ... nothing left or parked at the village, nothing lost there ...
    QCOMPARE(storage::OutboxRepository(m_village->db()).count(), 0);
    QCOMPARE(m_village->eventIds(), recorded);
    for (const auto &upload : attachments.uploads(storage::UploadState::Pending))
        QFAIL(qPrintable(upload.sha256));
    // ... and exactly once at the county.
    const sync::SyncResult county = m_county->syncOnce();
    QVERIFY2(county.ok(), qPrintable(county.error));
    QCOMPARE(county.pulled, 120);
    storage::EventRepository countyEvents(m_county->db());
    QCOMPARE(countyEvents.count(), 120);
    for (const QString &caseId : std::as_const(caseIds))
        QCOMPARE(m_county->stateOf(caseId), status(cases::CaseStatus::UnderReview));
}

void TstSyncEndToEnd::serverKilledMidPushLosesAndDuplicatesNothing()
{
    QFETCH_GLOBAL(bool, postgres);
    for (int i = 0; i < 50; ++i)
        m_village->newRoutedCase();
    const QSet<QString> recorded = m_village->eventIds();
    QCOMPARE(recorded.size(), 150);

    // The server dies (power cut) while the village is pushing in small batches.
    sync::SyncOptions options;
    options.pushBatchSize = 10;
    {
        sync::SyncEngine engine(sync::storeDirectoryConnection(m_village->directory), options);
        engine.setSession(m_village->session);
        QSignalSpy finished(&engine, &sync::SyncEngine::runFinished);
        bool killed = false;
        connect(&engine, &sync::SyncEngine::progress, this, [&](const sync::SyncProgress &progress) {
            if (!killed && progress.pushed >= 20) {
                killed = true;
                m_server->kill();
            }
        });
        engine.start();
        QVERIFY(finished.wait(60000));
        QVERIFY(killed);
        QVERIFY(!finished.first().first().value<sync::SyncResult>().ok());
        engine.stop();
    }
    const qint64 waiting = storage::OutboxRepository(m_village->db()).pendingCount();
    QVERIFY2(waiting > 0 && waiting < 150, qPrintable(QString::number(waiting)));

    // Restarted on the same database (on another port); the next sync completes.
    QStringList arguments;
    if (postgres)
        arguments << QStringLiteral("--database") << m_config.databaseUrl;
    QVERIFY2(m_server->start(m_config.dataDir, arguments), qPrintable(m_server->error()));
    m_village->session.serverUrl = m_server->url();
    m_county->session.serverUrl = m_server->url();
    const sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.parked, 0);
    QCOMPARE(result.pendingLeft, 0);

    // Every event exactly once on the server and at the county.
    QMap<QString, int> seen;
    for (const QJsonObject &event : pullAll(m_village->session))
        ++seen[event.value(QStringLiteral("id")).toString()];
    QCOMPARE(seen.size(), recorded.size());
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        QVERIFY2(it.value() == 1 && recorded.contains(it.key()), qPrintable(it.key()));
    const sync::SyncResult county = m_county->syncOnce();
    QVERIFY2(county.ok(), qPrintable(county.error));
    QCOMPARE(county.pulled, 150);
}

void TstSyncEndToEnd::resyncStartsOverWithoutDuplicates()
{
    m_village->newRoutedCase();
    QVERIFY(m_village->syncOnce().ok());
    QVERIFY(m_county->syncOnce().ok());
    storage::EventRepository events(m_county->db());
    QCOMPARE(events.count(), 3);
    // A cursor beyond what the server holds now: it answers 410 resync_required.
    QVERIFY(storage::SyncStateRepository(m_county->db())
                .setCursor(QStringLiteral("events"), QStringLiteral("999999.999999")));
    m_village->newRoutedCase();
    QVERIFY(m_village->syncOnce().ok());
    const sync::SyncResult result = m_county->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pulled, 3);
    QCOMPARE(events.count(), 6);
}

void TstSyncEndToEnd::rewrittenHistoryHaltsSync()
{
    m_village->newRoutedCase();
    QVERIFY(m_village->syncOnce().ok());
    storage::SyncStateRepository state(m_village->db());
    const auto verified = state.verifiedTreeHead();
    QVERIFY(verified.has_value());
    QCOMPARE(verified->size, 3);

    // What this workstation verified is not a prefix of what the server shows
    // now: as if the server had rewritten its first events.
    storage::TreeHeadRecord other = *verified;
    other.size = 2;
    other.rootHash
        = QString::fromLatin1(QCryptographicHash::hash("another past", QCryptographicHash::Sha256).toHex());
    QVERIFY(state.setVerifiedTreeHead(other));
    m_village->newRoutedCase();

    sync::SyncEngine engine(sync::storeDirectoryConnection(m_village->directory));
    engine.setSession(m_village->session);
    QSignalSpy finished(&engine, &sync::SyncEngine::runFinished);
    engine.start();
    QVERIFY(finished.wait(30000));
    auto result = finished.first().first().value<sync::SyncResult>();
    QCOMPARE(result.outcome, sync::SyncResult::Outcome::HistoryRewritten);
    QVERIFY2(result.error.contains(QLatin1String("history was rewritten")), qPrintable(result.error));
    QTRY_COMPARE(engine.state(), sync::SyncEngine::State::Halted);
    // The stored head is not replaced by the one that failed the check.
    QCOMPARE(state.verifiedTreeHead()->rootHash, other.rootHash);
    const auto runs = state.syncRuns(1);
    QCOMPARE(runs.first().outcome, storage::SyncRunRecord::Outcome::Failed);
    QCOMPARE(runs.first().error, result.error);

    // Only an explicit request runs again, and it stops the same way.
    engine.syncNow();
    QVERIFY(finished.wait(30000));
    result = finished.last().first().value<sync::SyncResult>();
    QCOMPARE(result.outcome, sync::SyncResult::Outcome::HistoryRewritten);
    QTRY_COMPARE(engine.state(), sync::SyncEngine::State::Halted);
}

// The workstation is closed while its engine is syncing.
void TstSyncEndToEnd::engineClosedMidRunLosesNothing()
{
    for (int i = 0; i < 30; ++i)
        m_village->newRoutedCase();
    const QSet<QString> recorded = m_village->eventIds();
    for (int delay : {0, 40}) {
        sync::SyncEngine engine(sync::storeDirectoryConnection(m_village->directory));
        engine.setSession(m_village->session);
        QSignalSpy started(&engine, &sync::SyncEngine::runStarted);
        engine.start();
        QVERIFY(started.wait(30000));
        QTest::qWait(delay);
    }
    const sync::SyncResult result = m_village->syncOnce();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(storage::OutboxRepository(m_village->db()).count(), 0);
    QSet<QString> onServer;
    for (const QJsonObject &event : pullAll(m_village->session)) {
        const QString id = event.value(QStringLiteral("id")).toString();
        QVERIFY2(!onServer.contains(id), qPrintable(id));
        onServer.insert(id);
    }
    QCOMPARE(onServer, recorded);
}

void TstSyncEndToEnd::runsPeriodicallyAndWhenTheServerIsBack()
{
    // Periodic runs.
    {
        sync::SyncOptions options;
        options.intervalMs = 200;
        sync::SyncEngine engine(sync::storeDirectoryConnection(m_village->directory), options);
        engine.setSession(m_village->session);
        QSignalSpy finished(&engine, &sync::SyncEngine::runFinished);
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 3, 20000);
        for (const auto &arguments : finished)
            QVERIFY(arguments.first().value<sync::SyncResult>().ok());
        engine.stop();
        QTRY_COMPARE(engine.state(), sync::SyncEngine::State::Stopped);
    }

    // A case recorded while the link was down is sent as soon as it is back.
    sync::SyncOptions options;
    options.intervalMs = 3'600'000;
    sync::SyncEngine engine(sync::storeDirectoryConnection(m_village->directory), options);
    engine.setSession(m_village->session);
    sync::ConnectionMonitor monitor;
    monitor.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:1/")));
    monitor.probe();
    QTRY_COMPARE(monitor.state(), sync::ConnectionMonitor::State::Offline);
    engine.setConnectionMonitor(&monitor);
    QSignalSpy finished(&engine, &sync::SyncEngine::runFinished);
    engine.start();
    QVERIFY(finished.wait(30000));
    QTRY_COMPARE(engine.state(), sync::SyncEngine::State::Idle);
    m_village->newRoutedCase();
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1); // the next periodic run is an hour away

    monitor.setServerUrl(m_server->url());
    monitor.probe();
    QTRY_COMPARE(monitor.state(), sync::ConnectionMonitor::State::Online);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
    const auto result = finished.last().first().value<sync::SyncResult>();
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.pushed, 3);
    QCOMPARE(storage::OutboxRepository(m_village->db()).count(), 0);
}

QTEST_GUILESS_MAIN(TstSyncEndToEnd)
#include "tst_sync_endtoend.moc"
