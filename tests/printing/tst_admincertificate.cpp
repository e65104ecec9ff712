// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow-admin generate-certificate-key, render-certificate and
// verify-certificate, run as the real binary: an authority key, a certificate
// printed with it, its QR code scanned and checked as a bank clerk would.

#include <ow/test/fixtures.h>

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

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result admin(const QStringList &arguments, const QByteArray &input = {}) const;
    QString scan(const QString &pdf) const;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString m_program;
    QTemporaryDir m_dir;
    QString m_code;
};

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
    QTest::newRow("by case number") << QStringList {u"CASE-1"_s, u"--pdf"_s, pdf} << 2
                                    << u"not available yet"_s;
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

QTEST_GUILESS_MAIN(TestAdminCertificate)
#include "tst_admincertificate.moc"
