// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "casetasks_p.h"

#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow::storage::Internal {

namespace {

// The states in which a department still has work on the case.
bool isOpenState(const QString &state)
{
    return state == QLatin1String("under-review") || state == QLatin1String("supplement-pending")
        || state == QLatin1String("suspended");
}

bool isDecidedState(const QString &state)
{
    return state == QLatin1String("approved") || state == QLatin1String("denied")
        || state == QLatin1String("certificate-ready") || state == QLatin1String("delivered");
}

} // namespace

QString searchText(const QString &caseNumber, const QString &applicantName, const QString &itemName)
{
    return caseNumber + u' ' + applicantName + u' ' + itemName;
}

bool deleteCaseTasks(StatementCache &statements, const QString &caseId, QString *error)
{
    QSqlQuery *remove = statements.get(QStringLiteral("DELETE FROM case_tasks WHERE case_id = ?"), error);
    if (!remove)
        return false;
    remove->addBindValue(caseId);
    return statements.exec(remove, Access::Write, error);
}

bool writeCaseTasks(StatementCache &statements, const CaseRecord &record, QString *error)
{
    if (!deleteCaseTasks(statements, record.id, error))
        return false;
    const QJsonObject details = QJsonDocument::fromJson(record.details.toUtf8()).object();
    QJsonArray reviews = details.value(QStringLiteral("reviews")).toArray();
    if (reviews.isEmpty()) {
        // Decided at the window without routing (秒批): the department still
        // finds it among its concluded cases, as decided.
        if (record.department.isEmpty() || !isDecidedState(record.state))
            return true;
        reviews.append(QJsonObject {{QStringLiteral("department"), record.department},
                                    {QStringLiteral("decision"), record.state == QLatin1String("denied")
                                                                     ? QStringLiteral("deny")
                                                                     : QStringLiteral("approve")}});
    }
    QHash<QString, QString> itemNames;
    for (const QJsonValue &item : details.value(QStringLiteral("items")).toArray())
        itemNames.insert(item[QStringLiteral("code")].toString(), item[QStringLiteral("name")].toString());
    QSqlQuery *insert = statements.get(
        QStringLiteral("INSERT OR REPLACE INTO case_tasks (department, case_id, open, lead, decision, assignee,"
                       " case_number, state, item_code, item_name, applicant_name, office, accepted_at, deadline, search_text)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        error);
    if (!insert)
        return false;
    const bool open = isOpenState(record.state);
    for (const QJsonValue &value : reviews) {
        const QJsonObject review = value.toObject();
        const QString department = review.value(QStringLiteral("department")).toString();
        if (department.isEmpty())
            continue;
        QStringList items;
        QStringList names;
        for (const QJsonValue &item : review.value(QStringLiteral("items")).toArray()) {
            items.append(item.toString());
            names.append(itemNames.value(item.toString(), item.toString()));
        }
        insert->addBindValue(department);
        insert->addBindValue(record.id);
        insert->addBindValue(open ? 1 : 0);
        insert->addBindValue(department == record.department ? 1 : 0);
        insert->addBindValue(review.value(QStringLiteral("decision")).toString(QStringLiteral("pending")));
        insert->addBindValue(nonNull(review.value(QStringLiteral("assignee")).toString()));
        insert->addBindValue(nonNull(record.caseNumber));
        insert->addBindValue(record.state);
        // The department sees its own items; a lead without items of its own sees the case's.
        insert->addBindValue(nonNull(items.isEmpty() ? record.itemCode : items.join(u',')));
        const QString itemName
            = names.isEmpty() ? QStringList(itemNames.values()).join(u'、') : names.join(u'、');
        insert->addBindValue(nonNull(itemName));
        insert->addBindValue(nonNull(record.applicantName));
        insert->addBindValue(nonNull(record.office));
        insert->addBindValue(nonNull(dateTimeText(record.acceptedAt)));
        insert->addBindValue(nonNull(dateText(record.deadline)));
        insert->addBindValue(searchText(record.caseNumber, record.applicantName, itemName));
        if (!statements.exec(insert, Access::Write, error))
            return false;
    }
    return true;
}

} // namespace ow::storage::Internal
