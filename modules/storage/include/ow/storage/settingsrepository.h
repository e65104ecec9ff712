// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace ow::storage {

namespace Internal {
class StatementCache;
}

// Small key/value settings that belong to the store (device id, office, ...),
// not to the user's desktop profile. Failed calls set lastError().
class OW_STORAGE_EXPORT SettingsRepository
{
public:
    explicit SettingsRepository(const QSqlDatabase &db);
    ~SettingsRepository();
    SettingsRepository(const SettingsRepository &) = delete;
    SettingsRepository &operator=(const SettingsRepository &) = delete;

    QString value(const QString &key, const QString &defaultValue = {}) const;
    bool contains(const QString &key) const;
    bool setValue(const QString &key, const QString &value);
    bool remove(const QString &key);

    QString lastError() const { return m_lastError; }

private:
    std::unique_ptr<Internal::StatementCache> m_statements;
    mutable QString m_lastError;
};

} // namespace ow::storage
