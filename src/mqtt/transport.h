// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "error.h"

#include <QNetworkProxy>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Mqtt {

struct ConnectionOptions;

// The byte stream under the client. The client owns one and never touches a socket itself,
// so tests can inject their own and TLS or WebSockets can slot in.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void connectToHost(const QString &host, quint16 port) = 0;
    // Flushes what was written, then closes.
    virtual void disconnectFromHost() = 0;
    // Closes at once, dropping unwritten bytes.
    virtual void abort() = 0;
    virtual bool isOpen() const = 0;
    virtual qint64 write(const char *data, qint64 size) = 0;
    virtual qint64 bytesAvailable() const = 0;
    virtual qint64 read(char *data, qint64 maximum) = 0;
    // Bytes written but not yet handed to the network.
    virtual qint64 bytesToWrite() const = 0;

    // Takes the TLS, WebSocket and proxy settings; the client calls it before each
    // connectToHost(), so reconnects use (and verify with) the same settings.
    virtual void configure(const ConnectionOptions &options) { Q_UNUSED(options); }
    // What kind of failure the last errorOccurred() reported (e.g. TlsError).
    virtual ErrorCode errorCode() const { return m_errorCode; }

Q_SIGNALS:
    void connected();
    void disconnected();
    void readyRead();
    void errorOccurred(const QString &text);

protected:
    // Failure bookkeeping for transports that judge failures themselves (TLS, WebSocket).
    // An attempt runs from beginAttempt() until it fails or endAttempt() is called; it
    // reports one failure at most, and nothing that an earlier attempt queued.

    // Lets failures be reported again, with errorCode() back to TransportError.
    void beginAttempt();
    // What the socket says from now on (closing, queued failures) is no news for the client.
    void endAttempt();
    // True once the attempt failed or ended: socket signals are to be ignored then.
    bool isAttemptOver() const { return m_attemptOver; }
    // Reports text through errorOccurred() with code for errorCode(), and ends the attempt.
    void fail(ErrorCode code, const QString &text);
    // For failures found inside connectToHost(): reported from the event loop, as a socket
    // would, so the caller is out of connectToHost() when it hears of them. Dropped if the
    // attempt is over by then.
    void failLater(ErrorCode code, const QString &text);

private:
    quint64 m_attempt = 0; // endAttempt() calls, to drop stale failLater()s
    bool m_attemptOver = false;
    ErrorCode m_errorCode = ErrorCode::TransportError;
};

// Plain TCP through QTcpSocket, with Nagle's algorithm off so small packets leave at once.
class TcpTransport : public Transport
{
    Q_OBJECT
public:
    explicit TcpTransport(QObject *parent = nullptr);

    void connectToHost(const QString &host, quint16 port) override;
    void disconnectFromHost() override;
    void abort() override;
    bool isOpen() const override;
    qint64 write(const char *data, qint64 size) override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maximum) override;
    qint64 bytesToWrite() const override;
    // Takes the proxy (none by default).
    void configure(const ConnectionOptions &options) override;

private:
    QTcpSocket *m_socket;
    QNetworkProxy m_proxy{QNetworkProxy::NoProxy};
    QString m_proxyError;
};

} // namespace Mqtt
