// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "handoutcase.h"

#include <QAbstractTableModel>

namespace ow::ui::Internal {

// The cases a hand-out search found, one row each: case number, applicant,
// service items, state, and whether the result can be handed out (or why not).
class HandoutCaseModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NumberColumn, ApplicantColumn, ItemsColumn, StateColumn, ReadyColumn, ColumnCount };
    enum Role { CaseIdRole = Qt::UserRole, ReadyRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setCases(const QList<HandoutCase> &cases);
    const QList<HandoutCase> &cases() const { return m_cases; }
    const HandoutCase *caseAt(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HandoutCase> m_cases;
};

} // namespace ow::ui::Internal
