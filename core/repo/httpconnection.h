#pragma once

#include "httpmessage.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Gatehouse::Core {

// One client connection of RepoServer: parses HTTP/1.1 requests (Content-Length or chunked
// bodies, keep-alive, one request at a time) and writes the answers; after
// upgradeToWebSocket() it carries WebSocket frames instead (the Pipy admin link).
//
// Lives in: RepoServer's thread. Owns its socket; deletes itself (deleteLater) when the peer
// goes away or a request cannot be parsed, after emitting closed().
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeadSize = 64 * 1024;
    static constexpr qsizetype MaxBodySize = 64 * 1024 * 1024;
    // A plain HTTP connection silent this long is closed (admin links are exempt: they idle).
    static constexpr int IdleTimeoutMs = 120 * 1000;

    explicit HttpConnection(QTcpSocket *socket, QObject *parent = nullptr);

    // Answers the request last emitted by requestReceived(). `headOnly`: a HEAD request.
    void respond(const HttpResponse &response, bool headOnly = false);
    // Answers 101 to the pending request and switches to WebSocket frames.
    void upgradeToWebSocket(const QByteArray &key);
    // Sends one text message on an upgraded connection.
    void sendText(const QByteArray &message);
    bool isWebSocket() const { return m_webSocket; }
    QHostAddress peerAddress() const;

signals:
    void requestReceived(const Gatehouse::Core::HttpRequest &request);
    void textReceived(const QByteArray &message);
    void closed();

private:
    void onReadyRead();
    bool parseRequest(); // false: need more bytes (or failed and closing)
    void processWebSocket();
    void fail(int status, const QByteArray &message);
    void close();

    QTcpSocket *m_socket;
    QTimer m_idle;
    QByteArray m_buffer;
    bool m_busy = false; // a request was emitted and not answered yet
    bool m_closeAfterResponse = false;
    bool m_webSocket = false;
    bool m_closed = false;
};

} // namespace Gatehouse::Core
