// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The workstation's main window: navigation, status bar, remembered geometry.

#include <ow/sync/connectionmonitor.h>
#include <ow/test/centralprocess.h>
#include <ow/test/tempdatadir.h>
#include <ow/ui/mainwindow.h>
#include <ow/ui/overviewpage.h>

#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using ow::ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void navigationShowsTheChosenPage();
    void statusBarShowsPendingSyncCount();
    void statusBarShowsOnlineAgainstARealServer();
    void geometryIsRemembered();
};

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::navigationShowsTheChosenPage()
{
    MainWindow window(ow::ui::Session{QStringLiteral("clerk01"), QUrl(), QString(), {}});
    window.addPage(QStringLiteral("first"), QIcon(), QStringLiteral("First"), new QWidget);
    window.addPage(QStringLiteral("second"), QIcon(), QStringLiteral("Second"), new QWidget);
    window.show();
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigationListWidget"));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("pageStackedWidget"));
    QVERIFY(navigation && stack);
    QCOMPARE(navigation->count(), 2);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("firstPage"));

    navigation->setFocus();
    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("secondPage"));
    QCOMPARE(window.currentPageId(), QStringLiteral("second"));
    window.showPage(QStringLiteral("first"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("firstPage"));
}

void TestMainWindow::statusBarShowsPendingSyncCount()
{
    MainWindow window(ow::ui::Session{QStringLiteral("clerk01"), QUrl(), QString(), {}});
    auto *pending = window.findChild<QLabel *>(QStringLiteral("pendingSyncStatusLabel"));
    auto *operatorLabel = window.findChild<QLabel *>(QStringLiteral("operatorStatusLabel"));
    QVERIFY(pending && operatorLabel);
    QVERIFY(pending->text().contains(QLatin1Char('0')));
    window.setPendingSyncCount(17);
    QVERIFY2(pending->text().contains(QStringLiteral("17")), qPrintable(pending->text()));
    QVERIFY(operatorLabel->text().contains(QStringLiteral("clerk01")));
}

void TestMainWindow::statusBarShowsOnlineAgainstARealServer()
{
    ow::test::TempDataDir dir;
    ow::test::CentralProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
    MainWindow window(ow::ui::Session{QStringLiteral("clerk01"), server.url(), QString(), {}});
    auto *connection = window.findChild<QLabel *>(QStringLiteral("connectionStatusLabel"));
    QVERIFY(connection);
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionMonitor()->state(), ow::sync::ConnectionMonitor::State::Online,
                              15000);
    QVERIFY2(connection->text().contains(QStringLiteral("Online")), qPrintable(connection->text()));

    server.stop();
    window.connectionMonitor()->probe();
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionMonitor()->state(), ow::sync::ConnectionMonitor::State::Offline,
                              15000);
    QVERIFY2(connection->text().contains(QStringLiteral("Offline")), qPrintable(connection->text()));
}

void TestMainWindow::geometryIsRemembered()
{
    const QSize size(1000, 700);
    {
        MainWindow window(ow::ui::Session{QStringLiteral("clerk01"), QUrl(), QString(), {}});
        window.show();
        window.resize(size);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.close();
    }
    MainWindow again(ow::ui::Session{QStringLiteral("clerk01"), QUrl(), QString(), {}});
    again.show();
    QCOMPARE(again.size(), size);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
