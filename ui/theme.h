// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

// Named colours for what the palette has no role for (errors, warnings, diff marks...). Every
// colour in ui/ comes from the palette or from here, so Light and Dark both work: the colour of
// a role depends on whether the palette is dark.
namespace Theme {

enum class Role {
    Error, // refusals and failures: text of error labels, underlines in editors
    Warning, // something worth a look that is not a failure
    Success, // connected, passed
    Muted, // secondary text (idle states, hints)
    DiffAdded, // background of what a diff adds
    DiffRemoved, // background of what a diff removes
    DiffChanged, // background of what a diff changes
};

// True when the palette's window colour is dark.
bool isDark(const QPalette &palette);

QColor color(Role role, const QPalette &palette);

// "color: <name>;" for a label's style sheet. A style sheet keeps the colour it was given:
// prefer setTextRole(), which follows a change of theme.
QString styleSheetColor(Role role, const QPalette &palette);

// Shows the widget's text (its palette's WindowText and Text) in the role's colour, and
// keeps it so when the palette changes (Settings → Theme): the colour is taken again from the
// palette the widget inherits.
void setTextRole(QWidget *widget, Role role);
// Back to the text colour the widget inherits.
void clearTextRole(QWidget *widget);

} // namespace Theme
