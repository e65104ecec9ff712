// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

// The hand-out page's internals, shared by its search and delivery sources;
// not part of the module's API.

#include "ow/ui/handoutpage.h"

#include "ow/ui/intakenoticedialog.h"

#include "handoutcase.h"
#include "handoutcasemodel.h"

#include <ow/printing/notice.h>

#include <QJsonObject>
#include <QPointer>

#include <optional>

namespace Ui {
class HandoutPage;
}

namespace ow::ui {

class HandoutPage::Private
{
public:
    Private(HandoutPage *q, const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
            Options options);
    ~Private();

    void setUp();
    void search();
    void refresh();
    void selectionChanged();
    void methodChanged();
    const Internal::HandoutCase *current() const;

    // Delivery
    void deliver();
    // 补正收件: materials a reviewing department asked for arrive at the window.
    void receiveSupplement();
    // The event's payload and the receipt, or nullopt after saying what is wrong.
    std::optional<printing::Notice> checkDelivery(const Internal::HandoutCase &entry, QJsonObject *payload);
    printing::Notice receipt(const Internal::HandoutCase &entry) const;
    void issue(const printing::Notice &notice);
    void showSearchMessage(const QString &html);
    void showDeliveryMessage(const QString &html);
    bool refuse(QWidget *focus, const QString &message);

    HandoutPage *q;
    const std::unique_ptr<::Ui::HandoutPage> ui;
    QSqlDatabase db;
    Session session;
    catalog::Catalog catalog;
    Options options;
    Internal::HandoutCaseModel model;
    Internal::HandoutQuery lastQuery;
    QString lastReceiptFile;
    QPointer<IntakeNoticeDialog> dialog;
};

namespace Internal {

inline QString handoutErrorHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#b3261e\">✘ %1</span>").arg(text.toHtmlEscaped());
}

inline QString handoutOkHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#1b873f\">✔ %1</span>").arg(text.toHtmlEscaped());
}

} // namespace Internal

} // namespace ow::ui
