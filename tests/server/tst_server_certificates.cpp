// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Certificates on the central server: the server signs each produced
// certificate with its authority key (the code comes back in the push result
// and the pull envelope, the public key with the catalogue), /verify tells
// genuine, forged, revoked and unknown apart, and the print log refuses stock
// serials that were not issued to the office, or used, or voided.

#include "tst_server_events_support.h"

#include <ow/core/canonicaljson.h>
#include <ow/core/uuid.h>
#include <ow/printing/certificatecode.h>
#include <ow/server/directory.h>
#include <ow/test/fixtures.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

using namespace ow::test::log;
using ow::cases::Event;
using ow::cases::EventType;
using ow::cases::Role;
using ow::printing::AuthorityKey;
using ow::printing::AuthorityPublicKeys;
using ow::printing::CertificateCode;
using ow::printing::CertificateKeyFields;

namespace {

const QString kAuthority = QStringLiteral("demo-centre-2026");

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonArray results(const Reply &reply)
{
    return reply.json.value(QStringLiteral("results")).toArray();
}

QString status(const QJsonValue &result)
{
    return result[QStringLiteral("status")].toString();
}

QJsonObject printedPayload(const QString &certificateId, const QString &serial, bool reprint = false,
                           bool spoiled = false)
{
    QJsonObject payload {
        {QStringLiteral("certificateId"), certificateId},
        {QStringLiteral("printer"),
         serial.isEmpty() ? QStringLiteral("PDF") : QStringLiteral("HP LaserJet M403")},
        {QStringLiteral("mode"), serial.isEmpty() ? QStringLiteral("plain") : QStringLiteral("stock")},
        {QStringLiteral("reprint"), reprint},
        {QStringLiteral("spoiled"), spoiled}};
    if (!serial.isEmpty())
        payload.insert(QStringLiteral("stockSerial"), serial);
    if (reprint)
        payload.insert(QStringLiteral("reason"), QStringLiteral("原证污损"));
    return payload;
}

// A code stating `fields` with the signature part of `code` (what a forger who changed a detail holds).
QString withChangedFields(const QString &code, const CertificateKeyFields &fields)
{
    const QString signature = code.section(QLatin1Char('.'), 1);
    const QByteArray payload = *ow::core::CanonicalJson::toBytes(fields.toJson());
    return CertificateCode::prefix()
        + QString::fromLatin1(
               payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + QLatin1Char('.') + signature;
}

} // namespace

class TestServerCertificates : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_bed = std::make_unique<Bed>(); }
    void cleanup()
    {
        m_clerk.reset();
        m_reviewer.reset();
        m_bed.reset();
    }
    void signingOptionsAreCheckedAtStart();
    void signedCodesVerifyAndCanBeRevoked_data() { addBackendRows(); }
    void signedCodesVerifyAndCanBeRevoked();
    void certificateWithoutKeyIsSignedOnRequest_data() { addBackendRows(); }
    void certificateWithoutKeyIsSignedOnRequest();
    void stockSerialsArePrintedOnce_data() { addBackendRows(); }
    void stockSerialsArePrintedOnce();

private:
    void prepare(bool postgres);
    void importDemoCatalog();
    // A case of clerk-a approved at the county; returns the certificate-produced
    // push reply (its events in `events` when given).
    Reply certifiedCase(const QString &certificateId, QList<Event> *events = nullptr);
    Reply push(Device &device, const QList<Event> &events)
    {
        return request("POST", m_bed->api(QStringLiteral("events")), pushBody(device.id(), events),
                       device.user().token);
    }
    Reply verify(const QString &certificateId, const QString &code = {})
    {
        QUrl url = m_bed->api(QStringLiteral("verify/") + certificateId);
        if (!code.isEmpty()) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("code"), QString::fromLatin1(QUrl::toPercentEncoding(code)));
            url.setQuery(query);
        }
        return request("GET", url);
    }
    int admin(const QStringList &arguments, QByteArray *output = nullptr);

    std::unique_ptr<Bed> m_bed;
    std::unique_ptr<Device> m_clerk;
    std::unique_ptr<Device> m_reviewer;
};

void TestServerCertificates::prepare(bool postgres)
{
    if (postgres) {
        const QString problem = ow::test::postgresProblem();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY(m_bed->prepare(postgres));
}

void TestServerCertificates::importDemoCatalog()
{
    QFile file(ow::test::sourcePath(QStringLiteral("resources/catalog/demo-catalog.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray document = file.readAll();
    const QString version
        = QJsonDocument::fromJson(document).object().value(QStringLiteral("version")).toString();
    ow::server::Directory directory;
    QString error;
    QVERIFY2(directory.open(m_bed->config(), &error), qPrintable(error));
    QCOMPARE(directory.importCatalog(
                 version,
                 QString::fromLatin1(QCryptographicHash::hash(document, QCryptographicHash::Sha256).toHex()),
                 document, &error),
             ow::server::Directory::CatalogImport::Imported);
}

Reply TestServerCertificates::certifiedCase(const QString &certificateId, QList<Event> *events)
{
    const QString caseId = ow::core::Uuid::createV7String();
    const Reply intake = push(*m_clerk,
                              {m_clerk->record(caseId, EventType::Created, createdPayload()),
                               m_clerk->record(caseId, EventType::Accepted),
                               m_clerk->record(caseId, EventType::Routed, routedPayload())});
    if (intake.status != 200)
        qWarning("intake answered %d: %s", intake.status, intake.body.constData());
    const QList<Event> decision {
        m_reviewer->record(caseId, EventType::Approved),
        m_reviewer->record(
            caseId, EventType::CertificateProduced,
            {{QStringLiteral("certificateId"), certificateId},
             {QStringLiteral("number"), QStringLiteral("MZDB-2026-000451")},
             {QStringLiteral("itemCode"), QStringLiteral("MZ-001")},
             {QStringLiteral("itemName"), QStringLiteral("最低生活保障审批")},
             {QStringLiteral("certificateType"), QStringLiteral("MZDB")},
             {QStringLiteral("name"), QStringLiteral("最低生活保障证")},
             {QStringLiteral("holder"),
              QJsonObject {{QStringLiteral("name"), QStringLiteral("王五")},
                           {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")}}},
             {QStringLiteral("issuedBy"), QStringLiteral("MZ")},
             {QStringLiteral("issuedAt"), QStringLiteral("2026-11-30")},
             {QStringLiteral("validUntil"), QStringLiteral("2027-11-29")},
             {QStringLiteral("printOffice"), kOfficeA}}),
    };
    if (events)
        *events = decision;
    return push(*m_reviewer, decision);
}

int TestServerCertificates::admin(const QStringList &arguments, QByteArray *output)
{
    QProcess process;
    QStringList database = m_bed->isPostgres()
        ? QStringList {QStringLiteral("--database"), m_bed->config().databaseUrl}
        : QStringList {QStringLiteral("--central-data-dir"), m_bed->dataDir()};
    process.start(ow::test::executablePath(QStringLiteral("onewindow-admin")),
                  QStringList {QStringLiteral("--lang"), QStringLiteral("en")} + arguments + database);
    if (!process.waitForFinished(60000))
        return -1;
    if (output)
        *output = process.readAllStandardOutput() + process.readAllStandardError();
    return process.exitCode();
}

void TestServerCertificates::signingOptionsAreCheckedAtStart()
{
    QVERIFY(m_bed->prepare(false));
    const QString keyFile = m_bed->dataDir() + QStringLiteral("/authority.pem");
    QVERIFY(AuthorityKey::generate().writePrivatePem(keyFile));
    QFile pem(keyFile);
    QVERIFY(pem.open(QIODevice::ReadOnly));
    const QByteArray keyBody = pem.readAll().split('\n').value(1);
    QVERIFY(!keyBody.isEmpty());

    // One without the other, a key that cannot be read, a file that is no key: the server does not start.
    QVERIFY(!m_bed->startServer({QStringLiteral("--certificate-key"), keyFile}));
    QVERIFY2(
        m_bed->server().error().contains(QStringLiteral("--certificate-key and --certificate-authority")),
        qPrintable(m_bed->server().error()));
    QVERIFY(!m_bed->startServer({QStringLiteral("--certificate-authority"), kAuthority}));
    QVERIFY(!m_bed->startServer({QStringLiteral("--certificate-key"), keyFile + QStringLiteral(".missing"),
                                 QStringLiteral("--certificate-authority"), kAuthority}));
    QVERIFY2(m_bed->server().error().contains(QStringLiteral("cannot read")),
             qPrintable(m_bed->server().error()));
    QVERIFY(
        !m_bed->startServer({QStringLiteral("--certificate-key"), keyFile,
                             QStringLiteral("--certificate-authority"), QStringLiteral("no spaces please")}));
    const QString notAKey = m_bed->dataDir() + QStringLiteral("/not-a-key.pem");
    QFile other(notAKey);
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    other.close();
    QVERIFY(!m_bed->startServer({QStringLiteral("--certificate-key"), notAKey,
                                 QStringLiteral("--certificate-authority"), kAuthority}));
    QVERIFY2(m_bed->server().error().contains(QStringLiteral("cannot be used")),
             qPrintable(m_bed->server().error()));

    // With both it starts, and the key never reaches its output.
    QVERIFY(m_bed->startServer({QStringLiteral("--certificate-key"), keyFile,
                                QStringLiteral("--certificate-authority"), kAuthority}));
    m_bed->server().stop();
    QVERIFY(!m_bed->server().output().contains(keyBody));
    QVERIFY(!m_bed->server().output().contains("PRIVATE KEY"));
}

void TestServerCertificates::signedCodesVerifyAndCanBeRevoked()
{
    QFETCH(bool, postgres);
    prepare(postgres);
    importDemoCatalog();
    const AuthorityKey key = AuthorityKey::generate();
    const QString keyFile = m_bed->dataDir() + QStringLiteral("/authority.pem");
    QVERIFY(key.writePrivatePem(keyFile));
    QVERIFY(m_bed->startServer({QStringLiteral("--certificate-key"), keyFile,
                                QStringLiteral("--certificate-authority"), kAuthority}));
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    m_clerk = std::make_unique<Device>(clerk);
    m_reviewer = std::make_unique<Device>(m_bed->signIn(QStringLiteral("reviewer-c")), Role::Reviewer);
    const SignedIn supervisor = m_bed->signIn(QStringLiteral("supervisor-a"));

    // The push result carries the code the server signed.
    const QString certificateId = ow::core::Uuid::createV7String();
    QList<Event> decision;
    const Reply produced = certifiedCase(certificateId, &decision);
    QCOMPARE(produced.status, 200);
    QCOMPARE(status(results(produced).at(1)), QStringLiteral("accepted"));
    const QString code = results(produced).at(1)[QStringLiteral("verificationCode")].toString();
    QVERIFY2(code.startsWith(CertificateCode::prefix()), produced.body.constData());
    QVERIFY(!results(produced).at(0).toObject().contains(QStringLiteral("verificationCode")));
    // Pushed again: a duplicate, with the same code.
    const Reply again = push(*m_reviewer, decision);
    QCOMPARE(status(results(again).at(1)), QStringLiteral("duplicate"));
    QCOMPARE(results(again).at(1)[QStringLiteral("verificationCode")].toString(), code);

    // The catalogue brings the public key (replacing the demo entry of the same id); the code verifies with
    // it.
    const Reply catalog = request("GET", m_bed->api(QStringLiteral("catalog")), {}, clerk.token);
    QCOMPARE(catalog.status, 200);
    const QJsonArray versions = catalog.json.value(QStringLiteral("versions")).toArray();
    QCOMPARE(versions.size(), 1);
    AuthorityPublicKeys keys;
    int entries = 0;
    for (const QJsonValue &entry :
         versions.at(0)[QStringLiteral("document")][QStringLiteral("authorityKeys")].toArray()) {
        if (entry[QStringLiteral("id")].toString() == kAuthority) {
            ++entries;
            QCOMPARE(entry[QStringLiteral("algorithm")].toString(), QStringLiteral("SM2"));
            keys.insert(kAuthority, entry[QStringLiteral("publicKey")].toString().toLatin1());
        }
    }
    QCOMPARE(entries, 1);
    QCOMPARE(keys.value(kAuthority), key.publicPem());
    const CertificateCode::Verification offline = CertificateCode::verify(code, keys);
    QVERIFY2(offline.isGenuine(), qPrintable(offline.reason));
    QCOMPARE(offline.fields->certificateId, certificateId);
    QCOMPARE(offline.fields->certificateNumber, QStringLiteral("MZDB-2026-000451"));
    QCOMPARE(offline.fields->holderName, QStringLiteral("王五"));
    QCOMPARE(offline.fields->holderId, QStringLiteral("11010519491231002X"));
    QCOMPARE(offline.fields->issuedOn, QDate(2026, 11, 30));
    QCOMPARE(offline.fields->validFrom, QDate(2026, 11, 30));
    QCOMPARE(offline.fields->validUntil, QDate(2027, 11, 29));
    QCOMPARE(offline.fields->authority, kAuthority);

    // The print office pulls the event with its code beside serverSeq.
    QUrl pull = m_bed->api(QStringLiteral("events"));
    pull.setQuery(QStringLiteral("limit=1000"));
    const Reply pulled = request("GET", pull, {}, clerk.token);
    QCOMPARE(pulled.status, 200);
    QString pulledCode;
    for (const QJsonValue &event : pulled.json.value(QStringLiteral("events")).toArray()) {
        if (event[QStringLiteral("id")].toString() == decision.at(1).id)
            pulledCode = event[QStringLiteral("verificationCode")].toString();
        else
            QVERIFY(!event.toObject().contains(QStringLiteral("verificationCode")));
    }
    QCOMPARE(pulledCode, code);

    // /verify, public: genuine with and without the code; forged when one detail or the signer differs.
    Reply answer = verify(certificateId);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("genuine"));
    QCOMPARE(answer.json.value(QStringLiteral("holder"))[QStringLiteral("name")].toString(),
             QStringLiteral("王五"));
    answer = verify(certificateId, code);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("genuine"));
    QVERIFY(!answer.json.value(QStringLiteral("reason")).toString().isEmpty());

    CertificateKeyFields changed = *offline.fields;
    changed.holderName = QStringLiteral("王六");
    answer = verify(certificateId, withChangedFields(code, changed));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("forged"));
    QCOMPARE(answer.json.value(QStringLiteral("mismatches")).toArray(),
             QJsonArray {QStringLiteral("holderName")});
    QVERIFY2(answer.json.value(QStringLiteral("reason")).toString().contains(QStringLiteral("holder's name")),
             answer.body.constData());
    QVERIFY(!answer.json.contains(QStringLiteral("holder")));

    changed = *offline.fields;
    changed.validUntil = QDate(2036, 11, 29);
    answer = verify(certificateId, withChangedFields(code, changed));
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("forged"));
    QCOMPARE(answer.json.value(QStringLiteral("mismatches")).toArray(),
             QJsonArray {QStringLiteral("validUntil")});

    const QString foreign = CertificateCode::sign(*offline.fields, AuthorityKey::generate());
    answer = verify(certificateId, foreign);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("forged"));
    QVERIFY(!answer.json.value(QStringLiteral("reason")).toString().isEmpty());

    answer = verify(ow::core::Uuid::createV7String(), code);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("unknown"));
    const QString otherId = ow::core::Uuid::createV7String();
    QCOMPARE(certifiedCase(otherId).status, 200);
    answer = verify(otherId, code);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("forged"));
    QVERIFY(answer.json.value(QStringLiteral("reason")).toString().contains(certificateId));
    answer = verify(certificateId, QStringLiteral("OW1:garbage"));
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.errorCode(), QStringLiteral("invalid_request"));

    // Revocation: a supervisor or administrator, with a reason; a clerk cannot.
    const QUrl revoke = m_bed->api(QStringLiteral("certificates/%1/revoke").arg(certificateId));
    const QByteArray reason = json({{QStringLiteral("reason"), QStringLiteral("骗取许可，依法撤销")}});
    answer = request("POST", revoke, reason, clerk.token);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(request("POST", revoke, reason).status, 401);
    QCOMPARE(
        request("POST", revoke, json({{QStringLiteral("reason"), QStringLiteral(" ")}}), supervisor.token)
            .status,
        400);
    QCOMPARE(verify(certificateId).json.value(QStringLiteral("status")).toString(),
             QStringLiteral("genuine"));
    answer = request("POST", revoke, reason, supervisor.token);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
    answer = request("POST", revoke, reason, supervisor.token);
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.errorCode(), QStringLiteral("already_revoked"));
    QCOMPARE(request("POST", m_bed->api(QStringLiteral("certificates/no-such-certificate/revoke")), reason,
                     supervisor.token)
                 .status,
             404);

    for (const QString &given : {QString(), code}) {
        answer = verify(certificateId, given);
        QCOMPARE(answer.json.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QCOMPARE(answer.json.value(QStringLiteral("revocationReason")).toString(),
                 QStringLiteral("骗取许可，依法撤销"));
        QVERIFY(answer.json.value(QStringLiteral("reason")).toString().contains(QStringLiteral("骗取许可")));
    }
    // A forged code of a revoked certificate is still called forged.
    changed = *offline.fields;
    changed.holderName = QStringLiteral("王六");
    QCOMPARE(verify(certificateId, withChangedFields(code, changed))
                 .json.value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("forged"));
    QCOMPARE(verify(otherId).json.value(QStringLiteral("status")).toString(), QStringLiteral("genuine"));
}

void TestServerCertificates::certificateWithoutKeyIsSignedOnRequest()
{
    QFETCH(bool, postgres);
    prepare(postgres);
    importDemoCatalog();
    QVERIFY(m_bed->startServer());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    m_clerk = std::make_unique<Device>(clerk);
    m_reviewer = std::make_unique<Device>(m_bed->signIn(QStringLiteral("reviewer-c")), Role::Reviewer);
    const SignedIn elsewhere = m_bed->signIn(QStringLiteral("clerk-b"));

    // Accepted while the server has no key: no code, and asking cannot make one.
    const QString certificateId = ow::core::Uuid::createV7String();
    const Reply produced = certifiedCase(certificateId);
    QCOMPARE(status(results(produced).at(1)), QStringLiteral("accepted"));
    QVERIFY(!results(produced).at(1).toObject().contains(QStringLiteral("verificationCode")));
    QUrl codeUrl = m_bed->api(QStringLiteral("certificates/%1/code").arg(certificateId));
    Reply answer = request("GET", codeUrl, {}, clerk.token);
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.json.value(QStringLiteral("error"))[QStringLiteral("code")].toString(),
             QStringLiteral("not_signed"));

    // With the key configured, the printing office gets it signed on request, once.
    m_bed->server().stop();
    const AuthorityKey key = AuthorityKey::generate();
    const QString keyFile = m_bed->dataDir() + QStringLiteral("/authority.pem");
    QVERIFY(key.writePrivatePem(keyFile));
    QVERIFY(m_bed->startServer({QStringLiteral("--certificate-key"), keyFile,
                                QStringLiteral("--certificate-authority"), kAuthority}));
    codeUrl = m_bed->api(QStringLiteral("certificates/%1/code").arg(certificateId)); // the new port
    answer = request("GET", codeUrl, {}, clerk.token);
    QCOMPARE(answer.status, 200);
    const QString code = answer.json.value(QStringLiteral("verificationCode")).toString();
    const CertificateCode::Verification checked
        = CertificateCode::verify(code, {{kAuthority, key.publicPem()}});
    QVERIFY2(checked.isGenuine(), qPrintable(checked.reason));
    QCOMPARE(checked.fields->certificateId, certificateId);
    QCOMPARE(
        request("GET", codeUrl, {}, clerk.token).json.value(QStringLiteral("verificationCode")).toString(),
        code);
    QCOMPARE(verify(certificateId, code).json.value(QStringLiteral("status")).toString(),
             QStringLiteral("genuine"));

    // Another office is not told the certificate exists; no token, no answer.
    QCOMPARE(request("GET", codeUrl, {}, elsewhere.token).status, 404);
    QCOMPARE(request("GET", codeUrl).status, 401);
    QCOMPARE(request("GET",
                     m_bed->api(QStringLiteral("certificates/%1/code").arg(ow::core::Uuid::createV7String())),
                     {}, clerk.token)
                 .status,
             404);
}

void TestServerCertificates::stockSerialsArePrintedOnce()
{
    QFETCH(bool, postgres);
    prepare(postgres);

    // onewindow-admin issues a range straight into the server database; an overlapping one is refused.
    QByteArray output;
    QCOMPARE(admin({QStringLiteral("stock-issue"), QStringLiteral("--office"), kOfficeB,
                    QStringLiteral("--prefix"), QStringLiteral("SC"), QStringLiteral("--first"),
                    QStringLiteral("1000"), QStringLiteral("--last"), QStringLiteral("1099")},
                   &output),
             0);
    QVERIFY2(output.contains("SC0001000") && output.contains("SC0001099"), output.constData());
    QCOMPARE(admin({QStringLiteral("stock-issue"), QStringLiteral("--office"), kOfficeB,
                    QStringLiteral("--prefix"), QStringLiteral("SC"), QStringLiteral("--first"),
                    QStringLiteral("1099"), QStringLiteral("--last"), QStringLiteral("1200")},
                   &output),
             1);
    QVERIFY2(output.contains("overlap"), output.constData());
    QCOMPARE(admin({QStringLiteral("stock-issue"), QStringLiteral("--office"), QStringLiteral("999999999"),
                    QStringLiteral("--prefix"), QStringLiteral("SC"), QStringLiteral("--first"),
                    QStringLiteral("1"), QStringLiteral("--last"), QStringLiteral("2")},
                   &output),
             1);
    QCOMPARE(admin({QStringLiteral("stock-issue"), QStringLiteral("--office"), kOfficeB,
                    QStringLiteral("--prefix"), QStringLiteral("SC"), QStringLiteral("--first"),
                    QStringLiteral("x"), QStringLiteral("--last"), QStringLiteral("2")},
                   &output),
             1);

    QVERIFY(m_bed->startServer());
    const SignedIn clerk = m_bed->signIn(QStringLiteral("clerk-a"));
    const SignedIn clerkB = m_bed->signIn(QStringLiteral("clerk-b"));
    const SignedIn reviewer = m_bed->signIn(QStringLiteral("reviewer-c"));
    const SignedIn administrator = m_bed->signIn(QStringLiteral("admin-c"));
    m_clerk = std::make_unique<Device>(clerk);
    m_reviewer = std::make_unique<Device>(reviewer, Role::Reviewer);

    // Ranges: issued by an administrator, never overlapping one with the same prefix.
    const QUrl ranges = m_bed->api(QStringLiteral("stock/ranges"));
    const auto range = [](const QString &office, const QString &prefix, qint64 first, qint64 last) {
        return json({{QStringLiteral("office"), office},
                     {QStringLiteral("certificateType"), QStringLiteral("MZDB")},
                     {QStringLiteral("prefix"), prefix},
                     {QStringLiteral("first"), double(first)},
                     {QStringLiteral("last"), double(last)}});
    };
    QCOMPARE(request("POST", ranges, range(kOfficeA, QStringLiteral("SC"), 1, 100), clerk.token).status, 403);
    Reply answer
        = request("POST", ranges, range(kOfficeA, QStringLiteral("SC"), 1, 100), administrator.token);
    QCOMPARE(answer.status, 201);
    QVERIFY(!answer.json.value(QStringLiteral("rangeId")).toString().isEmpty());
    QCOMPARE(answer.json.value(QStringLiteral("width")).toInt(), 7);
    answer = request("POST", ranges, range(kOfficeA, QStringLiteral("SC"), 50, 150), administrator.token);
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.errorCode(), QStringLiteral("stock_range_overlap"));
    QCOMPARE(request("POST", ranges, range(kOfficeA, QStringLiteral("SC"), 1050, 1060), administrator.token)
                 .status,
             409);
    QCOMPARE(
        request("POST", ranges, range(kOfficeA, QStringLiteral("TD"), 50, 150), administrator.token).status,
        201);
    answer = request("POST", ranges, range(kOfficeA, QStringLiteral("SC"), 300, 200), administrator.token);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json.value(QStringLiteral("error"))[QStringLiteral("field")].toString(),
             QStringLiteral("last"));
    QCOMPARE(request("POST", ranges, range(QStringLiteral("999999999"), QStringLiteral("XX"), 1, 2),
                     administrator.token)
                 .status,
             400);

    // Each office sees its own ranges.
    answer = request("GET", ranges, {}, clerk.token);
    QCOMPARE(answer.status, 200);
    QJsonArray list = answer.json.value(QStringLiteral("ranges")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0)[QStringLiteral("prefix")].toString(), QStringLiteral("SC"));
    QCOMPARE(list.at(0)[QStringLiteral("first")].toInt(), 1);
    QCOMPARE(list.at(0)[QStringLiteral("last")].toInt(), 100);
    QCOMPARE(list.at(0)[QStringLiteral("office")].toString(), kOfficeA);
    QCOMPARE(list.at(0)[QStringLiteral("certificateType")].toString(), QStringLiteral("MZDB"));
    answer = request("GET", ranges, {}, clerkB.token);
    list = answer.json.value(QStringLiteral("ranges")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0)[QStringLiteral("first")].toInt(), 1000);

    // Voiding a blank sheet: once, of the office's own stock.
    const QUrl voidUrl = m_bed->api(QStringLiteral("stock/void"));
    const auto voiding = [](const QString &serial) {
        return json({{QStringLiteral("serial"), serial}, {QStringLiteral("reason"), QStringLiteral("卡纸")}});
    };
    QCOMPARE(request("POST", voidUrl, voiding(QStringLiteral("SC0000003")), reviewer.token).status, 403);
    QCOMPARE(request("POST", voidUrl, voiding(QStringLiteral("SC0000003")), clerk.token).status, 200);
    answer = request("POST", voidUrl, voiding(QStringLiteral("SC0000003")), clerk.token);
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.errorCode(), QStringLiteral("stock_serial_used"));
    answer = request("POST", voidUrl, voiding(QStringLiteral("SC0001000")), clerk.token);
    QCOMPARE(answer.status, 422);
    QCOMPARE(answer.errorCode(), QStringLiteral("stock_serial_not_issued"));
    QCOMPARE(
        request("POST", voidUrl, json({{QStringLiteral("serial"), QStringLiteral("SC0000004")}}), clerk.token)
            .status,
        400);

    // A server without a signing key leaves certificates unsigned.
    const QString certificateId = ow::core::Uuid::createV7String();
    const Reply produced = certifiedCase(certificateId);
    QCOMPARE(status(results(produced).at(1)), QStringLiteral("accepted"));
    QVERIFY(!results(produced).at(1).toObject().contains(QStringLiteral("verificationCode")));
    const QString caseId = [&] {
        QUrl pull = m_bed->api(QStringLiteral("events"));
        pull.setQuery(QStringLiteral("limit=1000"));
        for (const QJsonValue &event :
             request("GET", pull, {}, clerk.token).json[QStringLiteral("events")].toArray()) {
            if (event[QStringLiteral("payload")][QStringLiteral("certificateId")].toString() == certificateId)
                return event[QStringLiteral("caseId")].toString();
        }
        return QString();
    }();
    QVERIFY(!caseId.isEmpty());

    // The print log: each sheet once, of the office's own stock.
    struct Print
    {
        QString serial;
        bool reprint;
        bool spoiled;
        QString expected; // accepted, or the rejection code
    };
    const QList<Print> prints {
        {QStringLiteral("SC0000002"), false, true, QStringLiteral("accepted")}, // spoiled: voided
        {QStringLiteral("SC0000001"), false, false, QStringLiteral("accepted")},
        {QStringLiteral("SC0000001"), true, false, QStringLiteral("stock_serial_used")},
        {QStringLiteral("SC0000500"), true, false, QStringLiteral("stock_serial_not_issued")},
        {QStringLiteral("SC0000003"), true, false, QStringLiteral("stock_serial_used")}, // voided blank
        {QStringLiteral("SC0001000"), true, false, QStringLiteral("stock_serial_not_issued")}, // office B's
        {QStringLiteral("SC0000002"), true, false, QStringLiteral("stock_serial_used")}, // spoiled before
        {QStringLiteral("SC000001"), true, false, QStringLiteral("stock_serial_not_issued")}, // width 6
        {QString(), true, false, QStringLiteral("accepted")}, // plain paper
        {QStringLiteral("SC0000010"), true, false, QStringLiteral("accepted")},
        {QStringLiteral("SC0000010"), true, false, QStringLiteral("stock_serial_used")}, // same batch
    };
    QList<Event> events;
    for (const Print &print : prints)
        events.append(
            m_clerk->record(caseId, EventType::Printed,
                            printedPayload(certificateId, print.serial, print.reprint, print.spoiled)));
    answer = push(*m_clerk, events);
    QCOMPARE(answer.status, 200);
    const QJsonArray outcomes = results(answer);
    QCOMPARE(outcomes.size(), prints.size());
    for (qsizetype i = 0; i < prints.size(); ++i) {
        const QString got = status(outcomes.at(i)) == QLatin1String("rejected")
            ? outcomes.at(i)[QStringLiteral("code")].toString()
            : status(outcomes.at(i));
        QVERIFY2(
            got == prints.at(i).expected,
            qPrintable(QStringLiteral("print %1 (%2): %3")
                           .arg(i)
                           .arg(prints.at(i).serial, QString::fromUtf8(json(outcomes.at(i).toObject())))));
        if (got != QLatin1String("accepted"))
            QVERIFY(outcomes.at(i)[QStringLiteral("reason")].toString().contains(prints.at(i).serial));
    }
    // The same events again: the same answers (a rejection is permanent).
    const QJsonArray repeated = results(push(*m_clerk, events));
    for (qsizetype i = 0; i < prints.size(); ++i)
        QCOMPARE(repeated.at(i)[QStringLiteral("code")].toString(),
                 outcomes.at(i)[QStringLiteral("code")].toString());

    answer = request("GET", ranges, {}, clerk.token);
    QCOMPARE(answer.json.value(QStringLiteral("used")).toArray(),
             (QJsonArray {QStringLiteral("SC0000001"), QStringLiteral("SC0000010")}));
    QCOMPARE(answer.json.value(QStringLiteral("voided")).toArray(),
             (QJsonArray {QStringLiteral("SC0000002"), QStringLiteral("SC0000003")}));
    QVERIFY(request("GET", ranges, {}, clerkB.token).json.value(QStringLiteral("used")).toArray().isEmpty());
    // A used sheet cannot be voided afterwards.
    QCOMPARE(request("POST", voidUrl, voiding(QStringLiteral("SC0000001")), clerk.token).status, 409);
}

QTEST_GUILESS_MAIN(TestServerCertificates)
#include "tst_server_certificates.moc"
