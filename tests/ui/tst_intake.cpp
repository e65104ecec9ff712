// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The intake page as a clerk uses it, on a real encrypted store: identify
// the applicant, choose an item or a bundle, tick the materials, fill the
// form, then accept, issue a one-time notice or refuse, and read the notice.

#include <ow/cases/statemachine.h>
#include <ow/catalog/catalogloader.h>
#include <ow/catalog/mergedapplication.h>
#include <ow/core/idcardnumber.h>
#include <ow/core/uuid.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/storage/settingsrepository.h>
#include <ow/ui/intakeformwidget.h>
#include <ow/ui/intakeidcardreader.h>
#include <ow/ui/intakenoticedialog.h>
#include <ow/ui/intakepage.h>

#include "../printing/pdftext.h"
#include "tst_intake_driver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace ow;
using ow::test::intake::personId;
using ow::test::intake::personName;
using ow::test::intake::typeText;
using ow::test::intake::uscc;
using ow::ui::IntakePage;

namespace {

// Stands in for a vendor's ID card reader driver.
class FakeIdCardReader : public ui::IdCardReader
{
public:
    using IdCardReader::IdCardReader;
    QString name() const override { return QStringLiteral("fake reader"); }
    bool isAvailable() const override { return true; }
    void read() override
    {
        if (card.idNumber.isEmpty())
            emit readFailed(QStringLiteral("no card on the reader"));
        else
            emit cardRead(card);
    }
    ui::IdCardData card;
};

} // namespace

class TestIntake : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void searchByPinyinInitials();
    void favouritesPerWindow();
    void acceptedIntakeWithNotice();
    void bundleIntake();
    void missingMaterialsNotice();
    void refusalNeedsBasis();
    void invalidIdNumberAndDraft();
    void smartApproval();
    void idCardReader();

private:
    std::unique_ptr<IntakePage> makePage();
    template<typename T>
    T *child(const QString &name) const
    {
        return driver().child<T>(name);
    }
    test::intake::IntakeDriver driver() const { return test::intake::IntakeDriver(m_page.get()); }
    void identifyPerson(const QString &id = personId, const QString &name = personName)
    {
        driver().identifyPerson(id, name);
    }
    void identifyOrganisation() { driver().identifyOrganisation(); }
    void choose(const QString &query, const QString &code)
    {
        QVERIFY2(driver().choose(query, code), qPrintable(query + QStringLiteral(" did not offer ") + code));
    }
    void tickMaterials(int count = -1) { driver().tickMaterials(count); }
    void fillForm()
    {
        const QStringList problems = driver().fillForm();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
    QList<cases::Event> events(const QString &caseId) const;

    QTemporaryDir m_dir;
    QString m_connection;
    QSqlDatabase m_db;
    ui::Session m_session;
    catalog::Catalog m_catalog;
    std::unique_ptr<IntakePage> m_page;
    int m_run = 0;
};

void TestIntake::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto loaded = catalog::CatalogLoader::loadDemo();
    QVERIFY(loaded.isValid());
    m_catalog = *loaded.catalog;
    m_session = test::intake::clerkSession();
}

void TestIntake::init()
{
    // A fresh store per test: what one test records must not show in another.
    m_connection = QStringLiteral("intake-%1").arg(++m_run);
    QString message;
    m_db = test::intake::freshStore(m_dir.filePath(m_connection + QStringLiteral(".db")), m_connection, &message);
    QVERIFY2(m_db.isValid(), qPrintable(message));
    m_page = makePage();
}

void TestIntake::cleanup()
{
    m_page.reset();
    m_db = QSqlDatabase();
    storage::Database::close(m_connection);
}

std::unique_ptr<IntakePage> TestIntake::makePage()
{
    IntakePage::Options options;
    options.noticeDirectory = m_dir.filePath(QStringLiteral("notices"));
    auto page = std::make_unique<IntakePage>(m_db, m_session, m_catalog, options);
    page->resize(1200, 900);
    page->show();
    return page;
}

QList<cases::Event> TestIntake::events(const QString &caseId) const
{
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    const QList<cases::Event> log = journal.events(caseId);
    for (const cases::Event &event : log) {
        QString error;
        const auto parsed = cases::Event::fromJson(event.toJson(), &error);
        if (!parsed || !parsed->hasValidHash() || event.actor.userId != m_session.user.user.id
            || event.actor.deviceId != m_session.user.deviceId)
            qWarning("event %s would not be accepted: %s", qPrintable(event.id), qPrintable(error));
    }
    const auto fold = cases::CaseStateMachine::fold(log);
    if (!fold.isValid())
        qWarning("the state machine rejects the case: %s", qPrintable(fold.error));
    return fold.isValid() ? log : QList<cases::Event>();
}

void TestIntake::searchByPinyinInitials()
{
    typeText(child<QLineEdit>(QStringLiteral("itemSearchLineEdit")), QStringLiteral("spjy"));
    auto *results = child<QListWidget>(QStringLiteral("itemResultsListWidget"));
    QVERIFY(results->count() > 0);
    QVERIFY2(results->item(0)->text().contains(QStringLiteral("食品经营许可")),
             qPrintable(results->item(0)->text()));
}

// 常用事项: the window's favourites are offered while nothing is typed, one
// key press away; another window keeps its own.
void TestIntake::favouritesPerWindow()
{
    storage::SettingsRepository settings(m_db);
    QVERIFY(settings.setValue(QStringLiteral("queue.window"), QStringLiteral("03")));
    m_page = makePage();
    auto *results = child<QListWidget>(QStringLiteral("itemResultsListWidget"));
    auto *favourite = child<QPushButton>(QStringLiteral("favouriteButton"));
    QVERIFY(!favourite->isEnabled());
    choose(QStringLiteral("临时救助"), QStringLiteral("MZ-JF-002"));
    QVERIFY(favourite->isEnabled());
    favourite->click();
    QVERIFY2(favourite->text().contains(QStringLiteral("Remove")), qPrintable(favourite->text()));

    // A new page at window 03: the favourite is there before anything is typed.
    m_page = makePage();
    results = child<QListWidget>(QStringLiteral("itemResultsListWidget"));
    QVERIFY(results->isVisibleTo(m_page.get()));
    QCOMPARE(results->count(), 1);
    QVERIFY(results->item(0)->text().contains(QStringLiteral("临时救助")));
    QTest::keyClick(child<QLineEdit>(QStringLiteral("itemSearchLineEdit")), Qt::Key_Return);
    QVERIFY(child<QLabel>(QStringLiteral("selectedItemLabel"))->text().contains(QStringLiteral("MZ-JF-002")));

    // Window 04 has none.
    QVERIFY(settings.setValue(QStringLiteral("queue.window"), QStringLiteral("04")));
    m_page = makePage();
    QCOMPARE(child<QListWidget>(QStringLiteral("itemResultsListWidget"))->count(), 0);
}

void TestIntake::acceptedIntakeWithNotice()
{
    identifyPerson();
    choose(QStringLiteral("临时救助"), QStringLiteral("MZ-JF-002"));
    // Choosing moves on to the checklist; Space ticks the material in hand.
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
    QTest::keyClick(tree, Qt::Key_Space);
    QCOMPARE(tree->topLevelItem(0)->checkState(0), Qt::Checked);
    tickMaterials();
    fillForm();
    auto *onBehalf = child<QCheckBox>(QStringLiteral("onBehalfCheckBox"));
    onBehalf->setChecked(true);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);

    const QString number = m_page->lastCaseNumber();
    QVERIFY2(!number.isEmpty(), qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));
    const auto record = storage::CaseRepository(m_db).findByCaseNumber(number);
    QVERIFY(record);
    // Accepted and sent on to the department at once (前台受理、后台审批).
    QCOMPARE(record->state, QStringLiteral("under-review"));
    QCOMPARE(record->applicantName, personName);
    QCOMPARE(record->applicantIdNumber, personId);
    QVERIFY(record->deadline.isValid());

    const QList<cases::Event> log = events(record->id);
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(2).type, cases::EventType::Routed);
    QCOMPARE(log.at(0).type, cases::EventType::Created);
    QCOMPARE(log.at(0).actor.userId, QStringLiteral("u-zhangsan"));
    QCOMPARE(log.at(0).actor.role, cases::Role::Clerk);
    QCOMPARE(log.at(0).payload.value(QStringLiteral("onBehalf")).toBool(), true);
    const QJsonObject item = log.at(0).payload.value(QStringLiteral("items")).toArray().at(0).toObject();
    QCOMPARE(item.value(QStringLiteral("code")).toString(), QStringLiteral("MZ-JF-002"));
    QCOMPARE(item.value(QStringLiteral("department")).toString(), QStringLiteral("MZ"));
    QCOMPARE(log.at(1).type, cases::EventType::Accepted);

    const QString pdf = m_page->lastNoticeFile();
    QVERIFY(QFileInfo(pdf).isFile());
    const QString text = ow::test::pdfText(pdf);
    QVERIFY2(text.contains(number), qPrintable(text));
    QVERIFY(text.contains(personName));
    QVERIFY(m_page->noticeDialog());
    QVERIFY(m_page->noticeDialog()->isVisible());
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty())
        m_page->noticeDialog()->grab().save(QString::fromLocal8Bit(dir)
                                            + QStringLiteral("/intake-notice.png"));

    // The page is ready for the next applicant and the draft is gone.
    QVERIFY(child<QLineEdit>(QStringLiteral("idNumberLineEdit"))->text().isEmpty());
    QVERIFY(!storage::SettingsRepository(m_db).contains(IntakePage::draftKey()));

    // The applicant's history shows the case next time.
    identifyPerson();
    auto *history = child<QTreeWidget>(QStringLiteral("historyTreeWidget"));
    QCOMPARE(history->topLevelItem(0)->text(0), number);
}

void TestIntake::bundleIntake()
{
    identifyOrganisation();
    choose(QStringLiteral("开办餐馆"), QStringLiteral("YJS-001"));
    const catalog::MergedApplication *merged = m_catalog.mergedBundle(QStringLiteral("YJS-001"));
    QVERIFY(merged);
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    QCOMPARE(tree->topLevelItemCount(), int(merged->materials.size()));
    tickMaterials();
    fillForm();
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(50);
        m_page->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/intake-bundle.png"));
    }
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);

    QVERIFY2(!m_page->lastCaseId().isEmpty(),
             qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));
    QCOMPARE(storage::CaseRepository(m_db).count(), 1);
    const QList<cases::Event> log = events(m_page->lastCaseId());
    QCOMPARE(log.size(), 3);
    // The bundle goes to each item's department in parallel under the lead.
    QVERIFY(log.at(2).payload.value(QStringLiteral("tasks")).toArray().size() > 1);
    const QJsonObject created = log.at(0).payload;
    QCOMPARE(created.value(QStringLiteral("bundle")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("YJS-001"));
    QCOMPARE(created.value(QStringLiteral("items")).toArray().size(), 4);
    QCOMPARE(created.value(QStringLiteral("materialsReceived")).toArray().size(), merged->materials.size());
    QCOMPARE(created.value(QStringLiteral("applicant")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("organisation"));
    const auto record = storage::CaseRepository(m_db).findById(m_page->lastCaseId());
    QCOMPARE(record->department, QStringLiteral("SCJG"));
    QVERIFY(ow::test::pdfText(m_page->lastNoticeFile()).contains(m_page->lastCaseNumber()));
}

void TestIntake::missingMaterialsNotice()
{
    identifyPerson();
    choose(QStringLiteral("MZ-JF-002"), QStringLiteral("MZ-JF-002"));
    const catalog::ServiceItem *item = m_catalog.item(QStringLiteral("MZ-JF-002"));
    QStringList unticked;
    for (qsizetype i = 1; i < item->materials.size(); ++i) {
        if (item->materials.at(i).required)
            unticked.append(item->materials.at(i).name);
    }
    QVERIFY(!unticked.isEmpty());
    tickMaterials(1);
    // Accepting with required materials missing is refused and says which.
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    QVERIFY(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text().contains(unticked.constFirst()));
    QCOMPARE(storage::CaseRepository(m_db).count(), 0);

    QTest::mouseClick(child<QPushButton>(QStringLiteral("notifyMissingPushButton")), Qt::LeftButton);
    QVERIFY2(!m_page->lastCaseId().isEmpty(),
             qPrintable(child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text()));
    const auto record = storage::CaseRepository(m_db).findById(m_page->lastCaseId());
    QCOMPARE(record->state, QStringLiteral("awaiting-materials"));
    const QList<cases::Event> log = events(m_page->lastCaseId());
    QCOMPARE(log.at(1).type, cases::EventType::MissingMaterialsNotified);
    QCOMPARE(log.at(1).payload.value(QStringLiteral("materials")).toArray().size(), unticked.size());
    QVERIFY(
        log.at(1).payload.value(QStringLiteral("basis")).toString().contains(QStringLiteral("行政许可法")));
    const QString text = ow::test::pdfText(m_page->lastNoticeFile());
    for (const QString &name : std::as_const(unticked)) {
        QVERIFY2(text.contains(ow::test::normalisedPdfText(name)),
                 qPrintable(name + QStringLiteral(" not in: ") + text));
    }
}

void TestIntake::refusalNeedsBasis()
{
    identifyPerson();
    choose(QStringLiteral("MZ-JF-002"), QStringLiteral("MZ-JF-002"));
    typeText(child<QLineEdit>(QStringLiteral("refuseReasonLineEdit")),
             QStringLiteral("申请事项不属于本机关职权范围"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("refusePushButton")), Qt::LeftButton);
    QVERIFY(m_page->lastCaseId().isEmpty());
    QCOMPARE(storage::CaseRepository(m_db).count(), 0);
    QVERIFY(
        child<QLabel>(QStringLiteral("outcomeMessageLabel"))->text().contains(QStringLiteral("legal basis")));

    typeText(child<QLineEdit>(QStringLiteral("refuseBasisLineEdit")),
             QStringLiteral("《中华人民共和国行政许可法》第三十二条第一款第二项"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("refusePushButton")), Qt::LeftButton);
    QVERIFY(!m_page->lastCaseId().isEmpty());
    const auto record = storage::CaseRepository(m_db).findById(m_page->lastCaseId());
    QCOMPARE(record->state, QStringLiteral("refused"));
    const QString text = ow::test::pdfText(m_page->lastNoticeFile());
    QVERIFY2(text.contains(QStringLiteral("申请事项不属于本机关职权范围")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("第三十二条第一款第二项")));
}

void TestIntake::invalidIdNumberAndDraft()
{
    const QString wrong = QStringLiteral("110105194912310021");
    typeText(child<QLineEdit>(QStringLiteral("idNumberLineEdit")), wrong);
    const QString status = child<QLabel>(QStringLiteral("idStatusLabel"))->text();
    QVERIFY2(status.contains(core::IdCardNumber::parse(wrong).message().toHtmlEscaped()), qPrintable(status));
    QVERIFY(status.contains(QStringLiteral("✘")));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    QCOMPARE(storage::CaseRepository(m_db).count(), 0);

    child<QLineEdit>(QStringLiteral("idNumberLineEdit"))->clear();
    identifyPerson();
    choose(QStringLiteral("lsjz"), QStringLiteral("MZ-JF-002"));
    tickMaterials(1);
    auto *form = child<ui::IntakeFormWidget>(QStringLiteral("intakeFormWidget"));
    const QJsonObject typed = form->values();
    QVERIFY(!typed.isEmpty()); // prefilled from the applicant
    // A wrong phone number in the form is named at once.
    auto *phone = form->findChild<QLineEdit *>(QStringLiteral("formField_applicantPhone"));
    QVERIFY(phone);
    phone->clear();
    typeText(phone, QStringLiteral("12345"));
    auto *phoneError = form->findChild<QLabel *>(QStringLiteral("formError_applicantPhone"));
    QTRY_VERIFY(phoneError->isVisible());
    child<QCheckBox>(QStringLiteral("onBehalfCheckBox"))->setChecked(true);

    // The window closes (or the process dies): the page comes back as it was.
    m_page = makePage();
    QCOMPARE(child<QLineEdit>(QStringLiteral("idNumberLineEdit"))->text(), personId);
    QCOMPARE(child<QLineEdit>(QStringLiteral("applicantNameLineEdit"))->text(), personName);
    QVERIFY(child<QLabel>(QStringLiteral("selectedItemLabel"))->text().contains(QStringLiteral("MZ-JF-002")));
    auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
    QCOMPARE(tree->topLevelItem(0)->checkState(0), Qt::Checked);
    QCOMPARE(tree->topLevelItem(1)->checkState(0), Qt::Unchecked);
    auto *restoredForm = child<ui::IntakeFormWidget>(QStringLiteral("intakeFormWidget"));
    QCOMPARE(restoredForm->findChild<QLineEdit *>(QStringLiteral("formField_applicantPhone"))->text(),
             QStringLiteral("12345"));
    QVERIFY(child<QCheckBox>(QStringLiteral("onBehalfCheckBox"))->isChecked());
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(50); // widgets made while the page is shown appear on the next turn of the event loop
        m_page->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/intake-page.png"));
    }
}

void TestIntake::smartApproval()
{
    identifyPerson();
    choose(QStringLiteral("RS-GG-001"), QStringLiteral("RS-GG-001"));
    tickMaterials();
    fillForm();
    auto *trace = child<QLabel>(QStringLiteral("smartApprovalLabel"));
    QVERIFY(trace->isVisible());
    QVERIFY2(trace->text().contains(QStringLiteral("✔")), qPrintable(trace->text()));
    QVERIFY2(!trace->text().contains(QStringLiteral("✘")), qPrintable(trace->text()));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("acceptPushButton")), Qt::LeftButton);
    QVERIFY(!m_page->lastCaseId().isEmpty());
    const auto record = storage::CaseRepository(m_db).findById(m_page->lastCaseId());
    QCOMPARE(record->state, QStringLiteral("approved"));
    const QList<cases::Event> log = events(m_page->lastCaseId());
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(2).type, cases::EventType::Approved);
    QCOMPARE(
        log.at(2).payload.value(QStringLiteral("smartApproval")).toObject().value(QStringLiteral("outcome")),
        QStringLiteral("approve"));

    // Once its certificate is produced, the applicant holds the licence: the page shows it next time.
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    cases::Actor actor;
    actor.userId = m_session.user.user.id;
    const auto produced = journal.record(
        cases::Event::make(m_page->lastCaseId(), cases::EventType::CertificateProduced, actor,
                           QJsonObject {{QStringLiteral("certificateId"), core::Uuid::createV7String()}}),
        cases::Role::Clerk);
    QVERIFY2(produced.isValid(), qPrintable(produced.message));
    identifyPerson();
    auto *licences = child<QLabel>(QStringLiteral("heldLicencesLabel"));
    QVERIFY2(licences->text().contains(QStringLiteral("就业创业证")), qPrintable(licences->text()));
}

void TestIntake::idCardReader()
{
    FakeIdCardReader reader;
    m_page->setIdCardReader(&reader);
    auto *button = child<QPushButton>(QStringLiteral("readCardPushButton"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(child<QLabel>(QStringLiteral("idStatusLabel"))->text().contains(QStringLiteral("no card")));
    reader.card = {personId, personName, QStringLiteral("北京市东城区某某胡同1号"), QDate()};
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(QStringLiteral("idNumberLineEdit"))->text(), personId);
    QCOMPARE(child<QLineEdit>(QStringLiteral("applicantNameLineEdit"))->text(), personName);
    QVERIFY(child<QLabel>(QStringLiteral("idStatusLabel"))->text().contains(QStringLiteral("✔")));
}

QTEST_MAIN(TestIntake)
#include "tst_intake.moc"
