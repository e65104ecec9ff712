// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "sqlcipherdriver_p.h"

#include "sqlcipherutil_p.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlField>
#include <QTime>

namespace ow::storage::Internal {

namespace {

// The text must be read before its length (sqlite3_column_bytes16 documentation).
QString columnText(sqlite3_stmt *stmt, int column)
{
    const void *text = sqlite3_column_text16(stmt, column);
    const int bytes = sqlite3_column_bytes16(stmt, column);
    return QString(static_cast<const QChar *>(text), bytes / qsizetype(sizeof(QChar)));
}

QByteArray columnBlob(sqlite3_stmt *stmt, int column)
{
    const void *blob = sqlite3_column_blob(stmt, column);
    const int bytes = sqlite3_column_bytes(stmt, column);
    return QByteArray(static_cast<const char *>(blob), bytes);
}

int bindText(sqlite3_stmt *stmt, int index, const QString &text)
{
    return sqlite3_bind_text16(stmt, index, text.utf16(), int(text.size() * qsizetype(sizeof(QChar))),
                               SQLITE_TRANSIENT);
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver *driver)
    : QSqlResult(driver)
{
    const_cast<SqlCipherDriver *>(driver)->m_results.append(this);
}

SqlCipherResult::~SqlCipherResult()
{
    if (const SqlCipherDriver *driver = cipherDriver())
        const_cast<SqlCipherDriver *>(driver)->m_results.removeOne(this);
    finalize();
}

const SqlCipherDriver *SqlCipherResult::cipherDriver() const
{
    return static_cast<const SqlCipherDriver *>(driver());
}

sqlite3 *SqlCipherResult::connection() const
{
    const SqlCipherDriver *driver = cipherDriver();
    return driver ? driver->m_db : nullptr;
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(m_stmt);
}

void SqlCipherResult::finalize()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

void SqlCipherResult::clearRows()
{
    m_pendingRow.clear();
    m_hasPendingRow = false;
    m_done = false;
    m_currentRow.clear();
    m_rows.clear();
    m_stepped = 0;
}

void SqlCipherResult::setStatementError(const QString &text, QSqlError::ErrorType type, int code)
{
    sqlite3 *db = connection();
    setLastError(QSqlError(text, db ? sqliteMessage(db) : QString(), type, QString::number(code)));
}

bool SqlCipherResult::reset(const QString &query)
{
    return prepare(query) && exec();
}

bool SqlCipherResult::prepare(const QString &query)
{
    sqlite3 *db = connection();
    if (!db || !driver()->isOpen() || driver()->isOpenError())
        return false;
    finalize();
    clearRows();
    m_record = QSqlRecord();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    setSelect(false);

    const void *tail = nullptr;
    const int bytes = int((query.size() + 1) * qsizetype(sizeof(QChar)));
    const int rc = sqlite3_prepare16_v2(db, query.utf16(), bytes, &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setStatementError(QSqlDriver::tr("Unable to execute statement"), QSqlError::StatementError,
                          sqlite3_extended_errcode(db));
        finalize();
        return false;
    }
    if (tail) {
        const auto *end = static_cast<const QChar *>(tail);
        const qsizetype used = end - query.constData();
        if (!QStringView(query).mid(used).trimmed().isEmpty()) {
            setLastError(QSqlError(QSqlDriver::tr("Unable to execute multiple statements at a time"),
                                   QString(), QSqlError::StatementError, QString::number(SQLITE_MISUSE)));
            finalize();
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::bindValues()
{
    const QList<QVariant> values = boundValues();
    const int count = sqlite3_bind_parameter_count(m_stmt);
    if (count != values.size()) {
        setLastError(
            QSqlError(QSqlDriver::tr("Parameter count mismatch"), QString(), QSqlError::StatementError));
        return false;
    }
    for (int i = 0; i < count; ++i) {
        const QVariant &value = values.at(i);
        const int index = i + 1;
        int rc = SQLITE_OK;
        if (isNullValue(value)) {
            rc = sqlite3_bind_null(m_stmt, index);
        } else {
            // The same conversions as QSQLITE, so that stored values match.
            switch (value.typeId()) {
            case QMetaType::QByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob64(m_stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()),
                                         SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::Int:
            case QMetaType::Bool:
                rc = sqlite3_bind_int(m_stmt, index, value.toInt());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(m_stmt, index, value.toDouble());
                break;
            case QMetaType::UInt:
            case QMetaType::LongLong:
                rc = sqlite3_bind_int64(m_stmt, index, value.toLongLong());
                break;
            case QMetaType::QDateTime:
                rc = bindText(m_stmt, index, value.toDateTime().toString(Qt::ISODateWithMs));
                break;
            case QMetaType::QTime:
                rc = bindText(m_stmt, index, value.toTime().toString(QStringLiteral("hh:mm:ss.zzz")));
                break;
            default:
                // QString, QDate (ISO 8601), QUuid ("{…}"), quint64 (decimal) and the rest as text.
                rc = bindText(m_stmt, index, value.toString());
                break;
            }
        }
        if (rc != SQLITE_OK) {
            setStatementError(QSqlDriver::tr("Unable to bind parameters"), QSqlError::StatementError, rc);
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::exec()
{
    sqlite3 *db = connection();
    clearRows();
    m_record = QSqlRecord();
    m_rowsAffected = -1;
    setLastError(QSqlError());
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    if (!db || !m_stmt) {
        setLastError(QSqlError(QSqlDriver::tr("Unable to execute statement"),
                               QStringLiteral("no prepared statement (or the connection was closed)"),
                               QSqlError::StatementError));
        return false;
    }

    int rc = sqlite3_reset(m_stmt);
    if (rc != SQLITE_OK) {
        setStatementError(QSqlDriver::tr("Unable to reset statement"), QSqlError::StatementError, rc);
        return false;
    }
    sqlite3_clear_bindings(m_stmt);
    if (!bindValues())
        return false;

    const int changesBefore = sqlite3_total_changes(db);
    switch (step(&m_pendingRow)) {
    case Step::Row:
        m_hasPendingRow = true;
        buildRecord(false);
        break;
    case Step::Done:
        buildRecord(true);
        break;
    case Step::Error:
        setSelect(false);
        return false;
    }
    // Captured now: later statements on the connection change both counters.
    const bool isSelect = sqlite3_column_count(m_stmt) > 0;
    const bool changed = sqlite3_total_changes(db) != changesBefore;
    if (!isSelect)
        m_rowsAffected = changed ? sqlite3_changes(db) : 0;
    m_lastInsertId = (!isSelect && changed) ? sqlite3_last_insert_rowid(db) : 0;
    setSelect(isSelect);
    setActive(true);
    return true;
}

SqlCipherResult::Step SqlCipherResult::step(QList<QVariant> *row)
{
    if (m_done || !m_stmt)
        return Step::Done;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        readRow(row);
        return Step::Row;
    }
    m_done = true;
    // Resetting ends the statement's read transaction, so that a finished
    // SELECT does not pin an old WAL snapshot.
    const int resetRc = sqlite3_reset(m_stmt);
    if (rc == SQLITE_DONE)
        return Step::Done;
    setStatementError(QSqlDriver::tr("Unable to fetch row"), QSqlError::StatementError,
                      resetRc != SQLITE_OK ? resetRc : rc);
    setAt(QSql::AfterLastRow);
    return Step::Error;
}

void SqlCipherResult::readRow(QList<QVariant> *row) const
{
    const int columns = sqlite3_column_count(m_stmt);
    row->resize(columns);
    for (int i = 0; i < columns; ++i) {
        QVariant &value = (*row)[i];
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER:
            value = qint64(sqlite3_column_int64(m_stmt, i));
            break;
        case SQLITE_FLOAT:
            switch (numericalPrecisionPolicy()) {
            case QSql::LowPrecisionInt32:
                value = sqlite3_column_int(m_stmt, i);
                break;
            case QSql::LowPrecisionInt64:
                value = qint64(sqlite3_column_int64(m_stmt, i));
                break;
            default:
                value = sqlite3_column_double(m_stmt, i);
                break;
            }
            break;
        case SQLITE_BLOB:
            value = columnBlob(m_stmt, i);
            break;
        case SQLITE_NULL:
            value = QVariant(QMetaType::fromType<QString>());
            break;
        default:
            value = columnText(m_stmt, i);
            break;
        }
    }
}

void SqlCipherResult::buildRecord(bool emptyResult)
{
    m_record = QSqlRecord();
    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i) {
        const QString name = QString::fromUtf8(sqlite3_column_name(m_stmt, i)).remove(u'"');
        const QString table = QString::fromUtf8(sqlite3_column_table_name(m_stmt, i)).remove(u'"');
        const QString declared = QString::fromUtf8(sqlite3_column_decltype(m_stmt, i));
        // The storage class is only defined while the statement is on a row.
        const int storage = emptyResult ? -1 : sqlite3_column_type(m_stmt, i);
        int typeId = QMetaType::UnknownType;
        if (!declared.isEmpty()) {
            typeId = columnTypeId(declared);
        } else {
            switch (storage) {
            case SQLITE_INTEGER:
                typeId = QMetaType::Int;
                break;
            case SQLITE_FLOAT:
                typeId = QMetaType::Double;
                break;
            case SQLITE_BLOB:
                typeId = QMetaType::QByteArray;
                break;
            case SQLITE_TEXT:
                typeId = QMetaType::QString;
                break;
            default:
                break;
            }
        }
        QSqlField field(name, QMetaType(typeId), table);
        field.setSqlType(storage);
        m_record.append(field);
    }
}

bool SqlCipherResult::stepTo(int index)
{
    // Hands out rows up to `index` (0-based), stepping the statement as needed.
    while (m_stepped <= index) {
        QList<QVariant> row;
        if (m_hasPendingRow) {
            row = std::move(m_pendingRow);
            m_hasPendingRow = false;
        } else if (step(&row) != Step::Row) {
            return false;
        }
        if (isForwardOnly())
            m_currentRow = std::move(row);
        else
            m_rows.append(std::move(row));
        ++m_stepped;
    }
    return true;
}

bool SqlCipherResult::fetch(int index)
{
    if (!isActive() || !isSelect() || index < 0)
        return false;
    if (isForwardOnly()) {
        if (index < at() || (index == at() && index >= 0))
            return index == at();
        if (!stepTo(index)) {
            setAt(QSql::AfterLastRow);
            return false;
        }
    } else if (index >= m_rows.size() && !stepTo(index)) {
        setAt(QSql::AfterLastRow);
        return false;
    }
    setAt(index);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchNext()
{
    return fetch(at() < 0 ? 0 : at() + 1);
}

bool SqlCipherResult::fetchPrevious()
{
    if (isForwardOnly() || at() <= 0)
        return false;
    return fetch(at() - 1);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect())
        return false;
    if (at() == QSql::AfterLastRow && isForwardOnly())
        return false;
    while (stepTo(m_stepped)) { }
    if (m_stepped == 0 || lastError().isValid())
        return false;
    setAt(m_stepped - 1);
    return true;
}

QVariant SqlCipherResult::data(int field)
{
    const QList<QVariant> *row
        = isForwardOnly() ? &m_currentRow : (at() >= 0 && at() < m_rows.size() ? &m_rows.at(at()) : nullptr);
    if (!row || field < 0 || field >= row->size())
        return {};
    return row->at(field);
}

bool SqlCipherResult::isNull(int field)
{
    return data(field).isNull();
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QVariant SqlCipherResult::lastInsertId() const
{
    if (isActive() && m_lastInsertId != 0)
        return m_lastInsertId;
    return {};
}

QSqlRecord SqlCipherResult::record() const
{
    if (!isActive() || !isSelect())
        return {};
    return m_record;
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    clearRows();
    m_done = true;
}

void SqlCipherResult::setForwardOnly(bool forward)
{
    QSqlResult::setForwardOnly(forward);
}

} // namespace ow::storage::Internal
