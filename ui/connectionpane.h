// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "connectionprofile.h"
#include "theme.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class FailoverEditor;
class ProfileStore;
class SecretStore;
class QLineEdit;
class QTableWidget;

namespace Ui {
class ConnectionPane;
}

// The connection pane: saved profiles, broker address, credentials, session options and the
// will; Connect/Disconnect and the state and last error of the client in plain words.
class ConnectionPane : public QWidget
{
    Q_OBJECT
public:
    enum class PasswordPrompt { AskWhenNeeded, Never };
    Q_ENUM(PasswordPrompt)

    explicit ConnectionPane(QWidget *parent = nullptr);
    ~ConnectionPane() override;

    void setClient(Mqtt::Client *client);
    void setStores(ProfileStore *profiles, SecretStore *secrets);

    // What the fields hold (the password is not part of a profile).
    ConnectionProfile profile() const;
    void setProfile(const ConnectionProfile &profile);
    // The payload decoding of the profile (edited by the rules editor and "Decode as…"): kept
    // with the other fields, saved with the profile.
    Payload::DecodeRules decodeRules() const { return m_decodeRules; }
    QStringList protoPaths() const { return m_protoPaths; }
    void setDecoding(const Payload::DecodeRules &rules, const QStringList &protoPaths);
    // Why the .proto files did not load (shown beside the button); empty when they did.
    void setDecodingProblem(const QString &problem);
    QString decodingSummaryText() const;
    QByteArray password() const;
    void setPassword(const QByteArray &password);

    QString currentProfileName() const;
    // Selects a saved profile and fills the fields from it; false when unknown.
    bool selectProfile(const QString &name);
    // Profile management (the menu's actions call these after asking for names).
    bool addProfile(const QString &name);
    QString duplicateCurrentProfile();
    bool renameCurrentProfile(const QString &newName);
    bool deleteCurrentProfile();
    // Writes the fields to the current profile and the password to the keychain (if any).
    void saveCurrentProfile();

    // The secrets of the TLS client key and the proxy (kept like the password).
    QByteArray keyPassphrase() const;
    void setKeyPassphrase(const QByteArray &passphrase);
    QString proxyPassword() const;
    void setProxyPassword(const QString &password);

    // Reads a broker URL typed in the host field (mqtts://host:8883, wss://host/mqtt...) into
    // the transport, host, port and path fields; false (and a message) when it is not a URL
    // that can be read, true when it was read or the field holds a plain host name.
    bool applyHostUrl();

    void setHost(const QString &host);
    void setPort(quint16 port);

    // Connects with what the fields hold; asks for a password when a user name is set, none
    // was typed and no keychain can hold one (unless told never to ask).
    void connectToBroker(PasswordPrompt prompt = PasswordPrompt::AskWhenNeeded);
    void disconnectFromBroker();
    // Connects once the keychain has answered for the profile's secrets (selectProfile() asks
    // for them): a connection opened at start gets its stored password.
    void connectWhenSecretsRead();
    // 5.0: proves the credentials again on the open connection (AUTH Re-authenticate); the
    // status line tells the outcome. Possible once connected with an authentication method.
    void reauthenticate();

    // The status line: the client's state in words (naming the broker in use, and which of the
    // failover list it is), then a 5.0 server reference received since the last connect and
    // how the last re-authentication of this connection went (if any).
    QString stateText() const;
    // The connection asked for by the last connect has come up at least once.
    bool hasConnected() const { return m_hasConnected; }
    QString errorText() const;

    // What the broker's last 5.0 CONNACK said, as shown in the Broker box: (label, value)
    // pairs in display order; empty before a 5.0 connection.
    QList<QPair<QString, QString>> brokerDetails() const { return m_brokerDetails; }

Q_SIGNALS:
    // The pane is about to connect with these options (the main window shows the broker).
    void connectRequested(const QString &host, quint16 port);
    // The fields were filled from a profile (selectProfile(), setProfile()).
    void profileChanged(const QString &name);
    // "Payload decoding…" was clicked.
    void payloadDecodingRequested();

private:
    void onStateChanged(Mqtt::Client::State state);
    void onErrorOccurred(const Mqtt::Error &error);
    void onReconnectScheduled(int attempt, int delayMs);
    void onReauthenticated();
    void onServerRedirected(const QString &reference, Mqtt::ReasonCode reasonCode);
    void showState();
    void onPasswordRead(const QString &profileName, const QByteArray &password);
    void secretReadFinished(const QString &key);
    void reloadProfiles(const QString &select);
    void onProfileActivated(int index);
    void showAddProfileDialog();
    void showRenameProfileDialog();
    void confirmDeleteProfile();
    void updateButtons();
    void showError(const QString &text);
    QString freeProfileName(const QString &base) const;
    void setUpSecurityWidgets();
    void onTransportChanged();
    void updateSecurityWidgets();
    void setTransport(Mqtt::TransportKind kind);
    Mqtt::TransportKind transport() const;
    void browseFile(QLineEdit *edit, const QString &title);
    void writeSecret(const QString &key, const QByteArray &secret);
    bool keyNeedsPassphrase(const QString &keyFile) const;
    void setUpV5Widgets();
    void onVersionChanged();
    void updateV5Widgets();
    // Reads the 5.0 fields into profile; false (and why, in problem) on invalid input.
    bool readV5Fields(ConnectionProfile *profile, QString *problem) const;
    void setV5Fields(const ConnectionProfile &profile);
    void showBrokerDetails();
    void showDecodingSummary();
    void clearBrokerDetails();
    // Why the port box holds no usable port (empty when it does); shown under the box.
    QString portProblem() const;
    void validatePort();
    // host:port of the connection being made or in use, and its place in the failover list
    QString brokerAddress() const;

    std::unique_ptr<Ui::ConnectionPane> m_ui;
    QPointer<Mqtt::Client> m_client;
    ProfileStore *m_profiles = nullptr;
    SecretStore *m_secrets = nullptr;
    QString m_currentProfile;
    // The profile's payload rules and .proto folders, carried through profile().
    Payload::DecodeRules m_decodeRules;
    QStringList m_protoPaths;
    QString m_decodingProblem;
    QString m_stateText;
    Theme::Role m_stateRole = Theme::Role::Muted;
    QString m_reauthenticationText; // appended to the status line; cleared with the connection
    QString m_redirectText; // a 5.0 server reference, appended to the status line until connect
    FailoverEditor *m_failover = nullptr;
    bool m_reauthenticating = false;
    // The connection asked for by the last connectToBroker() has come up at least once: a
    // failure before that is "could not connect", after it "connection lost".
    bool m_hasConnected = false;
    QStringList m_secretsBeingSaved; // keychain keys being written
    QStringList m_secretsBeingRead; // keychain keys asked for by selectProfile()
    bool m_connectWhenSecretsRead = false;

    QList<QPair<QString, QString>> m_brokerDetails;
    Mqtt::TransportKind m_shownTransport = Mqtt::TransportKind::Tcp; // for the default port
};
