// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/storage/credentialrepository.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/sync/signinservice.h>
#include <ow/test/tempdatadir.h>

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <sodium.h>

using namespace ow;
using namespace Qt::StringLiterals;

namespace {

sync::UserProfile sampleProfile()
{
    sync::UserProfile profile;
    profile.id = u"0193a1b2-0000-7000-8000-000000000001"_s;
    profile.name = u"agent01"_s;
    profile.displayName = u"王村代办员"_s;
    profile.roles = {cases::Role::Agent};
    profile.officeCode = u"330102001001"_s;
    profile.officeName = u"示范村便民服务点"_s;
    profile.regionCode = u"330102"_s;
    return profile;
}

QString argon2idHash(const QByteArray &password)
{
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.constData(), static_cast<unsigned long long>(password.size()),
                          crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN)
        != 0)
        return {};
    return QString::fromLatin1(hash);
}

// A loopback address where nothing listens: the server is "down".
QUrl unreachableServer()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port));
}

} // namespace

class SignInTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void offlineSignInWithTheCachedCredential();
    void offlineWrongPasswordIsRefused();
    void offlineUnknownUserIsToldToConnectOnce();
    void deviceIdIsMadeOnceAndKept();

private:
    sync::SignInService::Result signIn(const QString &user, const QString &password);

    std::unique_ptr<test::TempDataDir> m_dir;
    QSqlDatabase m_db;
};

void SignInTest::initTestCase()
{
    QVERIFY(sodium_init() >= 0);
}

void SignInTest::init()
{
    m_dir = std::make_unique<test::TempDataDir>();
    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    auto opened = storage::Database::open(m_dir->filePath(u"onewindow.db"_s), key, u"signin"_s,
                                          storage::Database::Mode::CreateNew);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    m_db = opened.db;
    QString message;
    QCOMPARE(storage::Migrations::migrate(m_db, &message), storage::DatabaseError::None);

    storage::CachedCredential cached{u"agent01"_s,
                                     QString::fromUtf8(QJsonDocument(sampleProfile().toJson()).toJson()),
                                     argon2idHash("correct horse 7"), QDateTime::currentDateTimeUtc()};
    QVERIFY(!cached.passwordHash.isEmpty());
    QVERIFY(storage::CredentialRepository(m_db).put(cached));
}

void SignInTest::cleanup()
{
    m_db = QSqlDatabase();
    storage::Database::close(u"signin"_s);
    m_dir.reset();
}

sync::SignInService::Result SignInTest::signIn(const QString &user, const QString &password)
{
    sync::SignInService service(m_db);
    QSignalSpy finished(&service, &sync::SignInService::finished);
    service.signIn(unreachableServer(), user, password);
    if (!finished.wait(15000))
        return {false, {}, u"no answer"_s, u"timeout"_s};
    return finished.first().first().value<sync::SignInService::Result>();
}

void SignInTest::offlineSignInWithTheCachedCredential()
{
    const auto result = signIn(u"agent01"_s, u"correct horse 7"_s);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!result.session.isOnline());
    QCOMPARE(result.session.user.displayName, u"王村代办员"_s);
    QCOMPARE(result.session.user.officeCode, u"330102001001"_s);
    QVERIFY(result.session.user.hasRole(cases::Role::Agent));
    QCOMPARE(result.session.deviceId, sync::SignInService::deviceId(m_db));
}

void SignInTest::offlineWrongPasswordIsRefused()
{
    const auto result = signIn(u"agent01"_s, u"wrong"_s);
    QVERIFY(!result.ok);
    QCOMPARE(result.errorCode, u"invalid_credentials"_s);
    QVERIFY(!result.error.isEmpty());
}

void SignInTest::offlineUnknownUserIsToldToConnectOnce()
{
    const auto result = signIn(u"clerk09"_s, u"whatever"_s);
    QVERIFY(!result.ok);
    QCOMPARE(result.errorCode, u"offline_unknown_user"_s);
    QVERIFY2(result.error.contains(u"clerk09"_s), qPrintable(result.error));
}

void SignInTest::deviceIdIsMadeOnceAndKept()
{
    const QString first = sync::SignInService::deviceId(m_db);
    QCOMPARE(first.size(), 36);
    QCOMPARE(sync::SignInService::deviceId(m_db), first);
}

QTEST_GUILESS_MAIN(SignInTest)
#include "tst_signin.moc"
