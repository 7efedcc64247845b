// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "properties.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// MQTT 5.0 properties on the command line, as mosquitto_pub / mosquitto_sub 2.x take them:
// "-D <command> <property> <value>", and "-D <command> user-property <name> <value>".
namespace Cli {

// The packets -D can add properties to.
enum class PropertyTarget { Connect, Publish, Subscribe, Unsubscribe, Will, Disconnect };

// One -D as typed.
struct PropertyArgument
{
    QString command;
    QString property;
    QStringList values;
};

// Takes every -D / --property group out of *arguments, in order. valueOptions are the option
// names (without dashes) that take a value: "-m -D" is a message, not a -D. False with
// *problem set when a group is incomplete.
bool takePropertyArguments(QStringList *arguments, const QSet<QString> &valueOptions,
                           QList<PropertyArgument> *taken, QString *problem);

// The properties given with -D, by packet.
struct PropertySets
{
    Mqtt::Properties connect;
    Mqtt::Properties publish;
    Mqtt::Properties subscribe;
    Mqtt::Properties unsubscribe;
    Mqtt::Properties will;
    Mqtt::Properties disconnect;
    // -D connect authentication-method: the method the engine runs, not a raw property.
    QString authenticationMethod;

    Mqtt::Properties *of(PropertyTarget target);
};

// Checks each -D (command allowed for this CLI command, property allowed in that packet,
// value in range, no single-valued property twice) and collects them. False with *problem set.
bool buildPropertySets(const QList<PropertyArgument> &arguments,
                       const QList<PropertyTarget> &targets, PropertySets *sets, QString *problem);

// The command name of a target as -D takes it ("connect", "publish"...).
QString targetName(PropertyTarget target);
// The properties -D accepts for a target, as typed ("session-expiry-interval"...).
QStringList propertyNames(PropertyTarget target);

// "-x"/--auth-method value checks shared with -D connect.
bool parseSessionExpiry(const QString &text, quint32 *seconds);
bool checkAuthenticationMethod(const QString &text, QString *canonical, QString *problem);
QStringList authenticationMethods();

// Readable lines for a received message's properties, each "  Name: value\n", in the order
// they came (user properties and subscription identifiers repeat as received), binary data
// as text when printable, else as hexadecimal ("0x00ff").
QByteArray describeProperties(const Mqtt::Properties &properties);

} // namespace Cli
