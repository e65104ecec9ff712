// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/transaction.h"

#include "sqlerror_p.h"

#include <QSqlQuery>

#include <atomic>

namespace ow::storage {

namespace {

bool insideTransaction(const QSqlDatabase &db)
{
    sqlite3 *handle = Internal::sqliteHandle(db);
    return handle && sqlite3_get_autocommit(handle) == 0;
}

QString nextSavepointName()
{
    static std::atomic<quint64> counter {0};
    return QStringLiteral("ow_savepoint_%1").arg(++counter);
}

} // namespace

Transaction::Transaction(const QSqlDatabase &db)
    : m_db(db)
{
    if (!m_db.isOpen()) {
        m_error = QSqlError(QString(), QStringLiteral("database is not open"), QSqlError::TransactionError);
        return;
    }
    if (insideTransaction(m_db)) {
        m_savepoint = nextSavepointName();
        m_active = exec(QStringLiteral("SAVEPOINT ") + m_savepoint);
    } else {
        m_active = m_db.transaction();
        if (!m_active)
            m_error = m_db.lastError();
    }
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::exec(const QString &sql)
{
    // Savepoints come and go with every repository call: skip Qt SQL's
    // prepare-and-wrap on QSQLCIPHER connections.
    if (sqlite3 *handle = Internal::sqliteHandle(m_db)) {
        const int rc = sqlite3_exec(handle, sql.toUtf8().constData(), nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return true;
        m_error = QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(handle)), QSqlError::TransactionError,
                            QString::number(sqlite3_extended_errcode(handle)));
        return false;
    }
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    m_error = query.lastError();
    return false;
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    const bool ok = isNested() ? exec(QStringLiteral("RELEASE ") + m_savepoint) : m_db.commit();
    if (!ok && !isNested())
        m_error = m_db.lastError();
    // A failed COMMIT leaves the transaction open; the destructor rolls it back.
    if (ok)
        m_active = false;
    return ok;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (isNested()) {
        exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        exec(QStringLiteral("RELEASE ") + m_savepoint);
    } else if (insideTransaction(m_db) || !Internal::sqliteHandle(m_db)) {
        m_db.rollback();
    }
}

} // namespace ow::storage
