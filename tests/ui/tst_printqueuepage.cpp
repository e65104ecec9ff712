// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The print page (打证) as a clerk uses it, on a real encrypted store:
// certificates approved for the office wait in its queue; printed to PDF,
// a certificate shows its holder and number and carries a QR code that
// verifies; every print is a `printed` event; reprints need a reason, used
// stock serials are refused, a batch stops when cancelled, a printer's
// calibration moves what it prints, and the verification dialog tells a
// genuine code from a changed one.

#include <ow/cases/casenumber.h>
#include <ow/cases/timelimitclock.h>
#include <ow/catalog/catalogloader.h>
#include <ow/core/localization.h>
#include <ow/core/uuid.h>
#include <ow/printing/certificatecode.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/certificaterepository.h>
#include <ow/storage/settingsrepository.h>
#include <ow/storage/stockrepository.h>
#include <ow/ui/calibrationdialog.h>
#include <ow/ui/certificateprintjob.h>
#include <ow/ui/printdialog.h>
#include <ow/ui/printqueuepage.h>
#include <ow/ui/toolspage.h>
#include <ow/ui/tr.h>
#include <ow/ui/verifycertificatedialog.h>

#include "../printing/pdftext.h"
#include "backofficebed.h"
#include "tst_intake_driver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPrinter>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>

#include <climits>

using namespace ow;
using ow::test::intake::typeText;
using ow::ui::PrintQueuePage;

namespace {

const QString office = QStringLiteral("330102");
const QString authority = QStringLiteral("demo-centre-2026");

QImage pageImage(const QString &pdf, int dpi)
{
    const QString prefix = pdf.chopped(4) + QStringLiteral("-page");
    QProcess process;
    process.start(QStringLiteral("pdftoppm"),
                  {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-png"),
                   QStringLiteral("-singlefile"), pdf, prefix});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QImage(prefix + QStringLiteral(".png"));
}

// What a QR scanner reads from the printed page.
QString scan(const QString &pdf)
{
    if (pageImage(pdf, 200).isNull())
        return {};
    QProcess process;
    process.start(
        QStringLiteral("zbarimg"),
        {QStringLiteral("--raw"), QStringLiteral("-q"), pdf.chopped(4) + QStringLiteral("-page.png")});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

// The smallest rectangle holding every dark pixel (what ink there is).
QRect inkBounds(const QImage &source)
{
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(line[x]) < 128) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

struct Made
{
    QString caseId;
    QString certificateId;
    QString number;
    QString holder;
};

} // namespace

class TestPrintQueuePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void printsToPdfAndRecordsTheEvent();
    void keyboardPrintsFromTheList();
    void unsignedCertificateWaits();
    void reprintNeedsReason();
    void usedStockSerialIsRefused();
    void batchStopsWhenCancelled();
    void previewIsWatermarked();
    void calibrationIsStoredAndApplied();
    void verifyDialogTellsGenuineFromForged();
    void toolsReachTheCertificateTools();

private:
    Made makeCertificate(const QString &holder, bool sign = true);
    QList<cases::Event> events(const QString &caseId) const;
    ui::PrintRequest pdfRequest(const QString &directory) const;
    void screenshot(QWidget *widget, const QString &name) const;
    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }

    test::backoffice::Bed m_bed;
    catalog::Catalog m_catalog;
    printing::AuthorityKey m_key;
    printing::AuthorityPublicKeys m_keys;
    ui::Session m_session;
    std::unique_ptr<PrintQueuePage> m_page;
    qint64 m_serial = 0;
    int m_connection = 0;
};

void TestPrintQueuePage::initTestCase()
{
    for (const char *tool : {"pdftoppm", "pdftotext", "zbarimg"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (scripts/setup-deps.sh)")
                                 .arg(QString::fromLatin1(tool))));
    }
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(core::Localization::install(QStringLiteral("zh_CN")));
    m_key = printing::AuthorityKey::generate();
    QVERIFY(!m_key.isNull());
    m_keys.insert(authority, m_key.publicPem());

    // The demo catalogue, its authority's key being the one that signs here.
    auto demo = catalog::CatalogLoader::loadDemo();
    QVERIFY(demo.isValid());
    QJsonObject document = QJsonDocument::fromJson(demo.catalog->document()).object();
    QJsonArray keys = document.value(QStringLiteral("authorityKeys")).toArray();
    QVERIFY(!keys.isEmpty());
    QJsonObject first = keys.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), authority);
    first.insert(QStringLiteral("publicKey"), QString::fromLatin1(m_key.publicPem()));
    keys.replace(0, first);
    document.insert(QStringLiteral("authorityKeys"), keys);
    auto loaded = catalog::CatalogLoader::load(QJsonDocument(document).toJson());
    QVERIFY2(loaded.isValid(), qPrintable(QString::number(loaded.problems.size())));
    m_catalog = *loaded.catalog;

    m_session.userName = QStringLiteral("zhangsan");
    m_session.user.deviceId = core::Uuid::createV7String();
    m_session.user.user.id = QStringLiteral("u-zhangsan");
    m_session.user.user.name = QStringLiteral("zhangsan");
    m_session.user.user.displayName = QStringLiteral("张三");
    m_session.user.user.roles = {cases::Role::Clerk};
    m_session.user.user.officeCode = office;
    m_session.user.user.officeName = QStringLiteral("示范县政务服务中心");
    QDir().mkpath(QStringLiteral("/tmp/printui"));
}

void TestPrintQueuePage::init()
{
    m_bed.open(QStringLiteral("printqueue-%1").arg(++m_connection));
    if (QTest::currentTestFailed())
        return;
    m_page = std::make_unique<PrintQueuePage>(
        m_bed.db(), m_session, m_catalog, PrintQueuePage::Options {m_bed.filePath(QStringLiteral("pdf"))});
    m_page->resize(1180, 640);
}

void TestPrintQueuePage::cleanup()
{
    m_page.reset();
    m_bed.close();
}

// A certificate as the back office produces it (reviewdecisions.cpp): a
// food business licence case accepted at the office, approved, its
// certificate record produced; signed as the central server signs it.
Made TestPrintQueuePage::makeCertificate(const QString &holder, bool sign)
{
    const catalog::ServiceItem *item = m_catalog.item(QStringLiteral("SCJG-XK-001"));
    Q_ASSERT(item);
    Made made;
    made.caseId = core::Uuid::createV7String();
    made.certificateId = core::Uuid::createV7String();
    made.holder = holder;
    const QDate today = cases::TimeLimitClock::localDate(QDateTime::currentDateTimeUtc());
    const QString caseNumber
        = cases::CaseNumber::make(office, today, QStringLiteral("P1"), ++m_serial)->toString();
    made.number = QStringLiteral("JY") + QString(caseNumber).remove(QLatin1Char('-'));
    const QJsonObject applicant {{QStringLiteral("kind"), QStringLiteral("person")},
                                 {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")},
                                 {QStringLiteral("name"), holder}};
    const QJsonObject form {{QStringLiteral("businessName"), QString(holder + QStringLiteral("小吃店"))},
                            {QStringLiteral("usccCode"), QStringLiteral("92330102MA2KX1234Q")},
                            {QStringLiteral("businessAddress"), QStringLiteral("示范县城关镇人民路88号1层")},
                            {QStringLiteral("foodCategory"), QStringLiteral("catering")},
                            {QStringLiteral("foodSafetyManager"), QStringLiteral("李明")},
                            {QStringLiteral("floorArea"), 45},
                            {QStringLiteral("applicantPhone"), QStringLiteral("13900001111")}};
    const QJsonObject created {
        {QStringLiteral("caseNumber"), caseNumber},
        {QStringLiteral("items"),
         QJsonArray {QJsonObject {{QStringLiteral("code"), item->code},
                                  {QStringLiteral("name"), item->name},
                                  {QStringLiteral("department"), item->department},
                                  {QStringLiteral("legalDays"), item->legalDays},
                                  {QStringLiteral("promisedDays"), item->promisedDays},
                                  {QStringLiteral("producesCertificate"), true}}}},
        {QStringLiteral("applicant"), applicant},
        {QStringLiteral("form"), form},
    };
    storage::CaseJournal journal(m_bed.db(), {m_session.user.deviceId, office});
    journal.setCalendar(m_bed.calendar());
    const auto record = [&](cases::EventType type, cases::Role role, const QJsonObject &payload) {
        cases::Actor actor;
        actor.userId = role == cases::Role::Reviewer ? QStringLiteral("u-reviewer") : m_session.user.user.id;
        actor.role = role;
        const auto result = journal.record(cases::Event::make(made.caseId, type, actor, payload), role);
        if (!result.isValid())
            qWarning("%s not recorded: %s", qPrintable(cases::eventTypeName(type)),
                     qPrintable(result.message));
        return result.isValid();
    };
    bool ok = record(cases::EventType::Created, cases::Role::Clerk, created)
        && record(cases::EventType::Accepted, cases::Role::Clerk, {});
    const auto routing = journal.state(made.caseId).defaultRouting();
    ok = ok && routing && record(cases::EventType::Routed, cases::Role::Clerk, routing->toJson())
        && record(cases::EventType::Approved, cases::Role::Reviewer,
                  {{QStringLiteral("items"), QJsonArray {item->code}}});
    const QJsonObject certificate {
        {QStringLiteral("certificateId"), made.certificateId},
        {QStringLiteral("number"), made.number},
        {QStringLiteral("itemCode"), item->code},
        {QStringLiteral("itemName"), item->name},
        {QStringLiteral("certificateType"), item->outcome.certificateType},
        {QStringLiteral("name"), QStringLiteral("食品经营许可证")},
        {QStringLiteral("templateId"), item->outcome.templateId},
        {QStringLiteral("holder"), applicant},
        {QStringLiteral("issuedBy"), item->department},
        {QStringLiteral("issuedAt"), today.toString(Qt::ISODate)},
        {QStringLiteral("validUntil"), today.addYears(5).addDays(-1).toString(Qt::ISODate)},
        {QStringLiteral("fields"), form},
        {QStringLiteral("printOffice"), office},
    };
    ok = ok && record(cases::EventType::CertificateProduced, cases::Role::Reviewer, certificate);
    if (!ok)
        return {};
    if (sign) {
        // What the central server does when it accepts the record.
        printing::CertificateKeyFields key;
        key.certificateId = made.certificateId;
        key.certificateNumber = made.number;
        key.holderName = holder;
        key.holderId = applicant.value(QStringLiteral("idNumber")).toString();
        key.validFrom = today;
        key.validUntil = today.addYears(5).addDays(-1);
        key.authority = authority;
        key.issuedOn = today;
        QString error;
        const QString code = printing::CertificateCode::sign(key, m_key, &error);
        storage::CertificateRepository certificates(m_bed.db());
        if (code.isEmpty() || !certificates.setVerificationCode(made.certificateId, code)) {
            qWarning("not signed: %s %s", qPrintable(error), qPrintable(certificates.lastError()));
            return {};
        }
    }
    return made;
}

QList<cases::Event> TestPrintQueuePage::events(const QString &caseId) const
{
    storage::CaseJournal journal(m_bed.db(), {m_session.user.deviceId, office});
    return journal.events(caseId);
}

ui::PrintRequest TestPrintQueuePage::pdfRequest(const QString &directory) const
{
    ui::PrintRequest request;
    request.target.pdfDirectory = directory;
    return request;
}

void TestPrintQueuePage::screenshot(QWidget *widget, const QString &name) const
{
    QCoreApplication::processEvents();
    widget->grab().save(QStringLiteral("/tmp/printui/") + name);
    if (const QByteArray dir = qgetenv("OW_SCREENSHOT_DIR"); !dir.isEmpty())
        widget->grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name);
}

void TestPrintQueuePage::printsToPdfAndRecordsTheEvent()
{
    const Made made = makeCertificate(QStringLiteral("欧阳娜娜"));
    QVERIFY(!made.caseId.isEmpty());
    const Made other = makeCertificate(QStringLiteral("李建国"));
    QVERIFY(!other.caseId.isEmpty());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QCOMPARE(m_page->listedIds(), (QStringList {made.certificateId, other.certificateId}));

    // The clerk types the holder's name into the filter (which has the focus) and presses Enter.
    auto *filter = child<QLineEdit>(QStringLiteral("filterLineEdit"));
    QVERIFY(filter->hasFocus());
    typeText(filter, QStringLiteral("欧阳"));
    QTRY_COMPARE(m_page->listedIds(), QStringList {made.certificateId});
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(child<QTreeView>(QStringLiteral("queueTreeView"))->hasFocus());
    QCOMPARE(m_page->selectedIds(), QStringList {made.certificateId});
    screenshot(m_page.get(), QStringLiteral("printqueue-page.png"));

    // The print dialog: PDF files into a folder, on plain paper.
    storage::CertificateRepository certificates(m_bed.db());
    const QString directory = m_bed.filePath(QStringLiteral("out"));
    ui::PrintDialog dialog(m_bed.db(), m_session, m_catalog, {*certificates.find(made.certificateId)}, false,
                           m_page.get());
    QVERIFY(dialog.selectPrinter(ui::PrintTarget::pdfLogName()));
    dialog.setPdfDirectory(directory);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    screenshot(&dialog, QStringLiteral("print-dialog.png"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const ui::PrintRequest request = dialog.request();
    QVERIFY(request.target.isPdf());
    QVERIFY(!request.stock);

    QVERIFY2(m_page->printSelected(request), qPrintable(m_page->message()));
    const QString pdf
        = ui::CertificatePrintJob::pdfFileName(directory, *certificates.find(made.certificateId));
    QVERIFY2(QFileInfo(pdf).isFile(), qPrintable(pdf));
    const QString text = test::pdfText(pdf);
    QVERIFY2(text.contains(QStringLiteral("欧阳娜娜")), qPrintable(text));
    QVERIFY2(text.contains(made.number), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("示范县城关镇人民路88号1层")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("预览")), qPrintable(text));
    pageImage(pdf, 60).save(QStringLiteral("/tmp/printui/printed-certificate.png"));
    // The QR code on the page verifies with the authority's key and names this certificate.
    const QString code = scan(pdf);
    QVERIFY2(code.startsWith(QStringLiteral("OW1:")), qPrintable(code));
    const auto verified = printing::CertificateCode::verify(code, m_keys);
    QVERIFY2(verified.isGenuine(), qPrintable(verified.reason));
    QCOMPARE(verified.fields->certificateNumber, made.number);
    QCOMPARE(verified.fields->holderName, QStringLiteral("欧阳娜娜"));

    // The print log: who printed what where.
    const QList<cases::Event> log = events(made.caseId);
    QCOMPARE(log.constLast().type, cases::EventType::Printed);
    const QJsonObject payload = log.constLast().payload;
    QCOMPARE(payload.value(QStringLiteral("certificateId")).toString(), made.certificateId);
    QCOMPARE(payload.value(QStringLiteral("printer")).toString(), QStringLiteral("PDF"));
    QCOMPARE(payload.value(QStringLiteral("mode")).toString(), QStringLiteral("plain"));
    QCOMPARE(payload.value(QStringLiteral("reprint")).toBool(true), false);
    QCOMPARE(payload.value(QStringLiteral("spoiled")).toBool(true), false);
    QCOMPARE(log.constLast().actor.userId, m_session.user.user.id);
    QCOMPARE(log.constLast().actor.officeCode, office);

    // It left the queue; the other still waits.
    m_page->setFilterText(QString());
    QCOMPARE(m_page->listedIds(), QStringList {other.certificateId});
    QCOMPARE(certificates.find(made.certificateId)->printCount, 1);
    QVERIFY(m_page->message().contains(made.number));
    screenshot(m_page.get(), QStringLiteral("printqueue-after-print.png"));
}

void TestPrintQueuePage::keyboardPrintsFromTheList()
{
    const Made made = makeCertificate(QStringLiteral("欧阳娜娜"));
    QVERIFY(!made.caseId.isEmpty());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    auto *filter = child<QLineEdit>(QStringLiteral("filterLineEdit"));
    QVERIFY(filter->hasFocus());
    // Enter in the filter moves to the list, F5 there opens the print dialog.
    QTest::keyClick(filter, Qt::Key_Return);
    auto *view = child<QTreeView>(QStringLiteral("queueTreeView"));
    QVERIFY(view->hasFocus());
    const QString directory = m_bed.filePath(QStringLiteral("keyboard"));
    bool answered = false;
    QObject guard; // ends the timer with the test, should no dialog open
    QTimer::singleShot(100, &guard, [&] {
        ui::PrintDialog *dialog = m_page->findChild<ui::PrintDialog *>();
        if (!dialog)
            return;
        dialog->selectPrinter(ui::PrintTarget::pdfLogName());
        dialog->setPdfDirectory(directory);
        QTest::keyClick(dialog, Qt::Key_Return);
        answered = !dialog->isVisible();
        if (!answered)
            dialog->reject(); // never leave the test waiting on a modal dialog
    });
    QTest::keyClick(view, Qt::Key_F5);
    QVERIFY(answered);
    QVERIFY2(m_page->message().contains(made.number), qPrintable(m_page->message()));
    QCOMPARE(events(made.caseId).constLast().type, cases::EventType::Printed);
    QVERIFY(m_page->listedIds().isEmpty());
    QCOMPARE(QDir(directory).entryList({QStringLiteral("*.pdf")}).size(), 1);
    // Focus is back in the filter for the next applicant.
    QTRY_COMPARE(m_page->focusWidget(), filter);
}

void TestPrintQueuePage::unsignedCertificateWaits()
{
    const Made made = makeCertificate(QStringLiteral("王小明"), false);
    QVERIFY(!made.caseId.isEmpty());
    m_page->refresh();
    QCOMPARE(m_page->listedIds(), QStringList {made.certificateId});
    auto *view = child<QTreeView>(QStringLiteral("queueTreeView"));
    const QString state = view->model()->index(0, 5).data().toString();
    QCOMPARE(state, ui::Tr::tr("Awaiting signature"));
    m_page->select({made.certificateId});
    QVERIFY(!child<QPushButton>(QStringLiteral("printPushButton"))->isEnabled());
    const int before = int(events(made.caseId).size());
    QVERIFY(!m_page->printSelected(pdfRequest(m_bed.filePath(QStringLiteral("out")))));
    QVERIFY2(m_page->message().contains(made.number), qPrintable(m_page->message()));
    QCOMPARE(int(events(made.caseId).size()), before);
    QVERIFY(QDir(m_bed.filePath(QStringLiteral("out"))).isEmpty());

    QVERIFY(!makeCertificate(QStringLiteral("欧阳娜娜")).caseId.isEmpty());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->refresh();
    QCOMPARE(m_page->listedIds().size(), 2);
    screenshot(m_page.get(), QStringLiteral("printqueue-awaiting-signature.png"));
}

void TestPrintQueuePage::reprintNeedsReason()
{
    const Made made = makeCertificate(QStringLiteral("欧阳娜娜"));
    QVERIFY(!made.caseId.isEmpty());
    m_page->refresh();
    m_page->select({made.certificateId});
    QVERIFY2(m_page->printSelected(pdfRequest(m_bed.filePath(QStringLiteral("first")))),
             qPrintable(m_page->message()));
    QVERIFY(m_page->listedIds().isEmpty());

    // Printed certificates are listed for a reprint when asked for.
    child<QCheckBox>(QStringLiteral("includePrintedCheckBox"))->setChecked(true);
    QCOMPARE(m_page->listedIds(), QStringList {made.certificateId});
    m_page->select({made.certificateId});
    QVERIFY(child<QPushButton>(QStringLiteral("reprintPushButton"))->isEnabled());
    QVERIFY(!child<QPushButton>(QStringLiteral("printPushButton"))->isEnabled());
    const int before = int(events(made.caseId).size());

    // Printing it again as a first print is refused: it is a reprint.
    QVERIFY(!m_page->printSelected(pdfRequest(m_bed.filePath(QStringLiteral("again")))));
    QVERIFY2(m_page->message().contains(made.number), qPrintable(m_page->message()));

    // The reprint dialog will not go on without a reason.
    storage::CertificateRepository certificates(m_bed.db());
    ui::PrintDialog dialog(m_bed.db(), m_session, m_catalog, {*certificates.find(made.certificateId)}, true);
    dialog.selectPrinter(ui::PrintTarget::pdfLogName());
    dialog.setPdfDirectory(m_bed.filePath(QStringLiteral("again")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(
        dialog.message().contains(
            ui::Tr::tr("A reprint needs its reason (e.g. 原证污损): nothing was printed.").toHtmlEscaped()),
        qPrintable(dialog.message()));
    screenshot(&dialog, QStringLiteral("reprint-dialog-no-reason.png"));

    // Nor will the page.
    ui::PrintRequest request = pdfRequest(m_bed.filePath(QStringLiteral("again")));
    request.reprint = true;
    request.reason = QStringLiteral("   ");
    QVERIFY(!m_page->printSelected(request));
    QCOMPARE(int(events(made.caseId).size()), before);
    QVERIFY(!QFileInfo::exists(m_bed.filePath(QStringLiteral("again")))
            || QDir(m_bed.filePath(QStringLiteral("again"))).isEmpty());

    // With the reason it is printed and logged as a reprint.
    dialog.setReason(QStringLiteral("原证污损"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY2(m_page->printSelected(dialog.request()), qPrintable(m_page->message()));
    const cases::Event last = events(made.caseId).constLast();
    QCOMPARE(last.type, cases::EventType::Printed);
    QCOMPARE(last.payload.value(QStringLiteral("reprint")).toBool(), true);
    QCOMPARE(last.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("原证污损"));
    QCOMPARE(certificates.find(made.certificateId)->printCount, 2);
}

void TestPrintQueuePage::usedStockSerialIsRefused()
{
    const Made first = makeCertificate(QStringLiteral("欧阳娜娜"));
    const Made second = makeCertificate(QStringLiteral("李建国"));
    QVERIFY(!first.caseId.isEmpty() && !second.caseId.isEmpty());
    storage::StockRange range;
    range.rangeId = core::Uuid::createV7String();
    range.office = office;
    range.certificateType = QStringLiteral("food-business-licence");
    range.prefix = QStringLiteral("SC");
    range.first = 451;
    range.last = 470;
    range.width = 7;
    range.issuedAt = QDateTime::currentDateTimeUtc();
    storage::StockRepository stock(m_bed.db());
    QVERIFY2(stock.replaceFromServer(office, {range}, {QStringLiteral("SC0000452")}, {}),
             qPrintable(stock.lastError()));

    m_page->refresh();
    storage::CertificateRepository certificates(m_bed.db());
    ui::PrintDialog dialog(m_bed.db(), m_session, m_catalog, {*certificates.find(first.certificateId)},
                           false);
    dialog.selectPrinter(ui::PrintTarget::pdfLogName());
    dialog.setPdfDirectory(m_bed.filePath(QStringLiteral("stock")));
    dialog.setStock(true);
    // The next free sheet is suggested.
    QCOMPARE(dialog.request().firstSerial, QStringLiteral("SC0000451"));
    dialog.setFirstSerial(QStringLiteral("SC0000452"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    const QString used
        = storage::StockRepository::describe(storage::StockSerialProblem::Used, QStringLiteral("SC0000452"));
    QVERIFY2(dialog.message().contains(used.toHtmlEscaped()), qPrintable(dialog.message()));
    screenshot(&dialog, QStringLiteral("print-dialog-used-serial.png"));

    // The page refuses it too, and records nothing.
    ui::PrintRequest request = pdfRequest(m_bed.filePath(QStringLiteral("stock")));
    request.stock = true;
    request.firstSerial = QStringLiteral("SC0000452");
    m_page->select({first.certificateId, second.certificateId});
    const int before = int(events(first.caseId).size());
    QVERIFY(!m_page->printSelected(request));
    QVERIFY2(m_page->message().contains(used.toHtmlEscaped()), qPrintable(m_page->message()));
    QCOMPARE(int(events(first.caseId).size()), before);

    // From a free sheet both print; the second takes the next free one (SC0000452 is used).
    request.firstSerial = QStringLiteral("SC0000451");
    QVERIFY2(m_page->printSelected(request), qPrintable(m_page->message()));
    QCOMPARE(events(first.caseId).constLast().payload.value(QStringLiteral("stockSerial")).toString(),
             QStringLiteral("SC0000451"));
    QCOMPARE(events(first.caseId).constLast().payload.value(QStringLiteral("mode")).toString(),
             QStringLiteral("stock"));
    QCOMPARE(events(second.caseId).constLast().payload.value(QStringLiteral("stockSerial")).toString(),
             QStringLiteral("SC0000453"));
    QCOMPARE(stock.check(office, QStringLiteral("food-business-licence"), QStringLiteral("SC0000451")),
             storage::StockSerialProblem::Used);

    // A jammed sheet is voided and its serial cannot be used again.
    m_page->setIncludePrinted(true);
    m_page->select({second.certificateId});
    QVERIFY2(m_page->recordSpoiled(QStringLiteral("HP LaserJet M403"), QStringLiteral("SC0000454"),
                                   QStringLiteral("卡纸")),
             qPrintable(m_page->message()));
    const cases::Event spoiled = events(second.caseId).constLast();
    QCOMPARE(spoiled.payload.value(QStringLiteral("spoiled")).toBool(), true);
    QCOMPARE(spoiled.payload.value(QStringLiteral("stockSerial")).toString(), QStringLiteral("SC0000454"));
    QCOMPARE(certificates.find(second.certificateId)->printCount, 1);
    QVERIFY(stock.check(office, QStringLiteral("food-business-licence"), QStringLiteral("SC0000454"))
            != storage::StockSerialProblem::None);

    // The same from the button: the sheet's number, what happened, and a confirmation.
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->select({first.certificateId});
    bool confirmed = false;
    bool offeredFree = false;
    QObject guard; // ends the timers with the test, should no dialog open
    QTimer::singleShot(100, &guard, [&] {
        auto *dialog = m_page->findChild<QDialog *>(QStringLiteral("spoiledSheetDialog"));
        if (!dialog)
            return;
        dialog->findChild<QComboBox *>(QStringLiteral("spoiledPrinterComboBox"))
            ->setCurrentText(QStringLiteral("HP LaserJet M403"));
        auto *serial = dialog->findChild<QLineEdit *>(QStringLiteral("spoiledSerialLineEdit"));
        // The sheet offered is the one in the feeder: never a used or voided one.
        offeredFree = !serial->text().isEmpty()
            && stock.check(office, QStringLiteral("food-business-licence"), serial->text())
                == storage::StockSerialProblem::None;
        serial->selectAll();
        typeText(serial, QStringLiteral("SC0000455"));
        screenshot(dialog, QStringLiteral("spoiled-dialog.png"));
        QTimer::singleShot(100, &guard, [&] {
            auto *box = m_page->findChild<QMessageBox *>();
            if (!box)
                return;
            confirmed = box->text().contains(QStringLiteral("SC0000455"));
            box->button(QMessageBox::Yes)->click();
        });
        dialog->accept();
    });
    m_page->spoiled();
    QVERIFY(confirmed);
    QVERIFY(offeredFree);
    const cases::Event voided = events(first.caseId).constLast();
    QCOMPARE(voided.payload.value(QStringLiteral("spoiled")).toBool(), true);
    QCOMPARE(voided.payload.value(QStringLiteral("stockSerial")).toString(), QStringLiteral("SC0000455"));
    QCOMPARE(voided.payload.value(QStringLiteral("printer")).toString(), QStringLiteral("HP LaserJet M403"));
    QCOMPARE(voided.payload.value(QStringLiteral("reason")).toString(), ui::Tr::tr("Paper jam"));
}

void TestPrintQueuePage::batchStopsWhenCancelled()
{
    QStringList ids;
    for (const QString &holder : {QStringLiteral("赵一"), QStringLiteral("钱二"), QStringLiteral("孙三")}) {
        const Made made = makeCertificate(holder);
        QVERIFY(!made.caseId.isEmpty());
        ids.append(made.certificateId);
    }
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->refresh();
    m_page->select(ids);
    QCOMPARE(m_page->selectedIds(), ids);
    // The clerk presses 停止 as the first certificate comes out.
    int printed = 0;
    connect(m_page.get(), &PrintQueuePage::certificatePrinted, this, [&] {
        if (++printed == 1) {
            auto *progress = m_page->findChild<QProgressDialog *>();
            QVERIFY(progress);
            screenshot(progress, QStringLiteral("print-progress.png"));
            progress->cancel();
        }
    });
    QVERIFY(!m_page->printSelected(pdfRequest(m_bed.filePath(QStringLiteral("batch")))));
    QCOMPARE(printed, 1);
    QCOMPARE(m_page->listedIds(), ids.mid(1));
    QCOMPARE(QDir(m_bed.filePath(QStringLiteral("batch"))).entryList({QStringLiteral("*.pdf")}).size(), 1);
    QVERIFY2(m_page->message().contains(QStringLiteral("2")), qPrintable(m_page->message()));
}

void TestPrintQueuePage::previewIsWatermarked()
{
    const Made made = makeCertificate(QStringLiteral("欧阳娜娜"));
    QVERIFY(!made.caseId.isEmpty());
    storage::CertificateRepository certificates(m_bed.db());
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString file = m_bed.filePath(QStringLiteral("preview.pdf"));
    printer.setOutputFileName(file);
    ui::CertificatePrintJob job(m_bed.db(), m_session, m_catalog);
    QVERIFY2(job.paintPreview(&printer, {*certificates.find(made.certificateId)}, false),
             qPrintable(job.lastError()));
    const QString text = test::pdfText(file);
    // The watermark "预览 — 无效" runs across the page (pdftotext reads its tiles in pieces).
    QVERIFY2(text.contains(QStringLiteral("预览")) && text.contains(QStringLiteral("无效")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("欧阳娜娜")));
    // A preview is no print: nothing recorded, still in the queue.
    QCOMPARE(events(made.caseId).constLast().type, cases::EventType::CertificateProduced);
    QCOMPARE(certificates.find(made.certificateId)->printCount, 0);
    pageImage(file, 60).save(QStringLiteral("/tmp/printui/preview-page.png"));

    // Ctrl+P on the page opens the watermarked print preview.
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->refresh();
    m_page->select({made.certificateId});
    QTest::keyClick(child<QTreeView>(QStringLiteral("queueTreeView")), Qt::Key_P, Qt::ControlModifier);
    QDialog *preview = nullptr;
    QTRY_VERIFY((preview = m_page->findChild<QDialog *>(QStringLiteral("certificatePreviewDialog")))
                != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(preview));
    QTest::qWait(200);
    screenshot(preview, QStringLiteral("preview-dialog.png"));
    preview->close();
    QCOMPARE(events(made.caseId).constLast().type, cases::EventType::CertificateProduced);
}

void TestPrintQueuePage::calibrationIsStoredAndApplied()
{
    const Made made = makeCertificate(QStringLiteral("欧阳娜娜"));
    QVERIFY(!made.caseId.isEmpty());
    m_page->refresh();
    m_page->select({made.certificateId});
    const QString plainDir = m_bed.filePath(QStringLiteral("uncalibrated"));
    QVERIFY2(m_page->printSelected(pdfRequest(plainDir)), qPrintable(m_page->message()));

    // The calibration dialog: the measured correction for the PDF "printer".
    ui::CalibrationDialog dialog(m_bed.db());
    QVERIFY(dialog.selectPrinter(ui::PrintTarget::pdfLogName()));
    dialog.setSheetDirectory(m_bed.filePath(QStringLiteral("sheet")));
    QVERIFY2(dialog.printSheet(), qPrintable(dialog.message()));
    QVERIFY(test::pdfText(dialog.lastSheetFile()).contains(QStringLiteral("20")));
    printing::Calibration calibration;
    calibration.xOffsetMm = 6;
    calibration.yOffsetMm = 4;
    dialog.setCalibration(calibration);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *explanation = dialog.findChild<QLabel *>(QStringLiteral("explanationLabel"));
    QVERIFY(explanation->text().contains(QStringLiteral("26.0")));
    screenshot(&dialog, QStringLiteral("calibration-dialog.png"));
    QVERIFY2(dialog.save(), qPrintable(dialog.message()));
    const storage::SettingsRepository settings(m_bed.db());
    QVERIFY(settings.contains(QStringLiteral("printing.calibration.PDF")));
    const printing::Calibration stored
        = ui::CertificatePrintJob::calibration(m_bed.db(), QStringLiteral("PDF"));
    QCOMPARE(stored.xOffsetMm, 6.0);
    QCOMPARE(stored.yOffsetMm, 4.0);
    // A new dialog shows what is stored.
    ui::CalibrationDialog again(m_bed.db());
    again.selectPrinter(ui::PrintTarget::pdfLogName());
    QCOMPARE(again.calibration().xOffsetMm, 6.0);

    // Printed again on the calibrated printer, the page's ink moves 6 mm right and 4 mm down.
    m_page->setIncludePrinted(true);
    m_page->select({made.certificateId});
    ui::PrintRequest request = pdfRequest(m_bed.filePath(QStringLiteral("calibrated")));
    request.reprint = true;
    request.reason = QStringLiteral("校准后重打");
    QVERIFY2(m_page->printSelected(request), qPrintable(m_page->message()));
    storage::CertificateRepository certificates(m_bed.db());
    const auto row = *certificates.find(made.certificateId);
    const int dpi = 100;
    const QImage before = pageImage(ui::CertificatePrintJob::pdfFileName(plainDir, row), dpi);
    const QImage after
        = pageImage(ui::CertificatePrintJob::pdfFileName(request.target.pdfDirectory, row), dpi);
    QVERIFY(!before.isNull() && !after.isNull());
    const QRect inkBefore = inkBounds(before);
    const QRect inkAfter = inkBounds(after);
    const qreal pxPerMm = dpi / 25.4;
    QVERIFY2(qAbs((inkAfter.left() - inkBefore.left()) - 6 * pxPerMm) <= 2,
             qPrintable(QStringLiteral("left %1 → %2").arg(inkBefore.left()).arg(inkAfter.left())));
    QVERIFY2(qAbs((inkAfter.top() - inkBefore.top()) - 4 * pxPerMm) <= 2,
             qPrintable(QStringLiteral("top %1 → %2").arg(inkBefore.top()).arg(inkAfter.top())));
}

void TestPrintQueuePage::verifyDialogTellsGenuineFromForged()
{
    const Made made = makeCertificate(QStringLiteral("欧阳娜娜"));
    QVERIFY(!made.caseId.isEmpty());
    const QString code
        = storage::CertificateRepository(m_bed.db()).find(made.certificateId)->verificationCode;
    QVERIFY(!code.isEmpty());

    ui::VerifyCertificateDialog dialog(m_catalog);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // A scanner types the code and presses Enter.
    auto *input = dialog.findChild<QLineEdit *>(QStringLiteral("codeLineEdit"));
    QVERIFY(input->hasFocus());
    typeText(input, code);
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY2(dialog.statusText().contains(ui::Tr::tr("Genuine")), qPrintable(dialog.statusText()));
    QVERIFY(dialog.fieldsText().contains(made.number));
    QVERIFY(dialog.fieldsText().contains(QStringLiteral("欧阳娜娜")));
    screenshot(&dialog, QStringLiteral("verify-genuine.png"));

    // The same code with another holder's name: forged.
    auto fields = printing::CertificateCode::decode(code);
    QVERIFY(fields);
    fields->holderName = QStringLiteral("欧阳娜");
    const QString signature = code.mid(code.lastIndexOf(QLatin1Char('.')));
    const QString changed = printing::CertificateCode::prefix()
        + QString::fromLatin1(QJsonDocument(fields->toJson())
                                  .toJson(QJsonDocument::Compact)
                                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + signature;
    const auto forged = dialog.verify(changed);
    QVERIFY2(forged.status == printing::CertificateCode::Status::Forged
                 || forged.status == printing::CertificateCode::Status::Malformed,
             qPrintable(forged.reason));
    // A real forgery keeps the format: swap the signature of another certificate.
    const Made other = makeCertificate(QStringLiteral("李建国"));
    const QString otherCode
        = storage::CertificateRepository(m_bed.db()).find(other.certificateId)->verificationCode;
    const QString swapped = code.left(code.lastIndexOf(QLatin1Char('.')))
        + otherCode.mid(otherCode.lastIndexOf(QLatin1Char('.')));
    const auto result = dialog.verify(swapped);
    QCOMPARE(result.status, printing::CertificateCode::Status::Forged);
    QVERIFY2(dialog.statusText().contains(ui::Tr::tr("Forged")), qPrintable(dialog.statusText()));
    QVERIFY(!dialog.reasonText().isEmpty());
    screenshot(&dialog, QStringLiteral("verify-forged.png"));

    QCOMPARE(dialog.verify(QStringLiteral("not a code")).status,
             printing::CertificateCode::Status::Malformed);
    QVERIFY(dialog.statusText().contains(ui::Tr::tr("Unreadable")));
}

void TestPrintQueuePage::toolsReachTheCertificateTools()
{
    ui::ToolsPage tools(core::WorkingCalendar::builtIn());
    tools.setCertificateTools(m_bed.db(), m_catalog, false);
    tools.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tools));
    QVERIFY(tools.findChild<QPushButton *>(QStringLiteral("verifyCertificatePushButton"))->isVisible());
    // Calibration is for administrators.
    QVERIFY(!tools.findChild<QPushButton *>(QStringLiteral("calibratePrinterPushButton"))->isVisible());
    tools.setCertificateTools(m_bed.db(), m_catalog, true);
    QVERIFY(tools.findChild<QPushButton *>(QStringLiteral("calibratePrinterPushButton"))->isVisible());
    tools.resize(900, 640);
    screenshot(&tools, QStringLiteral("tools-page.png"));
}

QTEST_MAIN(TestPrintQueuePage)
#include "tst_printqueuepage.moc"
