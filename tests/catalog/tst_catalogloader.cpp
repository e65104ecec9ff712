// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Loading and validating catalogue documents: every broken catalogue is
// rejected as a whole with exactly the problems expected, by JSON path; the
// demo catalogue loads clean and has the content the demo promises.

#include <ow/catalog/catalogloader.h>
#include <ow/catalog/mergedapplication.h>
#include <ow/test/fixtures.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace ow::catalog;
using namespace Qt::StringLiterals;

class TestCatalogLoader : public QObject
{
    Q_OBJECT

private slots:
    void broken_data();
    void broken();
    void everyBrokenFileIsListed();
    void minimalLoads();
    void demoLoadsClean();
    void demoContent();
    void demoMatchesSchema();
    void fileErrors();

private:
    static QString brokenPath(const QString &name)
    {
        return ow::test::sourcePath(QStringLiteral("tests/catalog/broken/%1.json").arg(name));
    }
};

namespace {

struct BrokenCase
{
    const char *file;
    QStringList paths;
};

// Each file in tests/catalog/broken/ and the JSON paths of exactly the
// problems it must produce.
QList<BrokenCase> brokenCases()
{
    return {
        {"missing-material-code", {u"items[0].materials[1].code"_s}},
        {"legal-days-zero", {u"items[0].legalDays"_s}},
        {"legal-days-fraction", {u"items[2].legalDays"_s}},
        {"duplicate-item-code", {u"items[2].code"_s}},
        {"unknown-department", {u"items[1].department"_s}},
        {"bundle-unknown-item", {u"bundles[0].items[2]"_s}},
        {"promised-exceeds-legal", {u"items[1].promisedDays"_s}},
        {"jsonlogic-two-operators", {u"items[0].smartApproval.rules[0].logic"_s}},
        {"jsonlogic-unknown-operator", {u"items[0].smartApproval.rules[0].logic.and[0].greater"_s}},
        {"jsonlogic-not-an-operation", {u"items[0].smartApproval.rules[1].logic"_s}},
        {"rule-unknown-form-field", {u"items[0].smartApproval.rules[1].logic[\"!!\"].var"_s}},
        {"rule-unknown-data-root", {u"items[0].smartApproval.rules[0].logic[\">=\"][0].var"_s}},
        {"rule-without-basis", {u"items[0].smartApproval.rules[0].basis"_s}},
        {"bundle-field-conflict", {u"bundles[0].items[1]"_s}},
        {"bundle-choice-conflict", {u"bundles[0].items[1]"_s}},
        {"misspelt-member", {u"items[1].legalDays"_s, u"items[1].legalDay"_s}},
        {"fee-without-basis", {u"items[2].fee.unit"_s, u"items[2].fee.basis"_s}},
        {"fee-fraction-of-fen", {u"items[2].fee.amount"_s}},
        {"choice-without-options", {u"items[0].form[2].options"_s}},
        {"unknown-certificate-type", {u"items[0].materials[0].sharedLicence"_s}},
        {"bad-number-prefix", {u"certificateTypes[0].numberPrefix"_s}},
        {"bad-version", {u"version"_s}},
        {"published-without-zone", {u"publishedAt"_s}},
        {"authority-key-rsa", {u"authorityKeys[0].algorithm"_s}},
        {"visits-three", {u"items[2].visitsMax"_s}},
        {"bundle-one-item", {u"bundles[0].items"_s}},
        {"many-problems",
         {u"items[0].materials[1].code"_s, u"items[1].legalDays"_s, u"items[2].department"_s,
          u"bundles[0].leadDepartment"_s}},
        {"not-json", {u"$"_s}},
        {"array-root", {u"$"_s}},
    };
}

} // namespace

void TestCatalogLoader::broken_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("paths");
    for (const BrokenCase &c : brokenCases())
        QTest::newRow(c.file) << QString::fromLatin1(c.file) << c.paths;
}

void TestCatalogLoader::broken()
{
    QFETCH(QString, file);
    QFETCH(QStringList, paths);

    const LoadResult result = CatalogLoader::loadFile(brokenPath(file));
    QVERIFY2(!result.isValid(), "a broken catalogue must not load");
    QStringList found;
    for (const Problem &problem : result.problems) {
        QVERIFY2(!problem.message.isEmpty(), qPrintable(problem.path));
        found << problem.path;
    }
    // Exactly these: one mistake must not drag a cascade of follow-up noise.
    QCOMPARE(found, paths);
}

// A broken file nobody expects anything of would test nothing.
void TestCatalogLoader::everyBrokenFileIsListed()
{
    const QDir dir(ow::test::sourcePath(u"tests/catalog/broken"_s));
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files);
    QVERIFY(files.size() >= 10);
    QSet<QString> listed;
    for (const BrokenCase &c : brokenCases())
        listed.insert(QString::fromLatin1(c.file) + u".json"_s);
    for (const QString &file : files)
        QVERIFY2(listed.contains(file), qPrintable(file));
    QCOMPARE(listed.size(), files.size());
}

void TestCatalogLoader::minimalLoads()
{
    const LoadResult result
        = CatalogLoader::loadFile(ow::test::sourcePath(QStringLiteral("tests/catalog/data/minimal.json")));
    for (const Problem &p : result.problems)
        qWarning("%s", qPrintable(p.toString()));
    QVERIFY(result.isValid());
    QVERIFY(result.problems.isEmpty());
    const Catalog &catalog = *result.catalog;
    QCOMPARE(catalog.version(), u"2026.1.1"_s);
    QCOMPARE(catalog.publishedAt().toUTC(), QDateTime(QDate(2026, 1, 5), QTime(1, 0), Qt::UTC));
    QCOMPARE(catalog.items().size(), 3);

    const ServiceItem *item = catalog.item(u"T-001"_s);
    QVERIFY(item);
    QCOMPARE(item->department, u"SCJG"_s);
    QCOMPARE(item->legalDays, 3);
    QVERIFY(item->isImmediate());
    QCOMPARE(item->visitsMax, 0);
    QVERIFY(item->fee.isFree());
    // An outcome naming only its certificate type takes the type's name.
    QCOMPARE(item->outcome.name, u"营业执照"_s);
    QCOMPARE(item->outcome.delivery, QList<DeliveryMethod> {DeliveryMethod::Window});
    QCOMPARE(item->material(u"M-ID"_s)->sharedLicence, u"resident-id-card"_s);
    QCOMPARE(item->field(u"organisationForm"_s)->options.size(), 2);
    QVERIFY(item->smartApproval);
    QCOMPARE(item->smartApproval->rules.size(), 2);
    QCOMPARE(item->smartApproval->rules.first().basis.citation(), u"《中华人民共和国民法典》第十八条"_s);
    QCOMPARE(item->smartApproval->rules.first().onFail, Decision::Manual);
    QCOMPARE(catalog.itemsOfDepartment(u"SCJG"_s).size(), 2);
    QVERIFY(!catalog.item(u"T-404"_s));
}

void TestCatalogLoader::demoLoadsClean()
{
    const LoadResult result = CatalogLoader::loadDemo();
    for (const Problem &p : result.problems)
        qWarning("%s", qPrintable(p.toString()));
    QVERIFY(result.problems.isEmpty());
    QVERIFY(result.isValid());

    // What a store keeps is the document itself: loading it again gives the same catalogue.
    QFile file(CatalogLoader::demoCatalogPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(result.catalog->document(), bytes);
    QCOMPARE(result.catalog->documentSha256(),
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(CatalogLoader::load(result.catalog->document()).catalog->items().size(),
             result.catalog->items().size());
}

void TestCatalogLoader::demoContent()
{
    const LoadResult result = CatalogLoader::loadDemo();
    QVERIFY(result.isValid());
    const Catalog &catalog = *result.catalog;
    QVERIFY(catalog.items().size() >= 24);
    QVERIFY(catalog.bundles().size() >= 4);

    QSet<QString> departmentsWithItems;
    int smart = 0;
    QSet<ApprovalMode> modes;
    for (const ServiceItem &item : catalog.items()) {
        departmentsWithItems.insert(item.department);
        QVERIFY2(item.promisedDays < item.legalDays, qPrintable(item.code));
        QVERIFY2(!item.materials.isEmpty(), qPrintable(item.code));
        QVERIFY2(!item.basis.isEmpty(), qPrintable(item.code));
        if (item.smartApproval) {
            ++smart;
            modes.insert(item.smartApproval->mode);
            for (const SmartRule &rule : item.smartApproval->rules)
                QVERIFY2(!rule.basis.law.isEmpty() && !rule.basis.article.isEmpty(), qPrintable(item.code));
        }
    }
    QVERIFY(departmentsWithItems.size() >= 7);
    QVERIFY(smart >= 5);
    QCOMPARE(modes.size(), 4); // every mode is demonstrated

    for (const char *name : {"市场监督管理局", "民政局", "公安局", "人力资源和社会保障局", "住房和城乡建设局",
                             "自然资源局", "卫生健康委员会"}) {
        bool found = false;
        for (const Department &d : catalog.departments())
            found = found
                || (d.name.contains(QString::fromUtf8(name)) && departmentsWithItems.contains(d.code));
        QVERIFY2(found, name);
    }
    for (const Bundle &bundle : catalog.bundles()) {
        QVERIFY(catalog.department(bundle.leadDepartment));
        for (const QString &code : bundle.items)
            QVERIFY2(catalog.item(code), qPrintable(bundle.code + u' ' + code));
        QVERIFY(catalog.mergedBundle(bundle.code)->isValid());
    }
    for (const char *name :
         {"开办餐馆（饭店）一件事", "新生儿出生一件事", "退休一件事", "二手房转移登记及水电气过户一件事"}) {
        bool found = false;
        for (const Bundle &b : catalog.bundles())
            found = found || b.name == QString::fromUtf8(name);
        QVERIFY2(found, name);
    }
    // Every certificate an item issues has a short number prefix (JY33010220261130P10000012).
    QCOMPARE(catalog.certificateType(u"food-business-licence"_s)->numberPrefix, u"JY"_s);
    for (const ServiceItem &item : catalog.items()) {
        if (const CertificateType *type = catalog.certificateType(item.outcome.certificateType))
            QVERIFY2(!type->numberPrefix.isEmpty(), qPrintable(type->code));
    }
    const AuthorityKey *key = catalog.authorityKey(u"demo-centre-2026"_s);
    QVERIFY(key);
    QCOMPARE(key->algorithm, u"SM2"_s);
    QVERIFY(key->publicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    QCOMPARE(key->validUntil, QDate(2028, 12, 31));
}

// The schema and the C++ validator describe one format: the demo must satisfy
// both. Uses Python's jsonschema where it is installed.
void TestCatalogLoader::demoMatchesSchema()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty() || QProcess::execute(python, {u"-c"_s, u"import jsonschema"_s}) != 0)
        QSKIP("python3 with jsonschema is not installed");
    const QString script = QStringLiteral(
        "import json,sys,jsonschema\n"
        "s=json.load(open(sys.argv[1],encoding='utf-8'))\n"
        "jsonschema.Draft202012Validator.check_schema(s)\n"
        "v=jsonschema.Draft202012Validator(s,format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)\n"
        "errors=[e.json_path+': '+e.message for e in "
        "v.iter_errors(json.load(open(sys.argv[2],encoding='utf-8')))]\n"
        "print('\\n'.join(errors)); sys.exit(1 if errors else 0)\n");
    QProcess process;
    process.start(python,
                  {u"-c"_s, script, ow::test::sourcePath(u"resources/catalog/catalog.schema.json"_s),
                   ow::test::sourcePath(u"resources/catalog/demo-catalog.json"_s)});
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAll().constData());
}

void TestCatalogLoader::fileErrors()
{
    const LoadResult result = CatalogLoader::loadFile(u"/nonexistent/catalog.json"_s);
    QVERIFY(!result.isValid());
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().path, u"$"_s);
    QVERIFY(result.problems.first().toString().startsWith(u"$: "_s));
}

QTEST_GUILESS_MAIN(TestCatalogLoader)
#include "tst_catalogloader.moc"
