// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <ow/cases/event.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace ow::server::Internal {

// The authenticated caller of one request, as the server's directory knows them now.
struct Principal
{
    QString userId; // UUIDv7
    QString userName;
    QList<cases::Role> roles;
    QString officeCode;
    QStringList departments;       // department codes the user reviews for (catalogue department codes, e.g. "D07")
    QStringList officeDepartments; // all department codes hosted by the user's office
    bool hasRole(cases::Role role) const { return roles.contains(role); }
};

} // namespace ow::server::Internal
