// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "storetestutil.h"

#include <ow/storage/keychain.h>
#include <ow/storage/store.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using namespace ow::storage;

// The keychain wrapper against the fixture's keyring, and every failure state
// the key code must tell apart, each produced for real in a child process
// with its own session bus:
//   no session bus at all, a bus without a secret service, a secret service
//   without a login keyring, a locked login keyring, a bus policy that
//   refuses access.
// The child is this binary in helper mode (see main() below).
class tst_Keychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip();
    void missingEntry();
    void backend();
    void noSessionBus();
    void noSecretService();
    void noLoginKeyring();
    void lockedKeyring();
    void accessDenied();

private:
    struct Child
    {
        bool ran = false;
        int error = -1; // StoreError (store ops) or KeychainError (keychain ops)
        QString message;
        QString diagnostics; // stderr, for failure messages
    };
    enum class Session { None, NoSecretService, KeyringNotUnlocked, KeyringUnlocked, AccessDenied };
    Child runChild(Session session, const QString &home, const QStringList &helperArguments);
    QString writeBusConfig(const QString &dir, bool denySecrets);
    std::unique_ptr<Store> createStore(const QString &dir);

    ow::test::TempDataDir m_temp;
};

void tst_Keychain::initTestCase()
{
    OW_REQUIRE_KEYRING();
    for (const char *tool : {"dbus-run-session", "dbus-daemon", "gnome-keyring-daemon"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 is needed for these tests").arg(QString::fromLatin1(tool))));
    }
}

void tst_Keychain::roundTrip()
{
    const Keychain keychain;
    const QString entry = QStringLiteral("tst/roundtrip");
    static const char raw[] = "\x00\x01\xff binary \x00 with NULs";
    const QByteArray secret(raw, sizeof raw - 1);
    QVERIFY(keychain.write(entry, secret).ok());
    QByteArray read;
    const KeychainResult result = keychain.read(entry, &read);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(read, secret);

    QByteArray other("replaced");
    QVERIFY(keychain.write(entry, other).ok());
    QVERIFY(keychain.read(entry, &read).ok());
    QCOMPARE(read, other);

    // Entries of another service are separate.
    QVERIFY(Keychain(QStringLiteral("OneWindow-test-other")).write(entry, "x").ok());
    QVERIFY(keychain.read(entry, &read).ok());
    QCOMPARE(read, other);

    QVERIFY(keychain.remove(entry).ok());
    QCOMPARE(keychain.read(entry, &read).error, KeychainError::EntryMissing);
    QVERIFY(keychain.remove(entry).ok()); // removing nothing is fine
}

void tst_Keychain::missingEntry()
{
    QByteArray read("untouched");
    const KeychainResult result = Keychain().read(QStringLiteral("tst/never-written"), &read);
    QCOMPARE(result.error, KeychainError::EntryMissing);
}

void tst_Keychain::backend()
{
    const KeychainBackend backend = Keychain::detectBackend();
    QCOMPARE(backend.name, QStringLiteral("libsecret"));
    QCOMPARE(backend.provider, QStringLiteral("gnome-keyring-daemon"));
    QCOMPARE(backend.toString(), QStringLiteral("libsecret (gnome-keyring-daemon)"));
}

std::unique_ptr<Store> tst_Keychain::createStore(const QString &dir)
{
    StoreCreateOptions options;
    options.recoveryPublicKeyPem = ow::test::recoveryKeyPair(RecoveryKeyType::Sm2).publicKeyPem;
    StoreStatus status;
    std::unique_ptr<Store> store = Store::create(dir, options, &status);
    if (!store)
        qWarning("create failed: %s", qPrintable(status.message));
    return store;
}

QString tst_Keychain::writeBusConfig(const QString &dir, bool denySecrets)
{
    // A session bus that activates nothing: no .service files, so no secret service.
    QString config
        = QStringLiteral(
              "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
              " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
              "<busconfig>\n"
              "  <type>session</type>\n"
              "  <listen>unix:tmpdir=%1</listen>\n"
              "  <auth>EXTERNAL</auth>\n"
              "  <policy context=\"default\">\n"
              "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
              "    <allow eavesdrop=\"true\"/>\n"
              "    <allow own=\"*\"/>\n"
              "  </policy>\n")
              .arg(QDir::tempPath());
    // As an administrator's policy (or a sandbox) would refuse the secret service to us.
    if (denySecrets) {
        config += QStringLiteral("  <policy context=\"mandatory\">\n"
                                 "    <deny send_destination=\"org.freedesktop.secrets\"/>\n"
                                 "  </policy>\n");
    }
    config += QStringLiteral("</busconfig>\n");
    const QString path
        = QDir(dir).filePath(denySecrets ? QStringLiteral("deny.conf") : QStringLiteral("nosecrets.conf"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(config.toUtf8());
    return path;
}

tst_Keychain::Child tst_Keychain::runChild(Session session, const QString &home,
                                           const QStringList &helperArguments)
{
    QDir().mkpath(home + QStringLiteral("/run"));
    QFile::setPermissions(home + QStringLiteral("/run"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Its own keyring files and sockets, never the fixture's.
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/run"));
    for (const char *name :
         {"DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));

    const QString self = QCoreApplication::applicationFilePath();
    // gnome-keyring-daemon returns before it owns its bus name: wait for that,
    // or the helper may find no secret service at all.
    const QString waitForName = QStringLiteral(
        "for i in $(seq 100); do dbus-send --session --print-reply --dest=org.freedesktop.DBus "
        "/org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null "
        "| grep -q true && break; sleep 0.05; done; exec \"$@\"");
    const QString startDaemon
        = QStringLiteral("gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 || exit 3; ")
        + waitForName;
    const QString unlockDaemon = QStringLiteral("printf %s ow-test | gnome-keyring-daemon --unlock "
                                                "--components=secrets >/dev/null 2>&1 || exit 3; ")
        + waitForName;
    QString program = QStringLiteral("dbus-run-session");
    QStringList arguments;
    switch (session) {
    case Session::None:
        program = self;
        arguments = helperArguments;
        break;
    case Session::NoSecretService:
        arguments << QStringLiteral("--config-file=") + writeBusConfig(home, false) << QStringLiteral("--")
                  << self << helperArguments;
        break;
    case Session::KeyringNotUnlocked:
        arguments << QStringLiteral("--") << QStringLiteral("sh") << QStringLiteral("-c") << startDaemon
                  << QStringLiteral("sh") << self << helperArguments;
        break;
    case Session::KeyringUnlocked:
        arguments << QStringLiteral("--") << QStringLiteral("sh") << QStringLiteral("-c") << unlockDaemon
                  << QStringLiteral("sh") << self << helperArguments;
        break;
    case Session::AccessDenied:
        arguments << QStringLiteral("--config-file=") + writeBusConfig(home, true) << QStringLiteral("--")
                  << QStringLiteral("sh") << QStringLiteral("-c") << unlockDaemon << QStringLiteral("sh")
                  << self << helperArguments;
        break;
    }

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    Child child;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        child.diagnostics = QString::fromLocal8Bit(process.readAllStandardError());
        return child;
    }
    child.diagnostics = QString::fromLocal8Bit(process.readAllStandardError());
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const qsizetype newline = out.indexOf(QLatin1Char('\n'));
    if (process.exitCode() != 0 || !out.startsWith(QLatin1String("error=")) || newline < 0)
        return child;
    child.ran = true;
    child.error = out.mid(6, newline - 6).toInt();
    child.message = out.mid(newline + 1).trimmed();
    return child;
}

#define RUN_CHILD(var, session, home, args)                                                                  \
    const Child var = runChild(session, home, args);                                                         \
    QVERIFY2(var.ran, qPrintable(QStringLiteral("helper did not run: ") + var.diagnostics))

void tst_Keychain::noSessionBus()
{
    const QString home = m_temp.filePath(QStringLiteral("nobus"));
    const QString dir = m_temp.filePath(QStringLiteral("nobus-store"));
    {
        QVERIFY(createStore(dir));
    }
    const auto before = ow::test::snapshot(dir);

    RUN_CHILD(read, Session::None, home,
              (QStringList {QStringLiteral("--keychain-read"), QStringLiteral("x")}));
    QCOMPARE(KeychainError(read.error), KeychainError::NoSecretService);
    RUN_CHILD(open, Session::None, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(open.error), StoreError::NoSecretService);
    QVERIFY2(open.message.contains(QLatin1String("no keychain service")), qPrintable(open.message));
    QVERIFY(open.message.contains(QDir::toNativeSeparators(dir)));
    QCOMPARE(ow::test::snapshot(dir), before);

    const QString fresh = m_temp.filePath(QStringLiteral("nobus-new"));
    RUN_CHILD(create, Session::None, home, (QStringList {QStringLiteral("--create-store"), fresh}));
    QCOMPARE(StoreError(create.error), StoreError::NoSecretService);
    QVERIFY(!QFileInfo::exists(fresh)); // no store without a key in a keychain
}

void tst_Keychain::noSecretService()
{
    const QString home = m_temp.filePath(QStringLiteral("nosecrets"));
    QDir().mkpath(home);
    const QString dir = m_temp.filePath(QStringLiteral("nosecrets-store"));
    {
        QVERIFY(createStore(dir));
    }
    const auto before = ow::test::snapshot(dir);

    RUN_CHILD(read, Session::NoSecretService, home,
              (QStringList {QStringLiteral("--keychain-read"), QStringLiteral("x")}));
    QCOMPARE(KeychainError(read.error), KeychainError::NoSecretService);
    QVERIFY2(read.message.contains(QLatin1String("org.freedesktop.secrets")), qPrintable(read.message));
    RUN_CHILD(open, Session::NoSecretService, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(open.error), StoreError::NoSecretService);
    QVERIFY(open.message.contains(QDir::toNativeSeparators(dir)));
    QVERIFY(open.message.contains(QLatin1String("org.freedesktop.secrets")));
    QCOMPARE(ow::test::snapshot(dir), before);

    const QString fresh = m_temp.filePath(QStringLiteral("nosecrets-new"));
    RUN_CHILD(create, Session::NoSecretService, home,
              (QStringList {QStringLiteral("--create-store"), fresh}));
    QCOMPARE(StoreError(create.error), StoreError::NoSecretService);
    QVERIFY(!QFileInfo::exists(fresh));
}

// gnome-keyring running, but nobody logged in to create and unlock "login":
// a write fails with "Object does not exist at path …/collection/login", and a
// read says "not found" although the keyring is simply not open.
void tst_Keychain::noLoginKeyring()
{
    const QString home = m_temp.filePath(QStringLiteral("nologin"));
    const QString dir = m_temp.filePath(QStringLiteral("nologin-store"));
    {
        QVERIFY(createStore(dir));
    }
    const auto before = ow::test::snapshot(dir);

    RUN_CHILD(write, Session::KeyringNotUnlocked, home,
              (QStringList {QStringLiteral("--keychain-write"), QStringLiteral("x")}));
    QCOMPARE(KeychainError(write.error), KeychainError::Locked);
    QVERIFY2(write.message.contains(QLatin1String("/collection/login")), qPrintable(write.message));
    RUN_CHILD(read, Session::KeyringNotUnlocked, home,
              (QStringList {QStringLiteral("--keychain-read"), QStringLiteral("x")}));
    QCOMPARE(KeychainError(read.error), KeychainError::Locked);
    RUN_CHILD(open, Session::KeyringNotUnlocked, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(open.error), StoreError::KeychainLocked);
    QVERIFY2(open.message.contains(QLatin1String("Unlock the keyring")), qPrintable(open.message));
    QCOMPARE(ow::test::snapshot(dir), before);
}

// The realistic case: the store was made while the login keyring was open;
// now the keyring exists but is locked.
void tst_Keychain::lockedKeyring()
{
    const QString home = m_temp.filePath(QStringLiteral("locked"));
    const QString dir = m_temp.filePath(QStringLiteral("locked-store"));
    RUN_CHILD(create, Session::KeyringUnlocked, home, (QStringList {QStringLiteral("--create-store"), dir}));
    QCOMPARE(StoreError(create.error), StoreError::None);
    RUN_CHILD(reopen, Session::KeyringUnlocked, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(reopen.error), StoreError::None);
    const auto before = ow::test::snapshot(dir);

    RUN_CHILD(open, Session::KeyringNotUnlocked, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(open.error), StoreError::KeychainLocked);
    QVERIFY(open.message.contains(QDir::toNativeSeparators(dir)));
    QCOMPARE(ow::test::snapshot(dir), before);
    RUN_CHILD(write, Session::KeyringNotUnlocked, home,
              (QStringList {QStringLiteral("--keychain-write"), QStringLiteral("x")}));
    QCOMPARE(KeychainError(write.error), KeychainError::Locked);
    QVERIFY2(write.message.contains(QLatin1String("locked collection")), qPrintable(write.message));

    // Unlocked again, the same key opens the store: the locked read changed nothing.
    RUN_CHILD(again, Session::KeyringUnlocked, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(again.error), StoreError::None);
}

void tst_Keychain::accessDenied()
{
    const QString home = m_temp.filePath(QStringLiteral("denied"));
    QDir().mkpath(home);
    const QString dir = m_temp.filePath(QStringLiteral("denied-store"));
    {
        QVERIFY(createStore(dir));
    }
    const auto before = ow::test::snapshot(dir);

    RUN_CHILD(read, Session::AccessDenied, home,
              (QStringList {QStringLiteral("--keychain-read"), QStringLiteral("x")}));
    QCOMPARE(KeychainError(read.error), KeychainError::AccessDenied);
    QVERIFY2(read.message.contains(QLatin1String("Rejected send message")), qPrintable(read.message));
    RUN_CHILD(open, Session::AccessDenied, home, (QStringList {QStringLiteral("--open-store"), dir}));
    QCOMPARE(StoreError(open.error), StoreError::AccessDenied);
    QVERIFY2(open.message.contains(QLatin1String("access to the keyring was denied")),
             qPrintable(open.message));
    QCOMPARE(ow::test::snapshot(dir), before);
}

namespace {

// Helper mode: one keychain or store operation, result on stdout as
// "error=<code>\n<message>".
int runHelper(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString op = QString::fromLocal8Bit(argv[1]);
    const QString arg = QString::fromLocal8Bit(argv[2]);
    int error = 0;
    QString message;
    if (op == QLatin1String("--keychain-read")) {
        QByteArray secret;
        const KeychainResult result = Keychain().read(arg, &secret);
        error = int(result.error);
        message = result.detail;
    } else if (op == QLatin1String("--keychain-write")) {
        const KeychainResult result = Keychain().write(arg, "value");
        error = int(result.error);
        message = result.detail;
    } else if (op == QLatin1String("--open-store")) {
        StoreStatus status;
        const std::unique_ptr<Store> store = Store::open(arg, &status);
        error = int(status.error);
        message = status.message;
    } else if (op == QLatin1String("--create-store")) {
        StoreCreateOptions options;
        options.withoutEscrow = true;
        StoreStatus status;
        const std::unique_ptr<Store> store = Store::create(arg, options, &status);
        error = int(status.error);
        message = status.message;
    } else {
        return 2;
    }
    std::printf("error=%d\n%s\n", error, message.toUtf8().constData());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    const QByteArrayList helperModes {"--keychain-read", "--keychain-write", "--open-store",
                                      "--create-store"};
    if (argc == 3 && helperModes.contains(QByteArray(argv[1])))
        return runHelper(argc, argv);
    QCoreApplication app(argc, argv);
    tst_Keychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
