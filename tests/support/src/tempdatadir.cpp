// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/test/tempdatadir.h"

#include <QDir>
#include <QStandardPaths>

namespace ow::test {

TempDataDir::TempDataDir()
    : m_dir(QDir::tempPath() + QStringLiteral("/ow-test-XXXXXX"))
{
    QStandardPaths::setTestModeEnabled(true);
}

} // namespace ow::test
