#include "transport.h"

#include <QTcpSocket>

namespace Mqtt {

TcpTransport::TcpTransport(QObject *parent) : Transport(parent), m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        emit connected();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &Transport::disconnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                // The remote end closing is reported through disconnected().
                if (error == QAbstractSocket::RemoteHostClosedError)
                    return;
                emit errorOccurred(m_socket->errorString());
            });
}

void TcpTransport::connectToHost(const QString &host, quint16 port)
{
    m_socket->abort();
    m_socket->connectToHost(host, port);
}

void TcpTransport::disconnectFromHost()
{
    m_socket->disconnectFromHost();
}

void TcpTransport::abort()
{
    m_socket->abort();
}

bool TcpTransport::isOpen() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 TcpTransport::write(const char *data, qint64 size)
{
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
