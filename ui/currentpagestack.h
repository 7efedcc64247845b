// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStackedWidget>

// A stack of pages only as small as the page it shows may be. QStackedWidget takes the largest
// minimum of all its pages, so the topic tree behind the message log (or another connection's
// view) would keep the middle of the window tall and push the docks below it into scrolling.
class CurrentPageStack : public QStackedWidget
{
    Q_OBJECT
public:
    explicit CurrentPageStack(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
};
