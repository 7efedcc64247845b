// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

// The broker's side of SCRAM-SHA-256 (RFC 5802, RFC 7677), written apart from the client's
// authenticator so that each checks the other: it stores only what a broker stores (salt,
// iterations, StoredKey, ServerKey), never the password after construction.
class ScramServer
{
public:
    ScramServer(const QByteArray &userName, const QByteArray &password, const QByteArray &salt,
                int iterations, const QByteArray &serverNonce);

    // Reads a client-first-message and returns the server-first-message; empty with
    // lastError() set when the message is not acceptable.
    QByteArray challenge(const QByteArray &clientFirst);
    // Reads a client-final-message: true when it carries the right proof.
    bool verify(const QByteArray &clientFinal);
    // "v=" and the server signature of the last exchange.
    QByteArray serverFinal() const;
    QString lastError() const { return m_error; }

private:
    QByteArray m_userName;
    QByteArray m_salt;
    int m_iterations = 0;
    QByteArray m_serverNonce;
    QByteArray m_storedKey;
    QByteArray m_serverKey;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
    QByteArray m_authMessage;
    QString m_error;
};
