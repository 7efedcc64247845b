// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class ConnectionWorkspace;
class PacketFilterProxyModel;
class PacketLogModel;
class QTableView;

namespace Ui {
class PacketInspectorPane;
}

// The packet inspector of one connection: every control packet both ways with its time, type,
// packet id, flags, reason code in words, properties, size and the latency of its pair, filtered
// by type, topic and id; the selected packet's fields in full below, and its bytes in hex on
// demand. "Go to pair" (or a double click) selects the packet's answer or request. The packets
// live in the connection's PacketLogModel; this pane only shows them.
class PacketInspectorPane : public QWidget
{
    Q_OBJECT
public:
    explicit PacketInspectorPane(QWidget *parent = nullptr);
    ~PacketInspectorPane() override;

    void setWorkspace(ConnectionWorkspace *workspace);
    ConnectionWorkspace *workspace() const;
    PacketLogModel *packetLog() const { return m_log; }
    PacketFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *tableView() const;

    // The filters of the bar above the table.
    void setTypeFilter(int comboIndex);
    void setTopicFilter(const QString &text);
    void setPacketIdFilter(int packetId);
    // The detail view's text (the selected packet), and whether it shows the bytes.
    QString detailText() const;
    void setBytesShown(bool shown);
    // Selects the pair of the selected packet; false when it has none in view.
    bool selectPair();
    // Writes what the table shows to a JSON Lines file; an empty string on success.
    QString exportTo(const QString &fileName) const;

protected:
    // The proxy (and the table) follow the log only while the pane is shown: a hidden
    // inspector costs the views nothing.
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void fitColumns();
    void applyTypeFilter();
    void updateDetail();
    void updateStatus();
    void exportWithDialog();
    int selectedSourceRow() const;

    std::unique_ptr<Ui::PacketInspectorPane> m_ui;
    QPointer<ConnectionWorkspace> m_workspace;
    PacketLogModel *m_log = nullptr;
    PacketFilterProxyModel *m_proxy = nullptr;
    QTimer m_statusTimer;
    QByteArray m_headerState; // the columns' widths while the pane is hidden
};
