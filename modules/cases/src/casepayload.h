// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/casestate.h"
#include "ow/cases/event.h"

#include <QString>

namespace ow::cases::Internal {

// Why `event`'s payload is not acceptable on a case in `state` (translated),
// or an empty string. Negative decisions must cite their basis.
QString checkPayload(const CaseState &state, const Event &event);

// Folds an event the state machine accepted into the projection.
void project(CaseState &state, const Event &event, CaseStatus next);

// The smart-approval trace an approval made at the window carries.
bool carriesApprovingTrace(const Event &event);

} // namespace ow::cases::Internal
