// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "handoutcasemodel.h"

#include "ow/ui/tr.h"

#include <QColor>

namespace ow::ui::Internal {

void HandoutCaseModel::setCases(const QList<HandoutCase> &cases)
{
    beginResetModel();
    m_cases = cases;
    endResetModel();
}

const HandoutCase *HandoutCaseModel::caseAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_cases.size())
        return nullptr;
    return &m_cases.at(index.row());
}

int HandoutCaseModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cases.size());
}

int HandoutCaseModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HandoutCaseModel::data(const QModelIndex &index, int role) const
{
    const HandoutCase *entry = caseAt(index);
    if (!entry)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return entry->caseNumber;
        case ApplicantColumn:
            return entry->applicantName;
        case ItemsColumn:
            return entry->itemNames.join(Tr::tr("; "));
        case StateColumn:
            return cases::caseStatusDisplayName(entry->status);
        case ReadyColumn:
            return entry->ready ? QStringLiteral("✔ ") + entry->reason : entry->reason;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ReadyColumn && entry->ready)
            return Tr::tr("To hand out: %1").arg(entry->documents.join(Tr::tr("; ")));
        if (index.column() == ApplicantColumn)
            return entry->applicantIdNumber;
        return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
        if (index.column() == ReadyColumn)
            return entry->ready ? QColor(0x1b, 0x87, 0x3f) : QColor(0x6b, 0x6b, 0x6b);
        break;
    case CaseIdRole:
        return entry->caseId;
    case ReadyRole:
        return entry->ready;
    default:
        break;
    }
    return {};
}

QVariant HandoutCaseModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return Tr::tr("Case number");
    case ApplicantColumn:
        return Tr::tr("Applicant");
    case ItemsColumn:
        return Tr::tr("Service item");
    case StateColumn:
        return Tr::tr("State");
    case ReadyColumn:
        return Tr::tr("Hand-out");
    }
    return {};
}

} // namespace ow::ui::Internal
