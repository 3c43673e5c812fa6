#pragma once

// Raw HTTP/1.1 exchanges for the repo tests: the bytes on the wire, nothing parsed by Qt.
// Pumps the event loop while waiting, so a server in the same thread keeps running.
#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QtTest>

namespace RawHttp {

// True when `data` holds a whole response (content-length body, or none for 204/101/HEAD).
inline bool complete(const QByteArray &data, bool head)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    if (head || data.startsWith("HTTP/1.1 204") || data.startsWith("HTTP/1.1 101"))
        return true;
    const QByteArray lower = data.left(end).toLower();
    const qsizetype cl = lower.indexOf("content-length: ");
    if (cl < 0)
        return true;
    const qsizetype eol = lower.indexOf("\r\n", cl);
    const qsizetype length = lower.mid(cl + 16, eol - cl - 16).toLongLong();
    return data.size() >= end + 4 + length;
}

inline QByteArray exchange(QTcpSocket &socket, const QByteArray &request, bool head = false)
{
    socket.write(request);
    QByteArray got;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000 && !complete(got, head)) {
        QTest::qWait(5);
        got += socket.readAll();
        if (socket.state() == QAbstractSocket::UnconnectedState)
            break; // refused or closed: no more bytes will come
    }
    return got;
}

inline QByteArray exchange(quint16 port, const QByteArray &request, bool head = false)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return exchange(socket, request, head);
}

inline QByteArray request(const QByteArray &method,
                          const QByteArray &path,
                          const QByteArray &body = QByteArray(),
                          const QByteArray &extraHeaders = QByteArray())
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST" || method == "PATCH")
        r += "content-length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

inline int status(const QByteArray &response)
{
    return response.mid(9, 3).toInt();
}

inline QByteArray body(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

} // namespace RawHttp
