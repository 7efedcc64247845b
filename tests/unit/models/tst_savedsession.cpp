// SPDX-License-Identifier: Apache-2.0
// The saved session (open connections and their subscriptions) written and read back.
#include "savedsession.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestSavedSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("window.ini")),
                                                 QSettings::IniFormat);
    }

    void nothingSavedIsNoConnection()
    {
        const SavedSession session = SavedSession::read(*m_settings);
        QVERIFY(session.connections.isEmpty());
        QCOMPARE(session.current, 0);
        QVERIFY(!session.combinedShown);
    }

    void writtenSessionReadsBack()
    {
        SavedSession session;
        SavedSession::Connection east;
        east.profile = QStringLiteral("site/east"); // a '/' in a name stays a name
        east.host = QStringLiteral("10.0.0.1");
        east.port = 8883;
        east.connected = true;
        SavedSession::Subscription sensors;
        sensors.topic.filter = QStringLiteral("sensors/#");
        sensors.topic.qos = Mqtt::QoS::ExactlyOnce;
        sensors.topic.noLocal = true;
        sensors.topic.retainAsPublished = true;
        sensors.topic.retainHandling = Mqtt::RetainHandling::DoNotSend;
        sensors.identifier = 42;
        sensors.color = QColor(0x12, 0x34, 0x56);
        sensors.muted = true;
        east.subscriptions << sensors;
        SavedSession::Connection west;
        west.profile = QStringLiteral("west");
        west.port = 1883;
        session.connections << east << west;
        session.current = 1;
        session.combinedShown = true;
        session.write(*m_settings);

        const SavedSession read = SavedSession::read(*m_settings);
        QCOMPARE(read.connections.size(), 2);
        QCOMPARE(read.current, 1);
        QVERIFY(read.combinedShown);
        const SavedSession::Connection &first = read.connections.at(0);
        QCOMPARE(first.profile, east.profile);
        QCOMPARE(first.host, east.host);
        QCOMPARE(first.port, quint16(8883));
        QVERIFY(first.connected);
        QCOMPARE(first.subscriptions.size(), 1);
        const SavedSession::Subscription &subscription = first.subscriptions.at(0);
        QVERIFY(subscription.topic == sensors.topic);
        QCOMPARE(subscription.identifier, quint32(42));
        QCOMPARE(subscription.color, sensors.color);
        QVERIFY(subscription.muted);
        QVERIFY(!read.connections.at(1).connected);
        QVERIFY(read.connections.at(1).subscriptions.isEmpty());

        // A smaller session replaces it whole.
        SavedSession smaller;
        smaller.connections << west;
        smaller.write(*m_settings);
        QCOMPARE(SavedSession::read(*m_settings).connections.size(), 1);
    }

    void outOfRangeValuesAreBounded()
    {
        m_settings->setValue(QStringLiteral("session/connections/size"), 1);
        m_settings->setValue(QStringLiteral("session/connections/1/port"), 70000);
        m_settings->setValue(QStringLiteral("session/connections/1/subscriptions/size"), 2);
        m_settings->setValue(QStringLiteral("session/connections/1/subscriptions/1/filter"),
                             QStringLiteral("a"));
        m_settings->setValue(QStringLiteral("session/connections/1/subscriptions/1/qos"), 7);
        m_settings->setValue(QStringLiteral("session/current"), 5);
        const SavedSession read = SavedSession::read(*m_settings);
        QCOMPARE(read.connections.size(), 1);
        QCOMPARE(read.connections.at(0).port, quint16(0));
        // The row without a filter is left out.
        QCOMPARE(read.connections.at(0).subscriptions.size(), 1);
        QCOMPARE(read.connections.at(0).subscriptions.at(0).topic.qos, Mqtt::QoS::ExactlyOnce);
        QCOMPARE(read.current, 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
};

QTEST_GUILESS_MAIN(TestSavedSession)
#include "tst_savedsession.moc"
