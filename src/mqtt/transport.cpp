// SPDX-License-Identifier: Apache-2.0
#include "transport.h"

#include "connectionoptions.h"
#include "transportfactory.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>

#include <cerrno>
#endif

namespace Mqtt {

void Transport::beginAttempt()
{
    m_attemptOver = false;
    m_errorCode = ErrorCode::TransportError;
}

void Transport::endAttempt()
{
    ++m_attempt;
    m_attemptOver = true;
}

void Transport::fail(ErrorCode code, const QString &text)
{
    m_attemptOver = true;
    m_errorCode = code;
    emit errorOccurred(text);
}

void Transport::failLater(ErrorCode code, const QString &text)
{
    QMetaObject::invokeMethod(
            this,
            [this, code, text, attempt = m_attempt] {
                if (attempt == m_attempt && !m_attemptOver)
                    fail(code, text);
            },
            Qt::QueuedConnection);
}

TcpTransport::TcpTransport(QObject *parent) : Transport(parent), m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        emit connected();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &Transport::disconnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        // The remote end closing is reported through disconnected().
        if (isAttemptOver() || error == QAbstractSocket::RemoteHostClosedError)
            return;
        // The same words as the other transports, naming the proxy when it is at fault.
        fail(ErrorCode::TransportError, describeSocketError(error, m_socket->errorString()));
    });
}

void TcpTransport::configure(const ConnectionOptions &options)
{
    m_proxyError.clear();
    if (!makeNetworkProxy(options.proxy, options.host, options.port, &m_proxy, &m_proxyError))
        m_proxy = QNetworkProxy(QNetworkProxy::NoProxy);
}

void TcpTransport::connectToHost(const QString &host, quint16 port)
{
    endAttempt(); // closing what is left of the previous connection is no news
    m_socket->abort();
    beginAttempt();
    if (!m_proxyError.isEmpty()) {
        failLater(ErrorCode::TransportError, m_proxyError);
        return;
    }
    m_socket->setProxy(m_proxy);
    m_socket->connectToHost(host, port);
}

void TcpTransport::disconnectFromHost()
{
    m_socket->disconnectFromHost();
}

void TcpTransport::abort()
{
    endAttempt(); // what follows an abort is no news for the client
    m_socket->abort();
}

bool TcpTransport::isOpen() const
{
    // Closing: still flushing what was written; disconnected() follows once it is sent.
    return m_socket->state() == QAbstractSocket::ConnectedState ||
           m_socket->state() == QAbstractSocket::ClosingState;
}

qint64 TcpTransport::write(const char *data, qint64 size)
{
#ifdef Q_OS_UNIX
    // Straight to the kernel while Qt's buffer is empty: the client hands over a whole batch
    // at once, and Qt's buffered path would arm and disarm the write notifier for each batch,
    // which costs two event-loop wake-ups. What the kernel does not take goes through Qt,
    // which keeps the order and reports errors as usual. Through a proxy the descriptor may
    // belong to the proxy's engine, which keeps buffers of its own: always Qt's path then.
    if (m_proxy.type() == QNetworkProxy::NoProxy &&
        m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() == 0) {
        const int descriptor = int(m_socket->socketDescriptor());
        qint64 sent = 0;
        while (sent < size) {
            const ssize_t n = ::send(descriptor, data + sent, size_t(size - sent), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            sent += n;
        }
        if (sent == size)
            return size;
        const qint64 rest = m_socket->write(data + sent, size - sent);
        return rest < 0 ? (sent > 0 ? sent : -1) : sent + rest;
    }
#endif
    return m_socket->write(data, size);
}

qint64 TcpTransport::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}

qint64 TcpTransport::read(char *data, qint64 maximum)
{
    return m_socket->read(data, maximum);
}

qint64 TcpTransport::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

} // namespace Mqtt
