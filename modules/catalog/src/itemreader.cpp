// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "itemreader.h"

#include "jsonlogiccheck.h"
#include "ow/catalog/tr.h"

#include <cmath>

namespace ow::catalog::Internal {

namespace {

const QRegularExpression &fieldKeyPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][A-Za-z0-9]{0,47}$"));
    return pattern;
}

template<typename E>
QList<E> readChoices(ObjectReader &reader, const QString &key, const QList<E> &defaultValue,
                     Problems &problems)
{
    if (!reader.expect(key, Presence::Optional))
        return defaultValue;
    const QJsonArray values = reader.array(key, Presence::Optional, true);
    QList<E> result;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (const auto value = valueOf<E>(values.at(i).toString()))
            result << *value;
        else
            problems.add(elementPath(reader.pathOf(key), i),
                         Tr::tr("must be one of: %1").arg(allKeys<E>().join(QStringLiteral(", "))));
    }
    return result;
}

void checkCertificateType(const QString &code, const QString &path, const KnownCodes &known,
                          Problems &problems)
{
    if (!code.isEmpty() && !known.certificateTypes.contains(code))
        problems.add(path, Tr::tr("unknown certificate type \"%1\"").arg(code));
}

Material readMaterial(const QJsonValue &value, const QString &path, const KnownCodes &known,
                      Problems &problems)
{
    ObjectReader r(value, path, problems);
    Material m;
    m.code = r.code(QStringLiteral("code"), itemCodePattern(), itemCodeForm());
    m.name = r.string(QStringLiteral("name"));
    m.required = r.boolean(QStringLiteral("required"), true);
    m.form = r.choice<MaterialForm>(QStringLiteral("form")).value_or(MaterialForm::Original);
    m.copies = r.integer(QStringLiteral("copies"), 1, 99, Presence::Optional).value_or(1);
    m.sharedLicence = r.string(QStringLiteral("sharedLicence"), Presence::Optional);
    checkCertificateType(m.sharedLicence, r.pathOf(QStringLiteral("sharedLicence")), known, problems);
    m.notes = r.string(QStringLiteral("notes"), Presence::Optional);
    m.reviewPoints = r.strings(QStringLiteral("reviewPoints"));
    r.finish();
    return m;
}

FormField readField(const QJsonValue &value, const QString &path, Problems &problems)
{
    ObjectReader r(value, path, problems);
    FormField f;
    f.key = r.code(QStringLiteral("key"), fieldKeyPattern(),
                   Tr::tr("use a camelCase name of letters and digits starting with a lower-case letter"));
    f.label = r.string(QStringLiteral("label"));
    f.type = r.choice<FieldType>(QStringLiteral("type")).value_or(FieldType::Text);
    f.required = r.boolean(QStringLiteral("required"), false);
    f.hint = r.string(QStringLiteral("hint"), Presence::Optional);
    f.pattern = r.string(QStringLiteral("pattern"), Presence::Optional);
    if (!f.pattern.isEmpty() && !QRegularExpression(f.pattern).isValid())
        problems.add(r.pathOf(QStringLiteral("pattern")), Tr::tr("is not a valid regular expression"));
    f.maxLength = r.integer(QStringLiteral("maxLength"), 1, INT_MAX, Presence::Optional).value_or(0);
    f.minimum = r.number(QStringLiteral("minimum"));
    f.maximum = r.number(QStringLiteral("maximum"));
    if (f.minimum && f.maximum && *f.minimum > *f.maximum)
        problems.add(r.pathOf(QStringLiteral("maximum")), Tr::tr("is less than the minimum"));

    const bool isChoice = f.type == FieldType::Choice;
    const QString optionsPath = r.pathOf(QStringLiteral("options"));
    if (r.has(QStringLiteral("options")) && !isChoice)
        problems.add(optionsPath, Tr::tr("only choice fields have options"));
    const QJsonArray options
        = r.array(QStringLiteral("options"), isChoice ? Presence::Required : Presence::Optional, isChoice);
    UniqueCodes values(problems);
    for (qsizetype i = 0; i < options.size(); ++i) {
        ObjectReader o(options.at(i), elementPath(optionsPath, i), problems);
        ChoiceOption option {o.string(QStringLiteral("value")), o.string(QStringLiteral("label"))};
        values.check(option.value, o.pathOf(QStringLiteral("value")));
        o.finish();
        f.options << option;
    }
    r.finish();
    return f;
}

ProcessStep readStep(const QJsonValue &value, const QString &path, Problems &problems)
{
    ObjectReader r(value, path, problems);
    ProcessStep s;
    s.name = r.string(QStringLiteral("name"));
    s.role = r.choice<StepRole>(QStringLiteral("role")).value_or(StepRole::Clerk);
    s.description = r.string(QStringLiteral("description"), Presence::Optional);
    s.days = r.integer(QStringLiteral("days"), 0, INT_MAX, Presence::Optional).value_or(0);
    r.finish();
    return s;
}

Fee readFee(const QJsonValue &value, const QString &path, Problems &problems)
{
    ObjectReader r(value, path, problems);
    Fee fee;
    r.expect(QStringLiteral("amount"), Presence::Required);
    const auto amount = r.number(QStringLiteral("amount"));
    // Amounts are yuan with at most two decimals (fen), stored as whole fen.
    if (amount) {
        const double fen = *amount * 100.0;
        if (*amount < 0 || std::abs(fen - std::round(fen)) > 1e-6)
            problems.add(r.pathOf(QStringLiteral("amount")),
                         Tr::tr("must be a non-negative amount in yuan with at most two decimals"));
        else
            fee.amountFen = static_cast<qint64>(std::llround(fen));
    }
    const bool charged = fee.amountFen > 0;
    fee.unit = r.string(QStringLiteral("unit"), charged ? Presence::Required : Presence::Optional);
    if (r.expect(QStringLiteral("basis"), charged ? Presence::Required : Presence::Optional))
        fee.basis
            = readBasis(r.value(QStringLiteral("basis")), r.pathOf(QStringLiteral("basis")), problems, false);
    fee.note = r.string(QStringLiteral("note"), Presence::Optional);
    r.finish();
    return fee;
}

Outcome readOutcome(const QJsonValue &value, const QString &path, const KnownCodes &known, Problems &problems)
{
    ObjectReader r(value, path, problems);
    Outcome o;
    o.certificateType = r.string(QStringLiteral("certificateType"), Presence::Optional);
    checkCertificateType(o.certificateType, r.pathOf(QStringLiteral("certificateType")), known, problems);
    o.name = r.string(QStringLiteral("name"),
                      o.certificateType.isEmpty() ? Presence::Required : Presence::Optional);
    o.templateId = r.string(QStringLiteral("template"), Presence::Optional);
    o.validityYears = r.integer(QStringLiteral("validityYears"), 1, 100, Presence::Optional);
    o.validityNote = r.string(QStringLiteral("validityNote"), Presence::Optional);
    o.delivery
        = readChoices<DeliveryMethod>(r, QStringLiteral("delivery"), {DeliveryMethod::Window}, problems);
    r.finish();
    return o;
}

SmartRule readRule(const QJsonValue &value, const QString &path, const QStringList &formKeys,
                   Problems &problems)
{
    ObjectReader r(value, path, problems);
    SmartRule rule;
    rule.id = r.string(QStringLiteral("id"));
    rule.description = r.string(QStringLiteral("description"));
    const QString logicPath = r.pathOf(QStringLiteral("logic"));
    if (r.expect(QStringLiteral("logic"), Presence::Required)) {
        rule.logic = r.value(QStringLiteral("logic"));
        if (rule.logic.isObject())
            checkJsonLogic(rule.logic, logicPath, formKeys, problems);
        else
            problems.add(logicPath,
                         Tr::tr("a rule must be a JSONLogic operation (an object with one operator key)"));
    }
    if (r.expect(QStringLiteral("basis"), Presence::Required))
        rule.basis
            = readBasis(r.value(QStringLiteral("basis")), r.pathOf(QStringLiteral("basis")), problems, true);
    rule.onFail = r.choice<Decision>(QStringLiteral("onFail"), Presence::Optional).value_or(Decision::Manual);
    if (rule.onFail == Decision::Approve)
        problems.add(r.pathOf(QStringLiteral("onFail")), Tr::tr("a failed rule cannot approve"));
    r.finish();
    return rule;
}

SmartApproval readSmartApproval(const QJsonValue &value, const QString &path, const ServiceItem &item,
                                const KnownCodes &known, Problems &problems)
{
    ObjectReader r(value, path, problems);
    SmartApproval a;
    a.mode = r.choice<ApprovalMode>(QStringLiteral("mode")).value_or(ApprovalMode::OnApplication);
    const bool needsPrerequisites = a.mode == ApprovalMode::PrerequisiteLicences;
    const QString prerequisitesPath = r.pathOf(QStringLiteral("prerequisites"));
    a.prerequisites = r.strings(QStringLiteral("prerequisites"),
                                needsPrerequisites ? Presence::Required : Presence::Optional);
    if (needsPrerequisites && a.prerequisites.isEmpty() && r.has(QStringLiteral("prerequisites")))
        problems.add(prerequisitesPath, Tr::tr("must not be empty"));
    for (qsizetype i = 0; i < a.prerequisites.size(); ++i)
        checkCertificateType(a.prerequisites.at(i), elementPath(prerequisitesPath, i), known, problems);
    if (a.mode == ApprovalMode::WithoutApplication && item.outcome.certificateType.isEmpty())
        problems.add(
            r.pathOf(QStringLiteral("mode")),
            Tr::tr("granting without application needs outcome.certificateType: the licences it renews"));

    QStringList formKeys;
    for (const FormField &f : item.form)
        formKeys << f.key;
    const QString rulesPath = r.pathOf(QStringLiteral("rules"));
    const QJsonArray rules = r.array(QStringLiteral("rules"), Presence::Required, true);
    UniqueCodes ids(problems);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString rulePath = elementPath(rulesPath, i);
        a.rules << readRule(rules.at(i), rulePath, formKeys, problems);
        ids.check(a.rules.last().id, memberPath(rulePath, QStringLiteral("id")));
    }
    a.outcome = r.choice<Decision>(QStringLiteral("outcome"), Presence::Optional).value_or(Decision::Approve);
    r.finish();
    return a;
}

} // namespace

const QRegularExpression &itemCodePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z0-9][A-Z0-9-]{2,39}$"));
    return pattern;
}

QString itemCodeForm()
{
    return Tr::tr("use 3 to 40 upper-case letters, digits or hyphens");
}

LegalBasis readBasis(const QJsonValue &value, const QString &path, Problems &problems, bool needsArticle)
{
    ObjectReader r(value, path, problems);
    LegalBasis basis;
    basis.law = r.string(QStringLiteral("law"));
    basis.article
        = r.string(QStringLiteral("article"), needsArticle ? Presence::Required : Presence::Optional);
    basis.documentNumber = r.string(QStringLiteral("documentNumber"), Presence::Optional);
    basis.excerpt = r.string(QStringLiteral("excerpt"), Presence::Optional);
    if (basis.law.startsWith(QStringLiteral("《")))
        problems.add(r.pathOf(QStringLiteral("law")),
                     Tr::tr("write the title without 《》; citations add them"));
    r.finish();
    return basis;
}

ServiceItem readItem(const QJsonValue &value, const QString &path, const KnownCodes &known,
                     Problems &problems)
{
    ObjectReader r(value, path, problems);
    ServiceItem item;
    item.code = r.code(QStringLiteral("code"), itemCodePattern(), itemCodeForm());
    item.name = r.string(QStringLiteral("name"));
    item.kind = r.choice<ItemKind>(QStringLiteral("kind")).value_or(ItemKind::Licensing);
    item.department = r.string(QStringLiteral("department"));
    if (!item.department.isEmpty() && !known.departments.contains(item.department))
        problems.add(r.pathOf(QStringLiteral("department")),
                     Tr::tr("unknown department \"%1\"").arg(item.department));
    item.audience = readChoices<Audience>(r, QStringLiteral("audience"), {Audience::Person}, problems);

    const QString basisPath = r.pathOf(QStringLiteral("basis"));
    const QJsonArray basis = r.array(QStringLiteral("basis"), Presence::Required, true);
    for (qsizetype i = 0; i < basis.size(); ++i)
        item.basis << readBasis(basis.at(i), elementPath(basisPath, i), problems, false);
    item.conditions = r.strings(QStringLiteral("conditions"), Presence::Required);

    const QString materialsPath = r.pathOf(QStringLiteral("materials"));
    const QJsonArray materials = r.array(QStringLiteral("materials"));
    UniqueCodes materialCodes(problems);
    for (qsizetype i = 0; i < materials.size(); ++i) {
        const QString materialPath = elementPath(materialsPath, i);
        item.materials << readMaterial(materials.at(i), materialPath, known, problems);
        materialCodes.check(item.materials.last().code, memberPath(materialPath, QStringLiteral("code")));
    }

    const QString formPath = r.pathOf(QStringLiteral("form"));
    const QJsonArray form = r.array(QStringLiteral("form"), Presence::Optional);
    UniqueCodes fieldKeys(problems);
    for (qsizetype i = 0; i < form.size(); ++i) {
        const QString fieldPath = elementPath(formPath, i);
        item.form << readField(form.at(i), fieldPath, problems);
        fieldKeys.check(item.form.last().key, memberPath(fieldPath, QStringLiteral("key")));
    }

    const QString processPath = r.pathOf(QStringLiteral("process"));
    const QJsonArray process = r.array(QStringLiteral("process"), Presence::Required, true);
    for (qsizetype i = 0; i < process.size(); ++i)
        item.process << readStep(process.at(i), elementPath(processPath, i), problems);

    const auto legalDays = r.integer(QStringLiteral("legalDays"), 1);
    const auto promisedDays = r.integer(QStringLiteral("promisedDays"), 0);
    item.legalDays = legalDays.value_or(0);
    item.promisedDays = promisedDays.value_or(0);
    if (legalDays && promisedDays && *promisedDays > *legalDays)
        problems.add(r.pathOf(QStringLiteral("promisedDays")),
                     Tr::tr("the promised time limit (%1 working days) exceeds the legal one (%2)")
                         .arg(*promisedDays)
                         .arg(*legalDays));
    item.timeLimitNote = r.string(QStringLiteral("timeLimitNote"), Presence::Optional);
    if (r.expect(QStringLiteral("fee"), Presence::Required))
        item.fee = readFee(r.value(QStringLiteral("fee")), r.pathOf(QStringLiteral("fee")), problems);
    item.visitsMax = r.integer(QStringLiteral("visitsMax"), 0, 2).value_or(1);
    if (r.expect(QStringLiteral("outcome"), Presence::Required))
        item.outcome = readOutcome(r.value(QStringLiteral("outcome")), r.pathOf(QStringLiteral("outcome")),
                                   known, problems);
    if (r.has(QStringLiteral("smartApproval")))
        item.smartApproval
            = readSmartApproval(r.value(QStringLiteral("smartApproval")),
                                r.pathOf(QStringLiteral("smartApproval")), item, known, problems);
    r.finish();
    return item;
}

} // namespace ow::catalog::Internal
