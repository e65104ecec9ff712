// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// 审查 as reviewers use it: claim in the inbox, open, decide; a denial without
// basis is blocked; a supplement stops the clock and its receipt restarts it,
// the deadline moving by the stopped working days; a bundle's lead concludes
// only when every department has given its opinion.

#include "backofficebed.h"

#include <ow/cases/casenumber.h>
#include <ow/cases/ruleset.h>
#include <ow/cases/statemachine.h>
#include <ow/cases/timelimitclock.h>
#include <ow/core/uuid.h>
#include <ow/storage/attachmentrepository.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/database.h>
#include <ow/storage/inboxrepository.h>
#include <ow/storage/migrations.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/inboxmodel.h>
#include <ow/ui/inboxpage.h>
#include <ow/ui/reviewpage.h>

#include <ow/core/localization.h>

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QProcess>
#include <QComboBox>
#include <QDialog>
#include <QImage>
#include <QJsonArray>
#include <QListWidget>
#include <QTabWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace ow;
using namespace Qt::StringLiterals;

using namespace ow::test::backoffice;

namespace {

ui::Session reviewer(const QString &id, const QString &department, int device)
{
    return ow::test::backoffice::reviewer(id, {department}, device);
}

} // namespace

class TestReviewPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void claimReviewApprove();
    void denialWithoutBasisIsBlocked();
    void supplementStopsTheClockAndReceiptRestartsIt();
    void bundleLeadConcludesWhenAllHave();
    void bundleCertificatesAreNumbered();
    void attachmentsCanBeReadAndZoomed();
    void smartApprovalShowsAsDecidedWithItsTrace();
    // Last: switches the language. Runs only with OW_SCREENSHOT_DIR set.
    void screenshotsInChinese();

private:
    QString routedCase(const QJsonArray &items, const QDate &acceptedOn, bool bundle = false)
    {
        return m_bed.routedCase(items, acceptedOn, bundle);
    }
    int eventCount(const QString &caseId) const { return int(m_intake->events(caseId).size()); }

    test::backoffice::Bed m_bed;
    QSqlDatabase m_db;
    storage::CaseJournal *m_intake = nullptr;
    core::WorkingCalendar m_calendar = core::WorkingCalendar::builtIn();
    QDate m_today;
};

void TestReviewPage::init()
{
    m_bed.open(u"review"_s);
    m_db = m_bed.db();
    m_intake = &m_bed.intake();
    m_today = m_bed.today();
}

void TestReviewPage::cleanup()
{
    m_intake = nullptr;
    m_db = QSqlDatabase();
    m_bed.close();
}

void TestReviewPage::claimReviewApprove()
{
    const QString caseId
        = routedCase({item(u"330100-SC-001"_s, u"食品经营许可"_s, market, 10)}, m_today.addDays(-1));
    QVERIFY(!caseId.isEmpty());
    const ui::Session li = reviewer(u"reviewer-li"_s, market, 1);
    ui::InboxPage inbox(m_db, li, m_calendar);
    ui::ReviewPage review(m_db, li, m_calendar);
    connect(&inbox, &ui::InboxPage::caseOpened, &review, &ui::ReviewPage::showCase);
    inbox.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inbox));
    QVERIFY(inbox.claimCurrent());
    QTest::keyClick(inbox.view(), Qt::Key_Return);
    QCOMPARE(review.caseId(), caseId);

    // What the reviewer reads: the form, the materials, the history.
    auto *form = review.findChild<QTableWidget *>(u"formTable"_s);
    QVERIFY(!form->findItems(u"杭州市上城区解放路 18 号"_s, Qt::MatchExactly).isEmpty());
    auto *history = review.findChild<QTableWidget *>(u"historyTable"_s);
    QCOMPARE(history->rowCount(), 4); // created, accepted, routed, claimed
    QVERIFY(!history->findItems(u"Claimed by reviewer-li"_s, Qt::MatchContains).isEmpty());
    QCOMPARE(review.department(), market);

    // 审查 → 决定: first the review opinion, then the decision.
    QSignalSpy changed(&review, &ui::ReviewPage::caseChanged);
    auto *opinion = review.findChild<QPushButton *>(u"opinionButton"_s);
    opinion->click();
    QCOMPARE(changed.size(), 0); // no text, nothing recorded
    review.findChild<QPlainTextEdit *>(u"opinionEdit"_s)->setPlainText(u"经审查，材料齐全，符合法定条件，建议准予许可。"_s);
    opinion->click();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_intake->state(caseId).status, cases::CaseStatus::UnderReview);
    QVERIFY(!history->findItems(u"建议准予许可"_s, Qt::MatchContains).isEmpty());
    review.findChild<QPlainTextEdit *>(u"opinionEdit"_s)->setPlainText(u"同意。"_s);
    review.findChild<QPushButton *>(u"approveButton"_s)->click();
    QCOMPARE(changed.size(), 2);
    QCOMPARE(m_intake->state(caseId).status, cases::CaseStatus::Approved);
    QCOMPARE(history->rowCount(), 6);
    QVERIFY(!review.findChild<QPushButton *>(u"approveButton"_s)->isEnabled());

    inbox.refresh();
    QCOMPARE(inbox.model()->rowCount(), 0);
}

void TestReviewPage::denialWithoutBasisIsBlocked()
{
    const QString caseId
        = routedCase({item(u"330100-SC-001"_s, u"食品经营许可"_s, market, 10)}, m_today.addDays(-1));
    ui::ReviewPage review(m_db, reviewer(u"reviewer-li"_s, market, 1), m_calendar);
    QVERIFY(review.showCase(caseId));
    const int before = eventCount(caseId);
    review.findChild<QPlainTextEdit *>(u"opinionEdit"_s)->setPlainText(u"不符合条件"_s);
    review.findChild<QPushButton *>(u"denyButton"_s)->click();
    QCOMPARE(eventCount(caseId), before);
    QCOMPARE(m_intake->state(caseId).status, cases::CaseStatus::UnderReview);
    QVERIFY(review.findChild<QLabel *>(u"messageLabel"_s)->text().contains(u"legal basis"_s));

    review.findChild<QLineEdit *>(u"basisEdit"_s)->setText(u"《中华人民共和国食品安全法》第三十五条"_s);
    review.findChild<QPushButton *>(u"denyButton"_s)->click();
    QCOMPARE(eventCount(caseId), before + 1);
    const cases::CaseState state = m_intake->state(caseId);
    QCOMPARE(state.status, cases::CaseStatus::Denied);
    QCOMPARE(m_intake->events(caseId).constLast().payload.value(u"basis"_s).toString(),
             u"《中华人民共和国食品安全法》第三十五条"_s);

    // The same applicant's other case is shown beside; terminating it needs a basis too.
    const QString other
        = routedCase({item(u"330100-SC-002"_s, u"药品零售许可"_s, market, 10)}, m_today.addDays(-1));
    QVERIFY(review.showCase(other));
    auto *earlier = review.findChild<QTableWidget *>(u"earlierTable"_s);
    QCOMPARE(earlier->rowCount(), 1);
    QCOMPARE(earlier->item(0, 0)->text(), state.caseNumber);
    review.findChild<QPushButton *>(u"terminateButton"_s)->click();
    QCOMPARE(m_intake->state(other).status, cases::CaseStatus::UnderReview);
    review.findChild<QLineEdit *>(u"basisEdit"_s)->setText(u"《行政许可法》第四十条：申请人撤回申请"_s);
    review.findChild<QPushButton *>(u"terminateButton"_s)->click();
    QCOMPARE(m_intake->state(other).status, cases::CaseStatus::Terminated);

    // 延期, once: the approver and the basis are required; the deadline moves by ten working days
    // (a short limit keeps it within the years the built-in calendar knows).
    const QString third
        = routedCase({item(u"330100-SC-003"_s, u"医疗器械经营备案"_s, market, 3)}, m_today.addDays(-1));
    QVERIFY(review.showCase(third));
    const QDate due = cases::TimeLimitClock::read(m_intake->state(third), m_today, m_calendar).deadline;
    auto *extend = review.findChild<QPushButton *>(u"extendButton"_s);
    QVERIFY(extend->isEnabled());
    extend->click();
    QCOMPARE(eventCount(third), 3);
    review.findChild<QLineEdit *>(u"extensionApproverEdit"_s)->setText(u"局长 王刚"_s);
    review.findChild<QLineEdit *>(u"basisEdit"_s)->setText(u"《中华人民共和国行政许可法》第四十二条"_s);
    extend->click();
    QCOMPARE(eventCount(third), 4);
    const cases::CaseState extended = m_intake->state(third);
    QCOMPARE(extended.extensionDays, 10);
    QCOMPARE(cases::TimeLimitClock::read(extended, m_today, m_calendar).deadline,
             *m_calendar.addWorkingDays(due, 10));
    QVERIFY(!extend->isEnabled());
}

void TestReviewPage::supplementStopsTheClockAndReceiptRestartsIt()
{
    // Accepted ten working days ago with 20 working days; the supplement was
    // requested four working days ago (recorded then, on this workstation).
    const QDate acceptedOn = *m_calendar.addWorkingDays(m_today, -10);
    const QString caseId = routedCase({item(u"330100-SC-001"_s, u"食品经营许可"_s, market, 20)}, acceptedOn);
    QVERIFY(!caseId.isEmpty());
    const QDate requestedOn = *m_calendar.addWorkingDays(m_today, -4);
    cases::Actor zhao;
    zhao.userId = u"reviewer-zhao"_s;
    QVERIFY(m_intake
                ->record(cases::Event::make(caseId, cases::EventType::SupplementRequested, zhao,
                                            {{u"materials"_s, QJsonArray {u"从业人员健康证明"_s}}},
                                            QDateTime(requestedOn, QTime(3, 0), Qt::UTC)),
                         cases::Role::Reviewer)
                .isValid());

    const ui::Session li = reviewer(u"reviewer-li"_s, market, 1);
    ui::InboxPage inbox(m_db, li, m_calendar);
    QCOMPARE(inbox.model()->data(inbox.model()->index(0, ui::InboxModel::Remaining)).toString(),
             u"Clock stopped"_s);
    ui::ReviewPage review(m_db, li, m_calendar);
    review.setNoticeOptions(m_bed.filePath(u"notices"_s), false);
    QVERIFY(review.showCase(caseId));
    QVERIFY(review.findChild<QLabel *>(u"clockLabel"_s)->text().contains(u"Clock stopped"_s));
    QVERIFY(!review.findChild<QPushButton *>(u"approveButton"_s)->isEnabled());

    // The materials arrive today: the clock runs again, four working days later than it would have.
    review.findChild<QPushButton *>(u"receivedButton"_s)->click();
    const cases::CaseState state = m_intake->state(caseId);
    QCOMPARE(state.status, cases::CaseStatus::UnderReview);
    QCOMPARE(state.clockStops.size(), 1);
    QVERIFY(!state.isClockStopped());
    const cases::ClockReading reading = cases::TimeLimitClock::read(state, m_today, m_calendar);
    QCOMPARE(reading.status, cases::ClockStatus::Running);
    QCOMPARE(reading.stoppedDays, 4);
    QCOMPARE(reading.deadline, *m_calendar.addWorkingDays(acceptedOn, 20 + 4));
    QCOMPARE(reading.remainingDays, 20 - (10 - 4));
    QVERIFY(review.findChild<QLabel *>(u"clockLabel"_s)->text().contains(u"14 working day(s) left"_s));
    inbox.refresh();
    QCOMPARE(inbox.model()->row(0).deadline, reading.deadline);

    // Asking for a supplement again from the page: the materials must be named.
    auto *supplement = review.findChild<QPushButton *>(u"supplementButton"_s);
    const int before = eventCount(caseId);
    supplement->click();
    QCOMPARE(eventCount(caseId), before);
    review.findChild<QLineEdit *>(u"materialsEdit"_s)->setText(u"消防安全检查合格证；场所平面图"_s);
    supplement->click();
    QCOMPARE(eventCount(caseId), before + 1);
    QCOMPARE(m_intake->state(caseId).status, cases::CaseStatus::SupplementPending);
    QCOMPARE(m_intake->events(caseId).constLast().payload.value(u"materials"_s).toArray().size(), 2);
    // The 补正通知书 lists what is needed, for the window to print or send.
    QVERIFY(QFileInfo(review.lastNoticeFile()).size() > 0);
    QProcess text;
    text.start(u"pdftotext"_s, {review.lastNoticeFile(), u"-"_s});
    QVERIFY(text.waitForFinished(30000));
    // NFKC: the PDF's text layer may carry a CJK font's radical forms (⾯ for 面).
    const QString printed
        = QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    QVERIFY2(printed.contains(u"消防安全检查合格证"_s) && printed.contains(u"场所平面图"_s), qPrintable(printed));
    QVERIFY(printed.contains(m_intake->state(caseId).caseNumber));
}

void TestReviewPage::bundleLeadConcludesWhenAllHave()
{
    const QString caseId = routedCase({item(u"SC-1"_s, u"食品经营许可"_s, market, 10, true),
                                       item(u"WS-1"_s, u"公共场所卫生许可"_s, health, 10, true),
                                       item(u"XF-1"_s, u"公众聚集场所投入使用营业前消防安全检查"_s, fire, 10)},
                                      m_today.addDays(-1), true);
    QVERIFY(!caseId.isEmpty());
    ui::ReviewPage lead(m_db, reviewer(u"reviewer-wu"_s, market, 1), m_calendar);
    ui::ReviewPage healthPage(m_db, reviewer(u"reviewer-zhou"_s, health, 2), m_calendar);
    ui::ReviewPage firePage(m_db, reviewer(u"reviewer-zheng"_s, fire, 3), m_calendar);

    QVERIFY(lead.showCase(caseId));
    QVERIFY(!lead.decide(ui::ReviewPage::Decision::Approve));
    QVERIFY2(lead.lastMessage().contains(health) && lead.lastMessage().contains(fire),
             qPrintable(lead.lastMessage()));

    // Fire agrees first, then health does not agree to its item.
    QVERIFY(firePage.showCase(caseId));
    QCOMPARE(firePage.findChild<QPushButton *>(u"approveButton"_s)->text(), u"Agree"_s);
    QVERIFY(firePage.decide(ui::ReviewPage::Decision::Approve));
    QVERIFY(lead.showCase(caseId));
    QVERIFY(!lead.decide(ui::ReviewPage::Decision::Approve));
    QVERIFY(lead.lastMessage().contains(health));
    QVERIFY(!lead.lastMessage().contains(fire));

    QVERIFY(healthPage.showCase(caseId));
    healthPage.findChild<QLineEdit *>(u"basisEdit"_s)->setText(u"《公共场所卫生管理条例》第八条"_s);
    QVERIFY(healthPage.decide(ui::ReviewPage::Decision::Deny));
    QCOMPARE(m_intake->state(caseId).status, cases::CaseStatus::UnderReview); // an opinion, not the decision

    // The lead sees what the denial affects and approves the rest.
    QVERIFY(lead.showCase(caseId));
    const QString summary = lead.findChild<QLabel *>(u"reviewsSummaryLabel"_s)->text();
    QVERIFY2(summary.contains(health) && summary.contains(u"WS-1"_s), qPrintable(summary));
    QVERIFY(lead.decide(ui::ReviewPage::Decision::Approve));
    const cases::CaseState state = m_intake->state(caseId);
    QCOMPARE(state.approvedItems, QStringList({u"SC-1"_s, u"XF-1"_s}));
    QCOMPARE(state.deniedItems, QStringList({u"WS-1"_s}));
    // The approved item with a certificate has its record, ready to print;
    // the denied one has none.
    QCOMPARE(state.status, cases::CaseStatus::CertificateReady);
    QCOMPARE(state.certificateIds.size(), 1);
    const cases::Event produced = m_intake->events(caseId).constLast();
    QCOMPARE(produced.type, cases::EventType::CertificateProduced);
    QCOMPARE(produced.payload.value(u"itemCode"_s).toString(), u"SC-1"_s);
    // No catalogue type here: ZZ and the case number without its hyphens, no -N for the only certificate.
    QCOMPARE(produced.payload.value(u"number"_s).toString(),
             u"ZZ"_s + QString(m_intake->state(caseId).caseNumber).remove(u'-'));
    QCOMPARE(produced.payload.value(u"holder"_s).toObject().value(u"name"_s).toString(), u"欧阳娜娜"_s);
    QCOMPARE(produced.payload.value(u"fields"_s).toObject().value(u"经营场所"_s).toString(),
             u"杭州市上城区解放路 18 号"_s);
    QVERIFY(lead.lastMessage().contains(produced.payload.value(u"number"_s).toString()));

    // The applicant's next case shows the licence held beside it.
    const QString next = routedCase({item(u"SC-2"_s, u"食品经营许可变更"_s, market, 10)}, m_today.addDays(-1));
    QVERIFY(lead.showCase(next));
    const QString licences = lead.findChild<QLabel *>(u"licencesLabel"_s)->text();
    QVERIFY2(licences.contains(produced.payload.value(u"number"_s).toString()), qPrintable(licences));
}

// A case issuing two certificates numbers them by their place in it.
void TestReviewPage::bundleCertificatesAreNumbered()
{
    const QString caseId = routedCase({item(u"SC-1"_s, u"食品经营许可"_s, market, 10, true),
                                       item(u"XF-1"_s, u"公众聚集场所投入使用营业前消防安全检查"_s, fire, 10),
                                       item(u"WS-1"_s, u"公共场所卫生许可"_s, health, 10, true)},
                                      m_today.addDays(-1), true);
    QVERIFY(!caseId.isEmpty());
    ui::ReviewPage lead(m_db, reviewer(u"reviewer-wu"_s, market, 1), m_calendar);
    ui::ReviewPage healthPage(m_db, reviewer(u"reviewer-zhou"_s, health, 2), m_calendar);
    ui::ReviewPage firePage(m_db, reviewer(u"reviewer-zheng"_s, fire, 3), m_calendar);
    QVERIFY(firePage.showCase(caseId));
    QVERIFY(firePage.decide(ui::ReviewPage::Decision::Approve));
    QVERIFY(healthPage.showCase(caseId));
    QVERIFY(healthPage.decide(ui::ReviewPage::Decision::Approve));
    QVERIFY(lead.showCase(caseId));
    QVERIFY2(lead.decide(ui::ReviewPage::Decision::Approve), qPrintable(lead.lastMessage()));

    const QString base = u"ZZ"_s + QString(m_intake->state(caseId).caseNumber).remove(u'-');
    QStringList numbers;
    for (const cases::Event &event : m_intake->events(caseId)) {
        if (event.type == cases::EventType::CertificateProduced)
            numbers << event.payload.value(u"itemCode"_s).toString() + u' '
                    + event.payload.value(u"number"_s).toString();
    }
    QCOMPARE(numbers, QStringList({u"SC-1 "_s + base + u"-1"_s, u"WS-1 "_s + base + u"-2"_s}));
}

// A scanned material attached at intake opens from the materials tab and zooms.
void TestReviewPage::attachmentsCanBeReadAndZoomed()
{
    QImage scan(400, 560, QImage::Format_RGB32);
    scan.fill(Qt::white);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(scan.save(&buffer, "PNG"));
    const QString sha = storage::AttachmentRepository(m_db).put(png, u"image/png"_s);
    QVERIFY(!sha.isEmpty());

    const QDateTime at(m_today.addDays(-1), QTime(2, 0), Qt::UTC);
    const QString caseId = core::Uuid::createV7String();
    cases::Actor clerk;
    clerk.userId = u"clerk01"_s;
    const QJsonObject created {
        {u"caseNumber"_s, cases::CaseNumber::make(u"330102"_s, at.date(), u"A001"_s, 900)->toString()},
        {u"applicant"_s, QJsonObject {{u"name"_s, u"欧阳娜娜"_s}}},
        {u"items"_s, QJsonArray {item(u"330100-SC-001"_s, u"食品经营许可"_s, market, 10)}}};
    const QJsonObject accepted {
        {u"attachments"_s,
         QJsonArray {QJsonObject {{u"sha256"_s, sha}, {u"mediaType"_s, u"image/png"_s},
                                  {u"fileName"_s, u"营业执照.png"_s}, {u"size"_s, png.size()}}}}};
    QVERIFY(m_intake->record(cases::Event::make(caseId, cases::EventType::Created, clerk, created, at),
                             cases::Role::Clerk).isValid());
    QVERIFY(m_intake->record(cases::Event::make(caseId, cases::EventType::Accepted, clerk, accepted,
                                                at.addSecs(60)),
                             cases::Role::Clerk).isValid());

    ui::ReviewPage review(m_db, reviewer(u"reviewer-li"_s, market, 1), m_calendar);
    review.show();
    QVERIFY(QTest::qWaitForWindowExposed(&review));
    QVERIFY(review.showCase(caseId));
    auto *materials = review.findChild<QListWidget *>(u"materialsList"_s);
    const QList<QListWidgetItem *> files = materials->findItems(u"营业执照.png"_s, Qt::MatchContains);
    QCOMPARE(files.size(), 1);
    materials->setCurrentItem(files.first());
    QTest::keyClick(materials, Qt::Key_Return);
    auto *viewer = review.findChild<QDialog *>(u"attachmentViewer"_s);
    QVERIFY(viewer);
    auto *picture = viewer->findChild<QLabel *>(u"attachmentViewerPicture"_s);
    const int fitted = picture->pixmap().width();
    QVERIFY(fitted > 0);
    QPushButton *zoomIn = nullptr;
    for (QPushButton *button : viewer->findChildren<QPushButton *>()) {
        if (button->text().startsWith(u"Zoom in"_s))
            zoomIn = button;
    }
    QVERIFY(zoomIn);
    zoomIn->click();
    QVERIFY2(picture->pixmap().width() > fitted * 1.2, qPrintable(QString::number(picture->pixmap().width())));
    QVERIFY(viewer->findChild<QLabel *>(u"attachmentViewerStatus"_s)->text().contains(u"125 %"_s));
    viewer->close();
}

// 秒批 at the window: not in the open inbox, among the concluded ones, decided, with its rule trace.
void TestReviewPage::smartApprovalShowsAsDecidedWithItsTrace()
{
    const QDateTime at(m_today, QTime(1, 0), Qt::UTC);
    const QString caseId = core::Uuid::createV7String();
    cases::Actor clerk;
    clerk.userId = u"clerk01"_s;
    cases::RuleTrace trace;
    trace.outcome = cases::RuleOutcome::Approve;
    cases::RuleResult adult;
    adult.id = u"adult"_s;
    adult.description = u"申请人年满18周岁"_s;
    adult.outcome = cases::RuleOutcome::Deny;
    adult.passed = true;
    trace.results.append(adult);
    const QJsonObject created {
        {u"caseNumber"_s, cases::CaseNumber::make(u"330102"_s, at.date(), u"A001"_s, 901)->toString()},
        {u"applicant"_s, QJsonObject {{u"name"_s, u"王小明"_s}}},
        {u"items"_s, QJsonArray {item(u"330100-SC-001"_s, u"食品经营许可"_s, market, 10)}}};
    for (const auto &[type, payload] : QList<std::pair<cases::EventType, QJsonObject>> {
             {cases::EventType::Created, created},
             {cases::EventType::Accepted, {}},
             {cases::EventType::Approved, {{u"smartApproval"_s, trace.toJson()}}}}) {
        const auto recorded = m_intake->record(cases::Event::make(caseId, type, clerk, payload, at), cases::Role::Clerk);
        QVERIFY2(recorded.isValid(), qPrintable(recorded.message));
    }
    const ui::Session li = reviewer(u"reviewer-li"_s, market, 1);
    ui::InboxPage inbox(m_db, li, m_calendar);
    QCOMPARE(inbox.model()->rowCount(), 0);
    auto *states = inbox.findChild<QComboBox *>(u"stateComboBox"_s);
    states->setCurrentIndex(states->count() - 1);
    QCOMPARE(inbox.model()->rowCount(), 1);
    QCOMPARE(inbox.model()->row(0).state, u"approved"_s);
    QCOMPARE(inbox.model()->row(0).decision, u"approve"_s);

    ui::ReviewPage review(m_db, li, m_calendar);
    QVERIFY(review.showCase(caseId));
    auto *history = review.findChild<QTableWidget *>(u"historyTable"_s);
    QVERIFY(!history->findItems(u"申请人年满18周岁"_s, Qt::MatchContains).isEmpty());
    QVERIFY(!review.findChild<QPushButton *>(u"approveButton"_s)->isEnabled());
}

// docs/screenshots: the inbox and a bundle under review, in Chinese.
void TestReviewPage::screenshotsInChinese()
{
    const QString dir = qEnvironmentVariable("OW_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("OW_SCREENSHOT_DIR is not set");
    QVERIFY(core::Localization::install(u"zh_CN"_s));
    QFont font = QApplication::font();
    font.setFamilies({u"Noto Sans CJK SC"_s, font.family()});
    QApplication::setFont(font);

    const QStringList applicants {u"赵六"_s, u"钱七"_s, u"孙八"_s, u"李秀英"_s, u"周伟"_s, u"吴娜"_s};
    const QList<int> ages {12, 7, 4, 2, 1, 0};
    for (int i = 0; i < applicants.size(); ++i) {
        const QDate acceptedOn = *m_calendar.addWorkingDays(m_today, -ages.at(i));
        QJsonArray items {item(u"330100-SC-00%1"_s.arg(i % 3 + 1),
                               QStringList {u"食品经营许可"_s, u"药品零售许可"_s, u"医疗器械经营备案"_s}.at(i % 3),
                               market, 10, true)};
        QVERIFY(!m_bed.routedCase(items, acceptedOn, false, applicants.at(i)).isEmpty());
    }
    const QString bundle = routedCase({item(u"SC-1"_s, u"食品经营许可"_s, market, 10, true),
                                       item(u"WS-1"_s, u"公共场所卫生许可"_s, health, 10, true),
                                       item(u"XF-1"_s, u"公众聚集场所投入使用营业前消防安全检查"_s, fire, 10)},
                                      *m_calendar.addWorkingDays(m_today, -3), true);
    ui::ReviewPage firePage(m_db, reviewer(u"reviewer-zheng"_s, fire, 3), m_calendar);
    QVERIFY(firePage.showCase(bundle));
    firePage.findChild<QPlainTextEdit *>(u"opinionEdit"_s)->setPlainText(u"现场检查合格。"_s);
    QVERIFY(firePage.decide(ui::ReviewPage::Decision::Approve));

    const ui::Session wu = reviewer(u"reviewer-wu"_s, market, 1);
    ui::InboxPage inbox(m_db, wu, m_calendar);
    inbox.resize(1180, 620);
    inbox.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inbox));
    inbox.view()->selectRow(1);
    QVERIFY(inbox.claimCurrent());
    QTest::qWait(200);
    QVERIFY(inbox.grab().save(dir + u"/inbox.png"_s));

    ui::ReviewPage review(m_db, wu, m_calendar);
    review.resize(1180, 620);
    review.show();
    QVERIFY(QTest::qWaitForWindowExposed(&review));
    QVERIFY(review.showCase(bundle));
    review.findChild<QTabWidget *>()->setCurrentIndex(2); // 部门意见
    QTest::qWait(200);
    QVERIFY(review.grab().save(dir + u"/review.png"_s));
    review.findChild<QTabWidget *>()->setCurrentIndex(3); // 办理记录
    QTest::qWait(200);
    QVERIFY(review.grab().save(dir + u"/review-history.png"_s));
    QVERIFY(core::Localization::install(u"en"_s));
}

QTEST_MAIN(TestReviewPage)
#include "tst_reviewpage.moc"
