// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Catalogue versions: a case accepted under one version keeps being judged by
// that version's item standard after a newer one is published.

#include <ow/catalog/cataloghistory.h>
#include <ow/catalog/catalogloader.h>
#include <ow/test/fixtures.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ow::catalog;
using namespace Qt::StringLiterals;

class TestCatalogHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lookUpByVersion();
    void publishedVersionsNeverChange();
    void compareVersions_data();
    void compareVersions();

private:
    // minimal.json as a newer version: T-002 promises 3 days, T-003 is withdrawn.
    QByteArray nextVersion(const QString &version, int promisedDays) const;

    QByteArray m_document;
};

void TestCatalogHistory::initTestCase()
{
    QFile file(ow::test::sourcePath(u"tests/catalog/data/minimal.json"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_document = file.readAll();
}

QByteArray TestCatalogHistory::nextVersion(const QString &version, int promisedDays) const
{
    QJsonObject root = QJsonDocument::fromJson(m_document).object();
    root[u"version"_s] = version;
    root[u"publishedAt"_s] = u"2026-02-01T09:00:00+08:00"_s;
    QJsonArray items = root[u"items"_s].toArray();
    QJsonObject food = items.at(1).toObject();
    food[u"promisedDays"_s] = promisedDays;
    items[1] = food;
    items.removeAt(2);
    root[u"items"_s] = items;
    return QJsonDocument(root).toJson();
}

void TestCatalogHistory::lookUpByVersion()
{
    const LoadResult first = CatalogLoader::load(m_document);
    const LoadResult second = CatalogLoader::load(nextVersion(u"2026.2.1"_s, 3));
    QVERIFY(first.isValid());
    QVERIFY(second.isValid());

    CatalogHistory history;
    QVERIFY(history.isEmpty());
    QVERIFY(!history.latest());
    // Added newest first: the order of arrival does not matter.
    QVERIFY(history.add(*second.catalog));
    QVERIFY(history.add(*first.catalog));
    QCOMPARE(history.versions(), (QStringList {u"2026.1.1"_s, u"2026.2.1"_s}));
    QCOMPARE(history.latest()->version(), u"2026.2.1"_s);

    const ServiceItem *before = history.item(u"2026.1.1"_s, u"T-002"_s);
    const ServiceItem *after = history.item(u"2026.2.1"_s, u"T-002"_s);
    QVERIFY(before && after);
    QCOMPARE(before->promisedDays, 5);
    QCOMPARE(after->promisedDays, 3);
    QVERIFY(history.item(u"2026.1.1"_s, u"T-003"_s));
    QVERIFY(!history.item(u"2026.2.1"_s, u"T-003"_s)); // withdrawn later, still there for old cases
    QVERIFY(!history.item(u"2025.1.1"_s, u"T-002"_s));
    QCOMPARE(history.version(u"2026.1.1"_s)->publishedAt().date(), QDate(2026, 1, 5));
}

void TestCatalogHistory::publishedVersionsNeverChange()
{
    CatalogHistory history;
    const Catalog original = *CatalogLoader::load(m_document).catalog;
    QVERIFY(history.add(original));
    QVERIFY(history.add(*CatalogLoader::load(m_document).catalog)); // the same document again: harmless

    const Catalog altered = *CatalogLoader::load(nextVersion(u"2026.1.1"_s, 4)).catalog;
    QString error;
    QVERIFY(!history.add(altered, &error));
    QVERIFY(error.contains(u"2026.1.1"_s));
    QCOMPARE(history.item(u"2026.1.1"_s, u"T-002"_s)->promisedDays, 5);
    QVERIFY(!history.add(Catalog(), &error));
}

void TestCatalogHistory::compareVersions_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("sign");
    QTest::newRow("equal") << u"2026.11.1"_s << u"2026.11.1"_s << 0;
    QTest::newRow("month numerically") << u"2026.9.1"_s << u"2026.10.1"_s << -1;
    QTest::newRow("number numerically") << u"2026.11.10"_s << u"2026.11.2"_s << 1;
    QTest::newRow("year") << u"2025.12.9"_s << u"2026.1.1"_s << -1;
}

void TestCatalogHistory::compareVersions()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, sign);
    const int result = CatalogHistory::compareVersions(a, b);
    QCOMPARE((result > 0) - (result < 0), sign);
}

QTEST_GUILESS_MAIN(TestCatalogHistory)
#include "tst_cataloghistory.moc"
