// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Desk tools as a clerk uses them: type a number, read the verdict; pick a
// date and a time limit, read the day it ends.

#include <ow/ui/toolspage.h>

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>

using ow::ui::ToolsPage;

class TestToolsPage : public QObject
{
    Q_OBJECT

private slots:
    void identityNumbers_data();
    void identityNumbers();
    void deadlineAcrossNationalDay();
    void deadlineInAYearWithoutCalendar();
};

void TestToolsPage::identityNumbers_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("valid id") << 0 << QStringLiteral("11010519491231002x") << QStringLiteral("11010519491231002X");
    QTest::newRow("full-width id") << 0 << QStringLiteral("１１０１０５１９４９１２３１００２Ｘ")
                                   << QStringLiteral("1949");
    QTest::newRow("bad check digit") << 0 << QStringLiteral("110105194912310021") << QStringLiteral("✘");
    QTest::newRow("valid uscc") << 1 << QStringLiteral("91350100M000100Y43") << QStringLiteral("91350100M000100Y43");
    QTest::newRow("bad uscc") << 1 << QStringLiteral("91350100M000100Y44") << QStringLiteral("✘");
}

void TestToolsPage::identityNumbers()
{
    QFETCH(int, kind);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    ToolsPage page(ow::core::WorkingCalendar::builtIn());
    page.show();
    auto *kindBox = page.findChild<QComboBox *>(QStringLiteral("identityKindComboBox"));
    auto *edit = page.findChild<QLineEdit *>(QStringLiteral("identityNumberLineEdit"));
    auto *result = page.findChild<QLabel *>(QStringLiteral("identityResultLabel"));
    QVERIFY(kindBox && edit && result);
    kindBox->setCurrentIndex(kind);
    // Full-width digits arrive from an input method or a paste, not as key presses.
    bool ascii = true;
    for (const QChar c : input)
        ascii = ascii && c.unicode() < 128;
    if (ascii)
        QTest::keyClicks(edit, input);
    else
        edit->insert(input);
    QVERIFY2(result->text().contains(expected), qPrintable(result->text()));
}

void TestToolsPage::deadlineAcrossNationalDay()
{
    ToolsPage page(ow::core::WorkingCalendar::builtIn());
    auto *start = page.findChild<QDateEdit *>(QStringLiteral("startDateEdit"));
    auto *days = page.findChild<QSpinBox *>(QStringLiteral("workingDaysSpinBox"));
    auto *result = page.findChild<QLabel *>(QStringLiteral("deadlineResultLabel"));
    QVERIFY(start && days && result);
    // Accepted on Wed 30 Sep 2026: 1–7 Oct are holidays, Sat 10 Oct is a make-up workday,
    // so the fifth working day is Tue 13 Oct.
    start->setDate(QDate(2026, 9, 30));
    days->setValue(5);
    QVERIFY2(result->text().contains(QLocale().toString(QDate(2026, 10, 13), QLocale::LongFormat)),
             qPrintable(result->text()));
}

void TestToolsPage::deadlineInAYearWithoutCalendar()
{
    ToolsPage page(ow::core::WorkingCalendar::builtIn());
    auto *start = page.findChild<QDateEdit *>(QStringLiteral("startDateEdit"));
    auto *result = page.findChild<QLabel *>(QStringLiteral("deadlineResultLabel"));
    start->setDate(QDate(2031, 3, 2));
    QVERIFY2(result->text().contains(QStringLiteral("2031")), qPrintable(result->text()));
    QVERIFY(result->text().contains(QStringLiteral("✘")));
}

QTEST_MAIN(TestToolsPage)
#include "tst_toolspage.moc"
