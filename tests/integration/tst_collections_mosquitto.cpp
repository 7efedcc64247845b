// SPDX-License-Identifier: Apache-2.0
// Collections through a real mosquitto: a collection file written by hand here (not by our
// writer) whose entry has {{seq}} in its payload and {{env.HOST}} in its topic, sent twice,
// arrives as 1 and 2 on the active environment's topic; switching the environment moves the
// next send to the other topic; properties go out on 5.0.
#include "client.h"
#include "clientwaits.h"
#include "collectionfile.h"
#include "collectionsender.h"
#include "mosquittoprocess.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 10000;

const char HandWritten[] = R"({
  "version": 1,
  "name": "Hand written",
  "environments": [
    {"name": "dev", "variables": {"HOST": "dev-box"}},
    {"name": "production", "variables": {"HOST": "prod-box"}}
  ],
  "items": [
    {
      "folder": "Counters",
      "items": [
        {
          "name": "Count",
          "topic": "coll/{{env.HOST}}/count",
          "payload": "{{seq}}",
          "qos": 1,
          "properties": {
            "responseTopic": "coll/{{env.HOST}}/reply",
            "userProperties": [{"name": "n", "value": "{{seq}}"}]
          }
        }
      ]
    }
  ]
}
)";

} // namespace

class tst_CollectionsMosquitto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString())); }

    void sequenceArrivesAsOneAndTwo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hand.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(HandWritten);
        file.close();
        CollectionFile::LoadError error;
        const std::optional<Collection> collection = CollectionFile::read(path, &error);
        QVERIFY2(collection, qPrintable(error.text()));
        const CollectionNode *entry =
                collection->find({QStringLiteral("Counters"), QStringLiteral("Count")});
        QVERIFY(entry);

        ConnectionOptions options;
        options.host = m_broker.host();
        options.port = m_broker.port();
        options.version = ProtocolVersion::V5;
        Client watcher;
        options.clientId = QStringLiteral("collections-watcher");
        QVERIFY(ClientWaits::connectAndWait(&watcher, options, WaitMs));
        QList<Message> arrived;
        connect(&watcher, &Client::messageReceived, this,
                [&](const Message &message) { arrived << message; });
        QVERIFY(ClientWaits::subscribeAndWait(
                &watcher, {{QStringLiteral("coll/#"), QoS::AtLeastOnce}}, {}, WaitMs));
        Client sender;
        options.clientId = QStringLiteral("collections-sender");
        QVERIFY(ClientWaits::connectAndWait(&sender, options, WaitMs));

        CollectionSender collections;
        collections.setActiveEnvironment(QStringLiteral("dev"));
        for (int i = 0; i < 2; ++i) {
            Message sent;
            QString problem;
            QVERIFY2(collections.send(*entry, collection->environments(), &sender, &sent, &problem),
                     qPrintable(problem));
        }
        QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, WaitMs);
        QCOMPARE(arrived.at(0).topic, "coll/dev-box/count");
        QCOMPARE(arrived.at(0).payload, "1");
        QCOMPARE(arrived.at(1).payload, "2");
        QCOMPARE(arrived.at(1).properties.string(PropertyId::ResponseTopic), "coll/dev-box/reply");
        QCOMPARE(arrived.at(1).properties.userProperties().value(0).second, "2");

        // Another environment: the same entry goes to the other host, its counter goes on.
        collections.setActiveEnvironment(QStringLiteral("production"));
        Message sent;
        QString problem;
        QVERIFY2(collections.send(*entry, collection->environments(), &sender, &sent, &problem),
                 qPrintable(problem));
        QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 3, WaitMs);
        QCOMPARE(arrived.at(2).topic, "coll/prod-box/count");
        QCOMPARE(arrived.at(2).payload, "3");

        // A bad template is not sent and does not count.
        collections.setActiveEnvironment(QStringLiteral("staging"));
        QCOMPARE(collections.send(*entry, collection->environments(), &sender, &sent, &problem), 0u);
        QVERIFY2(problem.contains(QStringLiteral("has no HOST")), qPrintable(problem));
        QCOMPARE(collections.nextSequence(entry), 4u);
    }

private:
    MosquittoProcess m_broker;
};

QTEST_GUILESS_MAIN(tst_CollectionsMosquitto)
#include "tst_collections_mosquitto.moc"
