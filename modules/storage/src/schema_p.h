// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QList>

namespace ow::storage::Internal {

// One schema version: its statements, run in order inside one transaction.
struct SchemaStep
{
    int version = 0;
    QList<const char *> statements;
};

// Every version, oldest first; versions are 1, 2, ... without gaps.
const QList<SchemaStep> &schemaSteps();

} // namespace ow::storage::Internal
