// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "packettrace.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class QAbstractItemModel;
class QIODevice;

// The packet inspector's log as JSON Lines: one object per packet, in the order shown by the
// model (a PacketLogModel or a proxy over it). The fields are documented in the README
// ("Packet inspector"); "bytes" holds the whole frame in hex, so read() gives the packets
// back exactly and everything else can be decoded again from it.
class PacketLogExporter
{
    Q_DECLARE_TR_FUNCTIONS(PacketLogExporter)

public:
    // Returns an empty string on success, otherwise why it failed.
    static QString write(const QAbstractItemModel *model, QIODevice *device);
    static QString write(const QAbstractItemModel *model, const QString &fileName);
    // The packets of a file write() made, in order; an empty string on success, otherwise the
    // line that is wrong and why.
    static QString read(QIODevice *device, QList<Mqtt::PacketTrace> *traces);
};
