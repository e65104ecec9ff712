// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/eventrepository.h"

#include "ow/storage/tr.h"
#include "ow/storage/transaction.h"
#include "casetasks_p.h"
#include "certificates_p.h"
#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

namespace ow::storage {

namespace {
EventRecord readEventRow(const QSqlQuery &query)
{
    return Internal::readEvent(query);
}
} // namespace

using Internal::Access;

EventRepository::EventRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

EventRepository::~EventRepository() = default;

bool EventRepository::append(const EventRecord &event, const CaseRecord &projection, Origin origin)
{
    m_lastError.clear();
    const QSqlDatabase &db = m_statements->database();
    if (projection.id != event.caseId) {
        m_lastError
            = Tr::tr("The event %1 belongs to the case %2, not to the case %3 it was to update; nothing "
                     "was saved.")
                  .arg(event.id, event.caseId, projection.id);
        return false;
    }
    Transaction transaction(db);
    if (!transaction.isActive()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }

    static const QString insertEventSql = QStringLiteral("INSERT INTO events (%1) VALUES (%2)")
                                              .arg(Internal::eventColumns(), Internal::eventPlaceholders());
    QSqlQuery *insertEvent = m_statements->get(insertEventSql, &m_lastError);
    if (!insertEvent)
        return false;
    Internal::bindEvent(insertEvent, event);
    if (!m_statements->exec(insertEvent, Access::Write, &m_lastError))
        return false;

    QSqlQuery *upsertCase = m_statements->get(Internal::caseUpsertSql(), &m_lastError);
    if (!upsertCase)
        return false;
    CaseRecord row = projection;
    if (row.lastEventId.isEmpty())
        row.lastEventId = event.id;
    Internal::bindCase(upsertCase, row);
    if (!m_statements->exec(upsertCase, Access::Write, &m_lastError)
        || !Internal::writeCaseTasks(*m_statements, row, &m_lastError))
        return false;
    // A print recorded here uses its sheet of stock at once, before any sync.
    if (Internal::affectsCertificates(event.type)
        && !Internal::writeCertificates(*m_statements, event.caseId, &m_lastError))
        return false;

    if (origin == Origin::Local) {
        QSqlQuery *queue = m_statements->get(
            QStringLiteral("INSERT INTO outbox (event_id, queued_at) VALUES (?, ?)"), &m_lastError);
        if (!queue)
            return false;
        queue->addBindValue(event.id);
        queue->addBindValue(Internal::nowText());
        if (!m_statements->exec(queue, Access::Write, &m_lastError))
            return false;
    }
    if (!transaction.commit()) {
        m_lastError = Internal::storageErrorMessage(db, Access::Write, transaction.lastError());
        return false;
    }
    return true;
}

bool EventRepository::insertPulled(const EventRecord &event, bool *inserted)
{
    m_lastError.clear();
    *inserted = false;
    if (event.serverSeq <= 0) {
        m_lastError = Tr::tr("The event %1 came from the server without its server sequence number; nothing "
                             "was saved.")
                          .arg(event.id);
        return false;
    }
    const bool held = contains(event.id);
    if (!m_lastError.isEmpty())
        return false;
    if (held)
        return true;
    static const QString insertEventSql = QStringLiteral("INSERT INTO events (%1) VALUES (%2)")
                                              .arg(Internal::eventColumns(), Internal::eventPlaceholders());
    QSqlQuery *insertEvent = m_statements->get(insertEventSql, &m_lastError);
    if (!insertEvent)
        return false;
    EventRecord row = event;
    row.deviceSeq = PulledSeqBase + event.serverSeq;
    Internal::bindEvent(insertEvent, row);
    if (!m_statements->exec(insertEvent, Access::Write, &m_lastError))
        return false;
    *inserted = true;
    return true;
}

bool EventRepository::saveProjection(const QString &caseId, const std::optional<CaseRecord> &projection)
{
    m_lastError.clear();
    if (projection && projection->id != caseId) {
        m_lastError
            = Tr::tr("The projection of the case %1 cannot be saved for the case %2; nothing was saved.")
                  .arg(projection->id, caseId);
        return false;
    }
    QSqlQuery *query = projection
        ? m_statements->get(Internal::caseUpsertSql(), &m_lastError)
        : m_statements->get(QStringLiteral("DELETE FROM cases WHERE id = ?"), &m_lastError);
    if (!query)
        return false;
    if (projection)
        Internal::bindCase(query, *projection);
    else
        query->addBindValue(caseId);
    if (!m_statements->exec(query, Access::Write, &m_lastError))
        return false;
    const bool tasks = projection ? Internal::writeCaseTasks(*m_statements, *projection, &m_lastError)
                                  : Internal::deleteCaseTasks(*m_statements, caseId, &m_lastError);
    return tasks && Internal::writeCertificates(*m_statements, caseId, &m_lastError);
}

bool EventRepository::addRejection(const EventRejection &rejection)
{
    m_lastError.clear();
    // A refusal is permanent and the same each time: a repeat keeps the first.
    QSqlQuery *query = m_statements->get(
        QStringLiteral(
            "INSERT INTO event_rejections (event_id, code, reason, rejected_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (event_id) DO NOTHING"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(rejection.eventId);
    query->addBindValue(Internal::nonNull(rejection.code));
    query->addBindValue(Internal::nonNull(rejection.reason));
    query->addBindValue(rejection.rejectedAt.isValid() ? Internal::dateTimeText(rejection.rejectedAt)
                                                       : Internal::nowText());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

std::optional<EventRejection> EventRepository::rejection(const QString &eventId) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT event_id, code, reason, rejected_at FROM event_rejections WHERE event_id = ?"),
        &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(eventId);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<EventRejection> found;
    if (query->next())
        found = EventRejection {query->value(0).toString(), query->value(1).toString(),
                                query->value(2).toString(), Internal::parseDateTime(query->value(3))};
    query->finish();
    return found;
}

QList<EventRejection> EventRepository::rejections() const
{
    m_lastError.clear();
    QList<EventRejection> found;
    QSqlQuery *query
        = m_statements->get(QStringLiteral("SELECT event_id, code, reason, rejected_at FROM event_rejections "
                                           "ORDER BY rejected_at, rowid"),
                            &m_lastError);
    if (!query || !m_statements->exec(query, Access::Read, &m_lastError))
        return found;
    while (query->next())
        found.append(EventRejection {query->value(0).toString(), query->value(1).toString(),
                                     query->value(2).toString(), Internal::parseDateTime(query->value(3))});
    query->finish();
    return found;
}

std::optional<EventRecord> EventRepository::find(const QString &id) const
{
    m_lastError.clear();
    static const QString querySql
        = QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(Internal::eventColumns());
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(id);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<EventRecord> event;
    if (query->next())
        event = Internal::readEvent(*query);
    query->finish();
    return event;
}

bool EventRepository::contains(const QString &id) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(QStringLiteral("SELECT 1 FROM events WHERE id = ?"), &m_lastError);
    if (!query)
        return false;
    query->addBindValue(id);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return false;
    const bool found = query->next();
    query->finish();
    return found;
}

QList<EventRecord> EventRepository::eventsOfCase(const QString &caseId) const
{
    m_lastError.clear();
    static const QString querySql = QStringLiteral("SELECT %1 FROM events WHERE case_id = ? ORDER BY at, id")
                                        .arg(Internal::eventColumns());
    return m_statements->readRows(querySql, {caseId}, readEventRow, &m_lastError);
}

QList<EventRecord> EventRepository::unrejectedEventsOfCase(const QString &caseId) const
{
    m_lastError.clear();
    static const QString querySql = QStringLiteral("SELECT %1 FROM events WHERE case_id = ? AND id NOT IN "
                                                   "(SELECT event_id FROM event_rejections) ORDER BY at, id")
                                        .arg(Internal::eventColumns());
    return m_statements->readRows(querySql, {caseId}, readEventRow, &m_lastError);
}

std::optional<EventRecord> EventRepository::lastOfDevice(const QString &deviceId) const
{
    m_lastError.clear();
    static const QString querySql
        = QStringLiteral("SELECT %1 FROM events WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1")
              .arg(Internal::eventColumns());
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(deviceId);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<EventRecord> event;
    if (query->next())
        event = Internal::readEvent(*query);
    query->finish();
    return event;
}

QList<EventRecord> EventRepository::eventsOfDevice(const QString &deviceId) const
{
    m_lastError.clear();
    static const QString querySql
        = QStringLiteral("SELECT %1 FROM events WHERE device_id = ? ORDER BY device_seq")
              .arg(Internal::eventColumns());
    return m_statements->readRows(querySql, {deviceId}, readEventRow, &m_lastError);
}

qint64 EventRepository::count() const
{
    m_lastError.clear();
    return m_statements->countRows(QStringLiteral("events"), &m_lastError);
}

} // namespace ow::storage
