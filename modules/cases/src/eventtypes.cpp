// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/cases/event.h"

#include "ow/cases/tr.h"

namespace ow::cases {

namespace {

struct TypeName
{
    EventType type;
    const char *name;
};

// The wire names are part of the stored and synced data: never rename.
constexpr TypeName typeNames[] = {
    {EventType::Created, "created"},
    {EventType::Accepted, "accepted"},
    {EventType::MissingMaterialsNotified, "missing-materials-notified"},
    {EventType::Refused, "refused"},
    {EventType::Routed, "routed"},
    {EventType::Opinion, "opinion"},
    {EventType::SupplementRequested, "supplement-requested"},
    {EventType::SupplementReceived, "supplement-received"},
    {EventType::Suspended, "suspended"},
    {EventType::Resumed, "resumed"},
    {EventType::Approved, "approved"},
    {EventType::Denied, "denied"},
    {EventType::CertificateProduced, "certificate-produced"},
    {EventType::Printed, "printed"},
    {EventType::Delivered, "delivered"},
    {EventType::Withdrawn, "withdrawn"},
    {EventType::Terminated, "terminated"},
    {EventType::Evaluated, "evaluated"},
};

struct RoleNameEntry
{
    Role role;
    const char *name;
};

constexpr RoleNameEntry roleNames[] = {
    {Role::Clerk, "clerk"},           {Role::Reviewer, "reviewer"}, {Role::Agent, "agent"},
    {Role::Supervisor, "supervisor"}, {Role::Admin, "admin"},
};

} // namespace

QString eventTypeName(EventType type)
{
    for (const TypeName &entry : typeNames) {
        if (entry.type == type)
            return QString::fromLatin1(entry.name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<EventType> eventTypeFromName(QStringView name)
{
    for (const TypeName &entry : typeNames) {
        if (name == QLatin1String(entry.name))
            return entry.type;
    }
    return std::nullopt;
}

QList<EventType> allEventTypes()
{
    QList<EventType> types;
    for (const TypeName &entry : typeNames)
        types.append(entry.type);
    return types;
}

QString eventTypeDisplayName(EventType type)
{
    switch (type) {
    case EventType::Created:
        return Tr::tr("Registration");
    case EventType::Accepted:
        return Tr::tr("Acceptance");
    case EventType::MissingMaterialsNotified:
        return Tr::tr("One-time notice of missing materials");
    case EventType::Refused:
        return Tr::tr("Refusal to accept");
    case EventType::Routed:
        return Tr::tr("Routing for review");
    case EventType::Opinion:
        return Tr::tr("Review opinion");
    case EventType::SupplementRequested:
        return Tr::tr("Request for supplementary materials");
    case EventType::SupplementReceived:
        return Tr::tr("Supplementary materials received");
    case EventType::Suspended:
        return Tr::tr("Suspension");
    case EventType::Resumed:
        return Tr::tr("Resumption");
    case EventType::Approved:
        return Tr::tr("Approval");
    case EventType::Denied:
        return Tr::tr("Denial");
    case EventType::CertificateProduced:
        return Tr::tr("Certificate produced");
    case EventType::Printed:
        return Tr::tr("Printing");
    case EventType::Delivered:
        return Tr::tr("Delivery");
    case EventType::Withdrawn:
        return Tr::tr("Withdrawal");
    case EventType::Terminated:
        return Tr::tr("Termination");
    case EventType::Evaluated:
        return Tr::tr("Service evaluation");
    }
    return {};
}

QString roleName(Role role)
{
    for (const RoleNameEntry &entry : roleNames) {
        if (entry.role == role)
            return QString::fromLatin1(entry.name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const RoleNameEntry &entry : roleNames) {
        if (name == QLatin1String(entry.name))
            return entry.role;
    }
    return std::nullopt;
}

QList<Role> allRoles()
{
    QList<Role> roles;
    for (const RoleNameEntry &entry : roleNames)
        roles.append(entry.role);
    return roles;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Clerk:
        return Tr::tr("Window clerk");
    case Role::Reviewer:
        return Tr::tr("Reviewer");
    case Role::Agent:
        return Tr::tr("Convenience-point agent");
    case Role::Supervisor:
        return Tr::tr("Supervisor");
    case Role::Admin:
        return Tr::tr("Administrator");
    }
    return {};
}

} // namespace ow::cases
