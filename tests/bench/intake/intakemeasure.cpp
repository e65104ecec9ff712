// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakemeasure.h"

#include "datagen.h"

#include <ow/cases/event.h>
#include <ow/catalog/catalogloader.h>
#include <ow/catalog/itemsearch.h>
#include <ow/core/uuid.h>
#include <ow/storage/applicantrepository.h>
#include <ow/storage/caserepository.h>
#include <ow/storage/settingsrepository.h>
#include <ow/storage/store.h>
#include <ow/ui/intakepage.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <functional>
#include <memory>

namespace ow::bench {

namespace {

constexpr qint64 waitLimitMs = 2000; // a result that takes longer is reported as missing

// Counts what happens to a list as it is seen: its model changing and its viewport being painted.
class ListWatch : public QObject
{
public:
    explicit ListWatch(QAbstractItemView *view)
        : m_view(view)
    {
        QAbstractItemModel *model = view->model();
        const auto bump = [this] {
            ++changes;
            paintsAtChange = paints;
        };
        connect(model, &QAbstractItemModel::modelReset, this, bump);
        connect(model, &QAbstractItemModel::rowsInserted, this, bump);
        connect(model, &QAbstractItemModel::rowsRemoved, this, bump);
        connect(model, &QAbstractItemModel::dataChanged, this, bump);
        connect(model, &QAbstractItemModel::layoutChanged, this, bump);
        view->viewport()->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_view->viewport() && event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }

    int changes = 0;
    int paints = 0;
    int paintsAtChange = 0; // `paints` when the model last changed: a later paint shows the change
    bool paintedSinceChange() const { return paints > paintsAtChange; }

private:
    QAbstractItemView *m_view;
};

// Counts the widgets painted anywhere in the application, and which kinds, while `counting` is set.
class PaintCount : public QObject
{
public:
    PaintCount() { qApp->installEventFilter(this); }
    ~PaintCount() override { qApp->removeEventFilter(this); }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (counting && event->type() == QEvent::Paint && watched->isWidgetType()) {
            ++paints;
            ++byClass[QString::fromLatin1(watched->metaObject()->className())];
        }
        return QObject::eventFilter(watched, event);
    }

    bool counting = false;
    qint64 paints = 0;
    QHash<QString, qint64> byClass;
};

QString paintSummary(const PaintCount &count, qsizetype samples)
{
    QList<std::pair<qint64, QString>> kinds;
    for (auto it = count.byClass.cbegin(); it != count.byClass.cend(); ++it)
        kinds.append({it.value(), it.key()});
    std::sort(kinds.begin(), kinds.end(), std::greater<>());
    QStringList parts;
    for (qsizetype i = 0; i < std::min<qsizetype>(6, kinds.size()); ++i)
        parts << QStringLiteral("%1 %2")
                     .arg(double(kinds.at(i).first) / double(samples), 0, 'f', 1)
                     .arg(kinds.at(i).second);
    return QStringLiteral("%1 widgets painted per keystroke (%2)")
        .arg(double(count.paints) / double(std::max<qsizetype>(1, samples)), 0, 'f', 1)
        .arg(parts.join(QStringLiteral(", ")));
}

// Runs the event loop until `done` holds or the limit passes; false on the limit. It sleeps while
// nothing happens (a 2 ms heartbeat bounds the sleep), so it leaves the CPU to the page.
template<typename Done>
bool spinUntil(const QElapsedTimer &timer, qint64 limitMs, Done done)
{
    const qint64 end = timer.elapsed() + limitMs;
    QTimer heartbeat;
    heartbeat.start(2);
    while (!done()) {
        if (timer.elapsed() > end)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Types one character as the keyboard (or an input method committing a Han character) would.
void typeCharacter(QWidget *widget, QChar c)
{
    if (c.unicode() < 0x80)
        QTest::keyClicks(widget, QString(c));
    else
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
}

ui::Session benchSession(const QString &dataDir)
{
    ui::Session session;
    session.userName = QStringLiteral("bench");
    session.dataDir = dataDir;
    session.user.deviceId = core::Uuid::createV7String();
    session.user.user.id = QStringLiteral("u-bench");
    session.user.user.name = QStringLiteral("bench");
    session.user.user.displayName = QStringLiteral("窗口一");
    session.user.user.roles = {cases::Role::Clerk};
    session.user.user.officeCode = QStringLiteral("330102");
    session.user.user.officeName = QStringLiteral("某某区政务服务中心");
    return session;
}

// The demo catalogue and, after its items, `count` more made from them: names
// from subject × act × qualifier (食品生产许可延续（企业）, …), each with the
// materials and form of a demo item. A city's catalogue has a few thousand.
std::optional<catalog::Catalog> syntheticCatalogue(int count, QString *error)
{
    QFile file(catalog::CatalogLoader::demoCatalogPath());
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the demo catalogue");
        return std::nullopt;
    }
    QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray demoItems = document.value(QStringLiteral("items")).toArray();
    const QStringList subjects
        = QStringLiteral(
              "食品生产 食品经营 药品零售 医疗器械经营 化妆品生产 特种设备 建筑施工 城市道路占用 "
              "城镇污水排入 公共场所卫生 "
              "医师执业 护士执业 道路运输 出租汽车 危险化学品经营 烟草专卖零售 酒类经营 劳务派遣 "
              "人力资源服务 民办学校 "
              "培训机构 养老机构 殡葬服务 宗教活动场所 户外广告设置 城市绿地占用 林木采伐 取水 排污 放射诊疗 "
              "母婴保健技术服务 单采血浆站 兽药经营 农药经营 种子生产经营 渔业捕捞 船舶登记 网络预约出租汽车 "
              "电影放映 "
              "营业性演出")
              .split(QLatin1Char(' '));
    const QStringList acts
        = QStringLiteral("许可 许可延续 许可变更 许可注销 许可补证 登记 变更登记 注销登记 备案 备案变更 "
                         "证核发 证换发 证补发 "
                         "资格认定 审批 年度报告 检验 核查 确认 验收 评估 复核 延期 撤回 查询")
              .split(QLatin1Char(' '));
    const QStringList qualifiers = {QString(), QStringLiteral("（新办）"), QStringLiteral("（个人）"),
                                    QStringLiteral("（企业）"), QStringLiteral("（跨区域）")};
    QJsonArray items = demoItems;
    for (int k = 0; k < count; ++k) {
        QJsonObject item = demoItems.at(k % demoItems.size()).toObject();
        const int s = k % int(subjects.size());
        const int a = (k / int(subjects.size())) % int(acts.size());
        const int q = (k / int(subjects.size() * acts.size())) % int(qualifiers.size());
        item.insert(QStringLiteral("code"),
                    QStringLiteral("%1-B%2")
                        .arg(item.value(QStringLiteral("code")).toString())
                        .arg(k, 5, 10, QLatin1Char('0')));
        item.insert(QStringLiteral("name"), QString(subjects.at(s) + acts.at(a) + qualifiers.at(q)));
        items.append(item);
    }
    document.insert(QStringLiteral("items"), items);
    catalog::LoadResult loaded
        = catalog::CatalogLoader::load(QJsonDocument(document).toJson(QJsonDocument::Compact));
    if (!loaded.isValid()) {
        *error = loaded.problems.isEmpty() ? QStringLiteral("the synthetic catalogue does not load")
                                           : loaded.problems.constFirst().toString();
        return std::nullopt;
    }
    return std::move(*loaded.catalog);
}

void grab(const IntakeOptions &options, QWidget *page, const QString &name)
{
    if (options.screenshotDir.isEmpty())
        return;
    QDir().mkpath(options.screenshotDir);
    page->grab().save(QDir(options.screenshotDir).filePath(name + QStringLiteral(".png")));
}

std::unique_ptr<ui::IntakePage> makePage(const QSqlDatabase &db, const ui::Session &session,
                                         const catalog::Catalog &catalog, const QString &noticeDir)
{
    ui::IntakePage::Options options;
    options.noticeDirectory = noticeDir;
    options.showPreview = false;
    auto page = std::make_unique<ui::IntakePage>(db, session, catalog, options);
    page->resize(1280, 900);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        std::fprintf(stderr, "  the intake page was not exposed\n");
    return page;
}

// (a) Types ID numbers of applicants with cases; times the last digit to the history painted.
bool measureHistory(const IntakeOptions &options, const QSqlDatabase &db, ui::IntakePage *page,
                    IntakeFigures *figures)
{
    storage::ApplicantRepository applicants(db);
    storage::CaseRepository cases(db);
    storage::SettingsRepository settings(db);
    QList<qint64> queries;
    QList<qint64> drafts;
    QList<qint64> cpuSamples;
    auto *idEdit = page->findChild<QLineEdit *>(QStringLiteral("idNumberLineEdit"));
    auto *nameEdit = page->findChild<QLineEdit *>(QStringLiteral("applicantNameLineEdit"));
    auto *phoneEdit = page->findChild<QLineEdit *>(QStringLiteral("applicantPhoneLineEdit"));
    auto *history = page->findChild<QTreeWidget *>(QStringLiteral("historyTreeWidget"));
    if (!idEdit || !nameEdit || !phoneEdit || !history) {
        figures->error
            = QStringLiteral("the intake page lacks the ID number, name or phone field or the history");
        return false;
    }
    // The next applicant: what the page filled in for the last one goes.
    const auto clearApplicant = [&] {
        idEdit->clear();
        nameEdit->clear();
        phoneEdit->clear();
    };
    ListWatch watch(history);
    PaintCount paints;
    const DataGenerator generator(options.cases, options.seed);
    QRandomGenerator random(options.seed ^ 0x1a7a4eu);
    QList<qint64> samples;
    qint64 rows = 0;
    QElapsedTimer timer;
    timer.start();
    const auto filled = [history] {
        return history->topLevelItemCount() > 0
            && history->topLevelItem(0)->text(0).startsWith(QLatin1String("YCT-"));
    };
    for (int n = 0; n < options.warmup + options.applicants;) {
        const QString id = generator.idNumberOf(int(random.bounded(options.cases)));
        if (id.startsWith(QLatin1String("91")))
            continue; // a legal person's credit code: the page would need the organisation kind
        clearApplicant();
        idEdit->setFocus();
        for (qsizetype i = 0; i + 1 < id.size(); ++i)
            typeCharacter(idEdit, id.at(i));
        QCoreApplication::processEvents();
        if (filled()) {
            figures->error = QStringLiteral("the history was shown before the ID number was complete");
            return false;
        }
        paints.counting = n >= options.warmup;
        const qint64 cpuStart = threadCpuNs();
        const qint64 start = timer.nsecsElapsed();
        typeCharacter(idEdit, id.back());
        if (!spinUntil(timer, waitLimitMs, filled)) {
            figures->error = QStringLiteral("no history shown for %1").arg(id.left(6) + QStringLiteral("…"));
            return false;
        }
        if (!spinUntil(timer, waitLimitMs, [&] { return watch.paintedSinceChange(); })) {
            figures->error = QStringLiteral("the history was not painted");
            return false;
        }
        const qint64 elapsed = timer.nsecsElapsed() - start;
        const qint64 cpu = threadCpuNs() - cpuStart;
        paints.counting = false;
        if (n >= options.warmup) {
            samples.append(elapsed);
            cpuSamples.append(cpu);
            rows += history->topLevelItemCount();
            qint64 partStart = timer.nsecsElapsed();
            const bool known = applicants.findByIdNumber(id).has_value();
            const bool hasCases = !cases.findByApplicantIdNumber(id, 50).isEmpty();
            queries.append(timer.nsecsElapsed() - partStart);
            if (!known || !hasCases) {
                figures->error = QStringLiteral("the store does not know an applicant the page showed");
                return false;
            }
            // A changed text, as every save of the page is (JSON allows the trailing space).
            QString draft = settings.value(ui::IntakePage::draftKey());
            draft = draft.endsWith(QLatin1Char(' ')) ? draft.chopped(1) : draft + QLatin1Char(' ');
            partStart = timer.nsecsElapsed();
            if (!settings.setValue(ui::IntakePage::draftKey(), draft)) {
                figures->error = settings.lastError();
                return false;
            }
            drafts.append(timer.nsecsElapsed() - partStart);
        }
        if (n == options.warmup)
            grab(options, page, QStringLiteral("intake-history"));
        ++n;
    }
    clearApplicant();
    QCoreApplication::processEvents();
    figures->history = percentiles(samples);
    figures->historyCpu = percentiles(cpuSamples);
    figures->historyQueries = percentiles(queries);
    figures->historyPaints = paintSummary(paints, samples.size());
    figures->draftSave = percentiles(drafts);
    figures->meanRows = double(rows) / double(std::max<qsizetype>(1, samples.size()));
    return true;
}

// (b) Types each query one character at a time; times each keystroke to the results painted.
bool measureSearch(const IntakeOptions &options, ui::IntakePage *page, const catalog::Catalog &catalog,
                   const QStringList &queries, SearchFigures *figures, QString *error)
{
    // The catalogue's part of a keystroke, timed apart from the page: the same search on the same texts.
    const catalog::ItemSearch itemSearch(catalog);
    QList<qint64> searchOnly;
    auto *searchEdit = page->findChild<QLineEdit *>(QStringLiteral("itemSearchLineEdit"));
    auto *results = page->findChild<QListWidget *>(QStringLiteral("itemResultsListWidget"));
    if (!searchEdit || !results) {
        *error = QStringLiteral("the intake page has no itemSearchLineEdit or itemResultsListWidget");
        return false;
    }
    ListWatch watch(results);
    PaintCount paints;
    QList<qint64> keystrokes;
    QList<qint64> cpu;
    QList<qint64> debounces;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < options.searchRounds; ++round) {
        for (const QString &query : queries) {
            searchEdit->setFocus();
            searchEdit->clear();
            spinUntil(timer, 50, [] { return false; }); // let a pending (debounced) search run untimed
            for (const QChar c : query) {
                const int changesBefore = watch.changes;
                paints.counting = true;
                const qint64 cpuStart = threadCpuNs();
                const qint64 start = timer.nsecsElapsed();
                typeCharacter(searchEdit, c);
                const qint64 keyDone = timer.nsecsElapsed();
                const bool inside = watch.changes != changesBefore;
                if (!spinUntil(timer, waitLimitMs, [&] { return watch.changes != changesBefore; })) {
                    *error = QStringLiteral("no results shown for \"%1\"").arg(searchEdit->text());
                    return false;
                }
                const qint64 updated = timer.nsecsElapsed();
                if (!spinUntil(timer, waitLimitMs, [&] { return watch.paintedSinceChange(); })) {
                    *error = QStringLiteral("the results of \"%1\" were not painted").arg(searchEdit->text());
                    return false;
                }
                keystrokes.append(timer.nsecsElapsed() - start);
                cpu.append(threadCpuNs() - cpuStart);
                paints.counting = false;
                debounces.append(inside ? 0 : updated - keyDone);
                if (inside)
                    ++figures->updatesInsideKeyEvent;
                const qint64 searchStart = timer.nsecsElapsed();
                const QList<catalog::ItemSearchHit> hits = itemSearch.search(searchEdit->text(), 20);
                searchOnly.append(timer.nsecsElapsed() - searchStart);
                if (hits.isEmpty() != (results->count() == 0)) {
                    *error = QStringLiteral("the page and the catalogue disagree on \"%1\"")
                                 .arg(searchEdit->text());
                    return false;
                }
            }
            if (round == 0 && query == queries.constFirst())
                grab(options, page, QStringLiteral("intake-search-") + figures->catalogue);
        }
    }
    searchEdit->clear();
    QCoreApplication::processEvents();
    figures->keystroke = percentiles(keystrokes);
    figures->keystrokeCpu = percentiles(cpu);
    figures->debounce = percentiles(debounces);
    figures->searchOnly = percentiles(searchOnly);
    figures->paints = paintSummary(paints, keystrokes.size());
    return true;
}

} // namespace

IntakeFigures measureIntake(const IntakeOptions &options)
{
    IntakeFigures figures;
    storage::StoreStatus status;
    // As the workstation after its start: a fresh connection through the keychain.
    std::unique_ptr<storage::Store> store = storage::Store::open(options.dataDir, &status);
    if (!store) {
        figures.error = status.message;
        return figures;
    }
    QTemporaryDir notices;
    const ui::Session session = benchSession(options.dataDir);
    const QSqlDatabase db = store->database();
    if (options.withoutFsync) {
        QSqlQuery pragma(db);
        if (!pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL"))) {
            figures.error = pragma.lastError().text();
            return figures;
        }
    }
    QString error;
    const catalog::Catalog demo = ui::IntakePage::loadCatalog(db, &error);
    if (demo.items().isEmpty()) {
        figures.error = QStringLiteral("no catalogue: %1").arg(error);
        return figures;
    }
    const std::optional<catalog::Catalog> large = syntheticCatalogue(options.largeCatalogue, &error);
    if (!large) {
        figures.error = error;
        return figures;
    }
    figures.queries
        = {QStringLiteral("食品经营许可"), QStringLiteral("spjy"),       QStringLiteral("shipinjingying"),
           QStringLiteral("SCJG-XK-001"),  QStringLiteral("不动产登记"), QStringLiteral("bdcdj")};

    {
        QElapsedTimer built;
        built.start();
        std::unique_ptr<ui::IntakePage> page = makePage(db, session, demo, notices.path());
        SearchFigures search;
        search.catalogue = QStringLiteral("demo");
        search.indexMs = double(built.nsecsElapsed()) / 1e6;
        search.entries = int(demo.items().size() + demo.bundles().size());
        if (!measureHistory(options, db, page.get(), &figures))
            return figures;
        std::fprintf(stderr, "  history: p50 %.2f ms, p99 %.2f ms\n", figures.history.p50Ms,
                     figures.history.p99Ms);
        if (!measureSearch(options, page.get(), demo, figures.queries, &search, &figures.error))
            return figures;
        figures.search.append(search);
    }
    {
        QElapsedTimer built;
        built.start();
        std::unique_ptr<ui::IntakePage> page = makePage(db, session, *large, notices.path());
        SearchFigures search;
        search.catalogue = QStringLiteral("synthetic");
        search.indexMs = double(built.nsecsElapsed()) / 1e6;
        search.entries = int(large->items().size() + large->bundles().size());
        if (!measureSearch(options, page.get(), *large, figures.queries, &search, &figures.error))
            return figures;
        figures.search.append(search);
    }
    return figures;
}

} // namespace ow::bench
