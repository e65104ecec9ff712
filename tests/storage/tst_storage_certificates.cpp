// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Certificates and printing (打证) in the workstation's store: the print
// queue of an office (异地打证), the print log kept with the case, the
// verification code sync stores, and the pre-printed certificate paper
// (套打纸) that can be printed on once.
#include "dbtestutil.h"

#include "ow/storage/casejournal.h"
#include "ow/storage/certificaterepository.h"
#include "ow/storage/stockrepository.h"
#include "ow/test/tempdatadir.h"

#include <ow/cases/casenumber.h>
#include <ow/core/uuid.h>

#include <QJsonArray>
#include <QTest>

using namespace ow::storage;
using namespace ow::test::db;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;

namespace {

const QString connection = QStringLiteral("certificates");
const QString countyDevice = QStringLiteral("0193a6b4-1d00-7000-8000-00000000c001");
const QString villageDevice = QStringLiteral("0193a6b4-1d00-7000-8000-00000000b001");
const QString county = QStringLiteral("330100"); // the county centre that decides
const QString village = QStringLiteral("330102001"); // a village office that prints (office B)
const QString market = QStringLiteral("市场监管局");
const QString foodLicence = QStringLiteral("food-business-licence");

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}

Event draft(const QString &caseId, EventType type, const QDateTime &at, const QJsonObject &payload,
            const QString &user)
{
    ow::cases::Actor actor;
    actor.userId = user;
    return Event::make(caseId, type, actor, payload, at);
}

QJsonObject plainPrint(const QString &certificateId)
{
    return {{QStringLiteral("certificateId"), certificateId},
            {QStringLiteral("printer"), QStringLiteral("HP LaserJet M403")},
            {QStringLiteral("mode"), QStringLiteral("plain")},
            {QStringLiteral("reprint"), false},
            {QStringLiteral("spoiled"), false}};
}

QJsonObject stockPrint(const QString &certificateId, const QString &serial, bool spoiled = false)
{
    QJsonObject payload = plainPrint(certificateId);
    payload.insert(QStringLiteral("mode"), QStringLiteral("stock"));
    payload.insert(QStringLiteral("stockSerial"), serial);
    payload.insert(QStringLiteral("spoiled"), spoiled);
    return payload;
}

StockRange range(const QString &id, const QString &office, qint64 first, qint64 last,
                 const QString &type = QString())
{
    StockRange r;
    r.rangeId = id;
    r.office = office;
    r.certificateType = type;
    r.prefix = QStringLiteral("SC");
    r.first = first;
    r.last = last;
    r.issuedAt = utc(1, 8);
    return r;
}

} // namespace

class TstStorageCertificates : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void producedForOfficeBIsInBsQueueNotAs();
    void printedLeavesTheQueue();
    void reprintWithoutReasonIsRefused();
    void stockSerialsUsedVoidedOrNotIssuedAreRefused();
    void nextFreeSkipsUsedSerials();
    void refusedPrintFreesItsSerial();
    void verificationCodeIsKeptThroughRebuilds();
    void badStockFromServerChangesNothing();

private:
    bool record(CaseJournal &journal, const QString &caseId, EventType type, const QDateTime &at,
                const QJsonObject &payload = {}, Role role = Role::Clerk,
                const QString &user = QStringLiteral("clerk-07"), QString *message = nullptr);
    // A case decided at the county whose certificate `certificateId` is
    // produced on `day`, printed at `printOffice` (none: the county's own).
    QString certifiedCase(int serial, int day, const QString &certificateId, const QString &holder,
                          const QString &printOffice = QString());

    QSqlDatabase m_db;
    std::unique_ptr<ow::test::TempDataDir> m_dir;
    std::unique_ptr<CaseJournal> m_county;
    std::unique_ptr<CaseJournal> m_village;
};

void TstStorageCertificates::init()
{
    m_dir = std::make_unique<ow::test::TempDataDir>();
    auto opened = openStore(m_dir->filePath(QStringLiteral("store.db")), randomKey(), connection,
                            Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    m_county = std::make_unique<CaseJournal>(m_db, CaseJournal::Identity {countyDevice, county});
    m_village = std::make_unique<CaseJournal>(m_db, CaseJournal::Identity {villageDevice, village});
}

void TstStorageCertificates::cleanup()
{
    m_county.reset();
    m_village.reset();
    m_db = QSqlDatabase();
    Database::close(connection);
    m_dir.reset();
}

bool TstStorageCertificates::record(CaseJournal &journal, const QString &caseId, EventType type,
                                    const QDateTime &at, const QJsonObject &payload, Role role,
                                    const QString &user, QString *message)
{
    const CaseJournal::Result result = journal.record(draft(caseId, type, at, payload, user), role);
    if (message)
        *message = result.message;
    else if (!result.isValid())
        qWarning().noquote() << result.message;
    return result.isValid();
}

QString TstStorageCertificates::certifiedCase(int serial, int day, const QString &certificateId,
                                              const QString &holder, const QString &printOffice)
{
    const QString caseId = ow::core::Uuid::createV7String();
    const QJsonObject created {
        {QStringLiteral("caseNumber"),
         ow::cases::CaseNumber::make(county, QDate(2026, 11, day), QStringLiteral("D07"), serial)
             ->toString()},
        {QStringLiteral("applicant"), QJsonObject {{QStringLiteral("name"), holder}}},
        {QStringLiteral("items"),
         QJsonArray {QJsonObject {{QStringLiteral("code"), QStringLiteral("SC-1")},
                                  {QStringLiteral("name"), QStringLiteral("食品经营许可")},
                                  {QStringLiteral("department"), market},
                                  {QStringLiteral("legalDays"), 20},
                                  {QStringLiteral("promisedDays"), 5},
                                  {QStringLiteral("producesCertificate"), true}}}}};
    if (!record(*m_county, caseId, EventType::Created, utc(day, 1), created)
        || !record(*m_county, caseId, EventType::Accepted, utc(day, 2)))
        return {};
    const auto plan = m_county->state(caseId).defaultRouting();
    if (!plan || !record(*m_county, caseId, EventType::Routed, utc(day, 3), plan->toJson()))
        return {};
    if (!record(
            *m_county, caseId, EventType::Opinion, utc(day, 4),
            {{QStringLiteral("department"), market}, {QStringLiteral("decision"), QStringLiteral("approve")}},
            Role::Reviewer, QStringLiteral("reviewer-li"))
        || !record(*m_county, caseId, EventType::Approved, utc(day, 5), {}, Role::Reviewer,
                   QStringLiteral("reviewer-li")))
        return {};
    QJsonObject certificate {
        {QStringLiteral("certificateId"), certificateId},
        {QStringLiteral("number"), QStringLiteral("JY1330100%1").arg(serial, 6, 10, QLatin1Char('0'))},
        {QStringLiteral("itemCode"), QStringLiteral("SC-1")},
        {QStringLiteral("itemName"), QStringLiteral("食品经营许可")},
        {QStringLiteral("certificateType"), foodLicence},
        {QStringLiteral("name"), QStringLiteral("食品经营许可证")},
        {QStringLiteral("templateId"), QStringLiteral("food-business-licence")},
        {QStringLiteral("holder"),
         QJsonObject {{QStringLiteral("name"), holder},
                      {QStringLiteral("idNumber"), QStringLiteral("91330100MA2KXXXX1X")}}},
        {QStringLiteral("issuedBy"), market},
        {QStringLiteral("issuedAt"), QStringLiteral("2026-11-%1").arg(day, 2, 10, QLatin1Char('0'))}};
    if (!printOffice.isEmpty())
        certificate.insert(QStringLiteral("printOffice"), printOffice);
    if (!record(*m_county, caseId, EventType::CertificateProduced, utc(day, 6), certificate, Role::Reviewer,
                QStringLiteral("reviewer-li")))
        return {};
    return caseId;
}

// 异地打证: a certificate decided at the county for the village office is in
// the village's queue and not in the county's; one naming no office is the county's.
void TstStorageCertificates::producedForOfficeBIsInBsQueueNotAs()
{
    const QString remote
        = certifiedCase(1, 10, QStringLiteral("ZS-2026-000001"), QStringLiteral("王五"), village);
    const QString local = certifiedCase(2, 11, QStringLiteral("ZS-2026-000002"), QStringLiteral("赵六"));
    QVERIFY(!remote.isEmpty() && !local.isEmpty());

    CertificateRepository certificates(m_db);
    const QList<CertificateRow> villageQueue = certificates.printQueue({village});
    QVERIFY2(certificates.lastError().isEmpty(), qPrintable(certificates.lastError()));
    QCOMPARE(villageQueue.size(), 1);
    const CertificateRow &row = villageQueue.first();
    QCOMPARE(row.certificateId, QStringLiteral("ZS-2026-000001"));
    QCOMPARE(row.caseId, remote);
    QCOMPARE(row.caseNumber, m_county->state(remote).caseNumber);
    QCOMPARE(row.holderName, QStringLiteral("王五"));
    QCOMPARE(row.holderId, QStringLiteral("91330100MA2KXXXX1X"));
    QCOMPARE(row.name, QStringLiteral("食品经营许可证"));
    QCOMPARE(row.certificateType, foodLicence);
    QCOMPARE(row.issuingOffice, county);
    QCOMPARE(row.printOffice, village);
    QCOMPARE(row.producedAt, utc(10, 6));
    QCOMPARE(row.record.value(QStringLiteral("issuedBy")).toString(), market);
    QCOMPARE(row.printCount, 0);
    QVERIFY(!row.isSigned()); // 待签发 until a sync brings the server's code

    const QList<CertificateRow> countyQueue = certificates.printQueue({county});
    QCOMPARE(countyQueue.size(), 1);
    QCOMPARE(countyQueue.first().certificateId, QStringLiteral("ZS-2026-000002"));
    QCOMPARE(countyQueue.first().printOffice, county);

    // The text filter: holder, case number or certificate number.
    PrintQueueFilter byHolder {village};
    byHolder.text = QStringLiteral("王五");
    QCOMPARE(certificates.printQueue(byHolder).size(), 1);
    byHolder.text = QStringLiteral("赵六");
    QCOMPARE(certificates.printQueue(byHolder).size(), 0);
    PrintQueueFilter byNumber {county};
    byNumber.text = QStringLiteral("jy1330100000002");
    QCOMPARE(certificates.printQueue(byNumber).size(), 1);

    QCOMPARE(certificates.forCase(remote).size(), 1);
    QVERIFY(certificates.find(QStringLiteral("ZS-2026-000002")).has_value());
    QVERIFY(!certificates.find(QStringLiteral("ZS-2026-999999")).has_value());
    QVERIFY(certificates.lastError().isEmpty());
    QVERIFY(certificates.printQueue({QString()}).isEmpty());
    QVERIFY(!certificates.lastError().isEmpty());
}

void TstStorageCertificates::printedLeavesTheQueue()
{
    const QString caseId
        = certifiedCase(1, 10, QStringLiteral("ZS-2026-000001"), QStringLiteral("王五"), village);
    QVERIFY(!caseId.isEmpty());
    CertificateRepository certificates(m_db);

    // The sheet jams: voided, and the certificate still waits for its print.
    QJsonObject jammed = plainPrint(QStringLiteral("ZS-2026-000001"));
    jammed.insert(QStringLiteral("spoiled"), true);
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 9), jammed));
    QCOMPARE(certificates.printQueue({village}).size(), 1);
    QCOMPARE(certificates.find(QStringLiteral("ZS-2026-000001"))->printCount, 0);

    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 10),
                   plainPrint(QStringLiteral("ZS-2026-000001")), Role::Agent, QStringLiteral("agent-chen")));
    QVERIFY(certificates.printQueue({village}).isEmpty());
    PrintQueueFilter all {village};
    all.includePrinted = true;
    const QList<CertificateRow> rows = certificates.printQueue(all);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().printCount, 1);
    QCOMPARE(rows.first().lastPrintedBy, QStringLiteral("agent-chen"));
    QCOMPARE(rows.first().lastPrintedAt, utc(12, 10));
    QCOMPARE(m_village->state(caseId).printCount, 1);
    QCOMPARE(m_village->state(caseId).printedCertificateIds, QStringList {QStringLiteral("ZS-2026-000001")});
}

void TstStorageCertificates::reprintWithoutReasonIsRefused()
{
    const QString id = QStringLiteral("ZS-2026-000001");
    const QString caseId = certifiedCase(1, 10, id, QStringLiteral("王五"), village);
    QVERIFY(!caseId.isEmpty());
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 10), plainPrint(id)));
    const qint64 events = m_village->events(caseId).size();

    QString message;
    QJsonObject reprint = plainPrint(id);
    reprint.insert(QStringLiteral("reprint"), true);
    QVERIFY(!record(*m_village, caseId, EventType::Printed, utc(12, 11), reprint, Role::Clerk,
                    QStringLiteral("clerk-07"), &message));
    QVERIFY2(message.contains(QStringLiteral("reason")), qPrintable(message));
    // A second print that does not say it is a reprint is refused too.
    QVERIFY(!record(*m_village, caseId, EventType::Printed, utc(12, 11), plainPrint(id), Role::Clerk,
                    QStringLiteral("clerk-07"), &message));
    QVERIFY2(message.contains(QStringLiteral("reprint")), qPrintable(message));
    QCOMPARE(m_village->events(caseId).size(), events);
    CertificateRepository certificates(m_db);
    QCOMPARE(certificates.find(id)->printCount, 1);

    reprint.insert(QStringLiteral("reason"), QStringLiteral("原证污损"));
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 12), reprint));
    QCOMPARE(certificates.find(id)->printCount, 2);
}

void TstStorageCertificates::stockSerialsUsedVoidedOrNotIssuedAreRefused()
{
    StockRepository stock(m_db);
    QVERIFY2(stock.replaceFromServer(village, {range(QStringLiteral("r1"), village, 451, 460, foodLicence)},
                                     {QStringLiteral("SC0000452")}, {QStringLiteral("SC0000455")}),
             qPrintable(stock.lastError()));
    QCOMPARE(stock.ranges(village).size(), 1);
    QCOMPARE(stock.ranges(village).first().serial(451), QStringLiteral("SC0000451"));
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::None);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000452")), StockSerialProblem::Used);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000455")), StockSerialProblem::Voided);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000461")), StockSerialProblem::NotIssued);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC451")), StockSerialProblem::NotIssued);
    QCOMPARE(stock.check(county, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::NotIssued);
    QCOMPARE(stock.check(village, QStringLiteral("marriage-certificate"), QStringLiteral("SC0000451")),
             StockSerialProblem::NotIssued);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("废纸")), StockSerialProblem::Malformed);
    QCOMPARE(stock.check(village, foodLicence, QString()), StockSerialProblem::Malformed);

    // Printed here, offline: the sheet is used at once.
    const QString id = QStringLiteral("ZS-2026-000001");
    const QString caseId = certifiedCase(1, 10, id, QStringLiteral("王五"), village);
    QVERIFY(!caseId.isEmpty());
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 10),
                   stockPrint(id, QStringLiteral("SC0000451"))));
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::Used);
    CertificateRepository certificates(m_db);
    QCOMPARE(certificates.find(id)->lastStockSerial, QStringLiteral("SC0000451"));
    // A spoiled sheet is voided.
    QJsonObject jammed = stockPrint(id, QStringLiteral("SC0000453"), true);
    jammed.insert(QStringLiteral("reprint"), true);
    jammed.insert(QStringLiteral("reason"), QStringLiteral("原证污损"));
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 11), jammed));
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000453")), StockSerialProblem::Voided);
    QCOMPARE(certificates.find(id)->printCount, 1);

    // The server's next list does not know the local prints yet: they stay used.
    QVERIFY(stock.replaceFromServer(village, {range(QStringLiteral("r1"), village, 451, 460, foodLicence)},
                                    {}, {}));
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::Used);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000453")), StockSerialProblem::Voided);
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000452")), StockSerialProblem::None);

    const QString used = StockRepository::describe(StockSerialProblem::Used, QStringLiteral("SC0000451"));
    QVERIFY2(used.contains(QStringLiteral("SC0000451")) && used.contains(QStringLiteral("used")),
             qPrintable(used));
    QVERIFY(StockRepository::describe(StockSerialProblem::NotIssued, QStringLiteral("SC9")).contains(u"SC9"));
    QVERIFY(StockRepository::describe(StockSerialProblem::None, QStringLiteral("SC9")).isEmpty());
}

void TstStorageCertificates::nextFreeSkipsUsedSerials()
{
    StockRepository stock(m_db);
    QVERIFY(stock.replaceFromServer(
        village,
        {range(QStringLiteral("r1"), village, 451, 455), range(QStringLiteral("r2"), village, 900, 901)},
        {QStringLiteral("SC0000451"), QStringLiteral("SC0000452")}, {QStringLiteral("SC0000454")}));
    QCOMPARE(stock.nextFree(village, foodLicence), std::optional<QString>(QStringLiteral("SC0000453")));
    QCOMPARE(stock.remaining(village, foodLicence), qint64(4));

    const QString id = QStringLiteral("ZS-2026-000001");
    const QString caseId = certifiedCase(1, 10, id, QStringLiteral("王五"), village);
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 10),
                   stockPrint(id, QStringLiteral("SC0000453"))));
    QCOMPARE(stock.nextFree(village, foodLicence), std::optional<QString>(QStringLiteral("SC0000455")));
    // Each further certificate of a batch: the next free one after the last.
    QCOMPARE(stock.nextFree(village, foodLicence, QStringLiteral("SC0000456")),
             std::optional<QString>(QStringLiteral("SC0000900")));
    QCOMPARE(stock.remaining(village, foodLicence), qint64(3));
    QVERIFY(stock.replaceFromServer(
        village, {range(QStringLiteral("r1"), village, 451, 455)},
        {QStringLiteral("SC0000451"), QStringLiteral("SC0000452"), QStringLiteral("SC0000455")},
        {QStringLiteral("SC0000454")}));
    QCOMPARE(stock.nextFree(village, foodLicence), std::nullopt); // used up
    QCOMPARE(stock.remaining(village, foodLicence), qint64(0));
    QCOMPARE(stock.nextFree(county, foodLicence), std::nullopt);
}

// The server refuses a print (the serial was used at another window first):
// the print leaves the case's log and the serial is not used by it.
void TstStorageCertificates::refusedPrintFreesItsSerial()
{
    StockRepository stock(m_db);
    QVERIFY(stock.replaceFromServer(village, {range(QStringLiteral("r1"), village, 451, 460)}, {}, {}));
    const QString id = QStringLiteral("ZS-2026-000001");
    const QString caseId = certifiedCase(1, 10, id, QStringLiteral("王五"), village);
    const CaseJournal::Result printed
        = m_village->record(draft(caseId, EventType::Printed, utc(12, 10),
                                  stockPrint(id, QStringLiteral("SC0000451")), QStringLiteral("clerk-07")),
                            Role::Clerk);
    QVERIFY(printed.isValid());
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::Used);

    QVERIFY2(m_village->reject({printed.event->id, QStringLiteral("stock_serial_used"),
                                QStringLiteral("套打纸编号 SC0000451 已使用"), utc(12, 11)}),
             qPrintable(m_village->lastError()));
    CertificateRepository certificates(m_db);
    QCOMPARE(certificates.find(id)->printCount, 0);
    QCOMPARE(certificates.printQueue({village}).size(), 1);
    // Free as far as this store knows; the server's list says whether another window used it.
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::None);
    QVERIFY(stock.replaceFromServer(village, {range(QStringLiteral("r1"), village, 451, 460)},
                                    {QStringLiteral("SC0000451")}, {}));
    QCOMPARE(stock.check(village, foodLicence, QStringLiteral("SC0000451")), StockSerialProblem::Used);
}

void TstStorageCertificates::verificationCodeIsKeptThroughRebuilds()
{
    const QString id = QStringLiteral("ZS-2026-000001");
    const QString caseId = certifiedCase(1, 10, id, QStringLiteral("王五"), village);
    CertificateRepository certificates(m_db);
    const QString code = QStringLiteral("OW1:eyJpZCI6IlpTLTIwMjYtMDAwMDAxIn0.c2lnbmF0dXJl");
    QVERIFY2(certificates.setVerificationCode(id, code), qPrintable(certificates.lastError()));
    QCOMPARE(certificates.find(id)->verificationCode, code);
    QVERIFY(certificates.find(id)->isSigned());
    // A print rewrites the row; the code stays.
    QVERIFY(record(*m_village, caseId, EventType::Printed, utc(12, 10), plainPrint(id)));
    QVERIFY(m_village->rebuildProjection(caseId));
    QCOMPARE(certificates.find(id)->verificationCode, code);
    QCOMPARE(certificates.find(id)->printCount, 1);

    QVERIFY(!certificates.setVerificationCode(QStringLiteral("ZS-2026-999999"), code));
    QVERIFY2(certificates.lastError().contains(QStringLiteral("ZS-2026-999999")),
             qPrintable(certificates.lastError()));
}

void TstStorageCertificates::badStockFromServerChangesNothing()
{
    StockRepository stock(m_db);
    QVERIFY(stock.replaceFromServer(village, {range(QStringLiteral("r1"), village, 451, 460)}, {}, {}));
    StockRange backwards = range(QStringLiteral("r2"), village, 500, 400);
    QVERIFY(!stock.replaceFromServer(village, {backwards}, {}, {}));
    QVERIFY(!stock.lastError().isEmpty());
    QCOMPARE(stock.ranges(village).size(), 1);
    QVERIFY(!stock.replaceFromServer(QString(), {}, {}, {}));
    QCOMPARE(stock.offices(), QStringList {village});
}

QTEST_GUILESS_MAIN(TstStorageCertificates)
#include "tst_storage_certificates.moc"
