// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/catalog/item.h"

#include "enumkeys.h"
#include "ow/catalog/tr.h"

namespace ow::catalog {

namespace Internal {

namespace {
constexpr EnumKey<ItemKind> itemKinds[] = {
    {ItemKind::Licensing, "licensing"},         {ItemKind::Payment, "payment"},
    {ItemKind::Confirmation, "confirmation"},   {ItemKind::Reward, "reward"},
    {ItemKind::Adjudication, "adjudication"},   {ItemKind::OtherPower, "otherPower"},
    {ItemKind::PublicService, "publicService"},
};
constexpr EnumKey<Audience> audiences[] = {
    {Audience::Person, "person"},
    {Audience::Organisation, "organisation"},
};
constexpr EnumKey<MaterialForm> materialForms[] = {
    {MaterialForm::Original, "original"},
    {MaterialForm::Copy, "copy"},
    {MaterialForm::Electronic, "electronic"},
};
constexpr EnumKey<FieldType> fieldTypes[] = {
    {FieldType::Text, "text"},         {FieldType::IdNumber, "idNumber"}, {FieldType::Uscc, "uscc"},
    {FieldType::Phone, "phone"},       {FieldType::Date, "date"},         {FieldType::Choice, "choice"},
    {FieldType::Number, "number"},     {FieldType::Money, "money"},       {FieldType::Address, "address"},
    {FieldType::TextArea, "textarea"},
};
constexpr EnumKey<StepRole> stepRoles[] = {
    {StepRole::Applicant, "applicant"}, {StepRole::Clerk, "clerk"},   {StepRole::Reviewer, "reviewer"},
    {StepRole::Inspector, "inspector"}, {StepRole::System, "system"},
};
constexpr EnumKey<DeliveryMethod> deliveryMethods[] = {
    {DeliveryMethod::Window, "window"},
    {DeliveryMethod::Post, "post"},
    {DeliveryMethod::Electronic, "electronic"},
};
constexpr EnumKey<ApprovalMode> approvalModes[] = {
    {ApprovalMode::OnApplication, "onApplication"},
    {ApprovalMode::WithoutApplication, "withoutApplication"},
    {ApprovalMode::PrerequisiteLicences, "prerequisiteLicences"},
    {ApprovalMode::SharedInformation, "sharedInformation"},
};
constexpr EnumKey<Decision> decisions[] = {
    {Decision::Approve, "approve"},
    {Decision::Deny, "deny"},
    {Decision::Manual, "manual"},
};
} // namespace

std::span<const EnumKey<ItemKind>> keys(ItemKind)
{
    return itemKinds;
}
std::span<const EnumKey<Audience>> keys(Audience)
{
    return audiences;
}
std::span<const EnumKey<MaterialForm>> keys(MaterialForm)
{
    return materialForms;
}
std::span<const EnumKey<FieldType>> keys(FieldType)
{
    return fieldTypes;
}
std::span<const EnumKey<StepRole>> keys(StepRole)
{
    return stepRoles;
}
std::span<const EnumKey<DeliveryMethod>> keys(DeliveryMethod)
{
    return deliveryMethods;
}
std::span<const EnumKey<ApprovalMode>> keys(ApprovalMode)
{
    return approvalModes;
}
std::span<const EnumKey<Decision>> keys(Decision)
{
    return decisions;
}

} // namespace Internal

QString LegalBasis::citation() const
{
    return QStringLiteral("《%1》%2").arg(law, article);
}

QString FormField::optionLabel(const QString &value) const
{
    for (const ChoiceOption &option : options)
        if (option.value == value)
            return option.label;
    return value;
}

QString Fee::amountText() const
{
    return QStringLiteral("%1.%2").arg(amountFen / 100).arg(amountFen % 100, 2, 10, QLatin1Char('0'));
}

const Material *ServiceItem::material(const QString &code) const
{
    for (const Material &m : materials)
        if (m.code == code)
            return &m;
    return nullptr;
}

const FormField *ServiceItem::field(const QString &key) const
{
    for (const FormField &f : form)
        if (f.key == key)
            return &f;
    return nullptr;
}

QString toKey(ItemKind kind)
{
    return Internal::keyOf(kind);
}
QString toKey(Audience audience)
{
    return Internal::keyOf(audience);
}
QString toKey(MaterialForm form)
{
    return Internal::keyOf(form);
}
QString toKey(FieldType type)
{
    return Internal::keyOf(type);
}
QString toKey(StepRole role)
{
    return Internal::keyOf(role);
}
QString toKey(DeliveryMethod method)
{
    return Internal::keyOf(method);
}
QString toKey(ApprovalMode mode)
{
    return Internal::keyOf(mode);
}
QString toKey(Decision decision)
{
    return Internal::keyOf(decision);
}

QString displayName(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Licensing:
        return Tr::tr("Administrative licensing");
    case ItemKind::Payment:
        return Tr::tr("Administrative payment");
    case ItemKind::Confirmation:
        return Tr::tr("Administrative confirmation");
    case ItemKind::Reward:
        return Tr::tr("Administrative reward");
    case ItemKind::Adjudication:
        return Tr::tr("Administrative adjudication");
    case ItemKind::OtherPower:
        return Tr::tr("Other administrative power");
    case ItemKind::PublicService:
        return Tr::tr("Public service");
    }
    return {};
}

QString displayName(Audience audience)
{
    switch (audience) {
    case Audience::Person:
        return Tr::tr("Natural persons");
    case Audience::Organisation:
        return Tr::tr("Legal persons and other organisations");
    }
    return {};
}

QString displayName(MaterialForm form)
{
    switch (form) {
    case MaterialForm::Original:
        return Tr::tr("Original");
    case MaterialForm::Copy:
        return Tr::tr("Copy");
    case MaterialForm::Electronic:
        return Tr::tr("Electronic");
    }
    return {};
}

QString displayName(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return Tr::tr("Text");
    case FieldType::IdNumber:
        return Tr::tr("ID card number");
    case FieldType::Uscc:
        return Tr::tr("Unified social credit code");
    case FieldType::Phone:
        return Tr::tr("Phone number");
    case FieldType::Date:
        return Tr::tr("Date");
    case FieldType::Choice:
        return Tr::tr("Choice");
    case FieldType::Number:
        return Tr::tr("Number");
    case FieldType::Money:
        return Tr::tr("Amount of money");
    case FieldType::Address:
        return Tr::tr("Address");
    case FieldType::TextArea:
        return Tr::tr("Long text");
    }
    return {};
}

QString displayName(StepRole role)
{
    switch (role) {
    case StepRole::Applicant:
        return Tr::tr("Applicant");
    case StepRole::Clerk:
        return Tr::tr("Window clerk");
    case StepRole::Reviewer:
        return Tr::tr("Department reviewer");
    case StepRole::Inspector:
        return Tr::tr("On-site inspector");
    case StepRole::System:
        return Tr::tr("System (smart approval)");
    }
    return {};
}

QString displayName(DeliveryMethod method)
{
    switch (method) {
    case DeliveryMethod::Window:
        return Tr::tr("Collect at the window");
    case DeliveryMethod::Post:
        return Tr::tr("By post");
    case DeliveryMethod::Electronic:
        return Tr::tr("Electronic certificate");
    }
    return {};
}

QString displayName(ApprovalMode mode)
{
    switch (mode) {
    case ApprovalMode::OnApplication:
        return Tr::tr("Approved on application");
    case ApprovalMode::WithoutApplication:
        return Tr::tr("Granted without application");
    case ApprovalMode::PrerequisiteLicences:
        return Tr::tr("Based on licences already held");
    case ApprovalMode::SharedInformation:
        return Tr::tr("Based on shared information");
    }
    return {};
}

QString displayName(Decision decision)
{
    switch (decision) {
    case Decision::Approve:
        return Tr::tr("Approve");
    case Decision::Deny:
        return Tr::tr("Deny");
    case Decision::Manual:
        return Tr::tr("Refer to a reviewer");
    }
    return {};
}

} // namespace ow::catalog
