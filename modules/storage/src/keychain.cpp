// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/keychain.h"

#include "keychainprobe.h"

#include "ow/storage/secretkey.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

#include <openssl/crypto.h>

#include <memory>

namespace ow::storage {

using Internal::KeychainProbe;

namespace {

struct JobOutcome
{
    bool finished = false;
    int error = QKeychain::NoError;
    QString text;
    QByteArray data;
};

// Runs `job` to completion or until `timeout`. The job deletes itself when it
// finishes: deleting it earlier would leave libsecret calling back into freed
// memory, so on a timeout it is left to finish (or not) on its own.
JobOutcome runJob(QKeychain::Job *job, std::chrono::milliseconds timeout)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text on disk
    JobOutcome outcome;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop](QKeychain::Job *done) {
        outcome.finished = true;
        outcome.error = done->error();
        outcome.text = done->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done); read && !done->error()) {
            // Our own copy; then the job's buffer (shared with `data`, and of
            // no further use to the finished job) is wiped in place.
            const QByteArray data = read->binaryData();
            outcome.data = QByteArray(data.constData(), data.size());
            if (!data.isEmpty())
                OPENSSL_cleanse(const_cast<char *>(data.constData()), std::size_t(data.size()));
        }
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job->start();
    if (!outcome.finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return outcome;
}

KeychainResult timedOut(std::chrono::milliseconds timeout)
{
    return {KeychainError::Timeout,
            QStringLiteral("no answer from the keychain within %1 s").arg(timeout.count() / 1000)};
}

} // namespace

QString KeychainBackend::toString() const
{
    if (provider.isEmpty())
        return name;
    return name + QStringLiteral(" (") + provider + QLatin1Char(')');
}

QString Keychain::defaultService()
{
    return QStringLiteral("OneWindow");
}

Keychain::Keychain(const QString &service, std::chrono::milliseconds timeout)
    : m_service(service)
    , m_timeout(timeout)
{ }

KeychainBackend Keychain::detectBackend()
{
    return KeychainProbe::backend();
}

KeychainResult Keychain::read(const QString &entry, QByteArray *secret) const
{
    const KeychainBackend backend = KeychainProbe::backend();
    if (const KeychainResult problem = KeychainProbe::preflight(backend); !problem.ok())
        return problem;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(entry);
    JobOutcome outcome = runJob(job, m_timeout);
    if (!outcome.finished)
        return timedOut(m_timeout);
    if (outcome.error == QKeychain::NoError) {
        *secret = std::move(outcome.data);
        return {};
    }
    const KeychainResult result = KeychainProbe::classify(outcome.error, outcome.text);
    if (result.error == KeychainError::EntryMissing)
        return KeychainProbe::explainNotFound(backend, m_service, entry, outcome.text);
    return result;
}

KeychainResult Keychain::write(const QString &entry, const QByteArray &secret) const
{
    const KeychainBackend backend = KeychainProbe::backend();
    if (const KeychainResult problem = KeychainProbe::preflight(backend); !problem.ok())
        return problem;
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(entry);
    // The job keeps the data until it is deleted, maybe after we return: give
    // it a copy of its own and wipe that once the job is gone.
    auto copy = std::make_shared<QByteArray>(secret.constData(), secret.size());
    job->setBinaryData(*copy);
    QObject::connect(job, &QObject::destroyed, job, [copy] { wipe(*copy); });
    const JobOutcome outcome = runJob(job, m_timeout);
    if (!outcome.finished)
        return timedOut(m_timeout);
    return KeychainProbe::classify(outcome.error, outcome.text);
}

KeychainResult Keychain::remove(const QString &entry) const
{
    const KeychainBackend backend = KeychainProbe::backend();
    if (const KeychainResult problem = KeychainProbe::preflight(backend); !problem.ok())
        return problem;
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(entry);
    const JobOutcome outcome = runJob(job, m_timeout);
    if (!outcome.finished)
        return timedOut(m_timeout);
    KeychainResult result = KeychainProbe::classify(outcome.error, outcome.text);
    if (result.error == KeychainError::EntryMissing)
        return {};
    return result;
}

} // namespace ow::storage
