// SPDX-License-Identifier: Apache-2.0
#include "theme.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

namespace Theme {

namespace {

const char TextRoleName[] = "themeTextRole";

// Child of a widget given a text role: sets the role's colour on it again whenever its
// palette changes.
class TextRoleKeeper : public QObject
{
public:
    TextRoleKeeper(QWidget *widget, Role role) : QObject(widget), m_widget(widget), m_role(role)
    {
        setObjectName(QLatin1String(TextRoleName));
        widget->installEventFilter(this);
    }

    void setRole(Role role)
    {
        m_role = role;
        apply();
    }

    void apply()
    {
        // The colour follows what the widget inherits, not the roles set here.
        const QWidget *parent = m_widget->parentWidget();
        const QPalette inherited = parent ? parent->palette() : QApplication::palette(m_widget);
        const QColor wanted = color(m_role, inherited);
        QPalette palette = m_widget->palette();
        if (palette.color(QPalette::WindowText) == wanted && palette.color(QPalette::Text) == wanted)
            return; // also ends the PaletteChange that setPalette() sends
        palette.setColor(QPalette::WindowText, wanted);
        palette.setColor(QPalette::Text, wanted);
        m_widget->setPalette(palette);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget &&
            (event->type() == QEvent::PaletteChange || event->type() == QEvent::ParentChange))
            apply();
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget *m_widget;
    Role m_role;
};

TextRoleKeeper *keeperOf(const QWidget *widget)
{
    return static_cast<TextRoleKeeper *>(
            widget->findChild<QObject *>(QLatin1String(TextRoleName), Qt::FindDirectChildrenOnly));
}

} // namespace

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
        return dark ? QColor(Qt::green).lighter(120) : QColor(Qt::darkGreen).darker(120);
    case Role::Muted: {
        // Between the text and the window, nearer the text: quieter, still readable (a WCAG
        // contrast above 4.5 with the standard light palette and the dark one).
        const QColor text = palette.color(QPalette::WindowText);
        const QColor window = palette.color(QPalette::Window);
        const auto mix = [](float from, float to) { return from + (to - from) * 0.4f; };
        return QColor::fromRgbF(mix(text.redF(), window.redF()),
                                mix(text.greenF(), window.greenF()),
                                mix(text.blueF(), window.blueF()));
    }
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

void setTextRole(QWidget *widget, Role role)
{
    if (TextRoleKeeper *keeper = keeperOf(widget))
        keeper->setRole(role);
    else
        (new TextRoleKeeper(widget, role))->apply();
}

void clearTextRole(QWidget *widget)
{
    TextRoleKeeper *keeper = keeperOf(widget);
    if (!keeper)
        return;
    delete keeper;
    widget->setPalette(QPalette()); // nothing set: all inherited again
}

} // namespace Theme
