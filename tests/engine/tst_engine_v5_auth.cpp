// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"
#include "scramserver.h"

#include <QSignalSpy>

#include <memory>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

namespace {

// RFC 7677, section 3: user "user", password "pencil".
const QByteArray ClientNonce = "rOprNGfwEbeRWgbNEkqO";
const QByteArray ServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
const QByteArray Salt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
const QByteArray ClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
const QByteArray ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                               "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const QByteArray ClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                               "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const QByteArray ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
const QString Scram = QStringLiteral("SCRAM-SHA-256");

QByteArray authFrame(ReasonCode reason, const QString &method, const QByteArray &data)
{
    AuthPacket packet;
    packet.reasonCode = reason;
    if (!method.isEmpty())
        packet.properties.setString(PropertyId::AuthenticationMethod, method);
    if (!data.isNull())
        packet.properties.setBinary(PropertyId::AuthenticationData, data);
    return encode(packet);
}

QByteArray connackFrame(quint8 code, const QString &method, const QByteArray &data)
{
    ConnackPacket packet;
    packet.returnCode = code;
    if (!method.isEmpty())
        packet.properties.setString(PropertyId::AuthenticationMethod, method);
    if (!data.isNull())
        packet.properties.setBinary(PropertyId::AuthenticationData, data);
    return encode(packet, ProtocolVersion::V5);
}

std::unique_ptr<ScramSha256Authenticator> rfcAuthenticator(const QByteArray &password = "pencil")
{
    auto authenticator = std::make_unique<ScramSha256Authenticator>(u"user"_qs, password);
    authenticator->setNonceGenerator([] { return ClientNonce; });
    return authenticator;
}

// A broker that authenticates with SCRAM-SHA-256 through its ScramServer: CONNECT and AUTH
// Re-authenticate get the challenge, AUTH Continue the verdict. How the verdict reads is up
// to the test (a refusal, or a final message spoiled on purpose).
struct ScramBroker
{
    enum class Verdict { Honest, WrongSignature };

    explicit ScramBroker(FakeBroker &broker) : broker(broker)
    {
        broker.setHandler(T::Connect, [this](const FakeBroker::Packet &packet) {
            const Properties &properties = packet.connect.properties;
            if (properties.string(PropertyId::AuthenticationMethod) != Scram) {
                this->broker.sendBytes(
                        connackFrame(quint8(ReasonCode::BadAuthenticationMethod), {}, {}));
                return;
            }
            challenge(properties.binary(PropertyId::AuthenticationData));
        });
        broker.setHandler(T::Auth, [this](const FakeBroker::Packet &packet) {
            const QByteArray data = packet.auth.properties.binary(PropertyId::AuthenticationData);
            if (packet.auth.reasonCode == ReasonCode::ReAuthenticate) {
                reauthenticating = true;
                challenge(data);
                return;
            }
            const bool proven = server.verify(data);
            QByteArray final = proven ? server.serverFinal() : QByteArray("e=invalid-proof");
            if (proven && verdict == Verdict::WrongSignature)
                final = "v=" + QByteArray(32, 'x').toBase64();
            if (reauthenticating) {
                if (proven) {
                    this->broker.sendBytes(authFrame(ReasonCode::Success, Scram, final));
                } else {
                    DisconnectPacket refusal;
                    refusal.reasonCode = ReasonCode::NotAuthorized;
                    // The client closes on it ([MQTT-4.12.1-2]).
                    this->broker.sendBytes(encode(refusal, ProtocolVersion::V5));
                }
                reauthenticating = false;
                return;
            }
            if (proven)
                this->broker.sendBytes(connackFrame(0, Scram, final));
            else
                this->broker.sendBytes(connackFrame(quint8(ReasonCode::NotAuthorized), {}, final));
        });
    }

    void challenge(const QByteArray &clientFirst)
    {
        const QByteArray serverFirst = server.challenge(clientFirst);
        QVERIFY2(!serverFirst.isEmpty(), qPrintable(server.lastError()));
        broker.sendBytes(authFrame(ReasonCode::ContinueAuthentication, Scram, serverFirst));
    }

    FakeBroker &broker;
    ScramServer server{"user", "pencil", Salt, 4096, ServerNonce};
    Verdict verdict = Verdict::Honest;
    bool reauthenticating = false;
};

ConnectionOptions scramOptions(const FakeBroker &broker, const QByteArray &password = "pencil")
{
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    options.authenticationMethod = Scram;
    options.userName = u"user"_qs;
    options.password = password;
    return options;
}

} // namespace

// MQTT 5.0 enhanced authentication (4.12) with SCRAM-SHA-256, against a broker that does
// the server side on its own.
class TestEngineV5Auth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7677Vector();
    void scramServerMatchesVector();
    void methodsListed();
    void success();
    void exactExchange();
    void wrongPassword();
    void badServerSignature();
    void missingServerSignature();
    void serverErrorInChallenge_data();
    void serverErrorInChallenge();
    void badAuthenticationMethod();
    void unexpectedAuth_data();
    void unexpectedAuth();
    void invalidOptions_data();
    void invalidOptions();
    void reauthenticationSuccess();
    void reauthenticationRefused();
    void reauthenticationBadSignature();
    void reauthenticateNeedsEnhancedAuthentication();
};

void TestEngineV5Auth::rfc7677Vector()
{
    auto authenticator = rfcAuthenticator();
    QCOMPARE(authenticator->method(), Scram);
    QVERIFY(authenticator->consumesPassword());
    const AuthenticationStep first = authenticator->start();
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(first.data, ClientFirst);
    const AuthenticationStep final = authenticator->respond(ServerFirst);
    QVERIFY2(final.ok(), qPrintable(final.error));
    QCOMPARE(final.data, ClientFinal);
    const AuthenticationStep verified = authenticator->finish(ServerFinal);
    QVERIFY2(verified.ok(), qPrintable(verified.error));
    // The same exchange with one character of the signature changed fails.
    authenticator->start();
    authenticator->respond(ServerFirst);
    QByteArray spoiled = ServerFinal;
    spoiled[3] = 'X';
    QVERIFY(!authenticator->finish(spoiled).ok());
}

void TestEngineV5Auth::scramServerMatchesVector()
{
    ScramServer server("user", "pencil", Salt, 4096, ServerNonce);
    QCOMPARE(server.challenge(ClientFirst), ServerFirst);
    QVERIFY2(server.verify(ClientFinal), qPrintable(server.lastError()));
    QCOMPARE(server.serverFinal(), ServerFinal);
    QByteArray wrongProof = ClientFinal;
    wrongProof[wrongProof.size() - 3] = 'A';
    server.challenge(ClientFirst);
    QVERIFY(!server.verify(wrongProof));
}

void TestEngineV5Auth::methodsListed()
{
    QVERIFY(authenticationMethods().contains(Scram));
    QVERIFY(createAuthenticator(Scram, u"user"_qs, "pencil"));
    QVERIFY(!createAuthenticator(u"NOPE"_qs, u"user"_qs, "pencil"));
}

void TestEngineV5Auth::success()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QVERIFY(connectTo(client, scramOptions(broker)));
    QCOMPARE(errors.size(), 0);
    QCOMPARE(broker.decodeErrors(), QStringList());
    QCOMPARE(broker.types(), (QList<T>{T::Connect, T::Auth}));
    const ConnectPacket connect = broker.packets(T::Connect).first().connect;
    QCOMPARE(connect.properties.string(PropertyId::AuthenticationMethod), Scram);
    QVERIFY(connect.properties.binary(PropertyId::AuthenticationData).startsWith("n,,n=user,r="));
    // The password is proven, never sent.
    QVERIFY(!connect.password);
    QCOMPARE(connect.userName, u"user"_qs);
    const AuthPacket auth = broker.packets(T::Auth).first().auth;
    QCOMPARE(auth.reasonCode, ReasonCode::ContinueAuthentication);
    QCOMPARE(auth.properties.string(PropertyId::AuthenticationMethod), Scram);

    // A new connection is a new exchange with a new nonce.
    const QByteArray firstNonce = connect.properties.binary(PropertyId::AuthenticationData);
    client.disconnectFromHost();
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QVERIFY(connectTo(client, scramOptions(broker)));
    const ConnectPacket again = broker.packets(T::Connect).at(1).connect;
    QVERIFY(again.properties.binary(PropertyId::AuthenticationData) != firstNonce);
}

void TestEngineV5Auth::exactExchange()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    Client client;
    client.setAuthenticator(rfcAuthenticator());
    QVERIFY(client.authenticator());
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    options.userName = u"user"_qs; // the custom authenticator has its own credentials
    QVERIFY(connectTo(client, options));
    QCOMPARE(broker.packets(T::Connect)
                     .first()
                     .connect.properties.binary(PropertyId::AuthenticationData),
             ClientFirst);
    QCOMPARE(broker.packets(T::Auth).first().auth.properties.binary(PropertyId::AuthenticationData),
             ClientFinal);
}

void TestEngineV5Auth::wrongPassword()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    ConnectionOptions options = scramOptions(broker, "not-pencil");
    options.autoReconnect = true; // a refused password is not retried
    options.reconnectInitialDelayMs = 10;
    client.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ConnectionRefused);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::NotAuthorized));
    QVERIFY2(error.text.contains(Scram), qPrintable(error.text));
    QVERIFY2(error.text.contains(u"wrong user name or password"_qs), qPrintable(error.text));
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QCOMPARE(connected.size(), 0);
    QCOMPARE(broker.count(T::Connect), 1);
}

void TestEngineV5Auth::badServerSignature()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    scram.verdict = ScramBroker::Verdict::WrongSignature;
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    QSignalSpy states(&client, &Client::stateChanged);
    client.connectToHost(scramOptions(broker));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::AuthenticationFailed);
    QVERIFY2(error.text.contains(u"signature"_qs), qPrintable(error.text));
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QCOMPARE(connected.size(), 0);
    // Never Connected: the session of an unproven broker is not used.
    for (const auto &change : states)
        QVERIFY(change.at(0).value<Client::State>() != Client::State::Connected);
}

void TestEngineV5Auth::missingServerSignature()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    // The broker says yes at once, without the exchange: it proved nothing.
    broker.setHandler(T::Connect, [&broker](const FakeBroker::Packet &) {
        broker.sendBytes(connackFrame(0, Scram, {}));
    });
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(scramOptions(broker));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::AuthenticationFailed);
    QVERIFY(waitForState(client, Client::State::Disconnected));
}

void TestEngineV5Auth::serverErrorInChallenge_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("words");
    QTest::newRow("e=unknown-user") << QByteArray("e=unknown-user") << u"unknown user"_qs;
    QTest::newRow("e=other-error") << QByteArray("e=other-error") << u"unspecified error"_qs;
    QTest::newRow("nonce not ours") << QByteArray("r=someoneelse123,s=W22ZaJ0SNY7soEsUEjb6gQ==,"
                                                  "i=4096")
                                    << u"nonce"_qs;
    QTest::newRow("nonce not extended")
            << QByteArray("r=" + ClientNonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096") << u"nonce"_qs;
    QTest::newRow("too few iterations")
            << QByteArray("r=" + ClientNonce + "abc,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1")
            << u"iterations"_qs;
    QTest::newRow("too many iterations")
            << QByteArray("r=" + ClientNonce + "abc,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=2000000000")
            << u"iterations"_qs;
    QTest::newRow("no salt") << QByteArray("r=" + ClientNonce + "abc,i=4096") << u"server-first"_qs;
    QTest::newRow("garbage") << QByteArray("hello") << u"server-first"_qs;
}

void TestEngineV5Auth::serverErrorInChallenge()
{
    QFETCH(QByteArray, challenge);
    QFETCH(QString, words);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Connect, [&broker, challenge](const FakeBroker::Packet &) {
        broker.sendBytes(authFrame(ReasonCode::ContinueAuthentication, Scram, challenge));
    });
    Client client;
    client.setAuthenticator(rfcAuthenticator());
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(scramOptions(broker));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::AuthenticationFailed);
    QVERIFY2(error.text.contains(words), qPrintable(error.text));
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QCOMPARE(broker.count(T::Auth), 0); // nothing answered to it
}

void TestEngineV5Auth::badAuthenticationMethod()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Connect, [&broker](const FakeBroker::Packet &) {
        ConnackPacket refusal;
        refusal.returnCode = quint8(ReasonCode::BadAuthenticationMethod);
        refusal.properties.setString(PropertyId::ReasonString, u"only PLAIN here"_qs);
        broker.sendBytes(encode(refusal, ProtocolVersion::V5));
    });
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(scramOptions(broker));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ConnectionRefused);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::BadAuthenticationMethod));
    QVERIFY2(error.text.contains(Scram), qPrintable(error.text));
    QVERIFY2(error.text.contains(u"only PLAIN here"_qs), qPrintable(error.text));
}

void TestEngineV5Auth::unexpectedAuth_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("authenticate"); // the client uses SCRAM
    QTest::addColumn<bool>("afterConnack");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("words");
    const QByteArray challenge =
            authFrame(ReasonCode::ContinueAuthentication, Scram, "r=x,s=eA==,i=4096");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1 << false << true
                           << QByteArray::fromHex("f000") << u"3.1.1"_qs;
    QTest::newRow("5.0, no authentication asked, before CONNACK")
            << ProtocolVersion::V5 << false << false << challenge << u"not asked for"_qs;
    QTest::newRow("5.0, no authentication asked, connected")
            << ProtocolVersion::V5 << false << true << challenge << u"not asked for"_qs;
    QTest::newRow("5.0, authenticated, none running")
            << ProtocolVersion::V5 << true << true << challenge << u"not asked for"_qs;
    QTest::newRow("another method")
            << ProtocolVersion::V5 << true << false
            << authFrame(ReasonCode::ContinueAuthentication, u"KERBEROS"_qs, "x") << u"KERBEROS"_qs;
    QTest::newRow("no method") << ProtocolVersion::V5 << true << false
                               << authFrame(ReasonCode::ContinueAuthentication, {}, "x") << Scram;
    QTest::newRow("Success instead of CONNACK")
            << ProtocolVersion::V5 << true << false
            << authFrame(ReasonCode::Success, Scram, ServerFinal) << u"CONNACK"_qs;
    QTest::newRow("Re-authenticate from the broker")
            << ProtocolVersion::V5 << true << false
            << authFrame(ReasonCode::ReAuthenticate, Scram, "x") << u"Re-authenticate"_qs;
}

void TestEngineV5Auth::unexpectedAuth()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, authenticate);
    QFETCH(bool, afterConnack);
    QFETCH(QByteArray, frame);
    QFETCH(QString, words);
    FakeBroker broker;
    QVERIFY(broker.listen());
    std::unique_ptr<ScramBroker> scram;
    if (authenticate)
        scram = std::make_unique<ScramBroker>(broker);
    if (!afterConnack) {
        broker.setHandler(T::Connect, [&broker, frame](const FakeBroker::Packet &) {
            broker.sendBytes(frame);
        });
    }
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    ConnectionOptions options = authenticate ? scramOptions(broker) : optionsFor(broker);
    options.version = version;
    client.connectToHost(options);
    if (afterConnack) {
        QVERIFY(waitForState(client, Client::State::Connected));
        broker.sendBytes(frame);
    }
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ProtocolError);
    QVERIFY2(error.text.contains(words), qPrintable(error.text));
    QVERIFY(waitForState(client, Client::State::Disconnected));
    if (version == ProtocolVersion::V5 && afterConnack) { // says why [MQTT-4.13.1-1]
        QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
        QCOMPARE(broker.packets(T::Disconnect).first().disconnect.reasonCode,
                 ReasonCode::ProtocolError);
    }
}

void TestEngineV5Auth::invalidOptions_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("withPassword");
    QTest::newRow("unknown method") << ProtocolVersion::V5 << u"DIGEST-MD5"_qs << true;
    QTest::newRow("SCRAM on 3.1.1") << ProtocolVersion::V3_1_1 << Scram << true;
    QTest::newRow("SCRAM without password") << ProtocolVersion::V5 << Scram << false;
}

void TestEngineV5Auth::invalidOptions()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QString, method);
    QFETCH(bool, withPassword);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    ConnectionOptions options = scramOptions(broker);
    options.version = version;
    options.authenticationMethod = method;
    if (!withPassword)
        options.password.reset();
    client.connectToHost(options);
    QCOMPARE(errors.size(), 1); // refused at once, nothing opened
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::InvalidArgument);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(broker.connectionCount(), 0);
}

void TestEngineV5Auth::reauthenticationSuccess()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    Client client;
    client.setAuthenticator(rfcAuthenticator());
    QSignalSpy reauthenticated(&client, &Client::reauthenticated);
    QSignalSpy errors(&client, &Client::errorOccurred);
    QVERIFY(connectTo(client, scramOptions(broker)));
    broker.clearPackets();
    // Taking the authenticator back leaves this connection with the one it started with.
    client.setAuthenticator(nullptr);
    QVERIFY(!client.authenticator());
    Error error;
    QVERIFY(client.reauthenticate(&error));
    QVERIFY(!error);
    // One at a time.
    QVERIFY(!client.reauthenticate(&error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QVERIFY(reauthenticated.wait(Timeout));
    QCOMPARE(errors.size(), 0);
    QCOMPARE(client.state(), Client::State::Connected);
    const auto auths = broker.packets(T::Auth);
    QCOMPARE(auths.size(), 2);
    // [MQTT-4.12.1-1]: Re-authenticate with the method of the CONNECT.
    QCOMPARE(auths.at(0).auth.reasonCode, ReasonCode::ReAuthenticate);
    QCOMPARE(auths.at(0).auth.properties.string(PropertyId::AuthenticationMethod), Scram);
    QCOMPARE(auths.at(0).auth.properties.binary(PropertyId::AuthenticationData), ClientFirst);
    QCOMPARE(auths.at(1).auth.reasonCode, ReasonCode::ContinueAuthentication);
    QCOMPARE(auths.at(1).auth.properties.binary(PropertyId::AuthenticationData), ClientFinal);
    // The connection still works, and may re-authenticate again.
    QVERIFY(client.publish(message(u"t"_qs, "x", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Publish), 1, Timeout);
    QVERIFY(client.reauthenticate());
    QTRY_COMPARE_WITH_TIMEOUT(reauthenticated.size(), 2, Timeout);
}

void TestEngineV5Auth::reauthenticationRefused()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    Client client;
    QSignalSpy reauthenticated(&client, &Client::reauthenticated);
    QSignalSpy errors(&client, &Client::errorOccurred);
    QVERIFY(connectTo(client, scramOptions(broker)));
    // The password changed on the broker since the connection was made.
    scram.server = ScramServer("user", "new-pencil", Salt, 4096, ServerNonce);
    QVERIFY(client.reauthenticate());
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::BrokerDisconnected);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::NotAuthorized));
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QCOMPARE(reauthenticated.size(), 0);
}

void TestEngineV5Auth::reauthenticationBadSignature()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ScramBroker scram(broker);
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QVERIFY(connectTo(client, scramOptions(broker)));
    scram.verdict = ScramBroker::Verdict::WrongSignature;
    QVERIFY(client.reauthenticate());
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::AuthenticationFailed);
    QVERIFY2(error.text.contains(u"signature"_qs), qPrintable(error.text));
    // 5.0 says why before closing [MQTT-4.12.1-2].
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
    QCOMPARE(broker.packets(T::Disconnect).first().disconnect.reasonCode,
             ReasonCode::UnspecifiedError);
    QVERIFY(waitForState(client, Client::State::Disconnected));
}

void TestEngineV5Auth::reauthenticateNeedsEnhancedAuthentication()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    Error error;
    QVERIFY(!client.reauthenticate(&error));
    QCOMPARE(error.code, ErrorCode::NotConnected);
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    QVERIFY(connectTo(client, options));
    QVERIFY(!client.reauthenticate(&error));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(broker.count(T::Auth), 0); // [MQTT-4.12.0-7]
}

QTEST_GUILESS_MAIN(TestEngineV5Auth)
#include "tst_engine_v5_auth.moc"
