// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decodedpayloadview.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

class ConnectionPane;
class ConnectionWorkspace;
class DecodeAsDialog;
class DecodeRulesEditor;
class MessageLogPane;
class ProfileStore;
class SubscriptionsPane;
class TopicTreePane;

// The window's payload decoding, kept out of MainWindow: each connection's profile rules and
// .proto folders reach its workspace (when a profile is chosen or connected, and when the rules
// change), the rules editor and "Decode as…" change them and save them with the profile, and
// the detail views get their messages decoded through the right connection.
class PayloadDecodingController : public QObject
{
    Q_OBJECT
public:
    // profiles: where the rules are saved (not owned); window: the dialogs' parent.
    PayloadDecodingController(ProfileStore *profiles, QWidget *window);
    ~PayloadDecodingController() override;

    struct Panes
    {
        ConnectionPane *connection = nullptr;
        SubscriptionsPane *subscriptions = nullptr;
        MessageLogPane *log = nullptr;
        TopicTreePane *tree = nullptr;
    };
    void addConnection(ConnectionWorkspace *workspace, const Panes &panes);
    void removeConnection(ConnectionWorkspace *workspace);
    // The views of all connections: a message's own connection decodes it; the tree's topics
    // go by the connection current() gives.
    void setCombinedPanes(MessageLogPane *log, TopicTreePane *tree,
                          const std::function<ConnectionWorkspace *()> &current);

    // Opens the connection's rules editor (window-modal; returns at once). Accepted, its rules
    // are applied and saved with the profile.
    DecodeRulesEditor *editRules(ConnectionWorkspace *workspace);
    // Opens "Decode as…" for a topic of the connection; accepted, the rule goes first.
    DecodeAsDialog *decodeAs(ConnectionWorkspace *workspace, const QString &topic);
    // Gives the connection these rules and folders: its pane and saved profile keep them and
    // its views show payloads decoded by them.
    void setDecoding(ConnectionWorkspace *workspace, const Payload::DecodeRules &rules,
                     const QStringList &protoPaths);

    // What the detail views show for a message of the connection.
    static ShownDecoding decode(ConnectionWorkspace *workspace, const QString &topic,
                                const QByteArray &payload,
                                const std::shared_ptr<const Payload::DecodeResult> &kept);

Q_SIGNALS:
    // .proto files of a connection did not load (its text is also shown in its pane), or
    // empty once they do.
    void protoProblemChanged(ConnectionWorkspace *workspace, const QString &problem);

private:
    struct Connection
    {
        ConnectionWorkspace *workspace = nullptr;
        Panes panes;
    };
    Connection *find(const ConnectionWorkspace *workspace);
    Connection *find(quint16 id);
    // The pane's rules and folders to the workspace; .proto problems shown.
    void apply(Connection &connection);

    ProfileStore *m_profiles = nullptr;
    QWidget *m_window = nullptr;
    std::vector<Connection> m_connections;
    QPointer<MessageLogPane> m_combinedLog;
    QPointer<TopicTreePane> m_combinedTree;
    std::function<ConnectionWorkspace *()> m_current;
};
