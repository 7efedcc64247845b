// SPDX-License-Identifier: Apache-2.0
#include "themecontroller.h"

#include "profilestore.h"
#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMetaEnum>
#include <QProxyStyle>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

namespace {

const char ThemeKey[] = "settings/theme";
const char FusionStyle[] = "Fusion";

// The look the application started with, before any theme was applied.
struct PlatformLook
{
    bool captured = false;
    QString style;
    QPalette palette;
    ThemeController::Mode applied = ThemeController::Mode::System;
};

PlatformLook &platformLook()
{
    static PlatformLook look;
    return look;
}

// Fusion for the dark palette. Fusion outlines check boxes and radio buttons with a darker
// shade of the window colour, which on a dark base hardly shows: they are drawn here as if on
// a light grey window, so that their outline reads (the mark and fill keep the palette's).
class DarkStyle : public QProxyStyle
{
public:
    DarkStyle() : QProxyStyle(QStyleFactory::create(QLatin1String(FusionStyle))) { }

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        if (element != PE_IndicatorCheckBox && element != PE_IndicatorRadioButton) {
            QProxyStyle::drawPrimitive(element, option, painter, widget);
            return;
        }
        const QColor outlineFrom = option->palette.color(QPalette::Disabled, QPalette::WindowText);
        if (const auto *button = qstyleoption_cast<const QStyleOptionButton *>(option)) {
            QStyleOptionButton lighter(*button);
            lighter.palette.setColor(QPalette::Window, outlineFrom);
            QProxyStyle::drawPrimitive(element, &lighter, painter, widget);
        } else {
            QStyleOption lighter(*option);
            lighter.palette.setColor(QPalette::Window, outlineFrom);
            QProxyStyle::drawPrimitive(element, &lighter, painter, widget);
        }
    }
};

void setStyleAndPalette(const QString &style, const QPalette &palette)
{
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(style); // resets the palette: set after
    QApplication::setPalette(palette);
}

} // namespace

ThemeController::ThemeController(QObject *parent) : QObject(parent), m_mode(modeSetting()) { }

ThemeController::Mode ThemeController::modeSetting()
{
    const QString saved = QSettings().value(QLatin1String(ThemeKey)).toString();
    bool known = false;
    const int mode = QMetaEnum::fromType<Mode>().keyToValue(saved.toLatin1().constData(), &known);
    return known ? Mode(mode) : Mode::System;
}

void ThemeController::applySetting()
{
    apply(modeSetting());
}

void ThemeController::capturePlatformLook()
{
    PlatformLook &look = platformLook();
    look.captured = true;
    look.style = QApplication::style()->name();
    look.palette = QApplication::palette();
    look.applied = Mode::System;
}

void ThemeController::apply(Mode mode)
{
    PlatformLook &look = platformLook();
    if (!look.captured)
        capturePlatformLook();
    if (mode == look.applied)
        return;
    look.applied = mode;
    const bool platformIsLight = !Theme::isDark(look.palette);
    if (mode == Mode::System || (mode == Mode::Light && platformIsLight)) {
        setStyleAndPalette(look.style, look.palette);
    } else if (mode == Mode::Light) {
        QApplication::setStyle(QLatin1String(FusionStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QApplication::setStyle(new DarkStyle); // resets the palette: set after
        QApplication::setPalette(darkPalette());
    }
}

QPalette ThemeController::darkPalette()
{
    // The colours are data, not code: roles by name, per colour group.
    QFile file(QStringLiteral(":/themes/dark.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("The dark palette %s cannot be read", qPrintable(file.fileName()));
        return QApplication::palette();
    }
    const QJsonObject groups = QJsonDocument::fromJson(file.readAll()).object();
    const QMetaEnum groupNames = QMetaEnum::fromType<QPalette::ColorGroup>();
    const QMetaEnum roleNames = QMetaEnum::fromType<QPalette::ColorRole>();
    QPalette palette;
    // "All" first, so that the groups' own colours override it.
    for (const char *groupName : {"All", "Active", "Inactive", "Disabled"}) {
        const QJsonObject roles = groups.value(QLatin1String(groupName)).toObject();
        const auto group = QPalette::ColorGroup(groupNames.keyToValue(groupName));
        for (auto it = roles.begin(); it != roles.end(); ++it) {
            bool known = false;
            const int role = roleNames.keyToValue(it.key().toLatin1().constData(), &known);
            const QColor color = QColor::fromString(it.value().toString());
            if (!known || !color.isValid()) {
                qWarning("The dark palette has an unknown role or colour: %s: %s",
                         qPrintable(it.key()), qPrintable(it.value().toString()));
                continue;
            }
            palette.setColor(group, QPalette::ColorRole(role), color);
        }
    }
    return palette;
}

ThemeController::Mode ThemeController::mode() const
{
    return m_mode;
}

void ThemeController::setMode(Mode mode)
{
    apply(mode);
    if (mode == m_mode)
        return;
    m_mode = mode;
    QSettings settings;
    settings.setValue(QLatin1String(ThemeKey),
                      QLatin1String(QMetaEnum::fromType<Mode>().valueToKey(int(mode))));
    settings.sync();
    ProfileStore::restrictToOwner(settings.fileName());
    if (m_actions) {
        for (QAction *action : m_actions->actions())
            action->setChecked(action->data().toInt() == int(mode));
    }
    Q_EMIT modeChanged(mode);
}

QMenu *ThemeController::addMenu(QMenu *parent)
{
    QMenu *menu = parent->addMenu(tr("&Theme"));
    m_actions = new QActionGroup(menu);
    const struct
    {
        Mode mode;
        QString text;
        QString tip;
        const char *name;
    } choices[] = {
            {Mode::System, tr("&System"), tr("The colours and style of the desktop"),
             "themeSystemAction"},
            {Mode::Light, tr("&Light"), tr("Dark text on light backgrounds"), "themeLightAction"},
            {Mode::Dark, tr("&Dark"), tr("Light text on dark backgrounds"), "themeDarkAction"},
    };
    for (const auto &choice : choices) {
        QAction *action = menu->addAction(choice.text);
        action->setObjectName(QLatin1String(choice.name));
        action->setStatusTip(choice.tip);
        action->setCheckable(true);
        action->setChecked(choice.mode == m_mode);
        action->setData(int(choice.mode));
        m_actions->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode = choice.mode] { setMode(mode); });
    }
    return menu;
}
