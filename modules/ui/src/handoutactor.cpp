// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "handoutactor.h"

namespace ow::ui::Internal {

cases::Role windowRole(const Session &session)
{
    const sync::UserProfile &user = session.user.user;
    if (user.hasRole(cases::Role::Clerk))
        return cases::Role::Clerk;
    if (user.hasRole(cases::Role::Agent))
        return cases::Role::Agent;
    return user.primaryRole();
}

cases::Actor windowActor(const Session &session)
{
    cases::Actor actor;
    actor.userId = session.user.user.id;
    actor.officeCode = session.user.user.officeCode;
    actor.deviceId = session.user.deviceId;
    actor.role = windowRole(session);
    return actor;
}

} // namespace ow::ui::Internal
