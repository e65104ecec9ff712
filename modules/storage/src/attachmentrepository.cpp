// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/attachmentrepository.h"

#include "ow/storage/database.h"
#include "ow/storage/tr.h"
#include "repositoryutil_p.h"
#include "timeformat_p.h"

#include <QCryptographicHash>
#include <QLocale>

namespace ow::storage {

using Internal::Access;

AttachmentRepository::AttachmentRepository(const QSqlDatabase &db)
    : m_statements(std::make_unique<Internal::StatementCache>(db))
{ }

AttachmentRepository::~AttachmentRepository() = default;

QString AttachmentRepository::sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString AttachmentRepository::put(const QByteArray &bytes, const QString &mediaType,
                                  const QString &expectedSha256)
{
    m_lastError.clear();
    if (bytes.size() > MaxSize) {
        const QLocale locale;
        m_lastError = Tr::tr("The attachment is %1 large; attachments can be at most %2. Scan it at a lower "
                             "resolution or split it into several files.")
                          .arg(locale.formattedDataSize(bytes.size()), locale.formattedDataSize(MaxSize));
        return {};
    }
    const QString hash = sha256Of(bytes);
    if (!expectedSha256.isEmpty() && expectedSha256.toLower() != hash) {
        m_lastError = Tr::tr("The attachment does not match its SHA-256 checksum (expected %1, got %2); it "
                             "was not saved. Copy or scan it again.")
                          .arg(expectedSha256.toLower(), hash);
        return {};
    }
    QSqlQuery *query = m_statements->get(
        QStringLiteral("INSERT INTO attachments (sha256, media_type, size, bytes, created_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
        &m_lastError);
    if (!query)
        return {};
    query->addBindValue(hash);
    query->addBindValue(mediaType);
    query->addBindValue(qint64(bytes.size()));
    // A non-null array, so that an empty attachment is stored as an empty blob.
    query->addBindValue(bytes.isNull() ? QByteArray("") : bytes);
    query->addBindValue(Internal::nowText());
    if (!m_statements->exec(query, Access::Write, &m_lastError))
        return {};
    return hash;
}

std::optional<AttachmentRecord> AttachmentRepository::get(const QString &sha256) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("SELECT sha256, media_type, bytes, created_at FROM attachments WHERE sha256 = ?"),
        &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(sha256.toLower());
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<AttachmentRecord> record;
    if (query->next()) {
        record = AttachmentRecord {query->value(0).toString(), query->value(1).toString(),
                                   query->value(2).toByteArray(), Internal::parseDateTime(query->value(3))};
    }
    query->finish();
    if (record && sha256Of(record->bytes) != record->sha256) {
        m_lastError = Tr::tr("The attachment %1 in the store %2 is damaged: its bytes do not match its "
                             "checksum. Fetch it again from the central server or rescan it.")
                          .arg(record->sha256, Database::displayName(m_statements->database()));
        return std::nullopt;
    }
    return record;
}

bool AttachmentRepository::contains(const QString &sha256) const
{
    m_lastError.clear();
    QSqlQuery *query
        = m_statements->get(QStringLiteral("SELECT 1 FROM attachments WHERE sha256 = ?"), &m_lastError);
    if (!query)
        return false;
    query->addBindValue(sha256.toLower());
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return false;
    const bool found = query->next();
    query->finish();
    return found;
}

} // namespace ow::storage
