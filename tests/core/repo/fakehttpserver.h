#pragma once

// A scripted HTTP server for failure tests: answers each request with whatever `answer`
// returns (raw bytes, may be garbage; empty = never answer). Test code, header-only.
#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

class FakeHttpServer
{
public:
    // method, path, body -> raw response bytes
    using Answer
        = std::function<QByteArray(const QByteArray &, const QByteArray &, const QByteArray &)>;

    explicit FakeHttpServer(Answer answer)
        : m_answer(std::move(answer))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto *buffer = new QByteArray;
                QObject::connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    for (;;) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = buffer->left(end);
                        qsizetype length = 0;
                        for (const QByteArray &line : head.split('\n')) {
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        }
                        if (buffer->size() < end + 4 + length)
                            return;
                        const QList<QByteArray> requestLine = head.split('\n').first().split(' ');
                        const QByteArray body = buffer->mid(end + 4, length);
                        buffer->remove(0, end + 4 + length);
                        ++requests;
                        const QByteArray response
                            = m_answer(requestLine.value(0), requestLine.value(1), body);
                        if (!response.isEmpty())
                            socket->write(response);
                    }
                });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    int requests = 0;

    static QByteArray response(int status, const QByteArray &body, const QByteArray &headers = {})
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\n" + headers
               + "content-length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private:
    Answer m_answer;
    QTcpServer m_server;
};
