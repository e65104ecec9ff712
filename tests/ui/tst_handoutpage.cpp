// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The hand-out page (出件) as a clerk uses it, on the workstation's real
// encrypted store (key in the keyring): find a case by its number, the
// applicant's ID number or the QR code of the acceptance notice, see why a
// case is not ready, record a delivery and print the delivery receipt.

#include <ow/cases/casenumber.h>
#include <ow/cases/statemachine.h>
#include <ow/catalog/catalogloader.h>
#include <ow/core/localization.h>
#include <ow/core/uuid.h>
#include <ow/printing/notice.h>
#include <ow/printing/qrcode.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/recoverykey.h>
#include <ow/test/fixtures.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/handoutpage.h>
#include <ow/ui/intakenoticedialog.h>
#include <ow/ui/storeopener.h>

#include "../printing/pdftext.h"
#include "tst_intake_driver.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace ow;
using ow::test::intake::typeText;
using ow::ui::HandoutPage;

namespace {

const QString personId = QStringLiteral("11010519491231002X");
const QString personName = QStringLiteral("欧阳娜娜");
const QString otherId = QStringLiteral("440524198001010013");
const QString otherName = QStringLiteral("李建国");
const QString delegateId = QStringLiteral("110105198803150029");

// How far a case has gone before it comes to the hand-out window.
enum class Stage { UnderReview, Approved, CertificateReady, Denied };

struct MadeCase
{
    QString id;
    QString number;
};

} // namespace

class TestHandoutPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void findByCaseNumber();
    void findByIdNumber();
    void findByQrText();
    void notReadyCannotBeDelivered();
    void supplementIsReceivedAtTheWindow();
    void delegateNeedsValidId();
    void mailNeedsTrackingNumber();
    void inPersonDeliveryRecordsEventAndReceipt();
    void mailDeliveryToApprovedCase();

private:
    MadeCase makeCase(const QString &itemCode, Stage stage, const QString &idNumber = personId,
                      const QString &name = personName);
    bool record(const QString &caseId, cases::EventType type, cases::Role role,
                const QJsonObject &payload = {});
    QList<cases::Event> events(const QString &caseId) const;
    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    QTreeView *view() const { return child<QTreeView>(QStringLiteral("casesTreeView")); }
    QString message() const { return child<QLabel>(QStringLiteral("deliveryMessageLabel"))->text(); }
    QString cell(int row, int column) const { return view()->model()->index(row, column).data().toString(); }
    void screenshot(QWidget *widget, const QString &name) const;

    std::unique_ptr<test::TempDataDir> m_dir;
    std::unique_ptr<storage::Store> m_store;
    QSqlDatabase m_db;
    ui::Session m_session;
    catalog::Catalog m_catalog;
    std::unique_ptr<HandoutPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_serial = 0;
};

void TestHandoutPage::initTestCase()
{
    OW_REQUIRE_KEYRING();
    QStandardPaths::setTestModeEnabled(true);
    // The workstation's default language: the receipt is printed in Chinese.
    QVERIFY(core::Localization::install(QStringLiteral("zh_CN")));
    m_dir = std::make_unique<test::TempDataDir>();
    QVERIFY(m_dir->isValid());
    storage::RecoveryKeyPair pair;
    QString error;
    QVERIFY2(storage::generateRecoveryKeyPair(storage::RecoveryKeyType::Sm2, &pair, &error),
             qPrintable(error));
    const QString keyFile = m_dir->filePath(QStringLiteral("recovery.pub"));
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(pair.publicKeyPem) > 0);
    file.close();
    auto opened = ui::StoreOpener::openOrCreate(m_dir->filePath(QStringLiteral("workstation")), keyFile);
    QVERIFY2(opened.store, qPrintable(opened.error));
    m_store = std::move(opened.store);
    m_db = m_store->database();

    auto loaded = catalog::CatalogLoader::loadDemo();
    QVERIFY(loaded.isValid());
    m_catalog = *loaded.catalog;
    m_session.userName = QStringLiteral("zhangsan");
    m_session.user.deviceId = core::Uuid::createV7String();
    m_session.user.user.id = QStringLiteral("u-zhangsan");
    m_session.user.user.name = QStringLiteral("zhangsan");
    m_session.user.user.displayName = QStringLiteral("张三");
    m_session.user.user.roles = {cases::Role::Clerk};
    m_session.user.user.officeCode = QStringLiteral("330102");
    m_session.user.user.officeName = QStringLiteral("示范县政务服务中心");
}

void TestHandoutPage::init()
{
    HandoutPage::Options options;
    options.noticeDirectory = m_dir->filePath(QStringLiteral("notices"));
    m_page = std::make_unique<HandoutPage>(m_db, m_session, m_catalog, options);
    m_page->resize(1100, 760);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_tester = std::make_unique<QAbstractItemModelTester>(
        view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestHandoutPage::cleanup()
{
    m_tester.reset();
    m_page.reset();
}

void TestHandoutPage::cleanupTestCase()
{
    m_db = QSqlDatabase();
    m_store.reset();
}

bool TestHandoutPage::record(const QString &caseId, cases::EventType type, cases::Role role,
                             const QJsonObject &payload)
{
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    cases::Actor actor;
    actor.userId = role == cases::Role::Reviewer ? QStringLiteral("u-reviewer") : m_session.user.user.id;
    actor.role = role;
    const auto result = journal.record(cases::Event::make(caseId, type, actor, payload), role);
    if (!result.isValid())
        qWarning("%s not recorded: %s", qPrintable(cases::eventTypeName(type)), qPrintable(result.message));
    return result.isValid();
}

// A case made the way the window and the back office make it: each event
// appended through the case journal and checked by the state machine.
MadeCase TestHandoutPage::makeCase(const QString &itemCode, Stage stage, const QString &idNumber,
                                   const QString &name)
{
    const catalog::ServiceItem *item = m_catalog.item(itemCode);
    Q_ASSERT(item);
    MadeCase made;
    made.id = core::Uuid::createV7String();
    made.number = cases::CaseNumber::make(m_session.user.user.officeCode, QDate::currentDate(),
                                          QStringLiteral("H1"), ++m_serial)
                      ->toString();
    const QJsonObject created {
        {QStringLiteral("caseNumber"), made.number},
        {QStringLiteral("items"),
         QJsonArray {QJsonObject {
             {QStringLiteral("code"), item->code},
             {QStringLiteral("name"), item->name},
             {QStringLiteral("department"), item->department},
             {QStringLiteral("legalDays"), item->legalDays},
             {QStringLiteral("promisedDays"), item->promisedDays},
             {QStringLiteral("producesCertificate"), !item->outcome.certificateType.isEmpty()}}}},
        {QStringLiteral("applicant"),
         QJsonObject {{QStringLiteral("kind"), QStringLiteral("person")},
                      {QStringLiteral("idNumber"), idNumber},
                      {QStringLiteral("name"), name}}},
    };
    const auto clerk = cases::Role::Clerk;
    const auto reviewer = cases::Role::Reviewer;
    bool ok = record(made.id, cases::EventType::Created, clerk, created)
        && record(made.id, cases::EventType::Accepted, clerk,
                  {{QStringLiteral("promisedDays"), item->promisedDays}});
    storage::CaseJournal journal(m_db, {});
    const auto routing = journal.state(made.id).defaultRouting();
    ok = ok && routing && record(made.id, cases::EventType::Routed, clerk, routing->toJson());
    const QJsonObject items {{QStringLiteral("items"), QJsonArray {item->code}}};
    switch (stage) {
    case Stage::UnderReview:
        break;
    case Stage::Approved:
        ok = ok && record(made.id, cases::EventType::Approved, reviewer, items);
        break;
    case Stage::CertificateReady:
        ok = ok && record(made.id, cases::EventType::Approved, reviewer, items)
            && record(made.id, cases::EventType::CertificateProduced, reviewer,
                      {{QStringLiteral("certificateId"), core::Uuid::createV7String()}});
        break;
    case Stage::Denied:
        ok = ok
            && record(
                 made.id, cases::EventType::Denied, reviewer,
                 {{QStringLiteral("basis"), QStringLiteral("《食品经营许可和备案管理办法》第二十二条")}});
        break;
    }
    if (!ok)
        return {};
    return made;
}

QList<cases::Event> TestHandoutPage::events(const QString &caseId) const
{
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    return journal.events(caseId);
}

void TestHandoutPage::screenshot(QWidget *widget, const QString &name) const
{
    QCoreApplication::processEvents(); // let the layouts settle first
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty())
        widget->grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name);
}

void TestHandoutPage::findByCaseNumber()
{
    const MadeCase made = makeCase(QStringLiteral("SCJG-XK-001"), Stage::CertificateReady);
    QVERIFY(!made.id.isEmpty());
    auto *search = child<QLineEdit>(QStringLiteral("searchLineEdit"));
    search->setFocus();
    typeText(search, made.number);
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(view()->model()->rowCount(), 1);
    QCOMPARE(cell(0, 0), made.number);
    QCOMPARE(cell(0, 1), personName);
    QVERIFY(cell(0, 2).contains(QStringLiteral("食品经营许可")));
    QCOMPARE(view()->model()->index(0, 4).data(Qt::UserRole + 1).toBool(), true);
    QVERIFY(child<QGroupBox>(QStringLiteral("deliveryGroupBox"))->isEnabled());
    // What is handed out: the certificate the item produces.
    QVERIFY2(
        child<QLabel>(QStringLiteral("caseDetailLabel"))->text().contains(QStringLiteral("食品经营许可证")),
        qPrintable(child<QLabel>(QStringLiteral("caseDetailLabel"))->text()));

    // A mistyped number (wrong check character) says so and finds nothing.
    QString wrong = made.number;
    wrong[wrong.size() - 1] = wrong.back() == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    m_page->search(wrong);
    QCOMPARE(view()->model()->rowCount(), 0);
    QVERIFY(!child<QLabel>(QStringLiteral("searchMessageLabel"))->text().isEmpty());
}

void TestHandoutPage::findByIdNumber()
{
    const QString id = QStringLiteral("330102199001011234");
    const MadeCase ready = makeCase(QStringLiteral("SCJG-XK-001"), Stage::CertificateReady, id, otherName);
    const MadeCase reviewing = makeCase(QStringLiteral("MZ-JF-002"), Stage::UnderReview, id, otherName);
    QVERIFY(!ready.id.isEmpty() && !reviewing.id.isEmpty());
    m_page->search(id);
    QCOMPARE(view()->model()->rowCount(), 2);
    int reviewingRow = cell(0, 0) == reviewing.number ? 0 : 1;
    QCOMPARE(cell(reviewingRow, 0), reviewing.number);
    QCOMPARE(cell(1 - reviewingRow, 0), ready.number);
    QCOMPARE(view()->model()->index(reviewingRow, 4).data(Qt::UserRole + 1).toBool(), false);
    // Why not: where it is under review and when it is due.
    const QString why = cell(reviewingRow, 4);
    QVERIFY2(why.contains(QStringLiteral("示范县民政局")), qPrintable(why));
    const auto record = storage::CaseRepository(m_db).findByCaseNumber(reviewing.number);
    QVERIFY(record && record->deadline.isValid());
    QVERIFY2(why.contains(record->deadline.toString(Qt::ISODate)), qPrintable(why));
    // The ready case is chosen for delivery.
    QCOMPARE(view()->currentIndex().row(), 1 - reviewingRow);
    screenshot(m_page.get(), QStringLiteral("handout-search.png"));

    // An organisation is found by its unified social credit code, typed in lower case.
    const QString uscc = QStringLiteral("91350100M000100Y43");
    const MadeCase company = makeCase(QStringLiteral("SCJG-XK-001"), Stage::CertificateReady, uscc,
                                      QStringLiteral("某某餐饮有限公司"));
    QVERIFY(!company.id.isEmpty());
    m_page->search(uscc.toLower());
    QCOMPARE(view()->model()->rowCount(), 1);
    QCOMPARE(cell(0, 0), company.number);

    // A wrong ID number is refused with the reason.
    m_page->search(QStringLiteral("330102199001011235"));
    QCOMPARE(view()->model()->rowCount(), 0);
    QVERIFY(child<QLabel>(QStringLiteral("searchMessageLabel"))
                ->text()
                .contains(QStringLiteral("330102199001011235")));
}

void TestHandoutPage::findByQrText()
{
    const MadeCase made = makeCase(QStringLiteral("MZ-JF-002"), Stage::Approved);
    QVERIFY(!made.id.isEmpty());
    // The acceptance notice's QR code carries the case number; a scanner types
    // it (here in lower case, with a trailing line end) into the search field.
    QVERIFY(!printing::QrCode::encode(made.number).isNull());
    auto *search = child<QLineEdit>(QStringLiteral("searchLineEdit"));
    search->setFocus();
    typeText(search, made.number.toLower() + QStringLiteral(" "));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(view()->model()->rowCount(), 1);
    QCOMPARE(cell(0, 0), made.number);
    QCOMPARE(search->text(), made.number);
    // A longer text around it, e.g. a verification link, also finds it.
    m_page->search(QStringLiteral("https://zwfw.example.gov.cn/case?no=") + made.number);
    QCOMPARE(view()->model()->rowCount(), 1);
    QCOMPARE(cell(0, 0), made.number);
}

void TestHandoutPage::notReadyCannotBeDelivered()
{
    const MadeCase made = makeCase(QStringLiteral("MZ-JF-002"), Stage::UnderReview);
    QVERIFY(!made.id.isEmpty());
    m_page->search(made.number);
    QCOMPARE(view()->model()->rowCount(), 1);
    QVERIFY(!child<QGroupBox>(QStringLiteral("deliveryGroupBox"))->isEnabled());
    const qsizetype before = events(made.id).size();
    // The shortcut too is refused, with the reason.
    QTest::keyClick(view(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(events(made.id).size(), before);
    QVERIFY2(message().contains(made.number) && message().contains(QStringLiteral("示范县民政局")),
             qPrintable(message()));
    QVERIFY(m_page->lastReceiptFile().isEmpty());
}

// 补正收件: the materials a department asked for arrive at the window and the clock runs again.
void TestHandoutPage::supplementIsReceivedAtTheWindow()
{
    const MadeCase made = makeCase(QStringLiteral("MZ-JF-002"), Stage::UnderReview);
    QVERIFY(!made.id.isEmpty());
    QVERIFY(record(made.id, cases::EventType::SupplementRequested, cases::Role::Reviewer,
                   {{QStringLiteral("materials"), QJsonArray {QStringLiteral("家庭收入证明")}}}));
    m_page->search(made.number);
    auto *receive = child<QPushButton>(QStringLiteral("receiveSupplementPushButton"));
    QVERIFY(receive->isVisibleTo(m_page.get()));
    QVERIFY(!child<QGroupBox>(QStringLiteral("deliveryGroupBox"))->isEnabled());
    receive->click();
    const QList<cases::Event> log = events(made.id);
    QCOMPARE(log.constLast().type, cases::EventType::SupplementReceived);
    QCOMPARE(log.constLast().actor.role, cases::Role::Clerk);
    storage::CaseJournal journal(m_db, {});
    const cases::CaseState state = journal.state(made.id);
    QCOMPARE(state.status, cases::CaseStatus::UnderReview);
    QVERIFY(!state.isClockStopped());
    QVERIFY(!receive->isVisibleTo(m_page.get()));
}

void TestHandoutPage::delegateNeedsValidId()
{
    const MadeCase made = makeCase(QStringLiteral("SCJG-XK-001"), Stage::CertificateReady);
    QVERIFY(!made.id.isEmpty());
    m_page->search(made.number);
    const qsizetype before = events(made.id).size();
    QTest::mouseClick(child<QRadioButton>(QStringLiteral("delegateRadioButton")), Qt::LeftButton);
    typeText(child<QLineEdit>(QStringLiteral("delegateNameLineEdit")), QStringLiteral("李四"));
    auto *deliver = child<QPushButton>(QStringLiteral("deliverPushButton"));

    // No ID number at all.
    QTest::mouseClick(deliver, Qt::LeftButton);
    QCOMPARE(events(made.id).size(), before);
    QVERIFY(message().contains(QStringLiteral("✘")));
    // A wrong check digit.
    typeText(child<QLineEdit>(QStringLiteral("delegateIdLineEdit")), QStringLiteral("110105198803150021"));
    QTest::mouseClick(deliver, Qt::LeftButton);
    QCOMPARE(events(made.id).size(), before);
    QVERIFY(message().contains(QStringLiteral("✘")));
    QVERIFY(!message().contains(QStringLiteral("✔")));
    QVERIFY(child<QLineEdit>(QStringLiteral("delegateIdLineEdit"))->hasFocus());
    QCOMPARE(storage::CaseJournal(m_db, {}).state(made.id).status, cases::CaseStatus::CertificateReady);
    QVERIFY(m_page->lastReceiptFile().isEmpty());
    screenshot(m_page.get(), QStringLiteral("handout-delegate-refused.png"));

    // With the delegate's valid ID the delivery is recorded, with their name and ID.
    auto *idEdit = child<QLineEdit>(QStringLiteral("delegateIdLineEdit"));
    idEdit->clear();
    typeText(idEdit, delegateId);
    QTest::keyClick(idEdit, Qt::Key_Return, Qt::ControlModifier);
    const QList<cases::Event> log = events(made.id);
    QCOMPARE(log.size(), before + 1);
    QVERIFY2(message().contains(QStringLiteral("✔")), qPrintable(message()));
    const QJsonObject payload = log.constLast().payload;
    QCOMPARE(payload.value(QStringLiteral("method")).toString(), QStringLiteral("delegate"));
    QCOMPARE(
        payload.value(QStringLiteral("delegate")).toObject().value(QStringLiteral("idNumber")).toString(),
        delegateId);
    QCOMPARE(payload.value(QStringLiteral("delegate")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("李四"));
    const QString text = test::pdfText(m_page->lastReceiptFile());
    QVERIFY2(text.contains(delegateId), qPrintable(text));
}

void TestHandoutPage::mailNeedsTrackingNumber()
{
    const MadeCase made = makeCase(QStringLiteral("SCJG-XK-001"), Stage::Denied);
    QVERIFY(!made.id.isEmpty());
    m_page->search(made.number);
    QCOMPARE(view()->model()->index(0, 4).data(Qt::UserRole + 1).toBool(), true);
    const qsizetype before = events(made.id).size();
    QTest::mouseClick(child<QRadioButton>(QStringLiteral("mailRadioButton")), Qt::LeftButton);
    typeText(child<QLineEdit>(QStringLiteral("mailAddressLineEdit")),
             QStringLiteral("示范县城关街道人民路1号"));
    QVERIFY(!child<QComboBox>(QStringLiteral("mailCarrierComboBox"))->currentText().isEmpty());
    auto *tracking = child<QLineEdit>(QStringLiteral("trackingNumberLineEdit"));
    QTest::keyClick(tracking, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(events(made.id).size(), before);
    QVERIFY(message().contains(QStringLiteral("✘")));
    QVERIFY(tracking->hasFocus());
    // Not a waybill number either.
    typeText(tracking, QStringLiteral("#12"));
    QTest::keyClick(tracking, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(events(made.id).size(), before);
    QVERIFY(message().contains(QStringLiteral("#12")));
    QCOMPARE(storage::CaseJournal(m_db, {}).state(made.id).status, cases::CaseStatus::Denied);
    QVERIFY(m_page->lastReceiptFile().isEmpty());
}

void TestHandoutPage::inPersonDeliveryRecordsEventAndReceipt()
{
    const MadeCase made = makeCase(QStringLiteral("SCJG-XK-001"), Stage::CertificateReady);
    QVERIFY(!made.id.isEmpty());
    QSignalSpy delivered(m_page.get(), &HandoutPage::delivered);
    m_page->search(made.number);
    QVERIFY(child<QRadioButton>(QStringLiteral("inPersonRadioButton"))->isChecked());
    QTest::keyClick(view(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(delivered.size(), 1);

    // Read back from the store: a `delivered` event by the signed-in clerk, sealed into the device's chain.
    storage::CaseJournal journal(m_db, {});
    const QList<cases::Event> log = events(made.id);
    QVERIFY(!log.isEmpty());
    const cases::Event &event = log.constLast();
    QCOMPARE(event.type, cases::EventType::Delivered);
    QCOMPARE(event.actor.userId, m_session.user.user.id);
    QCOMPARE(event.actor.deviceId, m_session.user.deviceId);
    QCOMPARE(event.actor.role, cases::Role::Clerk);
    QCOMPARE(event.payload.value(QStringLiteral("method")).toString(), QStringLiteral("in-person"));
    QCOMPARE(event.payload.value(QStringLiteral("documents")).toArray().at(0).toString(),
             QStringLiteral("食品经营许可证"));
    QVERIFY(event.hasValidHash());
    QCOMPARE(journal.state(made.id).status, cases::CaseStatus::Delivered);
    QVERIFY(journal.verifyDeviceChain(m_session.user.deviceId).isValid());
    QVERIFY(cases::CaseStateMachine::fold(log).isValid());
    // The list shows it handed out, and a second delivery is refused.
    QCOMPARE(view()->model()->index(0, 4).data(Qt::UserRole + 1).toBool(), false);
    QVERIFY(!child<QGroupBox>(QStringLiteral("deliveryGroupBox"))->isEnabled());

    // The delivery receipt (送达回证) as a PDF, previewed with its watermark.
    const QString pdf = m_page->lastReceiptFile();
    QVERIFY(QFileInfo(pdf).isFile());
    const QString text = test::pdfText(pdf);
    QVERIFY2(text.contains(QStringLiteral("送达回证")), qPrintable(text));
    QVERIFY(text.contains(made.number));
    QVERIFY(text.contains(personName));
    QVERIFY(text.contains(
        test::normalisedPdfText(printing::Notice::deliveryMethodName(printing::DeliveryMethod::InPerson))));
    QVERIFY(text.contains(QStringLiteral("张三")));
    QVERIFY(m_page->receiptDialog());
    QVERIFY(m_page->receiptDialog()->isVisible());
    QCOMPARE(m_page->receiptDialog()->pdfFile(), pdf);
    screenshot(m_page.get(), QStringLiteral("handout-delivered.png"));
    screenshot(m_page->receiptDialog(), QStringLiteral("handout-receipt-preview.png"));
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty())
        QFile::copy(pdf, QString::fromLocal8Bit(dir) + QStringLiteral("/handout-receipt.pdf"));
}

void TestHandoutPage::mailDeliveryToApprovedCase()
{
    // Approved, and the item produces no certificate: the decision itself is served.
    const MadeCase made = makeCase(QStringLiteral("MZ-JF-002"), Stage::Approved, otherId, otherName);
    QVERIFY(!made.id.isEmpty());
    m_page->search(otherId);
    QCOMPARE(view()->model()->rowCount(), 1);
    QTest::mouseClick(child<QRadioButton>(QStringLiteral("mailRadioButton")), Qt::LeftButton);
    typeText(child<QLineEdit>(QStringLiteral("mailAddressLineEdit")),
             QStringLiteral("示范县城关街道人民路1号"));
    const qsizetype before = events(made.id).size();
    // Enter on the last field delivers.
    auto *tracking = child<QLineEdit>(QStringLiteral("trackingNumberLineEdit"));
    typeText(tracking, QStringLiteral("1151234567890"));
    QTest::keyClick(tracking, Qt::Key_Return);
    QCOMPARE(events(made.id).size(), before + 1);
    const cases::Event event = events(made.id).constLast();
    QCOMPARE(event.type, cases::EventType::Delivered);
    QCOMPARE(event.payload.value(QStringLiteral("method")).toString(), QStringLiteral("mail"));
    const QJsonObject mail = event.payload.value(QStringLiteral("mail")).toObject();
    QCOMPARE(mail.value(QStringLiteral("trackingNumber")).toString(), QStringLiteral("1151234567890"));
    QVERIFY(!mail.value(QStringLiteral("carrier")).toString().isEmpty());
    QCOMPARE(mail.value(QStringLiteral("address")).toString(), QStringLiteral("示范县城关街道人民路1号"));
    const QString text = test::pdfText(m_page->lastReceiptFile());
    QVERIFY2(text.contains(QStringLiteral("1151234567890")), qPrintable(text));
    QVERIFY(text.contains(made.number));
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty())
        QFile::copy(m_page->lastReceiptFile(),
                    QString::fromLocal8Bit(dir) + QStringLiteral("/handout-receipt-mail.pdf"));
}

QTEST_MAIN(TestHandoutPage)
#include "tst_handoutpage.moc"
