// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog_export.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::catalog {

// The standard of one service item ("八统一": name, code, basis, materials,
// process, time limits, form, fees), as published in the catalogue. Plain
// values: the loader fills them, everything else only reads them.

// A citation of the law or regulation an item, a fee or a rule rests on.
struct OW_CATALOG_EXPORT LegalBasis
{
    QString law; // full title, e.g. 中华人民共和国食品安全法
    QString article; // e.g. 第三十五条; empty when the instrument as a whole applies
    QString documentNumber; // 文号, e.g. 国务院令第649号
    QString excerpt; // the operative words, quoted in the staff manual

    // 《law》article, the form notices cite (否定必有依据).
    QString citation() const;
};

// The legal nature of an item (政务服务事项类型).
enum class ItemKind { Licensing, Payment, Confirmation, Reward, Adjudication, OtherPower, PublicService };

// Who may apply (服务对象).
enum class Audience { Person, Organisation };

// How a material is handed in.
enum class MaterialForm { Original, Copy, Electronic };

enum class FieldType { Text, IdNumber, Uscc, Phone, Date, Choice, Number, Money, Address, TextArea };

// Who carries out a process step.
enum class StepRole { Applicant, Clerk, Reviewer, Inspector, System };

// How the result reaches the applicant.
enum class DeliveryMethod { Window, Post, Electronic };

// When smart approval (智能审批) runs and what it looks at.
enum class ApprovalMode {
    OnApplication, // 即报即批: when the application is accepted
    WithoutApplication, // 免申即享: proactively, e.g. renewal of expiring licences
    PrerequisiteLicences, // 证照前置: holding certain licences is the main condition
    SharedInformation // 数据共享: decided from other departments' data
};

enum class Decision { Approve, Deny, Manual };

struct OW_CATALOG_EXPORT Material
{
    QString code; // catalogue-wide: the same code is the same document in every item
    QString name;
    bool required = true;
    MaterialForm form = MaterialForm::Original;
    int copies = 1;
    QString sharedLicence; // certificate type code that can stand in (免提交), or empty
    QString notes;
    QStringList reviewPoints; // 审查要点, for the staff manual
};

struct ChoiceOption
{
    QString value;
    QString label;
};

struct OW_CATALOG_EXPORT FormField
{
    QString key; // rules read it as form.<key>
    QString label;
    FieldType type = FieldType::Text;
    bool required = false;
    QList<ChoiceOption> options; // choice fields only
    QString hint; // shown beside the input, e.g. the expected format
    QString pattern; // extra regular expression for text fields
    int maxLength = 0; // 0: no limit
    std::optional<double> minimum;
    std::optional<double> maximum;

    // The label of an option value, or the value itself if unknown.
    QString optionLabel(const QString &value) const;
};

struct ProcessStep
{
    QString name; // 受理, 审查, 决定, 送达 ...
    StepRole role = StepRole::Clerk;
    QString description;
    int days = 0; // working days this step may take; 0: within the item's limit
};

struct OW_CATALOG_EXPORT Fee
{
    qint64 amountFen = 0; // 0: 不收费
    QString unit; // e.g. 元/件
    std::optional<LegalBasis> basis;
    QString note;

    bool isFree() const { return amountFen == 0; }
    // "80.00" style amount in yuan.
    QString amountText() const;
};

struct OW_CATALOG_EXPORT Outcome
{
    QString name; // what the applicant receives, e.g. 食品经营许可证
    QString certificateType; // code in the catalogue's certificateTypes, or empty
    QString templateId; // printing template
    std::optional<int> validityYears; // none: no fixed term (长期有效 or see note)
    QString validityNote;
    QList<DeliveryMethod> delivery;
};

// One JSONLogic rule of smart approval. The data it sees is described in
// catalog.schema.json ($defs/smartApproval): form, applicant, licences,
// licence, shared, materials, today.
struct SmartRule
{
    QString id;
    QString description;
    QJsonValue logic;
    LegalBasis basis;
    Decision onFail = Decision::Manual; // deny only where the basis says so
};

// All rules true → outcome; a false rule with onFail deny → deny citing its
// basis; any other false rule → manual (转人工).
struct SmartApproval
{
    ApprovalMode mode = ApprovalMode::OnApplication;
    QStringList prerequisites; // certificate types that must be held (prerequisiteLicences)
    QList<SmartRule> rules;
    Decision outcome = Decision::Approve;
};

struct OW_CATALOG_EXPORT ServiceItem
{
    QString code;
    QString name;
    ItemKind kind = ItemKind::Licensing;
    QString department; // department code
    QList<Audience> audience;
    QList<LegalBasis> basis;
    QStringList conditions; // 受理条件
    QList<Material> materials;
    QList<FormField> form;
    QList<ProcessStep> process;
    int legalDays = 0; // working days
    int promisedDays = 0; // working days; 0: 即办 (on the spot)
    QString timeLimitNote;
    Fee fee;
    int visitsMax = 1; // 0, 1 or 2 (最多跑一次)
    Outcome outcome;
    std::optional<SmartApproval> smartApproval;

    bool isImmediate() const { return promisedDays == 0; }
    const Material *material(const QString &code) const;
    const FormField *field(const QString &key) const;
};

// Stable names as written in the catalogue document and stored data.
OW_CATALOG_EXPORT QString toKey(ItemKind kind);
OW_CATALOG_EXPORT QString toKey(Audience audience);
OW_CATALOG_EXPORT QString toKey(MaterialForm form);
OW_CATALOG_EXPORT QString toKey(FieldType type);
OW_CATALOG_EXPORT QString toKey(StepRole role);
OW_CATALOG_EXPORT QString toKey(DeliveryMethod method);
OW_CATALOG_EXPORT QString toKey(ApprovalMode mode);
OW_CATALOG_EXPORT QString toKey(Decision decision);

// Translated names for people.
OW_CATALOG_EXPORT QString displayName(ItemKind kind);
OW_CATALOG_EXPORT QString displayName(Audience audience);
OW_CATALOG_EXPORT QString displayName(MaterialForm form);
OW_CATALOG_EXPORT QString displayName(FieldType type);
OW_CATALOG_EXPORT QString displayName(StepRole role);
OW_CATALOG_EXPORT QString displayName(DeliveryMethod method);
OW_CATALOG_EXPORT QString displayName(ApprovalMode mode);
OW_CATALOG_EXPORT QString displayName(Decision decision);

} // namespace ow::catalog
