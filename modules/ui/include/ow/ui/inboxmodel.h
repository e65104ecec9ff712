// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/cases/timelimitclock.h>
#include <ow/core/workingcalendar.h>
#include <ow/storage/inboxrepository.h>

#include <QAbstractTableModel>
#include <QDate>

namespace ow::ui {

// A department's inbox (待办) over the store, a page at a time: the view asks
// for more as it scrolls (canFetchMore/fetchMore), sorting and filtering go
// back to the store, so 200,000 open cases open as fast as 20. The time-limit
// light is computed from the deadline and today on the centre's calendar.
class OW_UI_EXPORT InboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Light, CaseNumber, Applicant, Item, Office, State, Accepted, Deadline, Remaining, Assignee,
                  ColumnCount };
    enum Role { CaseIdRole = Qt::UserRole + 1, LightRole };

    InboxModel(const QSqlDatabase &db, const core::WorkingCalendar &calendar, QObject *parent = nullptr);
    ~InboxModel() override;

    void setToday(const QDate &today); // tests and the day change at midnight
    void setPageSize(int rows) { m_pageSize = rows; }
    void setFilter(const storage::InboxFilter &filter);
    storage::InboxFilter filter() const { return m_filter; }
    // Reads the first page again (after a change in the store).
    void reload();
    // Rows the filter selects in the store (not only those loaded); -1 on
    // error. With a text filter it stops at kCountCap and sets `capped`.
    static constexpr qint64 kCountCap = 1000;
    qint64 totalCount(bool *capped = nullptr) const;
    QString lastError() const { return m_lastError; }

    storage::InboxRow row(int index) const { return m_rows.value(index); }
    int rowOfCase(const QString &caseId) const;
    // The light and remaining working days of a row as of today.
    cases::ClockLight light(const storage::InboxRow &row, int *remaining = nullptr) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadFailed(const QString &message);

private:
    void loadFirstPage();
    bool appendPage();
    // The light and days left of each loaded row, computed once per row and
    // day: a view asks data() for every cell and role on every paint.
    struct Clock
    {
        cases::ClockLight light = cases::ClockLight::None;
        int remaining = 0;
    };
    void appendClocks(qsizetype from);

    storage::InboxRepository m_inbox;
    core::WorkingCalendar m_calendar;
    cases::ClockPolicy m_policy;
    QDate m_today;
    storage::InboxFilter m_filter;
    storage::InboxSort m_sort = storage::InboxSort::Deadline;
    bool m_descending = false;
    int m_pageSize = 100;
    QList<storage::InboxRow> m_rows;
    QList<Clock> m_clocks;
    storage::InboxCursor m_next;
    QString m_lastError;
};

} // namespace ow::ui
