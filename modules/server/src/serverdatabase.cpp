// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "serverdatabase.h"

#include "ow/server/tr.h"

#include <ow/storage/database.h>
#include <ow/storage/sqlcipherdriver.h>

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace ow::server::Internal {

namespace {

const char kEmbeddedFile[] = "central.db";
const char kKeyFile[] = "central.key";
const char kCredentialName[] = "onewindow-central.key";

// A systemd credential (LoadCredential=onewindow-central.key:…) wins over the key file.
QString keyFilePath(const QString &dataDir)
{
    const QString credentials
        = QProcessEnvironment::systemEnvironment().value(QStringLiteral("CREDENTIALS_DIRECTORY"));
    if (!credentials.isEmpty()) {
        const QString path = QDir(credentials).filePath(QLatin1String(kCredentialName));
        if (QFileInfo::exists(path))
            return path;
    }
    return QDir(dataDir).filePath(QLatin1String(kKeyFile));
}

QByteArray readKey(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("Cannot read the store key %1: %2").arg(path, file.errorString());
        return {};
    }
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        *error = Tr::tr("The store key %1 is readable by other users; run chmod 600 on it.").arg(path);
        return {};
    }
    const QByteArray key = QByteArray::fromHex(file.readAll().trimmed());
    if (key.size() != 32) {
        *error = Tr::tr("The store key %1 is not 64 hexadecimal digits.").arg(path);
        return {};
    }
    return key;
}

QByteArray createKey(const QString &path, QString *error)
{
    QByteArray key(32, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(key.data()), int(key.size())) != 1) {
        *error = Tr::tr("The system's random number generator failed.");
        return {};
    }
    QFile file(path);
    // Created owner-only from the start: the key must never be readable by others, not even briefly.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key.toHex() + '\n') < 0 || !file.flush()) {
        *error = Tr::tr("Cannot create the store key %1: %2").arg(path, file.errorString());
        return {};
    }
    return key;
}

// The connections a worker thread opened, closed and removed as the thread ends
// (a connection belongs to the thread that opened it).
struct ThreadConnections
{
    QStringList names;
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
    }
};

thread_local ThreadConnections t_connections;

// One process may hold several connections (the server, a directory opened by a test).
QString uniqueConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("ow-central-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

ServerDatabase::~ServerDatabase()
{
    if (m_connectionName.isEmpty())
        return;
    if (m_kind == QLatin1String("embedded")) {
        storage::Database::close(m_connectionName);
    } else {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool ServerDatabase::open(const ServerConfig &config, QString *error, bool createIfMissing)
{
    return config.usesEmbeddedStore() ? openEmbedded(config, error, createIfMissing)
                                      : openPostgres(config, error);
}

bool ServerDatabase::openEmbedded(const ServerConfig &config, QString *error, bool createIfMissing)
{
    if (!createIfMissing && !QFileInfo::exists(QDir(config.dataDir).filePath(QLatin1String(kEmbeddedFile)))) {
        *error = Tr::tr("There is no central server store (%1) in %2; check the directory.")
                     .arg(QLatin1String(kEmbeddedFile), QDir::toNativeSeparators(config.dataDir));
        return false;
    }
    if (!QDir().mkpath(config.dataDir)) {
        *error = Tr::tr("Cannot create the data directory %1.").arg(config.dataDir);
        return false;
    }
    storage::registerSqlCipherDriver();
    const QString dbPath = QDir(config.dataDir).filePath(QLatin1String(kEmbeddedFile));
    const QString keyPath = keyFilePath(config.dataDir);
    const bool exists = QFileInfo::exists(dbPath);
    if (exists && !QFileInfo::exists(keyPath)) {
        *error = Tr::tr("The store %1 exists but its key %2 is missing; restore the key file.")
                     .arg(dbPath, keyPath);
        return false;
    }
    QByteArray key = exists ? readKey(keyPath, error) : createKey(keyPath, error);
    if (key.isEmpty())
        return false;

    m_connectionName = uniqueConnectionName();
    m_kind = QStringLiteral("embedded");
    m_dialect = SqlDialect::SqlCipher;
    auto result = storage::Database::open(dbPath, key, m_connectionName,
                                          exists ? storage::Database::Mode::OpenExisting
                                                 : storage::Database::Mode::CreateNew);
    OPENSSL_cleanse(key.data(), size_t(key.size()));
    if (!result.ok()) {
        *error = result.message;
        return false;
    }
    return true;
}

bool ServerDatabase::openPostgres(const ServerConfig &config, QString *error)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        *error = Tr::tr("The PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql.");
        return false;
    }
    const QUrl url(config.databaseUrl);
    m_connectionName = uniqueConnectionName();
    m_kind = QStringLiteral("postgresql");
    m_dialect = SqlDialect::Postgres;
    m_thread = QThread::currentThread();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName(QUrl::FullyDecoded));
    db.setPassword(url.password(QUrl::FullyDecoded));
    db.setDatabaseName(url.path().mid(1));
    // No JIT: the server's statements are short, and compiling one took longer than running
    // it (some 13 ms under the sequencer lock) whenever the planner's statistics were behind a
    // fast-growing log and it believed a small statement large.
    db.setConnectOptions(QStringLiteral("connect_timeout=5;options='-c jit=off'"));
    if (!db.open()) {
        // The driver's text names host and port but never the password.
        *error = Tr::tr("Cannot connect to PostgreSQL at %1:%2: %3")
                     .arg(url.host())
                     .arg(url.port(5432))
                     .arg(db.lastError().databaseText());
        return false;
    }
    return true;
}

QSqlDatabase ServerDatabase::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlDatabase ServerDatabase::threadDatabase(QString *error) const
{
    if (m_dialect != SqlDialect::Postgres || QThread::currentThread() == m_thread)
        return database();
    const QString name = QStringLiteral("%1-thread-%2")
                             .arg(m_connectionName)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen() || db.open())
            return db;
        *error = db.lastError().text();
        return {};
    }
    QSqlDatabase db = QSqlDatabase::cloneDatabase(m_connectionName, name);
    t_connections.names.append(name);
    if (!db.open()) {
        *error = db.lastError().text();
        return {};
    }
    return db;
}

bool ServerDatabase::ping(QString *error)
{
    QSqlDatabase db = database();
    if (!db.isOpen() && !db.open()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT 1")) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace ow::server::Internal
