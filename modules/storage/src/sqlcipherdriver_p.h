// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QList>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

#include <sqlite3.h>

Q_DECLARE_OPAQUE_POINTER(sqlite3 *)
Q_DECLARE_METATYPE(sqlite3 *)
Q_DECLARE_OPAQUE_POINTER(sqlite3_stmt *)
Q_DECLARE_METATYPE(sqlite3_stmt *)

namespace ow::storage::Internal {

class SqlCipherResult;

// A Qt SQL driver on SQLCipher's C API. Value conversions follow Qt's own
// QSQLITE driver so that code behaves the same on both (tests/storage checks
// this); named placeholders are rewritten to positional ones by QSqlResult.
class SqlCipherDriver final : public QSqlDriver
{
public:
    explicit SqlCipherDriver(QObject *parent = nullptr);
    ~SqlCipherDriver() override;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db, const QString &user, const QString &password, const QString &host, int port,
              const QString &options) override;
    void close() override;
    QSqlResult *createResult() const override;
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;
    QStringList tables(QSql::TableType type) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;
    QSqlRecord record(const QString &tableName) const override;
    QVariant handle() const override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;
    bool isIdentifierEscaped(const QString &identifier, IdentifierType type) const override;
    QString formatValue(const QSqlField &field, bool trimStrings) const override;

    sqlite3 *connection() const { return m_db; }

private:
    friend class SqlCipherResult;
    bool execSimple(const QString &sql, const QString &what);
    QSqlIndex tableInfo(const QString &tableName, bool primaryOnly) const;

    sqlite3 *m_db = nullptr;
    QList<SqlCipherResult *> m_results;
};

// Results are stepped lazily. Forward-only results keep the current row only;
// scrollable ones cache every row stepped over so that they can go back.
class SqlCipherResult final : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver *driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;
    void finalize();

protected:
    QVariant data(int field) override;
    bool isNull(int field) override;
    bool reset(const QString &query) override;
    bool prepare(const QString &query) override;
    bool exec() override;
    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    bool fetchNext() override;
    bool fetchPrevious() override;
    int size() override;
    int numRowsAffected() override;
    QVariant lastInsertId() const override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;
    void setForwardOnly(bool forward) override;

private:
    enum class Step { Row, Done, Error };
    const SqlCipherDriver *cipherDriver() const;
    sqlite3 *connection() const;
    void clearRows();
    bool bindValues();
    Step step(QList<QVariant> *row);
    void readRow(QList<QVariant> *row) const;
    void buildRecord(bool emptyResult);
    bool stepTo(int index);
    void setStatementError(const QString &text, QSqlError::ErrorType type, int code);

    sqlite3_stmt *m_stmt = nullptr;
    QSqlRecord m_record;
    QList<QVariant> m_pendingRow; // the row the first step in exec() produced
    bool m_hasPendingRow = false;
    bool m_done = false;
    QList<QVariant> m_currentRow; // forward-only
    QList<QList<QVariant>> m_rows; // scrollable
    int m_stepped = 0; // rows handed out so far
    int m_rowsAffected = -1;
    qint64 m_lastInsertId = 0;
};

} // namespace ow::storage::Internal
