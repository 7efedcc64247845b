// SPDX-License-Identifier: Apache-2.0
#include "topic.h"

#include <QTest>

using namespace Mqtt;

Q_DECLARE_METATYPE(Mqtt::ErrorCode)

// Topic names, filters and matching (MQTT 4.7), with the specification's own examples.
class TestTopic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void topicName_data();
    void topicName();
    void topicFilter_data();
    void topicFilter();
    void matches_data();
    void matches();
    void utf8_data();
    void utf8();
};

void TestTopic::topicName_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("simple") << u"sport/tennis"_qs << ErrorCode::None;
    QTest::newRow("one character") << u"a"_qs << ErrorCode::None;
    QTest::newRow("leading slash") << u"/finance"_qs << ErrorCode::None;
    QTest::newRow("only a slash") << u"/"_qs << ErrorCode::None;
    QTest::newRow("empty levels") << u"a//b"_qs << ErrorCode::None;
    QTest::newRow("space") << u" "_qs << ErrorCode::None;
    QTest::newRow("$SYS topic") << u"$SYS/broker/load"_qs << ErrorCode::None;
    QTest::newRow("non-ASCII") << u"caf\u00e9/\u4e2d\u6587"_qs << ErrorCode::None;
    QTest::newRow("supplementary plane")
            << QString::fromUtf8("emoji/\xf0\x9f\x98\x80") << ErrorCode::None;
    QTest::newRow("65535 bytes") << QString(65535, u'a') << ErrorCode::None;
    QTest::newRow("empty [MQTT-4.7.3-1]") << QString() << ErrorCode::InvalidTopic;
    QTest::newRow("+ [MQTT-3.3.2-2]") << u"sport/+"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("# [MQTT-3.3.2-2]") << u"sport/#"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("+ inside a level") << u"sp+rt"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("null character [MQTT-1.5.3-2]")
            << QString::fromUtf16(u"a\0b", 3) << ErrorCode::InvalidString;
    QTest::newRow("lone high surrogate [MQTT-1.5.3-1]")
            << QString(QChar(0xD800)) + u"x"_qs << ErrorCode::InvalidString;
    QTest::newRow("lone low surrogate") << QString(QChar(0xDC00)) << ErrorCode::InvalidString;
    QTest::newRow("65536 bytes") << QString(65536, u'a') << ErrorCode::InvalidString;
    QTest::newRow("65536 bytes of 2-byte characters")
            << QString(32768, QChar(0xE9)) << ErrorCode::InvalidString;
}

void TestTopic::topicName()
{
    QFETCH(QString, topic);
    QFETCH(ErrorCode, code);
    const Error error = validateTopicName(topic);
    QCOMPARE(error.code, code);
    QCOMPARE(error.text.isEmpty(), code == ErrorCode::None);
}

void TestTopic::topicFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<ErrorCode>("code");
    // 4.7.1.2 and 4.7.1.3 examples
    QTest::newRow("sport/tennis/player1/#") << u"sport/tennis/player1/#"_qs << ErrorCode::None;
    QTest::newRow("#") << u"#"_qs << ErrorCode::None;
    QTest::newRow("sport/#") << u"sport/#"_qs << ErrorCode::None;
    QTest::newRow("+") << u"+"_qs << ErrorCode::None;
    QTest::newRow("+/tennis/#") << u"+/tennis/#"_qs << ErrorCode::None;
    QTest::newRow("sport/+/player1") << u"sport/+/player1"_qs << ErrorCode::None;
    QTest::newRow("+/+") << u"+/+"_qs << ErrorCode::None;
    QTest::newRow("/+") << u"/+"_qs << ErrorCode::None;
    QTest::newRow("+/#") << u"+/#"_qs << ErrorCode::None;
    QTest::newRow("$SYS/#") << u"$SYS/#"_qs << ErrorCode::None;
    QTest::newRow("plain name") << u"sport/tennis"_qs << ErrorCode::None;
    QTest::newRow("empty [MQTT-4.7.3-1]") << QString() << ErrorCode::InvalidTopic;
    QTest::newRow("sport/tennis# [MQTT-4.7.1-2]") << u"sport/tennis#"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("sport/tennis/#/ranking [MQTT-4.7.1-2]")
            << u"sport/tennis/#/ranking"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("## ") << u"##"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("sport+ [MQTT-4.7.1-3]") << u"sport+"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("+sport") << u"+sport"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("sport/+tennis") << u"sport/+tennis"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("++") << u"++"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("null character") << QString::fromUtf16(u"a/\0", 3) << ErrorCode::InvalidString;
    QTest::newRow("lone surrogate") << u"a/"_qs + QChar(0xDBFF) << ErrorCode::InvalidString;
}

void TestTopic::topicFilter()
{
    QFETCH(QString, filter);
    QFETCH(ErrorCode, code);
    const Error error = validateTopicFilter(filter);
    QCOMPARE(error.code, code);
    QCOMPARE(error.text.isEmpty(), code == ErrorCode::None);
}

void TestTopic::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("match");
    // 4.7.1.2: "sport/tennis/player1/#"
    QTest::newRow("# matches its parent")
            << u"sport/tennis/player1/#"_qs << u"sport/tennis/player1"_qs << true;
    QTest::newRow("# matches one level below")
            << u"sport/tennis/player1/#"_qs << u"sport/tennis/player1/ranking"_qs << true;
    QTest::newRow("# matches two levels below")
            << u"sport/tennis/player1/#"_qs << u"sport/tennis/player1/score/wimbledon"_qs << true;
    QTest::newRow("# does not match a sibling")
            << u"sport/tennis/player1/#"_qs << u"sport/tennis/player2"_qs << false;
    QTest::newRow("sport/# matches sport") << u"sport/#"_qs << u"sport"_qs << true;
    QTest::newRow("sport/# matches sport/") << u"sport/#"_qs << u"sport/"_qs << true;
    QTest::newRow("# matches everything") << u"#"_qs << u"a/b/c"_qs << true;
    QTest::newRow("# matches /finance") << u"#"_qs << u"/finance"_qs << true;
    QTest::newRow("sport/# does not match sports") << u"sport/#"_qs << u"sports"_qs << false;
    // 4.7.1.3: "sport/tennis/+"
    QTest::newRow("+ matches one level")
            << u"sport/tennis/+"_qs << u"sport/tennis/player1"_qs << true;
    QTest::newRow("+ not two levels")
            << u"sport/tennis/+"_qs << u"sport/tennis/player1/ranking"_qs << false;
    QTest::newRow("sport/+ not sport") << u"sport/+"_qs << u"sport"_qs << false;
    QTest::newRow("sport/+ matches sport/") << u"sport/+"_qs << u"sport/"_qs << true;
    QTest::newRow("+/+ matches /finance") << u"+/+"_qs << u"/finance"_qs << true;
    QTest::newRow("/+ matches /finance") << u"/+"_qs << u"/finance"_qs << true;
    QTest::newRow("+ does not match /finance") << u"+"_qs << u"/finance"_qs << false;
    QTest::newRow("+ matches a single level") << u"+"_qs << u"finance"_qs << true;
    QTest::newRow("sport/+/player1") << u"sport/+/player1"_qs << u"sport/tennis/player1"_qs << true;
    QTest::newRow("+/tennis/#") << u"+/tennis/#"_qs << u"sport/tennis/player1"_qs << true;
    QTest::newRow("+/tennis/# parent") << u"+/tennis/#"_qs << u"sport/tennis"_qs << true;
    QTest::newRow("+ matches an empty level") << u"a/+/c"_qs << u"a//c"_qs << true;
    // 4.7.2: [MQTT-4.7.2-1] wildcards at the first level skip $-topics
    QTest::newRow("# not $SYS/monitor/Clients [MQTT-4.7.2-1]")
            << u"#"_qs << u"$SYS/monitor/Clients"_qs << false;
    QTest::newRow("+/monitor/Clients not $SYS [MQTT-4.7.2-1]")
            << u"+/monitor/Clients"_qs << u"$SYS/monitor/Clients"_qs << false;
    QTest::newRow("+ not $SYS") << u"+"_qs << u"$SYS"_qs << false;
    QTest::newRow("$SYS/# matches $SYS/monitor/Clients")
            << u"$SYS/#"_qs << u"$SYS/monitor/Clients"_qs << true;
    QTest::newRow("$SYS/monitor/+ matches $SYS/monitor/Clients")
            << u"$SYS/monitor/+"_qs << u"$SYS/monitor/Clients"_qs << true;
    QTest::newRow("a $ later in the topic is ordinary") << u"+/$x"_qs << u"a/$x"_qs << true;
    // exact names and case
    QTest::newRow("exact") << u"sport/tennis"_qs << u"sport/tennis"_qs << true;
    QTest::newRow("case sensitive") << u"ACCOUNTS"_qs << u"Accounts"_qs << false;
    QTest::newRow("trailing slash differs") << u"a/b"_qs << u"a/b/"_qs << false;
    QTest::newRow("leading slash differs") << u"finance"_qs << u"/finance"_qs << false;
    QTest::newRow("longer filter") << u"a/b/c"_qs << u"a/b"_qs << false;
    QTest::newRow("prefix is not a match") << u"a/b"_qs << u"a/bc"_qs << false;
    QTest::newRow("empty topic") << u"#"_qs << QString() << false;
}

void TestTopic::matches()
{
    QFETCH(QString, filter);
    QFETCH(QString, topic);
    QFETCH(bool, match);
    QCOMPARE(topicMatches(filter, topic), match);
}

void TestTopic::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ASCII") << QByteArray("abc") << true;
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("2-byte") << QByteArray("\xc3\xa9") << true;
    QTest::newRow("3-byte") << QByteArray("\xe4\xb8\xad") << true;
    QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("null [MQTT-1.5.3-2]") << QByteArray("a\0b", 3) << false;
    QTest::newRow("overlong null C0 80") << QByteArray("\xc0\x80") << false;
    QTest::newRow("overlong slash") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate D800 [MQTT-1.5.3-1]") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("truncated 2-byte") << QByteArray("\xc3") << false;
    QTest::newRow("truncated 4-byte") << QByteArray("\xf0\x9f\x98") << false;
    QTest::newRow("stray continuation") << QByteArray("\x80") << false;
    QTest::newRow("bad continuation") << QByteArray("\xc3\x28") << false;
    QTest::newRow("FF byte") << QByteArray("\xff") << false;
    QTest::newRow("65535 bytes") << QByteArray(65535, 'a') << true;
    QTest::newRow("65536 bytes") << QByteArray(65536, 'a') << false;
}

void TestTopic::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8String(bytes), valid);
}

QTEST_APPLESS_MAIN(TestTopic)
#include "tst_topic.moc"
