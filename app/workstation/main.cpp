// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// onewindow: the clerk workstation. Parses the command line and hands off.

#include <ow/core/localization.h>
#include <ow/ui/kioskwindow.h>
#include <ow/ui/queuedisplaywindow.h>
#include <ow/ui/storeopener.h>
#include <ow/ui/tr.h>
#include <ow/ui/workstation.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFont>
#include <QKeySequence>
#include <QLocale>
#include <QMessageBox>
#include <QScreen>
#include <QShortcut>
#include <QStandardPaths>
#include <QTextStream>

#include <cstring>
#include <memory>
#include <vector>

int main(int argc, char *argv[])
{
    // Qt's X11 platform reads "--display NAME" as the X server to use; this
    // program's --display (the hall's queue display) is taken out before Qt sees it.
    bool queueDisplay = false;
    std::vector<char *> qtArguments;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::strcmp(argv[i], "--display") == 0)
            queueDisplay = true;
        else
            qtArguments.push_back(argv[i]);
    }
    int qtArgc = int(qtArguments.size());
    qtArguments.push_back(nullptr);
    QApplication app(qtArgc, qtArguments.data());
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
    const QCommandLineOption kioskOption(
        QStringLiteral("kiosk"),
        ow::ui::Tr::tr("Run as the full-screen ticket kiosk of the queue (no sign-in)."));
    const QCommandLineOption displayOption(
        QStringLiteral("display"),
        ow::ui::Tr::tr("Run as the full-screen display of the numbers being called (no sign-in)."));
    parser.addOptions(
        {langOption, serverOption, dataDirOption, userOption, recoveryKeyOption, kioskOption, displayOption});
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

    if (parser.isSet(kioskOption) || queueDisplay) {
        if (parser.isSet(kioskOption) && queueDisplay) {
            QTextStream(stderr) << ow::ui::Tr::tr("Choose either --kiosk or --display, not both.") << '\n';
            return 2;
        }
        // The kiosk and the display share the workstation's local store (the
        // windows write the queue there); nobody signs in to them.
        ow::ui::StoreOpener::Result opened
            = ow::ui::StoreOpener::openOrCreate(options.dataDir, options.recoveryPublicKeyFile);
        if (!opened.store) {
            QMessageBox::critical(nullptr, ow::ui::Tr::tr("The local store cannot be opened"), opened.error);
            return 1;
        }
        std::unique_ptr<QWidget> window;
        if (parser.isSet(kioskOption))
            window = std::make_unique<ow::ui::KioskWindow>(opened.store->database());
        else
            window = std::make_unique<ow::ui::QueueDisplayWindow>(opened.store->database());
        // Full screen has no title bar: the staff close it from the keyboard.
        auto *quit = new QShortcut(QKeySequence::Quit, window.get());
        QObject::connect(quit, &QShortcut::activated, window.get(), &QWidget::close);
        // Without a window manager full screen is only a request: cover the screen ourselves.
        window->setGeometry(QApplication::primaryScreen()->geometry());
        window->showFullScreen();
        const int status = QApplication::exec();
        window.reset(); // before the store it reads
        return status;
    }

    ow::ui::Workstation workstation(options);
    if (!workstation.signIn())
        return 0;
    return QApplication::exec();
}
