// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
// Conformance cases on values and binding; results and metadata are in driverconformance_results.cpp.
#include "driverconformance.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUuid>

#include <limits>

namespace {

enum class Binding { Positional, Named, Added };

} // namespace

// A value as "type:text", so that both drivers' results compare as strings.
QString DriverConformance::describe(const QVariant &value)
{
    const QString type = value.metaType().isValid() ? QString::fromLatin1(value.metaType().name())
                                                    : QStringLiteral("invalid");
    if (value.isNull())
        return QStringLiteral("null:") + type;
    if (value.typeId() == QMetaType::QByteArray)
        return QStringLiteral("bytes:") + QString::fromLatin1(value.toByteArray().toHex());
    QString text;
    for (const QChar c : value.toString()) {
        if (c.unicode() < 0x20)
            text += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            text += c;
    }
    return type + u':' + text;
}

QString DriverConformance::describe(const QSqlField &field)
{
    return QStringLiteral("%1 %2 table=%3 required=%4 auto=%5 default=%6")
        .arg(field.name(), QString::fromLatin1(field.metaType().name()), field.tableName())
        .arg(int(field.requiredStatus()))
        .arg(field.isAutoValue())
        .arg(describe(field.defaultValue()));
}

DriverConformance::DriverConformance(const QString &driverName)
    : m_driverName(driverName)
    , m_connection(QStringLiteral("conformance"))
{ }

void DriverConformance::closeDatabase(const QString &connectionName)
{
    {
        QSqlDatabase database = QSqlDatabase::database(connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString DriverConformance::unavailableReason() const
{
    return {};
}

QSqlDatabase DriverConformance::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

void DriverConformance::initTestCase()
{
    const QString reason = unavailableReason();
    if (!reason.isEmpty()) {
        m_dump.append(QStringLiteral("skipped: ") + reason);
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    const QSqlDatabase database
        = openDatabase(m_dir.filePath(QStringLiteral("conformance.db")), m_connection);
    QVERIFY2(database.isOpen(), qPrintable(database.lastError().text()));
    QCOMPARE(database.driverName(), m_driverName);
}

void DriverConformance::cleanupTestCase()
{
    if (QSqlDatabase::contains(m_connection))
        closeDatabase(m_connection);
    // CTest compares the two drivers' files (tests/storage/comparedumps.cmake).
    const QString dumpDir = qEnvironmentVariable("OW_CONFORMANCE_DUMP_DIR");
    if (!dumpDir.isEmpty()) {
        QDir().mkpath(dumpDir);
        QFile file(dumpDir + QStringLiteral("/conformance-") + m_driverName + QStringLiteral(".txt"));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(m_dump.join(u'\n').toUtf8() + '\n');
    }
}

void DriverConformance::init()
{
    QSqlQuery query(db());
    const QStringList tables = db().tables(QSql::Tables);
    for (const QString &table : tables) {
        if (!table.startsWith(QLatin1String("sqlite_")))
            QVERIFY2(query.exec(QStringLiteral("DROP TABLE \"%1\"").arg(table)),
                     qPrintable(query.lastError().text()));
    }
    const QStringList views = db().tables(QSql::Views);
    for (const QString &view : views)
        QVERIFY(query.exec(QStringLiteral("DROP VIEW \"%1\"").arg(view)));
}

void DriverConformance::values_data()
{
    QTest::addColumn<QVariant>("input");
    QTest::addColumn<QString>("declaredType");
    QTest::addColumn<QString>("expected"); // value read back | typeof()

    struct Case
    {
        const char *name;
        QVariant input;
        const char *declaredType;
        const char *expected;
    };
    const QDateTime utc(QDate(2026, 3, 15), QTime(8, 30, 5, 120), Qt::UTC);
    const QUuid uuid(QStringLiteral("{0190f0a8-7b1c-7c3e-9d2a-3b4c5d6e7f80}"));
    const QList<Case> cases = {
        {"invalid variant", QVariant(), "", "null:QString|null"},
        {"null string", QVariant(QString()), "TEXT", "null:QString|null"},
        {"null bytes", QVariant(QByteArray()), "BLOB", "null:QString|null"},
        {"null date", QVariant(QDate()), "TEXT", "null:QString|null"},
        {"null uuid", QVariant(QUuid()), "TEXT", "null:QString|null"},
        {"int", QVariant(42), "INTEGER", "qlonglong:42|integer"},
        {"negative int untyped", QVariant(-7), "", "qlonglong:-7|integer"},
        {"bool true", QVariant(true), "BOOLEAN", "qlonglong:1|integer"},
        {"bool false", QVariant(false), "INTEGER", "qlonglong:0|integer"},
        {"uint", QVariant(4000000000u), "INTEGER", "qlonglong:4000000000|integer"},
        {"qint64 max", QVariant(std::numeric_limits<qint64>::max()), "INTEGER",
         "qlonglong:9223372036854775807|integer"},
        {"qint64 min", QVariant(std::numeric_limits<qint64>::min()), "",
         "qlonglong:-9223372036854775808|integer"},
        {"quint64 small", QVariant(quint64(42)), "INTEGER", "qlonglong:42|integer"},
        {"quint64 max as text", QVariant(std::numeric_limits<quint64>::max()), "TEXT",
         "QString:18446744073709551615|text"},
        {"double", QVariant(0.1), "REAL", "double:0.1|real"},
        {"double whole", QVariant(2.0), "REAL", "double:2|real"},
        {"double large", QVariant(1.5e300), "", "double:1.5e+300|real"},
        {"double in integer column", QVariant(3.0), "INTEGER", "qlonglong:3|integer"},
        {"float", QVariant(1.5f), "REAL", "double:1.5|real"},
        {"ascii text", QVariant(QStringLiteral("hello")), "TEXT", "QString:hello|text"},
        {"chinese text", QVariant(QStringLiteral("张三丰 浙江省杭州市")), "TEXT",
         "QString:张三丰 浙江省杭州市|text"},
        {"empty text", QVariant(QStringLiteral("")), "TEXT", "QString:|text"},
        {"text with nul", QVariant(QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"))), "TEXT",
         "QString:a\\x00b|text"},
        {"astral text", QVariant(QStringLiteral("𠀀😀")), "TEXT", "QString:𠀀😀|text"},
        {"digits in integer column", QVariant(QStringLiteral("0123")), "INTEGER", "qlonglong:123|integer"},
        {"id number as text", QVariant(QStringLiteral("330102199003071234")), "TEXT",
         "QString:330102199003071234|text"},
        {"blob", QVariant(QByteArray("\x00\x01\xfe\xff", 4)), "BLOB", "bytes:0001feff|blob"},
        {"empty blob", QVariant(QByteArray("")), "BLOB", "bytes:|blob"},
        {"date", QVariant(QDate(2026, 3, 15)), "TEXT", "QString:2026-03-15|text"},
        {"time", QVariant(QTime(8, 30, 5, 120)), "TEXT", "QString:08:30:05.120|text"},
        {"datetime utc", QVariant(utc), "TEXT", "QString:2026-03-15T08:30:05.120Z|text"},
        {"datetime offset", QVariant(utc.toOffsetFromUtc(8 * 3600)), "TEXT",
         "QString:2026-03-15T16:30:05.120+08:00|text"},
        {"uuid", QVariant(uuid), "TEXT", "QString:{0190f0a8-7b1c-7c3e-9d2a-3b4c5d6e7f80}|text"},
    };
    const QList<std::pair<Binding, const char *>> bindings
        = {{Binding::Positional, "positional"}, {Binding::Named, "named"}, {Binding::Added, "addBindValue"}};
    for (const auto &[binding, bindingName] : bindings) {
        for (const Case &c : cases) {
            QTest::addRow("%s/%s", c.name, bindingName)
                << c.input << QString::fromLatin1(c.declaredType) << QString::fromUtf8(c.expected);
        }
    }
}

void DriverConformance::values()
{
    QFETCH(QVariant, input);
    QFETCH(QString, declaredType);
    QFETCH(QString, expected);
    const QString tag = QString::fromLatin1(QTest::currentDataTag());

    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE v (x %1)").arg(declaredType)));
    if (tag.endsWith(QLatin1String("/named"))) {
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO v (x) VALUES (:value)")));
        query.bindValue(QStringLiteral(":value"), input);
    } else {
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO v (x) VALUES (?)")));
        if (tag.endsWith(QLatin1String("/positional")))
            query.bindValue(0, input);
        else
            query.addBindValue(input);
    }
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

    for (const bool forwardOnly : {true, false}) {
        QSqlQuery select(db());
        select.setForwardOnly(forwardOnly);
        QVERIFY(select.exec(QStringLiteral("SELECT x, typeof(x) FROM v")));
        QVERIFY(select.next());
        const QString actual = describe(select.value(0)) + u'|' + select.value(1).toString();
        m_dump.append(QStringLiteral("values %1 forwardOnly=%2: %3").arg(tag).arg(forwardOnly).arg(actual));
        QCOMPARE(actual, expected);
        QCOMPARE(select.isNull(0), expected.startsWith(QLatin1String("null:")));
        QVERIFY(!select.next());
    }
}

void DriverConformance::repeatedNamedPlaceholder()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (a TEXT, b TEXT, c INTEGER)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (a, b, c) VALUES (:name, :name, :n)")));
    query.bindValue(QStringLiteral(":n"), 7);
    query.bindValue(QStringLiteral(":name"), QStringLiteral("李四"));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT a, b, c FROM t")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("李四"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("李四"));
    QCOMPARE(query.value(2).toLongLong(), 7);
}

void DriverConformance::namedPlaceholdersInAnyOrder()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (a INTEGER, b INTEGER)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t (a, b) VALUES (:b, :a)")));
    query.bindValue(QStringLiteral(":a"), 1);
    query.bindValue(QStringLiteral(":b"), 2);
    QVERIFY(query.exec());
    QCOMPARE(query.boundValue(QStringLiteral(":a")).toInt(), 1);
    // Re-executing with new values reuses the statement.
    query.bindValue(QStringLiteral(":a"), 3);
    query.bindValue(QStringLiteral(":b"), 4);
    QVERIFY(query.exec());
    QVERIFY(query.exec(QStringLiteral("SELECT a || ',' || b FROM t ORDER BY a")));
    QStringList rows;
    while (query.next())
        rows.append(query.value(0).toString());
    QCOMPARE(rows, QStringList({QStringLiteral("2,1"), QStringLiteral("4,3")}));
}

void DriverConformance::largeBlob()
{
    QByteArray blob(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < blob.size(); ++i)
        blob[i] = char((i * 7919) >> 3);
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (b BLOB)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (:b)")));
    query.bindValue(QStringLiteral(":b"), blob);
    QVERIFY(query.exec());
    QVERIFY(query.exec(QStringLiteral("SELECT b, length(b) FROM t")) && query.next());
    QCOMPARE(query.value(1).toLongLong(), blob.size());
    QVERIFY(query.value(0).toByteArray() == blob);
}

void DriverConformance::batch()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (n INTEGER, s TEXT)")));
    QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?)")));
    query.addBindValue(QVariantList({1, 2, 3}));
    query.addBindValue(QVariantList({QStringLiteral("一"), QStringLiteral("二"), QVariant()}));
    QVERIFY2(query.execBatch(), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(QStringLiteral("SELECT n, coalesce(s, '-') FROM t ORDER BY n")));
    QStringList rows;
    while (query.next())
        rows.append(query.value(0).toString() + query.value(1).toString());
    QCOMPARE(rows, QStringList({QStringLiteral("1一"), QStringLiteral("2二"), QStringLiteral("3-")}));
}

void DriverConformance::precisionPolicy()
{
    QSqlQuery query(db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE t (x REAL)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO t VALUES (2.75)")));
    const QList<std::pair<QSql::NumericalPrecisionPolicy, QString>> expected = {
        {QSql::LowPrecisionInt32, QStringLiteral("int:2")},
        {QSql::LowPrecisionInt64, QStringLiteral("qlonglong:2")},
        {QSql::LowPrecisionDouble, QStringLiteral("double:2.75")},
        {QSql::HighPrecision, QStringLiteral("double:2.75")},
    };
    for (const auto &[policy, value] : expected) {
        QSqlQuery select(db());
        select.setNumericalPrecisionPolicy(policy);
        QVERIFY(select.exec(QStringLiteral("SELECT x FROM t")) && select.next());
        QCOMPARE(describe(select.value(0)), value);
    }
}
