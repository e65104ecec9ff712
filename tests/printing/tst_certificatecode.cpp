// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The signed verification code on a certificate: what a police officer, a
// bank or a village committee learns when they check one.

#include <ow/core/canonicaljson.h>
#include <ow/printing/certificatecode.h>
#include <ow/printing/certificaterecord.h>
#include <ow/printing/qrcode.h>

#include "certificatesample.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ow::printing;
using Status = CertificateCode::Status;

namespace {

// The code with its details replaced by `object` and the original signature kept.
QString withDetails(const QString &code, const QJsonObject &object)
{
    const QString signature = code.section(QLatin1Char('.'), 1);
    const QByteArray payload = *ow::core::CanonicalJson::toBytes(object);
    return CertificateCode::prefix()
        + QString::fromLatin1(
               payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + QLatin1Char('.') + signature;
}

QJsonObject detailsOf(const QString &code)
{
    const QString payload = code.mid(CertificateCode::prefix().size()).section(QLatin1Char('.'), 0, 0);
    return QJsonDocument::fromJson(QByteArray::fromBase64(payload.toLatin1(), QByteArray::Base64UrlEncoding))
        .object();
}

// A certificate-produced payload (docs/sync-api.md) as the review page
// records it, stating what ow::test::sampleKeyFields() states.
QJsonObject sampleRecord()
{
    return {
        {QStringLiteral("certificateId"), QStringLiteral("0193a5c2-7f1e-7c3a-9b2d-5e8f1a2b3c4d")},
        {QStringLiteral("number"), QStringLiteral("JY13301020000123")},
        {QStringLiteral("itemCode"), QStringLiteral("SCJG-XK-001")},
        {QStringLiteral("certificateType"), QStringLiteral("food-business-licence")},
        {QStringLiteral("templateId"), QStringLiteral("food-business-licence")},
        {QStringLiteral("holder"),
         QJsonObject {{QStringLiteral("kind"), QStringLiteral("legal")},
                      {QStringLiteral("name"), QStringLiteral("示范县欧阳娜娜小吃店")},
                      {QStringLiteral("idNumber"), QStringLiteral("92330102MA2KX1234Q")}}},
        {QStringLiteral("issuedBy"), QStringLiteral("SCJG")},
        {QStringLiteral("issuedAt"), QStringLiteral("2026-11-30")},
        {QStringLiteral("validUntil"), QStringLiteral("2031-11-29")},
        {QStringLiteral("fields"),
         QJsonObject {{QStringLiteral("businessAddress"), QStringLiteral("示范县城关镇人民路88号1层")},
                      {QStringLiteral("foodCategory"), QStringLiteral("catering")},
                      {QStringLiteral("floorArea"), 45}}},
        {QStringLiteral("printOffice"), QStringLiteral("330102")},
    };
}

} // namespace

class TestCertificateCode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void genuine();
    void changedDetailIsForged_data();
    void changedDetailIsForged();
    void otherKeyIsForged();
    void unknownAuthority();
    void malformed_data();
    void malformed();
    void codeFitsAQrCode();
    void pemRoundTrip();
    void privateKeyFileIsOwnerOnly();
    void opensslAgrees();
    void catalogueKeyIsUsable();
    void fromRecord();
    void fromRecordIncomplete_data();
    void fromRecordIncomplete();
    void fromRecordWithoutEnd();
    void fromRecordSignsAndVerifies();
    void recordPrintsWhatTheCodeStates();

private:
    QTemporaryDir m_dir;
    AuthorityKey m_key;
    AuthorityPublicKeys m_keys;
    QString m_code;
};

void TestCertificateCode::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_key = AuthorityKey::generate(&error);
    QVERIFY2(!m_key.isNull(), qPrintable(error));
    m_keys.insert(QStringLiteral("demo-centre-2026"), m_key.publicPem());
    m_code = CertificateCode::sign(ow::test::sampleKeyFields(), m_key, &error);
    QVERIFY2(!m_code.isEmpty(), qPrintable(error));
}

void TestCertificateCode::genuine()
{
    QVERIFY(m_code.startsWith(QStringLiteral("OW1:")));
    const auto result = CertificateCode::verify(m_code, m_keys);
    QCOMPARE(result.status, Status::Genuine);
    QVERIFY(result.reason.isEmpty());
    QVERIFY(result.fields.has_value());
    QCOMPARE(*result.fields, ow::test::sampleKeyFields());
    // Scanners add line ends; they do not make a code false.
    QCOMPARE(CertificateCode::verify(m_code + QStringLiteral("\n"), m_keys).status, Status::Genuine);
    // A certificate without an end date, and without a holder ID.
    auto open = ow::test::sampleKeyFields();
    open.validUntil = QDate();
    open.holderId.clear();
    const QString code = CertificateCode::sign(open, m_key);
    const auto openResult = CertificateCode::verify(code, m_keys);
    QCOMPARE(openResult.status, Status::Genuine);
    QCOMPARE(*openResult.fields, open);
}

void TestCertificateCode::changedDetailIsForged_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("value");
    QTest::newRow("certificate id") << "i"
                                    << "0193a5c2-7f1e-7c3a-9b2d-5e8f1a2b3c4e";
    QTest::newRow("number") << "n"
                            << "JY13301020000124";
    QTest::newRow("holder name") << "h"
                                 << "示范县欧阳娜娜大酒店";
    QTest::newRow("holder id") << "p"
                               << "92330102MA2KX1234R";
    QTest::newRow("valid from") << "f"
                                << "2026-11-29";
    QTest::newRow("valid until") << "u"
                                 << "2036-11-29";
    QTest::newRow("issued on") << "d"
                               << "2026-12-01";
}

void TestCertificateCode::changedDetailIsForged()
{
    QFETCH(QString, member);
    QFETCH(QString, value);
    QJsonObject details = detailsOf(m_code);
    QVERIFY(details.contains(member));
    details.insert(member, value);
    const auto result = CertificateCode::verify(withDetails(m_code, details), m_keys);
    QCOMPARE(result.status, Status::Forged);
    QVERIFY2(result.reason.contains(QStringLiteral("demo-centre-2026")), qPrintable(result.reason));
    // What the forged code claims is still shown, so it can be reported.
    QVERIFY(result.fields.has_value());
    QCOMPARE(result.fields->toJson().value(member).toString(), value);
}

void TestCertificateCode::otherKeyIsForged()
{
    // Someone with their own SM2 key names the authority.
    const AuthorityKey other = AuthorityKey::generate();
    const QString code = CertificateCode::sign(ow::test::sampleKeyFields(), other);
    QVERIFY(!code.isEmpty());
    QCOMPARE(CertificateCode::verify(code, m_keys).status, Status::Forged);
}

void TestCertificateCode::unknownAuthority()
{
    auto fields = ow::test::sampleKeyFields();
    fields.authority = QStringLiteral("elsewhere-2026");
    const auto result = CertificateCode::verify(CertificateCode::sign(fields, m_key), m_keys);
    QCOMPARE(result.status, Status::UnknownAuthority);
    QVERIFY(result.reason.contains(QStringLiteral("elsewhere-2026")));
    // A public key that cannot be read is no key.
    AuthorityPublicKeys broken = m_keys;
    broken.insert(QStringLiteral("demo-centre-2026"),
                  QByteArrayLiteral("-----BEGIN PUBLIC KEY-----\nAAAA\n"));
    QCOMPARE(CertificateCode::verify(m_code, broken).status, Status::UnknownAuthority);
}

void TestCertificateCode::malformed_data()
{
    QTest::addColumn<QString>("code");
    const QString code = m_code;
    const QString payload = code.mid(4).section(QLatin1Char('.'), 0, 0);
    const QString signature = code.section(QLatin1Char('.'), 1);
    const auto encode = [](const QByteArray &bytes) {
        return QString::fromLatin1(
            bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    QTest::newRow("empty") << QString();
    QTest::newRow("a case number") << QStringLiteral("330102-20261122-D07-000123-8");
    QTest::newRow("other version") << QStringLiteral("OW2:") + code.mid(4);
    QTest::newRow("no signature") << QStringLiteral("OW1:") + payload;
    QTest::newRow("truncated signature") << code.left(code.size() - 4);
    QTest::newRow("bad characters") << QStringLiteral("OW1:") + payload + QStringLiteral(".*")
            + signature.mid(1);
    QTest::newRow("not json") << QStringLiteral("OW1:") + encode("hello") + QLatin1Char('.') + signature;
    // The same details with spaces: not what was signed, and not accepted as another encoding.
    const QByteArray spaced = QJsonDocument(detailsOf(code)).toJson(QJsonDocument::Indented);
    QTest::newRow("not canonical") << QStringLiteral("OW1:") + encode(spaced) + QLatin1Char('.') + signature;
    QJsonObject extra = detailsOf(code);
    extra.insert(QStringLiteral("x"), QStringLiteral("1"));
    QTest::newRow("unknown detail") << withDetails(code, extra);
    QJsonObject missing = detailsOf(code);
    missing.remove(QStringLiteral("h"));
    QTest::newRow("missing holder") << withDetails(code, missing);
    QJsonObject badDate = detailsOf(code);
    badDate.insert(QStringLiteral("u"), QStringLiteral("2031-02-30"));
    QTest::newRow("impossible date") << withDetails(code, badDate);
}

void TestCertificateCode::malformed()
{
    QFETCH(QString, code);
    const auto result = CertificateCode::verify(code, m_keys);
    QCOMPARE(result.status, Status::Malformed);
    QVERIFY(!result.reason.isEmpty());
    QVERIFY(!result.fields.has_value());
    QVERIFY(!CertificateCode::decode(code).has_value());
}

void TestCertificateCode::codeFitsAQrCode()
{
    // Small enough that a 34 mm QR code has modules of 0.4 mm, which a phone
    // reads: version 15 (77 modules) or less.
    const QrCode qr = QrCode::encode(m_code);
    QVERIFY(!qr.isNull());
    QVERIFY2(qr.width() <= 77,
             qPrintable(QStringLiteral("%1 bytes, %2 modules").arg(m_code.toUtf8().size()).arg(qr.width())));
    // Base64url and the prefix: nothing a scanner or a URL would mangle.
    for (const QChar c : m_code)
        QVERIFY(c.isLetterOrNumber() || QStringLiteral("-_.:").contains(c));
}

void TestCertificateCode::pemRoundTrip()
{
    QString error;
    const AuthorityKey fromPrivate = AuthorityKey::fromPrivatePem(m_key.privatePem(), &error);
    QVERIFY2(fromPrivate.hasPrivateKey(), qPrintable(error));
    QCOMPARE(fromPrivate.publicPem(), m_key.publicPem());
    // A key read back signs codes the original's public key verifies.
    QCOMPARE(CertificateCode::verify(CertificateCode::sign(ow::test::sampleKeyFields(), fromPrivate), m_keys)
                 .status,
             Status::Genuine);
    const AuthorityKey publicOnly = AuthorityKey::fromPublicPem(m_key.publicPem(), &error);
    QVERIFY(!publicOnly.isNull());
    QVERIFY(!publicOnly.hasPrivateKey());
    QVERIFY(publicOnly.privatePem().isEmpty());
    QVERIFY(CertificateCode::sign(ow::test::sampleKeyFields(), publicOnly, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    // Keys of another kind are refused.
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("ED25519")});
    if (openssl.waitForFinished(10000) && openssl.exitCode() == 0) {
        error.clear();
        QVERIFY(AuthorityKey::fromPrivatePem(openssl.readAllStandardOutput(), &error).isNull());
        QVERIFY(!error.isEmpty());
    }
    QVERIFY(AuthorityKey::fromPublicPem("not a key").isNull());
}

void TestCertificateCode::privateKeyFileIsOwnerOnly()
{
    const QString file = m_dir.filePath(QStringLiteral("authority.key"));
    // Even over a file that was readable by everyone.
    {
        QFile existing(file);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("old");
    }
    QVERIFY(QFile::setPermissions(
        file, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::ReadGroup));
    QString error;
    QVERIFY2(m_key.writePrivatePem(file, &error), qPrintable(error));
    QCOMPARE(QFile::permissions(file) & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), m_key.privatePem());
    // Without a private key nothing is written.
    const QString other = m_dir.filePath(QStringLiteral("public-only.key"));
    QVERIFY(!AuthorityKey::fromPublicPem(m_key.publicPem()).writePrivatePem(other, &error));
    QVERIFY(!QFile::exists(other));
}

void TestCertificateCode::opensslAgrees()
{
    // An outside verifier (the openssl command, GB/T 32918 with the default
    // distinguishing ID) accepts the signature: the code is not a private format.
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("the openssl command is not installed");
    const QString payload = m_code.mid(4).section(QLatin1Char('.'), 0, 0);
    const QByteArray raw = QByteArray::fromBase64(m_code.section(QLatin1Char('.'), 1).toLatin1(),
                                                  QByteArray::Base64UrlEncoding);
    QCOMPARE(raw.size(), 64);
    // r ‖ s back to DER: SEQUENCE { INTEGER r, INTEGER s }.
    const auto integer = [](QByteArray value) -> QByteArray {
        while (value.size() > 1 && value.at(0) == 0 && (uchar(value.at(1)) & 0x80) == 0)
            value.remove(0, 1);
        if (uchar(value.at(0)) & 0x80)
            value.prepend('\0');
        return QByteArray(1, 0x02) + char(value.size()) + value;
    };
    const QByteArray body = integer(raw.left(32)) + integer(raw.mid(32));
    const QByteArray der = QByteArray(1, 0x30) + char(body.size()) + body;
    const QString dataFile = m_dir.filePath(QStringLiteral("payload.json"));
    const QString sigFile = m_dir.filePath(QStringLiteral("signature.der"));
    const QString keyFile = m_dir.filePath(QStringLiteral("public.pem"));
    for (const auto &[name, content] :
         {std::pair {dataFile, QByteArray::fromBase64(payload.toLatin1(), QByteArray::Base64UrlEncoding)},
          std::pair {sigFile, der}, std::pair {keyFile, m_key.publicPem()}}) {
        QFile file(name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("pkeyutl"), QStringLiteral("-verify"), QStringLiteral("-pubin"),
                   QStringLiteral("-inkey"), keyFile, QStringLiteral("-rawin"), QStringLiteral("-digest"),
                   QStringLiteral("sm3"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("distid:1234567812345678"), QStringLiteral("-in"), dataFile,
                   QStringLiteral("-sigfile"), sigFile});
    QVERIFY(openssl.waitForFinished(10000));
    const QString output
        = QString::fromUtf8(openssl.readAllStandardOutput() + openssl.readAllStandardError());
    QVERIFY2(openssl.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Signature Verified Successfully")), qPrintable(output));
}

void TestCertificateCode::catalogueKeyIsUsable()
{
    // The demo catalogue's authority key is an SM2 public key this code can use.
    QFile file(qEnvironmentVariable("OW_SOURCE_DIR")
               + QStringLiteral("/resources/catalog/demo-catalog.json"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("OW_SOURCE_DIR does not point at the sources");
    const QJsonObject catalog = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject key = catalog.value(QStringLiteral("authorityKeys")).toArray().first().toObject();
    QString error;
    QVERIFY2(
        !AuthorityKey::fromPublicPem(key.value(QStringLiteral("publicKey")).toString().toLatin1(), &error)
             .isNull(),
        qPrintable(error));
}

// What the central server signs for a record: the key fields it states.
void TestCertificateCode::fromRecord()
{
    QString error;
    const auto fields
        = CertificateKeyFields::fromRecord(sampleRecord(), QStringLiteral("demo-centre-2026"), &error);
    QVERIFY2(fields, qPrintable(error));
    QVERIFY(error.isEmpty());
    // validFrom absent: valid from the day of issue.
    QCOMPARE(*fields, ow::test::sampleKeyFields());

    // An explicit validFrom wins over issuedAt; RFC 3339 times count by their date.
    QJsonObject record = sampleRecord();
    record.insert(QStringLiteral("issuedAt"), QStringLiteral("2026-11-30T09:15:00+08:00"));
    record.insert(QStringLiteral("validFrom"), QStringLiteral("2026-12-01"));
    const auto later = CertificateKeyFields::fromRecord(record, QStringLiteral("demo-centre-2026"), &error);
    QVERIFY2(later, qPrintable(error));
    QCOMPARE(later->issuedOn, QDate(2026, 11, 30));
    QCOMPARE(later->validFrom, QDate(2026, 12, 1));
    QCOMPARE(later->validUntil, QDate(2031, 11, 29));
    QCOMPARE(later->authority, QStringLiteral("demo-centre-2026"));
}

void TestCertificateCode::fromRecordIncomplete_data()
{
    QTest::addColumn<QString>("remove"); // a top-level member, or holder.<member>
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("reason"); // what the error names
    const QString authority = QStringLiteral("demo-centre-2026");
    QTest::newRow("no issuedAt") << "issuedAt"
                                 << ""
                                 << "" << authority << "\"issuedAt\"";
    QTest::newRow("no holder") << "holder"
                               << ""
                               << "" << authority << "\"holder.name\"";
    QTest::newRow("holder without name") << "holder.name"
                                         << ""
                                         << "" << authority << "\"holder.name\"";
    QTest::newRow("no number") << "number"
                               << ""
                               << "" << authority << "\"number\"";
    QTest::newRow("no certificateId") << "certificateId"
                                      << ""
                                      << "" << authority << "\"certificateId\"";
    QTest::newRow("no authority") << ""
                                  << ""
                                  << ""
                                  << ""
                                  << "authority";
    QTest::newRow("issuedAt not a date") << ""
                                         << "issuedAt"
                                         << "30.11.2026" << authority << "30.11.2026";
    QTest::newRow("validUntil not a date") << ""
                                           << "validUntil"
                                           << "2031-02-30" << authority << "2031-02-30";
    QTest::newRow("ends before it begins") << ""
                                           << "validUntil"
                                           << "2026-11-29" << authority << "2026-11-29";
}

void TestCertificateCode::fromRecordIncomplete()
{
    QFETCH(QString, remove);
    QFETCH(QString, member);
    QFETCH(QString, value);
    QFETCH(QString, authority);
    QFETCH(QString, reason);
    QJsonObject record = sampleRecord();
    if (remove.startsWith(QStringLiteral("holder."))) {
        QJsonObject holder = record.value(QStringLiteral("holder")).toObject();
        holder.remove(remove.mid(7));
        record.insert(QStringLiteral("holder"), holder);
    } else if (!remove.isEmpty()) {
        record.remove(remove);
    }
    if (!member.isEmpty())
        record.insert(member, value);
    QString error;
    QVERIFY(!CertificateKeyFields::fromRecord(record, authority, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    // Nothing is signed for a record the server cannot vouch for; no error pointer is fine too.
    QVERIFY(!CertificateKeyFields::fromRecord(record, authority));
}

// 长期: a licence without an end date, and a holder without an ID number.
void TestCertificateCode::fromRecordWithoutEnd()
{
    QJsonObject record = sampleRecord();
    record.remove(QStringLiteral("validUntil"));
    QJsonObject holder = record.value(QStringLiteral("holder")).toObject();
    holder.remove(QStringLiteral("idNumber"));
    record.insert(QStringLiteral("holder"), holder);
    QString error;
    const auto fields = CertificateKeyFields::fromRecord(record, QStringLiteral("demo-centre-2026"), &error);
    QVERIFY2(fields, qPrintable(error));
    QVERIFY(fields->validUntil.isNull());
    QVERIFY(fields->holderId.isEmpty());
    QCOMPARE(fields->validFrom, QDate(2026, 11, 30));
    QCOMPARE(fields->toFields().value(QStringLiteral("validUntil")), QString());
}

void TestCertificateCode::fromRecordSignsAndVerifies()
{
    for (const bool open : {false, true}) {
        QJsonObject record = sampleRecord();
        if (open)
            record.remove(QStringLiteral("validUntil"));
        QString error;
        const auto fields
            = CertificateKeyFields::fromRecord(record, QStringLiteral("demo-centre-2026"), &error);
        QVERIFY2(fields, qPrintable(error));
        const QString code = CertificateCode::sign(*fields, m_key, &error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));
        const auto result = CertificateCode::verify(code, m_keys);
        QCOMPARE(result.status, Status::Genuine);
        QCOMPARE(*result.fields, *fields);
        // What a verifier reads back is what the record says.
        QCOMPARE(result.fields->certificateNumber, record.value(QStringLiteral("number")).toString());
        QCOMPARE(result.fields->holderName, QStringLiteral("示范县欧阳娜娜小吃店"));
        QCOMPARE(result.fields->validUntil.isNull(), open);
    }
}

// The paper states what its code states (signed), the record otherwise,
// with the form's values under the built-in templates' names.
void TestCertificateCode::recordPrintsWhatTheCodeStates()
{
    const QJsonObject record = sampleRecord();
    const auto labels = [](const QString &field, const QString &value) {
        return field == QLatin1String("foodCategory") && value == QLatin1String("catering")
            ? QStringLiteral("小餐饮")
            : value;
    };
    const CertificateFields draft
        = CertificateRecord::fields(record, QString(), QStringLiteral("示范县市场监督管理局"), labels);
    QCOMPARE(draft.value(QStringLiteral("certificateNumber")), QStringLiteral("JY13301020000123"));
    QCOMPARE(draft.value(QStringLiteral("holderName")), QStringLiteral("示范县欧阳娜娜小吃店"));
    QCOMPARE(draft.value(QStringLiteral("validFrom")), QStringLiteral("2026-11-30"));
    QCOMPARE(draft.value(QStringLiteral("validUntil")), QStringLiteral("2031-11-29"));
    QCOMPARE(draft.value(QStringLiteral("premises")), QStringLiteral("示范县城关镇人民路88号1层"));
    QCOMPARE(draft.value(QStringLiteral("businessType")), QStringLiteral("小餐饮"));
    QCOMPARE(draft.value(QStringLiteral("floorArea")), QStringLiteral("45"));
    QCOMPARE(draft.value(QStringLiteral("authorityName")), QStringLiteral("示范县市场监督管理局"));
    QCOMPARE(draft.value(QStringLiteral("verificationCode")), QString());
    QCOMPARE(CertificateRecord::templateId(record), QStringLiteral("food-business-licence"));

    // Signed: the signed details win over a record changed afterwards.
    QJsonObject changed = record;
    changed.insert(QStringLiteral("number"), QStringLiteral("JY99999999999999"));
    const CertificateFields signedFields
        = CertificateRecord::fields(changed, m_code, QStringLiteral("示范县市场监督管理局"));
    QCOMPARE(signedFields.value(QStringLiteral("certificateNumber")), QStringLiteral("JY13301020000123"));
    QCOMPARE(signedFields.value(QStringLiteral("verificationCode")), m_code);
    QCOMPARE(signedFields.value(QStringLiteral("authority")), QStringLiteral("demo-centre-2026"));
    // Without labels a choice prints as stored.
    QCOMPARE(signedFields.value(QStringLiteral("businessType")), QStringLiteral("catering"));
}

QTEST_GUILESS_MAIN(TestCertificateCode)
#include "tst_certificatecode.moc"
