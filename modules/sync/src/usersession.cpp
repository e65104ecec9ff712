// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/sync/usersession.h"
#include "ow/sync/tr.h"

#include <QJsonArray>

namespace ow::sync {

QJsonObject UserProfile::toJson() const
{
    QJsonArray roleNames;
    for (const cases::Role role : roles)
        roleNames.append(cases::roleName(role));
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("displayName"), displayName},
        {QStringLiteral("roles"), roleNames},
        {QStringLiteral("office"),
         QJsonObject{{QStringLiteral("code"), officeCode},
                     {QStringLiteral("name"), officeName},
                     {QStringLiteral("regionCode"), regionCode}}},
        {QStringLiteral("departments"), QJsonArray::fromStringList(departments)},
    };
}

std::optional<UserProfile> UserProfile::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &member) -> std::optional<UserProfile> {
        if (error)
            *error = Tr::tr("The server's user record lacks a valid \"%1\".").arg(member);
        return std::nullopt;
    };
    UserProfile profile;
    profile.id = json.value(QLatin1String("id")).toString();
    profile.name = json.value(QLatin1String("name")).toString();
    profile.displayName = json.value(QLatin1String("displayName")).toString(profile.name);
    if (profile.id.isEmpty())
        return fail(QStringLiteral("id"));
    if (profile.name.isEmpty())
        return fail(QStringLiteral("name"));
    const QJsonValue roles = json.value(QLatin1String("roles"));
    if (!roles.isArray() || roles.toArray().isEmpty())
        return fail(QStringLiteral("roles"));
    for (const QJsonValue &value : roles.toArray()) {
        const auto role = cases::roleFromName(value.toString());
        if (!role)
            return fail(QStringLiteral("roles"));
        profile.roles.append(*role);
    }
    const QJsonObject office = json.value(QLatin1String("office")).toObject();
    profile.officeCode = office.value(QLatin1String("code")).toString();
    profile.officeName = office.value(QLatin1String("name")).toString();
    profile.regionCode = office.value(QLatin1String("regionCode")).toString();
    if (profile.officeCode.isEmpty())
        return fail(QStringLiteral("office.code"));
    for (const QJsonValue &value : json.value(QLatin1String("departments")).toArray())
        profile.departments.append(value.toString());
    return profile;
}

} // namespace ow::sync
