// SPDX-License-Identifier: Apache-2.0
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Translations {

namespace {

// Qt's own catalogues for the modules whose texts reach the user (socket errors, standard
// dialogs and buttons, WebSocket handshake errors). Debian ships them in qt6-translations-l10n;
// a module without a catalogue for the language is skipped.
const char *const QtCatalogues[] = {"qtbase", "qtwebsockets"};

bool load(QCoreApplication *application, const QLocale &locale, const QString &name,
          const QString &folder)
{
    auto *translator = new QTranslator(application);
    if (translator->load(locale, name, QStringLiteral("_"), folder)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

} // namespace

QLocale install(QCoreApplication *application, const QString &language)
{
    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    const QString ours = QStringLiteral(":/i18n");
    if (!load(application, locale, QStringLiteral("switchboard"), ours)) {
        // No translation for this language (or the C locale): English throughout, with the
        // English catalogue's plural forms and English number formats.
        locale = QLocale(QLocale::English);
        if (!load(application, locale, QStringLiteral("switchboard"), ours))
            return QLocale::c();
    }
    const QString qtFolder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    for (const char *catalogue : QtCatalogues)
        load(application, locale, QString::fromLatin1(catalogue), qtFolder);
    QLocale::setDefault(locale);
    return locale;
}

} // namespace Translations
