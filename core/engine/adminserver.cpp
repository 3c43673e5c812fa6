#include "adminserver.h"

#include "enginecontroller.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace Gatehouse::Core {

AdminServer::AdminServer(EngineController *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &AdminServer::onNewConnection);
}

QString AdminServer::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::Any, port))
        return m_server->errorString();
    return {};
}

quint16 AdminServer::port() const
{
    return m_server->serverPort();
}

void AdminServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            QByteArray buffer = socket->property("gh_buf").toByteArray() + socket->readAll();
            if (buffer.size() > 16384) {
                socket->abort();
                return;
            }
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                socket->setProperty("gh_buf", buffer);
                return;
            }
            const QList<QByteArray> line = buffer.left(buffer.indexOf("\r\n")).split(' ');
            const QByteArray path = line.size() >= 2 ? line[1] : QByteArray();
            QByteArray status = "200 OK";
            QByteArray type = "text/plain; charset=utf-8";
            QByteArray body;
            if (path == "/metrics") {
                type = "text/plain; version=0.0.4";
                body = m_engine->metrics();
            } else if (path == "/healthz") {
                if (m_engine->isRunning()) {
                    body = "ok\n";
                } else {
                    status = "503 Service Unavailable";
                    body = "not running\n";
                }
            } else {
                status = "404 Not Found";
                body = "Not found\n";
            }
            socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + type
                          + "\r\nContent-Length: " + QByteArray::number(body.size())
                          + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }
}

} // namespace Gatehouse::Core
