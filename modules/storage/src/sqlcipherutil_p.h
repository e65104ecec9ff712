// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QString>
#include <QVariant>

#include <sqlite3.h>

namespace ow::storage::Internal {

// sqlite3_errmsg() of the connection.
QString sqliteMessage(sqlite3 *db);
// The QMetaType id QSQLITE reports for a declared column type.
int columnTypeId(const QString &declaredType);
// True for values Qt SQL binds as NULL (QSqlResultPrivate::isVariantNull).
bool isNullValue(const QVariant &value);

} // namespace ow::storage::Internal
