// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The login dialog driven with the keyboard, as a clerk does each morning.

#include <ow/test/tempdatadir.h>
#include <ow/ui/logindialog.h>

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTest>

using ow::ui::LoginDialog;

class TestLoginDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void missingFieldsAreNamed_data();
    void missingFieldsAreNamed();
    void completeFormIsAcceptedAndRemembered();
    void passwordIsNeverRemembered();

private:
    struct Fields
    {
        QLineEdit *user;
        QLineEdit *password;
        QLineEdit *server;
        QLabel *error;
        QPushButton *signIn;
    };
    static Fields fields(LoginDialog &dialog)
    {
        return {dialog.findChild<QLineEdit *>(QStringLiteral("userNameLineEdit")),
                dialog.findChild<QLineEdit *>(QStringLiteral("passwordLineEdit")),
                dialog.findChild<QLineEdit *>(QStringLiteral("serverLineEdit")),
                dialog.findChild<QLabel *>(QStringLiteral("errorLabel")),
                dialog.findChild<QPushButton *>(QStringLiteral("signInPushButton"))};
    }
    ow::test::TempDataDir m_dir;
};

void TestLoginDialog::init()
{
    QSettings().clear();
}

void TestLoginDialog::missingFieldsAreNamed_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no user") << QString() << QStringLiteral("pw") << QStringLiteral("http://127.0.0.1:1")
                             << QStringLiteral("Enter your user name.");
    QTest::newRow("blank user") << QStringLiteral("   ") << QStringLiteral("pw")
                                << QStringLiteral("http://127.0.0.1:1") << QStringLiteral("Enter your user name.");
    QTest::newRow("no password") << QStringLiteral("clerk01") << QString() << QStringLiteral("http://127.0.0.1:1")
                                 << QStringLiteral("Enter your password.");
    QTest::newRow("no server") << QStringLiteral("clerk01") << QStringLiteral("pw") << QString()
                               << QStringLiteral("Enter the address of the central server");
    QTest::newRow("not a server") << QStringLiteral("clerk01") << QStringLiteral("pw")
                                  << QStringLiteral("ftp://files.example") << QStringLiteral("is not a server address");
}

void TestLoginDialog::missingFieldsAreNamed()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, server);
    QFETCH(QString, expected);
    LoginDialog dialog;
    dialog.show();
    const Fields f = fields(dialog);
    QVERIFY(f.user && f.password && f.server && f.error && f.signIn);
    QTest::keyClicks(f.user, user);
    QTest::keyClicks(f.password, password);
    QTest::keyClicks(f.server, server);
    QTest::keyClick(f.password, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(f.error->text().contains(expected), qPrintable(f.error->text()));
}

void TestLoginDialog::completeFormIsAcceptedAndRemembered()
{
    {
        LoginDialog dialog;
        dialog.show();
        const Fields f = fields(dialog);
        QTest::keyClicks(f.user, QStringLiteral("clerk01"));
        QTest::keyClicks(f.password, QStringLiteral("secret"));
        QTest::keyClicks(f.server, QStringLiteral("http://127.0.0.1:8470"));
        QTest::mouseClick(f.signIn, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.userName(), QStringLiteral("clerk01"));
        QCOMPARE(dialog.password(), QStringLiteral("secret"));
        QCOMPARE(dialog.serverUrl(), QUrl(QStringLiteral("http://127.0.0.1:8470")));
    }
    LoginDialog next;
    const Fields f = fields(next);
    QCOMPARE(f.user->text(), QStringLiteral("clerk01"));
    QCOMPARE(f.server->text(), QStringLiteral("http://127.0.0.1:8470"));
    QVERIFY(f.password->text().isEmpty());
}

void TestLoginDialog::passwordIsNeverRemembered()
{
    LoginDialog dialog;
    dialog.show();
    const Fields f = fields(dialog);
    QTest::keyClicks(f.user, QStringLiteral("clerk01"));
    QTest::keyClicks(f.password, QStringLiteral("very-secret-pass"));
    QTest::keyClicks(f.server, QStringLiteral("http://127.0.0.1:8470"));
    QTest::keyClick(f.password, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("very-secret-pass"));
}

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
