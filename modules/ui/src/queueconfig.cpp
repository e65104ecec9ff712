// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/queueconfig.h"
#include "ow/ui/tr.h"

#include <ow/queue/queuestore.h>
#include <ow/storage/settingsrepository.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace ow::ui {

namespace {

QStringList codesOf(const QList<queue::ServiceCategory> &categories)
{
    QStringList codes;
    for (const queue::ServiceCategory &category : categories)
        codes.append(category.code);
    return codes;
}

std::optional<QJsonArray> readArray(const storage::SettingsRepository &settings, const QString &key,
                                    QString *warning)
{
    const QString text = settings.value(key);
    if (text.isEmpty())
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isArray() || document.array().isEmpty()) {
        if (warning)
            *warning = Tr::tr("The queue setting \"%1\" is not a list; the default is used.").arg(key);
        return std::nullopt;
    }
    return document.array();
}

} // namespace

QueueConfig QueueConfig::defaults()
{
    QueueConfig config;
    config.categories = {
        {QStringLiteral("A"), Tr::tr("General intake")},
        {QStringLiteral("B"), Tr::tr("Business services")},
        {QStringLiteral("C"), Tr::tr("Result collection")},
        {QStringLiteral("D"), Tr::tr("Enquiries")},
    };
    const QStringList all = codesOf(config.categories);
    for (int i = 1; i <= 6; ++i) {
        const QString code = QStringLiteral("%1").arg(i, 2, 10, QLatin1Char('0'));
        config.windows.append({code, Tr::tr("Window %1").arg(code), all});
    }
    return config;
}

QueueConfig QueueConfig::load(const QSqlDatabase &db, QString *warning)
{
    QueueConfig config = defaults();
    const storage::SettingsRepository settings(db);
    if (const auto array = readArray(settings, QStringLiteral("queue.categories"), warning)) {
        QList<queue::ServiceCategory> categories;
        for (const QJsonValue &value : *array) {
            const QJsonObject object = value.toObject();
            const QString code = object.value(QStringLiteral("code")).toString().trimmed().toUpper();
            const QString name = object.value(QStringLiteral("name")).toString().trimmed();
            if (code.isEmpty() || name.isEmpty() || code.size() > 2) {
                if (warning)
                    *warning = Tr::tr("The queue setting \"%1\" is not a list; the default is used.")
                                   .arg(QStringLiteral("queue.categories"));
                categories.clear();
                break;
            }
            categories.append({code, name});
        }
        if (!categories.isEmpty()) {
            config.categories = categories;
            for (queue::ServiceWindow &window : config.windows)
                window.categories = codesOf(categories);
        }
    }
    if (const auto array = readArray(settings, QStringLiteral("queue.windows"), warning)) {
        QList<queue::ServiceWindow> windows;
        for (const QJsonValue &value : *array) {
            const QJsonObject object = value.toObject();
            queue::ServiceWindow window;
            window.code = object.value(QStringLiteral("code")).toString().trimmed();
            window.name = object.value(QStringLiteral("name")).toString().trimmed();
            for (const QJsonValue &category : object.value(QStringLiteral("categories")).toArray())
                window.categories.append(category.toString());
            if (window.categories.isEmpty())
                window.categories = codesOf(config.categories);
            if (window.name.isEmpty())
                window.name = Tr::tr("Window %1").arg(window.code);
            if (!window.code.isEmpty())
                windows.append(window);
        }
        if (!windows.isEmpty())
            config.windows = windows;
    }
    return config;
}

QString QueueConfig::categoryName(const QString &code) const
{
    for (const queue::ServiceCategory &category : categories) {
        if (category.code == code)
            return category.name;
    }
    return code;
}

QString QueueConfig::windowName(const QString &code) const
{
    for (const queue::ServiceWindow &window : windows) {
        if (window.code == code)
            return window.name;
    }
    return Tr::tr("Window %1").arg(code);
}

bool QueueConfig::hasWindow(const QString &code) const
{
    return std::any_of(windows.cbegin(), windows.cend(),
                       [&code](const queue::ServiceWindow &window) { return window.code == code; });
}

void QueueConfig::ensureWindow(const QString &code)
{
    if (!code.isEmpty() && !hasWindow(code))
        windows.append({code, Tr::tr("Window %1").arg(code), codesOf(categories)});
}

std::optional<queue::TicketQueue> QueueConfig::loadQueue(const QSqlDatabase &db, const QDate &day,
                                                         QString *error) const
{
    queue::TicketQueue ticketQueue(categories, windows, day);
    queue::QueueStore store(db, day);
    if (!store.loadDay(ticketQueue)) {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    }
    return ticketQueue;
}

QString ticketLabel(const QueueConfig &config, const queue::Ticket &ticket)
{
    return Tr::tr("%1 (%2)").arg(ticket.number, config.categoryName(ticket.category));
}

QString queueDuration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("—");
    if (seconds < 60)
        return Tr::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return Tr::tr("%n min", nullptr, int(seconds / 60));
    return Tr::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace ow::ui
