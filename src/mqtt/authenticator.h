// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

// MQTT 5.0 enhanced authentication (4.12): the client side of a challenge/response method
// carried in CONNECT, AUTH and CONNACK.
namespace Mqtt {

// One step of an exchange: the data to send next, or why the exchange failed (in words a
// person can read; the client closes the connection with it).
struct AuthenticationStep
{
    QByteArray data;
    QString error;

    bool ok() const { return error.isEmpty(); }
    static AuthenticationStep failure(const QString &error) { return {QByteArray(), error}; }
};

// The client side of one authentication method. The client calls start() for every new
// connection and for every re-authentication, respond() for each AUTH with reason Continue
// authentication (0x18), and finish() with the broker's data of the successful CONNACK or
// AUTH Success (empty when it sent none).
class Authenticator
{
public:
    virtual ~Authenticator();

    // The Authentication Method property, e.g. "SCRAM-SHA-256".
    virtual QString method() const = 0;
    // True when the method proves the password itself: the client then leaves the password
    // out of CONNECT (it must not travel in clear as well).
    virtual bool consumesPassword() const { return false; }
    // Forgets any earlier exchange and returns the Authentication Data of the CONNECT (or of
    // the AUTH Re-authenticate); empty data is left out.
    virtual AuthenticationStep start() = 0;
    // The answer to the broker's challenge.
    virtual AuthenticationStep respond(const QByteArray &challenge) = 0;
    // Checks the broker's final data; the data of the returned step is unused.
    virtual AuthenticationStep finish(const QByteArray &finalData) = 0;
    // The method's own words for the Authentication Data of a refusing CONNACK (e.g. a SCRAM
    // "e=" server error); empty when it says nothing.
    virtual QString failureText(const QByteArray &data) const
    {
        Q_UNUSED(data);
        return {};
    }
};

// SCRAM-SHA-256 (RFC 5802, RFC 7677) in the MQTT exchange:
//   CONNECT       Authentication Data = client-first-message ("n,,n=user,r=nonce")
//   AUTH 0x18  <- server-first-message ("r=...,s=...,i=...")
//   AUTH 0x18  -> client-final-message ("c=biws,r=...,p=proof")
//   CONNACK 0  <- server-final-message ("v=signature"), checked by finish()
// The user name and password are taken as given (UTF-8), without SASLprep normalisation:
// a password outside ASCII must already be in the form the broker stored.
class ScramSha256Authenticator : public Authenticator
{
    Q_DECLARE_TR_FUNCTIONS(Mqtt::ScramSha256Authenticator)
public:
    ScramSha256Authenticator(const QString &userName, const QByteArray &password);

    static QString methodName() { return QStringLiteral("SCRAM-SHA-256"); }

    QString method() const override { return methodName(); }
    bool consumesPassword() const override { return true; }
    AuthenticationStep start() override;
    AuthenticationStep respond(const QByteArray &challenge) override;
    AuthenticationStep finish(const QByteArray &finalData) override;
    QString failureText(const QByteArray &data) const override;

    // Tests: the client nonce start() uses instead of a random one.
    void setNonceGenerator(std::function<QByteArray()> generator)
    {
        m_nonceGenerator = std::move(generator);
    }
    // The highest iteration count accepted from a broker (work a broker may ask of us).
    static constexpr int MaximumIterations = 1000000;
    // RFC 7677 recommends at least 4096; below this a broker is refused.
    static constexpr int MinimumIterations = 4096;

    // The building blocks, public for tests of the fake broker's server side.
    static QByteArray escapeUserName(const QString &userName);
    static QByteArray hmac(const QByteArray &key, const QByteArray &message);
    static QByteArray saltedPassword(const QByteArray &password, const QByteArray &salt,
                                     int iterations);

private:
    enum class Stage { Idle, SentClientFirst, SentClientFinal, Done };

    QByteArray m_userName; // escaped for the message
    QByteArray m_password;
    std::function<QByteArray()> m_nonceGenerator;
    Stage m_stage = Stage::Idle;
    QByteArray m_clientNonce;
    QByteArray m_clientFirstBare;
    QByteArray m_expectedServerSignature;
};

// The enhanced authentication methods the client offers, for a choice in the GUI and CLI.
QStringList authenticationMethods();
// The authenticator for a method name of authenticationMethods() with those credentials, or
// null for an unknown name.
std::unique_ptr<Authenticator> createAuthenticator(const QString &method, const QString &userName,
                                                   const QByteArray &password);

} // namespace Mqtt
