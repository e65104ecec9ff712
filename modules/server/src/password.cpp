// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "password.h"

#include "ow/server/tr.h"

#include <sodium.h>

namespace ow::server::Internal::Password {

namespace {

bool ensureSodium()
{
    // sodium_init is thread-safe and idempotent; a static keeps it to one call.
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

QString hash(const QString &password, QString *error)
{
    if (!ensureSodium()) {
        *error = Tr::tr("The cryptography library could not be initialised.");
        return {};
    }
    QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0) {
        *error = Tr::tr("Hashing the password failed (out of memory).");
        return {};
    }
    return QString::fromLatin1(out);
}

bool verify(const QString &hash, const QString &password)
{
    if (!ensureSodium())
        return false;
    const QByteArray stored = hash.toLatin1();
    QByteArray utf8 = password.toUtf8();
    const bool ok = crypto_pwhash_str_verify(stored.constData(), utf8.constData(),
                                             static_cast<unsigned long long>(utf8.size()))
        == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

void verifyDummy(const QString &password)
{
    static const QString dummy = [] {
        QString ignored;
        return hash(QStringLiteral("onewindow-no-such-user"), &ignored);
    }();
    if (!dummy.isEmpty())
        verify(dummy, password);
}

} // namespace ow::server::Internal::Password
