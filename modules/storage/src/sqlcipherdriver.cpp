// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "sqlcipherdriver_p.h"

#include "pagecrypto_p.h"

#include "ow/storage/sqlcipherdriver.h"
#include "sqlcipherutil_p.h"

#include <QMetaType>
#include <QSqlDatabase>
#include <QSqlDriverCreator>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QStringList>

#include <mutex>

namespace ow::storage {

void registerSqlCipherDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        QSqlDatabase::registerSqlDriver(sqlCipherDriverName(),
                                        new QSqlDriverCreator<Internal::SqlCipherDriver>);
    });
}

namespace Internal {

SqlCipherDriver::SqlCipherDriver(QObject *parent)
    : QSqlDriver(parent)
{ }

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case SimpleLocking:
    case LowPrecisionNumbers:
    case FinishQuery:
        return true;
    // SQLite cannot count rows before stepping through them; named placeholders
    // and batches are emulated by QSqlResult; no notifications, no cancelling.
    case QuerySize:
    case NamedPlaceholders:
    case BatchOperations:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool SqlCipherDriver::open(const QString &db, const QString &user, const QString &password,
                           const QString &host, int port, const QString &options)
{
    Q_UNUSED(host)
    Q_UNUSED(port)
    if (isOpen())
        close();

    const auto fail = [this](const QString &text, const QString &detail, int code) {
        setLastError(
            QSqlError(text, detail, QSqlError::ConnectionError, code ? QString::number(code) : QString()));
        setOpenError(true);
        return false;
    };
    if (!user.isEmpty() || !password.isEmpty()) {
        return fail(QSqlDriver::tr("Error opening database"),
                    QStringLiteral("QSQLCIPHER takes no user name or password; keys are set by "
                                   "ow::storage::Database::open()"),
                    0);
    }

    int busyTimeoutMs = 5000;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const QStringList parts = options.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString option = part.trimmed();
        if (option.isEmpty())
            continue;
        if (option.startsWith(QLatin1String("QSQLCIPHER_BUSY_TIMEOUT="))) {
            bool ok = false;
            busyTimeoutMs = option.section(u'=', 1).trimmed().toInt(&ok);
            if (!ok || busyTimeoutMs < 0)
                return fail(QSqlDriver::tr("Error opening database"), QStringLiteral("bad option: ") + option,
                            0);
        } else if (option == QLatin1String("QSQLCIPHER_OPEN_READONLY")) {
            flags = SQLITE_OPEN_READONLY;
        } else if (option == QLatin1String("QSQLCIPHER_OPEN_EXISTING")) {
            flags &= ~SQLITE_OPEN_CREATE;
        } else {
            return fail(QSqlDriver::tr("Error opening database"), QStringLiteral("unknown option: ") + option,
                        0);
        }
    }
    if (flags & SQLITE_OPEN_READONLY)
        flags &= ~SQLITE_OPEN_CREATE;
    // Connections are used from one thread at a time, as Qt SQL requires.
    flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE;

    installPageCrypto(); // before the first codec copies SQLCipher's provider
    const int rc = sqlite3_open_v2(db.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = m_db ? sqliteMessage(m_db) : QString::fromUtf8(sqlite3_errstr(rc));
        const int code = m_db ? sqlite3_extended_errcode(m_db) : rc;
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return fail(QSqlDriver::tr("Error opening database"), detail, code);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    setOpen(true);
    setOpenError(false);
    return true;
}

void SqlCipherDriver::close()
{
    if (!m_db)
        return;
    for (SqlCipherResult *result : std::as_const(m_results))
        result->finalize();
    const int rc = sqlite3_close_v2(m_db);
    forgetPageKeys(); // SQLCipher wiped the connection's keys: so do the page contexts
    if (rc != SQLITE_OK)
        setLastError(QSqlError(QSqlDriver::tr("Error closing database"), sqliteMessage(m_db),
                               QSqlError::ConnectionError, QString::number(rc)));
    m_db = nullptr;
    setOpen(false);
    setOpenError(false);
}

QSqlResult *SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::execSimple(const QString &sql, const QString &what)
{
    if (!isOpen() || isOpenError())
        return false;
    QSqlQuery query(createResult());
    if (query.exec(sql))
        return true;
    setLastError(QSqlError(what, query.lastError().databaseText(), QSqlError::TransactionError,
                           query.lastError().nativeErrorCode()));
    return false;
}

// IMMEDIATE takes the write lock at once: a writer never fails half-way with
// SQLITE_BUSY on upgrading a read lock, and busy_timeout applies while waiting.
bool SqlCipherDriver::beginTransaction()
{
    return execSimple(QStringLiteral("BEGIN IMMEDIATE"), QSqlDriver::tr("Unable to begin transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    return execSimple(QStringLiteral("COMMIT"), QSqlDriver::tr("Unable to commit transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execSimple(QStringLiteral("ROLLBACK"), QSqlDriver::tr("Unable to rollback transaction"));
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!isOpen())
        return names;
    QString filter;
    if ((type & QSql::Tables) && (type & QSql::Views))
        filter = QStringLiteral("type = 'table' OR type = 'view'");
    else if (type & QSql::Tables)
        filter = QStringLiteral("type = 'table'");
    else if (type & QSql::Views)
        filter = QStringLiteral("type = 'view'");
    if (!filter.isEmpty()) {
        QSqlQuery query(createResult());
        query.setForwardOnly(true);
        if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE %1 "
                                      "UNION ALL SELECT name FROM sqlite_temp_master WHERE %1")
                           .arg(filter))) {
            while (query.next())
                names.append(query.value(0).toString());
        }
    }
    if (type & QSql::SystemTables)
        names.append(QStringLiteral("sqlite_master"));
    return names;
}

QSqlIndex SqlCipherDriver::tableInfo(const QString &tableName, bool primaryOnly) const
{
    QSqlIndex index;
    if (!isOpen())
        return index;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("PRAGMA table_info (%1)").arg(escapeIdentifier(tableName, QSqlDriver::TableName))))
        return index;
    while (query.next()) {
        const bool isPrimary = query.value(5).toInt() != 0;
        if (primaryOnly && !isPrimary)
            continue;
        const QString typeName = query.value(2).toString().toLower();
        QString defaultValue = query.value(4).toString();
        if (defaultValue.startsWith(u'\'')) {
            const qsizetype end = defaultValue.lastIndexOf(u'\'');
            if (end > 0)
                defaultValue = defaultValue.mid(1, end - 1);
        }
        QSqlField field(query.value(1).toString(), QMetaType(columnTypeId(typeName)), tableName);
        // Only "INTEGER PRIMARY KEY" aliases the rowid; "INT PRIMARY KEY" does not.
        field.setAutoValue(isPrimary && typeName == QLatin1String("integer"));
        field.setRequired(query.value(3).toInt() != 0);
        field.setDefaultValue(defaultValue);
        index.append(field);
    }
    return index;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString &tableName) const
{
    return tableInfo(tableName, true);
}

QSqlRecord SqlCipherDriver::record(const QString &tableName) const
{
    return tableInfo(tableName, false);
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(m_db);
}

QString SqlCipherDriver::escapeIdentifier(const QString &identifier, IdentifierType type) const
{
    if (identifier.isEmpty() || isIdentifierEscaped(identifier, type))
        return identifier;
    QString escaped = identifier;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

bool SqlCipherDriver::isIdentifierEscaped(const QString &identifier, IdentifierType type) const
{
    Q_UNUSED(type)
    return identifier.size() > 2
        && ((identifier.startsWith(u'"') && identifier.endsWith(u'"'))
            || (identifier.startsWith(u'`') && identifier.endsWith(u'`'))
            || (identifier.startsWith(u'[') && identifier.endsWith(u']')));
}

QString SqlCipherDriver::formatValue(const QSqlField &field, bool trimStrings) const
{
    if (!field.isNull() && field.metaType().id() == QMetaType::QByteArray)
        return QStringLiteral("X'") + QString::fromLatin1(field.value().toByteArray().toHex()) + u'\'';
    return QSqlDriver::formatValue(field, trimStrings);
}

} // namespace Internal
} // namespace ow::storage
