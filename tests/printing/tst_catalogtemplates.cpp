// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Every certificate template the demo catalogue names, printed the way the
// workstation prints it: an application's form values become a certificate
// record, the server signs its key fields, CertificateRecord maps the record
// to the template's fields, and the PDF — on plain paper and on pre-printed
// stock (套打) — shows the holder and the number and carries a QR code that a
// checker's scanner reads and verifies with the authority's public key.

#include <ow/printing/certificatecode.h>
#include <ow/printing/certificaterecord.h>
#include <ow/printing/certificatetemplate.h>
#include <ow/printing/templaterenderer.h>
#include <ow/test/fixtures.h>

#include "pdftext.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace ow::printing;

namespace {

const QString authorityId = QStringLiteral("demo-centre-2026");
const QDate issuedOn(2026, 11, 30);

// Realistic values for each template the demo catalogue names: the holder
// as the case's applicant ("kind": person or organisation), the number, the
// years of validity where the catalogue item sets validityYears, and the
// application form's values as the workstation records them (choices by
// their value). Names are long, addresses longer than a line: they must
// shrink or wrap within their boxes.
const char samplesJson[] = R"json(
{
  "food-business-licence": {
    "key": {"number": "JY13301020000123", "holder": "示范县欧阳娜娜小吃店", "holderId": "92330102MA2KX1234Q", "validYears": 5, "kind": "organisation"},
    "authorityName": "示范县市场监督管理局",
    "fields": {
      "businessName": "示范县欧阳娜娜小吃店",
      "usccCode": "92330102MA2KX1234Q",
      "businessAddress": "示范县城关镇人民路88号幸福里商业街一层108号商铺及二层208号（临街门面）",
      "foodCategory": "catering",
      "foodSafetyManager": "欧阳娜娜",
      "floorArea": "86",
      "applicantPhone": "13905705555"
    }
  },
  "business-licence-individual": {
    "key": {"number": "92330102MA2KX1234Q", "holder": "欧阳娜娜", "holderId": "11010519491231002X", "kind": "person"},
    "authorityName": "示范县市场监督管理局",
    "fields": {
      "applicantName": "欧阳娜娜",
      "applicantIdNumber": "11010519491231002X",
      "applicantPhone": "13905705555",
      "businessName": "示范县欧阳娜娜小吃店",
      "businessAddress": "示范县城关镇人民路88号幸福里商业街一层108号商铺及二层208号（临街门面）",
      "businessScope": "许可项目：餐饮服务；食品小作坊经营（依法须经批准的项目，经相关部门批准后方可开展经营活动）。一般项目：日用百货销售；外卖递送服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。",
      "organisationForm": "individual",
      "capital": "10",
      "employees": "3"
    }
  },
  "business-licence-company": {
    "key": {"number": "91330102MA2KX5678R", "holder": "诸葛明远", "holderId": "330102198507150031", "kind": "person"},
    "authorityName": "示范县市场监督管理局",
    "fields": {
      "businessName": "示范县明远智慧农业科技发展有限公司",
      "companyType": "llc",
      "registeredCapital": "500",
      "businessAddress": "示范县城关镇经济开发区创业大道1688号科技孵化园3号楼五层501室至508室",
      "legalRepresentative": "诸葛明远",
      "businessScope": "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；农业机械销售；智能农业管理；农业专业及辅助性活动；灌溉服务；农产品的生产、销售、加工、运输、贮藏及其他相关服务；软件开发；信息系统集成服务；物联网技术服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。许可项目：农作物种子经营（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）。",
      "applicantPhone": "13905701234",
      "applicantIdNumber": "330102198507150031"
    }
  },
  "drug-business-licence": {
    "key": {"number": "YPJY3301022026113000012", "holder": "示范县仁心堂大药房连锁有限公司城关人民路分店", "holderId": "91330102MA2KX2468T", "validYears": 5, "kind": "organisation"},
    "authorityName": "示范县市场监督管理局",
    "fields": {
      "businessName": "示范县仁心堂大药房连锁有限公司城关人民路分店",
      "usccCode": "91330102MA2KX2468T",
      "businessAddress": "示范县城关镇人民路288号仁和商业广场一层东侧101、102室及二层201室",
      "drugScope": "tcmPieces",
      "pharmacistName": "司马婉清",
      "floorArea": "186",
      "applicantPhone": "0570-6012888"
    }
  },
  "special-equipment-registration": {
    "key": {"number": "梯11浙H00123(26)", "holder": "示范县城关镇幸福里小区业主委员会物业服务中心", "holderId": "53330102MJ1234567X", "kind": "organisation"},
    "authorityName": "示范县市场监督管理局",
    "fields": {
      "equipmentType": "elevator",
      "equipmentCode": "31103301022026110123",
      "installAddress": "示范县城关镇幸福里小区东区12幢2单元（地下车库至十八层）客梯",
      "businessName": "示范县城关镇幸福里小区业主委员会物业服务中心",
      "usccCode": "53330102MJ1234567X",
      "applicantPhone": "13857012345"
    }
  },
  "marriage-certificate": {
    "key": {"number": "J330102-2026-004321", "holder": "欧阳振华", "holderId": "330102199203150019", "kind": "person"},
    "authorityName": "示范县民政局",
    "fields": {
      "maleName": "欧阳振华",
      "maleIdNumber": "330102199203150019",
      "femaleName": "上官婉儿",
      "femaleIdNumber": "33010219940618002X",
      "applicantPhone": "13705701111",
      "registrar": "林晓燕"
    }
  },
  "subsistence-allowance": {
    "key": {"number": "DB3301022026113000007", "holder": "拓跋秀英", "holderId": "330102195801230044", "kind": "person"},
    "authorityName": "示范县民政局",
    "fields": {
      "applicantName": "拓跋秀英",
      "applicantIdNumber": "330102195801230044",
      "applicantPhone": "13605702222",
      "residenceAddress": "示范县青山乡白云村委会下坞自然村十五组38号（原青山乡敬老院东侧平房）",
      "householdSize": "3",
      "monthlyIncome": "1260",
      "reason": "丈夫因病去世，本人患慢性病长期服药，孙子在读小学。"
    }
  },
  "household-register-page": {
    "key": {"number": "HK3301022026113000015", "holder": "慕容思远", "holderId": "330102199001010016", "kind": "person"},
    "authorityName": "示范县公安局（户籍）",
    "fields": {
      "childName": "慕容一诺",
      "childSex": "female",
      "childBirthDate": "2026-11-20",
      "motherName": "端木晓雯",
      "motherIdNumber": "33010219920505002X",
      "fatherName": "慕容思远",
      "fatherIdNumber": "330102199001010016",
      "residenceAddress": "示范县城关镇人民路88号幸福里小区12幢2单元1801室",
      "settleWith": "father",
      "applicantPhone": "13805703333"
    }
  },
  "pension-approval": {
    "key": {"number": "YLJ3301022026113000021", "holder": "皇甫建国", "holderId": "330102196611300035", "kind": "person"},
    "authorityName": "示范县人力资源和社会保障局",
    "fields": {
      "applicantName": "皇甫建国",
      "applicantIdNumber": "330102196611300035",
      "applicantPhone": "13505704444",
      "employerName": "示范县第二机械制造厂（原示范县农机修造厂）有限责任公司",
      "employerUscc": "91330102704123456B",
      "retirementType": "normal",
      "retirementDate": "2026-11-30"
    }
  },
  "construction-permit": {
    "key": {"number": "SGXK3301022026113000003", "holder": "示范县城市建设投资集团有限公司", "holderId": "91330102MA2KX9999A", "kind": "organisation"},
    "authorityName": "示范县住房和城乡建设局",
    "fields": {
      "projectName": "示范县城关镇人民路东段棚户区改造安置房项目（一期）1#—6#楼及地下室工程",
      "projectAddress": "示范县城关镇人民路以东、解放街以南、滨江路以西、学府路以北地块",
      "businessName": "示范县城市建设投资集团有限公司",
      "usccCode": "91330102MA2KX9999A",
      "contractorName": "浙江示范建工集团有限公司第三工程分公司",
      "contractAmount": "18650.32",
      "floorArea": "86520.5",
      "applicantPhone": "0570-6018888"
    }
  },
  "road-occupation-permit": {
    "key": {"number": "示住建道许〔2026〕第0086号", "holder": "国网示范县供电公司", "holderId": "91330102MA2KX7777C", "kind": "organisation"},
    "authorityName": "示范县住房和城乡建设局",
    "fields": {
      "projectName": "示范县城关镇人民路10千伏电力电缆入地改造工程（人民路解放街口至滨江路口段）",
      "roadSection": "示范县城关镇人民路（解放街交叉口至滨江路交叉口）北侧人行道及非机动车道",
      "occupationType": "both",
      "occupiedArea": "420",
      "startDate": "2026-12-05",
      "endDate": "2027-01-20",
      "applicantPhone": "95598"
    }
  },
  "drainage-permit": {
    "key": {"number": "PSXK3301022026113000009", "holder": "示范县欧阳娜娜小吃店", "holderId": "92330102MA2KX1234Q", "validYears": 5, "kind": "organisation"},
    "authorityName": "示范县住房和城乡建设局",
    "fields": {
      "businessName": "示范县欧阳娜娜小吃店",
      "usccCode": "92330102MA2KX1234Q",
      "businessAddress": "示范县城关镇人民路88号幸福里商业街一层108号商铺（隔油池位于后巷）",
      "drainageType": "catering",
      "dailyDischarge": "3.5",
      "applicantPhone": "13905705555"
    }
  },
  "real-estate-certificate": {
    "key": {"number": "浙（2026）示范县不动产权第0012345号", "holder": "东方明月", "holderId": "330102198808080028", "kind": "person"},
    "authorityName": "示范县自然资源局（不动产登记中心）",
    "fields": {
      "propertyAddress": "示范县城关镇人民路88号幸福里小区12幢2单元1801室（含地下室车位B2-066号）",
      "propertyCertificateNumber": "浙（2019）示范县不动产权第0004567号",
      "sellerName": "西门庆丰",
      "sellerIdNumber": "330102197003030019",
      "buyerName": "东方明月",
      "buyerIdNumber": "330102198808080028",
      "transactionPrice": "168.5",
      "floorArea": "128.36",
      "applicantPhone": "13605706666"
    }
  },
  "real-estate-registration-proof": {
    "key": {"number": "浙（2026）示范县不动产证明第0003456号", "holder": "中国建设银行股份有限公司示范县支行", "holderId": "91330102704567890D", "kind": "organisation"},
    "authorityName": "示范县自然资源局（不动产登记中心）",
    "fields": {
      "propertyAddress": "示范县城关镇人民路88号幸福里小区12幢2单元1801室（含地下室车位B2-066号）",
      "propertyCertificateNumber": "浙（2026）示范县不动产权第0012345号",
      "mortgagorName": "东方明月",
      "mortgagorIdNumber": "330102198808080028",
      "mortgageeName": "中国建设银行股份有限公司示范县支行",
      "usccCode": "91330102704567890D",
      "debtAmount": "95",
      "debtEndDate": "2056-11-29",
      "applicantPhone": "13605706666"
    }
  },
  "birth-medical-certificate": {
    "key": {"number": "CSYX3301022026113000018", "holder": "端木晓雯", "holderId": "33010219920505002X", "kind": "person"},
    "authorityName": "示范县卫生健康委员会",
    "fields": {
      "childName": "慕容一诺",
      "childSex": "female",
      "childBirthDate": "2026-11-20",
      "motherName": "端木晓雯",
      "motherIdNumber": "33010219920505002X",
      "fatherName": "慕容思远",
      "fatherIdNumber": "330102199001010016",
      "birthInstitution": "示范县妇幼保健院（示范县妇女儿童医院）产科病区",
      "applicantPhone": "13805703333"
    }
  },
  "public-health-licence": {
    "key": {"number": "示卫公证字〔2026〕第0128号", "holder": "示范县悦来商务宾馆有限公司", "holderId": "91330102MA2KX3333E", "validYears": 4, "kind": "organisation"},
    "authorityName": "示范县卫生健康委员会",
    "fields": {
      "businessName": "示范县悦来商务宾馆有限公司",
      "usccCode": "91330102MA2KX3333E",
      "businessAddress": "示范县城关镇滨江路166号悦来大厦一至六层（除一层东侧商铺外）",
      "venueType": "hotel",
      "floorArea": "3260",
      "applicantPhone": "0570-6013333",
      "legalRepresentative": "令狐春生"
    }
  },
  "fire-safety-inspection": {
    "key": {"number": "示消安检字〔2026〕第0042号", "holder": "示范县欧阳娜娜小吃店", "holderId": "92330102MA2KX1234Q", "kind": "organisation"},
    "authorityName": "示范县消防救援大队",
    "fields": {
      "businessName": "示范县欧阳娜娜小吃店",
      "usccCode": "92330102MA2KX1234Q",
      "businessAddress": "示范县城关镇人民路88号幸福里商业街一层108号商铺及二层208号",
      "venueUse": "catering",
      "floorArea": "236",
      "fireSafetyCommitment": "yes",
      "applicantPhone": "13905705555"
    }
  }
}
)json";

struct CatalogItem
{
    QString code;
    QString department;
    QString templateId;
    QString certificateType;
    int validityYears = 0;
    QJsonArray form;
};

QList<CatalogItem> catalogItemsWithTemplates()
{
    QFile file(ow::test::sourcePath(QStringLiteral("resources/catalog/demo-catalog.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray items
        = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("items")).toArray();
    QList<CatalogItem> result;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const QJsonObject outcome = item.value(QStringLiteral("outcome")).toObject();
        if (outcome.value(QStringLiteral("template")).toString().isEmpty())
            continue;
        result.append({item.value(QStringLiteral("code")).toString(),
                       item.value(QStringLiteral("department")).toString(),
                       outcome.value(QStringLiteral("template")).toString(),
                       outcome.value(QStringLiteral("certificateType")).toString(),
                       outcome.value(QStringLiteral("validityYears")).toInt(),
                       item.value(QStringLiteral("form")).toArray()});
    }
    return result;
}

QJsonObject samples()
{
    return QJsonDocument::fromJson(QByteArray(samplesJson)).object();
}

// The certificate-produced record the review page writes for `item` (docs/sync-api.md).
QJsonObject certificateRecord(const CatalogItem &item, const QJsonObject &sample,
                              bool requiredFormFieldsOnly = false)
{
    const QJsonObject key = sample.value(QStringLiteral("key")).toObject();
    QJsonObject form = sample.value(QStringLiteral("fields")).toObject();
    if (requiredFormFieldsOnly) {
        QJsonObject required;
        for (const QJsonValue &field : item.form) {
            const QString name = field.toObject().value(QStringLiteral("key")).toString();
            if (field.toObject().value(QStringLiteral("required")).toBool() && form.contains(name))
                required.insert(name, form.value(name));
        }
        form = required;
    }
    QJsonObject record {
        {QStringLiteral("certificateId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("number"), key.value(QStringLiteral("number"))},
        {QStringLiteral("itemCode"), item.code},
        {QStringLiteral("certificateType"), item.certificateType},
        {QStringLiteral("templateId"), item.templateId},
        {QStringLiteral("holder"),
         QJsonObject {{QStringLiteral("kind"), key.value(QStringLiteral("kind"))},
                      {QStringLiteral("name"), key.value(QStringLiteral("holder"))},
                      {QStringLiteral("idNumber"), key.value(QStringLiteral("holderId"))}}},
        {QStringLiteral("issuedBy"), item.department},
        {QStringLiteral("issuedAt"), issuedOn.toString(Qt::ISODate)},
        {QStringLiteral("fields"), form},
        {QStringLiteral("printOffice"), QStringLiteral("SF-CG")},
    };
    if (item.validityYears > 0)
        record.insert(QStringLiteral("validUntil"),
                      issuedOn.addYears(item.validityYears).addDays(-1).toString(Qt::ISODate));
    return record;
}

// A choice's label, as the workstation prints it (the catalogue's option labels).
CertificateRecord::OptionLabel optionLabels(const CatalogItem &item)
{
    return [form = item.form](const QString &name, const QString &value) {
        for (const QJsonValue &field : form) {
            if (field.toObject().value(QStringLiteral("key")).toString() != name)
                continue;
            for (const QJsonValue &option : field.toObject().value(QStringLiteral("options")).toArray()) {
                if (option.toObject().value(QStringLiteral("value")).toString() == value)
                    return option.toObject().value(QStringLiteral("label")).toString();
            }
        }
        return value;
    };
}

bool runTool(const QString &program, const QStringList &arguments, QByteArray *output = nullptr)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        return false;
    if (output)
        *output = process.readAllStandardOutput();
    return true;
}

// What a QR scanner reads from the printed page (the PDF at 300 dpi).
QString scanPage(const QString &pdf)
{
    const QString prefix = pdf + QStringLiteral("-scan");
    if (!runTool(QStringLiteral("pdftoppm"),
                 {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-gray"),
                  QStringLiteral("-png"), QStringLiteral("-singlefile"), pdf, prefix}))
        return {};
    QByteArray output;
    if (!runTool(QStringLiteral("zbarimg"),
                 {QStringLiteral("--raw"), QStringLiteral("-q"), prefix + QStringLiteral(".png")}, &output))
        return {};
    return QString::fromUtf8(output).trimmed();
}

} // namespace

class TestCatalogTemplates : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyNamedTemplateHasSample();
    void templateMatchesItem_data();
    void templateMatchesItem();
    void printsAndVerifies_data();
    void printsAndVerifies();

private:
    const CatalogItem *item(const QString &code) const;

    QTemporaryDir m_dir;
    QList<CatalogItem> m_items;
    QJsonObject m_samples;
    AuthorityKey m_key;
    AuthorityPublicKeys m_keys;
};

void TestCatalogTemplates::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_items = catalogItemsWithTemplates();
    QVERIFY2(m_items.size() >= 17, "the demo catalogue names a template on at least 17 items");
    m_samples = samples();
    QVERIFY(!m_samples.isEmpty());
    QString error;
    m_key = AuthorityKey::generate(&error);
    QVERIFY2(!m_key.isNull(), qPrintable(error));
    m_keys.insert(authorityId, m_key.publicPem());
}

const CatalogItem *TestCatalogTemplates::item(const QString &code) const
{
    for (const CatalogItem &candidate : m_items) {
        if (candidate.code == code)
            return &candidate;
    }
    return nullptr;
}

void TestCatalogTemplates::everyNamedTemplateHasSample()
{
    // A template added to the catalogue is tested here once it has sample values.
    for (const CatalogItem &catalogItem : m_items)
        QVERIFY2(m_samples.contains(catalogItem.templateId),
                 qPrintable(catalogItem.code + QLatin1Char(' ') + catalogItem.templateId));
}

void TestCatalogTemplates::templateMatchesItem_data()
{
    QTest::addColumn<QString>("code");
    for (const CatalogItem &catalogItem : catalogItemsWithTemplates())
        QTest::newRow(qPrintable(catalogItem.code + QLatin1Char(' ') + catalogItem.templateId))
            << catalogItem.code;
}

// Each item's template loads, issues the item's certificate type, and prints
// a record that carries only the form's required values: nothing it needs
// is missing on any case of that item.
void TestCatalogTemplates::templateMatchesItem()
{
    QFETCH(QString, code);
    const CatalogItem *catalogItem = item(code);
    QVERIFY(catalogItem);
    const auto loaded = TemplateLoader::loadNamed(catalogItem->templateId);
    QVERIFY2(loaded.isValid(), qPrintable(loaded.problems.join(QLatin1Char('\n'))));
    QCOMPARE(loaded.tmpl->id, catalogItem->templateId);
    QCOMPARE(loaded.tmpl->certificateType, catalogItem->certificateType);

    const QJsonObject record
        = certificateRecord(*catalogItem, m_samples.value(catalogItem->templateId).toObject(), true);
    QString error;
    const auto key = CertificateKeyFields::fromRecord(record, authorityId, &error);
    QVERIFY2(key, qPrintable(error));
    const QString verificationCode = CertificateCode::sign(*key, m_key, &error);
    QVERIFY2(!verificationCode.isEmpty(), qPrintable(error));
    const CertificateFields fields = CertificateRecord::fields(
        record, verificationCode,
        m_samples.value(catalogItem->templateId).toObject().value(QStringLiteral("authorityName")).toString(),
        optionLabels(*catalogItem));
    QVERIFY2(TemplateRenderer::renderPdf(*loaded.tmpl, fields, {},
                                         m_dir.filePath(code + QStringLiteral(".pdf")), &error),
             qPrintable(error));
}

void TestCatalogTemplates::printsAndVerifies_data()
{
    QTest::addColumn<QString>("code");
    QSet<QString> seen;
    for (const CatalogItem &catalogItem : catalogItemsWithTemplates()) {
        if (seen.contains(catalogItem.templateId))
            continue;
        seen.insert(catalogItem.templateId);
        QTest::newRow(qPrintable(catalogItem.templateId)) << catalogItem.code;
    }
}

void TestCatalogTemplates::printsAndVerifies()
{
    QFETCH(QString, code);
    for (const char *tool : {"pdftoppm", "pdftotext", "zbarimg"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (scripts/setup-deps.sh)")
                                 .arg(QString::fromLatin1(tool))));
    }
    const CatalogItem *catalogItem = item(code);
    QVERIFY(catalogItem);
    const QString id = catalogItem->templateId;
    const QJsonObject sample = m_samples.value(id).toObject();
    const auto loaded = TemplateLoader::loadNamed(id);
    QVERIFY2(loaded.isValid(), qPrintable(loaded.problems.join(QLatin1Char('\n'))));

    // The server signs the record's key fields; the workstation prints the record with the code.
    const QJsonObject record = certificateRecord(*catalogItem, sample);
    QString error;
    const auto key = CertificateKeyFields::fromRecord(record, authorityId, &error);
    QVERIFY2(key, qPrintable(error));
    const QString verificationCode = CertificateCode::sign(*key, m_key, &error);
    QVERIFY2(!verificationCode.isEmpty(), qPrintable(error));
    const CertificateFields fields = CertificateRecord::fields(
        record, verificationCode, sample.value(QStringLiteral("authorityName")).toString(),
        optionLabels(*catalogItem));

    // Short single-line form values the template prints (choices by their label) must be on the paper.
    QStringList printedValues {key->holderName, key->certificateNumber};
    const auto labelOf = optionLabels(*catalogItem);
    for (const QJsonValue &field : catalogItem->form) {
        const QJsonObject formField = field.toObject();
        const QString name = formField.value(QStringLiteral("key")).toString();
        const QString type = formField.value(QStringLiteral("type")).toString();
        const QString value
            = labelOf(name, sample.value(QStringLiteral("fields")).toObject().value(name).toString());
        if (loaded.tmpl->fieldNamed(name) && !value.isEmpty() && value.size() <= 24
            && type != QLatin1String("date"))
            printedValues.append(value);
    }
    // Those only its conditions read (是/否 of a commitment) are not printed as such.
    const QString wording = TemplateRenderer::html(*loaded.tmpl, fields);
    printedValues.removeIf([&](const QString &value) { return !wording.contains(value.toHtmlEscaped()); });
    QVERIFY(printedValues.contains(key->holderName));

    const QString keep = qEnvironmentVariable("OW_TEST_KEEP_DIR");
    for (const auto mode : {RenderOptions::Mode::Plain, RenderOptions::Mode::PreprintedStock}) {
        const QString name
            = id + (mode == RenderOptions::Mode::Plain ? QStringLiteral("-plain") : QStringLiteral("-stock"));
        const QString pdf = m_dir.filePath(name + QStringLiteral(".pdf"));
        RenderOptions options;
        options.mode = mode;
        QVERIFY2(TemplateRenderer::renderPdf(*loaded.tmpl, fields, options, pdf, &error),
                 qPrintable(name + QStringLiteral(": ") + error));

        const QString text = ow::test::pdfText(pdf);
        QVERIFY2(!text.isEmpty(), qPrintable(name));
        for (const QString &value : std::as_const(printedValues))
            QVERIFY2(text.contains(ow::test::normalisedPdfText(value)),
                     qPrintable(name + QStringLiteral(" lacks ") + value));

        // The checker's scanner reads the code from the printed page, and it verifies.
        const QString scanned = scanPage(pdf);
        QCOMPARE(scanned, verificationCode);
        const auto verification = CertificateCode::verify(scanned, m_keys);
        QVERIFY2(verification.isGenuine(), qPrintable(verification.reason));
        QCOMPARE(verification.fields->holderName, key->holderName);
        QCOMPARE(verification.fields->certificateNumber, key->certificateNumber);

        // Kept for a person to look at when asked to.
        if (!keep.isEmpty()) {
            QDir().mkpath(keep);
            QVERIFY(runTool(QStringLiteral("pdftoppm"),
                            {QStringLiteral("-r"), QStringLiteral("110"), QStringLiteral("-png"),
                             QStringLiteral("-singlefile"), pdf, keep + QLatin1Char('/') + name}));
        }
    }
}

QTEST_MAIN(TestCatalogTemplates)
#include "tst_catalogtemplates.moc"
