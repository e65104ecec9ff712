// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "sqlwrites.h"

#include "ow/server/tr.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

#include <algorithm>

namespace ow::server::Internal {

QString sqlPlaceholders(qsizetype count)
{
    QString list;
    list.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        list += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return list;
}

bool runSql(QSqlQuery &query, SqlDialect dialect, const QString &sql, const QVariantList &values,
            QString *error)
{
    bool ok = false;
    if (dialect == SqlDialect::Postgres) {
        const QSqlDriver *driver = query.driver();
        QString text;
        text.reserve(sql.size() + values.size() * 16);
        qsizetype next = 0;
        // The text between placeholders is copied a piece at a time, not a character at a time:
        // a batch's INSERT has some 1,400 of them (this runs under the sequencer lock).
        const QStringView sqlView(sql);
        qsizetype from = 0;
        for (qsizetype at = sqlView.indexOf(u'?'); at >= 0; at = sqlView.indexOf(u'?', from)) {
            text += sqlView.sliced(from, at - from);
            from = at + 1;
            if (next >= values.size()) {
                *error = Tr::tr("A statement has more placeholders than values.");
                return false;
            }
            const QVariant &value = values.at(next++);
            const int type = value.metaType().id();
            if (type == QMetaType::LongLong || type == QMetaType::Int) {
                text += QString::number(value.toLongLong());
            } else if (type == QMetaType::QString && !value.isNull()) {
                const QString &string = *static_cast<const QString *>(value.constData());
                if (!string.contains(u'\'') && !string.contains(u'\\')) {
                    // Nothing to escape: what the driver would write, without its two searches.
                    text += u'\'';
                    text += string;
                    text += u'\'';
                } else {
                    QSqlField field(QString(), value.metaType());
                    field.setValue(value);
                    text += driver->formatValue(field);
                }
            } else {
                QSqlField field(QString(), value.metaType());
                field.setValue(value);
                text += driver->formatValue(field);
            }
        }
        text += sqlView.sliced(from);
        ok = query.exec(text);
    } else {
        ok = query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = ok && query.exec();
    }
    if (!ok)
        *error = query.lastError().text();
    return ok;
}

void SqlWrites::add(const QString &sql, const QVariantList &values)
{
    m_statements.append({sql, values});
}

void SqlWrites::addRows(const QString &head, int columns, const QVariantList &values, const QString &tail)
{
    if (!values.isEmpty())
        m_rows.append({head, columns, values, tail});
}

bool SqlWrites::run(QSqlDatabase db, SqlDialect dialect, QString *error) const
{
    // One statement on PostgreSQL has no limit on values (they are formatted in);
    // SQLite binds at most 32766 parameters to a statement.
    constexpr qsizetype kMaxValues = 30000;
    QList<std::pair<QString, QVariantList>> statements;
    for (const auto &[head, columns, values, tail] : m_rows) {
        const qsizetype rows = values.size() / columns;
        const qsizetype perStatement
            = dialect == SqlDialect::Postgres ? rows : std::max<qsizetype>(1, kMaxValues / columns);
        const QString row = QLatin1Char('(') + sqlPlaceholders(columns) + QLatin1Char(')');
        for (qsizetype first = 0; first < rows; first += perStatement) {
            const qsizetype count = std::min(perStatement, rows - first);
            QString sql = head + QStringLiteral(" VALUES ");
            sql.reserve(sql.size() + count * (row.size() + 2) + tail.size());
            for (qsizetype i = 0; i < count; ++i) {
                if (i > 0)
                    sql += QStringLiteral(", ");
                sql += row;
            }
            sql += tail;
            statements.append({sql, values.mid(first * columns, count * columns)});
        }
    }
    statements += m_statements;
    if (statements.isEmpty())
        return true;
    QSqlQuery query(db);
    if (dialect != SqlDialect::Postgres || statements.size() == 1) {
        for (const auto &[sql, values] : statements) {
            if (!runSql(query, dialect, sql, values, error))
                return false;
        }
        return true;
    }
    QString sql;
    QVariantList values;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        if (i + 1 < statements.size())
            sql += (i == 0 ? QStringLiteral("WITH ") : QStringLiteral(", "))
                + QStringLiteral("w%1 AS (%2)").arg(i).arg(statements.at(i).first);
        else
            sql += QLatin1Char(' ') + statements.at(i).first;
        values += statements.at(i).second;
    }
    return runSql(query, dialect, sql, values, error);
}

} // namespace ow::server::Internal
