// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The signed verification code on a certificate: what a police officer, a
// bank or a village committee learns when they check one.

#include <ow/core/canonicaljson.h>
#include <ow/printing/certificatecode.h>
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

QTEST_GUILESS_MAIN(TestCertificateCode)
#include "tst_certificatecode.moc"
