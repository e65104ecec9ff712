// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

// What the hand-out page looks up and shows: a search typed or scanned at
// the window, and each case found with whether its result can be handed out.

#include <ow/cases/casestate.h>
#include <ow/catalog/catalog.h>
#include <ow/storage/records.h>

#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ow::ui::Internal {

// A search as the clerk typed it or a scanner sent it.
struct HandoutQuery
{
    enum class Kind { Empty, CaseNumber, IdNumber, CreditCode, Invalid };
    Kind kind = Kind::Empty;
    QString value; // normalised case number, ID number or credit code
    QString error; // Invalid: translated, what is wrong with the input

    // The QR code of the acceptance notice holds the case number; scanners
    // may add a prefix, a suffix or change the case, so a case number is
    // also taken from inside longer text.
    static HandoutQuery parse(const QString &text);
};

// One case as the hand-out page lists it.
struct HandoutCase
{
    QString caseId;
    QString caseNumber;
    QString applicantName;
    QString applicantIdNumber;
    QStringList itemNames;
    cases::CaseStatus status = cases::CaseStatus::None;
    QDate deadline;
    bool ready = false; // a `delivered` event is allowed now
    QString reason; // translated: why it is not ready, or "Ready to hand out"
    QStringList documents; // what the applicant receives
};

// Finds cases in the store and says of each whether it can be handed out,
// by asking the state machine, in words a clerk can tell the applicant.
class HandoutFinder
{
public:
    HandoutFinder(const QSqlDatabase &db, const catalog::Catalog &catalog, cases::Role role);

    // Cases matching `query`; false with a translated error if the store cannot be read.
    bool find(const HandoutQuery &query, QList<HandoutCase> *found, QString *error) const;
    HandoutCase describe(const storage::CaseRecord &record, const cases::CaseState &state) const;

private:
    QString departmentNames(const QStringList &codes) const;
    QStringList documents(const cases::CaseState &state) const;
    QString reason(const HandoutCase &entry, const cases::CaseState &state) const;

    QSqlDatabase m_db;
    catalog::Catalog m_catalog;
    cases::Role m_role;
};

} // namespace ow::ui::Internal
