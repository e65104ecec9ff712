// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace ow::server::Internal {

// Argon2id password hashes in libsodium's string form ("$argon2id$v=19$m=…"),
// the same form the workstation verifies for offline sign-in.
namespace Password {

// Interactive limits (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE): a sign-in costs
// about a tenth of a second and 64 MiB.
QString hash(const QString &password, QString *error);
bool verify(const QString &hash, const QString &password);
// Checks a hash against a fixed dummy so that a sign-in for an unknown user
// takes as long as one with a wrong password.
void verifyDummy(const QString &password);

} // namespace Password

} // namespace ow::server::Internal
