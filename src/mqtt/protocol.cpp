// SPDX-License-Identifier: Apache-2.0
#include "protocol.h"

#include <QCoreApplication>

namespace Mqtt {

QString connectReturnCodeText(ConnectReturnCode code)
{
    switch (code) {
    case ConnectReturnCode::Accepted:
        return QCoreApplication::translate("Mqtt", "Connection accepted");
    case ConnectReturnCode::UnacceptableProtocolVersion:
        return QCoreApplication::translate(
                "Mqtt", "The broker refused the connection: it does not support this MQTT version");
    case ConnectReturnCode::IdentifierRejected:
        return QCoreApplication::translate(
                "Mqtt", "The broker refused the connection: client identifier rejected");
    case ConnectReturnCode::ServerUnavailable:
        return QCoreApplication::translate(
                "Mqtt", "The broker refused the connection: the server is unavailable");
    case ConnectReturnCode::BadUserNameOrPassword:
        return QCoreApplication::translate(
                "Mqtt", "The broker refused the connection: bad user name or password");
    case ConnectReturnCode::NotAuthorized:
        return QCoreApplication::translate("Mqtt",
                                           "The broker refused the connection: not authorized");
    }
    return QCoreApplication::translate("Mqtt", "The broker refused the connection (return code %1)")
            .arg(int(code));
}

QString reasonCodeText(ReasonCode code)
{
    switch (code) {
    case ReasonCode::Success:
        return QCoreApplication::translate("Mqtt", "Success");
    case ReasonCode::GrantedQoS1:
        return QCoreApplication::translate("Mqtt", "Granted QoS 1");
    case ReasonCode::GrantedQoS2:
        return QCoreApplication::translate("Mqtt", "Granted QoS 2");
    case ReasonCode::DisconnectWithWillMessage:
        return QCoreApplication::translate("Mqtt", "Disconnect with will message");
    case ReasonCode::NoMatchingSubscribers:
        return QCoreApplication::translate("Mqtt", "No matching subscribers");
    case ReasonCode::NoSubscriptionExisted:
        return QCoreApplication::translate("Mqtt", "No subscription existed");
    case ReasonCode::ContinueAuthentication:
        return QCoreApplication::translate("Mqtt", "Continue authentication");
    case ReasonCode::ReAuthenticate:
        return QCoreApplication::translate("Mqtt", "Re-authenticate");
    case ReasonCode::UnspecifiedError:
        return QCoreApplication::translate("Mqtt", "Unspecified error");
    case ReasonCode::MalformedPacket:
        return QCoreApplication::translate("Mqtt", "Malformed packet");
    case ReasonCode::ProtocolError:
        return QCoreApplication::translate("Mqtt", "Protocol error");
    case ReasonCode::ImplementationSpecificError:
        return QCoreApplication::translate("Mqtt", "Implementation specific error");
    case ReasonCode::UnsupportedProtocolVersion:
        return QCoreApplication::translate("Mqtt", "Unsupported protocol version");
    case ReasonCode::ClientIdentifierNotValid:
        return QCoreApplication::translate("Mqtt", "Client identifier not valid");
    case ReasonCode::BadUserNameOrPassword:
        return QCoreApplication::translate("Mqtt", "Bad user name or password");
    case ReasonCode::NotAuthorized:
        return QCoreApplication::translate("Mqtt", "Not authorized");
    case ReasonCode::ServerUnavailable:
        return QCoreApplication::translate("Mqtt", "Server unavailable");
    case ReasonCode::ServerBusy:
        return QCoreApplication::translate("Mqtt", "Server busy");
    case ReasonCode::Banned:
        return QCoreApplication::translate("Mqtt", "Banned");
    case ReasonCode::ServerShuttingDown:
        return QCoreApplication::translate("Mqtt", "Server shutting down");
    case ReasonCode::BadAuthenticationMethod:
        return QCoreApplication::translate("Mqtt", "Bad authentication method");
    case ReasonCode::KeepAliveTimeout:
        return QCoreApplication::translate("Mqtt", "Keep alive timeout");
    case ReasonCode::SessionTakenOver:
        return QCoreApplication::translate("Mqtt", "Session taken over");
    case ReasonCode::TopicFilterInvalid:
        return QCoreApplication::translate("Mqtt", "Topic filter invalid");
    case ReasonCode::TopicNameInvalid:
        return QCoreApplication::translate("Mqtt", "Topic name invalid");
    case ReasonCode::PacketIdentifierInUse:
        return QCoreApplication::translate("Mqtt", "Packet identifier in use");
    case ReasonCode::PacketIdentifierNotFound:
        return QCoreApplication::translate("Mqtt", "Packet identifier not found");
    case ReasonCode::ReceiveMaximumExceeded:
        return QCoreApplication::translate("Mqtt", "Receive maximum exceeded");
    case ReasonCode::TopicAliasInvalid:
        return QCoreApplication::translate("Mqtt", "Topic alias invalid");
    case ReasonCode::PacketTooLarge:
        return QCoreApplication::translate("Mqtt", "Packet too large");
    case ReasonCode::MessageRateTooHigh:
        return QCoreApplication::translate("Mqtt", "Message rate too high");
    case ReasonCode::QuotaExceeded:
        return QCoreApplication::translate("Mqtt", "Quota exceeded");
    case ReasonCode::AdministrativeAction:
        return QCoreApplication::translate("Mqtt", "Administrative action");
    case ReasonCode::PayloadFormatInvalid:
        return QCoreApplication::translate("Mqtt", "Payload format invalid");
    case ReasonCode::RetainNotSupported:
        return QCoreApplication::translate("Mqtt", "Retain not supported");
    case ReasonCode::QoSNotSupported:
        return QCoreApplication::translate("Mqtt", "QoS not supported");
    case ReasonCode::UseAnotherServer:
        return QCoreApplication::translate("Mqtt", "Use another server");
    case ReasonCode::ServerMoved:
        return QCoreApplication::translate("Mqtt", "Server moved");
    case ReasonCode::SharedSubscriptionsNotSupported:
        return QCoreApplication::translate("Mqtt", "Shared subscriptions not supported");
    case ReasonCode::ConnectionRateExceeded:
        return QCoreApplication::translate("Mqtt", "Connection rate exceeded");
    case ReasonCode::MaximumConnectTime:
        return QCoreApplication::translate("Mqtt", "Maximum connect time");
    case ReasonCode::SubscriptionIdentifiersNotSupported:
        return QCoreApplication::translate("Mqtt", "Subscription identifiers not supported");
    case ReasonCode::WildcardSubscriptionsNotSupported:
        return QCoreApplication::translate("Mqtt", "Wildcard subscriptions not supported");
    }
    return QCoreApplication::translate("Mqtt", "Reason code 0x%1")
            .arg(int(code), 2, 16, QLatin1Char('0'));
}

} // namespace Mqtt
