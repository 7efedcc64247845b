// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decodedpayloadview.h"
#include "message.h"
#include "messagelogmodel.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class DiffDialog;
class MessageFilterProxyModel;
class PayloadTextView;
class QModelIndex;
class QPoint;

namespace Ui {
class MessageLogPane;
}

// The live message log: a filter bar, a table over the filter proxy that can follow new rows,
// pause/clear/export, and a plain-text detail view of the selected message.
class MessageLogPane : public QWidget
{
    Q_OBJECT
public:
    // How the detail view shows a payload; Automatic picks per payload: the decoded tree when a
    // rule names the topic's decoder or a binary format was guessed (CBOR, Sparkplug B), the
    // text forms otherwise. Decoded always shows the tree.
    enum class DetailFormat { Automatic, Text, Json, Hex, Base64, Decoded };
    Q_ENUM(DetailFormat)

    enum class ExportFormat { JsonLines, Csv };
    Q_ENUM(ExportFormat)

    explicit MessageLogPane(QWidget *parent = nullptr);
    ~MessageLogPane() override;

    // Whether the Connection column is shown (a log that combines several connections shows
    // it second, after the time).
    enum class ConnectionColumn { Hidden, Shown };
    Q_ENUM(ConnectionColumn)

    void setModels(MessageLogModel *log, MessageFilterProxyModel *proxy,
                   ConnectionColumn connectionColumn = ConnectionColumn::Hidden);

    // The topic filter box (an MQTT topic filter; empty shows every topic), as if typed.
    void setTopicFilter(const QString &filter);
    QString topicFilter() const;

    bool isPaused() const;
    void setPaused(bool paused);
    void togglePaused();
    void clear();
    bool followsTail() const;
    void setFollowsTail(bool follow);

    // Asks for a file and writes the rows the log shows.
    void exportWithDialog();
    // Writes the rows the log shows (filtered, in view order); false with *error when it failed.
    bool exportTo(const QString &fileName, ExportFormat format, QString *error = nullptr);

    // The text shown for the selected message (for tests and copy).
    QString detailText() const;
    // The line above the payload: direction, time, topic, QoS, flags, size, broker's answer.
    QString detailHeaderText() const;
    // The 5.0 properties of the selected message as shown, one "Name: value" line each; empty
    // when it has none.
    QString propertiesText() const;
    DetailFormat detailFormat() const;
    void setDetailFormat(DetailFormat format);
    // How the selected message is decoded (the window's connections); without it the decoded
    // tree is never shown.
    void setPayloadDecoding(const PayloadDecoding &decoding);
    // Decodes the shown message again (the rules changed).
    void refreshDecoding();
    // The decoded tree of the selected message, and whether it is what the detail view shows.
    DecodedPayloadView *decodedView() const { return m_decodedView; }
    bool isDecodedShown() const;
    // The payload as text: a big one in part first, with "Show all".
    PayloadTextView *payloadTextView() const;
    // Selects the proxy row (and shows it in the detail view).
    void selectRow(int proxyRow);
    // The sequence number of the selected message, 0 when none. It stays on the message the
    // user chose while rows arrive, leave or are filtered out.
    quint64 selectedSequence() const { return m_selectedSequence; }
    // The topic of the message the detail view shows; empty when none.
    QString shownTopic() const { return m_shown.message.topic; }
    // Its connection's id in a log of several connections (0 otherwise).
    quint16 shownConnectionId() const { return m_shown.connectionId; }
    // Said above the detail view when the selected message has left the log or is hidden by a
    // filter (the detail view keeps showing it); empty otherwise.
    QString detailNoticeText() const;

    // Opens a dialog comparing the selected message with the previous message on its topic
    // (the detail view's button, the context menu); nullptr when there is none.
    DiffDialog *compareWithPrevious();
    // Opens a dialog comparing the two selected messages, the older first; nullptr unless
    // exactly two messages are selected.
    DiffDialog *compareSelected();

    void saveState(const QString &settingsGroup) const;
    void restoreState(const QString &settingsGroup);

Q_SIGNALS:
    void pausedChanged(bool paused);
    // "Decode as…" in a message's context menu: its topic, and its connection's id in a log
    // of several (0 otherwise).
    void decodeAsRequested(quint16 connection, const QString &topic);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // What the detail view shows of the selected message; kept when the message leaves.
    struct ShownMessage
    {
        Mqtt::Message message;
        MessageLogModel::Direction direction = MessageLogModel::Direction::Incoming;
        qint64 timestampMs = 0;
        QString brokerAnswer;
        QString connection; // its name, in a log of several connections
        quint16 connectionId = 0; // in a log of several connections
        MessageLogModel::DecodedPayload kept; // decoded on arrival (Sparkplug B)
    };

    void onCurrentChanged(const QModelIndex &current);
    void onContextMenu(const QPoint &position);
    // The log row of the selected message (-1: none, or it has left the log).
    int selectedSourceRow() const;
    DiffDialog *compareRowWithPrevious(int sourceRow);
    // The log rows of the selected messages, when they are exactly two (events not counted).
    QList<int> selectedPair() const;
    // Shows the decoded tree (true) or leaves the text view to the caller.
    bool showDecoded(const ShownMessage &shown);
    // Narrows the topic column (down to a minimum) so the payload keeps a third of the row.
    void fitTopicColumn();
    void placeConnectionColumn();
    // Rows are about to leave the view by a trim or a filter: the current row the view moves
    // to meanwhile is not the user's choice.
    void holdSelection();
    void releaseSelection();
    void releaseSelectionAfterTrim();
    void showDetail(const ShownMessage &shown);
    void onRowsInserted();
    void restoreSelection();
    void updateDetail();
    void updateProperties(const Mqtt::Properties &properties);
    void updateCounts();
    void applyTopicFilter();
    void applyPayloadFilter();
    void showFilterError(const QString &text);

    std::unique_ptr<Ui::MessageLogPane> m_ui;
    MessageLogModel *m_log = nullptr;
    MessageFilterProxyModel *m_proxy = nullptr;
    quint64 m_selectedSequence = 0;
    bool m_hasSelection = false;
    bool m_selectionHeld = false;
    int m_preferredTopicWidth = 0; // the topic column's width when there is room
    bool m_fittingColumns = false;
    ConnectionColumn m_connectionColumn = ConnectionColumn::Hidden;
    int m_preferredConnectionWidth = 0; // the connection column's width when there is room
    bool m_shownHasLeft = false; // the detail view shows a message trimmed from the log
    ShownMessage m_shown;
    PayloadDecoding m_decoding;
    DecodedPayloadView *m_decodedView = nullptr;
    QTimer m_pausedCountTimer; // the model does not flush (nor signal) while paused
};
