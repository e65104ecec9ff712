// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include <ow/catalog/catalogloader.h>
#include <ow/catalog/itemsearch.h>

#include <QTest>

using namespace ow::catalog;
using namespace Qt::StringLiterals;

class ItemSearchTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pinyin_data();
    void pinyin();
    void finds_data();
    void finds();
    void ordersBestMatchFirst();
    void bundlesAreFoundToo();
    void blankOrUnmatchedFindsNothing();
    void limitIsKept();
    void limitKeepsTheBestMatches();

private:
    QStringList codes(const QString &query) const;

    ItemSearch m_search;
};

void ItemSearchTest::initTestCase()
{
    const LoadResult result = CatalogLoader::loadDemo();
    QVERIFY2(result.isValid(), qPrintable(result.problems.value(0).message));
    m_search = ItemSearch(*result.catalog);
    QCOMPARE(m_search.size(), 36); // 32 items and 4 bundles
}

QStringList ItemSearchTest::codes(const QString &query) const
{
    QStringList out;
    for (const ItemSearchHit &hit : m_search.search(query))
        out.append(hit.code);
    return out;
}

void ItemSearchTest::pinyin_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("full");
    QTest::addColumn<QString>("initials");
    QTest::newRow("licence") << u"食品经营许可"_s << u"shipinjingyingxuke"_s << u"spjyxk"_s;
    QTest::newRow("brackets and latin") << u"食品经营许可（新办）A"_s << u"shipinjingyingxukexinbana"_s
                                        << u"spjyxkxba"_s;
    QTest::newRow("digits stay") << u"第2类"_s << u"di2lei"_s << u"d2l"_s;
}

void ItemSearchTest::pinyin()
{
    QFETCH(QString, text);
    QFETCH(QString, full);
    QFETCH(QString, initials);
    QCOMPARE(ItemSearch::pinyinOf(text), full);
    QCOMPARE(ItemSearch::pinyinInitialsOf(text), initials);
}

void ItemSearchTest::finds_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expectedFirst");
    QTest::newRow("initials") << u"spjy"_s << u"SCJG-XK-001"_s;
    QTest::newRow("initials upper case") << u"SPJY"_s << u"SCJG-XK-001"_s;
    QTest::newRow("full pinyin") << u"shipinjingying"_s << u"SCJG-XK-001"_s;
    QTest::newRow("pinyin with spaces") << u"shi pin"_s << u"SCJG-XK-001"_s;
    QTest::newRow("chinese name") << u"食品经营"_s << u"SCJG-XK-001"_s;
    QTest::newRow("chinese middle of name") << u"结婚"_s << u"MZ-QR-001"_s;
    QTest::newRow("exact code") << u"mz-qr-001"_s << u"MZ-QR-001"_s;
    QTest::newRow("surrounding space") << u"  临时救助 "_s << u"MZ-JF-002"_s;
    QTest::newRow("initials inside") << u"jhdj"_s << u"MZ-QR-001"_s; // 内地居民结婚登记
}

void ItemSearchTest::finds()
{
    QFETCH(QString, query);
    QFETCH(QString, expectedFirst);
    const QStringList found = codes(query);
    QVERIFY2(!found.isEmpty(), qPrintable(query));
    QCOMPARE(found.first(), expectedFirst);
}

void ItemSearchTest::ordersBestMatchFirst()
{
    // "食品经营许可" starts both licence items; the new licence is the shorter name.
    const QList<ItemSearchHit> hits = m_search.search(u"食品经营许可"_s);
    QVERIFY(hits.size() >= 2);
    QCOMPARE(hits.at(0).code, u"SCJG-XK-001"_s);
    QCOMPARE(hits.at(1).code, u"SCJG-XK-002"_s);
    QCOMPARE(hits.at(0).match, ItemSearchHit::Match::NamePrefix);
    // A code prefix beats a name match.
    QCOMPARE(m_search.search(u"scjg"_s).first().match, ItemSearchHit::Match::CodePrefix);
    QCOMPARE(m_search.search(u"scjg"_s).size(), 6);
}

void ItemSearchTest::bundlesAreFoundToo()
{
    const QList<ItemSearchHit> hits = m_search.search(u"xsecs"_s); // 新生儿出生一件事
    QVERIFY(!hits.isEmpty());
    QCOMPARE(hits.first().kind, ItemSearchHit::Kind::Bundle);
    QCOMPARE(hits.first().code, u"YJS-002"_s);
    QVERIFY(!hits.first().department.isEmpty());
}

void ItemSearchTest::blankOrUnmatchedFindsNothing()
{
    QVERIFY(m_search.search(QString()).isEmpty());
    QVERIFY(m_search.search(u"   "_s).isEmpty());
    QVERIFY(m_search.search(u"qqqqzz"_s).isEmpty());
    QVERIFY(m_search.search(u"火星"_s).isEmpty());
    QVERIFY(ItemSearch().search(u"spjy"_s).isEmpty());
}

void ItemSearchTest::limitIsKept()
{
    QCOMPARE(m_search.search(u"s"_s, 3).size(), 3);
    QVERIFY(m_search.search(u"s"_s, 0).isEmpty());
}

// The search stops trying worse kinds of match once it has enough good ones:
// what it returns must be exactly the head of the full, ordered list.
void ItemSearchTest::limitKeepsTheBestMatches()
{
    for (const QString &query : {u"s"_s, u"d"_s, u"dj"_s, u"登记"_s, u"许可"_s, u"scjg"_s, u"1"_s, u"-"_s}) {
        const QList<ItemSearchHit> all = m_search.search(query, 1000);
        QVERIFY2(all.size() > 3, qPrintable(query));
        for (int limit = 1; limit <= all.size(); ++limit) {
            const QList<ItemSearchHit> head = m_search.search(query, limit);
            QCOMPARE(head.size(), limit);
            for (int i = 0; i < limit; ++i) {
                QCOMPARE(head.at(i).code, all.at(i).code);
                QCOMPARE(head.at(i).match, all.at(i).match);
            }
        }
    }
}

QTEST_GUILESS_MAIN(ItemSearchTest)
#include "tst_itemsearch.moc"
