#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace Translations {

// Loads Switchboard's translation (embedded under :/i18n) and Qt's own for the language:
// an empty language follows the system locale. Returns the locale used ("C" when none).
QLocale install(QCoreApplication *application, const QString &language = QString());

} // namespace Translations
