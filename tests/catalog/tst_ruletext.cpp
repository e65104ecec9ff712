// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// Smart-approval rules in words, as the staff manual and a reviewer see them.

#include <ow/catalog/item.h>
#include <ow/catalog/ruletext.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ow::catalog;
using namespace Qt::StringLiterals;

class TestRuleText : public QObject
{
    Q_OBJECT

private slots:
    void describe_data();
    void describe();
};

void TestRuleText::describe_data()
{
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<QString>("expected");

    QTest::newRow("comparison") << QByteArray(R"({">=":[{"var":"applicant.age"},18]})")
                                << u"applicant's age ≥ 18"_s;
    QTest::newRow("form label") << QByteArray(R"({"!!":{"var":"form.businessScope"}})")
                                << u"「经营范围」 is filled in"_s;
    QTest::newRow("choice label") << QByteArray(R"({"==":[{"var":"form.organisationForm"},"family"]})")
                                  << u"「组成形式」 = “家庭经营”"_s;
    QTest::newRow("choice list") << QByteArray(
        R"({"in":[{"var":"form.organisationForm"},["individual","family"]]})")
                                 << u"「组成形式」 is one of [“个人经营”, “家庭经营”]"_s;
    QTest::newRow("nested logic") << QByteArray(
        R"({"and":[{"or":[{"var":"a"},{"var":"b"}]},{"!":{"var":"c"}}]})")
                                  << u"(a or b) and not (c)"_s;
    QTest::newRow("all filled in") << QByteArray(
        R"({"!":{"missing":["form.businessScope","form.organisationForm"]}})")
                                   << u"「经营范围」, 「组成形式」 all filled in"_s;
    QTest::newRow("missing") << QByteArray(R"({"missing":["applicant.age"]})")
                             << u"something missing among applicant's age"_s;
    QTest::newRow("between") << QByteArray(R"({"<":[1,{"var":"form.employees"},10]})")
                             << u"1 < 「从业人数」 < 10"_s;
    QTest::newRow("some") << QByteArray(
        R"({"some":[{"var":"licences"},{"==":[{"var":"type"},"business-licence"]}]})")
                          << u"at least one of licences with type = “business-licence”"_s;
    QTest::newRow("no words for it") << QByteArray(R"({"cat":["a","b"]})") << uR"({"cat":["a","b"]})"_s;
}

void TestRuleText::describe()
{
    QFETCH(QByteArray, rule);
    QFETCH(QString, expected);

    ServiceItem item;
    FormField scope;
    scope.key = u"businessScope"_s;
    scope.label = u"经营范围"_s;
    FormField organisation;
    organisation.key = u"organisationForm"_s;
    organisation.label = u"组成形式"_s;
    organisation.type = FieldType::Choice;
    organisation.options = {{u"individual"_s, u"个人经营"_s}, {u"family"_s, u"家庭经营"_s}};
    FormField employees;
    employees.key = u"employees"_s;
    employees.label = u"从业人数"_s;
    item.form = {scope, organisation, employees};

    QCOMPARE(describeRule(QJsonDocument::fromJson(rule).object(), &item), expected);
}

QTEST_GUILESS_MAIN(TestRuleText)
#include "tst_ruletext.moc"
