// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "payloadformat.h"

#include <memory>
#include <optional>

// Sparkplug B (Eclipse Sparkplug 2.2 and 3.0): payloads decoded with the schema in
// sparkplug_b.proto, and a session that follows births and deaths so that metric aliases
// resolve to names and sequence numbers are checked.
namespace Payload {

// spBv1.0/GROUP/TYPE/EDGE_NODE[/DEVICE], spBv1.0/STATE/HOST (3.0) or STATE/HOST (2.2).
struct SparkplugTopic
{
    enum class Type { NBirth, NDeath, DBirth, DDeath, NData, DData, NCmd, DCmd, State };

    Type type = Type::NData;
    QString group;
    QString edgeNode;
    QString device; // empty for node messages
    QString hostId; // STATE only
    // STATE/HOST: Sparkplug 2.2, where STATE is text ("ONLINE"/"OFFLINE"); 3.0 sends JSON.
    bool isVersion22State = false;

    static std::optional<SparkplugTopic> fromTopic(QStringView topic);
    QString typeName() const; // "NBIRTH", ...
};

struct SparkplugDevice
{
    QString id;
    bool online = false;
    QStringList metrics; // names declared in its DBIRTH
};

struct SparkplugEdgeNode
{
    QString group;
    QString id;
    bool online = false;
    qint64 bdSeq = -1; // of the last NBIRTH, -1 when none seen
    int seq = -1; // last sequence number seen
    QStringList metrics;
    QList<SparkplugDevice> devices;
};

struct SparkplugHost
{
    QString id;
    bool online = false;
};

// One per connection: it must see every message on the Sparkplug topics, in order (births
// are what makes later aliases readable). Not thread-safe.
class SparkplugSession
{
public:
    SparkplugSession();
    ~SparkplugSession();
    SparkplugSession(const SparkplugSession &) = delete;
    SparkplugSession &operator=(const SparkplugSession &) = delete;

    // Decodes the message and updates the session: a tree with "sparkplug" (the message
    // type), "group", "edgeNode", "device", "timestamp", "seq" and "metrics" (each with its
    // name resolved, "alias", "datatype" and "value"); warnings for a sequence gap, data
    // before a birth, an alias no birth declared, a death of an earlier session.
    DecodeResult decode(const QString &topic, QByteArrayView payload);

    // The group -> edge node -> device structure seen so far, sorted by group and node.
    QList<SparkplugEdgeNode> edgeNodes() const;
    QList<SparkplugHost> hosts() const;
    void clear();

    // {"timestamp": ms, "seq": n, "metrics": [{"name", "alias", "datatype": "Int32" or 3,
    // "value", "timestamp", "is_null"}]} (or the metrics array alone) to a Sparkplug B payload.
    // Without "timestamp" the current time is used; without "datatype" it follows the JSON
    // value (Boolean, Int64, Double, String, Int64Array, DoubleArray).
    static PayloadFormat::EncodeResult encode(const QString &json);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Payload
