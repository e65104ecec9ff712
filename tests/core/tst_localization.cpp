// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The UI language: which one a user gets, and that the shipped catalogues are
// complete, so a Chinese-locale clerk never meets an untranslated string.

#include <ow/core/localization.h>
#include <ow/test/fixtures.h>

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using ow::core::Localization;

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations;
    QString type;
    bool numerus = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{context, {}, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            if (current.numerus) {
                while (xml.readNextStartElement())
                    current.translations << xml.readElementText();
            } else {
                current.translations << xml.readElementText();
            }
            messages << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(0));
    return found;
}

} // namespace

class TestLocalization : public QObject
{
    Q_OBJECT

private slots:
    void resolvesTheLanguage_data();
    void resolvesTheLanguage();
    void catalogueIsComplete_data();
    void catalogueIsComplete();
    void chineseIsInstalled();
    void englishIsInstalled();
};

void TestLocalization::resolvesTheLanguage_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("expected");
    QTest::newRow("chinese system") << QString() << QStringLiteral("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("taiwan system") << QString() << QStringLiteral("zh_TW") << QStringLiteral("zh_CN");
    QTest::newRow("english system") << QString() << QStringLiteral("en_US") << QStringLiteral("en");
    QTest::newRow("C locale") << QString() << QStringLiteral("C") << QStringLiteral("zh_CN");
    QTest::newRow("unknown locale") << QString() << QStringLiteral("de_DE") << QStringLiteral("zh_CN");
    QTest::newRow("override to en") << QStringLiteral("en") << QStringLiteral("zh_CN") << QStringLiteral("en");
    QTest::newRow("override to zh") << QStringLiteral("zh_CN") << QStringLiteral("en_GB") << QStringLiteral("zh_CN");
    QTest::newRow("dash form") << QStringLiteral("en-US") << QStringLiteral("zh_CN") << QStringLiteral("en");
}

void TestLocalization::resolvesTheLanguage()
{
    QFETCH(QString, requested);
    QFETCH(QString, system);
    QFETCH(QString, expected);
    QCOMPARE(Localization::resolveLanguage(requested, system), expected);
}

void TestLocalization::catalogueIsComplete_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &language : Localization::availableLanguages())
        QTest::newRow(qPrintable(language))
            << ow::test::sourcePath(QStringLiteral("translations/onewindow_%1.ts").arg(language));
}

void TestLocalization::catalogueIsComplete()
{
    QFETCH(QString, path);
    QString error;
    const QList<Message> messages = readTs(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() > 20, "the catalogue is nearly empty: run the update_translations target");
    QStringList problems;
    for (const Message &m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty()) {
            problems << where + QStringLiteral(" is ") + m.type;
            continue;
        }
        for (const QString &t : m.translations) {
            if (t.isEmpty())
                problems << where + QStringLiteral(" has an empty translation");
            else if (placeholders(t) != placeholders(m.source))
                problems << where + QStringLiteral(" has other placeholders than its source: ") + t;
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestLocalization::chineseIsInstalled()
{
    QVERIFY(Localization::install(QStringLiteral("zh_CN")));
    QCOMPARE(Localization::currentLanguage(), QStringLiteral("zh_CN"));
    QCOMPARE(QCoreApplication::translate("Sync", "Online"), QStringLiteral("在线"));
    QCOMPARE(QCoreApplication::translate("Sync", "Offline"), QStringLiteral("离线"));
}

void TestLocalization::englishIsInstalled()
{
    QVERIFY(Localization::install(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("Sync", "Online"), QStringLiteral("Online"));
}

QTEST_GUILESS_MAIN(TestLocalization)
#include "tst_localization.moc"
