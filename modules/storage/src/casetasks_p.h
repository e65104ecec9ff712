// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"

#include <QString>

namespace ow::storage::Internal {

class StatementCache;

// Keeps a case's inbox rows (case_tasks) in step with its projection: one per
// department in the projection's reviews. Called wherever the cases row is
// written, inside the same transaction.
bool writeCaseTasks(StatementCache &statements, const CaseRecord &record, QString *error);
// One column, one instr() per row: the text filter walks the deadline index only.
QString searchText(const QString &caseNumber, const QString &applicantName, const QString &itemName);
bool deleteCaseTasks(StatementCache &statements, const QString &caseId, QString *error);

} // namespace ow::storage::Internal
