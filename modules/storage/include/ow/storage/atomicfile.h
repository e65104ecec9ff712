// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/storage/storage_export.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace ow::storage {

// Replaces `path` with `data` so that a crash or power cut leaves either the
// old content or the new one: a temporary file, fsync, rename, fsync of the
// directory. With `permissions` set, the file gets them before any byte is
// written (for a private key: QFileDevice::ReadOwner | QFileDevice::WriteOwner).
OW_STORAGE_EXPORT bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error,
                                           QFileDevice::Permissions permissions = {});

} // namespace ow::storage
