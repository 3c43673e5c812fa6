#include "demobackend.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>

namespace Gatehouse::Core {

namespace {

constexpr qsizetype s_maxHead = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// Value of header `name` (lower-case) in a request head, or null.
QByteArray headerValue(const QList<QByteArray> &lines, const QByteArray &name)
{
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].left(colon).trimmed().toLower() == name)
            return lines[i].mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

DemoBackend::DemoBackend(Behaviour behaviour, QObject *parent)
    : QObject(parent)
    , m_behaviour(behaviour)
{}

DemoBackend::~DemoBackend()
{
    stop();
}

bool DemoBackend::start(quint16 port, const QHostAddress &address)
{
    stop();
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &DemoBackend::onNewConnection);
    if (!m_server->listen(address, port)) {
        m_error = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_error.clear();
    m_port = m_server->serverPort();
    return true;
}

void DemoBackend::stop()
{
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    const QList<QTcpSocket *> sockets = m_sockets.keys();
    m_sockets.clear();
    for (QTcpSocket *s : sockets) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
}

bool DemoBackend::isRunning() const
{
    return m_server && m_server->isListening();
}

QByteArray DemoBackend::articleIndexHtml()
{
    QFile f(QStringLiteral(":/demo/index.html"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void DemoBackend::onNewConnection()
{
    while (QTcpSocket *s = m_server->nextPendingConnection()) {
        ++m_connections;
        // The socket is a child of the server; own it ourselves so stop() controls its end.
        s->setParent(this);
        m_sockets.insert(s, {});
        connect(s, &QTcpSocket::readyRead, this, [this, s] { onReadyRead(s); });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            m_sockets.remove(s);
            s->deleteLater();
        });
    }
}

void DemoBackend::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    it->buffer += socket->readAll();
    serveBuffered(socket, *it);
}

bool DemoBackend::serveBuffered(QTcpSocket *socket, Connection &connection)
{
    QByteArray &buffer = connection.buffer;
    for (;;) {
        // Skip the rest of a request body first.
        if (connection.discard > 0) {
            const qint64 n = qMin<qint64>(connection.discard, buffer.size());
            buffer.remove(0, n);
            connection.discard -= n;
            if (connection.discard > 0)
                return true;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (buffer.size() > s_maxHead) {
                socket->abort();
                return false;
            }
            return true;
        }
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        buffer.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            socket->write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: "
                          "close\r\n\r\n");
            socket->disconnectFromHost();
            return false;
        }
        const QByteArray &method = requestLine[0];
        const QByteArray &target = requestLine[1];
        const bool http10 = requestLine[2] == "HTTP/1.0";
        const QByteArray connectionHeader = headerValue(lines, "connection").toLower();
        bool keepAlive = http10 ? connectionHeader.contains("keep-alive")
                                : !connectionHeader.contains("close");
        const bool chunked = headerValue(lines, "transfer-encoding").toLower().contains("chunked");
        if (chunked)
            keepAlive = false;
        connection.discard = qMax<qint64>(0, headerValue(lines, "content-length").toLongLong());
        ++m_requests;
        if (m_silent)
            continue;

        const QByteArray body = m_behaviour == Behaviour::Hello
                                    ? QByteArrayLiteral("Hello, there")
                                    : "You are requesting " + headerValue(lines, "host") + target;
        QByteArray response
            = "HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reasonPhrase(m_status)
              + "\r\ncontent-length: " + QByteArray::number(body.size())
              + "\r\nconnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        if (method != "HEAD")
            response += body;
        socket->write(response);
        emit requestServed(method, target);
        if (!keepAlive) {
            socket->disconnectFromHost();
            return false;
        }
    }
}

} // namespace Gatehouse::Core
