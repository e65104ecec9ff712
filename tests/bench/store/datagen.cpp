// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "datagen.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace ow::bench {

namespace {

// Common surnames, most frequent first (they are drawn with a skewed distribution).
const QString surnames = QStringLiteral(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤");
const QStringList compoundSurnames
    = {QStringLiteral("欧阳"), QStringLiteral("司马"), QStringLiteral("诸葛"), QStringLiteral("上官")};
const QString givenChars = QStringLiteral(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞"
    "香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊"
    "薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒"
    "影荔枝思丽浩宇轩然子涵博文天佑一鸣国栋建华志强海峰俊杰家豪晨阳");
const QStringList offices = {
    QStringLiteral("330102"), QStringLiteral("330105"), QStringLiteral("330106"), QStringLiteral("330108"),
    QStringLiteral("330109"), QStringLiteral("330110"), QStringLiteral("330111"), QStringLiteral("330122"),
    QStringLiteral("330127"), QStringLiteral("330182"), QStringLiteral("330183"), QStringLiteral("330185"),
};
// Birth regions of applicants: mostly local, some from elsewhere.
const QStringList birthRegions = {
    QStringLiteral("330102"), QStringLiteral("330106"), QStringLiteral("330110"), QStringLiteral("330182"),
    QStringLiteral("330327"), QStringLiteral("330621"), QStringLiteral("341221"), QStringLiteral("362101"),
    QStringLiteral("410522"), QStringLiteral("430521"), QStringLiteral("511025"), QStringLiteral("110101"),
};
const QStringList lifecycle
    = {QStringLiteral("created"),  QStringLiteral("accepted"), QStringLiteral("routed"),
       QStringLiteral("opinion"),  QStringLiteral("approved"), QStringLiteral("certificate-produced"),
       QStringLiteral("delivered")};
const QStringList stateAfter
    = {QStringLiteral("created"),      QStringLiteral("accepted"), QStringLiteral("routed"),
       QStringLiteral("under-review"), QStringLiteral("approved"), QStringLiteral("certified"),
       QStringLiteral("delivered")};

quint64 mix(quint64 x)
{
    // splitmix64: a cheap, well-spread hash of an index.
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QString iso(const QDateTime &t)
{
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace

DataGenerator::DataGenerator(int caseCount, quint32 seed)
    : m_caseCount(caseCount)
    , m_seed(seed)
    , m_offices(offices)
{
    const QStringList departmentList = departments();
    // 25 items over 7 departments (3 or 4 each).
    for (int i = 0; i < 25; ++i) {
        const int department = i % int(departmentList.size());
        m_items.append({QStringLiteral("330000-%1-%2")
                            .arg(QStringLiteral("D%1").arg(department + 1))
                            .arg(i + 1, 3, 10, QLatin1Char('0')),
                        departmentList.at(department), 5 + (i * 3) % 16});
    }
    m_caseNumbers.reserve(caseCount);
}

const QStringList &DataGenerator::departments()
{
    static const QStringList list
        = {QStringLiteral("市场监管局"), QStringLiteral("人力社保局"), QStringLiteral("公安局"),
           QStringLiteral("民政局"),     QStringLiteral("卫生健康委"), QStringLiteral("住房城乡建设局"),
           QStringLiteral("交通运输局")};
    return list;
}

QStringList DataGenerator::queueStates()
{
    return {QStringLiteral("routed"), QStringLiteral("under-review")};
}

QString DataGenerator::applicantName(quint64 h) const
{
    // Skewed: the first surnames are far more common, as in life.
    const double u = double(h % 1000003) / 1000003.0;
    QString name = (h >> 60) == 0 ? compoundSurnames.at(int((h >> 20) % 4))
                                  : QString(surnames.at(int(u * u * surnames.size())));
    name += givenChars.at(int((h >> 24) % quint64(givenChars.size())));
    if ((h >> 40) % 10 < 7)
        name += givenChars.at(int((h >> 44) % quint64(givenChars.size())));
    return name;
}

QString DataGenerator::idNumber(quint64 h) const
{
    const QDate birth = QDate(1950, 1, 1).addDays(qint64(h % 20089)); // to 2004
    QString first17 = birthRegions.at(int((h >> 16) % quint64(birthRegions.size())))
        + birth.toString(QStringLiteral("yyyyMMdd"))
        + QStringLiteral("%1").arg((h >> 32) % 1000, 3, 10, QLatin1Char('0'));
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += (first17.at(i).unicode() - u'0') * weights[i];
    return first17 + QStringLiteral("10X98765432").at(sum % 11);
}

QString DataGenerator::creditCode(quint64 h) const
{
    static const QString charset = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    QString code = QStringLiteral("91") + m_offices.at(int(h % quint64(m_offices.size())));
    quint64 bits = h >> 8;
    for (int i = 0; i < 9; ++i) {
        code += charset.at(int(bits % 31));
        bits /= 31;
    }
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += int(charset.indexOf(code.at(i))) * weights[i];
    return code + charset.at((31 - sum % 31) % 31);
}

QString DataGenerator::uuidV7(qint64 unixMs, quint64 h)
{
    const quint64 r = mix(h);
    return QStringLiteral("%1-%2-7%3-%4-%5")
        .arg(quint64(unixMs) >> 16, 8, 16, QLatin1Char('0'))
        .arg(quint64(unixMs) & 0xffff, 4, 16, QLatin1Char('0'))
        .arg(r & 0xfff, 3, 16, QLatin1Char('0'))
        .arg(0x8000 | ((r >> 12) & 0x3fff), 4, 16, QLatin1Char('0'))
        .arg((r >> 26) & 0xffffffffffffULL, 12, 16, QLatin1Char('0'));
}

QString DataGenerator::idNumberOf(int index) const
{
    // 70% of the cases belong to a pool of applicants, so many have several cases.
    const quint64 applicant = mix(quint64(index) ^ m_seed) % quint64(qMax(1, m_caseCount * 7 / 10));
    const quint64 h = mix(applicant * 2654435761ULL + m_seed);
    return h % 100 < 12 ? creditCode(h) : idNumber(h);
}

QString DataGenerator::randomNamePrefix(QRandomGenerator &random) const
{
    const QString name = applicantName(mix(random.generate64()));
    return random.bounded(2) == 0 ? name.left(name.size() - 1 > 1 ? 2 : 1) : name.left(1);
}

GeneratedCase DataGenerator::next()
{
    const int index = m_index++;
    const quint64 h = mix(quint64(index) * 0x2545f4914f6cdd1dULL + m_seed);
    GeneratedCase generated;

    const QString idNumber = idNumberOf(index);
    const quint64 person = mix(quint64(qHash(idNumber)) + m_seed);
    storage::ApplicantRecord &applicant = generated.applicant;
    applicant.idNumber = idNumber;
    applicant.kind = idNumber.startsWith(QLatin1String("91")) ? storage::ApplicantKind::Legal
                                                              : storage::ApplicantKind::Natural;
    applicant.name = applicant.kind == storage::ApplicantKind::Legal
        ? QStringLiteral("杭州%1科技有限公司").arg(applicantName(person))
        : applicantName(person);
    applicant.phone = QStringLiteral("1%1").arg(3000000000ULL + person % 6999999999ULL);
    applicant.address = QStringLiteral("浙江省杭州市西湖区文三路%1号").arg(person % 900 + 1);

    // Two years of intake, in order; the office and item vary.
    const QDate day = QDate(2024, 4, 1).addDays(qint64(index) * 730 / qMax(1, m_caseCount));
    const QString office = m_offices.at(int(h % quint64(m_offices.size())));
    const Item &item = m_items.at(int((h >> 8) % quint64(m_items.size())));
    const QString dayKey = office + day.toString(QStringLiteral("yyyyMMdd"));
    const int sequence = ++m_dailySequence[dayKey];
    const QString caseNumber = QStringLiteral("YCT-%1-%2-%3")
                                   .arg(office, day.toString(QStringLiteral("yyyyMMdd")))
                                   .arg(sequence, 6, 10, QLatin1Char('0'));
    m_caseNumbers.append(caseNumber);
    const QString device = QStringLiteral("dev-%1-%2").arg(office).arg((h >> 16) % 3 + 1);
    const QDateTime created(day, QTime(8, 30).addSecs(int((h >> 20) % 30000)), Qt::UTC);

    storage::CaseRecord projection;
    projection.id = uuidV7(created.toMSecsSinceEpoch(), h);
    projection.caseNumber = caseNumber;
    projection.itemCode = item.code;
    projection.applicantIdNumber = applicant.idNumber;
    projection.applicantName = applicant.name;
    projection.office = office;
    projection.department = item.department;
    projection.catalogVersion = QStringLiteral("2024.1");

    const int eventCount = 3 + int((quint64(index) * 7) % 5); // 3..7, 5 on average
    QDateTime at = created;
    for (int e = 0; e < eventCount; ++e) {
        if (e > 0)
            at = at.addSecs(qint64(3600 + (mix(h + quint64(e)) % (3 * 86400))));
        auto &[headSeq, headHash] = m_deviceHeads[device];
        storage::EventRecord event;
        event.id = uuidV7(at.toMSecsSinceEpoch(), h + quint64(e) * 31);
        event.caseId = projection.id;
        event.type = lifecycle.at(e);
        event.actorUser
            = e < 2 ? QStringLiteral("clerk-%1").arg(h % 40) : QStringLiteral("reviewer-%1").arg(h % 25);
        event.actorOffice = office;
        event.deviceId = device;
        event.deviceSeq = ++headSeq;
        event.at = iso(at);
        event.payload = e == 0
            ? QStringLiteral(R"({"item":"%1","form":{"name":"%2","idNumber":"%3","phone":"%4",)"
                             R"("address":"%5"},"materials":["M001","M002","M005"]})")
                  .arg(item.code, applicant.name, applicant.idNumber, applicant.phone, applicant.address)
            : e == 3 ? QStringLiteral(R"({"opinion":"材料齐全，符合法定形式，同意办理。"})")
                     : QStringLiteral(R"({"note":""})");
        event.prevHash = headHash;
        event.hash = QString::fromLatin1(
            QCryptographicHash::hash((event.prevHash + event.id + event.payload).toUtf8(),
                                     QCryptographicHash::Sha256)
                .toHex());
        headHash = event.hash;
        event.serverSeq = 0;

        projection.state = stateAfter.at(e);
        projection.updatedAt = at;
        projection.lastEventId = event.id;
        if (e == 1) {
            projection.acceptedAt = at;
            // Working days become calendar days at roughly 7/5.
            projection.deadline = at.date().addDays(item.promisedDays * 7 / 5);
        }
        generated.events.append(event);
        generated.projections.append(projection);
    }
    return generated;
}

} // namespace ow::bench
