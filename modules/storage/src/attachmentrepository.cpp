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

namespace {

const QString uploadSelect = QStringLiteral("SELECT sha256, size, upload_state, upload_attempts, "
                                            "upload_attempted_at, upload_error FROM attachments ");

AttachmentUpload readUpload(const QSqlQuery &query)
{
    AttachmentUpload upload;
    upload.sha256 = query.value(0).toString();
    upload.size = query.value(1).toLongLong();
    const QString state = query.value(2).toString();
    upload.state = state == QLatin1String("uploaded") ? UploadState::Uploaded
        : state == QLatin1String("failed")            ? UploadState::Failed
                                                      : UploadState::Pending;
    upload.attempts = query.value(3).toInt();
    upload.lastAttemptAt = Internal::parseDateTime(query.value(4));
    upload.lastError = query.value(5).toString();
    return upload;
}

QString uploadStateText(UploadState state)
{
    switch (state) {
    case UploadState::Uploaded:
        return QStringLiteral("uploaded");
    case UploadState::Failed:
        return QStringLiteral("failed");
    case UploadState::Pending:
        break;
    }
    return QStringLiteral("pending");
}

} // namespace

std::optional<AttachmentUpload> AttachmentRepository::upload(const QString &sha256) const
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(uploadSelect + QStringLiteral("WHERE sha256 = ?"), &m_lastError);
    if (!query)
        return std::nullopt;
    query->addBindValue(sha256.toLower());
    if (!m_statements->exec(query, Access::Read, &m_lastError))
        return std::nullopt;
    std::optional<AttachmentUpload> found;
    if (query->next())
        found = readUpload(*query);
    query->finish();
    return found;
}

QList<AttachmentUpload> AttachmentRepository::uploads(UploadState state, int limit) const
{
    m_lastError.clear();
    return m_statements->readRows(
        uploadSelect + QStringLiteral("WHERE upload_state = ? ORDER BY created_at, sha256 LIMIT ?"),
        {uploadStateText(state), limit}, readUpload, &m_lastError);
}

bool AttachmentRepository::markUploaded(const QString &sha256)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral(
            "UPDATE attachments SET upload_state = 'uploaded', upload_attempts = upload_attempts + 1, "
            "upload_attempted_at = ?, upload_error = '' WHERE sha256 = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(Internal::nowText());
    query->addBindValue(sha256.toLower());
    return m_statements->exec(query, Access::Write, &m_lastError);
}

bool AttachmentRepository::markUploadFailed(const QString &sha256, const QString &error, bool permanent)
{
    m_lastError.clear();
    QSqlQuery *query = m_statements->get(
        QStringLiteral("UPDATE attachments SET upload_state = ?, upload_attempts = upload_attempts + 1, "
                       "upload_attempted_at = ?, upload_error = ? WHERE sha256 = ?"),
        &m_lastError);
    if (!query)
        return false;
    query->addBindValue(uploadStateText(permanent ? UploadState::Failed : UploadState::Pending));
    query->addBindValue(Internal::nowText());
    query->addBindValue(error.isNull() ? QStringLiteral("") : error);
    query->addBindValue(sha256.toLower());
    return m_statements->exec(query, Access::Write, &m_lastError);
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
