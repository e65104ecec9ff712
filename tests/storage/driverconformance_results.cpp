// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
// Conformance cases on results and metadata: scrolling, transactions, records, tables, errors.
#include "driverconformance.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

void DriverConformance::scrolling_data()
{
    QTest::addColumn<bool>("forwardOnly");
    QTest::newRow("forward-only") << true;
    QTest::newRow("scrollable") << false;
}

void DriverConformance::scrolling()
{
    QFETCH(bool, forwardOnly);
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (n) VALUES (?)")));
    for (int n = 1; n <= 10; ++n) {
        query.addBindValue(n);
        QVERIFY(query.exec());
    }
    QSqlQuery select(db());
    select.setForwardOnly(forwardOnly);
    QVERIFY(select.exec(QStringLiteral("SELECT n FROM t ORDER BY n")));
    QVERIFY(select.isSelect());
    QCOMPARE(select.isForwardOnly(), forwardOnly);
    QCOMPARE(select.size(), -1);
    QCOMPARE(select.at(), int(QSql::BeforeFirstRow));
    QStringList seen;
    if (forwardOnly) {
        while (select.next())
            seen.append(QString::number(select.value(0).toInt()) + u'@' + QString::number(select.at()));
        QCOMPARE(seen.size(), 10);
        QCOMPARE(seen.constLast(), QStringLiteral("10@9"));
        QCOMPARE(select.at(), int(QSql::AfterLastRow));
        QVERIFY(!select.next());
    } else {
        const auto where = [&select] {
            return select.isValid() ? select.value(0).toInt() : -1;
        };
        QVERIFY(select.next());
        QCOMPARE(where(), 1);
        QVERIFY(select.last());
        QCOMPARE(where(), 10);
        QCOMPARE(select.at(), 9);
        QVERIFY(select.previous());
        QCOMPARE(where(), 9);
        QVERIFY(select.first());
        QCOMPARE(where(), 1);
        QVERIFY(select.seek(4));
        QCOMPARE(where(), 5);
        QVERIFY(select.seek(2, true));
        QCOMPARE(where(), 7);
        QVERIFY(select.seek(-3, true));
        QCOMPARE(where(), 4);
        QVERIFY(!select.seek(100));
        QCOMPARE(select.at(), int(QSql::AfterLastRow));
        QVERIFY(select.previous());
        QCOMPARE(where(), 10);
        QVERIFY(select.first());
        QVERIFY(!select.previous());
        QCOMPARE(select.at(), int(QSql::BeforeFirstRow));
        QVERIFY(select.next());
        QCOMPARE(where(), 1);
    }
    m_dump.append(QStringLiteral("scrolling forwardOnly=%1: %2").arg(forwardOnly).arg(seen.join(u' ')));
}

void DriverConformance::forwardOnlySeek()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (n) VALUES (1), (2), (3), (4), (5)")));
    QSqlQuery select(db());
    select.setForwardOnly(true);
    QVERIFY(select.exec(QStringLiteral("SELECT n FROM t ORDER BY n")));
    QVERIFY(select.seek(2));
    QCOMPARE(select.value(0).toInt(), 3);
    QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::seek: cannot seek backwards in a forward only query");
    QVERIFY(!select.seek(0));
    QVERIFY(select.next());
    QCOMPARE(select.value(0).toInt(), 4);
    QVERIFY(select.last());
    QCOMPARE(select.value(0).toInt(), 5);
    QCOMPARE(select.at(), 4);
}

void DriverConformance::emptyResult()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER, s TEXT)")));
    for (const bool forwardOnly : {true, false}) {
        QSqlQuery select(db());
        select.setForwardOnly(forwardOnly);
        QVERIFY(select.exec(QStringLiteral("SELECT n, s FROM t")));
        QVERIFY(select.isActive());
        QVERIFY(select.isSelect());
        QVERIFY(!select.next());
        QVERIFY(!select.first());
        // Not compared: QSQLITE's last() returns true on an empty forward-only result.
        const QSqlRecord record = select.record();
        QCOMPARE(record.count(), 2);
        QCOMPARE(record.field(0).name(), QStringLiteral("n"));
        QCOMPARE(record.field(0).metaType(), QMetaType::fromType<int>());
        QCOMPARE(record.field(0).tableName(), QStringLiteral("t"));
        QCOMPARE(record.field(1).metaType(), QMetaType::fromType<QString>());
    }
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (n) VALUES (1)")));
    QVERIFY(!query.isSelect());
    QVERIFY(query.isActive());
    QVERIFY(!query.next());
    QVERIFY(query.record().isEmpty());
}

void DriverConformance::transactions()
{
    QSqlDatabase database = db();
    QSqlQuery query(database);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER)")));
    QVERIFY(database.driver()->hasFeature(QSqlDriver::Transactions));

    QVERIFY(database.transaction());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (n) VALUES (1)")));
    QVERIFY(!database.transaction()); // no nesting
    QVERIFY(database.rollback());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);

    QVERIFY(database.transaction());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (n) VALUES (2)")));
    QVERIFY(database.commit());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(!database.commit()); // nothing to commit
    m_dump.append(QStringLiteral("transactions: commit without transaction: ")
                  + database.lastError().databaseText());
    QCOMPARE(database.lastError().databaseText(), QStringLiteral("cannot commit - no transaction is active"));
}

void DriverConformance::lastInsertId()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")));
    QVERIFY(db().driver()->hasFeature(QSqlDriver::LastInsertId));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (s) VALUES ('a')")));
    QCOMPARE(query.lastInsertId(), QVariant(qint64(1)));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (id, s) VALUES (?, ?)")));
    query.addBindValue(41);
    query.addBindValue(QStringLiteral("b"));
    QVERIFY(query.exec());
    QCOMPARE(query.lastInsertId(), QVariant(qint64(41)));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (s) VALUES ('c')")));
    QCOMPARE(query.lastInsertId().toLongLong(), 42);
}

void DriverConformance::rowsAffected()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t (n) VALUES (1), (2), (3), (4)")));
    QCOMPARE(query.numRowsAffected(), 4);
    QVERIFY(query.exec(QStringLiteral("UPDATE t SET n = n + 10 WHERE n > 1")));
    QCOMPARE(query.numRowsAffected(), 3);
    QVERIFY(query.exec(QStringLiteral("DELETE FROM t WHERE n = 99")));
    QCOMPARE(query.numRowsAffected(), 0);
    QVERIFY(query.exec(QStringLiteral("DELETE FROM t WHERE n > 12")));
    QCOMPARE(query.numRowsAffected(), 2);
}

void DriverConformance::resultRecord()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount REAL, data BLOB, flag BOOLEAN, "
        "at DATETIME)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (1, '王五', 2.5, x'00', 1, '2026-01-01')")));
    QVERIFY2(query.exec(QStringLiteral("SELECT id, name AS \"applicant\", amount, data, flag, at, 1 + 1, "
                                       "'x' || name AS label, NULL AS empty_value FROM t")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    const QSqlRecord record = query.record();
    QStringList fields;
    for (int i = 0; i < record.count(); ++i) {
        const QSqlField field = record.field(i);
        fields.append(
            QStringLiteral("%1:%2:%3")
                .arg(field.name(), QString::fromLatin1(field.metaType().name()), field.tableName()));
    }
    m_dump.append(QStringLiteral("resultRecord: ") + fields.join(u' '));
    QCOMPARE(fields,
             QStringList({
                 QStringLiteral("id:int:t"),
                 QStringLiteral("applicant:QString:t"),
                 QStringLiteral("amount:double:t"),
                 QStringLiteral("data:QByteArray:t"),
                 QStringLiteral("flag:bool:t"),
                 QStringLiteral("at:QString:t"),
                 QStringLiteral("1 + 1:int:"),
                 QStringLiteral("label:QString:"),
                 QStringLiteral("empty_value::"),
             }));
    QCOMPARE(record.indexOf(QStringLiteral("applicant")), 1);
    QCOMPARE(query.value(QStringLiteral("applicant")).toString(), QStringLiteral("王五"));
}

void DriverConformance::tableRecord()
{
    QSqlQuery query(db());
    QVERIFY(
        query.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL DEFAULT 'A1', "
                                  "n INT DEFAULT 3, data BLOB)")));
    const QSqlRecord record = db().record(QStringLiteral("t"));
    QStringList fields;
    for (int i = 0; i < record.count(); ++i)
        fields.append(describe(record.field(i)));
    m_dump.append(QStringLiteral("tableRecord: ") + fields.join(QStringLiteral("; ")));
    QCOMPARE(fields,
             QStringList({
                 QStringLiteral("id int table=t required=0 auto=1 default=QString:"),
                 QStringLiteral("code QString table=t required=1 auto=0 default=QString:A1"),
                 QStringLiteral("n int table=t required=0 auto=0 default=QString:3"),
                 QStringLiteral("data QByteArray table=t required=0 auto=0 default=QString:"),
             }));
    QVERIFY(db().record(QStringLiteral("missing")).isEmpty());
}

void DriverConformance::tablesAndViews()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE b (n INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE a (n INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("CREATE VIEW w AS SELECT n FROM a")));
    QStringList tables = db().tables(QSql::Tables);
    tables.sort();
    QCOMPARE(tables, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(db().tables(QSql::Views), QStringList({QStringLiteral("w")}));
    QStringList all = db().tables(QSql::AllTables);
    all.sort();
    QCOMPARE(all,
             QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("sqlite_master"),
                          QStringLiteral("w")}));
    QVERIFY(query.exec(QStringLiteral("DROP VIEW w")));
}

void DriverConformance::primaryIndex()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE single (id TEXT PRIMARY KEY, n INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE pair (a TEXT, b INTEGER, c TEXT, PRIMARY KEY (a, b))")));
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE none (a TEXT)")));
    const auto names = [](const QSqlIndex &index) {
        QStringList result;
        for (int i = 0; i < index.count(); ++i)
            result.append(index.fieldName(i));
        return result;
    };
    QCOMPARE(names(db().primaryIndex(QStringLiteral("single"))), QStringList({QStringLiteral("id")}));
    QCOMPARE(names(db().primaryIndex(QStringLiteral("pair"))),
             QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(db().primaryIndex(QStringLiteral("none")).isEmpty());
    QCOMPARE(db().primaryIndex(QStringLiteral("single")).field(0).tableName(), QStringLiteral("single"));
}

void DriverConformance::errors_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("nativeCode");
    QTest::addColumn<QString>("databaseText");

    const QString unique = QStringLiteral("CREATE TABLE u (k TEXT UNIQUE)\nINSERT INTO u VALUES ('x')");
    QTest::newRow("syntax") << QString() << QStringLiteral("SELEKT 1") << QStringLiteral("1")
                            << QStringLiteral("near \"SELEKT\": syntax error");
    QTest::newRow("no such table") << QString() << QStringLiteral("SELECT * FROM missing")
                                   << QStringLiteral("1") << QStringLiteral("no such table: missing");
    QTest::newRow("unique") << unique << QStringLiteral("INSERT INTO u VALUES ('x')")
                            << QStringLiteral("2067") << QStringLiteral("UNIQUE constraint failed: u.k");
    QTest::newRow("not null") << QStringLiteral("CREATE TABLE nn (k TEXT NOT NULL)")
                              << QStringLiteral("INSERT INTO nn VALUES (NULL)") << QStringLiteral("1299")
                              << QStringLiteral("NOT NULL constraint failed: nn.k");
    QTest::newRow("raise") << QStringLiteral(
        "CREATE TABLE r (k TEXT)\nCREATE TRIGGER r_no BEFORE INSERT ON r "
        "BEGIN SELECT RAISE(ABORT, 'append-only'); END")
                           << QStringLiteral("INSERT INTO r VALUES ('x')") << QStringLiteral("1811")
                           << QStringLiteral("append-only");
}

void DriverConformance::errors()
{
    QFETCH(QString, setup);
    QFETCH(QString, statement);
    QFETCH(QString, nativeCode);
    QFETCH(QString, databaseText);
    QSqlQuery query(db());
    const QStringList setupStatements = setup.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &sql : setupStatements)
        QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    QVERIFY(!query.exec(statement));
    const QSqlError error = query.lastError();
    QVERIFY(error.isValid());
    m_dump.append(QStringLiteral("errors %1: %2 %3")
                      .arg(QString::fromLatin1(QTest::currentDataTag()), error.nativeErrorCode(),
                           error.databaseText()));
    QCOMPARE(error.nativeErrorCode(), nativeCode);
    QCOMPARE(error.databaseText(), databaseText);
    QVERIFY(!query.isActive());
    // Two statements at once are refused rather than half-executed.
    QVERIFY(!query.exec(QStringLiteral("SELECT 1; SELECT 2")));
}

void DriverConformance::parameterCountMismatch()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (a INTEGER, b INTEGER)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?)")));
    query.addBindValue(1);
    QVERIFY(!query.exec());
    QCOMPARE(query.lastError().type(), QSqlError::StatementError);
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void DriverConformance::finishAndReuse()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (1), (2), (3)")));
    QSqlQuery select(db());
    select.setForwardOnly(true);
    QVERIFY(select.prepare(QStringLiteral("SELECT n FROM t WHERE n >= ? ORDER BY n")));
    select.addBindValue(2);
    QVERIFY(select.exec() && select.next());
    QCOMPARE(select.value(0).toInt(), 2);
    select.finish();
    QVERIFY(!select.isActive());
    select.addBindValue(1);
    QVERIFY(select.exec() && select.next());
    QCOMPARE(select.value(0).toInt(), 1);
    // A writer in the same connection is not blocked by a reader left on a row.
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (4)")));
    select.finish();
}

void DriverConformance::escapeIdentifier()
{
    const QSqlDriver *driver = db().driver();
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("case number"), QSqlDriver::FieldName),
             QStringLiteral("\"case number\""));
    QCOMPARE(driver->escapeIdentifier(QStringLiteral("\"done\""), QSqlDriver::TableName),
             QStringLiteral("\"done\""));
    QVERIFY(driver->isIdentifierEscaped(QStringLiteral("\"x\""), QSqlDriver::TableName));
    QVERIFY(!driver->isIdentifierEscaped(QStringLiteral("x"), QSqlDriver::TableName));
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE \"申请 人\" (\"姓 名\" TEXT)")));
    QCOMPARE(db().record(QStringLiteral("申请 人")).fieldName(0), QStringLiteral("姓 名"));
}
