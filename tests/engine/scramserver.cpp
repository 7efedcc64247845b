// SPDX-License-Identifier: Apache-2.0
#include "scramserver.h"

#include <QByteArrayList>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>

namespace {

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    QMessageAuthenticationCode code(QCryptographicHash::Sha256, key);
    code.addData(data);
    return code.result();
}

QByteArray field(const QByteArray &message, const QByteArray &prefix)
{
    for (const QByteArray &part : message.split(',')) {
        if (part.startsWith(prefix))
            return part.mid(prefix.size());
    }
    return {};
}

} // namespace

ScramServer::ScramServer(const QByteArray &userName, const QByteArray &password,
                         const QByteArray &salt, int iterations, const QByteArray &serverNonce)
    : m_userName(userName), m_salt(salt), m_iterations(iterations), m_serverNonce(serverNonce)
{
    const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256,
                                                                 password, salt, iterations, 32);
    m_storedKey =
            QCryptographicHash::hash(hmacSha256(salted, "Client Key"), QCryptographicHash::Sha256);
    m_serverKey = hmacSha256(salted, "Server Key");
}

QByteArray ScramServer::challenge(const QByteArray &clientFirst)
{
    m_error.clear();
    if (!clientFirst.startsWith("n,,")) {
        m_error = QStringLiteral("no gs2 header n,,");
        return {};
    }
    m_clientFirstBare = clientFirst.mid(3);
    if (field(m_clientFirstBare, "n=") != m_userName) {
        m_error = QStringLiteral("unknown user");
        return {};
    }
    const QByteArray clientNonce = field(m_clientFirstBare, "r=");
    if (clientNonce.isEmpty()) {
        m_error = QStringLiteral("no client nonce");
        return {};
    }
    m_nonce = clientNonce + m_serverNonce;
    m_serverFirst =
            "r=" + m_nonce + ",s=" + m_salt.toBase64() + ",i=" + QByteArray::number(m_iterations);
    return m_serverFirst;
}

bool ScramServer::verify(const QByteArray &clientFinal)
{
    m_error.clear();
    const qsizetype proofAt = clientFinal.indexOf(",p=");
    if (proofAt < 0) {
        m_error = QStringLiteral("no proof");
        return false;
    }
    const QByteArray withoutProof = clientFinal.left(proofAt);
    if (field(withoutProof, "c=") != "biws" || field(withoutProof, "r=") != m_nonce) {
        m_error = QStringLiteral("wrong channel binding or nonce");
        return false;
    }
    m_authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;
    const QByteArray proof = QByteArray::fromBase64(clientFinal.mid(proofAt + 3));
    const QByteArray signature = hmacSha256(m_storedKey, m_authMessage);
    if (proof.size() != signature.size()) {
        m_error = QStringLiteral("proof of the wrong size");
        return false;
    }
    QByteArray clientKey(proof.size(), '\0');
    for (qsizetype i = 0; i < proof.size(); ++i)
        clientKey[i] = char(proof[i] ^ signature[i]);
    if (QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256) != m_storedKey) {
        m_error = QStringLiteral("invalid-proof");
        return false;
    }
    return true;
}

QByteArray ScramServer::serverFinal() const
{
    return "v=" + hmacSha256(m_serverKey, m_authMessage).toBase64();
}
