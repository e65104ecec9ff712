// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "benchstore.h"

#include "datagen.h"

#include "ow/storage/applicantrepository.h"
#include "ow/storage/eventrepository.h"
#include "ow/storage/recoverykey.h"
#include "ow/storage/store.h"
#include "ow/storage/transaction.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <cstdio>

namespace ow::bench {

using namespace ow::storage;

namespace {

constexpr int casesPerTransaction = 1000;

QString privateKeyPath(const BenchStoreOptions &options)
{
    return options.directory + QStringLiteral("/bench-recovery.pem");
}

QString descriptionPath(const BenchStoreOptions &options)
{
    return options.directory + QStringLiteral("/bench.json");
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size()
        && file.setPermissions(permissions);
}

bool load(const QSqlDatabase &db, DataGenerator &generator, BenchStore *store)
{
    ApplicantRepository applicants(db);
    EventRepository events(db);
    QElapsedTimer wall;
    wall.start();
    for (int done = 0; done < generator.caseCount();) {
        const int end = std::min(generator.caseCount(), done + casesPerTransaction);
        Transaction transaction(db);
        for (int i = done; i < end; ++i) {
            const GeneratedCase generated = generator.next();
            if (!applicants.save(generated.applicant)) {
                store->error = applicants.lastError();
                return false;
            }
            for (qsizetype e = 0; e < generated.events.size(); ++e) {
                if (!events.append(generated.events.at(e), generated.projections.at(e),
                                   EventRepository::Origin::Pulled)) {
                    store->error = events.lastError();
                    return false;
                }
                ++store->events;
            }
        }
        if (!transaction.commit()) {
            store->error = transaction.lastError().text();
            return false;
        }
        done = end;
        if (done % 100000 == 0 || done == generator.caseCount())
            std::fprintf(stderr, "  %d cases, %lld events, %.0f s\n", done, store->events,
                         double(wall.elapsed()) / 1000.0);
    }
    store->loadSeconds = double(wall.elapsed()) / 1000.0;
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA optimize"));
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}

BenchStore create(const BenchStoreOptions &options)
{
    BenchStore result;
    result.dataDir = options.directory + QStringLiteral("/data");
    if (Store::exists(result.dataDir)) {
        result.error = QStringLiteral("%1 already holds a store (use --reuse)").arg(result.dataDir);
        return result;
    }
    RecoveryKeyPair pair;
    QString error;
    if (!generateRecoveryKeyPair(RecoveryKeyType::Rsa3072, &pair, &error)) {
        result.error = error;
        return result;
    }
    if (!writeFile(privateKeyPath(options), pair.privateKeyPem,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        result.error = QStringLiteral("cannot write %1").arg(privateKeyPath(options));
        return result;
    }
    StoreCreateOptions createOptions;
    createOptions.recoveryPublicKeyPem = pair.publicKeyPem;
    StoreStatus status;
    std::unique_ptr<Store> store = Store::create(result.dataDir, createOptions, &status);
    if (!store) {
        result.error = status.message;
        return result;
    }
    DataGenerator generator(options.cases, options.seed);
    if (!load(store->database(), generator, &result))
        return result;
    result.cases = options.cases;
    const QJsonObject description {{QStringLiteral("cases"), options.cases},
                                   {QStringLiteral("seed"), qint64(options.seed)},
                                   {QStringLiteral("events"), result.events}};
    if (!writeFile(descriptionPath(options), QJsonDocument(description).toJson(),
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        result.error = QStringLiteral("cannot write %1").arg(descriptionPath(options));
    return result;
}

BenchStore reopen(const BenchStoreOptions &options)
{
    BenchStore result;
    result.dataDir = options.directory + QStringLiteral("/data");
    QFile description(descriptionPath(options));
    if (!description.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1 holds no store of an earlier run").arg(options.directory);
        return result;
    }
    const QJsonObject json = QJsonDocument::fromJson(description.readAll()).object();
    result.cases = json.value(QStringLiteral("cases")).toInt();
    result.events = json.value(QStringLiteral("events")).toInteger();
    const bool sameCases = options.cases == 0 || result.cases == options.cases;
    if (!sameCases || json.value(QStringLiteral("seed")).toInteger() != qint64(options.seed)) {
        result.error = QStringLiteral("the store in %1 has %2 cases (seed %3); run with --cases %2")
                           .arg(options.directory)
                           .arg(result.cases)
                           .arg(json.value(QStringLiteral("seed")).toInteger());
        return result;
    }
    QFile keyFile(privateKeyPath(options));
    if (!keyFile.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot read %1").arg(privateKeyPath(options));
        return result;
    }
    QString error;
    const RecoveryPrivateKey key = RecoveryPrivateKey::fromPem(keyFile.readAll(), QByteArray(), &error);
    if (key.isNull()) {
        result.error = error;
        return result;
    }
    // This run's keychain is new: put the store's key into it from the escrow.
    const StoreStatus recovered = Store::recover(result.dataDir, key);
    if (!recovered.ok())
        result.error = recovered.message;
    return result;
}

} // namespace

BenchStore prepareStore(const BenchStoreOptions &options)
{
    QDir().mkpath(options.directory);
    BenchStore result = options.reuse ? reopen(options) : create(options);
    if (result.error.isEmpty()) {
        const QDir data(result.dataDir);
        for (const QFileInfo &file : data.entryInfoList(QDir::Files))
            result.sizeBytes += file.size();
    }
    return result;
}

} // namespace ow::bench
