// SPDX-License-Identifier: Apache-2.0
#include "messageexporter.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTemporaryDir>
#include <QTest>

namespace {

// 2024-01-02T03:04:05.678Z
constexpr qint64 BaseTime = 1704164645678;

} // namespace

class TestMessageExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_log = std::make_unique<MessageLogModel>();
        add(QStringLiteral("plain/topic"), "hello", MessageLogModel::Direction::Incoming,
            Mqtt::QoS::AtMostOnce, false, false, BaseTime);
        add(QStringLiteral("quote,\"comma\""), "say \"hi\",\nbye",
            MessageLogModel::Direction::Outgoing, Mqtt::QoS::AtLeastOnce, true, false,
            BaseTime + 1);
        add(QStringLiteral("bin"), QByteArray("\x00\xff\x10", 3),
            MessageLogModel::Direction::Incoming, Mqtt::QoS::ExactlyOnce, false, true,
            BaseTime + 2);
        add(QStringLiteral("unicode/ü"), "\xc3\xa9t\xc3\xa9\t\\",
            MessageLogModel::Direction::Incoming, Mqtt::QoS::AtMostOnce, false, false,
            BaseTime + 3);
        m_log->flush();
    }

    void jsonLines()
    {
        const QByteArray expected =
                "{\"time\":\"2024-01-02T03:04:05.678Z\",\"timestamp_ms\":1704164645678,"
                "\"direction\":\"in\",\"topic\":\"plain/topic\",\"qos\":0,\"retain\":false,"
                "\"dup\":false,\"size\":5,\"payload_encoding\":\"utf-8\",\"payload\":\"hello\"}\n"
                "{\"time\":\"2024-01-02T03:04:05.679Z\",\"timestamp_ms\":1704164645679,"
                "\"direction\":\"out\",\"topic\":\"quote,\\\"comma\\\"\",\"qos\":1,\"retain\":true,"
                "\"dup\":false,\"size\":13,\"payload_encoding\":\"utf-8\","
                "\"payload\":\"say \\\"hi\\\",\\nbye\"}\n"
                "{\"time\":\"2024-01-02T03:04:05.680Z\",\"timestamp_ms\":1704164645680,"
                "\"direction\":\"in\",\"topic\":\"bin\",\"qos\":2,\"retain\":false,"
                "\"dup\":true,\"size\":3,\"payload_encoding\":\"base64\",\"payload\":\"AP8Q\"}\n"
                "{\"time\":\"2024-01-02T03:04:05.681Z\",\"timestamp_ms\":1704164645681,"
                "\"direction\":\"in\",\"topic\":\"unicode/\xc3\xbc\",\"qos\":0,\"retain\":false,"
                "\"dup\":false,\"size\":7,\"payload_encoding\":\"utf-8\","
                "\"payload\":\"\xc3\xa9t\xc3\xa9\\t\\\\\"}\n";
        QCOMPARE(exported(m_log.get(), MessageExporter::Format::JsonLines), expected);
    }

    void csv()
    {
        const QByteArray expected =
                "time,timestamp_ms,direction,topic,qos,retain,dup,size,payload_encoding,payload,"
                "properties\r\n"
                "2024-01-02T03:04:05.678Z,1704164645678,in,plain/topic,0,false,false,5,utf-8,"
                "hello,\r\n"
                "2024-01-02T03:04:05.679Z,1704164645679,out,\"quote,\"\"comma\"\"\",1,true,false,"
                "13,utf-8,\"say \"\"hi\"\",\nbye\",\r\n"
                "2024-01-02T03:04:05.680Z,1704164645680,in,bin,2,false,true,3,base64,AP8Q,\r\n"
                "2024-01-02T03:04:05.681Z,1704164645681,in,unicode/\xc3\xbc,0,false,false,7,"
                "utf-8,\xc3\xa9t\xc3\xa9\t\\,\r\n";
        QCOMPARE(exported(m_log.get(), MessageExporter::Format::Csv), expected);
    }

    void exportsWhatTheProxyShows()
    {
        MessageFilterProxyModel proxy;
        proxy.setSourceModel(m_log.get());
        QVERIFY(proxy.setTopicFilter(QStringLiteral("bin")));
        QCOMPARE(exported(&proxy, MessageExporter::Format::Csv),
                 QByteArray("time,timestamp_ms,direction,topic,qos,retain,dup,size,"
                            "payload_encoding,payload,properties\r\n"
                            "2024-01-02T03:04:05.680Z,1704164645680,in,bin,2,false,true,3,base64,"
                            "AP8Q,\r\n"));
    }

    void properties()
    {
        MessageLogModel log;
        Mqtt::Message m;
        m.topic = QStringLiteral("v5");
        m.payload = "{}";
        m.properties.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
        m.properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 60);
        m.properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json"));
        m.properties.setString(Mqtt::PropertyId::ResponseTopic, QStringLiteral("re/ply"));
        m.properties.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray("\xff\x01", 2));
        m.properties.addUserProperty(QStringLiteral("a"), QStringLiteral("1"));
        m.properties.addUserProperty(QStringLiteral("a"), QStringLiteral("\"2\""));
        m.properties.addSubscriptionIdentifier(4);
        m.properties.addSubscriptionIdentifier(9);
        log.append(m, MessageLogModel::Direction::Incoming, BaseTime);
        Mqtt::Message text;
        text.topic = QStringLiteral("v5");
        text.properties.setBinary(Mqtt::PropertyId::CorrelationData, "req-1");
        log.append(text, MessageLogModel::Direction::Outgoing, BaseTime);
        log.flush();

        const QByteArray object =
                "{\"payload_format_indicator\":1,\"message_expiry_interval\":60,"
                "\"content_type\":\"application/json\",\"response_topic\":\"re/ply\","
                "\"correlation_data_encoding\":\"base64\",\"correlation_data\":\"/wE=\","
                "\"subscription_identifiers\":[4,9],"
                "\"user_properties\":[[\"a\",\"1\"],[\"a\",\"\\\"2\\\"\"]]}";
        const QList<QByteArray> lines =
                exported(&log, MessageExporter::Format::JsonLines).split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).endsWith(",\"properties\":" + object + "}"), lines.at(0).constData());
        QVERIFY2(lines.at(1).endsWith(",\"properties\":{\"correlation_data_encoding\":\"utf-8\","
                                      "\"correlation_data\":\"req-1\"}}"),
                 lines.at(1).constData());
        // Valid JSON, every line.
        for (int i = 0; i < 2; ++i) {
            QJsonParseError error;
            QJsonDocument::fromJson(lines.at(i), &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
        }

        const QList<QByteArray> rows = exported(&log, MessageExporter::Format::Csv).split('\n');
        QVERIFY2(rows.at(1).endsWith(",utf-8,{}," + MessageExporter::csvField(object) + "\r"),
                 rows.at(1).constData());
    }

    void csvField()
    {
        QCOMPARE(MessageExporter::csvField("plain"), QByteArray("plain"));
        QCOMPARE(MessageExporter::csvField(""), QByteArray(""));
        QCOMPARE(MessageExporter::csvField("a,b"), QByteArray("\"a,b\""));
        QCOMPARE(MessageExporter::csvField("a\"b"), QByteArray("\"a\"\"b\""));
        QCOMPARE(MessageExporter::csvField("a\rb"), QByteArray("\"a\rb\""));
        QCOMPARE(MessageExporter::csvField(" pad"), QByteArray("\" pad\""));
    }

    // A decoder's JSON joins the line of the messages it gives one for (JSON Lines only).
    void decodedPayloads()
    {
        const MessageExporter::DecodedJson decoded = [](const QModelIndex &index) {
            if (index.data(MessageLogModel::TopicRole).toString() != QLatin1String("bin"))
                return QByteArray();
            return QByteArray(R"({"bytes":[0,255,16]})");
        };
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(MessageExporter::exportMessages(m_log.get(), &buffer,
                                                 MessageExporter::Format::JsonLines, decoded),
                 QString());
        const QList<QByteArray> lines = buffer.data().split('\n');
        QVERIFY(lines.at(2).endsWith(R"("payload":"AP8Q","decoded":{"bytes":[0,255,16]}})"));
        QVERIFY(!lines.at(0).contains("decoded"));
        QJsonParseError error;
        QJsonDocument::fromJson(lines.at(2), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        // CSV keeps its columns.
        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        QCOMPARE(MessageExporter::exportMessages(m_log.get(), &csv, MessageExporter::Format::Csv,
                                                 decoded),
                 QString());
        QCOMPARE(csv.data(), exported(m_log.get(), MessageExporter::Format::Csv));
    }

    void toFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        QCOMPARE(MessageExporter::exportMessages(m_log.get(), path,
                                                 MessageExporter::Format::JsonLines),
                 QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), exported(m_log.get(), MessageExporter::Format::JsonLines));
        // An unwritable place fails with a reason.
        QVERIFY(!MessageExporter::exportMessages(m_log.get(),
                                                 dir.filePath(QStringLiteral("no/such/dir/x.csv")),
                                                 MessageExporter::Format::Csv)
                         .isEmpty());
    }

private:
    void add(const QString &topic, const QByteArray &payload, MessageLogModel::Direction direction,
             Mqtt::QoS qos, bool retain, bool dup, qint64 when)
    {
        Mqtt::Message m;
        m.topic = topic;
        m.payload = payload;
        m.qos = qos;
        m.retain = retain;
        m.dup = dup;
        m_log->append(m, direction, when);
    }
    static QByteArray exported(const QAbstractItemModel *model, MessageExporter::Format format)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const QString error = MessageExporter::exportMessages(model, &buffer, format);
        if (!error.isEmpty())
            qWarning() << error;
        return buffer.data();
    }

    std::unique_ptr<MessageLogModel> m_log;
};

QTEST_GUILESS_MAIN(TestMessageExporter)
#include "tst_messageexporter.moc"
