// SPDX-License-Identifier: Apache-2.0
#include "currentpagestack.h"

#include <QLayout>

CurrentPageStack::CurrentPageStack(QWidget *parent) : QStackedWidget(parent)
{
    // Another page's minimum holds from now on.
    connect(this, &QStackedWidget::currentChanged, this, [this] { updateGeometry(); });
}

QSize CurrentPageStack::minimumSizeHint() const
{
    const QWidget *page = currentWidget();
    if (!page)
        return QStackedWidget::minimumSizeHint();
    // What a layout grants the page (its explicit minimum, else its hint, as its size policy
    // says), plus the frame.
    QWidgetItem item(const_cast<QWidget *>(page));
    const int frame = 2 * frameWidth();
    return item.minimumSize() + QSize(frame, frame);
}
