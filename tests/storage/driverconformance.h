// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/test/tempdatadir.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlField>
#include <QStringList>

// Driver conformance cases shared by tst_storage_driver (QSQLCIPHER) and
// tst_storage_driver_qsqlite (Qt's QSQLITE, in a binary without SQLCipher).
// Both assert the same expected results, so code written against one behaves
// the same on the other. This file must not use ow::storage.
class DriverConformance : public QObject
{
    Q_OBJECT

protected:
    explicit DriverConformance(const QString &driverName);
    // A fresh, empty database file at `path` as the connection `connectionName`.
    virtual QSqlDatabase openDatabase(const QString &path, const QString &connectionName) = 0;
    virtual void closeDatabase(const QString &connectionName);
    // Empty when the driver can run here, else why not (the tests are skipped).
    virtual QString unavailableReason() const;

    QSqlDatabase db() const;
    QString driverName() const { return m_driverName; }
    ow::test::TempDataDir &dataDir() { return m_dir; }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void values_data();
    void values();
    void repeatedNamedPlaceholder();
    void namedPlaceholdersInAnyOrder();
    void scrolling_data();
    void scrolling();
    void forwardOnlySeek();
    void emptyResult();
    void transactions();
    void lastInsertId();
    void rowsAffected();
    void resultRecord();
    void tableRecord();
    void tablesAndViews();
    void primaryIndex();
    void errors_data();
    void errors();
    void parameterCountMismatch();
    void largeBlob();
    void batch();
    void precisionPolicy();
    void finishAndReuse();
    void escapeIdentifier();

private:
    static QString describe(const QVariant &value);
    static QString describe(const QSqlField &field);

    QString m_driverName;
    QString m_connection;
    ow::test::TempDataDir m_dir;
    QStringList m_dump; // normalised results, written out for comparison by hand
};
