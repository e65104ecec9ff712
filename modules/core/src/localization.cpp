// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/core/localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace ow::core {

namespace {
QString g_current;
QTranslator *g_appTranslator = nullptr;
QTranslator *g_qtTranslator = nullptr;
} // namespace

QStringList Localization::availableLanguages()
{
    return {QStringLiteral("zh_CN"), QStringLiteral("en")};
}

QString Localization::resolveLanguage(const QString &requested, const QString &systemLocaleName)
{
    const QString wanted = requested.isEmpty() ? systemLocaleName : requested;
    const QString normalised = QString(wanted).replace(QLatin1Char('-'), QLatin1Char('_'));
    if (normalised.startsWith(QLatin1String("en"), Qt::CaseInsensitive))
        return QStringLiteral("en");
    // Chinese (any region) and every locale we do not ship fall back to Simplified Chinese,
    // the language of the centres we serve.
    return QStringLiteral("zh_CN");
}

bool Localization::install(const QString &language)
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return false;
    if (g_appTranslator) {
        QCoreApplication::removeTranslator(g_appTranslator);
        delete g_appTranslator;
        g_appTranslator = nullptr;
    }
    if (g_qtTranslator) {
        QCoreApplication::removeTranslator(g_qtTranslator);
        delete g_qtTranslator;
        g_qtTranslator = nullptr;
    }

    const QLocale locale(language);
    QLocale::setDefault(locale);

    auto qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
        g_qtTranslator = qtTranslator;
    } else {
        delete qtTranslator;
    }

    auto appTranslator = new QTranslator(app);
    const bool loaded = appTranslator->load(QStringLiteral(":/i18n/onewindow_") + language);
    if (loaded) {
        QCoreApplication::installTranslator(appTranslator);
        g_appTranslator = appTranslator;
    } else {
        delete appTranslator;
    }
    g_current = language;
    return loaded;
}

QString Localization::currentLanguage()
{
    return g_current;
}

} // namespace ow::core
