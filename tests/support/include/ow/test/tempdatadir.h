// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace ow::test {

// A fresh data directory for one test, removed afterwards. Also switches
// QStandardPaths to test mode so nothing lands in the user's real folders.
class TempDataDir
{
public:
    TempDataDir();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    // Keeps the directory after the test, for looking at a failure.
    void keep() { m_dir.setAutoRemove(false); }

private:
    QTemporaryDir m_dir;
};

} // namespace ow::test
