// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors

// bench_inbox: a department's inbox (待办) with 200,000 open cases in the
// encrypted store, driven through the real page offscreen: opening it until
// the first rows are painted, re-sorting by deadline, and each keystroke of
// the filter until the rows are painted. Prints figures and PASS/FAIL against
// the goals (docs/performance.md, "Back office").

#include <ow/core/workingcalendar.h>
#include <ow/storage/database.h>
#include <ow/storage/inboxrepository.h>
#include <ow/storage/migrations.h>
#include <ow/storage/transaction.h>
#include <ow/ui/inboxmodel.h>
#include <ow/ui/inboxpage.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>

#include <algorithm>
#include <functional>
#include <cstdio>

using namespace ow;
using namespace Qt::StringLiterals;

namespace {

const QString kDepartment = u"市场监管局"_s;

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

struct Figures
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Figures figures(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        return samples.at(std::min<qsizetype>(samples.size() - 1, qsizetype(q * double(samples.size()))));
    };
    return {at(0.5), at(0.99), samples.constLast()};
}

QString row(const QString &what, const Figures &f, double goal)
{
    return u"%1 p50 %2 ms  p99 %3 ms  max %4 ms   goal p99 < %5 ms: %6"_s.arg(what, -34)
        .arg(f.p50, 7, 'f', 2)
        .arg(f.p99, 7, 'f', 2)
        .arg(f.max, 7, 'f', 2)
        .arg(goal)
        .arg(f.p99 < goal ? u"PASS"_s : u"FAIL"_s);
}

// The inbox rows as the case journal writes them, for `open` cases of the
// department plus others' and concluded ones, in random order of deadline.
bool generate(QSqlDatabase db, int open, int others, int concluded, QString *error)
{
    static const QStringList surnames {u"王"_s, u"李"_s, u"张"_s, u"刘"_s, u"陈"_s, u"杨"_s, u"赵"_s,
                                       u"黄"_s, u"周"_s, u"吴"_s, u"徐"_s, u"孙"_s, u"胡"_s, u"朱"_s,
                                       u"高"_s, u"林"_s, u"何"_s, u"郭"_s, u"马"_s, u"罗"_s};
    static const QStringList given {u"伟"_s, u"芳"_s, u"娜"_s, u"敏"_s, u"静"_s, u"丽"_s, u"强"_s,
                                    u"磊"_s, u"军"_s, u"洋"_s, u"勇"_s, u"艳"_s, u"杰"_s, u"娟"_s,
                                    u"涛"_s, u"明"_s, u"超"_s, u"秀英"_s, u"霞"_s, u"平"_s};
    static const QStringList items {u"食品经营许可"_s, u"药品零售许可"_s, u"医疗器械经营备案"_s,
                                    u"个体工商户设立登记"_s, u"企业名称变更登记"_s, u"特种设备使用登记"_s,
                                    u"计量器具型式批准"_s, u"广告发布登记"_s};
    static const QStringList states {u"under-review"_s, u"under-review"_s, u"under-review"_s,
                                     u"supplement-pending"_s, u"suspended"_s};
    QRandomGenerator random(20261130);
    const QDate today = QDate::currentDate();
    storage::Transaction transaction(db);
    QSqlQuery insert(db);
    if (!insert.prepare(u"INSERT INTO case_tasks (department, case_id, open, lead, decision, assignee,"
                        " case_number, state, item_code, item_name, applicant_name, office, accepted_at,"
                        " deadline, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)) {
        *error = insert.lastError().text();
        return false;
    }
    const int total = open + others + concluded;
    for (int i = 0; i < total; ++i) {
        const bool isOpen = i < open || i >= open + concluded;
        const QString department = i < open + concluded ? kDepartment : u"卫生健康局"_s;
        const int item = int(random.bounded(items.size()));
        const QDate accepted = today.addDays(-qint64(random.bounded(40)));
        const QString office = u"3301%1"_s.arg(2 + random.bounded(12), 2, 10, QLatin1Char('0')) + u"001"_s;
        insert.addBindValue(department);
        insert.addBindValue(u"0193a6b4-0000-7000-8000-%1"_s.arg(i, 12, 10, QLatin1Char('0')));
        insert.addBindValue(isOpen ? 1 : 0);
        insert.addBindValue(1);
        insert.addBindValue(u"pending"_s);
        insert.addBindValue(random.bounded(4) == 0 ? u"reviewer%1"_s.arg(random.bounded(8)) : u""_s);
        const QString caseNumber = u"%1-%2-A%3-%4"_s.arg(office.left(6), accepted.toString(u"yyyyMMdd"_s))
                                       .arg(random.bounded(9) + 1, 3, 10, QLatin1Char('0'))
                                       .arg(i, 6, 10, QLatin1Char('0'));
        insert.addBindValue(caseNumber);
        insert.addBindValue(isOpen ? states.at(random.bounded(states.size())) : u"approved"_s);
        insert.addBindValue(u"330100-SC-%1"_s.arg(item + 1, 3, 10, QLatin1Char('0')));
        insert.addBindValue(items.at(item));
        const QString applicant = surnames.at(random.bounded(surnames.size()))
            + given.at(random.bounded(given.size()))
            + (random.bounded(2) ? given.at(random.bounded(given.size())) : QString());
        insert.addBindValue(applicant);
        insert.addBindValue(office);
        insert.addBindValue(QDateTime(accepted, QTime(2, 0), Qt::UTC).toString(Qt::ISODateWithMs));
        insert.addBindValue(accepted.addDays(7 + random.bounded(21)).toString(Qt::ISODate));
        // As the case journal writes it (storage's searchText()).
        insert.addBindValue(QString(caseNumber + u' ' + applicant + u' ' + items.at(item)));
        if (!insert.exec()) {
            *error = insert.lastError().text();
            return false;
        }
    }
    if (!transaction.commit()) {
        *error = transaction.lastError().text();
        return false;
    }
    QSqlQuery analyze(db);
    analyze.exec(u"ANALYZE"_s);
    return true;
}

// Until the rows are on the screen: the viewport painted into a pixmap.
void paint(ui::InboxPage &page)
{
    QApplication::processEvents();
    (void)page.view()->viewport()->grab();
}

ui::Session reviewer()
{
    ui::Session session;
    session.user.user.id = u"reviewer1"_s;
    session.user.user.roles = {cases::Role::Reviewer};
    session.user.user.departments = {kDepartment};
    return session;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Inbox of a department with many open cases."_s);
    parser.addHelpOption();
    const QCommandLineOption casesOption(u"cases"_s, u"Open cases of the department (200000)."_s, u"N"_s,
                                         u"200000"_s);
    const QCommandLineOption repeatOption(u"repeat"_s, u"Repetitions of each measurement (200)."_s, u"N"_s,
                                          u"200"_s);
    parser.addOptions({casesOption, repeatOption});
    parser.process(app);
    const int openCases = parser.value(casesOption).toInt();
    const int repeat = std::max(10, parser.value(repeatOption).toInt());

    QTemporaryDir dir;
    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    const QString path = QDir(dir.path()).filePath(u"inbox.db"_s);
    QElapsedTimer timer;
    timer.start();
    {
        auto created = storage::Database::open(path, key, u"gen"_s, storage::Database::Mode::CreateNew);
        QString error;
        if (!created.ok() || storage::Migrations::migrate(created.db, &error) != storage::DatabaseError::None
            || !generate(created.db, openCases, openCases / 4, openCases / 4, &error)) {
            print(u"cannot build the store: %1 %2"_s.arg(created.message, error));
            return 1;
        }
        created.db = QSqlDatabase();
        storage::Database::close(u"gen"_s);
    }
    print(u"bench_inbox: %1 open cases of %2, %3 concluded, %4 of another department (built in %5 s)"_s
              .arg(openCases)
              .arg(kDepartment)
              .arg(openCases / 4)
              .arg(openCases / 4)
              .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));

    auto opened = storage::Database::open(path, key, u"inbox"_s, storage::Database::Mode::OpenExisting);
    if (!opened.ok()) {
        print(opened.message);
        return 1;
    }
    const core::WorkingCalendar calendar = core::WorkingCalendar::builtIn();
    const ui::Session session = reviewer();

    // The store's part of it, query by query.
    {
        storage::InboxRepository inbox(opened.db);
        const auto measure = [&](const QString &what, const std::function<void()> &run) {
            QList<double> samples;
            for (int i = 0; i < 30; ++i) {
                timer.restart();
                run();
                samples.append(double(timer.nsecsElapsed()) / 1e6);
            }
            const Figures f = figures(samples);
            print(u"  store: %1 p50 %2 ms  max %3 ms"_s.arg(what, -40).arg(f.p50, 7, 'f', 2).arg(f.max, 7, 'f', 2));
        };
        storage::InboxFilter filter(kDepartment);
        measure(u"first page (100 by deadline)"_s, [&] { inbox.page(filter); });
        measure(u"count of open cases"_s, [&] { inbox.count(filter); });
        measure(u"items and offices offered"_s, [&] {
            inbox.itemCodes(kDepartment);
            inbox.offices(kDepartment);
        });
        storage::InboxFilter rare(kDepartment);
        rare.text = u"-001234"_s;
        measure(u"first page, text found once"_s, [&] { inbox.page(rare); });
        measure(u"count, text found once"_s, [&] { inbox.count(rare); });
        storage::InboxFilter common(kDepartment);
        common.text = u"王"_s;
        measure(u"first page, common text"_s, [&] { inbox.page(common); });
        measure(u"count, common text"_s, [&] { inbox.count(common); });
    }

    // Opening the page: the first page of rows, the count, the filters' choices, painted.
    QList<double> openTimes;
    for (int i = 0; i < std::min(repeat, 100); ++i) {
        timer.restart();
        auto page = std::make_unique<ui::InboxPage>(opened.db, session, calendar);
        page->resize(1400, 800);
        page->show();
        paint(*page);
        openTimes.append(double(timer.nsecsElapsed()) / 1e6);
    }
    ui::InboxPage page(opened.db, session, calendar);
    page.resize(1400, 800);
    page.show();
    paint(page);

    QList<double> sortTimes;
    QHeaderView *header = page.view()->horizontalHeader();
    for (int i = 0; i < repeat; ++i) {
        timer.restart();
        header->setSortIndicator(ui::InboxModel::Deadline, i % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        paint(page);
        sortTimes.append(double(timer.nsecsElapsed()) / 1e6);
    }
    header->setSortIndicator(ui::InboxModel::Deadline, Qt::AscendingOrder);

    // What a reviewer types: an applicant, a case number's office and date, an item's name.
    auto *search = page.findChild<QLineEdit *>(u"searchLineEdit"_s);
    const QList<QStringList> typings {{u"王"_s, u"伟"_s},
                                      {u"3"_s, u"3"_s, u"0"_s, u"1"_s, u"0"_s, u"5"_s},
                                      {u"食"_s, u"品"_s},
                                      {u"李"_s, u"秀"_s, u"英"_s},
                                      {u"-"_s, u"0"_s, u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s}};
    QList<double> keyTimes;
    QList<std::pair<double, QString>> slowest; // the text shown after each keystroke
    qsizetype matchesLast = 0;
    while (keyTimes.size() < repeat) {
        for (const QStringList &keys : typings) {
            for (const QString &key : keys) {
                timer.restart();
                search->insert(key);
                paint(page);
                keyTimes.append(double(timer.nsecsElapsed()) / 1e6);
                slowest.append({keyTimes.constLast(), search->text()});
            }
            matchesLast = page.model()->rowCount();
            timer.restart();
            search->clear();
            paint(page);
            keyTimes.append(double(timer.nsecsElapsed()) / 1e6);
        }
    }

    print(row(u"open, first rows painted"_s, figures(openTimes), 100));
    print(row(u"sort by deadline, painted"_s, figures(sortTimes), 100));
    print(row(u"filter keystroke, painted"_s, figures(keyTimes), 50));
    std::sort(slowest.begin(), slowest.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList worst;
    for (qsizetype i = 0; i < std::min<qsizetype>(5, slowest.size()); ++i)
        worst.append(u"\"%1\" %2 ms"_s.arg(slowest.at(i).second).arg(slowest.at(i).first, 0, 'f', 1));
    print(u"  slowest keystrokes: %1"_s.arg(worst.join(u", "_s)));
    print(u"(%1 opens, %2 sorts, %3 keystrokes; last search showed %4 rows)"_s.arg(openTimes.size())
              .arg(sortTimes.size())
              .arg(keyTimes.size())
              .arg(matchesLast));
    opened.db = QSqlDatabase();
    return 0;
}
