#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpServer;
class QTcpSocket;

namespace Gatehouse::Core {

// The seed article's two demo upstreams as a tiny built-in HTTP/1.1 server:
//   EchoRequest (the article's 8081): `You are requesting <Host><request-target>`
//   Hello       (the article's 8082): `Hello, there`
// Bodies, like Pipy's, have no trailing newline; responses carry content-length and
// connection, nothing else. Keep-alive and pipelining are supported; request bodies
// (Content-Length) are read and discarded; chunked request bodies are answered and the
// connection is closed.
//
// Not a hot path: plain QTcpServer/QTcpSocket. Used by the desktop demo, `gatehouse-proxy demo`
// and tests, which stop and restart a backend to exercise health checks.
//
// Thread: lives in (and must be used from) the thread that created it; start/stop there.
class DemoBackend : public QObject
{
    Q_OBJECT

public:
    enum class Behaviour : quint8 { EchoRequest, Hello };

    explicit DemoBackend(Behaviour behaviour, QObject *parent = nullptr);
    ~DemoBackend() override;

    // Listens on `address:port` (port 0: an ephemeral port, see port()). Returns false with
    // errorString() set when the port cannot be bound. Restarting after stop() is allowed.
    bool start(quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    // Closes the listener and every open connection at once, like a killed process: new
    // connections are refused and keep-alive clients see their connection close.
    void stop();

    bool isRunning() const;
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    Behaviour behaviour() const { return m_behaviour; }

    // Status of every answer (default 200), so tests can make a health probe fail.
    void setStatusCode(int status) { m_status = status; }
    // When set, requests are read but never answered (probe timeouts).
    void setSilent(bool silent) { m_silent = silent; }

    quint64 requestCount() const { return m_requests; }
    quint64 connectionCount() const { return m_connections; } // accepted since construction

    // The article's static index.html (embedded resource).
    static QByteArray articleIndexHtml();

signals:
    void requestServed(const QByteArray &method, const QByteArray &target);

private:
    struct Connection
    {
        QByteArray buffer;  // unparsed bytes
        qint64 discard = 0; // request body bytes still to skip
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    // Handles complete requests at the front of the buffer; false when the connection closes.
    bool serveBuffered(QTcpSocket *socket, Connection &connection);

    Behaviour m_behaviour;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Connection> m_sockets;
    quint16 m_port = 0;
    QString m_error;
    int m_status = 200;
    bool m_silent = false;
    quint64 m_requests = 0;
    quint64 m_connections = 0;
};

} // namespace Gatehouse::Core
