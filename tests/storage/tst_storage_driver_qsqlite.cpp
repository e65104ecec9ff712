// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "driverconformance.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTest>

// The conformance cases on Qt's own QSQLITE driver. This binary links neither
// ow::storage nor SQLCipher, so QSQLITE gets the system libsqlite3.
class TstStorageDriverQSqlite : public DriverConformance
{
    Q_OBJECT

public:
    TstStorageDriverQSqlite()
        : DriverConformance(QStringLiteral("QSQLITE"))
    { }

protected:
    QString unavailableReason() const override
    {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
            return QStringLiteral(
                "Qt's QSQLITE driver is not installed (Debian: libqt6sql6-sqlite, listed in "
                "scripts/setup-deps.sh)");
        }
        return {};
    }

    QSqlDatabase openDatabase(const QString &path, const QString &connectionName) override
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(path);
        db.open();
        return db;
    }

private slots:
    void withoutSqlCipher()
    {
        QFile maps(QStringLiteral("/proc/self/maps"));
        if (!maps.open(QIODevice::ReadOnly))
            QSKIP("no /proc/self/maps here");
        const QByteArray mapped = maps.readAll();
        QVERIFY2(!mapped.contains("libsqlcipher"), "SQLCipher must not be loaded next to QSQLITE");
        QVERIFY(mapped.contains("libsqlite3"));
    }
};

QTEST_GUILESS_MAIN(TstStorageDriverQSqlite)
#include "tst_storage_driver_qsqlite.moc"
