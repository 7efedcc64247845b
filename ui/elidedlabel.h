// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>

// A one-line label that never widens or heightens its layout: text longer than the room is cut
// with "…" and shown whole in the tooltip. For status lines beside buttons (a word-wrapping
// label in a scrolled pane makes the scroll area lay the pane out at its preferred height).
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QString fullText() const { return m_fullText; }
    void setFullText(const QString &text);

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
};
