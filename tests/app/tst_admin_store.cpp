// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/storage/keyvault.h>
#include <ow/storage/store.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;

// onewindow-admin init / rekey / recover / generate-recovery-key, run as the
// real binary against the fixture's keyring, as an administrator would.
class tst_AdminStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generateRecoveryKey();
    void usageErrors_data();
    void usageErrors();
    void initRekeyRecover();
    void killedDuringRekey();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result admin(const QStringList &arguments);
    static bool oneLine(const QString &text)
    {
        return !text.trimmed().isEmpty() && !text.trimmed().contains(QLatin1Char('\n'));
    }
    static QString storeId(const QString &dir);
    static QStringList rows(const QString &dir, QString *problem, QStringList *notices = nullptr);
    static bool insertRow(const QString &dir, const QString &value);
    void makeRecoveryKey(const QString &path, const QString &algorithm = QStringLiteral("sm2"));

    QString m_program;
};

void tst_AdminStore::initTestCase()
{
    OW_REQUIRE_KEYRING();
    m_program = ow::test::executablePath(QStringLiteral("onewindow-admin"));
    QVERIFY2(QFileInfo(m_program).isExecutable(), qPrintable(m_program + QStringLiteral(" is not built")));
}

tst_AdminStore::Result tst_AdminStore::admin(const QStringList &arguments)
{
    QProcess process;
    process.start(m_program, QStringList {QStringLiteral("--lang"), QStringLiteral("en")} + arguments);
    Result result;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString tst_AdminStore::storeId(const QString &dir)
{
    StoreManifest manifest;
    QString error;
    StoreManifest::load(dir, &manifest, &error);
    return manifest.storeId;
}

QStringList tst_AdminStore::rows(const QString &dir, QString *problem, QStringList *notices)
{
    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(dir, &status);
    if (!store) {
        *problem = status.message;
        return {};
    }
    if (notices)
        *notices = store->notices();
    QStringList values;
    QSqlQuery query(store->database());
    query.exec(QStringLiteral("SELECT value FROM settings WHERE key LIKE 'tst-%' ORDER BY key"));
    while (query.next())
        values << query.value(0).toString();
    return values;
}

bool tst_AdminStore::insertRow(const QString &dir, const QString &value)
{
    StoreStatus status;
    const std::unique_ptr<Store> store = Store::open(dir, &status);
    if (!store)
        return false;
    QSqlQuery query(store->database());
    query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
    query.addBindValue(value);
    query.addBindValue(value);
    return query.exec();
}

void tst_AdminStore::makeRecoveryKey(const QString &path, const QString &algorithm)
{
    const Result made = admin({QStringLiteral("generate-recovery-key"), QStringLiteral("--out"), path,
                               QStringLiteral("--algorithm"), algorithm});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
}

void tst_AdminStore::generateRecoveryKey()
{
    ow::test::TempDataDir temp;
    for (const QString &algorithm : {QStringLiteral("sm2"), QStringLiteral("rsa")}) {
        const QString path = temp.filePath(algorithm + QStringLiteral(".pem"));
        const Result made = admin({QStringLiteral("generate-recovery-key"), QStringLiteral("--out"), path,
                                   QStringLiteral("--algorithm"), algorithm});
        QCOMPARE(made.exitCode, 0);
        QVERIFY(made.out.contains(QLatin1String("Fingerprint: SHA256:")));
        QVERIFY(made.out.contains(algorithm == QLatin1String("sm2") ? QLatin1String("SM2-SM3")
                                                                    : QLatin1String("RSA-OAEP-SHA256")));
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QVERIFY(QFileInfo::exists(path + QStringLiteral(".pub")));

        const Result again = admin({QStringLiteral("generate-recovery-key"), QStringLiteral("--out"), path});
        QCOMPARE(again.exitCode, 3);
        QVERIFY2(oneLine(again.err), qPrintable(again.err));
    }
}

void tst_AdminStore::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("init without dir") << QStringList {QStringLiteral("init")};
    QTest::newRow("init both") << QStringList {QStringLiteral("init"),
                                               QStringLiteral("--data-dir"),
                                               QStringLiteral("/tmp/x"),
                                               QStringLiteral("--no-escrow"),
                                               QStringLiteral("--recovery-public-key"),
                                               QStringLiteral("k")};
    QTest::newRow("init unknown option") << QStringList {QStringLiteral("init"), QStringLiteral("--data-dir"),
                                                         QStringLiteral("/tmp/x"), QStringLiteral("--bogus")};
    QTest::newRow("rekey without dir") << QStringList {QStringLiteral("rekey")};
    QTest::newRow("recover without key")
        << QStringList {QStringLiteral("recover"), QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")};
    QTest::newRow("generate without out") << QStringList {QStringLiteral("generate-recovery-key")};
    QTest::newRow("generate bad algorithm")
        << QStringList {QStringLiteral("generate-recovery-key"), QStringLiteral("--out"),
                        QStringLiteral("/tmp/x"), QStringLiteral("--algorithm"), QStringLiteral("dsa")};
}

void tst_AdminStore::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Result result = admin(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(oneLine(result.err), qPrintable(result.err));
    QVERIFY(result.err.contains(QLatin1String("Usage: onewindow-admin")));
}

void tst_AdminStore::initRekeyRecover()
{
    ow::test::TempDataDir temp;
    const QString key = temp.filePath(QStringLiteral("recovery.pem"));
    makeRecoveryKey(key);
    const QString dir = temp.filePath(QStringLiteral("data"));

    // No recovery key and no explicit --no-escrow: refused, nothing made.
    Result result = admin({QStringLiteral("init"), QStringLiteral("--data-dir"), dir});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(oneLine(result.err), qPrintable(result.err));
    QVERIFY(result.err.contains(QLatin1String("--no-escrow")));
    QVERIFY(!QFileInfo::exists(dir));

    result = admin({QStringLiteral("init"), QStringLiteral("--data-dir"), dir,
                    QStringLiteral("--recovery-public-key"), key + QStringLiteral(".pub")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QLatin1String("Created store")));
    QVERIFY(result.out.contains(QLatin1String("SM2-SM3")));
    const QString id = storeId(dir);
    QVERIFY(!id.isEmpty());
    QVERIFY(insertRow(dir, QStringLiteral("tst-a")));

    result
        = admin({QStringLiteral("init"), QStringLiteral("--data-dir"), dir, QStringLiteral("--no-escrow")});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(oneLine(result.err), qPrintable(result.err));
    QVERIFY(result.err.contains(QLatin1String("already")));

    // A private key is not a recovery *public* key.
    result = admin({QStringLiteral("init"), QStringLiteral("--data-dir"),
                    temp.filePath(QStringLiteral("other")), QStringLiteral("--recovery-public-key"), key});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(oneLine(result.err), qPrintable(result.err));

    SecretKey before;
    QVERIFY(KeyVault(id).read(KeySlot::Current, &before).ok());
    result = admin({QStringLiteral("rekey"), QStringLiteral("--data-dir"), dir});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    SecretKey after;
    QVERIFY(KeyVault(id).read(KeySlot::Current, &after).ok());
    QVERIFY(!(after == before));

    // The keyring is reset: rekey cannot open the store and says how to recover.
    QVERIFY(KeyVault(id).remove(KeySlot::Current).ok());
    result = admin({QStringLiteral("rekey"), QStringLiteral("--data-dir"), dir});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(oneLine(result.err), qPrintable(result.err));
    QVERIFY(result.err.contains(QLatin1String("onewindow-admin recover --data-dir")));

    // The wrong recovery key does not help, and changes nothing.
    const QString foreign = temp.filePath(QStringLiteral("foreign.pem"));
    makeRecoveryKey(foreign);
    result = admin({QStringLiteral("recover"), QStringLiteral("--data-dir"), dir,
                    QStringLiteral("--recovery-key"), foreign});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(oneLine(result.err), qPrintable(result.err));
    SecretKey none;
    QCOMPARE(KeyVault(id).read(KeySlot::Current, &none).error, KeychainError::EntryMissing);

    result = admin({QStringLiteral("recover"), QStringLiteral("--data-dir"), dir,
                    QStringLiteral("--recovery-key"), key});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    SecretKey recovered;
    QVERIFY(KeyVault(id).read(KeySlot::Current, &recovered).ok());
    QVERIFY(recovered == after);
    QString problem;
    QCOMPARE(rows(dir, &problem), QStringList {QStringLiteral("tst-a")});

    result = admin({QStringLiteral("rekey"), QStringLiteral("--data-dir"), dir});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(rows(dir, &problem), QStringList {QStringLiteral("tst-a")});
}

// SIGKILL at random moments of a rotation: after every kill the store opens
// with its data, and the escrow can still restore it.
void tst_AdminStore::killedDuringRekey()
{
    ow::test::TempDataDir temp;
    const QString key = temp.filePath(QStringLiteral("recovery.pem"));
    makeRecoveryKey(key, QStringLiteral("rsa"));
    const QString dir = temp.filePath(QStringLiteral("data"));
    Result result = admin({QStringLiteral("init"), QStringLiteral("--data-dir"), dir,
                           QStringLiteral("--recovery-public-key"), key + QStringLiteral(".pub")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(insertRow(dir, QStringLiteral("tst-a")));
    const QString id = storeId(dir);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ASAN_OPTIONS"),
               env.value(QStringLiteral("ASAN_OPTIONS"))
                   + QStringLiteral(":detect_leaks=0")); // a killed process leaks
    const auto startRekey = [&](QProcess &process) {
        process.setProcessEnvironment(env);
        process.start(m_program, {QStringLiteral("rekey"), QStringLiteral("--data-dir"), dir});
        return process.waitForStarted();
    };
    // Kill moments spread over the whole run, however fast this machine is.
    QElapsedTimer timer;
    timer.start();
    {
        QProcess process;
        QVERIFY(startRekey(process));
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
    }
    const int runMs = int(qMax<qint64>(timer.elapsed(), 20));

    int killed = 0;
    QMap<QString, int> outcomes;
    for (int round = 0; round < 40; ++round) {
        QProcess process;
        QVERIFY(startRekey(process));
        QTest::qSleep(QRandomGenerator::global()->bounded(runMs + runMs / 5));
        if (!process.waitForFinished(0)) {
            process.kill();
            ++killed;
        }
        process.waitForFinished();
        QString problem;
        QStringList notices;
        QCOMPARE(rows(dir, &problem, &notices), QStringList {QStringLiteral("tst-a")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString all = notices.join(QLatin1Char(' '));
        ++outcomes[all.contains(QLatin1String("was finished")) ? QStringLiteral("rotation finished on open")
                       : all.contains(QLatin1String("had not reached"))
                       ? QStringLiteral("rotation dropped on open")
                       : all.isEmpty() ? QStringLiteral("clean")
                                       : all];
    }
    qInfo("a rotation takes ~%d ms; killed %d of 40 while running", runMs, killed);
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        qInfo("%3d x %s", it.value(), qPrintable(it.key()));

    // After all that, the escrow still restores a lost keyring.
    QVERIFY(KeyVault(id).remove(KeySlot::Current).ok());
    QVERIFY(KeyVault(id).remove(KeySlot::Pending).ok());
    result = admin({QStringLiteral("recover"), QStringLiteral("--data-dir"), dir,
                    QStringLiteral("--recovery-key"), key});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QString problem;
    QCOMPARE(rows(dir, &problem), QStringList {QStringLiteral("tst-a")});
}

QTEST_GUILESS_MAIN(tst_AdminStore)
#include "tst_admin_store.moc"
