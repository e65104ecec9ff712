// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/queueconfig.h"
#include "ow/ui/ui_export.h"

#include <ow/queue/ticket.h>

#include <QDialog>

#include <optional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace ow::ui {

// 转移: where the ticket at the window goes — another window (which calls it
// first) or another category (where it keeps its place by issue time).
class OW_UI_EXPORT QueueTransferDialog : public QDialog
{
    Q_OBJECT

public:
    QueueTransferDialog(const QueueConfig &config, const queue::Ticket &ticket, const QString &ownWindow,
                        QWidget *parent = nullptr);

    bool toWindow() const;
    QString target() const; // a window or a category code

private:
    QRadioButton *m_windowRadio;
    QRadioButton *m_categoryRadio;
    QComboBox *m_windowCombo;
    QComboBox *m_categoryCombo;
};

// 好差评 at the end of a service: the five levels of the national standard;
// for the two low ones the resident may say why.
class OW_UI_EXPORT QueueEvaluationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit QueueEvaluationDialog(const queue::Ticket &ticket, QWidget *parent = nullptr);

    QString ticketNumber() const { return m_number; }
    std::optional<queue::Evaluation> evaluation() const;
    // Empty unless a low level is chosen.
    QString reason() const;
    // Chooses a level as the resident's tap would.
    void choose(queue::Evaluation evaluation);

private:
    void updateState();

    QString m_number;
    QButtonGroup *m_levels;
    QLabel *m_reasonLabel;
    QPlainTextEdit *m_reasonEdit;
    QPushButton *m_recordButton;
};

} // namespace ow::ui
