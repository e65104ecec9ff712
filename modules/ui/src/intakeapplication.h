// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/cases/ruleset.h>
#include <ow/catalog/catalog.h>
#include <ow/catalog/mergedapplication.h>

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace ow::ui::Internal {

// What the clerk applies for: one item, or a bundle ("一件事") with its
// merged checklist and form. Pointers belong to the catalogue.
struct IntakeApplication
{
    const catalog::Bundle *bundle = nullptr;
    QList<const catalog::ServiceItem *> items;
    catalog::MergedApplication merged;

    static IntakeApplication forItem(const catalog::Catalog &catalog, const QString &code);
    static IntakeApplication forBundle(const catalog::Catalog &catalog, const QString &code);

    bool isNull() const { return items.isEmpty(); }
    QString code() const;
    QString name() const;
    // Item names as notices list them: the bundle's name first, then its items.
    QStringList displayNames() const;
    // The longest promised limit (the legal one where no promise is made), as the case's time limit.
    int promisedDays() const;
    // The item whose smart approval decides at the window: a single item
    // whose rules approve an application (not 免申即享).
    const catalog::ServiceItem *smartItem() const;
    // Every citation of the items' bases, without repeats.
    QStringList basis() const;

    // The `created` event's items and bundle members, in the shape the server checks.
    QJsonArray itemsJson() const;
    QJsonObject bundleJson() const;
};

// The catalogue's smart approval as a cases::RuleSet (rules cite their
// basis; a failing rule with onFail deny denies, others send to a person).
std::optional<cases::RuleSet> ruleSetOf(const catalog::ServiceItem &item, QString *error = nullptr);

// The data smart-approval rules see (catalog.schema.json, $defs/smartApproval).
QJsonObject ruleData(const QJsonObject &applicant, const QJsonObject &form,
                     const QStringList &receivedMaterials, const QJsonArray &licences, const QDate &today);

// "form.x ≥ 1 ✔ — basis" per rule, for the clerk.
QString describeTrace(const cases::RuleTrace &trace, const cases::RuleSet &rules,
                      const catalog::ServiceItem &item);

} // namespace ow::ui::Internal
