// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/sync/sync_export.h"

#include <ow/cases/event.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace ow::sync {

// Who works at this workstation, as the central server described them at
// their last online sign-in (the "user" object of POST /session).
struct OW_SYNC_EXPORT UserProfile
{
    QString id;
    QString name;
    QString displayName;
    QList<cases::Role> roles;
    QString officeCode;
    QString officeName;
    QString regionCode;
    QStringList departments;

    bool hasRole(cases::Role role) const { return roles.contains(role); }
    // The actor events are recorded under: the user's first role.
    cases::Role primaryRole() const { return roles.value(0, cases::Role::Clerk); }

    QJsonObject toJson() const;
    // nullopt, with the reason, when required members are missing or of the wrong type.
    static std::optional<UserProfile> fromJson(const QJsonObject &json, QString *error = nullptr);
};

// A signed-in user: online with a bearer token, or offline (verified against
// the cached credential) until the server can be reached.
struct OW_SYNC_EXPORT UserSession
{
    UserProfile user;
    QUrl serverUrl;
    QString deviceId;
    QString token; // empty when signed in offline
    QDateTime expiresAt;
    QString logPublicKey; // base64 Ed25519 key the server signs its tree heads with

    bool isOnline() const { return !token.isEmpty(); }
};

} // namespace ow::sync
