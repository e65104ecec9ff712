// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/applicantrepository.h"

#include "repositoryutil_p.h"
#include "rowmapping_p.h"
#include "timeformat_p.h"

namespace ow::storage {

using Internal::Access;

namespace {

QString columns()
{
    return QStringLiteral("id_number, kind, name, phone, address, updated_at");
}

ApplicantRecord readApplicant(const QSqlQuery &query)
{
    ApplicantRecord record;
    record.idNumber = query.value(0).toString();
    record.kind
        = query.value(1).toString() == QLatin1String("legal") ? ApplicantKind::Legal : ApplicantKind::Natural;
    record.name = query.value(2).toString();
    record.phone = query.value(3).toString();
    record.address = query.value(4).toString();
    record.updatedAt = Internal::parseDateTime(query.value(5));
    return record;
}

} // namespace

ApplicantRepository::ApplicantRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

ApplicantRepository::~ApplicantRepository() = default;

bool ApplicantRepository::save(const ApplicantRecord &record)
{
    m_lastError.clear();
    static const QString querySql
        = QStringLiteral(
              "INSERT INTO applicants (%1) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id_number) DO UPDATE "
              "SET kind = excluded.kind, name = excluded.name, phone = excluded.phone, "
              "address = excluded.address, updated_at = excluded.updated_at")
              .arg(columns());
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return false;
    query->addBindValue(record.idNumber);
    query->addBindValue(Internal::applicantKindText(record.kind));
    query->addBindValue(record.name);
    query->addBindValue(Internal::nonNull(record.phone));
    query->addBindValue(Internal::nonNull(record.address));
    query->addBindValue(record.updatedAt.isValid() ? Internal::dateTimeText(record.updatedAt)
                                                   : Internal::nowText());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

std::optional<ApplicantRecord> ApplicantRepository::findByIdNumber(const QString &idNumber) const
{
    m_lastError.clear();
    static const QString querySql
        = QStringLiteral("SELECT %1 FROM applicants WHERE id_number = ?").arg(columns());
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(idNumber);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<ApplicantRecord> record;
    if (query->next())
        record = readApplicant(*query);
    query->finish();
    return record;
}

QList<ApplicantRecord> ApplicantRepository::searchByNamePrefix(const QString &prefix, int limit) const
{
    m_lastError.clear();
    QList<ApplicantRecord> records;
    if (prefix.isEmpty() || limit <= 0)
        return records;
    // Under BINARY collation every name that starts with `prefix` lies in
    // [prefix, prefix + U+10FFFF): the index on (name, id_number) serves the range.
    const QString upper = prefix + QChar(0xDBFF) + QChar(0xDFFF);
    static const QString querySql
        = QStringLiteral(
              "SELECT %1 FROM applicants WHERE name >= ? AND name < ? ORDER BY name, id_number LIMIT ?")
              .arg(columns());
    QSqlQuery *query = m_statements->get(querySql, &m_lastError);
    if (!query)
        return records;
    query->addBindValue(prefix);
    query->addBindValue(upper);
    query->addBindValue(limit);
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return records;
    while (query->next())
        records.append(readApplicant(*query));
    query->finish();
    return records;
}

} // namespace ow::storage
