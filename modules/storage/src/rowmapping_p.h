// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"

#include <QSqlQuery>
#include <QString>

// Column lists and conversions between records and rows, shared by the repositories.
namespace ow::storage::Internal {

const QString &eventColumns(); // "id, case_id, ..." in EventRecord order
const QString &eventPlaceholders();
void bindEvent(QSqlQuery *query, const EventRecord &event);
EventRecord readEvent(const QSqlQuery &query, int first = 0);
int eventColumnCount();

const QString &caseColumns();
// INSERT ... ON CONFLICT (id) DO UPDATE: writes the whole projection row.
const QString &caseUpsertSql();
void bindCase(QSqlQuery *query, const CaseRecord &record);
CaseRecord readCase(const QSqlQuery &query, int first = 0);

QString applicantKindText(ApplicantKind kind);
// An empty (not null) string for a null one: optional text columns are NOT NULL DEFAULT ''.
QString nonNull(const QString &text);

} // namespace ow::storage::Internal
