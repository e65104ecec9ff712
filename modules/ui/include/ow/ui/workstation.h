// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <QObject>
#include <QPointer>

namespace ow::ui {

class MainWindow;

// The workstation's life cycle: sign in, the main window with its pages, sign
// out back to the login dialog.
class OW_UI_EXPORT Workstation : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl serverUrl;
        QString dataDir;
        QString userName; // pre-filled in the login dialog
    };

    explicit Workstation(Options options, QObject *parent = nullptr);
    ~Workstation() override;

    // Shows the login dialog; returns false if the user cancelled it.
    bool signIn();
    MainWindow *mainWindow() const;

private:
    void openMainWindow(const Session &session);
    void signOut();

    Options m_options;
    QPointer<MainWindow> m_mainWindow;
};

} // namespace ow::ui
