// SPDX-License-Identifier: Apache-2.0
#include "authenticator.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace Mqtt {

namespace {

// The value of one "k=value" attribute of a SCRAM message; null when absent.
QByteArray attribute(const QByteArrayList &attributes, char key)
{
    for (const QByteArray &item : attributes) {
        if (item.size() >= 2 && item.at(0) == key && item.at(1) == '=')
            return item.mid(2);
    }
    return QByteArray();
}

bool hasAttribute(const QByteArrayList &attributes, char key)
{
    for (const QByteArray &item : attributes) {
        if (item.size() >= 2 && item.at(0) == key && item.at(1) == '=')
            return true;
    }
    return false;
}

// A printable nonce without ',' (RFC 5802 "printable"): 24 random bytes in base64.
QByteArray randomNonce()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return bytes.toBase64();
}

// RFC 5802 server-error values put in words.
QString serverErrorText(const QByteArray &value)
{
    QString meaning;
    if (value == "invalid-proof")
        meaning = ScramSha256Authenticator::tr("wrong user name or password");
    else if (value == "unknown-user")
        meaning = ScramSha256Authenticator::tr("unknown user");
    else if (value == "invalid-encoding" || value == "extensions-not-supported" ||
             value == "invalid-username-encoding")
        meaning = ScramSha256Authenticator::tr("the broker could not read the client's message");
    else if (value == "other-error")
        meaning = ScramSha256Authenticator::tr("unspecified error");
    else
        meaning = QString::fromUtf8(value);
    return ScramSha256Authenticator::tr("SCRAM authentication failed: %1").arg(meaning);
}

} // namespace

Authenticator::~Authenticator() = default;

ScramSha256Authenticator::ScramSha256Authenticator(const QString &userName,
                                                   const QByteArray &password)
    : m_userName(escapeUserName(userName)), m_password(password), m_nonceGenerator(randomNonce)
{ }

QByteArray ScramSha256Authenticator::escapeUserName(const QString &userName)
{
    // RFC 5802 saslname: ',' and '=' are written =2C and =3D.
    QByteArray out = userName.toUtf8();
    out.replace("=", "=3D");
    out.replace(",", "=2C");
    return out;
}

QByteArray ScramSha256Authenticator::hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray ScramSha256Authenticator::saltedPassword(const QByteArray &password,
                                                    const QByteArray &salt, int iterations)
{
    // Hi() of RFC 5802 is PBKDF2 with HMAC-SHA-256 and one block of output.
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password, salt,
                                              iterations, 32);
}

AuthenticationStep ScramSha256Authenticator::start()
{
    m_stage = Stage::Idle;
    m_expectedServerSignature.clear();
    if (m_userName.isEmpty())
        return AuthenticationStep::failure(tr("SCRAM-SHA-256 needs a user name"));
    m_clientNonce = m_nonceGenerator();
    if (m_clientNonce.isEmpty() || m_clientNonce.contains(','))
        return AuthenticationStep::failure(tr("SCRAM-SHA-256: invalid client nonce"));
    m_clientFirstBare = "n=" + m_userName + ",r=" + m_clientNonce;
    m_stage = Stage::SentClientFirst;
    // "n,,": no channel binding, no authorization identity.
    return {"n,," + m_clientFirstBare, {}};
}

AuthenticationStep ScramSha256Authenticator::respond(const QByteArray &challenge)
{
    if (m_stage != Stage::SentClientFirst)
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker sent a challenge out of turn"));
    m_stage = Stage::Done; // one challenge only; any later one is out of turn
    const QByteArrayList attributes = challenge.split(',');
    if (hasAttribute(attributes, 'e'))
        return AuthenticationStep::failure(serverErrorText(attribute(attributes, 'e')));
    // RFC 5802: a mandatory extension ("m=") we do not know ends the exchange.
    if (hasAttribute(attributes, 'm'))
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker requires an unsupported extension"));
    const QByteArray nonce = attribute(attributes, 'r');
    const QByteArray salt = QByteArray::fromBase64(attribute(attributes, 's'));
    bool numeric = false;
    const int iterations = attribute(attributes, 'i').toInt(&numeric);
    if (nonce.isEmpty() || salt.isEmpty() || !numeric)
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker's challenge is not a SCRAM "
                   "server-first message"));
    // The broker extends our nonce; anything else may be a replay of another exchange.
    if (!nonce.startsWith(m_clientNonce) || nonce.size() == m_clientNonce.size())
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker's nonce does not extend ours"));
    if (iterations < MinimumIterations || iterations > MaximumIterations)
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker asks for %L1 iterations; "
                   "between %L2 and %L3 are accepted")
                        .arg(iterations)
                        .arg(MinimumIterations)
                        .arg(MaximumIterations));

    const QByteArray salted = saltedPassword(m_password, salt, iterations);
    const QByteArray clientKey = hmac(salted, "Client Key");
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray withoutProof = "c=" + QByteArray("n,,").toBase64() + ",r=" + nonce;
    const QByteArray authMessage = m_clientFirstBare + ',' + challenge + ',' + withoutProof;
    const QByteArray signature = hmac(storedKey, authMessage);
    QByteArray proof = clientKey;
    for (int i = 0; i < proof.size(); ++i)
        proof[i] = char(proof.at(i) ^ signature.at(i));
    m_expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
    m_stage = Stage::SentClientFinal;
    return {withoutProof + ",p=" + proof.toBase64(), {}};
}

AuthenticationStep ScramSha256Authenticator::finish(const QByteArray &finalData)
{
    const QByteArrayList attributes = finalData.split(',');
    if (hasAttribute(attributes, 'e'))
        return AuthenticationStep::failure(serverErrorText(attribute(attributes, 'e')));
    if (m_stage != Stage::SentClientFinal)
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker accepted the connection before "
                   "the exchange was complete, so it proved nothing"));
    m_stage = Stage::Done;
    if (!hasAttribute(attributes, 'v'))
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker did not send its signature"));
    const QByteArray signature = QByteArray::fromBase64(attribute(attributes, 'v'));
    // The broker must prove it knows the password too (RFC 5802 section 5).
    if (signature.size() != m_expectedServerSignature.size() ||
        signature != m_expectedServerSignature)
        return AuthenticationStep::failure(
                tr("SCRAM authentication failed: the broker's signature is wrong; it may not "
                   "be the broker it claims to be"));
    return {};
}

QString ScramSha256Authenticator::failureText(const QByteArray &data) const
{
    const QByteArrayList attributes = data.split(',');
    if (hasAttribute(attributes, 'e'))
        return serverErrorText(attribute(attributes, 'e'));
    return {};
}

QStringList authenticationMethods()
{
    return {ScramSha256Authenticator::methodName()};
}

std::unique_ptr<Authenticator> createAuthenticator(const QString &method, const QString &userName,
                                                   const QByteArray &password)
{
    if (method == ScramSha256Authenticator::methodName())
        return std::make_unique<ScramSha256Authenticator>(userName, password);
    return nullptr;
}

} // namespace Mqtt
