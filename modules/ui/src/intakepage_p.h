// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

// The intake page's internals, shared by its layout, behaviour and outcome
// sources; not part of the module's API.

#include "ow/ui/intakepage.h"

#include "ow/ui/intakeformwidget.h"
#include "ow/ui/intakeidcardreader.h"
#include "ow/ui/intakenoticedialog.h"
#include "ow/ui/tr.h"

#include "intakeapplication.h"
#include "intakeattachments.h"

#include <ow/cases/casenumber.h>
#include <ow/catalog/catalogloader.h>
#include <ow/catalog/itemsearch.h>
#include <ow/core/idcardnumber.h>
#include <ow/core/socialcreditcode.h>
#include <ow/core/uuid.h>
#include <ow/core/workingcalendar.h>
#include <ow/printing/noticerenderer.h>
#include <ow/storage/applicantrepository.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/eventrepository.h>
#include <ow/storage/settingsrepository.h>
#include <ow/storage/syncstaterepository.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace ow::ui {

namespace Internal {

enum ApplicantKind { Person, Organisation };
inline constexpr int CodeRole = Qt::UserRole;
inline constexpr int KindRole = Qt::UserRole + 1;
inline constexpr int SharedRole = Qt::UserRole + 2; // the licence number that ticked a material

// The checklist's columns.
enum MaterialColumn { NameColumn, ProvidedColumn, RequiredColumn, FormColumn, CopiesColumn, ItemsColumn };

// A licence the applicant holds, as far as this office knows: produced by one
// of its cases that reached certificate-ready or delivered.
struct HeldLicence
{
    QString type; // certificate type code
    QString name; // the type's name, e.g. 营业执照
    QString number; // the certificate's number, else the case number
    QString caseNumber;
};

// Hands the keys a widget's own bindings leave alone (Insert, Delete) to the page.
class KeyFilter : public QObject
{
public:
    KeyFilter(QObject *parent, std::function<bool(int key)> handler)
        : QObject(parent)
        , m_handler(std::move(handler))
    { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if (key->modifiers() == Qt::NoModifier && m_handler(key->key()))
                return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<bool(int key)> m_handler;
};

// The provision that makes a window tell every missing material at once.
inline const QString oneTimeNoticeBasis = QStringLiteral("《中华人民共和国行政许可法》第三十二条");

inline QString errorHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#b3261e\">✘ %1</span>").arg(text.toHtmlEscaped());
}

inline QString okHtml(const QString &text)
{
    return QStringLiteral("<span style=\"color:#1b873f\">✔ %1</span>").arg(text.toHtmlEscaped());
}

inline QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace Internal

using Internal::HeldLicence;
using Internal::IntakeApplication;
using Internal::IntakeAttachment;

class IntakePage::Private
{
public:
    Private(IntakePage *q, const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
            Options options)
        : q(q)
        , db(db)
        , session(session)
        , catalog(catalog)
        , search(catalog)
        , options(std::move(options))
        , settings(db)
    { }

    void buildUi();
    QWidget *buildApplicantBox();
    QWidget *buildItemBox();
    QWidget *buildOutcomeBox();

    // Applicant
    bool checkApplicant(bool showEmpty);
    QString applicantId() const;
    QJsonObject applicantJson() const;
    void applicantIdentified();
    void loadHistory(const QString &idNumber);
    void cardRead(const IdCardData &card);

    // Item, materials, form
    void updateSearch();
    // 常用事项: each window keeps its own favourites in the store, shown while
    // the search field is empty; Ctrl+D adds or removes the chosen one.
    QString favouritesKey() const;
    QStringList favourites() const; // "item:CODE" or "bundle:CODE"
    void showFavourites();
    void toggleFavourite();
    void updateFavouriteButton();
    void chooseResult(QListWidgetItem *entry);
    void select(bool bundle, const QString &code);
    void rebuildMaterials();
    QStringList receivedMaterials() const;
    const HeldLicence *heldLicence(const QString &type) const;
    void applySharedLicences();
    QString currentMaterialCode() const;
    void showAttachments();
    void addAttachmentFiles();
    void removeAttachment();
    void previewAttachment();
    void updateProvided(QTreeWidgetItem *row);
    // How each received material was provided (shared licence, files) and the files, for the outcome event.
    QJsonObject materialsPayload() const;
    QList<const catalog::MergedMaterial *> missingRequired() const;
    void prefillForm();
    void updateSmartApproval();

    // Draft
    void changed();
    void saveDraft();
    void restoreDraft();
    void reset();

    // Outcomes
    bool checkReady();
    std::optional<QString> nextCaseNumber(QString *error);
    cases::Role role() const;
    cases::Actor actor() const;
    std::optional<QString> recordCase(cases::EventType outcome, const QJsonObject &outcomePayload,
                                      QString *caseNumber);
    bool recordEvent(storage::CaseJournal &journal, const cases::Event &draft);
    void accept();
    void notifyMissing();
    void refuse();
    printing::Notice notice(printing::NoticeKind kind, const QString &caseNumber) const;
    void issue(const printing::Notice &notice);
    void showMessage(const QString &html);

    IntakePage *q;
    QSqlDatabase db;
    Session session;
    catalog::Catalog catalog;
    catalog::ItemSearch search;
    Options options;
    storage::SettingsRepository settings;
    IntakeApplication application;
    std::optional<cases::RuleSet> rules;
    std::optional<cases::RuleTrace> trace;
    bool restoring = true; // until the page is built and its draft restored
    QString lastCaseId;
    QString lastCaseNumber;
    QString lastNoticeFile;
    QPointer<IntakeNoticeDialog> dialog;
    QPointer<IdCardReader> reader;
    QMetaObject::Connection readConnection;
    QMetaObject::Connection failConnection;

    QComboBox *kindCombo = nullptr;
    QLineEdit *idEdit = nullptr;
    QPushButton *readCardButton = nullptr;
    QLabel *idStatus = nullptr;
    QLineEdit *nameEdit = nullptr;
    QLabel *representativeLabel = nullptr;
    QLineEdit *representativeEdit = nullptr;
    QLineEdit *phoneEdit = nullptr;
    QLineEdit *searchEdit = nullptr;
    QListWidget *results = nullptr;
    QLabel *selectedLabel = nullptr;
    QPushButton *favouriteButton = nullptr;
    QTreeWidget *materials = nullptr;
    IntakeFormWidget *form = nullptr;
    QLabel *smartLabel = nullptr;
    QCheckBox *onBehalf = nullptr;
    QPushButton *acceptButton = nullptr;
    QPushButton *missingButton = nullptr;
    QLineEdit *reasonEdit = nullptr;
    QLineEdit *basisEdit = nullptr;
    QPushButton *refuseButton = nullptr;
    QLabel *message = nullptr;
    QTreeWidget *history = nullptr;
    QLabel *licencesLabel = nullptr;
    QLabel *attachmentsTitle = nullptr;
    QListWidget *attachmentList = nullptr;
    QPushButton *addFileButton = nullptr;
    QPushButton *removeFileButton = nullptr;
    QPushButton *previewFileButton = nullptr;
    QLabel *attachmentStatus = nullptr;
    QList<HeldLicence> held;
    FileChooser chooseFiles;
    // Files attached per material code, in the order added.
    QHash<QString, QList<IntakeAttachment>> attachments;
    // Certificates the store knows the applicant holds, as smart-approval rules see them.
    QJsonArray licences;
};
} // namespace ow::ui
