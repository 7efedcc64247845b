// SPDX-License-Identifier: Apache-2.0
#include "packetlogexporter.h"

#include "packetlogmodel.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using Mqtt::PacketType;

namespace {

QString versionName(Mqtt::ProtocolVersion version)
{
    switch (version) {
    case Mqtt::ProtocolVersion::V3_1:
        return QStringLiteral("3.1");
    case Mqtt::ProtocolVersion::V3_1_1:
        return QStringLiteral("3.1.1");
    case Mqtt::ProtocolVersion::V5:
        return QStringLiteral("5.0");
    }
    return QString();
}

QString statusName(PacketLogModel::Status status)
{
    switch (status) {
    case PacketLogModel::Status::Waiting:
        return QStringLiteral("waiting");
    case PacketLogModel::Status::Answered:
        return QStringLiteral("answered");
    case PacketLogModel::Status::Unanswered:
        return QStringLiteral("unanswered");
    case PacketLogModel::Status::None:
        break;
    }
    return QString();
}

QJsonObject packetObject(const QModelIndex &index)
{
    const auto trace = index.data(PacketLogModel::TraceRole).value<Mqtt::PacketTrace>();
    QJsonObject object;
    object.insert(QStringLiteral("seq"),
                  qint64(index.data(PacketLogModel::SequenceRole).value<quint64>()));
    object.insert(
            QStringLiteral("time"),
            QDateTime::fromMSecsSinceEpoch(trace.wallTimeMs, Qt::UTC).toString(Qt::ISODateWithMs));
    object.insert(QStringLiteral("monotonic_ns"), trace.monotonicNs);
    object.insert(QStringLiteral("direction"), trace.direction == Mqtt::PacketDirection::Sent
                                                       ? QStringLiteral("send")
                                                       : QStringLiteral("recv"));
    object.insert(QStringLiteral("version"), versionName(trace.version));
    object.insert(QStringLiteral("type"), Mqtt::packetTypeName(trace.type));
    if (trace.packetId != 0)
        object.insert(QStringLiteral("id"), trace.packetId);
    if (trace.type == PacketType::Publish) {
        object.insert(QStringLiteral("qos"), int(trace.qos()));
        object.insert(QStringLiteral("retain"), trace.retain());
        object.insert(QStringLiteral("dup"), trace.dup());
        object.insert(QStringLiteral("topic"), trace.topic());
    }
    if (trace.type == PacketType::Connack)
        object.insert(QStringLiteral("session_present"), trace.sessionPresent);
    if (trace.type == PacketType::Subscribe || trace.type == PacketType::Unsubscribe)
        object.insert(QStringLiteral("filters"), QJsonArray::fromStringList(trace.filters()));
    if (trace.hasReasonCode) {
        QJsonArray names;
        for (quint8 code : trace.reasonCodes())
            names.append(Mqtt::reasonCodeName(trace.type, trace.version, code));
        object.insert(QStringLiteral("reason_codes"), names);
    }
    const QList<Mqtt::PropertyText> properties =
            trace.properties().describe(Mqtt::BinaryNotation::Prefixed);
    if (!properties.isEmpty()) {
        QJsonArray list;
        for (const Mqtt::PropertyText &property : properties)
            list.append(QJsonObject{{QStringLiteral("name"), property.name},
                                    {QStringLiteral("value"), property.value}});
        object.insert(QStringLiteral("properties"), list);
    }
    object.insert(QStringLiteral("size"), trace.size());
    const auto status = PacketLogModel::Status(index.data(PacketLogModel::StatusRole).toInt());
    const quint64 pair = index.data(PacketLogModel::PairRole).value<quint64>();
    if (pair != 0)
        object.insert(status == PacketLogModel::Status::Answered ? QStringLiteral("answered_by")
                                                                 : QStringLiteral("answers"),
                      qint64(pair));
    if (const QString name = statusName(status); !name.isEmpty())
        object.insert(QStringLiteral("status"), name);
    const qint64 latency = index.data(PacketLogModel::LatencyRole).toLongLong();
    if (latency >= 0)
        object.insert(QStringLiteral("latency_ms"), double(latency) / 1e6);
    if (const quint64 first = index.data(PacketLogModel::FirstSendRole).value<quint64>())
        object.insert(QStringLiteral("first_send"), qint64(first));
    object.insert(QStringLiteral("exchange"),
                  qint64(index.data(PacketLogModel::ExchangeRole).value<quint64>()));
    object.insert(QStringLiteral("bytes"), QString::fromLatin1(trace.bytes.toHex()));
    return object;
}

} // namespace

QString PacketLogExporter::write(const QAbstractItemModel *model, QIODevice *device)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        QByteArray line =
                QJsonDocument(packetObject(model->index(row, 0))).toJson(QJsonDocument::Compact);
        line += '\n';
        if (device->write(line) != line.size())
            return tr("Could not write: %1").arg(device->errorString());
    }
    return QString();
}

QString PacketLogExporter::write(const QAbstractItemModel *model, const QString &fileName)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Could not open %1: %2").arg(fileName, file.errorString());
    if (const QString problem = write(model, &file); !problem.isEmpty())
        return problem;
    if (!file.commit())
        return tr("Could not save %1: %2").arg(fileName, file.errorString());
    return QString();
}

QString PacketLogExporter::read(QIODevice *device, QList<Mqtt::PacketTrace> *traces)
{
    int number = 0;
    while (!device->atEnd()) {
        const QByteArray line = device->readLine().trimmed();
        ++number;
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject())
            return tr("Line %1: not a JSON object (%2)").arg(number).arg(error.errorString());
        const QJsonObject object = document.object();
        const QString direction = object.value(QStringLiteral("direction")).toString();
        const QString version = object.value(QStringLiteral("version")).toString();
        const QByteArray bytes =
                QByteArray::fromHex(object.value(QStringLiteral("bytes")).toString().toLatin1());
        const QDateTime time = QDateTime::fromString(
                object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        if ((direction != QLatin1String("send") && direction != QLatin1String("recv")) ||
            bytes.isEmpty() || !time.isValid())
            return tr("Line %1: needs \"direction\" (send or recv), \"time\" and \"bytes\"")
                    .arg(number);
        Mqtt::ProtocolVersion protocol = Mqtt::ProtocolVersion::V3_1_1;
        if (version == QLatin1String("5.0"))
            protocol = Mqtt::ProtocolVersion::V5;
        else if (version == QLatin1String("3.1"))
            protocol = Mqtt::ProtocolVersion::V3_1;
        traces->append(Mqtt::PacketTrace::fromFrame(
                direction == QLatin1String("send") ? Mqtt::PacketDirection::Sent
                                                   : Mqtt::PacketDirection::Received,
                protocol, bytes, object.value(QStringLiteral("monotonic_ns")).toInteger(),
                time.toMSecsSinceEpoch()));
    }
    return QString();
}
