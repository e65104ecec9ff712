// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The intake page's material checklist on a real encrypted store: licences
// the applicant holds stand in for materials, files are attached to
// materials (and refused when too large, of the wrong type or damaged), and
// the checklist with its files survives the page being closed.

#include <ow/cases/ruleset.h>
#include <ow/cases/statemachine.h>
#include <ow/catalog/catalogloader.h>
#include <ow/core/localization.h>
#include <ow/core/uuid.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/settingsrepository.h>
#include <ow/ui/intakepage.h>

#include "../printing/pdftext.h"
#include "tst_intake_driver.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace ow;
using ow::test::intake::personId;
using ow::test::intake::typeText;
using ow::test::intake::uscc;
using ow::ui::IntakePage;

namespace {

constexpr int providedColumn = 1; // the checklist's "Provided as" column

QTreeWidgetItem *materialRow(QTreeWidget *tree, const QString &code)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == code)
            return tree->topLevelItem(i);
    }
    return nullptr;
}

QDialog *openPreview()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == QLatin1String("attachmentPreviewDialog") && widget->isVisible())
            return qobject_cast<QDialog *>(widget);
    }
    return nullptr;
}

} // namespace

class TestIntakeMaterials : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sharedLicenceStandsIn();
    void expiredLicenceDoesNotStandIn();
    void attachmentFromFile();
    void refusedFiles();
    void draftKeepsChecklistAndFiles();

private:
    std::unique_ptr<IntakePage> makePage();
    template<typename T>
    T *child(const QString &name) const
    {
        return driver().child<T>(name);
    }
    test::intake::IntakeDriver driver() const { return test::intake::IntakeDriver(m_page.get()); }
    QString scan(const QString &name, const QSize &size = QSize(1200, 1600));
    QString pdf(const QString &name, int pages);
    qint64 storedAttachments() const;
    QList<cases::Event> events(const QString &caseId) const;
    void screenshot(QWidget *widget, const QString &name);
    void registerCompany(const QDate &validUntil, QString *registration);
    void identifyKnownCompany();

    QTemporaryDir m_dir;
    QString m_connection;
    QSqlDatabase m_db;
    ui::Session m_session;
    catalog::Catalog m_catalog;
    std::unique_ptr<IntakePage> m_page;
    QStringList m_chosenFiles; // what the clerk picks in the file dialog
    int m_run = 0;
};

void TestIntakeMaterials::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Screenshots are looked at in Chinese.
    if (!qEnvironmentVariableIsEmpty("OW_SCREENSHOT_DIR"))
        core::Localization::install(QStringLiteral("zh_CN"));
    QVERIFY(m_dir.isValid());
    auto loaded = catalog::CatalogLoader::loadDemo();
    QVERIFY(loaded.isValid());
    m_catalog = *loaded.catalog;
    m_session = test::intake::clerkSession();
}

void TestIntakeMaterials::init()
{
    m_connection = QStringLiteral("materials-%1").arg(++m_run);
    QString message;
    m_db = test::intake::freshStore(m_dir.filePath(m_connection + QStringLiteral(".db")), m_connection, &message);
    QVERIFY2(m_db.isValid(), qPrintable(message));
    m_chosenFiles.clear();
    m_page = makePage();
}

void TestIntakeMaterials::cleanup()
{
    m_page.reset();
    m_db = QSqlDatabase();
    storage::Database::close(m_connection);
}

std::unique_ptr<IntakePage> TestIntakeMaterials::makePage()
{
    IntakePage::Options options;
    options.noticeDirectory = m_dir.filePath(QStringLiteral("notices"));
    options.showPreview = false;
    auto page = std::make_unique<IntakePage>(m_db, m_session, m_catalog, options);
    page->setFileChooser([this](QWidget *) { return m_chosenFiles; });
    page->resize(1280, 1000);
    page->show();
    return page;
}

// A photographed form, as a window's document camera delivers it.
QString TestIntakeMaterials::scan(const QString &name, const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(0xfa, 0xf8, 0xf0));
    QPainter painter(&image);
    painter.setPen(QPen(Qt::darkBlue, 8));
    painter.drawRect(image.rect().adjusted(40, 40, -40, -40));
    QFont font = painter.font();
    font.setPixelSize(size.height() / 12);
    painter.setFont(font);
    painter.drawText(image.rect(), Qt::AlignCenter, QStringLiteral("临时救助申请书"));
    painter.end();
    const QString path = m_dir.filePath(name);
    if (!image.save(path))
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

QString TestIntakeMaterials::pdf(const QString &name, int pages)
{
    const QString path = m_dir.filePath(name);
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    QPainter painter(&writer);
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        QFont font = painter.font();
        font.setPointSize(28);
        painter.setFont(font);
        painter.drawText(QRect(0, 0, writer.width(), writer.height() / 3), Qt::AlignCenter,
                         QStringLiteral("困难情况证明 第%1页").arg(i + 1));
    }
    painter.end();
    return path;
}

qint64 TestIntakeMaterials::storedAttachments() const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM attachments")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QList<cases::Event> TestIntakeMaterials::events(const QString &caseId) const
{
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    const QList<cases::Event> log = journal.events(caseId);
    for (const cases::Event &event : log) {
        QString error;
        const auto parsed = cases::Event::fromJson(event.toJson(), &error);
        if (!parsed || !parsed->hasValidHash())
            qWarning("event %s would not be accepted: %s", qPrintable(event.id), qPrintable(error));
    }
    const auto fold = cases::CaseStateMachine::fold(log);
    if (!fold.isValid())
        qWarning("the state machine rejects the case: %s", qPrintable(fold.error));
    return fold.isValid() ? log : QList<cases::Event>();
}

void TestIntakeMaterials::screenshot(QWidget *widget, const QString &name)
{
    const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // widgets made while shown are laid out on the next turn of the event loop
    widget->grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name);
    // The whole scrolled column too, to see what lies below the fold.
    if (auto *scroll = widget->findChild<QScrollArea *>(); scroll && scroll->widget()) {
        QString full = name;
        full.replace(QStringLiteral(".png"), QStringLiteral("-full.png"));
        scroll->widget()->grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + full);
    }
}

// The company registered at this window earlier: its 营业执照 (numbered with
// its credit code) was produced and is valid until `validUntil`.
void TestIntakeMaterials::registerCompany(const QDate &validUntil, QString *registration)
{
    driver().identifyOrganisation();
    QVERIFY(driver().choose(QStringLiteral("SCJG-XK-004"), QStringLiteral("SCJG-XK-004")));
    driver().tickMaterials();
    const QStringList problems = driver().fillForm();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    *registration = m_page->lastCaseId();
    QVERIFY2(!registration->isEmpty(),
             qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    cases::Actor actor;
    actor.userId = m_session.user.user.id;
    // Approved at the county (the case went to the department on acceptance).
    for (const auto &[type, payload] :
         {std::pair {cases::EventType::Approved,
                     QJsonObject {{QStringLiteral("items"), QJsonArray {QStringLiteral("SCJG-XK-004")}}}},
          std::pair {cases::EventType::CertificateProduced,
                     QJsonObject {{QStringLiteral("certificateId"), core::Uuid::createV7String()},
                                  {QStringLiteral("certificateType"), QStringLiteral("business-licence")},
                                  {QStringLiteral("number"), uscc},
                                  {QStringLiteral("validUntil"), validUntil.toString(Qt::ISODate)}}}}) {
        const auto recorded
            = journal.record(cases::Event::make(*registration, type, actor, payload), cases::Role::Reviewer);
        QVERIFY2(recorded.isValid(), qPrintable(recorded.message));
    }
    QCOMPARE(storage::CaseRepository(m_db).findById(*registration)->state,
             QStringLiteral("certificate-ready"));
}

void TestIntakeMaterials::sharedLicenceStandsIn()
{
    // Earlier at this window the company was registered; its business licence was produced.
    QString registration;
    registerCompany(QDate::currentDate().addYears(30), &registration);
    if (QTest::currentTestFailed())
        return;

    // Now the restaurant bundle: the licence stands in for the 营业执照 the food licence asks for.
    identifyKnownCompany();
    QVERIFY2(child<QLabel>(QStringLiteral("heldLicencesLabel"))->text().contains(uscc),
             qPrintable(child<QLabel>(QStringLiteral("heldLicencesLabel"))->text()));
    QVERIFY(driver().choose(QStringLiteral("开办餐馆"), QStringLiteral("YJS-001")));
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    QTreeWidgetItem *licence = materialRow(tree, QStringLiteral("M-BL"));
    QVERIFY(licence);
    QCOMPARE(licence->checkState(0), Qt::Checked);
    const QString mark = licence->text(providedColumn);
    QVERIFY2(mark.contains(QStringLiteral("营业执照")) && mark.contains(uscc), qPrintable(mark));
    // Nothing else was ticked for the clerk.
    QTreeWidgetItem *layout = materialRow(tree, QStringLiteral("M-LAYOUT"));
    QCOMPARE(layout->checkState(0), Qt::Unchecked);
    QVERIFY(layout->text(providedColumn).isEmpty());

    // The clerk ticks what was handed in on paper; no file and no paper for the licence.
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i) != licence)
            tree->topLevelItem(i)->setCheckState(0, Qt::Checked);
    }
    const QStringList formProblems = driver().fillForm();
    QVERIFY2(formProblems.isEmpty(), qPrintable(formProblems.join(QLatin1Char('\n'))));
    screenshot(m_page.get(), QStringLiteral("intake-shared-licence.png"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    QVERIFY2(m_page->lastCaseId() != registration,
             qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));

    const QList<cases::Event> log = events(m_page->lastCaseId());
    QCOMPARE(log.size(), 3); // created, accepted, routed
    QCOMPARE(log.at(1).type, cases::EventType::Accepted);
    const QJsonArray provided = log.at(1).payload.value(QStringLiteral("materialsProvided")).toArray();
    QCOMPARE(provided.size(), 1);
    const QJsonObject entry = provided.at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("code")).toString(), QStringLiteral("M-BL"));
    const QJsonObject shared = entry.value(QStringLiteral("sharedLicence")).toObject();
    QCOMPARE(shared.value(QStringLiteral("type")).toString(), QStringLiteral("business-licence"));
    QCOMPARE(shared.value(QStringLiteral("number")).toString(), uscc);
    QVERIFY(!log.at(1).payload.contains(QStringLiteral("attachments")));
    QCOMPARE(storedAttachments(), 0);
    // The acceptance notice says how the licence was provided.
    const QString text = ow::test::pdfText(m_page->lastNoticeFile());
    QVERIFY2(text.contains(ow::test::normalisedPdfText(QStringLiteral("shared licence No. ") + uscc))
                 || text.contains(ow::test::normalisedPdfText(QStringLiteral("共享证照"))),
             qPrintable(text));
}

void TestIntakeMaterials::identifyKnownCompany()
{
    // The company is known by now: its code brings back its name.
    child<QComboBox>(QStringLiteral("applicantKindComboBox"))->setCurrentIndex(1);
    typeText(child<QLineEdit>(QStringLiteral("idNumberLineEdit")), uscc);
    QCOMPARE(child<QLineEdit>(QStringLiteral("applicantNameLineEdit"))->text(),
             QStringLiteral("某某餐饮有限公司"));
    typeText(child<QLineEdit>(QStringLiteral("legalRepresentativeLineEdit")), ow::test::intake::personName);
}

void TestIntakeMaterials::expiredLicenceDoesNotStandIn()
{
    QString registration;
    registerCompany(QDate::currentDate().addDays(-1), &registration);
    if (QTest::currentTestFailed())
        return;
    identifyKnownCompany();
    QVERIFY(!child<QLabel>(QStringLiteral("heldLicencesLabel"))->text().contains(uscc));
    QVERIFY(driver().choose(QStringLiteral("开办餐馆"), QStringLiteral("YJS-001")));
    QTreeWidgetItem *licence
        = materialRow(child<QTreeWidget>(QStringLiteral("materialsTreeWidget")), QStringLiteral("M-BL"));
    QVERIFY(licence);
    QCOMPARE(licence->checkState(0), Qt::Unchecked);
    QVERIFY(licence->text(providedColumn).isEmpty());
}

void TestIntakeMaterials::attachmentFromFile()
{
    driver().identifyPerson();
    QVERIFY(driver().choose(QStringLiteral("临时救助"), QStringLiteral("MZ-JF-002")));
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
    QCOMPARE(tree->topLevelItem(0)->data(0, Qt::UserRole).toString(), QStringLiteral("M-TA-APP"));

    // Insert on the checklist attaches files to the current material.
    const QString photo = scan(QStringLiteral("application.jpg"));
    const QString proof = pdf(QStringLiteral("proof.pdf"), 2);
    m_chosenFiles = {photo, proof};
    QTest::keyClick(tree, Qt::Key_Insert);
    auto *list = child<QListWidget>(QStringLiteral("attachmentsListWidget"));
    QVERIFY2(list->count() == 2, qPrintable(child<QLabel>(QStringLiteral("attachmentStatusLabel"))->text()));
    QCOMPARE(storedAttachments(), 2);
    QFile photoFile(photo);
    QVERIFY(photoFile.open(QIODevice::ReadOnly));
    const QString photoHash = storage::AttachmentRepository::sha256Of(photoFile.readAll());
    QVERIFY(storage::AttachmentRepository(m_db).contains(photoHash));
    QVERIFY2(tree->topLevelItem(0)->text(providedColumn).contains(QLatin1Char('2')),
             qPrintable(tree->topLevelItem(0)->text(providedColumn)));
    QVERIFY(!list->item(0)->icon().isNull());

    // Enter previews; the preview is readable and closes with Escape.
    list->setFocus();
    list->setCurrentRow(1);
    QTest::keyClick(list, Qt::Key_Return);
    QDialog *preview = openPreview();
    QVERIFY(preview);
    auto *picture = preview->findChild<QLabel *>(QStringLiteral("attachmentPreviewLabel"));
    QVERIFY(!picture->pixmap().isNull());
    const QString info = preview->findChild<QLabel *>(QStringLiteral("attachmentPreviewInfoLabel"))->text();
    QVERIFY2(info.contains(QStringLiteral("proof.pdf")) && info.contains(QLatin1Char('2')), qPrintable(info));
    screenshot(preview, QStringLiteral("intake-attachment-preview.png"));
    QTest::keyClick(preview, Qt::Key_Escape);
    QTRY_VERIFY(!openPreview());

    // Delete removes the PDF from the material again.
    list->setCurrentRow(1);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("application.jpg"));

    driver().tickMaterials();
    const QStringList problems = driver().fillForm();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    tree->setCurrentItem(tree->topLevelItem(0));
    screenshot(m_page.get(), QStringLiteral("intake-attachments.png"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    QVERIFY2(!m_page->lastCaseId().isEmpty(),
             qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));

    const QList<cases::Event> log = events(m_page->lastCaseId());
    QCOMPARE(log.at(1).type, cases::EventType::Accepted);
    const QJsonArray cited = log.at(1).payload.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(cited.size(), 1);
    const QJsonObject file = cited.at(0).toObject();
    QCOMPARE(file.value(QStringLiteral("sha256")).toString(), photoHash);
    QCOMPARE(file.value(QStringLiteral("mediaType")).toString(), QStringLiteral("image/jpeg"));
    QCOMPARE(file.value(QStringLiteral("material")).toString(), QStringLiteral("M-TA-APP"));
    // Sync uploads it before the event that cites it.
    const auto upload = storage::AttachmentRepository(m_db).upload(photoHash);
    QVERIFY(upload);
    QCOMPARE(upload->state, storage::UploadState::Pending);
    // The page is clear for the next applicant.
    QCOMPARE(list->count(), 0);
}

void TestIntakeMaterials::refusedFiles()
{
    driver().identifyPerson();
    QVERIFY(driver().choose(QStringLiteral("临时救助"), QStringLiteral("MZ-JF-002")));
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    auto *list = child<QListWidget>(QStringLiteral("attachmentsListWidget"));
    auto *status = child<QLabel>(QStringLiteral("attachmentStatusLabel"));
    auto *add = child<QPushButton>(QStringLiteral("addAttachmentPushButton"));

    // Too large: refused before it is read.
    const QString huge = m_dir.filePath(QStringLiteral("huge.pdf"));
    {
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.7\n");
        QVERIFY(file.resize(storage::AttachmentRepository::MaxSize + 1));
    }
    m_chosenFiles = {huge};
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY2(status->text().contains(QStringLiteral("huge.pdf"))
                 && status->text().contains(QStringLiteral("20")),
             qPrintable(status->text()));
    QVERIFY(status->text().contains(QStringLiteral("✘")));

    // A text file named like an image is told by its content.
    const QString fake = m_dir.filePath(QStringLiteral("letter.png"));
    {
        QFile file(fake);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Dear clerk, this is not a picture.\n");
    }
    m_chosenFiles = {fake};
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY2(status->text().contains(QStringLiteral("letter.png"))
                 && status->text().contains(QStringLiteral("PDF")),
             qPrintable(status->text()));

    // A damaged image (the transfer broke off) would reach the department unreadable.
    const QString broken = m_dir.filePath(QStringLiteral("broken.png"));
    {
        QFile whole(scan(QStringLiteral("whole.png")));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(whole.read(40));
    }
    m_chosenFiles = {broken};
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY2(status->text().contains(QStringLiteral("broken.png")), qPrintable(status->text()));

    QCOMPARE(list->count(), 0);
    QCOMPARE(storedAttachments(), 0);
    QVERIFY(tree->topLevelItem(0)->text(providedColumn).isEmpty());
    screenshot(m_page.get(), QStringLiteral("intake-attachment-refused.png"));

    // A good file next to a bad one: the good one is kept, the bad one named.
    m_chosenFiles = {fake, scan(QStringLiteral("good.png"), QSize(300, 400))};
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QCOMPARE(storedAttachments(), 1);
    QVERIFY(status->text().contains(QStringLiteral("letter.png")));
}

void TestIntakeMaterials::draftKeepsChecklistAndFiles()
{
    driver().identifyPerson();
    QVERIFY(driver().choose(QStringLiteral("临时救助"), QStringLiteral("MZ-JF-002")));
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    const QString photo = scan(QStringLiteral("household.png"), QSize(600, 800));
    tree->setCurrentItem(tree->topLevelItem(2));
    m_chosenFiles = {photo};
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addAttachmentPushButton")), Qt::LeftButton);
    QCOMPARE(child<QListWidget>(QStringLiteral("attachmentsListWidget"))->count(), 1);
    tree->topLevelItem(0)->setCheckState(0, Qt::Checked);

    // The window is closed (or the workstation crashes): a new page finds everything again.
    m_page.reset();
    m_page = makePage();
    tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    QVERIFY(child<QLabel>(QStringLiteral("selectedItemLabel"))->text().contains(QStringLiteral("MZ-JF-002")));
    QCOMPARE(child<QLineEdit>(QStringLiteral("idNumberLineEdit"))->text(), personId);
    QCOMPARE(tree->topLevelItem(0)->checkState(0), Qt::Checked);
    QCOMPARE(tree->topLevelItem(1)->checkState(0), Qt::Unchecked);
    QVERIFY2(tree->topLevelItem(2)->text(providedColumn).contains(QLatin1Char('1')),
             qPrintable(tree->topLevelItem(2)->text(providedColumn)));
    tree->setCurrentItem(tree->topLevelItem(2));
    auto *list = child<QListWidget>(QStringLiteral("attachmentsListWidget"));
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("household.png"));

    // And the application goes on from there.
    driver().tickMaterials();
    const QStringList problems = driver().fillForm();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    QVERIFY2(!m_page->lastCaseId().isEmpty(),
             qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));
    const QList<cases::Event> log = events(m_page->lastCaseId());
    const QJsonArray cited = log.at(1).payload.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(cited.size(), 1);
    QCOMPARE(cited.at(0).toObject().value(QStringLiteral("material")).toString(), QStringLiteral("M-HH"));
    QVERIFY(!storage::SettingsRepository(m_db).contains(IntakePage::draftKey()));
}

QTEST_MAIN(TestIntakeMaterials)
#include "tst_intake_materials.moc"
