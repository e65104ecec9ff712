// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/core/core_export.h"

#include <QString>
#include <QStringList>

namespace ow::core {

// Chooses and installs the UI language. Simplified Chinese is the default for
// a Chinese system locale and for any locale we have no translation for;
// `--lang` overrides the system locale.
class OW_CORE_EXPORT Localization
{
public:
    // Languages the application ships, as accepted by --lang.
    static QStringList availableLanguages();
    // The language to use for an explicit choice (may be empty) and the system locale name.
    static QString resolveLanguage(const QString &requested, const QString &systemLocaleName);
    // Loads the application's and Qt's own translations for `language` into the
    // running application. Returns false if the application's catalogue is missing.
    static bool install(const QString &language);
    // The language installed last (empty before install()).
    static QString currentLanguage();
};

} // namespace ow::core
