// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Sparkplug B session the tests replay: each step's topic and payload, encoded with
// `protoc --encode` from the committed text files and the schema in src/payload.

#include "externalencoders.h"

#include <QFile>
#include <QList>

namespace SparkplugSessionFiles {

struct Step
{
    QString topic;
    QString textFile; // under tests/unit/payload/data/sparkplug
};

// NBIRTH (aliases, seq 253) -> NDATA 254, 255, 0 (wrap) -> NDATA 2 (gap) -> NDEATH.
inline QList<Step> nodeSession()
{
    const QString node = QStringLiteral("spBv1.0/Plant1/%1/Gateway7");
    return {{node.arg(QStringLiteral("NBIRTH")), QStringLiteral("nbirth.txtpb")},
            {node.arg(QStringLiteral("NDATA")), QStringLiteral("ndata-254.txtpb")},
            {node.arg(QStringLiteral("NDATA")), QStringLiteral("ndata-255.txtpb")},
            {node.arg(QStringLiteral("NDATA")), QStringLiteral("ndata-0.txtpb")},
            {node.arg(QStringLiteral("NDATA")), QStringLiteral("ndata-2.txtpb")},
            {node.arg(QStringLiteral("NDEATH")), QStringLiteral("ndeath.txtpb")}};
}

// protoc --encode=org.eclipse.tahu.protobuf.Payload sparkplug_b.proto < file.
inline QByteArray encode(const QString &textFile, QString *error)
{
    QFile file(QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/sparkplug/") + textFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    return ExternalEncoders::protocEncode(
            {QStringLiteral(SWITCHBOARD_SPARKPLUG_PROTO_DIR)}, QStringLiteral("sparkplug_b.proto"),
            QStringLiteral("org.eclipse.tahu.protobuf.Payload"), file.readAll(), error);
}

} // namespace SparkplugSessionFiles
