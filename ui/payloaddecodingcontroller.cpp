// SPDX-License-Identifier: Apache-2.0
#include "payloaddecodingcontroller.h"

#include "boundeddisplay.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "decoderuleseditor.h"
#include "messagelogpane.h"
#include "payloaddecoder.h"
#include "profilestore.h"
#include "subscriptionspane.h"
#include "topicdetailpane.h"
#include "topictreepane.h"

#include <algorithm>

PayloadDecodingController::PayloadDecodingController(ProfileStore *profiles, QWidget *window)
    : QObject(window), m_profiles(profiles), m_window(window)
{ }

PayloadDecodingController::~PayloadDecodingController() = default;

ShownDecoding
PayloadDecodingController::decode(ConnectionWorkspace *workspace, const QString &topic,
                                  const QByteArray &payload,
                                  const std::shared_ptr<const Payload::DecodeResult> &kept)
{
    ShownDecoding shown;
    if (!workspace)
        return shown;
    if (const Payload::DecodeRule *rule = workspace->payloadDecoder()->rules().match(topic))
        shown.rule = *rule;
    if (payload.size() > PayloadFormat::AsyncThreshold && !workspace->decodesOnArrival(topic)) {
        // Decoded off the UI thread by whoever shows it, through the rules as they are now.
        shown.topic = topic;
        shown.payload = payload;
        shown.decoder = workspace->payloadDecoder()->snapshot();
        return shown;
    }
    shown.result = workspace->decodeForView(topic, payload, kept);
    return shown;
}

PayloadDecodingController::Connection *
PayloadDecodingController::find(const ConnectionWorkspace *workspace)
{
    for (Connection &connection : m_connections) {
        if (connection.workspace == workspace)
            return &connection;
    }
    return nullptr;
}

PayloadDecodingController::Connection *PayloadDecodingController::find(quint16 id)
{
    for (Connection &connection : m_connections) {
        if (connection.workspace->id() == id)
            return &connection;
    }
    return nullptr;
}

void PayloadDecodingController::addConnection(ConnectionWorkspace *workspace, const Panes &panes)
{
    m_connections.push_back(Connection{workspace, panes});
    const auto decoding = [workspace](quint16, const QString &topic, const QByteArray &payload,
                                      const std::shared_ptr<const Payload::DecodeResult> &kept) {
        return decode(workspace, topic, payload, kept);
    };
    panes.log->setPayloadDecoding(decoding);
    panes.tree->detailPane()->setPayloadDecoding(decoding);
    const auto applyProfile = [this, workspace] {
        if (Connection *connection = find(workspace))
            apply(*connection);
    };
    // The profile's rules count from the moment it is chosen, and again on connecting.
    connect(panes.connection, &ConnectionPane::profileChanged, this, applyProfile);
    connect(panes.connection, &ConnectionPane::connectRequested, this, applyProfile);
    connect(panes.connection, &ConnectionPane::payloadDecodingRequested, this,
            [this, workspace] { editRules(workspace); });
    const auto decodeAsTopic = [this, workspace](const QString &topic) {
        decodeAs(workspace, topic);
    };
    connect(panes.tree, &TopicTreePane::decodeAsRequested, this, decodeAsTopic);
    connect(panes.subscriptions, &SubscriptionsPane::decodeAsRequested, this, decodeAsTopic);
    connect(panes.log, &MessageLogPane::decodeAsRequested, this,
            [decodeAsTopic](quint16, const QString &topic) { decodeAsTopic(topic); });
    connect(workspace, &ConnectionWorkspace::decodingChanged, this, [this, panes] {
        panes.log->refreshDecoding();
        panes.tree->detailPane()->refreshDecoding();
        if (m_combinedLog)
            m_combinedLog->refreshDecoding();
        if (m_combinedTree)
            m_combinedTree->detailPane()->refreshDecoding();
    });
    apply(m_connections.back());
}

void PayloadDecodingController::removeConnection(ConnectionWorkspace *workspace)
{
    m_connections.erase(std::remove_if(m_connections.begin(), m_connections.end(),
                                       [workspace](const Connection &connection) {
                                           return connection.workspace == workspace;
                                       }),
                        m_connections.end());
}

void PayloadDecodingController::setCombinedPanes(
        MessageLogPane *log, TopicTreePane *tree,
        const std::function<ConnectionWorkspace *()> &current)
{
    m_combinedLog = log;
    m_combinedTree = tree;
    m_current = current;
    log->setPayloadDecoding([this](quint16 id, const QString &topic, const QByteArray &payload,
                                   const std::shared_ptr<const Payload::DecodeResult> &kept) {
        Connection *connection = find(id);
        return decode(connection ? connection->workspace : nullptr, topic, payload, kept);
    });
    tree->detailPane()->setPayloadDecoding(
            [this](quint16, const QString &topic, const QByteArray &payload,
                   const std::shared_ptr<const Payload::DecodeResult> &kept) {
                return decode(m_current(), topic, payload, kept);
            });
    connect(log, &MessageLogPane::decodeAsRequested, this, [this](quint16 id, const QString &topic) {
        if (Connection *connection = find(id))
            decodeAs(connection->workspace, topic);
    });
    connect(tree, &TopicTreePane::decodeAsRequested, this,
            [this](const QString &topic) { decodeAs(m_current(), topic); });
}

void PayloadDecodingController::apply(Connection &connection)
{
    const QStringList errors = connection.workspace->setDecoding(
            connection.panes.connection->decodeRules(), connection.panes.connection->protoPaths());
    const QString problem =
            errors.isEmpty()
                    ? QString()
                    : tr("Some .proto files do not load: %1").arg(errors.join(QStringLiteral("; ")));
    connection.panes.connection->setDecodingProblem(problem);
    Q_EMIT protoProblemChanged(connection.workspace, problem);
}

void PayloadDecodingController::setDecoding(ConnectionWorkspace *workspace,
                                            const Payload::DecodeRules &rules,
                                            const QStringList &protoPaths)
{
    Connection *connection = find(workspace);
    if (!connection)
        return;
    ConnectionPane *pane = connection->panes.connection;
    pane->setDecoding(rules, protoPaths);
    // Saved at once into the stored profile, leaving its other fields as they were saved; a
    // connection without a saved profile keeps them until it is saved.
    const QString name = pane->currentProfileName();
    if (m_profiles && !name.isEmpty()) {
        if (std::optional<ConnectionProfile> stored = m_profiles->profile(name)) {
            stored->decodeRules = rules;
            stored->protoPaths = protoPaths;
            m_profiles->saveProfile(*stored);
            m_profiles->sync();
        }
    }
    apply(*connection);
}

DecodeRulesEditor *PayloadDecodingController::editRules(ConnectionWorkspace *workspace)
{
    Connection *connection = find(workspace);
    if (!connection)
        return nullptr;
    auto *editor = new DecodeRulesEditor(m_window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setWindowTitle(tr("Payload decoding — %1").arg(workspace->name()));
    editor->setProtoPaths(connection->panes.connection->protoPaths());
    editor->setRules(connection->panes.connection->decodeRules());
    connect(editor, &QDialog::accepted, this, [this, editor, workspace] {
        setDecoding(workspace, editor->rules(), editor->protoPaths());
    });
    editor->open();
    return editor;
}

DecodeAsDialog *PayloadDecodingController::decodeAs(ConnectionWorkspace *workspace,
                                                    const QString &topic)
{
    Connection *connection = find(workspace);
    if (!connection || topic.isEmpty())
        return nullptr;
    auto *dialog = new DecodeAsDialog(topic, workspace->payloadDecoder(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, workspace] {
        Connection *connection = find(workspace);
        if (!connection)
            return;
        Payload::DecodeRules rules = connection->panes.connection->decodeRules();
        rules.insert(0, dialog->rule());
        setDecoding(workspace, rules, connection->panes.connection->protoPaths());
    });
    dialog->open();
    return dialog;
}
