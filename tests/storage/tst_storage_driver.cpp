// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "driverconformance.h"

#include "ow/storage/database.h"
#include "ow/storage/sqlcipherdriver.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace ow::storage;

namespace {

QByteArray randomKey()
{
    QByteArray key(Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    return key;
}

} // namespace

// The conformance cases on QSQLCIPHER (on an encrypted store), and what only QSQLCIPHER has.
class TstStorageDriver : public DriverConformance
{
    Q_OBJECT

public:
    TstStorageDriver()
        : DriverConformance(sqlCipherDriverName())
    {
        registerSqlCipherDriver();
    }

protected:
    QSqlDatabase openDatabase(const QString &path, const QString &connectionName) override
    {
        const Database::OpenResult result
            = Database::open(path, randomKey(), connectionName, Database::Mode::CreateNew);
        if (!result.ok())
            qWarning("%s", qPrintable(result.message));
        return result.db;
    }

    void closeDatabase(const QString &connectionName) override { Database::close(connectionName); }

private slots:
    void registration()
    {
        registerSqlCipherDriver();
        registerSqlCipherDriver();
        QCOMPARE(QSqlDatabase::drivers().count(sqlCipherDriverName()), 1);
        QVERIFY(QSqlDatabase::isDriverAvailable(sqlCipherDriverName()));
    }

    void features()
    {
        const QSqlDriver *driver = db().driver();
        for (const auto feature :
             {QSqlDriver::Transactions, QSqlDriver::BLOB, QSqlDriver::Unicode, QSqlDriver::PreparedQueries,
              QSqlDriver::PositionalPlaceholders, QSqlDriver::LastInsertId, QSqlDriver::SimpleLocking,
              QSqlDriver::LowPrecisionNumbers, QSqlDriver::FinishQuery})
            QVERIFY2(driver->hasFeature(feature), qPrintable(QString::number(feature)));
        // Emulated by QSqlResult or not offered.
        for (const auto feature :
             {QSqlDriver::QuerySize, QSqlDriver::NamedPlaceholders, QSqlDriver::BatchOperations,
              QSqlDriver::EventNotifications, QSqlDriver::MultipleResultSets, QSqlDriver::CancelQuery})
            QVERIFY2(!driver->hasFeature(feature), qPrintable(QString::number(feature)));
    }

    void handles()
    {
        QCOMPARE(db().driver()->handle().typeName(), "sqlite3*");
        QSqlQuery query(db());
        QVERIFY(query.prepare(QStringLiteral("SELECT 1")));
        QCOMPARE(query.driver()->handle().isValid(), true);
    }

    void connectOptions()
    {
        const QString path = dataDir().filePath(QStringLiteral("options.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(sqlCipherDriverName(), QStringLiteral("options"));
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLCIPHER_OPEN_EXISTING"));
            QVERIFY(!db.open());
            QCOMPARE(db.lastError().nativeErrorCode(), QStringLiteral("14")); // SQLITE_CANTOPEN
            QVERIFY(!QFile::exists(path));

            db.setConnectOptions(QStringLiteral("QSQLCIPHER_NO_SUCH_OPTION"));
            QVERIFY(!db.open());
            QVERIFY(db.lastError().databaseText().contains(QLatin1String("QSQLCIPHER_NO_SUCH_OPTION")));

            db.setConnectOptions(QString());
            db.setPassword(QStringLiteral("secret"));
            QVERIFY(!db.open());
            QVERIFY(!QFile::exists(path));

            db.setPassword(QString());
            db.setConnectOptions(QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=100"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (n INTEGER)"));
            db.close();

            db.setConnectOptions(QStringLiteral("QSQLCIPHER_OPEN_READONLY"));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")));
            QVERIFY(!query.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
            QCOMPARE(query.lastError().nativeErrorCode().toInt() & 0xff, 8); // SQLITE_READONLY
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("options"));
    }

    void busyTimeout()
    {
        const QString path = dataDir().filePath(QStringLiteral("busy.db"));
        const auto connect = [&path](const QString &name, int timeoutMs) {
            QSqlDatabase db = QSqlDatabase::addDatabase(sqlCipherDriverName(), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=%1").arg(timeoutMs));
            return db;
        };
        {
            QSqlDatabase writer = connect(QStringLiteral("writer"), 0);
            QSqlDatabase waiter = connect(QStringLiteral("waiter"), 300);
            QVERIFY(writer.open());
            QVERIFY(waiter.open());
            QVERIFY(writer.transaction());
            QElapsedTimer timer;
            timer.start();
            QVERIFY(!waiter.transaction());
            QVERIFY2(timer.elapsed() >= 250, qPrintable(QString::number(timer.elapsed())));
            QCOMPARE(waiter.lastError().nativeErrorCode(), QStringLiteral("5")); // SQLITE_BUSY
            QCOMPARE(waiter.lastError().databaseText(), QStringLiteral("database is locked"));
            QVERIFY(writer.commit());
            QVERIFY(waiter.transaction());
            QVERIFY(waiter.rollback());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
        QSqlDatabase::removeDatabase(QStringLiteral("waiter"));
    }
};

QTEST_GUILESS_MAIN(TstStorageDriver)
#include "tst_storage_driver.moc"
