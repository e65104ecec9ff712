// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakeapplication.h"

#include "ow/ui/tr.h"

#include <ow/catalog/ruletext.h>
#include <ow/core/idcardnumber.h>

#include <QJsonArray>

#include <algorithm>

namespace ow::ui::Internal {

IntakeApplication IntakeApplication::forItem(const catalog::Catalog &catalog, const QString &code)
{
    IntakeApplication application;
    if (const catalog::ServiceItem *item = catalog.item(code)) {
        application.items = {item};
        application.merged = catalog::mergeApplication(application.items);
    }
    return application;
}

IntakeApplication IntakeApplication::forBundle(const catalog::Catalog &catalog, const QString &code)
{
    IntakeApplication application;
    const catalog::Bundle *bundle = catalog.bundle(code);
    const catalog::MergedApplication *merged = catalog.mergedBundle(code);
    if (!bundle || !merged)
        return application;
    application.bundle = bundle;
    application.items = catalog.bundleItems(*bundle);
    application.merged = *merged;
    return application;
}

QString IntakeApplication::code() const
{
    return bundle ? bundle->code : (items.isEmpty() ? QString() : items.constFirst()->code);
}

QString IntakeApplication::name() const
{
    return bundle ? bundle->name : (items.isEmpty() ? QString() : items.constFirst()->name);
}

QStringList IntakeApplication::displayNames() const
{
    QStringList names;
    if (bundle)
        names.append(bundle->name);
    for (const catalog::ServiceItem *item : items)
        names.append(bundle ? Tr::tr("%1 (%2)").arg(item->name, item->code) : item->name);
    return names;
}

int IntakeApplication::promisedDays() const
{
    int days = 0;
    for (const catalog::ServiceItem *item : items)
        days = std::max(
            days, item->promisedDays > 0 ? item->promisedDays : (item->isImmediate() ? 0 : item->legalDays));
    return days;
}

const catalog::ServiceItem *IntakeApplication::smartItem() const
{
    if (bundle || items.size() != 1 || !items.constFirst()->smartApproval)
        return nullptr;
    // 免申即享 runs without an application, and only an approving outcome is decided at the window.
    const catalog::SmartApproval &approval = *items.constFirst()->smartApproval;
    if (approval.mode == catalog::ApprovalMode::WithoutApplication
        || approval.outcome != catalog::Decision::Approve)
        return nullptr;
    return items.constFirst();
}

QStringList IntakeApplication::basis() const
{
    QStringList citations;
    for (const catalog::ServiceItem *item : items) {
        for (const catalog::LegalBasis &basis : item->basis) {
            const QString citation = basis.citation();
            if (!citations.contains(citation))
                citations.append(citation);
        }
    }
    return citations;
}

QJsonArray IntakeApplication::itemsJson() const
{
    QJsonArray list;
    for (const catalog::ServiceItem *item : items) {
        list.append(
            QJsonObject {{QStringLiteral("code"), item->code},
                         {QStringLiteral("name"), item->name},
                         {QStringLiteral("department"), item->department},
                         {QStringLiteral("legalDays"), item->legalDays},
                         {QStringLiteral("promisedDays"), item->promisedDays},
                         {QStringLiteral("producesCertificate"), !item->outcome.certificateType.isEmpty()}});
    }
    return list;
}

QJsonObject IntakeApplication::bundleJson() const
{
    if (!bundle)
        return {};
    return {{QStringLiteral("code"), bundle->code},
            {QStringLiteral("name"), bundle->name},
            {QStringLiteral("leadDepartment"), bundle->leadDepartment}};
}

std::optional<cases::RuleSet> ruleSetOf(const catalog::ServiceItem &item, QString *error)
{
    if (!item.smartApproval)
        return std::nullopt;
    QJsonArray rules;
    for (const catalog::SmartRule &rule : item.smartApproval->rules) {
        rules.append(QJsonObject {
            {QStringLiteral("id"), rule.id},
            {QStringLiteral("rule"), rule.logic},
            {QStringLiteral("basis"), rule.basis.citation()},
            {QStringLiteral("outcome"),
             rule.onFail == catalog::Decision::Deny ? QStringLiteral("deny") : QStringLiteral("manual")},
            {QStringLiteral("description"), rule.description},
        });
    }
    return cases::RuleSet::fromJson(
        QJsonObject {{QStringLiteral("mode"), catalog::toKey(item.smartApproval->mode)},
                     {QStringLiteral("rules"), rules}},
        error);
}

QJsonObject ruleData(const QJsonObject &applicant, const QJsonObject &form,
                     const QStringList &receivedMaterials, const QJsonArray &licences, const QDate &today)
{
    QJsonObject person = applicant;
    const auto id = core::IdCardNumber::parse(applicant.value(QStringLiteral("idNumber")).toString(), today);
    if (id.isValid()) {
        const QDate birth = id.number().birthDate();
        int months = (today.year() - birth.year()) * 12 + today.month() - birth.month();
        if (today.day() < birth.day())
            --months;
        person.insert(QStringLiteral("age"), months / 12);
        person.insert(QStringLiteral("ageInMonths"), months);
        person.insert(QStringLiteral("birthDate"), birth.toString(Qt::ISODate));
        person.insert(QStringLiteral("sex"),
                      id.number().sex() == core::IdCardNumber::Sex::Male ? QStringLiteral("male")
                                                                         : QStringLiteral("female"));
        person.insert(QStringLiteral("regionCode"), id.number().regionCode());
    }
    QJsonObject materials;
    for (const QString &code : receivedMaterials)
        materials.insert(code, true);
    return {{QStringLiteral("form"), form},           {QStringLiteral("applicant"), person},
            {QStringLiteral("licences"), licences},   {QStringLiteral("shared"), QJsonObject()},
            {QStringLiteral("materials"), materials}, {QStringLiteral("today"), today.toString(Qt::ISODate)}};
}

QString describeTrace(const cases::RuleTrace &trace, const cases::RuleSet &rules,
                      const catalog::ServiceItem &item)
{
    QStringList lines;
    lines.append(Tr::tr("Smart approval: %1").arg(cases::ruleOutcomeDisplayName(trace.outcome)));
    for (const cases::RuleResult &result : trace.results) {
        QJsonValue logic;
        for (const cases::ApprovalRule &rule : rules.rules) {
            if (rule.id == result.id)
                logic = rule.logic;
        }
        const QString mark = result.passed ? QStringLiteral("✔") : QStringLiteral("✘");
        QString line = Tr::tr("%1 %2: %3 (%4)")
                           .arg(mark, result.description.isEmpty() ? result.id : result.description,
                                catalog::describeRule(logic, &item), result.basis);
        if (!result.error.isEmpty())
            line += QStringLiteral(" — ") + result.error;
        lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ow::ui::Internal
