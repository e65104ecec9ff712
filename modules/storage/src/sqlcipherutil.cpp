// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "sqlcipherutil_p.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QUuid>

namespace ow::storage::Internal {

QString sqliteMessage(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

int columnTypeId(const QString &declaredType)
{
    const QString type = declaredType.toLower();
    if (type == QLatin1String("integer") || type == QLatin1String("int"))
        return QMetaType::Int;
    if (type == QLatin1String("double") || type == QLatin1String("float") || type == QLatin1String("real")
        || type.startsWith(QLatin1String("numeric")))
        return QMetaType::Double;
    if (type == QLatin1String("blob"))
        return QMetaType::QByteArray;
    if (type == QLatin1String("boolean") || type == QLatin1String("bool"))
        return QMetaType::Bool;
    return QMetaType::QString;
}

bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    case QMetaType::QDate:
        return value.toDate().isNull();
    case QMetaType::QTime:
        return !value.toTime().isValid();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    case QMetaType::QUuid:
        return value.toUuid().isNull();
    default:
        return false;
    }
}

} // namespace ow::storage::Internal
