// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

// The review page's state and widgets, shared by its layout and rendering
// (reviewpage.cpp) and its decisions (reviewdecisions.cpp).

#include "ow/ui/reviewpage.h"

#include <ow/cases/event.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace ow::ui {

class ReviewPage::Private
{
public:
    Private(ReviewPage *page, const QSqlDatabase &store, const Session &session,
            const core::WorkingCalendar &calendar)
        : q(page)
        , db(store)
        , session(session)
        , calendar(calendar)
    { }

    void build();
    void render();
    void renderHeader();
    void renderForm();
    void renderReviews();
    void renderHistory();
    void renderEarlierCases();
    void updateButtons();
    bool fail(const QString &message);
    bool record(cases::EventType type, const QJsonObject &payload);
    bool produceCertificates();
    void issueSupplementNotice(const QStringList &materials, const QString &reason);
    QJsonObject certificatePayload(const cases::CaseItem &item, int index) const;
    bool isLead() const
    {
        return state.review.plan().leadDepartment() == department || !state.review.isRouted();
    }

    ReviewPage *q;
    QSqlDatabase db;
    Session session;
    core::WorkingCalendar calendar;
    QString caseId;
    QString department;
    cases::CaseState state;
    QList<cases::Event> events;
    QString message;
    std::optional<catalog::Catalog> catalog;
    QString noticeDirectory;
    bool previewNotices = false;
    QString lastNoticeFile;

    QLabel *titleLabel = nullptr;
    QLabel *clockLabel = nullptr;
    QLabel *reviewsSummaryLabel = nullptr;
    QTableWidget *formTable = nullptr;
    QListWidget *materialsList = nullptr;
    QTableWidget *reviewsTable = nullptr;
    QTableWidget *historyTable = nullptr;
    QTabWidget *tabs = nullptr;
    QLabel *departmentLabel = nullptr;
    QPlainTextEdit *opinionEdit = nullptr;
    QLineEdit *basisEdit = nullptr;
    QLineEdit *materialsEdit = nullptr;
    QComboBox *suspensionKindCombo = nullptr;
    QSpinBox *extensionDaysSpin = nullptr;
    QLineEdit *extensionApproverEdit = nullptr;
    QPushButton *extendButton = nullptr;
    QPushButton *opinionButton = nullptr;
    QPushButton *approveButton = nullptr;
    QPushButton *denyButton = nullptr;
    QPushButton *supplementButton = nullptr;
    QPushButton *receivedButton = nullptr;
    QPushButton *suspendButton = nullptr;
    QPushButton *resumeButton = nullptr;
    QPushButton *terminateButton = nullptr;
    QTableWidget *earlierTable = nullptr;
    QLabel *licencesLabel = nullptr;
    QLabel *messageLabel = nullptr;
};

} // namespace ow::ui
