// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow: the clerk workstation. Parses the command line and hands off.

#include <ow/core/localization.h>
#include <ow/ui/tr.h>
#include <ow/ui/workstation.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFont>
#include <QLocale>
#include <QStandardPaths>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QApplication::setApplicationName(QStringLiteral("onewindow"));
    QApplication::setApplicationDisplayName(QStringLiteral("OneWindow"));
    QApplication::setApplicationVersion(QStringLiteral(ONEWINDOW_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("cn.onewindow.Workstation"));

    // The language must be known before any text is produced, including the parser's.
    const QStringList arguments = QApplication::arguments();
    QString language;
    const qsizetype langIndex = arguments.indexOf(QStringLiteral("--lang"));
    if (langIndex > 0 && langIndex + 1 < arguments.size())
        language = arguments.at(langIndex + 1);
    ow::core::Localization::install(
        ow::core::Localization::resolveLanguage(language, QLocale::system().name()));
    // Qt's font fallback may pick a Japanese or Traditional face for Hanzi; name the SC face.
    QFont font = QApplication::font();
    font.setFamilies({QStringLiteral("Noto Sans CJK SC"), font.family()});
    QApplication::setFont(font);

    QCommandLineParser parser;
    parser.setApplicationDescription(ow::ui::Tr::tr("OneWindow comprehensive service workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(QStringLiteral("lang"), ow::ui::Tr::tr("User interface language."),
                                        QStringLiteral("zh_CN|en"));
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          ow::ui::Tr::tr("Address of the central server."),
                                          QStringLiteral("URL"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           ow::ui::Tr::tr("Folder of the local store."), QStringLiteral("DIR"));
    const QCommandLineOption userOption(QStringLiteral("user"), ow::ui::Tr::tr("User name to pre-fill."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption recoveryKeyOption(
        QStringLiteral("recovery-public-key"),
        ow::ui::Tr::tr("The centre's recovery public key, for a local store made on first use."),
        QStringLiteral("FILE"));
    parser.addOptions({langOption, serverOption, dataDirOption, userOption, recoveryKeyOption});
    parser.process(app);
    if (!language.isEmpty() && !ow::core::Localization::availableLanguages().contains(language)) {
        QTextStream(stderr) << ow::ui::Tr::tr("Unknown language \"%1\"; available: %2.")
                                   .arg(language, ow::core::Localization::availableLanguages().join(
                                                      QStringLiteral(", ")))
                            << '\n';
        return 2;
    }

    ow::ui::Workstation::Options options;
    options.serverUrl = QUrl::fromUserInput(parser.value(serverOption));
    options.dataDir = parser.isSet(dataDirOption)
                          ? QDir(parser.value(dataDirOption)).absolutePath()
                          : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.userName = parser.value(userOption);
    options.recoveryPublicKeyFile = parser.value(recoveryKeyOption);

    ow::ui::Workstation workstation(options);
    if (!workstation.signIn())
        return 0;
    return QApplication::exec();
}
