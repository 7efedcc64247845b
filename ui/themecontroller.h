// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPalette>

class QActionGroup;
class QMenu;

// Light, Dark or the system's look for the whole application (Settings → Theme), applied at
// once and kept in the settings. Qt 6.4 has no colour-scheme API: Dark is the Fusion style
// (check boxes outlined to show on a dark base) with the palette of :/themes/dark.json; Light is
// the platform's look when it is light, else Fusion with its standard light palette; System is the
// style and palette the application started with. Widgets follow through their palettes (see
// Theme::color() and Theme::setTextRole()).
class ThemeController : public QObject
{
    Q_OBJECT

public:
    enum class Mode { System, Light, Dark };
    Q_ENUM(Mode)

    explicit ThemeController(QObject *parent = nullptr);

    // The saved choice; System when none.
    static Mode modeSetting();
    // Applies the saved choice: at start-up, before the first window shows.
    static void applySetting();
    // Applies a mode to the application (style and palette) without saving it.
    static void apply(Mode mode);

    // Remembers the platform's style and palette as they are now: what System shows, and what
    // Light shows on a light desktop. Done once on the first apply(); a test calls it again to
    // stand for another desktop.
    static void capturePlatformLook();

    // The dark palette read from :/themes/dark.json.
    static QPalette darkPalette();

    Mode mode() const;
    // Applies the mode at once and saves it.
    void setMode(Mode mode);

    // "&Theme" with System, Light and Dark (checkable; object names themeSystemAction,
    // themeLightAction, themeDarkAction), added to the menu.
    QMenu *addMenu(QMenu *parent);

Q_SIGNALS:
    void modeChanged(ThemeController::Mode mode);

private:
    Mode m_mode;
    QActionGroup *m_actions = nullptr;
};
