// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/records.h"
#include "ow/storage/storage_export.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// Scanned materials and certificates, kept inside the encrypted store and
// addressed by the SHA-256 of their bytes. Failed calls set lastError().
class OW_STORAGE_EXPORT AttachmentRepository
{
public:
    // Also enforced by the schema (attachments.size CHECK).
    static constexpr qint64 MaxSize = 20 * 1024 * 1024;

    explicit AttachmentRepository(const QSqlDatabase &db);
    ~AttachmentRepository();
    AttachmentRepository(const AttachmentRepository &) = delete;
    AttachmentRepository &operator=(const AttachmentRepository &) = delete;

    // Stores `bytes` and returns their SHA-256 (lower-case hex); empty on failure.
    // With `expectedSha256`, bytes that do not match it are refused. Storing
    // the same bytes again is not an error: the first copy is kept.
    QString put(const QByteArray &bytes, const QString &mediaType, const QString &expectedSha256 = {});
    // The attachment, checked against its hash (a mismatch is reported as damage).
    std::optional<AttachmentRecord> get(const QString &sha256) const;
    bool contains(const QString &sha256) const;

    // Upload to the central server: every attachment starts pending.
    std::optional<AttachmentUpload> upload(const QString &sha256) const;
    QList<AttachmentUpload> uploads(UploadState state, int limit = 1000) const;
    bool markUploaded(const QString &sha256);
    // Counts the attempt and keeps the reason; `permanent` (the server or the
    // store says it can never succeed) marks it failed, otherwise it stays pending.
    bool markUploadFailed(const QString &sha256, const QString &error, bool permanent);

    static QString sha256Of(const QByteArray &bytes);
    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
