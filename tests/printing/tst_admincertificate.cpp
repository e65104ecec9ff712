// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-admin generate-certificate-key, render-certificate and
// verify-certificate, run as the real binary: an authority key, a certificate
// printed with it, its QR code scanned and checked as a bank clerk would; a
// case's certificate rendered from a real encrypted workstation store.

#include <ow/cases/casenumber.h>
#include <ow/cases/timelimitclock.h>
#include <ow/catalog/catalogloader.h>
#include <ow/core/uuid.h>
#include <ow/core/workingcalendar.h>
#include <ow/printing/certificatecode.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/store.h>
#include <ow/test/fixtures.h>

#include "pdftext.h"

#include <QJsonArray>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAdminCertificate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyPair();
    void renderAndVerify();
    void forgedAndMalformed();
    void revoked();
    void renderErrors_data();
    void renderErrors();
    void caseStore();
    void renderByCase();
    void renderByCaseErrors_data();
    void renderByCaseErrors();
    void unsignedDraft();

private:
    // A case of the demo catalogue at the office, accepted and (with
    // `approve`) approved with its certificate record; signed as the
    // central server signs it when `sign`. Its case number, or empty.
    struct StoredCase
    {
        QString caseId;
        QString caseNumber;
        QString certificateId;
        QString number;
    };
    StoredCase storeCase(const QString &holder, bool approve, bool sign);

    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result admin(const QStringList &arguments, const QByteArray &input = {}) const;
    QString scan(const QString &pdf) const;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // A copy of a PDF in $OW_SCREENSHOT_DIR, to look at.
    static void keep(const QString &pdf);

    QString m_program;
    QTemporaryDir m_dir;
    QString m_code;
    // The case store: its directory, the authority that signs for it, and its cases.
    QString m_store;
    ow::printing::AuthorityKey m_authority;
    qint64 m_serial = 0;
    StoredCase m_signed;
    StoredCase m_unsigned;
    StoredCase m_open;
};

namespace {
const QString office = u"330102"_s;
const QString authorityId = u"test-centre-2026"_s;
} // namespace

void TestAdminCertificate::initTestCase()
{
    m_program = ow::test::executablePath(u"onewindow-admin"_s);
    QVERIFY2(QFileInfo(m_program).isExecutable(), qPrintable(m_program + u" is not built"_s));
    QVERIFY(m_dir.isValid());
    for (const char *tool : {"pdftoppm", "zbarimg"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(
                qPrintable(u"%1 is not installed (scripts/setup-deps.sh)"_s.arg(QString::fromLatin1(tool))));
    }
    const QJsonObject fields {
        {u"certificateId"_s, u"0193a5c2-7f1e-7c3a-9b2d-5e8f1a2b3c4d"_s},
        {u"certificateNumber"_s, u"JY13301020000123"_s},
        {u"holderName"_s, u"示范县欧阳娜娜小吃店"_s},
        {u"holderId"_s, u"92330102MA2KX1234Q"_s},
        {u"premises"_s, u"示范县城关镇人民路88号1层"_s},
        {u"businessType"_s, u"小餐饮"_s},
        {u"businessScope"_s, u"热食类食品制售"_s},
        {u"validFrom"_s, u"2026-11-30"_s},
        {u"validUntil"_s, u"2031-11-29"_s},
        {u"authority"_s, u"demo-centre-2026"_s},
        {u"authorityName"_s, u"示范县市场监督管理局"_s},
        {u"issuedOn"_s, u"2026-11-30"_s},
    };
    QFile file(path(u"fields.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(fields).toJson());
}

TestAdminCertificate::Result TestAdminCertificate::admin(const QStringList &arguments,
                                                         const QByteArray &input) const
{
    QProcess process;
    process.start(m_program, QStringList {u"--lang"_s, u"en"_s} + arguments);
    process.write(input);
    process.closeWriteChannel();
    Result result;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestAdminCertificate::scan(const QString &pdf) const
{
    QProcess render;
    render.start(u"pdftoppm"_s, {u"-r"_s, u"200"_s, u"-png"_s, u"-singlefile"_s, pdf, pdf});
    if (!render.waitForFinished(60000) || render.exitCode() != 0)
        return {};
    QProcess zbar;
    zbar.start(u"zbarimg"_s, {u"--raw"_s, u"-q"_s, pdf + u".png"_s});
    if (!zbar.waitForFinished(60000) || zbar.exitCode() != 0)
        return {};
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

void TestAdminCertificate::keyPair()
{
    const Result made = admin({u"generate-certificate-key"_s, u"--private"_s, path(u"demo-centre-2026.key"_s),
                               u"--public"_s, path(u"demo-centre-2026.pem"_s)});
    QCOMPARE(made.exitCode, 0);
    // The signing key is readable by its owner only.
    QCOMPARE(QFile::permissions(path(u"demo-centre-2026.key"_s)) & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QFile pem(path(u"demo-centre-2026.pem"_s));
    QVERIFY(pem.open(QIODevice::ReadOnly));
    QVERIFY(pem.readAll().startsWith("-----BEGIN PUBLIC KEY-----"));
    // A key in use is never replaced.
    const Result again = admin({u"generate-certificate-key"_s, u"--private"_s,
                                path(u"demo-centre-2026.key"_s), u"--public"_s, path(u"other.pem"_s)});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"exists already"_s), qPrintable(again.err));
    QVERIFY(!QFile::exists(path(u"other.pem"_s)));
}

void TestAdminCertificate::renderAndVerify()
{
    const QString pdf = path(u"licence.pdf"_s);
    const Result rendered
        = admin({u"render-certificate"_s, u"--template"_s, u"food-business-licence"_s, u"--fields"_s,
                 path(u"fields.json"_s), u"--sign-key"_s, path(u"demo-centre-2026.key"_s), u"--pdf"_s, pdf});
    QVERIFY2(rendered.exitCode == 0, qPrintable(rendered.err));
    m_code = scan(pdf);
    QVERIFY(m_code.startsWith(u"OW1:"_s));

    const Result genuine
        = admin({u"verify-certificate"_s, m_code, u"--public-keys"_s, path(u"demo-centre-2026.pem"_s)});
    QCOMPARE(genuine.exitCode, 0);
    QVERIFY2(genuine.out.startsWith(u"genuine"_s), qPrintable(genuine.out));
    QVERIFY(genuine.out.contains(u"示范县欧阳娜娜小吃店"_s));
    QVERIFY(genuine.out.contains(u"JY13301020000123"_s));
    QVERIFY(genuine.out.contains(u"2031-11-29"_s));
    // Pasted from a scanner, on standard input.
    QCOMPARE(admin({u"verify-certificate"_s, u"-"_s, u"--public-keys"_s, path(u"demo-centre-2026.pem"_s)},
                   m_code.toUtf8() + '\n')
                 .exitCode,
             0);
}

void TestAdminCertificate::forgedAndMalformed()
{
    QVERIFY(!m_code.isEmpty());
    // Signed by this key, not by the demo catalogue's: forged for a checker who trusts the catalogue.
    const Result catalogue = admin({u"verify-certificate"_s, m_code});
    QCOMPARE(catalogue.exitCode, 1);
    QVERIFY2(catalogue.out.startsWith(u"forged: "_s), qPrintable(catalogue.out));
    QVERIFY(catalogue.out.contains(u"demo-centre-2026"_s));

    // The holder's name changed in the code, the signature kept.
    QString payload = m_code.mid(4).section(u'.', 0, 0);
    QJsonObject details
        = QJsonDocument::fromJson(QByteArray::fromBase64(payload.toLatin1(), QByteArray::Base64UrlEncoding))
              .object();
    details.insert(u"h"_s, u"示范县欧阳娜娜大酒店"_s);
    const QByteArray changed = QJsonDocument(details).toJson(QJsonDocument::Compact);
    const QString forgedCode = u"OW1:"_s
        + QString::fromLatin1(changed.toBase64(QByteArray::Base64UrlEncoding
                                               | QByteArray::OmitTrailingEquals))
        + u'.' + m_code.section(u'.', 1);
    const Result forged
        = admin({u"verify-certificate"_s, forgedCode, u"--public-keys"_s, path(u"demo-centre-2026.pem"_s)});
    QCOMPARE(forged.exitCode, 1);
    QVERIFY2(forged.out.startsWith(u"forged: "_s), qPrintable(forged.out));
    QVERIFY(forged.out.contains(u"示范县欧阳娜娜大酒店"_s)); // what the forgery claims is shown

    const Result cut = admin(
        {u"verify-certificate"_s, m_code.left(60), u"--public-keys"_s, path(u"demo-centre-2026.pem"_s)});
    QCOMPARE(cut.exitCode, 1);
    QVERIFY2(cut.out.startsWith(u"malformed: "_s), qPrintable(cut.out));

    const Result unknown
        = admin({u"verify-certificate"_s, m_code, u"--public-keys"_s, path(u"fields.json"_s)});
    QCOMPARE(unknown.exitCode, 3);
    QVERIFY2(unknown.err.contains(u"no authority public keys"_s), qPrintable(unknown.err));
}

void TestAdminCertificate::revoked()
{
    QVERIFY(!m_code.isEmpty());
    QFile list(path(u"revoked.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write("# revoked certificates\n0193a5c2-7f1e-7c3a-9b2d-5e8f1a2b3c4d\n");
    list.close();
    const Result result = admin({u"verify-certificate"_s, m_code, u"--public-keys"_s,
                                 path(u"demo-centre-2026.pem"_s), u"--revoked"_s, path(u"revoked.txt"_s)});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.startsWith(u"revoked: "_s), qPrintable(result.out));
}

void TestAdminCertificate::renderErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString fields = path(u"fields.json"_s);
    const QString pdf = path(u"refused.pdf"_s);
    QTest::newRow("case without store") << QStringList {u"CASE-1"_s, u"--pdf"_s, pdf} << 2 << u"--data-dir"_s;
    QTest::newRow("case with fields")
        << QStringList {u"CASE-1"_s, u"--data-dir"_s, path(u"store"_s), u"--fields"_s, fields, u"--pdf"_s,
                        pdf}
        << 2 << u"--fields does not go with a case"_s;
    QTest::newRow("template with certificate") << QStringList {u"--template"_s,    u"food-business-licence"_s,
                                                               u"--fields"_s,      fields,
                                                               u"--certificate"_s, u"X"_s,
                                                               u"--pdf"_s,         pdf}
                                               << 2 << u"--certificate does not go with --template"_s;
    QTest::newRow("no template") << QStringList {u"--template"_s, u"no-such"_s, u"--fields"_s,
                                                 fields,          u"--pdf"_s,   pdf}
                                 << 1 << u"no template file or built-in template"_s;
    QTest::newRow("missing field") << QStringList {u"--template"_s, u"food-business-licence"_s,
                                                   u"--fields"_s,   u"{\"holderName\": \"x\"}"_s,
                                                   u"--pdf"_s,      pdf}
                                   << 1 << u"needs the field"_s;
    QTest::newRow("unknown field") << QStringList {u"--template"_s, u"food-business-licence"_s,
                                                   u"--fields"_s,   u"{\"holderNmae\": \"x\"}"_s,
                                                   u"--pdf"_s,      pdf}
                                   << 1 << u"has no field \"holderNmae\""_s;
    QTest::newRow("not text") << QStringList {u"--template"_s, u"food-business-licence"_s,
                                              u"--fields"_s,   u"{\"holderName\": 5}"_s,
                                              u"--pdf"_s,      pdf}
                              << 1 << u"must be text"_s;
    QTest::newRow("calibration out of range") << QStringList {u"--template"_s,    u"food-business-licence"_s,
                                                              u"--fields"_s,      fields,
                                                              u"--calibration"_s, u"25,0"_s,
                                                              u"--pdf"_s,         pdf}
                                              << 1 << u"--calibration"_s;
}

void TestAdminCertificate::renderErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result result = admin(QStringList {u"render-certificate"_s} + arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!QFile::exists(path(u"refused.pdf"_s)));
}

void TestAdminCertificate::keep(const QString &pdf)
{
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty()) {
        const QString copy = QString::fromLocal8Bit(dir) + u'/' + QFileInfo(pdf).fileName();
        QFile::remove(copy);
        QFile::copy(pdf, copy);
    }
}

TestAdminCertificate::StoredCase TestAdminCertificate::storeCase(const QString &holder, bool approve,
                                                                 bool sign)
{
    using namespace ow;
    const auto demo = catalog::CatalogLoader::loadDemo();
    const catalog::ServiceItem *item = demo.isValid() ? demo.catalog->item(u"SCJG-XK-001"_s) : nullptr;
    if (!item)
        return {};
    storage::StoreStatus status;
    const auto store = storage::Store::open(m_store, &status);
    if (!store) {
        qWarning("%s", qPrintable(status.message));
        return {};
    }
    StoredCase made;
    made.caseId = core::Uuid::createV7String();
    const QDate today = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
    made.caseNumber = cases::CaseNumber::make(office, today, u"P1"_s, ++m_serial)->toString();
    const QJsonObject applicant {
        {u"kind"_s, u"legal"_s}, {u"idNumber"_s, u"92330102MA2KX1234Q"_s}, {u"name"_s, holder}};
    const QJsonObject form {{u"businessName"_s, holder},
                            {u"usccCode"_s, u"92330102MA2KX1234Q"_s},
                            {u"businessAddress"_s, u"示范县城关镇人民路88号1层"_s},
                            {u"foodCategory"_s, u"catering"_s},
                            {u"foodSafetyManager"_s, u"李明"_s},
                            {u"floorArea"_s, 45},
                            {u"applicantPhone"_s, u"13900001111"_s}};
    const QJsonObject created {
        {u"caseNumber"_s, made.caseNumber},
        {u"items"_s,
         QJsonArray {QJsonObject {{u"code"_s, item->code},
                                  {u"name"_s, item->name},
                                  {u"department"_s, item->department},
                                  {u"legalDays"_s, item->legalDays},
                                  {u"promisedDays"_s, item->promisedDays},
                                  {u"producesCertificate"_s, true}}}},
        {u"applicant"_s, applicant},
        {u"form"_s, form},
    };
    bool ok = true;
    {
        storage::CaseJournal journal(store->database(), {core::Uuid::createV7String(), office});
        journal.setCalendar(core::WorkingCalendar::builtIn());
        const auto record = [&](cases::EventType type, cases::Role role, const QJsonObject &payload) {
            cases::Actor actor;
            actor.userId = role == cases::Role::Reviewer ? u"u-reviewer"_s : u"u-clerk"_s;
            actor.role = role;
            const auto result = journal.record(cases::Event::make(made.caseId, type, actor, payload), role);
            if (!result.isValid())
                qWarning("%s not recorded: %s", qPrintable(cases::eventTypeName(type)),
                         qPrintable(result.message));
            return result.isValid();
        };
        ok = record(cases::EventType::Created, cases::Role::Clerk, created)
            && record(cases::EventType::Accepted, cases::Role::Clerk, {});
        if (ok && approve) {
            const auto routing = journal.state(made.caseId).defaultRouting();
            made.certificateId = core::Uuid::createV7String();
            // The number as the review page makes it for the only certificate of a case.
            made.number = u"JY"_s + QString(made.caseNumber).remove(u'-');
            const QJsonObject certificate {
                {u"certificateId"_s, made.certificateId},
                {u"number"_s, made.number},
                {u"itemCode"_s, item->code},
                {u"itemName"_s, item->name},
                {u"certificateType"_s, item->outcome.certificateType},
                {u"name"_s, u"食品经营许可证"_s},
                {u"templateId"_s, u"food-business-licence"_s},
                {u"holder"_s, applicant},
                {u"issuedBy"_s, item->department},
                {u"issuedAt"_s, today.toString(Qt::ISODate)},
                {u"validUntil"_s, today.addYears(5).addDays(-1).toString(Qt::ISODate)},
                {u"fields"_s, form},
                {u"printOffice"_s, office},
            };
            ok = routing && record(cases::EventType::Routed, cases::Role::Clerk, routing->toJson())
                && record(cases::EventType::Approved, cases::Role::Reviewer,
                          {{u"items"_s, QJsonArray {item->code}}})
                && record(cases::EventType::CertificateProduced, cases::Role::Reviewer, certificate);
            if (ok && sign) {
                // What the central server does when it accepts the record.
                QString error;
                const auto key = printing::CertificateKeyFields::fromRecord(certificate, authorityId, &error);
                const QString code
                    = key ? printing::CertificateCode::sign(*key, m_authority, &error) : QString();
                storage::CertificateRepository certificates(store->database());
                ok = !code.isEmpty() && certificates.setVerificationCode(made.certificateId, code);
                if (!ok)
                    qWarning("not signed: %s %s", qPrintable(error), qPrintable(certificates.lastError()));
            }
        }
    }
    return ok ? made : StoredCase {};
}

// A workstation store made by `onewindow-admin init`, holding a case with a
// signed certificate, one whose certificate awaits its signature and one
// still under way.
void TestAdminCertificate::caseStore()
{
    OW_REQUIRE_KEYRING();
    m_store = path(u"store"_s);
    const Result init = admin({u"init"_s, u"--data-dir"_s, m_store, u"--no-escrow"_s});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    QString error;
    m_authority = ow::printing::AuthorityKey::generate(&error);
    QVERIFY2(!m_authority.isNull(), qPrintable(error));
    QFile pem(path(authorityId + u".pem"_s));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write(m_authority.publicPem());
    pem.close();

    m_signed = storeCase(u"示范县欧阳娜娜小吃店"_s, true, true);
    QVERIFY(!m_signed.caseNumber.isEmpty());
    m_unsigned = storeCase(u"示范县李明面馆"_s, true, false);
    QVERIFY(!m_unsigned.caseNumber.isEmpty());
    m_open = storeCase(u"示范县王芳茶饮店"_s, false, false);
    QVERIFY(!m_open.caseNumber.isEmpty());
}

// By case number, as an outside test or an administrator would: the paper
// names the holder and the number, and its QR code is the server's signature.
void TestAdminCertificate::renderByCase()
{
    if (m_signed.caseNumber.isEmpty())
        QSKIP("no case store (caseStore failed)");
    const QString pdf = path(u"by-case.pdf"_s);
    const Result rendered
        = admin({u"render-certificate"_s, m_signed.caseNumber, u"--data-dir"_s, m_store, u"--pdf"_s, pdf});
    QVERIFY2(rendered.exitCode == 0, qPrintable(rendered.err));
    QVERIFY2(rendered.err.isEmpty(), qPrintable(rendered.err));
    QVERIFY2(rendered.out.contains(m_signed.number), qPrintable(rendered.out));
    keep(pdf);
    const QString text = ow::test::pdfText(pdf);
    QVERIFY2(text.contains(u"示范县欧阳娜娜小吃店"_s), qPrintable(text));
    QVERIFY2(text.contains(m_signed.number), qPrintable(text));
    QVERIFY2(text.contains(u"示范县市场监督管理局"_s), qPrintable(text)); // the authority by name
    QVERIFY2(text.contains(u"示范县城关镇人民路88号1层"_s), qPrintable(text)); // from the application form
    QVERIFY2(!text.contains(u"invalid"_s) && !text.contains(u"无效"_s), qPrintable(text));

    const QString code = scan(pdf);
    QVERIFY2(code.startsWith(u"OW1:"_s), qPrintable(code));
    const Result genuine
        = admin({u"verify-certificate"_s, code, u"--public-keys"_s, path(authorityId + u".pem"_s)});
    QVERIFY2(genuine.exitCode == 0, qPrintable(genuine.out + genuine.err));
    QVERIFY2(genuine.out.startsWith(u"genuine"_s), qPrintable(genuine.out));
    QVERIFY(genuine.out.contains(m_signed.number));
    QVERIFY(genuine.out.contains(m_signed.certificateId));

    // By case id, by certificate number, in lower case and with spaces, on certificate paper.
    const QString stock = path(u"by-id.pdf"_s);
    const Result byId = admin({u"render-certificate"_s, m_signed.caseId, u"--data-dir"_s, m_store,
                               u"--certificate"_s, m_signed.number, u"--stock"_s, u"--pdf"_s, stock});
    QVERIFY2(byId.exitCode == 0, qPrintable(byId.err));
    keep(stock);
    QVERIFY(ow::test::pdfText(stock).contains(m_signed.number));
    const Result typed = admin({u"render-certificate"_s, u"  "_s + m_signed.caseNumber.toLower(),
                                u"--data-dir"_s, m_store, u"--preview"_s, u"--pdf"_s, path(u"typed.pdf"_s)});
    QVERIFY2(typed.exitCode == 0, qPrintable(typed.err));
}

void TestAdminCertificate::renderByCaseErrors_data()
{
    QTest::addColumn<QStringList>("arguments"); // after CASE; --data-dir and --pdf are added
    QTest::addColumn<QString>("which"); // signed, unsigned, open or a literal case
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown case") << QStringList {} << u"330102-20261130-P1-999999-0"_s << 1 << u"No case"_s;
    QTest::newRow("no certificate yet") << QStringList {} << u"open"_s << 1 << u"has no certificate"_s;
    QTest::newRow("awaiting signature") << QStringList {} << u"unsigned"_s << 1 << u"not signed yet"_s;
    QTest::newRow("unknown certificate")
        << QStringList {u"--certificate"_s, u"JY000"_s} << u"signed"_s << 1 << u"has no certificate JY000"_s;
    QTest::newRow("template with case") << QStringList {u"--template"_s, u"food-business-licence"_s}
                                        << u"signed"_s << 2 << u"--template does not go with a case"_s;
    QTest::newRow("bad calibration") << QStringList {u"--calibration"_s, u"1"_s} << u"signed"_s << 1
                                     << u"--calibration"_s;
}

// Each refusal is one clear line, exits non-zero and writes no file.
void TestAdminCertificate::renderByCaseErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, which);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    if (m_signed.caseNumber.isEmpty())
        QSKIP("no case store (caseStore failed)");
    const QHash<QString, QString> cases {{u"signed"_s, m_signed.caseNumber},
                                         {u"unsigned"_s, m_unsigned.caseNumber},
                                         {u"open"_s, m_open.caseNumber}};
    const QString pdf = path(u"refused.pdf"_s);
    const Result result = admin(QStringList {u"render-certificate"_s, cases.value(which, which),
                                             u"--data-dir"_s, m_store, u"--pdf"_s, pdf}
                                + arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    if (exitCode == 1)
        QCOMPARE(result.err.trimmed().count(u'\n'), 0);
    QVERIFY(!QFile::exists(pdf));
}

// A certificate awaiting its signature renders only as a draft, marked invalid.
void TestAdminCertificate::unsignedDraft()
{
    if (m_unsigned.caseNumber.isEmpty())
        QSKIP("no case store (caseStore failed)");
    const QString pdf = path(u"draft.pdf"_s);
    const Result draft = admin({u"render-certificate"_s, m_unsigned.caseNumber, u"--data-dir"_s, m_store,
                                u"--unsigned-draft"_s, u"--pdf"_s, pdf});
    QVERIFY2(draft.exitCode == 0, qPrintable(draft.err));
    keep(pdf);
    const QString text = ow::test::pdfText(pdf);
    QVERIFY2(text.contains(u"示范县李明面馆"_s), qPrintable(text));
    // The watermark runs across the page at an angle, where pdftotext scrambles
    // it; the draft's QR code says it in one piece.
    // Its QR code is no verification code: scanned, it says what the watermark says.
    const QString scanned = scan(pdf);
    QVERIFY2(!scanned.startsWith(u"OW1:"_s) && scanned.contains(u"invalid"_s), qPrintable(scanned));
    const Result check
        = admin({u"verify-certificate"_s, scanned, u"--public-keys"_s, path(authorityId + u".pem"_s)});
    QCOMPARE(check.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestAdminCertificate)
#include "tst_admincertificate.moc"
