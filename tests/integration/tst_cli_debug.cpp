// SPDX-License-Identifier: Apache-2.0
// switchboard-cli's -d against a real mosquitto, line by line: one line per packet on stderr,
// "HH:MM:SS.mmm send|recv TYPE" and what applies of id=, q=, r=, d=, rc=, sp= and the size.
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QRegularExpression>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

// The packet lines of a -d run, without their time (checked here to be one); other lines (the
// command's notices) are left out.
QStringList packetLines(const QByteArray &err)
{
    static const QRegularExpression line(
            QStringLiteral(R"(^\d\d:\d\d:\d\d\.\d\d\d ((send|recv) [A-Z]+( \S+)* \d+B)$)"));
    QStringList packets;
    for (const QByteArray &text : err.split('\n')) {
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(text));
        if (match.hasMatch())
            packets << match.captured(1);
    }
    return packets;
}

} // namespace

class tst_CliDebug : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void subAndPub();
    void version5ReasonCodes();
    void withoutDebugNothing();

private:
    QStringList broker() const
    {
        return {QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"),
                QString::number(m_broker.port())};
    }
    MosquittoProcess m_broker;
};

void tst_CliDebug::initTestCase()
{
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_CliDebug::subAndPub()
{
    const QStringList topic{QStringLiteral("-t"), QStringLiteral("cli/debug")};
    QByteArray early;
    auto subscriber = ProcessRuns::startAndWaitFor(
            QStringLiteral(SWITCHBOARD_CLI),
            QStringList{QStringLiteral("sub"), QStringLiteral("-d"), QStringLiteral("-q"),
                        QStringLiteral("1"), QStringLiteral("-C"), QStringLiteral("1"),
                        QStringLiteral("-i"), QStringLiteral("debug-sub")} +
                    broker() + topic,
            "subscribed to", WaitMs, &early);
    QVERIFY(subscriber);
    const ProcessRuns::Result published = ProcessRuns::run(
            QStringLiteral(SWITCHBOARD_CLI),
            QStringList{QStringLiteral("pub"), QStringLiteral("-d"), QStringLiteral("-q"),
                        QStringLiteral("2"), QStringLiteral("-m"), QStringLiteral("hello"),
                        QStringLiteral("-i"), QStringLiteral("debug-pub")} +
                    broker() + topic,
            WaitMs);
    QVERIFY2(published.exitCode == 0, published.err.constData());
    // CONNECT: fixed header 2, protocol name 6, level, flags, keep-alive 2, client id 2 + 9.
    QCOMPARE(packetLines(published.err),
             (QStringList{QStringLiteral("send CONNECT 23B"),
                          QStringLiteral("recv CONNACK rc=accepted sp=0 4B"),
                          QStringLiteral("send PUBLISH id=1 q=2 r=0 d=0 20B"),
                          QStringLiteral("recv PUBREC id=1 4B"),
                          QStringLiteral("send PUBREL id=1 4B"),
                          QStringLiteral("recv PUBCOMP id=1 4B"),
                          QStringLiteral("send DISCONNECT 2B")}));

    const ProcessRuns::Result received = ProcessRuns::finish(subscriber.get(), WaitMs);
    QVERIFY2(received.exitCode == 0, received.err.constData());
    QCOMPARE(received.out, QByteArray("hello\n"));
    QCOMPARE(packetLines(early + received.err),
             (QStringList{QStringLiteral("send CONNECT 23B"),
                          QStringLiteral("recv CONNACK rc=accepted sp=0 4B"),
                          QStringLiteral("send SUBSCRIBE id=1 16B"),
                          QStringLiteral("recv SUBACK id=1 rc=granted-qos-1 5B"),
                          QStringLiteral("recv PUBLISH id=1 q=1 r=0 d=0 20B"),
                          QStringLiteral("send PUBACK id=1 4B"),
                          QStringLiteral("send DISCONNECT 2B")}));
    // The command's own notices stay.
    QVERIFY(early.contains("subscribed to 'cli/debug' (granted QoS 1)"));
}

void tst_CliDebug::version5ReasonCodes()
{
    const ProcessRuns::Result published = ProcessRuns::run(
            QStringLiteral(SWITCHBOARD_CLI),
            QStringList{QStringLiteral("pub"), QStringLiteral("-d"), QStringLiteral("-V"),
                        QStringLiteral("5"), QStringLiteral("-q"), QStringLiteral("1"),
                        QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("-t"),
                        QStringLiteral("cli/debug/nobody")} +
                    broker(),
            WaitMs);
    QVERIFY2(published.exitCode == 0, published.err.constData());
    const QStringList lines = packetLines(published.err);
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("recv CONNACK rc=success sp=0 ")),
             qPrintable(lines.at(1)));
    // Topic 2 + 16, id 2, properties 1 + the automatic topic alias 3, payload 1.
    QCOMPARE(lines.at(2), QStringLiteral("send PUBLISH id=1 q=1 r=0 d=0 27B"));
    QCOMPARE(lines.at(3), QStringLiteral("recv PUBACK id=1 rc=no-matching-subscribers 5B"));
    QCOMPARE(lines.at(4), QStringLiteral("send DISCONNECT rc=normal-disconnection 2B"));
}

void tst_CliDebug::withoutDebugNothing()
{
    const ProcessRuns::Result published = ProcessRuns::run(
            QStringLiteral(SWITCHBOARD_CLI),
            QStringList{QStringLiteral("pub"), QStringLiteral("-m"), QStringLiteral("x"),
                        QStringLiteral("-t"), QStringLiteral("cli/debug/quiet")} +
                    broker(),
            WaitMs);
    QCOMPARE(published.exitCode, 0);
    QCOMPARE(published.err, QByteArray());
}

QTEST_GUILESS_MAIN(tst_CliDebug)
#include "tst_cli_debug.moc"
