// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace Translations {

// Loads Switchboard's translation (embedded under :/i18n) and Qt's own for the language, and
// makes its locale the default one (numbers, sizes): an empty language follows the system
// locale. A language without a translation falls back to English (the source texts with the
// English plural forms of switchboard_en). Returns the locale used.
QLocale install(QCoreApplication *application, const QString &language = QString());

} // namespace Translations
