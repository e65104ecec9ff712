// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/inboxmodel.h"

#include "ow/ui/tr.h"

#include <ow/cases/casestate.h>

#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace ow::ui {

namespace {

bool isClockStopped(const storage::InboxRow &row)
{
    return row.state == QLatin1String("supplement-pending") || row.state == QLatin1String("suspended");
}

QColor lightColor(cases::ClockLight light)
{
    switch (light) {
    case cases::ClockLight::Green:
        return QColor(0x1b, 0x87, 0x3f);
    case cases::ClockLight::Yellow:
        return QColor(0xd9, 0x9a, 0x06);
    case cases::ClockLight::Red:
        return QColor(0xc6, 0x28, 0x28);
    case cases::ClockLight::None:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

const QIcon &lightIcon(cases::ClockLight light)
{
    static QHash<int, QIcon> icons;
    auto it = icons.find(int(light));
    if (it == icons.end()) {
        QPixmap pixmap(14, 14);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(lightColor(light));
        painter.drawEllipse(1, 1, 12, 12);
        painter.end();
        it = icons.insert(int(light), QIcon(pixmap));
    }
    return *it;
}

QString stateText(const QString &state)
{
    const auto status = cases::caseStatusFromName(state);
    return status ? cases::caseStatusDisplayName(*status) : state;
}

storage::InboxSort sortOfColumn(int column)
{
    switch (column) {
    case InboxModel::CaseNumber:
        return storage::InboxSort::CaseNumber;
    case InboxModel::Item:
        return storage::InboxSort::Item;
    case InboxModel::Office:
        return storage::InboxSort::Office;
    case InboxModel::State:
        return storage::InboxSort::State;
    case InboxModel::Accepted:
        return storage::InboxSort::AcceptedAt;
    default:
        return storage::InboxSort::Deadline;
    }
}

} // namespace

InboxModel::InboxModel(const QSqlDatabase &db, const core::WorkingCalendar &calendar, QObject *parent)
    : QAbstractTableModel(parent)
    , m_inbox(db)
    , m_calendar(calendar)
    , m_today(cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc()))
{ }

InboxModel::~InboxModel() = default;

void InboxModel::setToday(const QDate &today)
{
    m_today = today;
    m_clocks.clear();
    appendClocks(0);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Light), index(int(m_rows.size()) - 1, Remaining));
}

void InboxModel::setFilter(const storage::InboxFilter &filter)
{
    m_filter = filter;
    loadFirstPage();
}

void InboxModel::reload()
{
    loadFirstPage();
}

void InboxModel::sort(int column, Qt::SortOrder order)
{
    m_sort = sortOfColumn(column);
    m_descending = order == Qt::DescendingOrder;
    loadFirstPage();
}

void InboxModel::loadFirstPage()
{
    beginResetModel();
    m_rows.clear();
    m_clocks.clear();
    m_next = {};
    m_lastError.clear();
    if (!m_filter.department.isEmpty())
        appendPage();
    endResetModel();
}

bool InboxModel::appendPage()
{
    const storage::InboxPage page = m_inbox.page(m_filter, m_sort, m_descending, m_pageSize, m_next);
    if (!m_inbox.lastError().isEmpty()) {
        m_lastError = m_inbox.lastError();
        m_next = {};
        emit loadFailed(m_lastError);
        return false;
    }
    m_rows += page.rows;
    m_next = page.next;
    appendClocks(m_clocks.size());
    return true;
}

void InboxModel::appendClocks(qsizetype from)
{
    for (qsizetype i = from; i < m_rows.size(); ++i) {
        Clock clock;
        clock.light = light(m_rows.at(i), &clock.remaining);
        m_clocks.append(clock);
    }
}

qint64 InboxModel::totalCount(bool *capped) const
{
    if (capped)
        *capped = false;
    if (m_filter.department.isEmpty())
        return 0;
    // Everything is loaded: nothing to ask the store.
    if (m_next.isNull())
        return m_rows.size();
    // A text that matches many cases: counting them all would walk the whole
    // inbox on every keystroke; "more than" is what the reviewer needs.
    if (!m_filter.text.trimmed().isEmpty()) {
        const qint64 counted = m_inbox.count(m_filter, kCountCap + 1);
        if (counted > kCountCap) {
            if (capped)
                *capped = true;
            return kCountCap;
        }
        return counted;
    }
    return m_inbox.count(m_filter);
}

int InboxModel::rowOfCase(const QString &caseId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).caseId == caseId)
            return int(i);
    }
    return -1;
}

cases::ClockLight InboxModel::light(const storage::InboxRow &row, int *remaining) const
{
    if (!row.open || !row.deadline.isValid())
        return cases::ClockLight::None;
    const auto days = m_calendar.workingDaysBetween(m_today, row.deadline);
    if (!days)
        return cases::ClockLight::None;
    if (remaining)
        *remaining = *days;
    if (*days < 0)
        return cases::ClockLight::Red;
    if (isClockStopped(row))
        return cases::ClockLight::None;
    return *days <= m_policy.yellowWorkingDays ? cases::ClockLight::Yellow : cases::ClockLight::Green;
}

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool InboxModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_next.isNull();
}

void InboxModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_next.isNull())
        return;
    const storage::InboxPage page = m_inbox.page(m_filter, m_sort, m_descending, m_pageSize, m_next);
    if (!m_inbox.lastError().isEmpty()) {
        m_lastError = m_inbox.lastError();
        m_next = {};
        emit loadFailed(m_lastError);
        return;
    }
    if (page.rows.isEmpty()) {
        m_next = {};
        return;
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.rows.size()) - 1);
    m_rows += page.rows;
    m_next = page.next;
    appendClocks(first);
    endInsertRows();
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const storage::InboxRow &row = m_rows.at(index.row());
    if (role == CaseIdRole)
        return row.caseId;
    const int remaining = m_clocks.at(index.row()).remaining;
    const cases::ClockLight clockLight = m_clocks.at(index.row()).light;
    if (role == LightRole)
        return int(clockLight);
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Light:
            return {};
        case CaseNumber:
            return row.caseNumber;
        case Applicant:
            return row.applicantName;
        case Item:
            return row.itemName.isEmpty() ? row.itemCode : row.itemName;
        case Office:
            return row.office;
        case State:
            return stateText(row.state);
        case Accepted:
            return row.acceptedAt.isValid()
                ? locale.toString(row.acceptedAt.toLocalTime(), QLocale::ShortFormat)
                : QString();
        case Deadline:
            return row.deadline.isValid() ? locale.toString(row.deadline, QLocale::ShortFormat) : QString();
        case Remaining:
            if (!row.open || !row.deadline.isValid())
                return QString();
            if (remaining < 0)
                return Tr::tr("%n working day(s) overdue", nullptr, -remaining);
            if (isClockStopped(row))
                return Tr::tr("Clock stopped");
            return Tr::tr("%n working day(s) left", nullptr, remaining);
        case Assignee:
            return row.assignee.isEmpty() ? Tr::tr("Unclaimed") : row.assignee;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Light)
            return lightIcon(clockLight);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Light || index.column() == Remaining)
            return cases::clockLightDisplayName(clockLight);
        if (index.column() == Item)
            return row.itemCode;
        break;
    case Qt::ForegroundRole:
        if (index.column() == Remaining && clockLight != cases::ClockLight::None)
            return lightColor(clockLight);
        if (index.column() == Assignee && row.assignee.isEmpty())
            return QColor(Qt::darkGray);
        break;
    case Qt::AccessibleTextRole:
        if (index.column() == Light)
            return cases::clockLightDisplayName(clockLight);
        break;
    default:
        break;
    }
    return {};
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Light:
        return Tr::tr("Light");
    case CaseNumber:
        return Tr::tr("Case number");
    case Applicant:
        return Tr::tr("Applicant");
    case Item:
        return Tr::tr("Item");
    case Office:
        return Tr::tr("Office");
    case State:
        return Tr::tr("State");
    case Accepted:
        return Tr::tr("Accepted");
    case Deadline:
        return Tr::tr("Due");
    case Remaining:
        return Tr::tr("Time left");
    case Assignee:
        return Tr::tr("Claimed by");
    }
    return {};
}

} // namespace ow::ui
