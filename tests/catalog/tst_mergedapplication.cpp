// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// One set of materials and one form for a bundle ("一件事"): shared materials
// appear once and list the items needing them; required, copies and form
// merge by the documented rules; a field key with two meanings is refused.

#include <ow/catalog/catalogloader.h>
#include <ow/catalog/mergedapplication.h>
#include <ow/test/fixtures.h>

#include <QSet>
#include <QTest>

using namespace ow::catalog;
using namespace Qt::StringLiterals;

namespace {
FormField makeField(const QString &key, FieldType type)
{
    FormField field;
    field.key = key;
    field.label = key;
    field.type = type;
    return field;
}
} // namespace

class TestMergedApplication : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void materials_data();
    void materials();
    void fields_data();
    void fields();
    void sharedLicenceOnlyIfAllAgree();
    void conflictingTypes();
    void differentChoices();
    void adHocCombination();
    void demoRestaurant();
    void demoBundlesAreClean();

private:
    Catalog m_minimal;
    Catalog m_demo;
};

void TestMergedApplication::initTestCase()
{
    const LoadResult minimal
        = CatalogLoader::loadFile(ow::test::sourcePath(u"tests/catalog/data/minimal.json"_s));
    QVERIFY(minimal.isValid());
    m_minimal = *minimal.catalog;
    const LoadResult demo = CatalogLoader::loadDemo();
    QVERIFY(demo.isValid());
    m_demo = *demo.catalog;
}

void TestMergedApplication::materials_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("required");
    QTest::addColumn<int>("copies");
    QTest::addColumn<MaterialForm>("form");
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QStringList>("requiredBy");

    // T-001 and T-002 of tests/catalog/data/minimal.json, bundle B-001.
    QTest::newRow("both require, copies max")
        << u"M-ID"_s << true << 2 << MaterialForm::Original << QStringList {u"T-001"_s, u"T-002"_s}
        << QStringList {u"T-001"_s, u"T-002"_s};
    QTest::newRow("optional in one, required in other")
        << u"M-LEASE"_s << true << 1 << MaterialForm::Original << QStringList {u"T-001"_s, u"T-002"_s}
        << QStringList {u"T-002"_s};
    QTest::newRow("only one item") << u"M-LAYOUT"_s << true << 1 << MaterialForm::Original
                                   << QStringList {u"T-002"_s} << QStringList {u"T-002"_s};
}

void TestMergedApplication::materials()
{
    QFETCH(QString, code);
    QFETCH(bool, required);
    QFETCH(int, copies);
    QFETCH(MaterialForm, form);
    QFETCH(QStringList, items);
    QFETCH(QStringList, requiredBy);

    const MergedApplication *merged = m_minimal.mergedBundle(u"B-001"_s);
    QVERIFY(merged);
    QVERIFY(merged->isValid());
    QCOMPARE(merged->materials.size(), 3); // M-ID, M-LEASE, M-LAYOUT: shared ones once
    const MergedMaterial *m = merged->material(code);
    QVERIFY(m);
    QCOMPARE(m->material.required, required);
    QCOMPARE(m->material.copies, copies);
    QCOMPARE(m->material.form, form);
    QCOMPARE(m->items, items);
    QCOMPARE(m->requiredBy, requiredBy);
}

void TestMergedApplication::fields_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("required");
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QStringList>("requiredBy");

    QTest::newRow("required by the first")
        << u"applicantName"_s << true << QStringList {u"T-001"_s, u"T-002"_s} << QStringList {u"T-001"_s};
    QTest::newRow("required by the second")
        << u"applicantPhone"_s << true << QStringList {u"T-001"_s, u"T-002"_s} << QStringList {u"T-002"_s};
    QTest::newRow("one item") << u"organisationForm"_s << true << QStringList {u"T-001"_s}
                              << QStringList {u"T-001"_s};
}

void TestMergedApplication::fields()
{
    QFETCH(QString, key);
    QFETCH(bool, required);
    QFETCH(QStringList, items);
    QFETCH(QStringList, requiredBy);

    const MergedApplication *merged = m_minimal.mergedBundle(u"B-001"_s);
    QCOMPARE(merged->fields.size(), 4);
    const MergedField *f = merged->field(key);
    QVERIFY(f);
    QCOMPARE(f->field.required, required);
    QCOMPARE(f->items, items);
    QCOMPARE(f->requiredBy, requiredBy);
}

void TestMergedApplication::sharedLicenceOnlyIfAllAgree()
{
    // T-001 lets the electronic ID card stand in for M-ID, T-002 does not:
    // the merged checklist must still ask for it.
    const MergedMaterial *m = m_minimal.mergedBundle(u"B-001"_s)->material(u"M-ID"_s);
    QVERIFY(m->material.sharedLicence.isEmpty());
}

void TestMergedApplication::conflictingTypes()
{
    ServiceItem a;
    a.code = u"A-001"_s;
    a.form = {makeField(u"phone"_s, FieldType::Phone)};
    ServiceItem b;
    b.code = u"B-001"_s;
    b.form = {makeField(u"phone"_s, FieldType::Text)};
    const MergedApplication merged = mergeApplication({&a, &b});
    QVERIFY(!merged.isValid());
    QCOMPARE(merged.conflicts.size(), 1);
    const FieldConflict &c = merged.conflicts.first();
    QCOMPARE(c.key, u"phone"_s);
    QCOMPARE(c.firstItem, u"A-001"_s);
    QCOMPARE(c.otherItem, u"B-001"_s);
    QCOMPARE(c.firstType, FieldType::Phone);
    QCOMPARE(c.otherType, FieldType::Text);
    QVERIFY(c.message().contains(u"phone"_s));
    QCOMPARE(merged.fields.size(), 1); // the conflicting use is not merged in
}

void TestMergedApplication::differentChoices()
{
    FormField yesNo = makeField(u"answer"_s, FieldType::Choice);
    yesNo.options = {{u"yes"_s, u"是"_s}, {u"no"_s, u"否"_s}};
    FormField onlyYes = yesNo;
    onlyYes.options.removeLast();
    ServiceItem a;
    a.code = u"A-001"_s;
    a.form = {yesNo};
    ServiceItem b;
    b.code = u"B-001"_s;
    b.form = {onlyYes};
    ServiceItem c;
    c.code = u"C-001"_s;
    c.form = {yesNo};
    const MergedApplication merged = mergeApplication({&a, &b, &c});
    QCOMPARE(merged.conflicts.size(), 1);
    QVERIFY(merged.conflicts.first().optionsDiffer);
    QCOMPARE(merged.field(u"answer"_s)->items, (QStringList {u"A-001"_s, u"C-001"_s}));
}

void TestMergedApplication::adHocCombination()
{
    // A clerk may combine items that form no published bundle.
    const MergedApplication merged
        = mergeApplication({m_minimal.item(u"T-001"_s), m_minimal.item(u"T-003"_s)});
    QVERIFY(merged.isValid());
    const MergedMaterial *id = merged.material(u"M-ID"_s);
    QVERIFY(id);
    QCOMPARE(id->items, (QStringList {u"T-001"_s, u"T-003"_s}));
}

void TestMergedApplication::demoRestaurant()
{
    const Bundle *bundle = m_demo.bundle(u"YJS-001"_s);
    QVERIFY(bundle);
    QCOMPARE(bundle->name, u"开办餐馆（饭店）一件事"_s);
    const MergedApplication *merged = m_demo.mergedBundle(bundle->code);
    QVERIFY(merged->isValid());

    // The premises certificate is asked once for registration, food licence and fire check.
    const MergedMaterial *lease = merged->material(u"M-LEASE"_s);
    QVERIFY(lease);
    QCOMPARE(lease->items, (QStringList {u"SCJG-XK-003"_s, u"SCJG-XK-001"_s, u"XF-XK-001"_s}));
    int leaseCount = 0;
    int total = 0;
    for (const ServiceItem *item : m_demo.bundleItems(*bundle))
        total += item->materials.size();
    for (const MergedMaterial &m : merged->materials)
        leaseCount += m.material.code == u"M-LEASE"_s ? 1 : 0;
    QCOMPARE(leaseCount, 1);
    QVERIFY(merged->materials.size() < total);

    // 个体工商户 may go without a name; the food licence needs one.
    const MergedField *name = merged->field(u"businessName"_s);
    QVERIFY(name->field.required);
    QVERIFY(name->requiredBy.contains(u"SCJG-XK-001"_s));
    QVERIFY(!name->requiredBy.contains(u"SCJG-XK-003"_s));
}

void TestMergedApplication::demoBundlesAreClean()
{
    for (const Bundle &bundle : m_demo.bundles()) {
        const MergedApplication *merged = m_demo.mergedBundle(bundle.code);
        QVERIFY2(merged && merged->isValid(), qPrintable(bundle.code));
        QSet<QString> codes;
        for (const MergedMaterial &m : merged->materials) {
            QVERIFY2(!codes.contains(m.material.code), qPrintable(m.material.code));
            codes.insert(m.material.code);
            for (const QString &item : m.items)
                QVERIFY(bundle.items.contains(item));
            for (const QString &item : m.requiredBy)
                QVERIFY(m.items.contains(item));
            QCOMPARE(m.material.required, !m.requiredBy.isEmpty());
        }
    }
}

QTEST_GUILESS_MAIN(TestMergedApplication)
#include "tst_mergedapplication.moc"
