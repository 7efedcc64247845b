// SPDX-License-Identifier: Apache-2.0
#include "dockforward.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QTimer>

void bringDockForward(QDockWidget *dock, int wantedHeight)
{
    dock->show();
    // A dock switches to its tab when raise() changes its stacking order, and a dock just
    // shown gets its tab in the next layout pass: raised then, lowered first in case it is on
    // top already.
    QTimer::singleShot(0, dock, [dock] {
        dock->lower();
        dock->raise();
    });
    // Room for its rows, not only a few (the log keeps the larger part).
    auto *window = qobject_cast<QMainWindow *>(dock->parentWidget());
    const int wanted = window ? qMin(wantedHeight, window->height() / 2) : 0;
    if (window && dock->height() < wanted)
        window->resizeDocks({dock}, {wanted}, Qt::Vertical);
}
