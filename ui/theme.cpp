// SPDX-License-Identifier: Apache-2.0
#include "theme.h"

namespace Theme {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor color(Role role, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (role) {
    case Role::Error:
        return dark ? QColor(Qt::red).lighter(150) : QColor(Qt::darkRed);
    case Role::Warning:
        return dark ? QColor(Qt::yellow) : QColor(Qt::darkYellow).darker(120);
    case Role::Success:
        return dark ? QColor(Qt::green).lighter(120) : QColor(Qt::darkGreen);
    case Role::Muted:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case Role::DiffAdded:
        return dark ? QColor(Qt::darkGreen).darker(150) : QColor(Qt::green).lighter(180);
    case Role::DiffRemoved:
        return dark ? QColor(Qt::darkRed).darker(130) : QColor(Qt::red).lighter(180);
    case Role::DiffChanged:
        return dark ? QColor(Qt::darkYellow).darker(150) : QColor(Qt::yellow).lighter(160);
    }
    return palette.color(QPalette::WindowText);
}

QString styleSheetColor(Role role, const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(color(role, palette).name());
}

} // namespace Theme
