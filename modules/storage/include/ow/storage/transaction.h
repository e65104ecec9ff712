// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace ow::storage {

// A write transaction that rolls back unless committed. The outermost one
// takes the write lock at once (BEGIN IMMEDIATE); one started inside another
// is a SAVEPOINT, so repository calls can be grouped into one atomic unit.
class OW_STORAGE_EXPORT Transaction
{
public:
    explicit Transaction(const QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Began and neither committed nor rolled back yet.
    bool isActive() const { return m_active; }
    bool isNested() const { return !m_savepoint.isEmpty(); }
    bool commit();
    void rollback();
    QSqlError lastError() const { return m_error; }

private:
    bool exec(const QString &sql);

    QSqlDatabase m_db;
    QString m_savepoint;
    QSqlError m_error;
    bool m_active = false;
};

} // namespace ow::storage
