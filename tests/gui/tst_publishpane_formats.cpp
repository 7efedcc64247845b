// SPDX-License-Identifier: Apache-2.0
// The composer's binary formats, in the main window against a real broker: JSON typed into
// the composer goes out as CBOR, MessagePack, a protobuf message type, Sparkplug B metrics or
// numbers, and what a plain client receives from mosquitto is checked with encoders that are
// not ours (Python's cbor2, msgpack and struct, protoc --decode). The encoded bytes are shown
// while typing; the connection's decode rule for the topic chooses the format until the user
// chooses another; input that does not encode is refused with its position and never sent;
// the log holds the bytes sent and the history the format.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "connectionworkspace.h"
#include "externalencoders.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "payloaddecoder.h"
#include "publishpane.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topictreemodel.h"
#include "translations.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <limits>
#include <memory>

namespace {

constexpr int Timeout = 10000;
const QString ProtoFolder = QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos");

// With SWITCHBOARD_SCREENSHOT_DIR set, saves what the window shows there.
void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    window->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// The payload decoded by a Python module's loads() and written back as JSON: what an
// independent decoder makes of our bytes.
QJsonDocument decodedByPython(const QString &module, const QByteArray &payload, QString *error)
{
    const QByteArray json = ExternalEncoders::python(
            QStringLiteral("import sys, json, %1\n"
                           "value = %1.loads(sys.stdin.buffer.read())\n"
                           "sys.stdout.write(json.dumps(value, sort_keys=True))")
                    .arg(module),
            payload, error);
    return QJsonDocument::fromJson(json);
}

} // namespace

class TestPublishPaneFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void composerSendsCbor();
    void composerSendsMessagePack();
    void ruleChoosesProtobuf();
    void composerSendsSparkplugMetrics();
    void composerSendsNumbers();
    void userOverridesTheRule();
    void typeFieldKeepsEachKindsType();
    void badJsonIsRefusedWhereTyped();
    void unknownMessageTypeIsRefused();
    void historyRemembersTheFormat();
    void newRuleAppliesWithoutAnEdit();

private:
    // Types the text into the composer's payload editor, key by key, as a user would.
    void typePayload(const QString &text);
    // Publishes with the button; the message the receiver got, checked against the log's
    // outgoing row (the bytes sent).
    Mqtt::Message publishAndReceive();

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_receiver;
    PublishPane *m_composer = nullptr;
};

void TestPublishPaneFormats::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_publishpane_formats"));
    Translations::install(qApp, QStringLiteral("en")); // "84 bytes", not "84 byte(s)"
    QFile::remove(QSettings().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
    m_composer = m_window->publishPane();

    // The connection's rules, as its profile keeps them.
    Payload::DecodeRules rules;
    for (const char *text : {"formats/proto/+=protobuf:acme.Reading", "formats/cbor/#=cbor"}) {
        QString error;
        const std::optional<Payload::DecodeRule> rule =
                Payload::DecodeRule::fromString(QString::fromLatin1(text), &error);
        QVERIFY2(rule, qPrintable(error));
        rules.append(*rule);
    }
    const QStringList errors = m_window->currentWorkspace()->setDecoding(rules, {ProtoFolder});
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-formats-window");
    QVERIFY(ClientWaits::connectAndWait(m_window->client(), options, Timeout));
    // The window shows what it sends and what comes back.
    SubscriptionsPane *subscriptions = m_window->subscriptionsPane();
    QVERIFY(subscriptions->subscribe(QStringLiteral("formats/#"), Mqtt::QoS::AtLeastOnce));
    SubscriptionModel *model = m_window->subscriptions();
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_COMPARE(model->subscription(0).state, SubscriptionModel::State::Granted);

    m_receiver = std::make_unique<Mqtt::Client>();
    options.clientId = QStringLiteral("tst-formats-receiver");
    QVERIFY(ClientWaits::connectAndWait(m_receiver.get(), options, Timeout));
    QVERIFY(ClientWaits::subscribeAndWait(
            m_receiver.get(),
            {Mqtt::SubscribeTopic{QStringLiteral("formats/#"), Mqtt::QoS::AtLeastOnce}}, {},
            Timeout));
}

void TestPublishPaneFormats::cleanupTestCase()
{
    m_receiver.reset();
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestPublishPaneFormats::init()
{
    m_composer->setPayloadText(QString());
    m_composer->setQos(Mqtt::QoS::AtLeastOnce);
}

void TestPublishPaneFormats::typePayload(const QString &text)
{
    auto *edit = child<QPlainTextEdit>(m_composer, "payloadEdit");
    edit->clear();
    edit->setFocus();
    for (const QChar c : text) {
        if (c == u'\n')
            QTest::keyClick(edit, Qt::Key_Return);
        else if (c.unicode() < 0x80)
            QTest::keyClick(edit, char(c.unicode()));
        else // what a keyboard layout with the letter sends
            QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
    QCOMPARE(edit->toPlainText(), text);
}

Mqtt::Message TestPublishPaneFormats::publishAndReceive()
{
    QSignalSpy received(m_receiver.get(), &Mqtt::Client::messageReceived);
    QSignalSpy published(m_composer, &PublishPane::messagePublished);
    QTest::mouseClick(child<QPushButton>(m_composer, "publishButton"), Qt::LeftButton);
    if (published.count() != 1) {
        qWarning("not published: %s", qPrintable(m_composer->statusText()));
        return {};
    }
    if (!QTest::qWaitFor([&] { return received.count() == 1; }, Timeout))
        return {};
    const auto message = received.first().first().value<Mqtt::Message>();
    // The log shows the message as sent, with the bytes that went out.
    MessageLogModel *log = m_window->messageLog();
    const bool logged = QTest::qWaitFor(
            [&] {
                for (int row = log->rowCount() - 1; row >= 0; --row) {
                    if (log->directionAt(row) == MessageLogModel::Direction::Outgoing &&
                        log->topicAt(row) == message.topic)
                        return log->payloadAt(row) == message.payload;
                }
                return false;
            },
            Timeout);
    if (!logged)
        qWarning("the log does not hold the bytes sent to %s", qPrintable(message.topic));
    return logged ? message : Mqtt::Message();
}

void TestPublishPaneFormats::composerSendsCbor()
{
    // The topic's rule says CBOR.
    m_composer->setEncoding({Payload::Decoder::Text, {}});
    m_composer->setTopic(QStringLiteral("formats/cbor/boiler"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::Cbor);
    QCOMPARE(child<QLabel>(m_composer, "ruleLabel")->text(),
             QStringLiteral("as the rule for formats/cbor/# says"));
    auto *encodedLabel = child<QLabel>(m_composer, "encodedLabel");
    auto *encodedView = child<QPlainTextEdit>(m_composer, "encodedView");
    QVERIFY(encodedView->isVisible());
    const QString json = QStringLiteral(
            R"({"sensor": "boiler-7", "t": 21.5, "on": true, "counts": [1, -2, 300, 70000], )"
            R"("big": 9007199254740993, "none": null, "name": "Kessel ü"})");
    typePayload(json);

    // Shown while typing: the size and the hex dump of what Publish sends.
    const PayloadFormat::EncodeResult encoded = m_composer->encodedPayload();
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QCOMPARE(encodedLabel->text(), QStringLiteral("%1 bytes as CBOR").arg(encoded.bytes.size()));
    QCOMPARE(encodedView->toPlainText(), PayloadFormat::toHexDump(encoded.bytes).chopped(1));
    QVERIFY2(m_composer->statusText().isEmpty(), qPrintable(m_composer->statusText()));

    const Mqtt::Message message = publishAndReceive();
    QCOMPARE(message.payload, encoded.bytes);
    // As the README shows it: the message sent and received in the log, the composer taller.
    MessageLogModel *log = m_window->messageLog();
    QTRY_VERIFY(log->rowCount() >= 2 &&
                log->directionAt(log->rowCount() - 1) == MessageLogModel::Direction::Incoming);
    QTRY_VERIFY(m_window->topicTree()->rowCount() > 0);
    m_window->resizeDocks({m_window->findChild<QDockWidget *>(QStringLiteral("publish"))}, {340},
                          Qt::Vertical);
    saveScreenshot(m_window.get(), QStringLiteral("composer-cbor"));
    QString error;
    const QJsonDocument decoded = decodedByPython(QStringLiteral("cbor2"), message.payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(decoded, QJsonDocument::fromJson(json.toUtf8()));
    // 2^53 + 1 arrived exact (a double would have made it 2^53).
    QCOMPARE(decoded.object().value(u"big").toInteger(), Q_INT64_C(9007199254740993));
}

void TestPublishPaneFormats::composerSendsMessagePack()
{
    m_composer->setTopic(QStringLiteral("formats/plain/msgpack"));
    m_composer->setEncoding({Payload::Decoder::MessagePack, {}});
    const QString json =
            QStringLiteral(R"({"m": {"nested": [[], {}, [1.25, -1]]}, "big": 9223372036854775807, )"
                           R"("s": "\u65e5\u672c", "f": false, "n": null, "neg": -9000000000})");
    typePayload(json);
    const PayloadFormat::EncodeResult encoded = m_composer->encodedPayload();
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QCOMPARE(child<QLabel>(m_composer, "encodedLabel")->text(),
             QStringLiteral("%1 bytes as MessagePack").arg(encoded.bytes.size()));

    const Mqtt::Message message = publishAndReceive();
    QCOMPARE(message.payload, encoded.bytes);
    QString error;
    const QJsonDocument decoded =
            decodedByPython(QStringLiteral("msgpack"), message.payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(decoded, QJsonDocument::fromJson(json.toUtf8()));
    // 2^63 - 1 arrived as an integer, exact.
    QCOMPARE(decoded.object().value(u"big").toInteger(), std::numeric_limits<qint64>::max());
}

void TestPublishPaneFormats::ruleChoosesProtobuf()
{
    m_composer->setEncoding({Payload::Decoder::Text, {}});
    m_composer->setTopic(QStringLiteral("formats/proto/boiler"));
    // The rule's decoder and message type, said next to the format.
    QCOMPARE(m_composer->encoding().toString(), QStringLiteral("protobuf:acme.Reading"));
    QCOMPARE(m_composer->encodingRule(), QStringLiteral("formats/proto/+"));
    QVERIFY(m_composer->ruleChoseEncoding());
    auto *ruleLabel = child<QLabel>(m_composer, "ruleLabel");
    QVERIFY(ruleLabel->isVisible());
    QVERIFY2(ruleLabel->text().contains(QLatin1String("formats/proto/+")),
             qPrintable(ruleLabel->text()));
    auto *type = child<QComboBox>(m_composer, "typeCombo");
    QVERIFY(type->isVisible());
    QCOMPARE(type->currentText(), QStringLiteral("acme.Reading"));
    // The loaded message types are offered.
    QVERIFY(type->findText(QStringLiteral("acme.fleet.Batch")) >= 0);

    typePayload(QStringLiteral(
            R"({"sensor": "boiler-7", "value": 21.5, "sequence": "-9000000000",
"samples": [1, -2, 300], "unit": "KELVIN", "location": {"latitude": 48.1, "longitude": 11.6},
"raw": "AP8=", "flags": 4294967295})"));
    const Mqtt::Message message = publishAndReceive();
    QVERIFY(!message.payload.isEmpty());
    QString error;
    const QByteArray text = ExternalEncoders::protocDecode(
            {ProtoFolder, QStringLiteral("/usr/include")}, QStringLiteral("acme/reading.proto"),
            QStringLiteral("acme.Reading"), message.payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(QString::fromUtf8(text), QStringLiteral("sensor: \"boiler-7\"\n"
                                                     "value: 21.5\n"
                                                     "sequence: -9000000000\n"
                                                     "samples: 1\n"
                                                     "samples: -2\n"
                                                     "samples: 300\n"
                                                     "unit: KELVIN\n"
                                                     "location {\n"
                                                     "  latitude: 48.1\n"
                                                     "  longitude: 11.6\n"
                                                     "}\n"
                                                     "raw: \"\\000\\377\"\n"
                                                     "flags: 4294967295\n"));
}

void TestPublishPaneFormats::composerSendsSparkplugMetrics()
{
    m_composer->setTopic(QStringLiteral("formats/spBv1.0/Plant1/NDATA/Gateway7"));
    m_composer->setEncoding({Payload::Decoder::Sparkplug, {}});
    typePayload(QStringLiteral(
            R"({"timestamp": 1700000000000, "seq": 4, "metrics": [{"name": "Temperature",)"
            R"( "alias": 1, "datatype": "Float", "value": 21.5}, {"alias": 2, "value": true}]})"));
    const Mqtt::Message message = publishAndReceive();
    QVERIFY(!message.payload.isEmpty());
    QString error;
    const QByteArray text = ExternalEncoders::protocDecode(
            {QStringLiteral(SWITCHBOARD_SPARKPLUG_PROTO_DIR)}, QStringLiteral("sparkplug_b.proto"),
            QStringLiteral("org.eclipse.tahu.protobuf.Payload"), message.payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(QString::fromUtf8(text), QStringLiteral("timestamp: 1700000000000\n"
                                                     "metrics {\n"
                                                     "  name: \"Temperature\"\n"
                                                     "  alias: 1\n"
                                                     "  datatype: 9\n"
                                                     "  float_value: 21.5\n"
                                                     "}\n"
                                                     "metrics {\n"
                                                     "  alias: 2\n"
                                                     "  datatype: 11\n"
                                                     "  boolean_value: true\n"
                                                     "}\n"
                                                     "seq: 4\n"));
}

void TestPublishPaneFormats::composerSendsNumbers()
{
    m_composer->setTopic(QStringLiteral("formats/plain/numbers"));
    m_composer->setEncoding({Payload::Decoder::Numbers, QStringLiteral("int16be")});
    QCOMPARE(child<QComboBox>(m_composer, "typeCombo")->currentText(), QStringLiteral("int16be"));
    typePayload(QStringLiteral("[1, -2, 32767, -32768]"));
    const Mqtt::Message message = publishAndReceive();
    QString error;
    const QByteArray expected = ExternalEncoders::pythonBytes(
            QStringLiteral("struct"), QStringLiteral("struct.pack('>4h', 1, -2, 32767, -32768)"),
            &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(message.payload, expected);

    // A value out of the format's range is refused while typing.
    typePayload(QStringLiteral("[1, 40000]"));
    QVERIFY2(m_composer->statusText().contains(QLatin1String("40000")),
             qPrintable(m_composer->statusText()));

    // A long payload: the first 4 KiB shown, the size of the rest said.
    m_composer->setEncoding({Payload::Decoder::Numbers, QStringLiteral("float64le")});
    QStringList many;
    for (int i = 0; i < 1100; ++i)
        many << QString::number(i);
    m_composer->setPayloadText(u'[' + many.join(u',') + u']');
    QCOMPARE(child<QLabel>(m_composer, "encodedLabel")->text(),
             QStringLiteral("8,800 bytes as Numbers float64le"));
    const QString dump = child<QPlainTextEdit>(m_composer, "encodedView")->toPlainText();
    QVERIFY2(dump.endsWith(u"… and 4,704 more bytes"), qPrintable(dump.right(100)));
    QCOMPARE(dump.count(u'\n'), 4096 / 16);
}

void TestPublishPaneFormats::userOverridesTheRule()
{
    m_composer->setEncoding({Payload::Decoder::Text, {}});
    m_composer->setTopic(QStringLiteral("formats/cbor/a"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::Cbor);
    QVERIFY(m_composer->ruleChoseEncoding());

    // The user picks MessagePack in the combo: it holds on topics of the same rule.
    auto *format = child<QComboBox>(m_composer, "formatCombo");
    format->setCurrentIndex(format->findText(QStringLiteral("MessagePack")));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::MessagePack);
    QVERIFY(!m_composer->ruleChoseEncoding());
    auto *ruleLabel = child<QLabel>(m_composer, "ruleLabel");
    QCOMPARE(ruleLabel->text(), QStringLiteral("the rule for formats/cbor/# says CBOR"));
    auto *topic = child<QLineEdit>(m_composer, "topicEdit");
    topic->clear();
    QTest::keyClicks(topic, QStringLiteral("formats/cbor/b"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::MessagePack);
    typePayload(QStringLiteral(R"({"x": 1})"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::MessagePack);
    const Mqtt::Message message = publishAndReceive();
    QString error;
    QCOMPARE(decodedByPython(QStringLiteral("msgpack"), message.payload, &error),
             QJsonDocument::fromJson(R"({"x": 1})"));

    // Another rule's topic takes that rule's format; a topic without a rule the user's.
    m_composer->setTopic(QStringLiteral("formats/proto/a"));
    QCOMPARE(m_composer->encoding().toString(), QStringLiteral("protobuf:acme.Reading"));
    m_composer->setTopic(QStringLiteral("formats/plain/x"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::MessagePack);
    QVERIFY(!ruleLabel->isVisible());
    m_composer->setTopic(QStringLiteral("formats/cbor/c"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::Cbor);

    // A rule added while the topic is typed (Decode as…) is followed from the next change on.
    Payload::PayloadDecoder *decoder = m_window->currentWorkspace()->payloadDecoder();
    Payload::DecodeRules rules = decoder->rules();
    rules.insert(0, *Payload::DecodeRule::fromString(u"formats/cbor/c=numbers:uint8", nullptr));
    decoder->setRules(rules);
    typePayload(QStringLiteral("[1, 2]"));
    QCOMPARE(m_composer->encoding().toString(), QStringLiteral("numbers:uint8"));
    rules.removeAt(0);
    decoder->setRules(rules);
    m_composer->refreshEncoding(); // or at once, when the window says so
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::Cbor);
    m_composer->setTopic(QStringLiteral("formats/plain/x"));
}

void TestPublishPaneFormats::typeFieldKeepsEachKindsType()
{
    m_composer->setTopic(QStringLiteral("formats/plain/types"));
    m_composer->setEncoding({Payload::Decoder::Protobuf, QStringLiteral("acme.fleet.Batch")});
    auto *format = child<QComboBox>(m_composer, "formatCombo");
    auto *type = child<QComboBox>(m_composer, "typeCombo");
    // Numbers: its own list and the format typed for it last (or float32le).
    format->setCurrentIndex(format->findText(QStringLiteral("Numbers")));
    QCOMPARE(type->findText(QStringLiteral("acme.Reading")), -1);
    QVERIFY(type->findText(QStringLiteral("uint16be")) >= 0);
    type->setEditText(QStringLiteral("uint16be"));
    QCOMPARE(m_composer->encoding().toString(), QStringLiteral("numbers:uint16be"));
    // Back to Protobuf: the message type typed before.
    format->setCurrentIndex(format->findText(QStringLiteral("Protobuf")));
    QCOMPARE(m_composer->encoding().toString(), QStringLiteral("protobuf:acme.fleet.Batch"));
    format->setCurrentIndex(format->findText(QStringLiteral("Numbers")));
    QCOMPARE(m_composer->encoding().toString(), QStringLiteral("numbers:uint16be"));
    format->setCurrentIndex(format->findText(QStringLiteral("CBOR")));
    QVERIFY(!type->isVisible());
}

void TestPublishPaneFormats::badJsonIsRefusedWhereTyped()
{
    m_composer->setTopic(QStringLiteral("formats/plain/bad"));
    m_composer->setEncoding({Payload::Decoder::Cbor, {}});
    typePayload(QStringLiteral("{\"a\": 1,\n \"b\": }"));
    // Said while typing, with the position, in the status and where the bytes would be.
    const QString status = m_composer->statusText();
    // Qt's JSON parser points after the '}' it did not expect.
    QVERIFY2(status.contains(QLatin1String("line 2, column 8")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("Invalid JSON")), qPrintable(status));
    QVERIFY2(child<QLabel>(m_composer, "encodedLabel")->text().startsWith(QLatin1String("Not sent")),
             qPrintable(child<QLabel>(m_composer, "encodedLabel")->text()));
    QCOMPARE(child<QPlainTextEdit>(m_composer, "encodedView")->toPlainText(), status);
    // The mistake is underlined where it was typed: the '}', the last character.
    const QList<QTextEdit::ExtraSelection> marks =
            child<QPlainTextEdit>(m_composer, "payloadEdit")->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.selectionStart(), 15);
    QCOMPARE(marks.first().cursor.selectedText(), QStringLiteral("}"));

    QSignalSpy published(m_composer, &PublishPane::messagePublished);
    QSignalSpy received(m_receiver.get(), &Mqtt::Client::messageReceived);
    QTest::mouseClick(child<QPushButton>(m_composer, "publishButton"), Qt::LeftButton);
    QCOMPARE(published.count(), 0);
    QCOMPARE(m_composer->statusText(), status);

    // Fixed: it goes out, and it is the first the receiver sees (the refused one never left).
    typePayload(QStringLiteral("{\"a\": 1,\n \"b\": 2}"));
    QVERIFY(m_composer->statusText().isEmpty());
    QVERIFY(child<QPlainTextEdit>(m_composer, "payloadEdit")->extraSelections().isEmpty());
    QTest::mouseClick(child<QPushButton>(m_composer, "publishButton"), Qt::LeftButton);
    QCOMPARE(published.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, Timeout);
    QString error;
    QCOMPARE(decodedByPython(QStringLiteral("cbor2"),
                             received.first().first().value<Mqtt::Message>().payload, &error),
             QJsonDocument::fromJson(R"({"a": 1, "b": 2})"));
}

void TestPublishPaneFormats::unknownMessageTypeIsRefused()
{
    m_composer->setTopic(QStringLiteral("formats/plain/proto"));
    m_composer->setEncoding({Payload::Decoder::Protobuf, QStringLiteral("acme.Nope")});
    typePayload(QStringLiteral(R"({"sensor": "x"})"));
    QVERIFY2(m_composer->statusText().contains(QLatin1String("acme.Nope")),
             qPrintable(m_composer->statusText()));
    // A field the type does not have: named, and where it is.
    m_composer->setEncoding({Payload::Decoder::Protobuf, QStringLiteral("acme.Reading")});
    typePayload(QStringLiteral(R"({"sensor": "x", "nope": 1})"));
    QVERIFY2(m_composer->statusText().contains(QLatin1String("nope")),
             qPrintable(m_composer->statusText()));
    QVERIFY2(m_composer->statusText().contains(QLatin1String("column 17")),
             qPrintable(m_composer->statusText()));
    QSignalSpy published(m_composer, &PublishPane::messagePublished);
    QCOMPARE(m_composer->publish(), quint64(0));
    QCOMPARE(published.count(), 0);
}

void TestPublishPaneFormats::historyRemembersTheFormat()
{
    m_composer->setTopic(QStringLiteral("formats/history"));
    m_composer->setEncoding({Payload::Decoder::Protobuf, QStringLiteral("acme.Reading")});
    typePayload(QStringLiteral(R"({"sensor": "h"})"));
    QVERIFY(m_composer->publish() > 0);
    m_composer->setEncoding({Payload::Decoder::Text, {}});

    PublishPane fresh; // loads the history from the settings
    fresh.setPayloadDecoder(m_window->currentWorkspace()->payloadDecoder());
    auto *history = child<QComboBox>(&fresh, "historyCombo");
    QVERIFY(history->count() >= 1);
    QVERIFY2(history->itemText(0).contains(QLatin1String("Protobuf acme.Reading")),
             qPrintable(history->itemText(0)));
    history->setCurrentIndex(0);
    Q_EMIT history->activated(0);
    QCOMPARE(fresh.topic(), QStringLiteral("formats/history"));
    QCOMPARE(fresh.encoding().toString(), QStringLiteral("protobuf:acme.Reading"));
    QCOMPARE(fresh.payloadText(), QStringLiteral(R"({"sensor": "h"})"));
    QVERIFY(fresh.encodedPayload().isValid());
}

void TestPublishPaneFormats::newRuleAppliesWithoutAnEdit()
{
    m_composer->setEncoding({Payload::Decoder::Text, {}});
    m_composer->setTopic(QStringLiteral("formats/late/boiler"));
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::Text);
    // A rule made for the topic now (the rules editor, "Decode as…") chooses the format at
    // once, before the user touches the composer again.
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    const Payload::DecodeRules before = workspace->payloadDecoder()->rules();
    Payload::DecodeRules rules = before;
    QString error;
    const auto rule = Payload::DecodeRule::fromString(u"formats/late/#=msgpack", &error);
    QVERIFY2(rule, qPrintable(error));
    rules.insert(0, *rule);
    QVERIFY(workspace->setDecoding(rules, {ProtoFolder}).isEmpty());
    QCOMPARE(m_composer->encoding().decoder, Payload::Decoder::MessagePack);
    QCOMPARE(m_composer->encodingRule(), QStringLiteral("formats/late/#"));
    QVERIFY(workspace->setDecoding(before, {ProtoFolder}).isEmpty());
}

QTEST_MAIN(TestPublishPaneFormats)
#include "tst_publishpane_formats.moc"
