// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The online/offline state a clerk sees, against a real central server.

#include <ow/sync/connectionmonitor.h>
#include <ow/test/centralprocess.h>
#include <ow/test/tempdatadir.h>

#include <QSignalSpy>
#include <QTest>

using ow::sync::ConnectionMonitor;

class TestConnectionMonitor : public QObject
{
    Q_OBJECT

private slots:
    void onlineThenOfflineWhenTheServerStops();
    void noServerConfiguredIsOffline();
    void foreignServerIsOffline();

private:
    static bool probeOnce(ConnectionMonitor &monitor)
    {
        QSignalSpy probed(&monitor, &ConnectionMonitor::probed);
        monitor.probe();
        return probed.count() > 0 || probed.wait(15000);
    }
};

void TestConnectionMonitor::onlineThenOfflineWhenTheServerStops()
{
    ow::test::TempDataDir dir;
    ow::test::CentralProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.error()));

    ConnectionMonitor monitor;
    monitor.setServerUrl(server.url());
    QSignalSpy changed(&monitor, &ConnectionMonitor::stateChanged);
    QVERIFY(probeOnce(monitor));
    QCOMPARE(monitor.state(), ConnectionMonitor::State::Online);
    QVERIFY(!monitor.serverVersion().isEmpty());
    QCOMPARE(changed.count(), 1);

    server.stop();
    QVERIFY(probeOnce(monitor));
    QCOMPARE(monitor.state(), ConnectionMonitor::State::Offline);
    QVERIFY2(monitor.detail().contains(server.url().toDisplayString()), qPrintable(monitor.detail()));
    QCOMPARE(changed.count(), 2);
}

void TestConnectionMonitor::noServerConfiguredIsOffline()
{
    ConnectionMonitor monitor;
    QVERIFY(probeOnce(monitor));
    QCOMPARE(monitor.state(), ConnectionMonitor::State::Offline);
    QVERIFY(!monitor.detail().isEmpty());
}

void TestConnectionMonitor::foreignServerIsOffline()
{
    // A web server that is not ours answers 404 on /healthz: not "online".
    ow::test::TempDataDir dir;
    ow::test::CentralProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.error()));
    ConnectionMonitor monitor;
    monitor.setServerUrl(server.url().resolved(QUrl(QStringLiteral("/not-onewindow/"))));
    QVERIFY(probeOnce(monitor));
    QCOMPARE(monitor.state(), ConnectionMonitor::State::Offline);
}

QTEST_GUILESS_MAIN(TestConnectionMonitor)
#include "tst_connectionmonitor.moc"
