// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/catalogloader.h"

#include "catalogdata.h"
#include "itemreader.h"
#include "ow/catalog/tr.h"

#include <ow/core/hash.h>

#include <QFile>
#include <QJsonDocument>

namespace ow::catalog {

using namespace Internal;

namespace {

const QRegularExpression &departmentCodePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z][A-Z0-9-]{1,19}$"));
    return pattern;
}

QList<Department> readDepartments(ObjectReader &root, Problems &problems)
{
    const QString path = root.pathOf(QStringLiteral("departments"));
    const QJsonArray array = root.array(QStringLiteral("departments"), Presence::Required, true);
    QList<Department> result;
    UniqueCodes codes(problems);
    for (qsizetype i = 0; i < array.size(); ++i) {
        ObjectReader r(array.at(i), elementPath(path, i), problems);
        Department d;
        d.code = r.code(QStringLiteral("code"), departmentCodePattern(),
                        Tr::tr("use 2 to 20 upper-case letters, digits or hyphens, starting with a letter"));
        d.name = r.string(QStringLiteral("name"));
        d.address = r.string(QStringLiteral("address"), Presence::Optional);
        d.phone = r.string(QStringLiteral("phone"), Presence::Optional);
        d.hours = r.string(QStringLiteral("hours"), Presence::Optional);
        codes.check(d.code, r.pathOf(QStringLiteral("code")));
        r.finish();
        result << d;
    }
    return result;
}

QList<CertificateType> readCertificateTypes(ObjectReader &root, Problems &problems)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9-]{1,47}$"));
    static const QRegularExpression prefixPattern(QStringLiteral("^[A-Z][A-Z0-9]{0,7}$"));
    const QString path = root.pathOf(QStringLiteral("certificateTypes"));
    const QJsonArray array = root.array(QStringLiteral("certificateTypes"), Presence::Optional);
    QList<CertificateType> result;
    UniqueCodes codes(problems);
    for (qsizetype i = 0; i < array.size(); ++i) {
        ObjectReader r(array.at(i), elementPath(path, i), problems);
        CertificateType t;
        t.code = r.code(QStringLiteral("code"), pattern,
                        Tr::tr("use lower-case letters, digits and hyphens, starting with a letter"));
        t.name = r.string(QStringLiteral("name"));
        t.numberPrefix = r.code(QStringLiteral("numberPrefix"), prefixPattern,
                                Tr::tr("use 1 to 8 capital letters or digits, starting with a letter"),
                                Presence::Optional);
        codes.check(t.code, r.pathOf(QStringLiteral("code")));
        r.finish();
        result << t;
    }
    return result;
}

QDate readDate(ObjectReader &r, const QString &key, Problems &problems)
{
    const QString text = r.string(key, Presence::Optional);
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!text.isEmpty() && !date.isValid())
        problems.add(r.pathOf(key), Tr::tr("must be a date such as 2026-11-01"));
    return date;
}

bool isPublicKeyPem(const QString &pem)
{
    static const QRegularExpression armour(
        QStringLiteral("^-----BEGIN PUBLIC KEY-----\\s+([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----\\s*$"));
    const auto match = armour.match(pem);
    if (!match.hasMatch())
        return false;
    QByteArray body = match.captured(1).toLatin1();
    body.replace('\n', QByteArray()).replace('\r', QByteArray()).replace(' ', QByteArray());
    const auto decoded = QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
    return decoded && !decoded.decoded.isEmpty();
}

QList<AuthorityKey> readAuthorityKeys(ObjectReader &root, const KnownCodes &known, Problems &problems)
{
    const QString path = root.pathOf(QStringLiteral("authorityKeys"));
    const QJsonArray array = root.array(QStringLiteral("authorityKeys"), Presence::Optional);
    QList<AuthorityKey> result;
    UniqueCodes ids(problems);
    for (qsizetype i = 0; i < array.size(); ++i) {
        ObjectReader r(array.at(i), elementPath(path, i), problems);
        AuthorityKey key;
        key.id = r.string(QStringLiteral("id"));
        ids.check(key.id, r.pathOf(QStringLiteral("id")));
        key.algorithm = r.string(QStringLiteral("algorithm"));
        if (!key.algorithm.isEmpty() && key.algorithm != QLatin1String("SM2"))
            problems.add(r.pathOf(QStringLiteral("algorithm")),
                         Tr::tr("must be one of: %1").arg(QStringLiteral("SM2")));
        const QString pem = r.string(QStringLiteral("publicKey"));
        if (!pem.isEmpty() && !isPublicKeyPem(pem))
            problems.add(r.pathOf(QStringLiteral("publicKey")),
                         Tr::tr("must be a PEM public key (-----BEGIN PUBLIC KEY-----)"));
        key.publicKeyPem = pem.toLatin1();
        key.department = r.string(QStringLiteral("department"), Presence::Optional);
        if (!key.department.isEmpty() && !known.departments.contains(key.department))
            problems.add(r.pathOf(QStringLiteral("department")),
                         Tr::tr("unknown department \"%1\"").arg(key.department));
        key.validFrom = readDate(r, QStringLiteral("validFrom"), problems);
        key.validUntil = readDate(r, QStringLiteral("validUntil"), problems);
        r.finish();
        result << key;
    }
    return result;
}

QList<ServiceItem> readItems(ObjectReader &root, const KnownCodes &known, Problems &problems)
{
    const QString path = root.pathOf(QStringLiteral("items"));
    const QJsonArray array = root.array(QStringLiteral("items"), Presence::Required, true);
    QList<ServiceItem> result;
    UniqueCodes codes(problems);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = elementPath(path, i);
        result << readItem(array.at(i), itemPath, known, problems);
        codes.check(result.last().code, memberPath(itemPath, QStringLiteral("code")));
    }
    return result;
}

// Bundles come last: they refer to items and their merge must be clean.
void readBundles(ObjectReader &root, CatalogData &data, const KnownCodes &known, Problems &problems)
{
    QHash<QString, const ServiceItem *> items;
    for (const ServiceItem &item : std::as_const(data.items))
        items.insert(item.code, &item);

    const QString path = root.pathOf(QStringLiteral("bundles"));
    const QJsonArray array = root.array(QStringLiteral("bundles"), Presence::Optional);
    UniqueCodes codes(problems);
    for (qsizetype i = 0; i < array.size(); ++i) {
        ObjectReader r(array.at(i), elementPath(path, i), problems);
        Bundle bundle;
        bundle.code = r.code(QStringLiteral("code"), itemCodePattern(), itemCodeForm());
        codes.check(bundle.code, r.pathOf(QStringLiteral("code")));
        bundle.name = r.string(QStringLiteral("name"));
        bundle.leadDepartment = r.string(QStringLiteral("leadDepartment"));
        if (!bundle.leadDepartment.isEmpty() && !known.departments.contains(bundle.leadDepartment))
            problems.add(r.pathOf(QStringLiteral("leadDepartment")),
                         Tr::tr("unknown department \"%1\"").arg(bundle.leadDepartment));
        bundle.description = r.string(QStringLiteral("description"), Presence::Optional);

        const QString itemsPath = r.pathOf(QStringLiteral("items"));
        const bool hasItems = r.has(QStringLiteral("items"));
        bundle.items = r.strings(QStringLiteral("items"), Presence::Required);
        if (hasItems && bundle.items.size() < 2)
            problems.add(itemsPath, Tr::tr("a bundle needs at least two items"));
        QList<const ServiceItem *> members;
        UniqueCodes memberCodes(problems);
        for (qsizetype j = 0; j < bundle.items.size(); ++j) {
            const QString &code = bundle.items.at(j);
            memberCodes.check(code, elementPath(itemsPath, j));
            if (const ServiceItem *item = items.value(code))
                members << item;
            else
                problems.add(elementPath(itemsPath, j), Tr::tr("unknown item \"%1\"").arg(code));
        }
        MergedApplication merged = mergeApplication(members);
        for (const FieldConflict &conflict : std::as_const(merged.conflicts))
            problems.add(elementPath(itemsPath, bundle.items.indexOf(conflict.otherItem)),
                         conflict.message());
        r.finish();
        data.bundles << bundle;
        data.mergedBundles << merged;
    }
}

} // namespace

QString Problem::toString() const
{
    return path + QStringLiteral(": ") + message;
}

LoadResult CatalogLoader::load(const QByteArray &document)
{
    Problems problems;
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        problems.add(
            QStringLiteral("$"),
            Tr::tr("not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
        return {std::nullopt, problems.list()};
    }

    auto data = std::make_shared<CatalogData>();
    data->document = document;
    ObjectReader root(json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()), {}, problems);
    static const QRegularExpression versionPattern(QStringLiteral("^[0-9]{4}\\.[0-9]{1,2}\\.[0-9]{1,4}$"));
    data->version = root.code(QStringLiteral("version"), versionPattern,
                              Tr::tr("use year.month.number, e.g. 2026.11.1"));
    const QString publishedAt = root.string(QStringLiteral("publishedAt"));
    data->publishedAt = QDateTime::fromString(publishedAt, Qt::ISODateWithMs);
    // RFC 3339 demands an offset; without one the time would depend on the reader's zone.
    if (!publishedAt.isEmpty()
        && (!data->publishedAt.isValid() || data->publishedAt.timeSpec() == Qt::LocalTime))
        problems.add(
            root.pathOf(QStringLiteral("publishedAt")),
            Tr::tr("must be an RFC 3339 date and time with a time zone, e.g. 2026-11-01T09:00:00+08:00"));
    data->publisher = root.string(QStringLiteral("publisher"), Presence::Optional);
    static const QRegularExpression regionPattern(QStringLiteral("^[0-9]{6}$"));
    data->regionCode
        = root.code(QStringLiteral("regionCode"), regionPattern,
                    Tr::tr("use the six-digit administrative division code"), Presence::Optional);

    KnownCodes known;
    data->departments = readDepartments(root, problems);
    for (const Department &d : std::as_const(data->departments))
        known.departments.insert(d.code);
    data->certificateTypes = readCertificateTypes(root, problems);
    for (const CertificateType &t : std::as_const(data->certificateTypes))
        known.certificateTypes.insert(t.code);
    data->authorityKeys = readAuthorityKeys(root, known, problems);
    data->items = readItems(root, known, problems);
    readBundles(root, *data, known, problems);
    root.finish();

    if (!problems.isEmpty())
        return {std::nullopt, problems.list()};
    // An outcome may name only its certificate type; the guide shows a name.
    QHash<QString, QString> typeNames;
    for (const CertificateType &t : std::as_const(data->certificateTypes))
        typeNames.insert(t.code, t.name);
    for (ServiceItem &item : data->items)
        if (item.outcome.name.isEmpty())
            item.outcome.name = typeNames.value(item.outcome.certificateType);
    data->documentSha256 = core::Hasher::hashHex(document, core::HashAlgorithm::Sha256);
    data->buildIndexes();
    return {Catalog(std::move(data)), {}};
}

LoadResult CatalogLoader::loadFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {
            std::nullopt,
            {Problem {QStringLiteral("$"), Tr::tr("cannot read %1: %2").arg(fileName, file.errorString())}}};
    return load(file.readAll());
}

LoadResult CatalogLoader::loadDemo()
{
    return loadFile(demoCatalogPath());
}

QString CatalogLoader::demoCatalogPath()
{
    return QStringLiteral(":/catalog/demo-catalog.json");
}

QString CatalogLoader::schemaPath()
{
    return QStringLiteral(":/catalog/catalog.schema.json");
}

} // namespace ow::catalog
