// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QGroupBox>
#include <QStringList>

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QToolButton;

// The failover part of the connection pane: the brokers tried after the first one, one URL a
// row (any form Mqtt::parseBrokerAddress() reads), checked as they are typed and in an order
// the user can change; and, for MQTT 5.0, whether a Server Reference the broker sends is
// followed.
class FailoverEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit FailoverEditor(QWidget *parent = nullptr);

    // The URLs of the rows that are not empty, in order.
    QStringList urls() const;
    void setUrls(const QStringList &urls);
    // Adds a row, e.g. for a URL pasted elsewhere; an empty one is opened for typing.
    void addUrl(const QString &url = QString());
    // Moves the current row up (-1) or down (+1).
    void moveCurrentRow(int offset);
    void removeCurrentRow();

    bool followServerReference() const;
    void setFollowServerReference(bool follow);
    // Following a Server Reference exists in 5.0 only.
    void setServerReferenceAvailable(bool available);

    // Why the first row that holds no usable broker URL does not (empty when all do).
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    void validate();
    void updateButtons();

    QListWidget *m_list;
    QToolButton *m_addButton;
    QToolButton *m_removeButton;
    QToolButton *m_upButton;
    QToolButton *m_downButton;
    QLabel *m_problemLabel;
    QCheckBox *m_followCheck;
    QString m_problem;
};
