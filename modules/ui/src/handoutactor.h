// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"

#include <ow/cases/event.h>

namespace ow::ui::Internal {

// The role a window page records case events in: clerk where the user is
// one, else agent (代办员), else the user's first role.
cases::Role windowRole(const Session &session);
// The signed-in user as the actor of a new event; the case journal stamps
// the device and office again when it records it.
cases::Actor windowActor(const Session &session);

} // namespace ow::ui::Internal
