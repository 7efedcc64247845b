// SPDX-License-Identifier: Apache-2.0
#include "connectionpane.h"
#include "ui_connectionpane.h"

#include "authenticator.h"
#include "failovereditor.h"
#include "profilestore.h"
#include "secretstore.h"
#include "theme.h"
#include "topic.h"
#include "validation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSpinBox>
#include <QTableWidget>
#include <QTime>
#include <QToolButton>

#include <algorithm>
#include <functional>

namespace {

using UserProperties = QList<QPair<QString, QString>>;

// A number typed in a field: empty is absent, anything else must be a whole number in range.
bool readNumber(const QString &typed, quint64 minimum, quint64 maximum,
                std::optional<quint64> *value)
{
    const QString text = typed.trimmed();
    *value = std::nullopt;
    if (text.isEmpty())
        return true;
    bool ok = false;
    quint64 number = text.toULongLong(&ok, 10);
    if (!ok)
        number = QLocale().toULongLong(text, &ok); // "65,535" in the user's locale
    if (!ok || number < minimum || number > maximum)
        return false;
    *value = number;
    return true;
}

QString rangeProblem(const QString &field, quint64 minimum, quint64 maximum)
{
    return ConnectionPane::tr("%1: enter a whole number from %2 to %3, or leave it empty")
            .arg(field, QLocale().toString(minimum), QLocale().toString(maximum));
}

void setUpUserPropertiesTable(QTableWidget *table)
{
    table->setHorizontalHeaderLabels({ConnectionPane::tr("Name"), ConnectionPane::tr("Value")});
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
}

void setUserProperties(QTableWidget *table, const UserProperties &properties)
{
    table->setRowCount(0);
    for (const auto &pair : properties) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(pair.first));
        table->setItem(row, 1, new QTableWidgetItem(pair.second));
    }
}

// The pairs in table order; rows left entirely empty are skipped.
UserProperties userPropertiesOf(const QTableWidget *table)
{
    UserProperties properties;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString name = table->item(row, 0) ? table->item(row, 0)->text() : QString();
        const QString value = table->item(row, 1) ? table->item(row, 1)->text() : QString();
        if (name.isEmpty() && value.isEmpty())
            continue;
        properties.append({name, value});
    }
    return properties;
}

QString userPropertiesProblem(const QString &field, const UserProperties &properties)
{
    for (const auto &pair : properties) {
        // Names and values are UTF-8 strings: no U+0000, at most 65,535 bytes [MQTT-1.5.4-2].
        for (const QString &text : {pair.first, pair.second}) {
            const QString problem = Mqtt::utf8StringProblem(text.toUtf8());
            if (!problem.isEmpty())
                return ConnectionPane::tr("%1 \"%2\": %3").arg(field, pair.first, problem);
        }
    }
    return QString();
}

void connectTableButtons(QWidget *context, QTableWidget *table, QToolButton *add,
                         QToolButton *remove)
{
    QObject::connect(add, &QToolButton::clicked, context, [table] {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem());
        table->setItem(row, 1, new QTableWidgetItem());
        table->setCurrentCell(row, 0);
        table->editItem(table->item(row, 0));
    });
    QObject::connect(remove, &QToolButton::clicked, context, [table] {
        QList<int> rows;
        for (const QModelIndex &index : table->selectionModel()->selectedRows())
            rows.append(index.row());
        if (rows.isEmpty() && table->currentRow() >= 0)
            rows.append(table->currentRow());
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        for (const int row : rows)
            table->removeRow(row);
    });
}

} // namespace

ConnectionPane::ConnectionPane(QWidget *parent) : QWidget(parent), m_ui(new Ui::ConnectionPane)
{
    m_ui->setupUi(this);
    // The brokers after the one above, right below the connection's own fields.
    m_failover = new FailoverEditor(m_ui->formWidget);
    m_ui->formAreaLayout->insertWidget(m_ui->formAreaLayout->indexOf(m_ui->willGroup), m_failover);
    setUpSecurityWidgets();
    m_ui->versionCombo->addItem(tr("MQTT 3.1"), int(Mqtt::ProtocolVersion::V3_1));
    m_ui->versionCombo->addItem(tr("MQTT 3.1.1"), int(Mqtt::ProtocolVersion::V3_1_1));
    m_ui->versionCombo->addItem(tr("MQTT 5.0"), int(Mqtt::ProtocolVersion::V5));
    m_ui->versionCombo->setCurrentIndex(1);
    setUpV5Widgets();
    for (QComboBox *combo : {m_ui->willQosCombo}) {
        combo->addItem(tr("0 - at most once"), 0);
        combo->addItem(tr("1 - at least once"), 1);
        combo->addItem(tr("2 - exactly once"), 2);
    }
    m_ui->keepAliveSpin->setSpecialValueText(tr("off"));
    m_ui->generateButton->setToolTip(tr("Generate a random client id"));

    auto *menu = new QMenu(this);
    menu->addAction(tr("&Add…"), this, &ConnectionPane::showAddProfileDialog);
    menu->addAction(tr("D&uplicate"), this, [this] { duplicateCurrentProfile(); });
    menu->addAction(tr("&Rename…"), this, &ConnectionPane::showRenameProfileDialog);
    menu->addAction(tr("&Delete…"), this, &ConnectionPane::confirmDeleteProfile);
    m_ui->profileMenuButton->setMenu(menu);

    connect(m_ui->generateButton, &QPushButton::clicked, this,
            [this] { m_ui->clientIdEdit->setText(Mqtt::Client::generateClientId()); });
    connect(m_ui->connectButton, &QPushButton::clicked, this,
            [this] { connectToBroker(PasswordPrompt::AskWhenNeeded); });
    connect(m_ui->disconnectButton, &QPushButton::clicked, this,
            &ConnectionPane::disconnectFromBroker);
    connect(m_ui->reauthenticateButton, &QPushButton::clicked, this,
            &ConnectionPane::reauthenticate);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &ConnectionPane::saveCurrentProfile);
    connect(m_ui->payloadDecodingButton, &QPushButton::clicked, this,
            &ConnectionPane::payloadDecodingRequested);
    showDecodingSummary();
    connect(m_ui->profileCombo, &QComboBox::activated, this, &ConnectionPane::onProfileActivated);
    connect(m_ui->hostEdit, &QLineEdit::textChanged, this, &ConnectionPane::updateButtons);
    Theme::setTextRole(m_ui->portErrorLabel, Theme::Role::Error);
    m_ui->portErrorLabel->hide();
    Theme::setTextRole(m_ui->insecureWarningLabel, Theme::Role::Error);
    QFont stateFont = m_ui->stateLabel->font();
    stateFont.setBold(true);
    m_ui->stateLabel->setFont(stateFont);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &ConnectionPane::validatePort);

    onStateChanged(Mqtt::Client::State::Disconnected);
}

ConnectionPane::~ConnectionPane() = default;

void ConnectionPane::setClient(Mqtt::Client *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (!m_client)
        return;
    connect(m_client, &Mqtt::Client::stateChanged, this, &ConnectionPane::onStateChanged);
    connect(m_client, &Mqtt::Client::errorOccurred, this, &ConnectionPane::onErrorOccurred);
    connect(m_client, &Mqtt::Client::reconnectScheduled, this,
            &ConnectionPane::onReconnectScheduled);
    connect(m_client, &Mqtt::Client::reauthenticated, this, &ConnectionPane::onReauthenticated);
    // Failover: the status names the broker of each attempt, whatever the state.
    connect(m_client, &Mqtt::Client::serverChanged, this,
            [this] { onStateChanged(m_client->state()); });
    connect(m_client, &Mqtt::Client::serverRedirected, this, &ConnectionPane::onServerRedirected);
    onStateChanged(m_client->state());
}

void ConnectionPane::setStores(ProfileStore *profiles, SecretStore *secrets)
{
    m_profiles = profiles;
    m_secrets = secrets;
    if (m_secrets) {
        connect(m_secrets, &SecretStore::passwordRead, this, &ConnectionPane::onPasswordRead);
        connect(m_secrets, &SecretStore::passwordWritten, this,
                [this](const QString &key) { m_secretsBeingSaved.removeAll(key); });
        connect(m_secrets, &SecretStore::errorOccurred, this,
                [this](const QString &key, SecretStore::ErrorKind kind, const QString &text) {
                    secretReadFinished(key); // nothing stored, or no keychain: connect without
                    if (!m_secretsBeingSaved.contains(key))
                        return;
                    m_secretsBeingSaved.removeAll(key);
                    showError(kind == SecretStore::ErrorKind::Unavailable
                                      ? tr("No keychain service is running, so the password was "
                                           "not saved; it will be asked for when connecting.")
                                      : text);
                });
    }
    if (!m_profiles)
        return;
    if (m_profiles->profileNames().isEmpty()) {
        ConnectionProfile local;
        local.name = tr("Local broker");
        local.host = QStringLiteral("127.0.0.1");
        m_profiles->addProfile(local);
    }
    QString initial = m_profiles->lastUsedProfile();
    if (initial.isEmpty())
        initial = m_profiles->profileNames().value(0);
    reloadProfiles(initial);
    selectProfile(initial);
}

void ConnectionPane::setDecoding(const Payload::DecodeRules &rules, const QStringList &protoPaths)
{
    m_decodeRules = rules;
    m_protoPaths = protoPaths;
    showDecodingSummary();
}

void ConnectionPane::setDecodingProblem(const QString &problem)
{
    m_decodingProblem = problem;
    showDecodingSummary();
}

QString ConnectionPane::decodingSummaryText() const
{
    return m_ui->payloadDecodingLabel->text();
}

void ConnectionPane::showDecodingSummary()
{
    QString text = m_decodeRules.isEmpty() ? tr("Payloads: formats guessed")
                                           : tr("Payloads: %Ln decoding rule(s)", nullptr,
                                                int(m_decodeRules.size()));
    if (!m_decodingProblem.isEmpty())
        text += QLatin1Char('\n') + m_decodingProblem;
    m_ui->payloadDecodingLabel->setText(text);
    if (m_decodingProblem.isEmpty())
        Theme::clearTextRole(m_ui->payloadDecodingLabel);
    else
        Theme::setTextRole(m_ui->payloadDecodingLabel, Theme::Role::Error);
    QStringList rules;
    for (const Payload::DecodeRule &rule : m_decodeRules.rules())
        rules << rule.toString();
    m_ui->payloadDecodingLabel->setToolTip(rules.join(QLatin1Char('\n')));
}

ConnectionProfile ConnectionPane::profile() const
{
    ConnectionProfile profile;
    profile.name = m_currentProfile;
    profile.host = m_ui->hostEdit->text().trimmed();
    profile.port = quint16(m_ui->portSpin->value());
    profile.failoverUrls = m_failover->urls();
    profile.followServerReference = m_failover->followServerReference();
    // Not edited in this pane: the payload rules editor and "Decode as…" change them.
    profile.decodeRules = m_decodeRules;
    profile.protoPaths = m_protoPaths;
    profile.protocolVersion = Mqtt::ProtocolVersion(m_ui->versionCombo->currentData().toInt());
    profile.clientId = m_ui->clientIdEdit->text().trimmed();
    profile.userName = m_ui->userNameEdit->text();
    profile.cleanSession = m_ui->cleanSessionCheck->isChecked();
    profile.keepAlive = quint16(m_ui->keepAliveSpin->value());
    profile.autoReconnect = m_ui->autoReconnectCheck->isChecked();
    profile.connectAtStart = m_ui->connectAtStartCheck->isChecked();
    if (m_ui->willGroup->isChecked()) {
        profile.willTopic = m_ui->willTopicEdit->text();
        profile.willPayload = m_ui->willPayloadEdit->text().toUtf8();
        profile.willQos = Mqtt::QoS(m_ui->willQosCombo->currentData().toInt());
        profile.willRetain = m_ui->willRetainCheck->isChecked();
    }
    profile.transport = transport();
    profile.webSocketPath = m_ui->webSocketPathEdit->text().trimmed();
    profile.caFile = m_ui->caFileEdit->text().trimmed();
    profile.certificateFile = m_ui->certificateFileEdit->text().trimmed();
    profile.keyFile = m_ui->keyFileEdit->text().trimmed();
    profile.serverName = m_ui->serverNameEdit->text().trimmed();
    for (const QString &protocol : m_ui->alpnEdit->text().split(QLatin1Char(','))) {
        if (!protocol.trimmed().isEmpty())
            profile.alpn.append(protocol.trimmed());
    }
    profile.minimumTlsVersion = Mqtt::TlsVersion(m_ui->tlsVersionCombo->currentData().toInt());
    profile.allowInsecure = m_ui->allowInsecureCheck->isChecked();
    profile.proxyKind = Mqtt::ProxyKind(m_ui->proxyKindCombo->currentData().toInt());
    profile.proxyHost = m_ui->proxyHostEdit->text().trimmed();
    profile.proxyPort = quint16(m_ui->proxyPortSpin->value());
    profile.proxyUserName = m_ui->proxyUserEdit->text();
    readV5Fields(&profile, nullptr); // invalid fields stay at their defaults
    return profile;
}

void ConnectionPane::setProfile(const ConnectionProfile &profile)
{
    m_currentProfile = profile.name;
    m_ui->hostEdit->setText(profile.host);
    m_ui->portSpin->setValue(profile.port);
    m_failover->setUrls(profile.failoverUrls);
    m_failover->setFollowServerReference(profile.followServerReference);
    m_decodeRules = profile.decodeRules;
    m_protoPaths = profile.protoPaths;
    showDecodingSummary();
    const int version = m_ui->versionCombo->findData(int(profile.protocolVersion));
    m_ui->versionCombo->setCurrentIndex(version >= 0 ? version : 1);
    m_ui->clientIdEdit->setText(profile.clientId);
    m_ui->userNameEdit->setText(profile.userName);
    m_ui->passwordEdit->clear();
    m_ui->cleanSessionCheck->setChecked(profile.cleanSession);
    m_ui->keepAliveSpin->setValue(profile.keepAlive);
    m_ui->autoReconnectCheck->setChecked(profile.autoReconnect);
    m_ui->connectAtStartCheck->setChecked(profile.connectAtStart);
    m_ui->willGroup->setChecked(profile.hasWill());
    m_ui->willTopicEdit->setText(profile.willTopic);
    m_ui->willPayloadEdit->setText(QString::fromUtf8(profile.willPayload));
    m_ui->willQosCombo->setCurrentIndex(m_ui->willQosCombo->findData(int(profile.willQos)));
    m_ui->willRetainCheck->setChecked(profile.willRetain);
    setTransport(profile.transport);
    m_ui->webSocketPathEdit->setText(profile.webSocketPath);
    m_ui->caFileEdit->setText(profile.caFile);
    m_ui->certificateFileEdit->setText(profile.certificateFile);
    m_ui->keyFileEdit->setText(profile.keyFile);
    m_ui->keyPassphraseEdit->clear();
    m_ui->serverNameEdit->setText(profile.serverName);
    m_ui->alpnEdit->setText(profile.alpn.join(QStringLiteral(", ")));
    m_ui->tlsVersionCombo->setCurrentIndex(
            m_ui->tlsVersionCombo->findData(int(profile.minimumTlsVersion)));
    m_ui->allowInsecureCheck->setChecked(profile.allowInsecure);
    m_ui->proxyKindCombo->setCurrentIndex(m_ui->proxyKindCombo->findData(int(profile.proxyKind)));
    m_ui->proxyHostEdit->setText(profile.proxyHost);
    m_ui->proxyPortSpin->setValue(profile.proxyPort);
    m_ui->proxyUserEdit->setText(profile.proxyUserName);
    m_ui->proxyPasswordEdit->clear();
    setV5Fields(profile);
    updateSecurityWidgets();
    updateV5Widgets();
    updateButtons();
    Q_EMIT profileChanged(profile.name);
}

QByteArray ConnectionPane::password() const
{
    return m_ui->passwordEdit->text().toUtf8();
}

void ConnectionPane::setPassword(const QByteArray &password)
{
    m_ui->passwordEdit->setText(QString::fromUtf8(password));
}

QString ConnectionPane::currentProfileName() const
{
    return m_currentProfile;
}

bool ConnectionPane::selectProfile(const QString &name)
{
    if (!m_profiles)
        return false;
    const std::optional<ConnectionProfile> stored = m_profiles->profile(name);
    if (!stored)
        return false;
    setProfile(*stored);
    const QSignalBlocker blocker(m_ui->profileCombo);
    m_ui->profileCombo->setCurrentIndex(m_ui->profileCombo->findText(name));
    // The keychain answers later; the field is filled if the user has not typed meanwhile.
    m_secretsBeingRead.clear();
    if (m_secrets && m_secrets->availability() != SecretStore::Availability::Unavailable) {
        if (!stored->userName.isEmpty())
            m_secretsBeingRead << name;
        if (!stored->keyFile.isEmpty())
            m_secretsBeingRead << ConnectionProfile::keyPassphraseKey(name);
        if (!stored->proxyUserName.isEmpty())
            m_secretsBeingRead << ConnectionProfile::proxyPasswordKey(name);
        for (const QString &key : std::as_const(m_secretsBeingRead))
            m_secrets->readPassword(key);
    }
    return true;
}

void ConnectionPane::connectWhenSecretsRead()
{
    if (m_secretsBeingRead.isEmpty()) {
        connectToBroker();
        return;
    }
    m_connectWhenSecretsRead = true;
}

void ConnectionPane::secretReadFinished(const QString &key)
{
    if (!m_secretsBeingRead.removeAll(key) || !m_secretsBeingRead.isEmpty() ||
        !m_connectWhenSecretsRead)
        return;
    m_connectWhenSecretsRead = false;
    connectToBroker();
}

void ConnectionPane::onPasswordRead(const QString &key, const QByteArray &password)
{
    // Filled in first, then the connection that waited for it is made.
    const auto finished = qScopeGuard([this, key] { secretReadFinished(key); });
    if (m_currentProfile.isEmpty())
        return;
    if (key == m_currentProfile && m_ui->passwordEdit->text().isEmpty())
        setPassword(password);
    else if (key == ConnectionProfile::keyPassphraseKey(m_currentProfile) &&
             m_ui->keyPassphraseEdit->text().isEmpty())
        setKeyPassphrase(password);
    else if (key == ConnectionProfile::proxyPasswordKey(m_currentProfile) &&
             m_ui->proxyPasswordEdit->text().isEmpty())
        setProxyPassword(QString::fromUtf8(password));
}

void ConnectionPane::reloadProfiles(const QString &select)
{
    const QSignalBlocker blocker(m_ui->profileCombo);
    m_ui->profileCombo->clear();
    if (m_profiles)
        m_ui->profileCombo->addItems(m_profiles->profileNames());
    m_ui->profileCombo->setCurrentIndex(m_ui->profileCombo->findText(select));
}

void ConnectionPane::onProfileActivated(int index)
{
    selectProfile(m_ui->profileCombo->itemText(index));
}

QString ConnectionPane::freeProfileName(const QString &base) const
{
    if (!m_profiles || !m_profiles->contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 %2").arg(base).arg(n);
        if (!m_profiles->contains(candidate))
            return candidate;
    }
}

bool ConnectionPane::addProfile(const QString &name)
{
    if (!m_profiles || name.trimmed().isEmpty())
        return false;
    ConnectionProfile fresh;
    fresh.name = name.trimmed();
    if (!m_profiles->addProfile(fresh))
        return false;
    reloadProfiles(fresh.name);
    selectProfile(fresh.name);
    return true;
}

QString ConnectionPane::duplicateCurrentProfile()
{
    if (!m_profiles || m_currentProfile.isEmpty())
        return QString();
    saveCurrentProfile();
    const QString copy = m_profiles->duplicateProfile(m_currentProfile);
    if (!copy.isEmpty()) {
        reloadProfiles(copy);
        selectProfile(copy);
    }
    return copy;
}

bool ConnectionPane::renameCurrentProfile(const QString &newName)
{
    if (!m_profiles || m_currentProfile.isEmpty())
        return false;
    const QString oldName = m_currentProfile;
    if (!m_profiles->renameProfile(oldName, newName.trimmed()))
        return false;
    const QByteArray typed = password();
    const QByteArray passphrase = keyPassphrase();
    const QByteArray proxySecret = proxyPassword().toUtf8();
    m_currentProfile = newName.trimmed();
    // The keychain entries are filed under the profile name: move them along.
    if (m_secrets && m_secrets->availability() != SecretStore::Availability::Unavailable) {
        m_secrets->deletePassword(oldName);
        m_secrets->deletePassword(ConnectionProfile::keyPassphraseKey(oldName));
        m_secrets->deletePassword(ConnectionProfile::proxyPasswordKey(oldName));
        if (!typed.isEmpty())
            m_secrets->writePassword(m_currentProfile, typed);
        if (!passphrase.isEmpty())
            m_secrets->writePassword(ConnectionProfile::keyPassphraseKey(m_currentProfile),
                                     passphrase);
        if (!proxySecret.isEmpty())
            m_secrets->writePassword(ConnectionProfile::proxyPasswordKey(m_currentProfile),
                                     proxySecret);
    }
    reloadProfiles(m_currentProfile);
    return true;
}

bool ConnectionPane::deleteCurrentProfile()
{
    if (!m_profiles || m_currentProfile.isEmpty())
        return false;
    const QString name = m_currentProfile;
    if (!m_profiles->removeProfile(name))
        return false;
    if (m_secrets && m_secrets->availability() != SecretStore::Availability::Unavailable) {
        m_secrets->deletePassword(name);
        m_secrets->deletePassword(ConnectionProfile::keyPassphraseKey(name));
        m_secrets->deletePassword(ConnectionProfile::proxyPasswordKey(name));
    }
    m_currentProfile.clear();
    const QString next = m_profiles->profileNames().value(0);
    reloadProfiles(next);
    if (!next.isEmpty())
        selectProfile(next);
    return true;
}

QString ConnectionPane::portProblem() const
{
    const int port = m_ui->portSpin->value();
    if (port < 1 || port > 65535)
        return tr("%1 is not a port: enter a number from 1 to 65535").arg(port);
    return QString();
}

void ConnectionPane::validatePort()
{
    const QString problem = portProblem();
    m_ui->portErrorLabel->setText(problem);
    m_ui->portErrorLabel->setVisible(!problem.isEmpty());
    updateButtons();
}

void ConnectionPane::saveCurrentProfile()
{
    if (!m_profiles)
        return;
    applyHostUrl();
    if (const QString problem = portProblem(); !problem.isEmpty()) {
        showError(problem);
        m_ui->portSpin->setFocus();
        return;
    }
    ConnectionProfile checked;
    QString problem;
    // Fields of a 3.1.1 profile's disabled 5.0 section are not checked (nor kept if invalid).
    const bool v5 = m_ui->versionCombo->currentData().toInt() == int(Mqtt::ProtocolVersion::V5);
    if (v5 && !readV5Fields(&checked, &problem)) {
        showError(problem);
        return;
    }
    if (m_currentProfile.isEmpty()) {
        m_currentProfile = freeProfileName(m_ui->hostEdit->text().trimmed().isEmpty()
                                                   ? tr("Profile")
                                                   : m_ui->hostEdit->text().trimmed());
    }
    m_profiles->saveProfile(profile());
    m_profiles->sync();
    reloadProfiles(m_currentProfile);
    // Never in the profile file: the secrets go to the keychain or nowhere.
    writeSecret(m_currentProfile, password());
    writeSecret(ConnectionProfile::keyPassphraseKey(m_currentProfile), keyPassphrase());
    writeSecret(ConnectionProfile::proxyPasswordKey(m_currentProfile), proxyPassword().toUtf8());
}

void ConnectionPane::writeSecret(const QString &key, const QByteArray &secret)
{
    if (!m_secrets || secret.isEmpty())
        return;
    if (m_secrets->availability() == SecretStore::Availability::Unavailable) {
        showError(tr("No keychain service is running, so the password was not saved; it "
                     "will be asked for when connecting."));
        return;
    }
    m_secretsBeingSaved.append(key);
    m_secrets->writePassword(key, secret);
}

void ConnectionPane::setHost(const QString &host)
{
    m_ui->hostEdit->setText(host);
}

void ConnectionPane::setPort(quint16 port)
{
    m_ui->portSpin->setValue(port);
}

void ConnectionPane::connectToBroker(PasswordPrompt prompt)
{
    if (!m_client)
        return;
    if (!applyHostUrl())
        return;
    const ConnectionProfile current = profile();
    if (current.host.isEmpty()) {
        showError(tr("Enter the host name or address of the broker"));
        m_ui->hostEdit->setFocus();
        return;
    }
    if (const QString problem = portProblem(); !problem.isEmpty()) {
        showError(problem);
        m_ui->portSpin->setFocus();
        return;
    }
    if (const QString problem = m_failover->problem(); !problem.isEmpty()) {
        showError(problem);
        m_failover->setFocus();
        return;
    }
    if (current.hasWill()) {
        Mqtt::Will will;
        will.topic = current.willTopic;
        if (const Mqtt::Error error = Mqtt::validateWill(will)) {
            showError(error.text);
            return;
        }
    }
    if (current.protocolVersion == Mqtt::ProtocolVersion::V5) {
        ConnectionProfile checked;
        QString problem;
        if (!readV5Fields(&checked, &problem)) {
            showError(problem);
            return;
        }
        // The engine's rule; the password may still be asked for below.
        Mqtt::ConnectionOptions authentication;
        authentication.version = current.protocolVersion;
        authentication.authenticationMethod = current.authenticationMethod;
        if (!current.userName.isEmpty())
            authentication.userName = current.userName;
        authentication.password = QByteArray();
        if (const Mqtt::Error error = Mqtt::validateAuthentication(authentication)) {
            showError(error.text);
            m_ui->userNameEdit->setFocus();
            return;
        }
    }
    QByteArray secret = password();
    const bool keychainUsable =
            m_secrets && m_secrets->availability() == SecretStore::Availability::Available;
    if (secret.isEmpty() && !current.userName.isEmpty() && !keychainUsable &&
        prompt == PasswordPrompt::AskWhenNeeded) {
        // No keychain to remember it: ask now and keep it only in memory.
        bool ok = false;
        const QString typed = QInputDialog::getText(
                this, tr("Password"),
                tr("Password for %1 on %2 (it is not stored):").arg(current.userName, current.host),
                QLineEdit::Password, QString(), &ok);
        if (!ok)
            return;
        secret = typed.toUtf8();
        setPassword(secret);
    }
    QByteArray passphrase = keyPassphrase();
    if (current.usesTls() && passphrase.isEmpty() && !keychainUsable &&
        prompt == PasswordPrompt::AskWhenNeeded && keyNeedsPassphrase(current.keyFile)) {
        bool ok = false;
        const QString typed = QInputDialog::getText(
                this, tr("Key passphrase"),
                tr("Passphrase of the client key %1 (it is not stored):").arg(current.keyFile),
                QLineEdit::Password, QString(), &ok);
        if (!ok)
            return;
        passphrase = typed.toUtf8();
        setKeyPassphrase(passphrase);
    }
    QString proxySecret = proxyPassword();
    const bool proxyNeedsPassword = (current.proxyKind == Mqtt::ProxyKind::Socks5 ||
                                     current.proxyKind == Mqtt::ProxyKind::HttpConnect) &&
                                    !current.proxyUserName.isEmpty();
    if (proxyNeedsPassword && proxySecret.isEmpty() && !keychainUsable &&
        prompt == PasswordPrompt::AskWhenNeeded) {
        bool ok = false;
        const QString typed =
                QInputDialog::getText(this, tr("Proxy password"),
                                      tr("Password for %1 on the proxy %2 (it is not stored):")
                                              .arg(current.proxyUserName, current.proxyHost),
                                      QLineEdit::Password, QString(), &ok);
        if (!ok)
            return;
        proxySecret = typed;
        setProxyPassword(proxySecret);
    }
    if (m_profiles && !m_currentProfile.isEmpty())
        m_profiles->setLastUsedProfile(m_currentProfile);
    showError(QString());
    Q_EMIT connectRequested(current.host, current.port);
    Mqtt::ConnectionOptions options =
            secret.isEmpty() ? current.toConnectionOptions() : current.toConnectionOptions(secret);
    options.tls.keyPassphrase = passphrase;
    options.proxy.password = proxySecret;
    // Aliases exist in 5.0 only; the client ignores the policy at 3.1.1.
    m_client->setTopicAliasPolicy(current.topicAliasPolicy);
    m_hasConnected = false;
    m_redirectText.clear();
    m_client->connectToHost(options);
}

void ConnectionPane::disconnectFromBroker()
{
    if (m_client)
        m_client->disconnectFromHost();
}

void ConnectionPane::reauthenticate()
{
    if (!m_client)
        return;
    Mqtt::Error error;
    if (m_client->reauthenticate(&error)) {
        m_reauthenticating = true;
        m_reauthenticationText = tr("Re-authenticating…");
    } else {
        m_reauthenticationText = error.text;
    }
    showState();
    updateButtons();
}

void ConnectionPane::onReauthenticated()
{
    m_reauthenticating = false;
    m_reauthenticationText =
            tr("Re-authenticated at %1")
                    .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    showState();
    updateButtons();
}

QString ConnectionPane::stateText() const
{
    QString text = m_stateText;
    for (const QString &note : {m_redirectText, m_reauthenticationText}) {
        if (!note.isEmpty())
            text = tr("%1 · %2").arg(text, note);
    }
    return text;
}

void ConnectionPane::onServerRedirected(const QString &reference, Mqtt::ReasonCode reasonCode)
{
    // Kept until the next connect: the error line is cleared once a broker accepts.
    const QString named = reference.isEmpty() ? tr("no server reference") : reference;
    m_redirectText =
            m_client && m_client->options().followServerReference
                    ? tr("%1 sent us to %2 (%3)")
                              .arg(brokerAddress(), named, Mqtt::reasonCodeText(reasonCode))
                    : tr("%1 named another server: %2 (%3; not followed)")
                              .arg(brokerAddress(), named, Mqtt::reasonCodeText(reasonCode));
    showState();
}

void ConnectionPane::showState()
{
    m_ui->stateLabel->setText(QStringLiteral("● ") + stateText());
    Theme::setTextRole(m_ui->stateLabel, m_stateRole);
}

QString ConnectionPane::errorText() const
{
    return m_ui->errorLabel->text();
}

void ConnectionPane::showError(const QString &text)
{
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
}

void ConnectionPane::onStateChanged(Mqtt::Client::State state)
{
    const Mqtt::ConnectionOptions options =
            m_client ? m_client->options() : Mqtt::ConnectionOptions();
    const QString broker = brokerAddress();
    const Mqtt::TransportKind transport =
            m_client ? m_client->currentServer().transport : options.transport;
    Theme::Role role = Theme::Role::Muted;
    // A failed re-authentication closes the connection: the error line says why. Any new
    // state ends what the last one reported.
    m_reauthenticating = false;
    m_reauthenticationText.clear();
    switch (state) {
    case Mqtt::Client::State::Disconnected:
        m_stateText = tr("Disconnected");
        role = Theme::Role::Muted;
        break;
    case Mqtt::Client::State::Connecting:
        clearBrokerDetails();
        m_stateText = tr("Connecting to %1…").arg(broker);
        role = Theme::Role::Warning;
        break;
    case Mqtt::Client::State::WaitingForConnack:
        m_stateText = tr("Waiting for %1 to accept the connection…").arg(broker);
        role = Theme::Role::Warning;
        break;
    case Mqtt::Client::State::Connected:
        m_hasConnected = true;
        m_stateText = tr("Connected to %1").arg(broker);
        if (options.tls.allowInsecure && (transport == Mqtt::TransportKind::Tls ||
                                          transport == Mqtt::TransportKind::SecureWebSocket))
            m_stateText += tr(" (insecure: certificate not verified)");
        role = Theme::Role::Success;
        showError(QString());
        if (options.version == Mqtt::ProtocolVersion::V5)
            showBrokerDetails();
        break;
    case Mqtt::Client::State::Disconnecting:
        m_stateText = tr("Disconnecting…");
        role = Theme::Role::Muted;
        break;
    case Mqtt::Client::State::WaitingToReconnect:
        m_stateText = m_hasConnected ? tr("Connection lost; reconnecting soon")
                                     : tr("Could not connect to %1; trying again soon").arg(broker);
        role = Theme::Role::Warning;
        break;
    }
    m_stateRole = role;
    showState();
    updateButtons();
}

QString ConnectionPane::brokerAddress() const
{
    if (!m_client)
        return QString();
    const Mqtt::BrokerAddress server = m_client->currentServer();
    const QString address = QStringLiteral("%1:%2").arg(server.host).arg(server.port);
    const qsizetype count = m_client->options().servers().size();
    const int index = m_client->currentServerIndex();
    if (index < 0)
        return tr("%1 (named by a server reference)").arg(address);
    if (count > 1)
        return tr("%1 (broker %2 of %3)").arg(address).arg(index + 1).arg(count);
    return address;
}

void ConnectionPane::onReconnectScheduled(int attempt, int delayMs)
{
    const int seconds = (delayMs + 999) / 1000;
    // Nothing was ever connected: say so, count the attempts, and say how to stop.
    if (!m_hasConnected)
        m_stateText = tr("Could not connect to %1 (%Ln attempt(s)); next try in %2 s. Cancel "
                         "stops trying.",
                         nullptr, attempt)
                              .arg(brokerAddress())
                              .arg(QLocale().toString(seconds));
    else
        m_stateText = tr("Connection lost; reconnecting in %1 s (attempt %2)")
                              .arg(QLocale().toString(seconds))
                              .arg(QLocale().toString(attempt));
    showState();
}

void ConnectionPane::onErrorOccurred(const Mqtt::Error &error)
{
    const bool v5 = m_client && m_client->options().version == Mqtt::ProtocolVersion::V5;
    // A 5.0 refusal or DISCONNECT names its reason code (the text has its name and any
    // Reason String); the number is what broker logs and documentation quote.
    const bool hasReasonCode =
            error.code == Mqtt::ErrorCode::ConnectionRefused ||
            (error.code == Mqtt::ErrorCode::BrokerDisconnected && error.reasonCode != 0);
    QString text = error.text;
    if (v5 && hasReasonCode)
        text = tr("%1 (reason code 0x%2)")
                       .arg(error.text)
                       .arg(error.reasonCode, 2, 16, QLatin1Char('0'));
    // A failure before the first CONNACK of this connection is a failure to connect.
    // (A refusal says so itself: "The broker refused the connection: …".)
    const bool unreachable = error.code == Mqtt::ErrorCode::TransportError ||
                             error.code == Mqtt::ErrorCode::TlsError ||
                             error.code == Mqtt::ErrorCode::ConnectTimeout;
    if (!m_hasConnected && unreachable)
        text = tr("Could not connect to %1: %2").arg(brokerAddress(), text);
    showError(text);
}

void ConnectionPane::updateButtons()
{
    const Mqtt::Client::State state =
            m_client ? m_client->state() : Mqtt::Client::State::Disconnected;
    const bool idle = state == Mqtt::Client::State::Disconnected;
    m_ui->connectButton->setEnabled(idle && !m_ui->hostEdit->text().trimmed().isEmpty() &&
                                    portProblem().isEmpty());
    m_ui->disconnectButton->setEnabled(!idle && state != Mqtt::Client::State::Disconnecting);
    // Before the first success there is nothing to disconnect: the button stops the trying.
    const bool trying = !idle && state != Mqtt::Client::State::Connected &&
                        state != Mqtt::Client::State::Disconnecting && !m_hasConnected;
    m_ui->disconnectButton->setText(trying ? tr("&Cancel") : tr("&Disconnect"));
    m_ui->disconnectButton->setToolTip(trying ? tr("Stop trying to connect") : QString());
    // Re-authentication needs a 5.0 connection made with enhanced authentication
    // (no AUTH without a method in CONNECT [MQTT-4.12.0-7]), and one exchange at a time.
    const Mqtt::ConnectionOptions options =
            m_client ? m_client->options() : Mqtt::ConnectionOptions();
    const bool enhanced = m_client && (!options.authenticationMethod.isEmpty() ||
                                       m_client->authenticator() != nullptr);
    QString why;
    if (state != Mqtt::Client::State::Connected)
        why = tr("Connect first: re-authentication works on an open connection");
    else if (options.version != Mqtt::ProtocolVersion::V5)
        why = tr("Re-authentication needs an MQTT 5.0 connection");
    else if (!enhanced)
        why = tr("Re-authentication needs a connection made with an authentication method");
    else if (m_reauthenticating)
        why = tr("Waiting for the broker to answer the re-authentication");
    m_ui->reauthenticateButton->setEnabled(why.isEmpty());
    m_ui->reauthenticateButton->setToolTip(
            why.isEmpty() ? tr("Prove the credentials again on the open connection, without "
                               "reconnecting (MQTT 5.0 AUTH)")
                          : why);
}

void ConnectionPane::showAddProfileDialog()
{
    bool ok = false;
    const QString name =
            QInputDialog::getText(this, tr("New profile"), tr("Profile name:"), QLineEdit::Normal,
                                  freeProfileName(tr("New profile")), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    if (!addProfile(name))
        QMessageBox::warning(this, tr("New profile"),
                             tr("A profile named \"%1\" already exists.").arg(name.trimmed()));
}

void ConnectionPane::showRenameProfileDialog()
{
    if (m_currentProfile.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename profile"), tr("New name:"),
                                               QLineEdit::Normal, m_currentProfile, &ok);
    if (!ok || name.trimmed().isEmpty() || name.trimmed() == m_currentProfile)
        return;
    if (!renameCurrentProfile(name))
        QMessageBox::warning(this, tr("Rename profile"),
                             tr("A profile named \"%1\" already exists.").arg(name.trimmed()));
}

void ConnectionPane::confirmDeleteProfile()
{
    if (m_currentProfile.isEmpty())
        return;
    const auto answer = QMessageBox::question(
            this, tr("Delete profile"),
            tr("Delete the profile \"%1\" and its saved password?").arg(m_currentProfile));
    if (answer == QMessageBox::Yes)
        deleteCurrentProfile();
}

void ConnectionPane::setUpSecurityWidgets()
{
    m_ui->transportCombo->addItem(tr("TCP (mqtt://)"), int(Mqtt::TransportKind::Tcp));
    m_ui->transportCombo->addItem(tr("TLS (mqtts://)"), int(Mqtt::TransportKind::Tls));
    m_ui->transportCombo->addItem(tr("WebSocket (ws://)"), int(Mqtt::TransportKind::WebSocket));
    m_ui->transportCombo->addItem(tr("Secure WebSocket (wss://)"),
                                  int(Mqtt::TransportKind::SecureWebSocket));
    m_ui->tlsVersionCombo->addItem(tr("TLS 1.2"), int(Mqtt::TlsVersion::TlsV1_2));
    m_ui->tlsVersionCombo->addItem(tr("TLS 1.3"), int(Mqtt::TlsVersion::TlsV1_3));
    m_ui->proxyKindCombo->addItem(tr("None"), int(Mqtt::ProxyKind::None));
    m_ui->proxyKindCombo->addItem(tr("System proxy"), int(Mqtt::ProxyKind::System));
    m_ui->proxyKindCombo->addItem(tr("SOCKS5"), int(Mqtt::ProxyKind::Socks5));
    m_ui->proxyKindCombo->addItem(tr("HTTP CONNECT"), int(Mqtt::ProxyKind::HttpConnect));

    const auto browseFor = [this](QToolButton *button, QLineEdit *edit) {
        connect(button, &QToolButton::clicked, this,
                [this, button, edit] { browseFile(edit, button->toolTip()); });
    };
    browseFor(m_ui->caFileButton, m_ui->caFileEdit);
    browseFor(m_ui->certificateFileButton, m_ui->certificateFileEdit);
    browseFor(m_ui->keyFileButton, m_ui->keyFileEdit);

    connect(m_ui->transportCombo, &QComboBox::currentIndexChanged, this,
            &ConnectionPane::onTransportChanged);
    connect(m_ui->allowInsecureCheck, &QCheckBox::toggled, this,
            &ConnectionPane::updateSecurityWidgets);
    connect(m_ui->proxyKindCombo, &QComboBox::currentIndexChanged, this,
            &ConnectionPane::updateSecurityWidgets);
    connect(m_ui->hostEdit, &QLineEdit::editingFinished, this, [this] { applyHostUrl(); });
    updateSecurityWidgets();
}

Mqtt::TransportKind ConnectionPane::transport() const
{
    return Mqtt::TransportKind(m_ui->transportCombo->currentData().toInt());
}

void ConnectionPane::setTransport(Mqtt::TransportKind kind)
{
    // Set by a profile or a URL: the port comes with it, so no default-port change.
    const QSignalBlocker blocker(m_ui->transportCombo);
    m_ui->transportCombo->setCurrentIndex(m_ui->transportCombo->findData(int(kind)));
    m_shownTransport = kind;
    updateSecurityWidgets();
}

void ConnectionPane::onTransportChanged()
{
    const Mqtt::TransportKind kind = transport();
    // Only a port the user left at the old default follows the transport.
    if (m_ui->portSpin->value() == Mqtt::defaultPort(m_shownTransport))
        m_ui->portSpin->setValue(Mqtt::defaultPort(kind));
    m_shownTransport = kind;
    updateSecurityWidgets();
}

void ConnectionPane::updateSecurityWidgets()
{
    const Mqtt::TransportKind kind = transport();
    const bool tls =
            kind == Mqtt::TransportKind::Tls || kind == Mqtt::TransportKind::SecureWebSocket;
    const bool webSocket =
            kind == Mqtt::TransportKind::WebSocket || kind == Mqtt::TransportKind::SecureWebSocket;
    m_ui->formLayout->setRowVisible(m_ui->webSocketPathEdit, webSocket);
    m_ui->tlsGroup->setVisible(tls);
    // The warning sits outside the TLS group (in the form) so it stays in sight.
    m_ui->insecureWarningLabel->setVisible(tls && m_ui->allowInsecureCheck->isChecked());
    const auto proxy = Mqtt::ProxyKind(m_ui->proxyKindCombo->currentData().toInt());
    const bool explicitProxy =
            proxy == Mqtt::ProxyKind::Socks5 || proxy == Mqtt::ProxyKind::HttpConnect;
    // Host, port and credentials only for a proxy named here: keeps the pane short otherwise.
    for (QWidget *field :
         {static_cast<QWidget *>(m_ui->proxyHostEdit), static_cast<QWidget *>(m_ui->proxyPortSpin),
          static_cast<QWidget *>(m_ui->proxyUserEdit),
          static_cast<QWidget *>(m_ui->proxyPasswordEdit)})
        m_ui->proxyLayout->setRowVisible(field, explicitProxy);
}

void ConnectionPane::browseFile(QLineEdit *edit, const QString &title)
{
    const QString chosen = QFileDialog::getOpenFileName(
            this, title, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!chosen.isEmpty())
        edit->setText(chosen);
}

bool ConnectionPane::keyNeedsPassphrase(const QString &keyFile) const
{
    if (keyFile.isEmpty())
        return false;
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly))
        return false; // the connection attempt reports the unreadable file
    // PKCS#8 "ENCRYPTED PRIVATE KEY" and legacy "Proc-Type: 4,ENCRYPTED" both say so.
    return file.read(64 * 1024).contains("ENCRYPTED");
}

QByteArray ConnectionPane::keyPassphrase() const
{
    return m_ui->keyPassphraseEdit->text().toUtf8();
}

void ConnectionPane::setKeyPassphrase(const QByteArray &passphrase)
{
    m_ui->keyPassphraseEdit->setText(QString::fromUtf8(passphrase));
}

QString ConnectionPane::proxyPassword() const
{
    return m_ui->proxyPasswordEdit->text();
}

void ConnectionPane::setProxyPassword(const QString &password)
{
    m_ui->proxyPasswordEdit->setText(password);
}

bool ConnectionPane::applyHostUrl()
{
    const QString text = m_ui->hostEdit->text().trimmed();
    if (!text.contains(QLatin1String("://")))
        return true;
    Mqtt::ConnectionOptions options;
    QString error;
    if (!Mqtt::parseBrokerUrl(text, &options, &error)) {
        showError(tr("Broker URL: %1").arg(error));
        return false;
    }
    setTransport(options.transport);
    m_ui->hostEdit->setText(options.host);
    m_ui->portSpin->setValue(options.port);
    if (options.transport == Mqtt::TransportKind::WebSocket ||
        options.transport == Mqtt::TransportKind::SecureWebSocket)
        m_ui->webSocketPathEdit->setText(options.webSocketPath);
    if (options.userName)
        m_ui->userNameEdit->setText(*options.userName);
    if (options.password)
        setPassword(*options.password);
    showError(QString());
    return true;
}

void ConnectionPane::setUpV5Widgets()
{
    m_ui->sessionExpiryCombo->addItem(tr("at disconnect"), qulonglong(0));
    m_ui->sessionExpiryCombo->addItem(tr("1 hour"), qulonglong(3600));
    m_ui->sessionExpiryCombo->addItem(tr("1 day"), qulonglong(86400));
    m_ui->sessionExpiryCombo->addItem(tr("1 week"), qulonglong(604800));
    m_ui->sessionExpiryCombo->addItem(tr("never"),
                                      qulonglong(ConnectionProfile::SessionNeverExpires));
    m_ui->authenticationMethodCombo->addItem(tr("None"), QString());
    // The methods the engine implements (e.g. SCRAM-SHA-256), by their protocol names.
    for (const QString &method : Mqtt::authenticationMethods())
        m_ui->authenticationMethodCombo->addItem(method, method);
    setUpUserPropertiesTable(m_ui->connectUserPropertiesTable);
    setUpUserPropertiesTable(m_ui->willUserPropertiesTable);
    connectTableButtons(this, m_ui->connectUserPropertiesTable, m_ui->connectAddUserPropertyButton,
                        m_ui->connectRemoveUserPropertyButton);
    connectTableButtons(this, m_ui->willUserPropertiesTable, m_ui->willAddUserPropertyButton,
                        m_ui->willRemoveUserPropertyButton);

    connect(m_ui->v5ToggleButton, &QToolButton::toggled, this, [this](bool expanded) {
        m_ui->v5ToggleButton->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        m_ui->v5Group->setVisible(expanded);
    });
    connect(m_ui->versionCombo, &QComboBox::currentIndexChanged, this,
            &ConnectionPane::onVersionChanged);
    connect(m_ui->willGroup, &QGroupBox::toggled, this, &ConnectionPane::updateV5Widgets);
    m_ui->v5Group->setVisible(false);
    m_ui->brokerGroup->setVisible(false);
    updateV5Widgets();
}

void ConnectionPane::onVersionChanged()
{
    // Choosing 5.0 opens its options; going back folds them away to keep the pane short.
    m_ui->v5ToggleButton->setChecked(m_ui->versionCombo->currentData().toInt() ==
                                     int(Mqtt::ProtocolVersion::V5));
    updateV5Widgets();
}

void ConnectionPane::updateV5Widgets()
{
    const bool v5 = m_ui->versionCombo->currentData().toInt() == int(Mqtt::ProtocolVersion::V5);
    m_ui->v5Group->setEnabled(v5);
    m_failover->setServerReferenceAvailable(v5);
    const QString why =
            v5 ? QString() : tr("These options need MQTT 5.0: choose it as the protocol");
    m_ui->v5Group->setToolTip(why);
    m_ui->v5ToggleButton->setToolTip(why);
    m_ui->willPropertiesGroup->setEnabled(m_ui->willGroup->isChecked());
    m_ui->willPropertiesGroup->setToolTip(
            m_ui->willGroup->isChecked() ? QString() : tr("Turn on the last will to set these"));
    // 5.0 renamed Clean Session to Clean Start: it no longer decides how long a session lives.
    m_ui->cleanSessionCheck->setText(v5 ? tr("C&lean start") : tr("C&lean session"));
}

bool ConnectionPane::readV5Fields(ConnectionProfile *profile, QString *problem) const
{
    // Every field is read (an invalid one as absent); the first problem is the one reported.
    QString firstProblem;
    const auto note = [&firstProblem](const QString &text) {
        if (firstProblem.isEmpty())
            firstProblem = text;
    };
    std::optional<quint64> number;

    // Session expiry: a preset's text or a number of seconds.
    const QString expiryText = m_ui->sessionExpiryCombo->currentText().trimmed();
    const int preset = m_ui->sessionExpiryCombo->findText(expiryText, Qt::MatchFixedString);
    if (preset >= 0) {
        profile->sessionExpiryInterval =
                quint32(m_ui->sessionExpiryCombo->itemData(preset).toULongLong());
    } else if (readNumber(expiryText, 0, 0xFFFFFFFFu, &number)) {
        profile->sessionExpiryInterval = quint32(number.value_or(0));
    } else {
        note(tr("Session expiry: enter a number of seconds from 0 to %1, \"at disconnect\" "
                "or \"never\"")
                     .arg(QLocale().toString(0xFFFFFFFFu)));
    }
    // The engine's ranges: a Receive Maximum or Maximum Packet Size of 0 is a protocol error.
    const auto readProperty = [&](const QLineEdit *edit, Mqtt::PropertyId id, const QString &name) {
        const Mqtt::ValueRange range = Mqtt::propertyValueRange(id);
        if (!readNumber(edit->text(), range.minimum, range.maximum, &number))
            note(rangeProblem(name, range.minimum, range.maximum));
    };
    readProperty(m_ui->receiveMaximumEdit, Mqtt::PropertyId::ReceiveMaximum, tr("Receive maximum"));
    profile->receiveMaximum = number ? std::optional<quint16>(quint16(*number)) : std::nullopt;
    readProperty(m_ui->maximumPacketSizeEdit, Mqtt::PropertyId::MaximumPacketSize,
                 tr("Maximum packet size"));
    profile->maximumPacketSize = number ? std::optional<quint32>(quint32(*number)) : std::nullopt;
    readProperty(m_ui->topicAliasMaximumEdit, Mqtt::PropertyId::TopicAliasMaximum,
                 tr("Topic alias maximum"));
    profile->topicAliasMaximum = number ? std::optional<quint16>(quint16(*number)) : std::nullopt;
    profile->requestResponseInformation = m_ui->requestResponseInformationCheck->isChecked();
    profile->requestProblemInformation = m_ui->requestProblemInformationCheck->isChecked();
    profile->authenticationMethod = m_ui->authenticationMethodCombo->currentData().toString();
    profile->topicAliasPolicy = m_ui->outgoingTopicAliasesCheck->isChecked()
                                        ? Mqtt::TopicAliasPolicy::Automatic
                                        : Mqtt::TopicAliasPolicy::Disabled;
    profile->userProperties = userPropertiesOf(m_ui->connectUserPropertiesTable);
    QString text = userPropertiesProblem(tr("User property"), profile->userProperties);
    if (!text.isEmpty())
        note(text);

    if (!readNumber(m_ui->willDelayEdit->text(), 0, 0xFFFFFFFFu, &number))
        note(rangeProblem(tr("Will delay"), 0, 0xFFFFFFFFu));
    profile->willDelayInterval = quint32(number.value_or(0));
    if (!readNumber(m_ui->willMessageExpiryEdit->text(), 0, 0xFFFFFFFFu, &number))
        note(rangeProblem(tr("Will message expiry"), 0, 0xFFFFFFFFu));
    profile->willMessageExpiryInterval =
            number ? std::optional<quint32>(quint32(*number)) : std::nullopt;
    profile->willPayloadIsUtf8 = m_ui->willPayloadUtf8Check->isChecked();
    profile->willContentType = m_ui->willContentTypeEdit->text();
    text = Mqtt::utf8StringProblem(profile->willContentType.toUtf8());
    if (!text.isEmpty())
        note(tr("Will content type: %1").arg(text));
    profile->willResponseTopic = m_ui->willResponseTopicEdit->text();
    // The Response Topic is a topic name: no wildcards [MQTT-3.3.2-14].
    if (!profile->willResponseTopic.isEmpty()) {
        if (const Mqtt::Error error = Mqtt::validateTopicName(profile->willResponseTopic))
            note(tr("Will response topic: %1").arg(error.text));
    }
    profile->willCorrelationData = m_ui->willCorrelationDataEdit->text().toUtf8();
    if (profile->willCorrelationData.size() > Mqtt::MaximumStringLength)
        note(tr("Will correlation data: at most %1 bytes")
                     .arg(QLocale().toString(Mqtt::MaximumStringLength)));
    profile->willUserProperties = userPropertiesOf(m_ui->willUserPropertiesTable);
    text = userPropertiesProblem(tr("Will user property"), profile->willUserProperties);
    if (!text.isEmpty())
        note(text);
    // A will that is too large or a payload that is not UTF-8 with the indicator set is the
    // broker's to refuse (Payload format invalid): it says so in the CONNACK.
    if (problem)
        *problem = firstProblem;
    return firstProblem.isEmpty();
}

void ConnectionPane::setV5Fields(const ConnectionProfile &profile)
{
    const int preset =
            m_ui->sessionExpiryCombo->findData(qulonglong(profile.sessionExpiryInterval));
    if (preset >= 0)
        m_ui->sessionExpiryCombo->setCurrentIndex(preset);
    else
        m_ui->sessionExpiryCombo->setEditText(QString::number(profile.sessionExpiryInterval));
    const auto show = [](QLineEdit *edit, auto value) {
        edit->setText(value ? QString::number(*value) : QString());
    };
    show(m_ui->receiveMaximumEdit, profile.receiveMaximum);
    show(m_ui->maximumPacketSizeEdit, profile.maximumPacketSize);
    show(m_ui->topicAliasMaximumEdit, profile.topicAliasMaximum);
    m_ui->requestResponseInformationCheck->setChecked(profile.requestResponseInformation);
    m_ui->requestProblemInformationCheck->setChecked(profile.requestProblemInformation);
    int method = m_ui->authenticationMethodCombo->findData(profile.authenticationMethod);
    if (method < 0) {
        // A method this version does not offer: kept, shown as it is.
        m_ui->authenticationMethodCombo->addItem(profile.authenticationMethod,
                                                 profile.authenticationMethod);
        method = m_ui->authenticationMethodCombo->count() - 1;
    }
    m_ui->authenticationMethodCombo->setCurrentIndex(method);
    m_ui->outgoingTopicAliasesCheck->setChecked(profile.topicAliasPolicy ==
                                                Mqtt::TopicAliasPolicy::Automatic);
    setUserProperties(m_ui->connectUserPropertiesTable, profile.userProperties);
    m_ui->willDelayEdit->setText(
            profile.willDelayInterval ? QString::number(profile.willDelayInterval) : QString());
    show(m_ui->willMessageExpiryEdit, profile.willMessageExpiryInterval);
    m_ui->willPayloadUtf8Check->setChecked(profile.willPayloadIsUtf8);
    m_ui->willContentTypeEdit->setText(profile.willContentType);
    m_ui->willResponseTopicEdit->setText(profile.willResponseTopic);
    m_ui->willCorrelationDataEdit->setText(QString::fromUtf8(profile.willCorrelationData));
    setUserProperties(m_ui->willUserPropertiesTable, profile.willUserProperties);
}

void ConnectionPane::clearBrokerDetails()
{
    m_brokerDetails.clear();
    while (m_ui->brokerLayout->rowCount() > 0)
        m_ui->brokerLayout->removeRow(0);
    m_ui->brokerGroup->setVisible(false);
}

void ConnectionPane::showBrokerDetails()
{
    clearBrokerDetails();
    if (!m_client)
        return;
    using Limit = Mqtt::ServerLimits::Limit;
    const Mqtt::ServerLimits &limits = m_client->serverLimits();
    const QLocale locale;
    const auto add = [this](const QString &name, const QString &value) {
        m_brokerDetails.append({name, value});
    };
    const auto yesNo = [](bool yes) { return yes ? tr("yes") : tr("no"); };
    // Limits the broker did not announce have the specification's defaults: say so.
    const auto shown = [&limits](Limit limit, const QString &text) {
        return limits.isAnnounced(limit) ? text : tr("%1 (default)").arg(text);
    };
    const auto plain = [&locale](quint32 value) { return locale.toString(value); };

    if (!limits.assignedClientIdentifier().isEmpty())
        add(tr("Assigned client id"), limits.assignedClientIdentifier());
    else
        add(tr("Client id"), m_client->clientId());
    add(tr("Session present"), yesNo(limits.sessionPresent()));
    if (const auto expiry = limits.sessionExpiryInterval())
        add(tr("Session expiry"), *expiry == ConnectionProfile::SessionNeverExpires
                                          ? tr("never")
                                          : tr("%1 s").arg(locale.toString(*expiry)));
    add(tr("Maximum QoS"), shown(Limit::MaximumQos, plain(quint8(limits.maximumQos()))));
    add(tr("Retain available"), shown(Limit::RetainAvailable, yesNo(limits.isRetainAvailable())));
    const auto packetSize = limits.maximumPacketSize();
    add(tr("Maximum packet size"), packetSize ? tr("%1 bytes").arg(locale.toString(*packetSize))
                                              : tr("%1 (default)").arg(tr("no limit")));
    add(tr("Topic alias maximum"),
        shown(Limit::TopicAliasMaximum, plain(limits.topicAliasMaximum())));
    add(tr("Receive maximum"), shown(Limit::ReceiveMaximum, plain(limits.receiveMaximum())));
    const quint16 requested = m_client->options().keepAlive;
    add(tr("Server keep alive"),
        limits.isAnnounced(Limit::ServerKeepAlive)
                ? tr("%1 s").arg(locale.toString(limits.keepAlive(requested)))
                : tr("%1 s, as requested").arg(locale.toString(requested)));
    add(tr("Wildcard subscriptions"), shown(Limit::WildcardSubscriptionAvailable,
                                            yesNo(limits.isWildcardSubscriptionAvailable())));
    add(tr("Subscription identifiers"), shown(Limit::SubscriptionIdentifierAvailable,
                                              yesNo(limits.isSubscriptionIdentifierAvailable())));
    add(tr("Shared subscriptions"),
        shown(Limit::SharedSubscriptionAvailable, yesNo(limits.isSharedSubscriptionAvailable())));
    if (!limits.reasonString().isEmpty())
        add(tr("Reason string"), limits.reasonString());
    if (!limits.serverReference().isEmpty())
        add(tr("Server reference"), limits.serverReference());
    if (!limits.responseInformation().isEmpty())
        add(tr("Response information"), limits.responseInformation());
    for (const auto &pair : limits.userProperties())
        add(tr("User property"), QStringLiteral("%1 = %2").arg(pair.first, pair.second));

    for (const auto &[name, value] : std::as_const(m_brokerDetails)) {
        auto *valueLabel = new QLabel(value, m_ui->brokerGroup);
        valueLabel->setTextFormat(Qt::PlainText);
        valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        valueLabel->setWordWrap(true);
        m_ui->brokerLayout->addRow(tr("%1:").arg(name), valueLabel);
    }
    m_ui->brokerGroup->setVisible(true);
}
