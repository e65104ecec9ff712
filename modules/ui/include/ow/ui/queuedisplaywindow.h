// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <QSqlDatabase>
#include <QWidget>

#include <memory>

namespace ow::ui {

// The hall's display (叫号屏, `onewindow --display`): the latest call large
// ("A012 请到 03号窗口"), the calls before it, and how many wait in each
// category. It reads the local store every second, where the windows (other
// processes) write; a call made again (重呼) flashes again.
class OW_UI_EXPORT QueueDisplayWindow : public QWidget
{
    Q_OBJECT

public:
    explicit QueueDisplayWindow(const QSqlDatabase &db, QWidget *parent = nullptr);
    ~QueueDisplayWindow() override;

    // The latest call as shown; empty before the first of the day.
    QString latestCallText() const;
    // The recent calls as shown, newest first.
    QStringList recentCallTexts() const;
    // How often a call has been announced (each new call and each 重呼).
    int announcements() const;
    bool isFlashing() const;

public slots:
    // Reads the store now (the timer does it every second).
    void refresh();

signals:
    void announced(const QString &number, const QString &window);

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace ow::ui
