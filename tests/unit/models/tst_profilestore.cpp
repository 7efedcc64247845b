// SPDX-License-Identifier: Apache-2.0
#include "profilestore.h"
#include "secretstore.h"

#include <QDirIterator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray Password = "s3cret-Pa55word-7f3a";

ConnectionProfile sampleProfile(const QString &name)
{
    ConnectionProfile p;
    p.name = name;
    p.host = QStringLiteral("broker.example.org");
    p.port = 8883;
    p.protocolVersion = Mqtt::ProtocolVersion::V5;
    p.clientId = QStringLiteral("client-1");
    p.userName = QStringLiteral("alice");
    p.cleanSession = false;
    p.keepAlive = 30;
    p.autoReconnect = false;
    p.connectAtStart = false;
    p.willTopic = QStringLiteral("status/alice");
    p.willPayload = QByteArray("offline\x00\xff", 9);
    p.willQos = Mqtt::QoS::ExactlyOnce;
    p.willRetain = true;
    return p;
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SwitchboardTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_profilestore"));
        QStandardPaths::setTestModeEnabled(true);
        m_configFolder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        QDir(m_configFolder).removeRecursively();
    }
    void cleanupTestCase() { QDir(m_configFolder).removeRecursively(); }

    void roundTrip()
    {
        const ConnectionProfile p = sampleProfile(QStringLiteral("Production / EU \\ #1"));
        {
            ProfileStore store;
            QVERIFY(store.fileName().startsWith(m_configFolder));
            QSignalSpy changed(&store, &ProfileStore::profilesChanged);
            QVERIFY(store.addProfile(p));
            QCOMPARE(changed.count(), 1);
            QVERIFY(!store.addProfile(p)); // name taken
            QVERIFY(!store.addProfile(ConnectionProfile())); // no name
            store.setLastUsedProfile(p.name);
        }
        ProfileStore store; // a fresh store reads the file
        QCOMPARE(store.profileNames(), QStringList{p.name});
        const auto loaded = store.profile(p.name);
        QVERIFY(loaded.has_value());
        QCOMPARE(*loaded, p);
        QCOMPARE(store.lastUsedProfile(), p.name);
        QVERIFY(!store.profile(QStringLiteral("missing")).has_value());

        const Mqtt::ConnectionOptions options = loaded->toConnectionOptions(Password);
        QCOMPARE(options.host, p.host);
        QCOMPARE(options.port, p.port);
        QCOMPARE(options.version, Mqtt::ProtocolVersion::V5);
        QCOMPARE(options.userName.value_or(QString()), QStringLiteral("alice"));
        QCOMPARE(options.password.value_or(QByteArray()), Password);
        QVERIFY(options.will.has_value());
        QCOMPARE(options.will->payload, p.willPayload);
        QVERIFY(!loaded->toConnectionOptions().password.has_value());
        QVERIFY(store.removeProfile(p.name));
    }

    void mqtt5FieldsRoundTrip()
    {
        ConnectionProfile p = sampleProfile(QStringLiteral("five"));
        p.sessionExpiryInterval = ConnectionProfile::SessionNeverExpires;
        p.receiveMaximum = 65535;
        p.maximumPacketSize = 0xFFFFFFFF;
        p.topicAliasMaximum = 0;
        p.requestResponseInformation = true;
        p.requestProblemInformation = false;
        // Order kept, duplicates and empty values allowed; "/" and "=" must not split anything.
        p.userProperties = {{QStringLiteral("a"), QStringLiteral("1")},
                            {QStringLiteral("a"), QStringLiteral("2")},
                            {QStringLiteral("path/with=signs"), QString()},
                            {QString(), QStringLiteral("no name")}};
        p.authenticationMethod = QStringLiteral("SCRAM-SHA-256");
        p.topicAliasPolicy = Mqtt::TopicAliasPolicy::Disabled;
        p.willDelayInterval = 4000000000u;
        p.willPayloadIsUtf8 = true;
        p.willMessageExpiryInterval = 0;
        p.willContentType = QStringLiteral("application/json");
        p.willResponseTopic = QStringLiteral("replies/alice");
        p.willCorrelationData = QByteArray("\x00\x01"
                                           "binary"
                                           "\xff",
                                           9);
        p.willUserProperties = {{QStringLiteral("k"), QStringLiteral("v")}};
        {
            ProfileStore store;
            QVERIFY(store.saveProfile(p));
            // Another profile with the defaults: absent stays absent.
            QVERIFY(store.saveProfile(sampleProfile(QStringLiteral("plain"))));
        }
        ProfileStore store;
        const auto loaded = store.profile(p.name);
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->userProperties, p.userProperties);
        QCOMPARE(loaded->willCorrelationData, p.willCorrelationData);
        QCOMPARE(loaded->willDelayInterval, p.willDelayInterval);
        QCOMPARE(loaded->maximumPacketSize, p.maximumPacketSize);
        QCOMPARE(loaded->willMessageExpiryInterval, std::optional<quint32>(0));
        QCOMPARE(loaded->topicAliasPolicy, Mqtt::TopicAliasPolicy::Disabled);
        QVERIFY(*loaded == p);

        const auto plain = store.profile(QStringLiteral("plain"));
        QVERIFY(plain.has_value());
        QCOMPARE(plain->sessionExpiryInterval, 0u);
        QVERIFY(!plain->receiveMaximum.has_value());
        QVERIFY(!plain->maximumPacketSize.has_value());
        QVERIFY(!plain->topicAliasMaximum.has_value());
        QVERIFY(!plain->willMessageExpiryInterval.has_value());
        QVERIFY(plain->requestProblemInformation);
        QCOMPARE(plain->topicAliasPolicy, Mqtt::TopicAliasPolicy::Automatic);
        QVERIFY(plain->userProperties.isEmpty());
        // Nothing of 5.0 is sent for defaults.
        QVERIFY(plain->toConnectionOptions().connectProperties.isEmpty());
        QVERIFY(plain->toConnectionOptions().will->properties.isEmpty());

        // What the engine gets, in the order the user gave.
        const Mqtt::ConnectionOptions options = loaded->toConnectionOptions(Password);
        QCOMPARE(options.authenticationMethod, QStringLiteral("SCRAM-SHA-256"));
        const Mqtt::Properties &connect = options.connectProperties;
        QCOMPARE(connect.integer(Mqtt::PropertyId::SessionExpiryInterval),
                 std::optional<quint32>(0xFFFFFFFF));
        QCOMPARE(connect.integer(Mqtt::PropertyId::ReceiveMaximum), std::optional<quint32>(65535));
        QCOMPARE(connect.integer(Mqtt::PropertyId::TopicAliasMaximum), std::optional<quint32>(0));
        QCOMPARE(connect.integer(Mqtt::PropertyId::RequestResponseInformation),
                 std::optional<quint32>(1));
        QCOMPARE(connect.integer(Mqtt::PropertyId::RequestProblemInformation),
                 std::optional<quint32>(0));
        QCOMPARE(connect.userProperties(), p.userProperties);
        const Mqtt::Properties &will = options.will->properties;
        QCOMPARE(will.integer(Mqtt::PropertyId::WillDelayInterval),
                 std::optional<quint32>(4000000000u));
        QCOMPARE(will.integer(Mqtt::PropertyId::PayloadFormatIndicator), std::optional<quint32>(1));
        QCOMPARE(will.integer(Mqtt::PropertyId::MessageExpiryInterval), std::optional<quint32>(0));
        QCOMPARE(will.string(Mqtt::PropertyId::ContentType), p.willContentType);
        QCOMPARE(will.binary(Mqtt::PropertyId::CorrelationData), p.willCorrelationData);
        QCOMPARE(will.userProperties(), p.willUserProperties);

        // At 3.1.1 none of it is sent.
        ConnectionProfile older = *loaded;
        older.protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
        QVERIFY(older.toConnectionOptions().connectProperties.isEmpty());
        QVERIFY(older.toConnectionOptions().will->properties.isEmpty());
        QVERIFY(older.toConnectionOptions().authenticationMethod.isEmpty());
        QVERIFY(store.removeProfile(p.name));
        QVERIFY(store.removeProfile(QStringLiteral("plain")));
    }

    void invalidStoredMqtt5ValuesReadAsAbsent()
    {
        {
            ProfileStore store;
            ConnectionProfile edited = sampleProfile(QStringLiteral("edited"));
            edited.topicAliasPolicy = Mqtt::TopicAliasPolicy::Disabled;
            QVERIFY(store.saveProfile(edited));
            store.sync();
        }
        {
            // A hand-edited file: a Receive Maximum of 0 and a Topic Alias Maximum over 16 bits.
            QSettings settings(ProfileStore().fileName(), QSettings::IniFormat);
            settings.setValue(QStringLiteral("profiles/edited/v5/receiveMaximum"), 0);
            settings.setValue(QStringLiteral("profiles/edited/v5/topicAliasMaximum"), 70000);
            settings.setValue(QStringLiteral("profiles/edited/v5/maximumPacketSize"),
                              QStringLiteral("lots"));
            // A file written before the topic alias choice existed.
            QVERIFY(settings.contains(QStringLiteral("profiles/edited/v5/outgoingTopicAliases")));
            settings.remove(QStringLiteral("profiles/edited/v5/outgoingTopicAliases"));
        }
        ProfileStore store;
        const auto loaded = store.profile(QStringLiteral("edited"));
        QVERIFY(loaded.has_value());
        QVERIFY(!loaded->receiveMaximum.has_value());
        QVERIFY(!loaded->topicAliasMaximum.has_value());
        QVERIFY(!loaded->maximumPacketSize.has_value());
        QCOMPARE(loaded->topicAliasPolicy, Mqtt::TopicAliasPolicy::Automatic);
        QVERIFY(store.removeProfile(QStringLiteral("edited")));
    }

    void failoverListRoundTrip()
    {
        ConnectionProfile p = sampleProfile(QStringLiteral("cluster"));
        p.failoverUrls = {QStringLiteral("mqtt://node2.example:1884"),
                          QStringLiteral("wss://node3.example/mqtt"),
                          QStringLiteral("mqtts://node4.example")};
        p.followServerReference = true;
        for (const QStringList &urls :
             {p.failoverUrls, QStringList{QStringLiteral("tcp://solo")}}) {
            p.failoverUrls = urls;
            {
                ProfileStore store;
                QVERIFY(store.saveProfile(p));
                store.sync();
            }
            ProfileStore store;
            const auto loaded = store.profile(p.name);
            QVERIFY(loaded.has_value());
            QCOMPARE(loaded->failoverUrls, urls); // a list of one too
            QCOMPARE(*loaded, p);
        }
        p.failoverUrls = {QStringLiteral("mqtt://node2.example:1884"),
                          QStringLiteral("wss://node3.example/mqtt"),
                          QStringLiteral("mqtts://node4.example")};
        const Mqtt::ConnectionOptions options = p.toConnectionOptions();
        QCOMPARE(options.servers().size(), 4);
        QCOMPARE(options.servers().at(0).host, p.host);
        QCOMPARE(options.failoverServers.at(0).port, quint16(1884));
        QCOMPARE(options.failoverServers.at(1).transport, Mqtt::TransportKind::SecureWebSocket);
        QCOMPARE(options.failoverServers.at(2).port, quint16(8883));
        QVERIFY(options.followServerReference);
        // Following a reference is 5.0's; a 3.1.1 profile keeps the choice but does not use it.
        p.protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
        QVERIFY(!p.toConnectionOptions().followServerReference);
        QVERIFY(ProfileStore().removeProfile(p.name));
    }

    void decodeRulesRoundTrip()
    {
        ConnectionProfile p = sampleProfile(QStringLiteral("decoding"));
        QString error;
        for (const char *text :
             {"fleet/+/reading=protobuf:acme.Reading", "spBv1.0/#=sparkplug", "sensors/#=cbor"}) {
            const auto rule = Payload::DecodeRule::fromString(QString::fromLatin1(text), &error);
            QVERIFY2(rule.has_value(), qPrintable(error));
            p.decodeRules.append(*rule);
        }
        p.protoPaths = {QStringLiteral("/home/me/protos"), QStringLiteral("/opt/schemas")};
        {
            ProfileStore store;
            QVERIFY(store.saveProfile(p));
            store.sync();
        }
        {
            ProfileStore store;
            const auto loaded = store.profile(p.name);
            QVERIFY(loaded.has_value());
            QCOMPARE(loaded->decodeRules.size(), 3);
            // In order: the first match wins.
            QCOMPARE(loaded->decodeRules.rules().at(0).toString(),
                     QStringLiteral("fleet/+/reading=protobuf:acme.Reading"));
            QCOMPARE(loaded->decodeRules.match(u"spBv1.0/plant/NDATA/edge1")->decoder.decoder,
                     Payload::Decoder::Sparkplug);
            QCOMPARE(loaded->protoPaths, p.protoPaths);
            QCOMPARE(*loaded, p);
        }
        // A rule naming a decoder this version does not know is dropped; the others stay.
        {
            QSettings settings(ProfileStore().fileName(), QSettings::IniFormat);
            const QString key = QStringLiteral("profiles/decoding/payload/decodeRules");
            QVERIFY(settings.contains(key));
            settings.setValue(key, QByteArray("[{\"filter\":\"a/#\",\"decoder\":\"avro\"},"
                                              "{\"filter\":\"b/#\",\"decoder\":\"msgpack\"}]"));
        }
        const auto loaded = ProfileStore().profile(p.name);
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->decodeRules.size(), 1);
        QCOMPARE(loaded->decodeRules.rules().at(0).toString(), QStringLiteral("b/#=msgpack"));
        QVERIFY(ProfileStore().removeProfile(p.name));
        // A profile without rules writes no key.
        const ConnectionProfile plain = sampleProfile(QStringLiteral("plain"));
        QVERIFY(ProfileStore().saveProfile(plain));
        QVERIFY(!QSettings(ProfileStore().fileName(), QSettings::IniFormat)
                         .contains(QStringLiteral("profiles/plain/payload/decodeRules")));
        QVERIFY(ProfileStore().removeProfile(plain.name));
    }

    void profileWithoutFailoverLoadsUnchanged()
    {
        const ConnectionProfile p = sampleProfile(QStringLiteral("older"));
        {
            ProfileStore store;
            QVERIFY(store.saveProfile(p));
            store.sync();
        }
        {
            // A file written before failover existed has neither key.
            QSettings settings(ProfileStore().fileName(), QSettings::IniFormat);
            QVERIFY(!settings.contains(QStringLiteral("profiles/older/failover/urls")));
            settings.remove(QStringLiteral("profiles/older/v5/followServerReference"));
        }
        ProfileStore store;
        const auto loaded = store.profile(p.name);
        QVERIFY(loaded.has_value());
        QCOMPARE(*loaded, p);
        QVERIFY(loaded->failoverUrls.isEmpty());
        QVERIFY(!loaded->followServerReference);
        QCOMPARE(loaded->toConnectionOptions().servers().size(), 1);
        QVERIFY(store.removeProfile(p.name));
    }

    void duplicateRenameRemove()
    {
        ProfileStore store;
        const auto names = store.profileNames();
        for (const QString &name : names)
            store.removeProfile(name);
        QVERIFY(store.addProfile(sampleProfile(QStringLiteral("local"))));
        QCOMPARE(store.duplicateProfile(QStringLiteral("local")), QStringLiteral("local (copy)"));
        QCOMPARE(store.duplicateProfile(QStringLiteral("local")), QStringLiteral("local (copy 2)"));
        QCOMPARE(store.duplicateProfile(QStringLiteral("nope")), QString());
        // Sorted case-insensitively, code point by code point (' ' sorts before ')').
        QCOMPARE(store.profile(QStringLiteral("local (copy)"))->host,
                 QStringLiteral("broker.example.org"));
        QCOMPARE(store.profileNames(), (QStringList{"local", "local (copy 2)", "local (copy)"}));

        store.setLastUsedProfile(QStringLiteral("local"));
        QSignalSpy lastUsed(&store, &ProfileStore::lastUsedProfileChanged);
        QVERIFY(store.renameProfile(QStringLiteral("local"), QStringLiteral("Alpha")));
        QCOMPARE(lastUsed.count(), 1);
        QCOMPARE(store.lastUsedProfile(), QStringLiteral("Alpha"));
        QVERIFY(!store.renameProfile(QStringLiteral("Alpha"), QStringLiteral("local (copy)")));
        QVERIFY(!store.renameProfile(QStringLiteral("missing"), QStringLiteral("x")));
        QVERIFY(!store.renameProfile(QStringLiteral("Alpha"), QString()));
        QCOMPARE(store.profileNames(), (QStringList{"Alpha", "local (copy 2)", "local (copy)"}));
        QCOMPARE(store.profile(QStringLiteral("Alpha"))->name, QStringLiteral("Alpha"));

        QVERIFY(store.removeProfile(QStringLiteral("Alpha")));
        QVERIFY(!store.removeProfile(QStringLiteral("Alpha")));
        QCOMPARE(store.lastUsedProfile(), QString());

        ConnectionProfile changed = *store.profile(QStringLiteral("local (copy)"));
        changed.port = 1884;
        QVERIFY(store.saveProfile(changed));
        QCOMPARE(store.profile(QStringLiteral("local (copy)"))->port, quint16(1884));
    }

    void passwordNeverReachesTheConfigFolder()
    {
        // Whatever the keychain does (stores it, or reports that there is none), the password
        // must not end up in any file under the config folder.
        {
            ProfileStore store;
            QVERIFY(store.saveProfile(sampleProfile(QStringLiteral("secret-test"))));
            SecretStore secrets(QStringLiteral("switchboard-tests"));
            QSignalSpy written(&secrets, &SecretStore::passwordWritten);
            QSignalSpy failed(&secrets, &SecretStore::errorOccurred);
            secrets.writePassword(QStringLiteral("secret-test"), Password);
            QTRY_VERIFY_WITH_TIMEOUT(written.count() + failed.count() == 1, 30000);
            if (failed.count() == 1) {
                const auto kind = failed.at(0).at(1).value<SecretStore::ErrorKind>();
                QVERIFY2(kind == SecretStore::ErrorKind::Unavailable,
                         qPrintable(failed.at(0).at(2).toString()));
                QCOMPARE(secrets.availability(), SecretStore::Availability::Unavailable);
                QVERIFY(!failed.at(0).at(2).toString().isEmpty());
            } else {
                QCOMPARE(secrets.availability(), SecretStore::Availability::Available);
                QSignalSpy deleted(&secrets, &SecretStore::passwordDeleted);
                secrets.deletePassword(QStringLiteral("secret-test"));
                QTRY_VERIFY_WITH_TIMEOUT(deleted.count() == 1, 30000);
            }
            store.sync();
        }
        int files = 0;
        QDirIterator it(m_configFolder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray contents = file.readAll();
            ++files;
            QVERIFY2(!contents.contains(Password), qPrintable(file.fileName()));
            QVERIFY2(!contents.contains(Password.toBase64()), qPrintable(file.fileName()));
            QVERIFY2(!contents.toLower().contains("password"), qPrintable(file.fileName()));
        }
        QVERIFY(files >= 1); // the profile file itself was checked
    }

private:
    QString m_configFolder;
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
