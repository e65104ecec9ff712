// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/storage/atomicfile.h"

#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace ow::storage {

namespace {

// The rename is durable only once the directory entry is on disk too.
void syncDirectory(const QString &directory)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(directory)
#endif
}

} // namespace

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error,
                         QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (permissions != QFileDevice::Permissions() && !file.setPermissions(permissions)) {
        *error = file.errorString();
        file.cancelWriting();
        return false;
    }
    if (file.write(data) != data.size() || !file.commit()) { // commit() fsyncs, then renames
        *error = file.errorString();
        return false;
    }
    syncDirectory(QFileInfo(path).absolutePath());
    return true;
}

} // namespace ow::storage
