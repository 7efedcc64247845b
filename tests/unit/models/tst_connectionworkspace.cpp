// SPDX-License-Identifier: Apache-2.0
// A connection's workspace without a broker: its share of the budget, the combined log it
// feeds (tagged with its id, name and colour), and colours readable on light and dark bases.
#include "connectionworkspace.h"
#include "messagelogmodel.h"
#include "payloaddecoder.h"
#include "payloadformat.h"
#include "sparkplugsession.h"
#include "topictreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QPalette>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

Mqtt::Message message(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message m;
    m.topic = topic;
    m.payload = payload;
    return m;
}

QPalette paletteWithBase(const QColor &base)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    return palette;
}

// WCAG contrast ratio of two colours.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &color) {
        const auto channel = [](double value) {
            return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
               0.0722 * channel(color.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

} // namespace

class TestConnectionWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SwitchboardTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectionworkspace"));
        QSettings().clear();
    }

    void budgetIsSharedEvenly()
    {
        const MemoryBudget whole = MemoryBudget::fromSettings();
        QCOMPARE(whole.maximumMessages, MessageLogModel::DefaultMaximumMessages);
        QCOMPARE(whole.maximumBytes, MessageLogModel::DefaultMaximumBytes);
        QCOMPARE(whole.maximumHistoryBytes, TopicTreeModel::DefaultMaximumHistoryBytes);
        const MemoryBudget third = whole.share(3);
        QCOMPARE(third.maximumMessages, MessageLogModel::DefaultMaximumMessages / 3);
        QCOMPARE(third.maximumBytes, MessageLogModel::DefaultMaximumBytes / 3);
        QCOMPARE(whole.share(0).maximumBytes, whole.maximumBytes);

        QSettings().setValue(QStringLiteral("settings/logMaximumMessages"), 10);
        QCOMPARE(MemoryBudget::fromSettings().maximumMessages, 10);
        QSettings().clear();

        ConnectionWorkspace workspace(1);
        workspace.setBudget(third);
        QCOMPARE(workspace.messageLog()->maximumMessages(), third.maximumMessages);
        QCOMPARE(workspace.messageLog()->maximumBytes(), third.maximumBytes);
        QCOMPARE(workspace.topicTree()->maximumHistoryBytes(), third.maximumHistoryBytes);
    }

    void combinedLogTagsRowsWithTheConnection()
    {
        MessageLogModel combined;
        TopicTreeModel tree;
        QAbstractItemModelTester tester(&combined,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConnectionWorkspace a(3);
        ConnectionWorkspace b(7);
        a.setName(QStringLiteral("bridge east"));
        a.setColor(Qt::darkBlue);
        b.setColor(Qt::darkRed);
        a.setCombinedModels(&combined, &tree);
        b.setCombinedModels(&combined, &tree);
        b.setName(QStringLiteral("bridge west")); // named after joining: the label follows
        // Not connected: published messages wait in the queue and still show as outgoing.
        a.recordPublished(message(QStringLiteral("x"), "from a"), 11);
        b.recordPublished(message(QStringLiteral("x"), "from b"), 11);
        QCOMPARE(a.queuedCount(), 1);
        QTRY_COMPARE(combined.rowCount(), 2);
        QCOMPARE(a.messageLog()->rowCount(), 1);
        QCOMPARE(combined.connectionAt(0), quint16(3));
        QCOMPARE(combined.connectionAt(1), quint16(7));
        const QModelIndex first = combined.index(0, MessageLogModel::ConnectionColumn);
        const QModelIndex second = combined.index(1, MessageLogModel::ConnectionColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("bridge east"));
        QCOMPARE(second.data().toString(), QStringLiteral("bridge west"));
        QCOMPARE(first.data(MessageLogModel::ConnectionColorRole).value<QColor>(),
                 QColor(Qt::darkBlue));
        QCOMPARE(combined.index(1, MessageLogModel::PayloadColumn)
                         .data(MessageLogModel::ConnectionColorRole)
                         .value<QColor>(),
                 QColor(Qt::darkRed));
        // A renamed connection repaints its rows.
        a.setName(QStringLiteral("east"));
        QCOMPARE(first.data().toString(), QStringLiteral("east"));
        // The connection's own log has no connection tag.
        QCOMPARE(a.messageLog()->connectionAt(0), quint16(0));
        QVERIFY(!a.messageLog()
                         ->index(0, MessageLogModel::ConnectionColumn)
                         .data(MessageLogModel::ConnectionColorRole)
                         .isValid());

        // Unhooked: nothing more reaches the combined log.
        a.setCombinedModels(nullptr, nullptr);
        a.recordPublished(message(QStringLiteral("x"), "alone"), 12);
        QTRY_COMPARE(a.messageLog()->rowCount(), 2);
        QCOMPARE(combined.rowCount(), 2);
    }

    void decodingFollowsTheProfile()
    {
        ConnectionWorkspace workspace(1);
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        {
            QFile good(folder.filePath(QStringLiteral("acme.proto")));
            QVERIFY(good.open(QIODevice::WriteOnly));
            good.write("syntax = \"proto3\";\npackage acme;\nmessage Reading { double celsius = "
                       "1; }\n");
        }
        QString error;
        const auto rule =
                Payload::DecodeRule::fromString(u"fleet/+/reading=protobuf:acme.Reading", &error);
        QVERIFY2(rule.has_value(), qPrintable(error));
        QCOMPARE(workspace.setDecoding(Payload::DecodeRules({*rule}), {folder.path()}),
                 QStringList());
        // celsius = 21.5: field 1, wire type 1 (64-bit), little-endian double.
        const QByteArray reading = QByteArray::fromHex("0900000000008035"
                                                       "40");
        Payload::PayloadDecoder *decoder = workspace.payloadDecoder();
        const Payload::DecodeResult decoded =
                decoder->decode(QStringLiteral("fleet/truck7/reading"), reading);
        QVERIFY2(decoded.isValid(), qPrintable(decoded.error));
        QVERIFY(!decoded.guessed);
        QCOMPARE(decoded.toJson().toObject().value(QStringLiteral("celsius")).toDouble(), 21.5);
        // Another topic has no rule: a guess.
        QVERIFY(decoder->decode(QStringLiteral("other"), QByteArray("{}")).guessed);

        // A .proto that does not parse is named with its line.
        {
            QFile bad(folder.filePath(QStringLiteral("broken.proto")));
            QVERIFY(bad.open(QIODevice::WriteOnly));
            bad.write("syntax = \"proto3\";\nmessage {\n");
        }
        const QStringList errors = workspace.setDecoding(Payload::DecodeRules(), {folder.path()});
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.join(u'\n').contains(QStringLiteral("broken.proto:")),
                 qPrintable(errors.join(u'\n')));
        QVERIFY(workspace.payloadDecoder()->rules().isEmpty());
    }

    // Sparkplug B is stateful: every message on its topics goes through the session as it
    // arrives, and the result is kept with the message (log, combined log, topic history), so
    // a view never decodes it again (which would see a false sequence gap). Other payloads are
    // not decoded on arrival. Kept results leave with the log's trimmed rows.
    void sparkplugIsDecodedOnArrivalAndKeptWithTheMessage()
    {
        ConnectionWorkspace workspace(2);
        MessageLogModel combined;
        TopicTreeModel combinedTree;
        workspace.setCombinedModels(&combined, &combinedTree);
        QList<Mqtt::Message> session;
        for (const SparkplugSessionFiles::Step &step : SparkplugSessionFiles::nodeSession()) {
            QString error;
            const QByteArray payload = SparkplugSessionFiles::encode(step.textFile, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            session << message(step.topic, payload);
        }
        QVERIFY(workspace.decodesOnArrival(session.first().topic));
        QVERIFY(!workspace.decodesOnArrival(QStringLiteral("plant/boiler")));
        Q_EMIT workspace.client()->messageReceived(message(QStringLiteral("plant/boiler"), "{}"));
        for (const Mqtt::Message &m : session)
            Q_EMIT workspace.client()->messageReceived(m);
        MessageLogModel *log = workspace.messageLog();
        log->flush();
        combined.flush();
        QCOMPARE(log->rowCount(), 7);
        QVERIFY(!log->decodedAt(0)); // not Sparkplug: decoded only when shown
        QCOMPARE(log->decodedHeldCount(), 6);
        // NDATA 0 after 255 wraps silently; NDATA 2 is a gap; the alias resolves to its name.
        const auto wrapped = log->decodedAt(4);
        QVERIFY(wrapped && wrapped->isValid());
        QVERIFY2(wrapped->warnings.isEmpty(), qPrintable(wrapped->warnings.join(u'\n')));
        QVERIFY(wrapped->toJsonLine().contains("\"name\":\"Temperature\""));
        // The log's payload column shows the kept result, not the bytes.
        QVERIFY(log->index(4, MessageLogModel::PayloadColumn)
                        .data()
                        .toString()
                        .startsWith(QString::fromUtf8(wrapped->toJsonLine().left(40))));
        const auto gap = log->decodedAt(5);
        QVERIFY(gap);
        QVERIFY2(gap->warnings.join(u'\n').contains(QStringLiteral("expected 1, got 2")),
                 qPrintable(gap->warnings.join(u'\n')));
        QVERIFY(gap->guessed); // no rule: the spBv1.0/ topic made the guess
        QCOMPARE(combined.decodedAt(5), gap); // the same result, not a second decode

        // The view shows what was kept; it does not decode it again.
        QCOMPARE(workspace.decodeForView(session.at(4).topic, session.at(4).payload, gap), gap);
        // Without a kept result (sent from here): alone, saying so, the session untouched.
        const int seqBefore = workspace.payloadDecoder()->sparkplug().edgeNodes().value(0).seq;
        const auto alone =
                workspace.decodeForView(session.at(1).topic, session.at(1).payload, nullptr);
        QVERIFY(alone->warnings.first().contains(QStringLiteral("on its own")));
        QCOMPARE(workspace.payloadDecoder()->sparkplug().edgeNodes().value(0).seq, seqBefore);
        // Not Sparkplug: decoded now, by guess.
        const auto json = workspace.decodeForView(QStringLiteral("plant/boiler"), "{}", nullptr);
        QCOMPARE(json->decoder, Payload::Decoder::Json);
        QVERIFY(json->guessed);

        // The topic's history keeps the results too.
        workspace.topicTree()->flush();
        const QList<TopicTreeModel::HistoryEntry> history = workspace.topicTree()->history(
                workspace.topicTree()->indexForTopic(session.at(1).topic));
        QCOMPARE(history.size(), 4);
        QCOMPARE(history.at(3).decoded, gap);

        // Bounded: they leave with the rows the budget trims.
        MemoryBudget budget = MemoryBudget::fromSettings();
        budget.maximumMessages = 3;
        workspace.setBudget(budget);
        QCOMPARE(log->rowCount(), 3);
        QCOMPARE(log->decodedHeldCount(), 3);
        QCOMPARE(log->decodedAt(1), gap);
        log->clear();
        QCOMPARE(log->decodedHeldCount(), 0);
    }

    void logShowsPayloadsWithARuleDecoded()
    {
        ConnectionWorkspace workspace(4);
        MessageLogModel combined;
        workspace.setCombinedModels(&combined, nullptr);
        // CBOR {"a": 1, "b": [true]} as Python's cbor2.dumps() writes it.
        const QByteArray cbor = QByteArray::fromHex("a2616101616281f5");
        Q_EMIT workspace.client()->messageReceived(message(QStringLiteral("dev/1/cbor"), cbor));
        Q_EMIT workspace.client()->messageReceived(
                message(QStringLiteral("dev/1/cbor"), QByteArray::fromHex("ff00")));
        MessageLogModel *log = workspace.messageLog();
        log->flush();
        combined.flush();
        const auto payloadText = [](const MessageLogModel *model, int row) {
            return model->index(row, MessageLogModel::PayloadColumn).data().toString();
        };
        // No rule: the bytes, as always.
        const QString bytes = payloadText(log, 0);
        QVERIFY2(!bytes.contains(QLatin1Char('{')), qPrintable(bytes));

        QString error;
        const auto rule = Payload::DecodeRule::fromString(u"dev/+/cbor=cbor", &error);
        QVERIFY2(rule, qPrintable(error));
        QSignalSpy changed(log, &QAbstractItemModel::dataChanged);
        QSignalSpy combinedChanged(&combined, &QAbstractItemModel::dataChanged);
        QVERIFY(workspace.setDecoding(Payload::DecodeRules({*rule}), {}).isEmpty());
        QVERIFY(!changed.isEmpty()); // the views ask again
        QVERIFY(!combinedChanged.isEmpty());
        QCOMPARE(payloadText(log, 0), QStringLiteral(R"({"a":1,"b":[true]})"));
        // Not CBOR under the rule: the bytes, and the detail view says why.
        QCOMPARE(payloadText(log, 1), PayloadFormat::preview(QByteArray::fromHex("ff00"),
                                                             MessageLogModel::PreviewLength));
        // The combined log asks the connection that received the row.
        combined.setPreviewDecoder(
                [&workspace](quint16 connection, const QString &topic, const QByteArray &payload) {
                    return connection == workspace.id() ? workspace.previewText(topic, payload)
                                                        : std::nullopt;
                });
        QCOMPARE(payloadText(&combined, 0), QStringLiteral(R"({"a":1,"b":[true]})"));
        QVERIFY(workspace.setDecoding(Payload::DecodeRules(), {}).isEmpty());
        QCOMPARE(payloadText(log, 0), bytes);
    }

    void paletteColoursAreReadableOnLightAndDark()
    {
        for (const QColor &base : {QColor(Qt::white), QColor(0x1e, 0x1e, 0x1e)}) {
            const QPalette palette = paletteWithBase(base);
            QList<QColor> seen;
            for (int index = 0; index < 8; ++index) {
                const QColor color = ConnectionWorkspace::paletteColor(index, palette);
                QVERIFY2(contrast(color, base) >= 3.0,
                         qPrintable(QStringLiteral("%1 on %2: %3")
                                            .arg(color.name(), base.name())
                                            .arg(contrast(color, base))));
                QVERIFY(!seen.contains(color));
                seen << color;
            }
        }
    }
};

QTEST_MAIN(TestConnectionWorkspace)
#include "tst_connectionworkspace.moc"
