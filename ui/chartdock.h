// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QDockWidget>

#include <functional>
#include <memory>

class ChartPane;
class ChartSeriesModel;
class ConnectionWorkspace;
class MessageLogPane;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class TopicTreePane;
namespace Payload {
struct DecodeResult;
}

// "Chart this": the topic (or filter) and the field path of a new series, offering the numeric
// fields of the topic's last message and showing what the path gives in it.
class ChartSeriesDialog : public QDialog
{
    Q_OBJECT
public:
    // last: the topic's last message decoded, or null when none came yet.
    ChartSeriesDialog(const QString &topic, const QString &path,
                      std::shared_ptr<const Payload::DecodeResult> last, QWidget *parent = nullptr);
    ~ChartSeriesDialog() override;

    QString topicFilter() const;
    QString path() const;
    QLineEdit *topicEdit() const { return m_topic; }
    QComboBox *pathCombo() const { return m_path; }
    // What the path gives in the last message, or why it is refused.
    QString previewText() const;

private:
    void updatePreview();

    std::shared_ptr<const Payload::DecodeResult> m_last;
    QLineEdit *m_topic = nullptr;
    QComboBox *m_path = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_ok = nullptr;
};

// View → Charts: the live charts (a ChartPane over the window's ChartSeriesModel) in a dock,
// fed by every open connection, with "Chart this" from each connection's topic tree and from
// the decoded fields of its detail views. The series outlive the window: each is kept in the
// settings (charts/series: connection name, topic filter, field path) and charted again, empty,
// when a connection of that name opens.
class ChartDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ChartDock(QWidget *parent = nullptr);
    ~ChartDock() override;

    ChartPane *pane() const { return m_pane; }
    ChartSeriesModel *model() const { return m_model; }

    // The connection's messages feed the charts; its panes offer "Chart this".
    void addConnection(ConnectionWorkspace *workspace, TopicTreePane *tree, MessageLogPane *log);
    // The views of all connections: the tree's topics are charted from the connection current()
    // gives, the log's messages from their own connection (byId()).
    void setCombinedPanes(TopicTreePane *tree, MessageLogPane *log,
                          const std::function<ConnectionWorkspace *()> &current,
                          const std::function<ConnectionWorkspace *(quint16 id)> &byId);
    // Asks for the series (window-modal; returns at once); accepted, it is charted and the
    // dock shown.
    ChartSeriesDialog *chartThis(ConnectionWorkspace *workspace, const QString &topic,
                                 const QString &path = QString());
    // Shows the dock in front of the docks it shares a tab bar with.
    void bringForward();

private:
    struct SavedSeries
    {
        QString connectionName;
        QString topicFilter;
        QString path;
    };
    void chartSaved(ConnectionWorkspace *workspace);
    void saveSeries() const;

    ChartSeriesModel *m_model = nullptr;
    ChartPane *m_pane = nullptr;
    // Saved series whose connection has not opened yet (kept in the settings meanwhile).
    QList<SavedSeries> m_waiting;
};
