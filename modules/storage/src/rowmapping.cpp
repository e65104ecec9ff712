// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "rowmapping_p.h"

#include "timeformat_p.h"

#include <QStringList>

namespace ow::storage::Internal {

namespace {

const QStringList &eventColumnList()
{
    static const QStringList columns = {
        QStringLiteral("id"),          QStringLiteral("case_id"),      QStringLiteral("type"),
        QStringLiteral("actor_user"),  QStringLiteral("actor_office"), QStringLiteral("device_id"),
        QStringLiteral("device_seq"),  QStringLiteral("at"),           QStringLiteral("payload"),
        QStringLiteral("prev_hash"),   QStringLiteral("hash"),         QStringLiteral("server_seq"),
        QStringLiteral("received_at"), QStringLiteral("actor_role"),
    };
    return columns;
}

const QStringList &caseColumnList()
{
    static const QStringList columns = {
        QStringLiteral("id"),        QStringLiteral("case_number"),         QStringLiteral("state"),
        QStringLiteral("item_code"), QStringLiteral("applicant_id_number"), QStringLiteral("applicant_name"),
        QStringLiteral("office"),    QStringLiteral("department"),          QStringLiteral("accepted_at"),
        QStringLiteral("deadline"),  QStringLiteral("updated_at"),          QStringLiteral("catalog_version"),
        QStringLiteral("details"),   QStringLiteral("last_event_id"),
    };
    return columns;
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QStringLiteral(", "));
}

} // namespace

QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

const QString &eventColumns()
{
    static const QString columns = eventColumnList().join(QStringLiteral(", "));
    return columns;
}

const QString &eventPlaceholders()
{
    static const QString marks = placeholders(eventColumnList().size());
    return marks;
}

int eventColumnCount()
{
    return int(eventColumnList().size());
}

void bindEvent(QSqlQuery *query, const EventRecord &event)
{
    query->addBindValue(event.id);
    query->addBindValue(event.caseId);
    query->addBindValue(event.type);
    query->addBindValue(event.actorUser);
    query->addBindValue(event.actorOffice);
    query->addBindValue(event.deviceId);
    query->addBindValue(event.deviceSeq);
    query->addBindValue(event.at);
    query->addBindValue(event.payload.isNull() ? QStringLiteral("{}") : event.payload);
    query->addBindValue(nonNull(event.prevHash));
    query->addBindValue(event.hash);
    query->addBindValue(event.serverSeq > 0 ? QVariant(event.serverSeq)
                                            : QVariant(QMetaType::fromType<qint64>()));
    query->addBindValue(textOrNull(dateTimeText(event.receivedAt)));
    query->addBindValue(nonNull(event.actorRole));
}

EventRecord readEvent(const QSqlQuery &query, int first)
{
    EventRecord event;
    event.id = query.value(first).toString();
    event.caseId = query.value(first + 1).toString();
    event.type = query.value(first + 2).toString();
    event.actorUser = query.value(first + 3).toString();
    event.actorOffice = query.value(first + 4).toString();
    event.deviceId = query.value(first + 5).toString();
    event.deviceSeq = query.value(first + 6).toLongLong();
    event.at = query.value(first + 7).toString();
    event.payload = query.value(first + 8).toString();
    event.prevHash = query.value(first + 9).toString();
    event.hash = query.value(first + 10).toString();
    event.serverSeq = query.value(first + 11).toLongLong();
    event.receivedAt = parseDateTime(query.value(first + 12));
    event.actorRole = query.value(first + 13).toString();
    return event;
}

const QString &caseColumns()
{
    static const QString columns = caseColumnList().join(QStringLiteral(", "));
    return columns;
}

const QString &caseUpsertSql()
{
    static const QString sql = [] {
        QStringList updates;
        for (const QString &column : caseColumnList().mid(1))
            updates.append(column + QStringLiteral(" = excluded.") + column);
        return QStringLiteral("INSERT INTO cases (%1) VALUES (%2) ON CONFLICT (id) DO UPDATE SET %3")
            .arg(caseColumns(), placeholders(caseColumnList().size()), updates.join(QStringLiteral(", ")));
    }();
    return sql;
}

void bindCase(QSqlQuery *query, const CaseRecord &record)
{
    // A case pulled from the server may lack what this workstation would have
    // recorded (a legal person has no ID number): empty, never NULL, so that
    // applying an event the server accepted can never fail here.
    query->addBindValue(record.id);
    query->addBindValue(record.caseNumber);
    query->addBindValue(record.state);
    query->addBindValue(nonNull(record.itemCode));
    query->addBindValue(nonNull(record.applicantIdNumber));
    query->addBindValue(nonNull(record.applicantName));
    query->addBindValue(nonNull(record.office));
    query->addBindValue(nonNull(record.department));
    query->addBindValue(textOrNull(dateTimeText(record.acceptedAt)));
    query->addBindValue(textOrNull(dateText(record.deadline)));
    query->addBindValue(
        dateTimeText(record.updatedAt.isValid() ? record.updatedAt : QDateTime::currentDateTimeUtc()));
    query->addBindValue(nonNull(record.catalogVersion));
    query->addBindValue(record.details.isEmpty() ? QStringLiteral("{}") : record.details);
    query->addBindValue(textOrNull(record.lastEventId));
}

CaseRecord readCase(const QSqlQuery &query, int first)
{
    CaseRecord record;
    record.id = query.value(first).toString();
    record.caseNumber = query.value(first + 1).toString();
    record.state = query.value(first + 2).toString();
    record.itemCode = query.value(first + 3).toString();
    record.applicantIdNumber = query.value(first + 4).toString();
    record.applicantName = query.value(first + 5).toString();
    record.office = query.value(first + 6).toString();
    record.department = query.value(first + 7).toString();
    record.acceptedAt = parseDateTime(query.value(first + 8));
    record.deadline = parseDate(query.value(first + 9));
    record.updatedAt = parseDateTime(query.value(first + 10));
    record.catalogVersion = query.value(first + 11).toString();
    record.details = query.value(first + 12).toString();
    record.lastEventId = query.value(first + 13).toString();
    return record;
}

QString applicantKindText(ApplicantKind kind)
{
    return kind == ApplicantKind::Legal ? QStringLiteral("legal") : QStringLiteral("natural");
}

} // namespace ow::storage::Internal
