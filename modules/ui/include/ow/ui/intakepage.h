// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/session.h"
#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>

#include <QPointer>
#include <QSqlDatabase>
#include <QWidget>

#include <functional>
#include <memory>

namespace ow::ui {

class IdCardReader;
class IntakeNoticeDialog;

// The window's intake page (受理), where a clerk spends the day: identify the
// applicant (typed or read from the ID card), choose an item or a bundle by
// name, code or pinyin, check the materials, fill the unified form, then
// accept, issue a one-time notice of what is missing, or refuse with a legal
// basis. Materials a licence the applicant holds stands in for are ticked by
// themselves; scans and PDFs can be attached to each material. Each outcome
// is recorded through the case journal under the signed-in user and produces
// its printed notice. The draft is kept in the store on every change, so a
// crash or a closed window loses nothing typed.
class OW_UI_EXPORT IntakePage : public QWidget
{
    Q_OBJECT

public:
    struct Options
    {
        QString noticeDirectory; // where notice PDFs are kept
        QString issuer; // printed at the top of notices; default: the office's name
        bool showPreview = true; // open the notice preview after each outcome
    };

    IntakePage(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
               Options options, QWidget *parent = nullptr);
    ~IntakePage() override;

    // The catalogue the page works with: the store's latest imported version, else the demo.
    static catalog::Catalog loadCatalog(const QSqlDatabase &db, QString *error = nullptr);
    static QString draftKey() { return QStringLiteral("intake.draft"); }

    // Not owned; a reader may serve several pages in turn.
    void setIdCardReader(IdCardReader *reader);

    // Asks which files to attach to a material (a document camera's export
    // folder, a test); by default a file dialog.
    using FileChooser = std::function<QStringList(QWidget *parent)>;
    void setFileChooser(FileChooser chooser);

    QString lastCaseId() const;
    QString lastCaseNumber() const;
    QString lastNoticeFile() const;
    IntakeNoticeDialog *noticeDialog() const;

signals:
    void caseRecorded(const QString &caseId, const QString &caseNumber);

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace ow::ui
