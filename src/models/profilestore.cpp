// SPDX-License-Identifier: Apache-2.0
#include "profilestore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace {

const QString ProfilesGroup = QStringLiteral("profiles");
const QString LastUsedKey = QStringLiteral("general/lastUsedProfile");

// User properties as a settings array: order and duplicates survive.
void writePairs(QSettings &settings, const QString &key, const QList<QPair<QString, QString>> &pairs)
{
    settings.beginWriteArray(key, int(pairs.size()));
    for (int i = 0; i < pairs.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), pairs.at(i).first);
        settings.setValue(QStringLiteral("value"), pairs.at(i).second);
    }
    settings.endArray();
}

QList<QPair<QString, QString>> readPairs(QSettings &settings, const QString &key)
{
    QList<QPair<QString, QString>> pairs;
    const int size = settings.beginReadArray(key);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        pairs.append({settings.value(QStringLiteral("name")).toString(),
                      settings.value(QStringLiteral("value")).toString()});
    }
    settings.endArray();
    return pairs;
}

// An optional integer is a key that is present or not; out-of-range values read as absent.
template<typename T>
std::optional<T> readOptional(const QSettings &settings, const QString &key, quint32 minimum)
{
    if (!settings.contains(key))
        return std::nullopt;
    bool ok = false;
    const qulonglong value = settings.value(key).toULongLong(&ok);
    if (!ok || value < minimum || value > std::numeric_limits<T>::max())
        return std::nullopt;
    return T(value);
}

template<typename T>
void writeOptional(QSettings &settings, const QString &key, const std::optional<T> &value)
{
    if (value)
        settings.setValue(key, qulonglong(*value));
}

QString defaultFileName()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    QDir().mkpath(folder);
    return folder + QStringLiteral("/profiles.ini");
}

} // namespace

ProfileStore::ProfileStore(QObject *parent) : ProfileStore(defaultFileName(), parent) { }

ProfileStore::ProfileStore(const QString &fileName, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{ }

ProfileStore::~ProfileStore()
{
    sync();
}

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

QString ProfileStore::groupFor(const QString &name) const
{
    // Percent-encoding keeps '/' and '\' in a name from splitting the settings group.
    return ProfilesGroup + QLatin1Char('/') +
           QString::fromLatin1(QUrl::toPercentEncoding(name, QByteArray(), "%"));
}

QStringList ProfileStore::profileNames() const
{
    QStringList names;
    m_settings->beginGroup(ProfilesGroup);
    const QStringList groups = m_settings->childGroups();
    for (const QString &group : groups)
        names.append(m_settings->value(group + QStringLiteral("/name")).toString());
    m_settings->endGroup();
    names.removeAll(QString());
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const int order = a.compare(b, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a < b;
    });
    return names;
}

bool ProfileStore::contains(const QString &name) const
{
    return !name.isEmpty() && m_settings->contains(groupFor(name) + QStringLiteral("/name"));
}

std::optional<ConnectionProfile> ProfileStore::profile(const QString &name) const
{
    if (!contains(name))
        return std::nullopt;
    m_settings->beginGroup(groupFor(name));
    const ConnectionProfile defaults;
    ConnectionProfile p;
    p.name = m_settings->value(QStringLiteral("name")).toString();
    p.host = m_settings->value(QStringLiteral("host"), defaults.host).toString();
    p.port = quint16(m_settings->value(QStringLiteral("port"), defaults.port).toUInt());
    // Older files have neither key: no failover, as before.
    p.failoverUrls = m_settings->value(QStringLiteral("failover/urls")).toStringList();
    p.followServerReference =
            m_settings->value(QStringLiteral("v5/followServerReference"), false).toBool();
    // Rules that no longer parse (a decoder renamed) are dropped rather than refusing the
    // profile.
    p.decodeRules = Payload::DecodeRules::fromJson(
            QJsonDocument::fromJson(
                    m_settings->value(QStringLiteral("payload/decodeRules")).toByteArray())
                    .array());
    p.protoPaths = m_settings->value(QStringLiteral("payload/protoPaths")).toStringList();
    const int version =
            m_settings->value(QStringLiteral("protocolVersion"), int(defaults.protocolVersion))
                    .toInt();
    p.protocolVersion = (version == 3 || version == 4 || version == 5)
                                ? Mqtt::ProtocolVersion(version)
                                : defaults.protocolVersion;
    p.clientId = m_settings->value(QStringLiteral("clientId")).toString();
    p.userName = m_settings->value(QStringLiteral("userName")).toString();
    p.cleanSession =
            m_settings->value(QStringLiteral("cleanSession"), defaults.cleanSession).toBool();
    p.keepAlive =
            quint16(m_settings->value(QStringLiteral("keepAlive"), defaults.keepAlive).toUInt());
    p.autoReconnect =
            m_settings->value(QStringLiteral("autoReconnect"), defaults.autoReconnect).toBool();
    p.connectAtStart =
            m_settings->value(QStringLiteral("connectAtStart"), defaults.connectAtStart).toBool();
    p.willTopic = m_settings->value(QStringLiteral("willTopic")).toString();
    p.willPayload = QByteArray::fromBase64(
            m_settings->value(QStringLiteral("willPayloadBase64")).toString().toLatin1());
    p.willQos = Mqtt::QoS(qBound(0, m_settings->value(QStringLiteral("willQos")).toInt(), 2));
    p.willRetain = m_settings->value(QStringLiteral("willRetain")).toBool();
    p.transport = Mqtt::TransportKind(qBound(
            0, m_settings->value(QStringLiteral("transport"), int(defaults.transport)).toInt(),
            int(Mqtt::TransportKind::SecureWebSocket)));
    p.webSocketPath =
            m_settings->value(QStringLiteral("webSocketPath"), defaults.webSocketPath).toString();
    p.caFile = m_settings->value(QStringLiteral("tls/caFile")).toString();
    p.certificateFile = m_settings->value(QStringLiteral("tls/certificateFile")).toString();
    p.keyFile = m_settings->value(QStringLiteral("tls/keyFile")).toString();
    p.serverName = m_settings->value(QStringLiteral("tls/serverName")).toString();
    const QString alpn = m_settings->value(QStringLiteral("tls/alpn")).toString();
    p.alpn = alpn.isEmpty() ? QStringList() : alpn.split(QLatin1Char(','));
    p.minimumTlsVersion = m_settings->value(QStringLiteral("tls/minimumVersion")).toInt() == 1
                                  ? Mqtt::TlsVersion::TlsV1_3
                                  : Mqtt::TlsVersion::TlsV1_2;
    p.allowInsecure = m_settings->value(QStringLiteral("tls/allowInsecure")).toBool();
    p.proxyKind = Mqtt::ProxyKind(qBound(0, m_settings->value(QStringLiteral("proxy/kind")).toInt(),
                                         int(Mqtt::ProxyKind::HttpConnect)));
    p.proxyHost = m_settings->value(QStringLiteral("proxy/host")).toString();
    p.proxyPort = quint16(m_settings->value(QStringLiteral("proxy/port")).toUInt());
    p.proxyUserName = m_settings->value(QStringLiteral("proxy/userName")).toString();

    p.sessionExpiryInterval =
            readOptional<quint32>(*m_settings, QStringLiteral("v5/sessionExpiryInterval"), 0)
                    .value_or(defaults.sessionExpiryInterval);
    // A Receive Maximum or Maximum Packet Size of 0 is a protocol error: read as absent.
    p.receiveMaximum = readOptional<quint16>(*m_settings, QStringLiteral("v5/receiveMaximum"), 1);
    p.maximumPacketSize =
            readOptional<quint32>(*m_settings, QStringLiteral("v5/maximumPacketSize"), 1);
    p.topicAliasMaximum =
            readOptional<quint16>(*m_settings, QStringLiteral("v5/topicAliasMaximum"), 0);
    p.requestResponseInformation = m_settings
                                           ->value(QStringLiteral("v5/requestResponseInformation"),
                                                   defaults.requestResponseInformation)
                                           .toBool();
    p.requestProblemInformation = m_settings
                                          ->value(QStringLiteral("v5/requestProblemInformation"),
                                                  defaults.requestProblemInformation)
                                          .toBool();
    p.userProperties = readPairs(*m_settings, QStringLiteral("v5/userProperties"));
    p.authenticationMethod =
            m_settings->value(QStringLiteral("v5/authenticationMethod")).toString();
    // Older files have no key: aliases on, the default.
    p.topicAliasPolicy =
            m_settings->value(QStringLiteral("v5/outgoingTopicAliases"),
                              defaults.topicAliasPolicy == Mqtt::TopicAliasPolicy::Automatic)
                            .toBool()
                    ? Mqtt::TopicAliasPolicy::Automatic
                    : Mqtt::TopicAliasPolicy::Disabled;
    p.willDelayInterval =
            readOptional<quint32>(*m_settings, QStringLiteral("v5/willDelayInterval"), 0)
                    .value_or(defaults.willDelayInterval);
    p.willPayloadIsUtf8 = m_settings->value(QStringLiteral("v5/willPayloadIsUtf8")).toBool();
    p.willMessageExpiryInterval =
            readOptional<quint32>(*m_settings, QStringLiteral("v5/willMessageExpiryInterval"), 0);
    p.willContentType = m_settings->value(QStringLiteral("v5/willContentType")).toString();
    p.willResponseTopic = m_settings->value(QStringLiteral("v5/willResponseTopic")).toString();
    p.willCorrelationData = QByteArray::fromBase64(
            m_settings->value(QStringLiteral("v5/willCorrelationDataBase64")).toString().toLatin1());
    p.willUserProperties = readPairs(*m_settings, QStringLiteral("v5/willUserProperties"));
    m_settings->endGroup();
    return p;
}

void ProfileStore::writeProfile(const ConnectionProfile &p)
{
    m_settings->remove(groupFor(p.name));
    m_settings->beginGroup(groupFor(p.name));
    // No password key, ever: passwords live in the SecretStore.
    m_settings->setValue(QStringLiteral("name"), p.name);
    m_settings->setValue(QStringLiteral("host"), p.host);
    m_settings->setValue(QStringLiteral("port"), p.port);
    if (!p.failoverUrls.isEmpty())
        m_settings->setValue(QStringLiteral("failover/urls"), p.failoverUrls);
    m_settings->setValue(QStringLiteral("v5/followServerReference"), p.followServerReference);
    if (!p.decodeRules.isEmpty())
        m_settings->setValue(QStringLiteral("payload/decodeRules"),
                             QJsonDocument(p.decodeRules.toJson()).toJson(QJsonDocument::Compact));
    if (!p.protoPaths.isEmpty())
        m_settings->setValue(QStringLiteral("payload/protoPaths"), p.protoPaths);
    m_settings->setValue(QStringLiteral("protocolVersion"), int(p.protocolVersion));
    m_settings->setValue(QStringLiteral("clientId"), p.clientId);
    m_settings->setValue(QStringLiteral("userName"), p.userName);
    m_settings->setValue(QStringLiteral("cleanSession"), p.cleanSession);
    m_settings->setValue(QStringLiteral("keepAlive"), p.keepAlive);
    m_settings->setValue(QStringLiteral("autoReconnect"), p.autoReconnect);
    m_settings->setValue(QStringLiteral("connectAtStart"), p.connectAtStart);
    m_settings->setValue(QStringLiteral("willTopic"), p.willTopic);
    m_settings->setValue(QStringLiteral("willPayloadBase64"),
                         QString::fromLatin1(p.willPayload.toBase64()));
    m_settings->setValue(QStringLiteral("willQos"), int(p.willQos));
    m_settings->setValue(QStringLiteral("willRetain"), p.willRetain);
    // Nor the key passphrase or the proxy password: those are secrets too.
    m_settings->setValue(QStringLiteral("transport"), int(p.transport));
    m_settings->setValue(QStringLiteral("webSocketPath"), p.webSocketPath);
    m_settings->setValue(QStringLiteral("tls/caFile"), p.caFile);
    m_settings->setValue(QStringLiteral("tls/certificateFile"), p.certificateFile);
    m_settings->setValue(QStringLiteral("tls/keyFile"), p.keyFile);
    m_settings->setValue(QStringLiteral("tls/serverName"), p.serverName);
    m_settings->setValue(QStringLiteral("tls/alpn"), p.alpn.join(QLatin1Char(',')));
    m_settings->setValue(QStringLiteral("tls/minimumVersion"),
                         p.minimumTlsVersion == Mqtt::TlsVersion::TlsV1_3 ? 1 : 0);
    m_settings->setValue(QStringLiteral("tls/allowInsecure"), p.allowInsecure);
    m_settings->setValue(QStringLiteral("proxy/kind"), int(p.proxyKind));
    m_settings->setValue(QStringLiteral("proxy/host"), p.proxyHost);
    m_settings->setValue(QStringLiteral("proxy/port"), p.proxyPort);
    m_settings->setValue(QStringLiteral("proxy/userName"), p.proxyUserName);

    m_settings->setValue(QStringLiteral("v5/sessionExpiryInterval"),
                         qulonglong(p.sessionExpiryInterval));
    writeOptional(*m_settings, QStringLiteral("v5/receiveMaximum"), p.receiveMaximum);
    writeOptional(*m_settings, QStringLiteral("v5/maximumPacketSize"), p.maximumPacketSize);
    writeOptional(*m_settings, QStringLiteral("v5/topicAliasMaximum"), p.topicAliasMaximum);
    m_settings->setValue(QStringLiteral("v5/requestResponseInformation"),
                         p.requestResponseInformation);
    m_settings->setValue(QStringLiteral("v5/requestProblemInformation"),
                         p.requestProblemInformation);
    writePairs(*m_settings, QStringLiteral("v5/userProperties"), p.userProperties);
    m_settings->setValue(QStringLiteral("v5/authenticationMethod"), p.authenticationMethod);
    m_settings->setValue(QStringLiteral("v5/outgoingTopicAliases"),
                         p.topicAliasPolicy == Mqtt::TopicAliasPolicy::Automatic);
    m_settings->setValue(QStringLiteral("v5/willDelayInterval"), qulonglong(p.willDelayInterval));
    m_settings->setValue(QStringLiteral("v5/willPayloadIsUtf8"), p.willPayloadIsUtf8);
    writeOptional(*m_settings, QStringLiteral("v5/willMessageExpiryInterval"),
                  p.willMessageExpiryInterval);
    m_settings->setValue(QStringLiteral("v5/willContentType"), p.willContentType);
    m_settings->setValue(QStringLiteral("v5/willResponseTopic"), p.willResponseTopic);
    m_settings->setValue(QStringLiteral("v5/willCorrelationDataBase64"),
                         QString::fromLatin1(p.willCorrelationData.toBase64()));
    writePairs(*m_settings, QStringLiteral("v5/willUserProperties"), p.willUserProperties);
    m_settings->endGroup();
}

bool ProfileStore::addProfile(const ConnectionProfile &profile)
{
    if (profile.name.isEmpty() || contains(profile.name))
        return false;
    writeProfile(profile);
    Q_EMIT profilesChanged();
    return true;
}

bool ProfileStore::saveProfile(const ConnectionProfile &profile)
{
    if (profile.name.isEmpty())
        return false;
    writeProfile(profile);
    Q_EMIT profilesChanged();
    return true;
}

QString ProfileStore::duplicateProfile(const QString &name)
{
    std::optional<ConnectionProfile> source = profile(name);
    if (!source)
        return QString();
    QString candidate = tr("%1 (copy)").arg(name);
    for (int n = 2; contains(candidate); ++n)
        candidate = tr("%1 (copy %2)").arg(name).arg(n);
    source->name = candidate;
    writeProfile(*source);
    Q_EMIT profilesChanged();
    return candidate;
}

bool ProfileStore::renameProfile(const QString &oldName, const QString &newName)
{
    if (newName.isEmpty() || !contains(oldName) || (contains(newName) && newName != oldName))
        return false;
    if (newName == oldName)
        return true;
    const bool wasLastUsed = lastUsedProfile() == oldName;
    std::optional<ConnectionProfile> p = profile(oldName);
    p->name = newName;
    m_settings->remove(groupFor(oldName));
    writeProfile(*p);
    if (wasLastUsed)
        m_settings->setValue(LastUsedKey, newName);
    Q_EMIT profilesChanged();
    if (wasLastUsed)
        Q_EMIT lastUsedProfileChanged(newName);
    return true;
}

bool ProfileStore::removeProfile(const QString &name)
{
    if (!contains(name))
        return false;
    m_settings->remove(groupFor(name));
    const bool wasLastUsed = m_settings->value(LastUsedKey).toString() == name;
    if (wasLastUsed)
        m_settings->remove(LastUsedKey);
    Q_EMIT profilesChanged();
    if (wasLastUsed)
        Q_EMIT lastUsedProfileChanged(QString());
    return true;
}

QString ProfileStore::lastUsedProfile() const
{
    const QString name = m_settings->value(LastUsedKey).toString();
    return contains(name) ? name : QString();
}

void ProfileStore::setLastUsedProfile(const QString &name)
{
    if (m_settings->value(LastUsedKey).toString() == name)
        return;
    if (name.isEmpty())
        m_settings->remove(LastUsedKey);
    else
        m_settings->setValue(LastUsedKey, name);
    Q_EMIT lastUsedProfileChanged(name);
}

void ProfileStore::sync()
{
    m_settings->sync();
    // Profiles name users, hosts and key files: readable by the owner only.
    restrictToOwner(m_settings->fileName());
}

void ProfileStore::restrictToOwner(const QString &fileName)
{
    if (QFile::exists(fileName))
        QFile::setPermissions(fileName, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}
