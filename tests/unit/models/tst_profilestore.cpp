#include "profilestore.h"
#include "secretstore.h"

#include <QDirIterator>
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
