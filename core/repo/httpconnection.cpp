#include "httpconnection.h"

#include "websocketframe.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QUrl>

namespace Gatehouse::Core {

Q_LOGGING_CATEGORY(lcHttpConnection, "gatehouse.repo.http", QtWarningMsg)

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    default:
        return "Unknown";
    }
}

// Decodes a chunked body at the front of `data`; returns bytes consumed, 0 when incomplete,
// -1 when malformed.
qsizetype takeChunked(const QByteArray &data, qsizetype from, QByteArray *body)
{
    qsizetype pos = from;
    body->clear();
    for (;;) {
        const qsizetype eol = data.indexOf("\r\n", pos);
        if (eol < 0)
            return 0;
        QByteArray sizeText = data.mid(pos, eol - pos);
        if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
            sizeText.truncate(semi);
        bool ok = false;
        const qlonglong size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || body->size() + size > HttpConnection::MaxBodySize)
            return -1;
        pos = eol + 2;
        if (size == 0) {
            // Trailers end with an empty line.
            const qsizetype end = data.indexOf("\r\n", pos);
            if (end < 0)
                return 0;
            if (end == pos)
                return end + 2 - from;
            const qsizetype trailersEnd = data.indexOf("\r\n\r\n", pos);
            return trailersEnd < 0 ? 0 : trailersEnd + 4 - from;
        }
        if (data.size() < pos + size + 2)
            return 0;
        body->append(data.mid(pos, size));
        pos += size + 2;
    }
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::close);
    m_idle.setSingleShot(true);
    m_idle.setInterval(IdleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!m_webSocket)
            close();
    });
    m_idle.start();
}

QHostAddress HttpConnection::peerAddress() const
{
    return m_socket->peerAddress();
}

void HttpConnection::onReadyRead()
{
    m_buffer.append(m_socket->readAll());
    m_idle.start();
    if (m_webSocket) {
        processWebSocket();
        return;
    }
    while (!m_busy && !m_closed && parseRequest()) {
    }
}

bool HttpConnection::parseRequest()
{
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_buffer.size() > MaxHeadSize)
            fail(431, "Request header too large");
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        fail(400, "Bad request");
        return false;
    }
    HttpRequest request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    request.peer = m_socket->peerAddress();
    const bool http10 = requestLine.at(2) == "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(400, "Bad request");
            return false;
        }
        request.headers.append(
            qMakePair(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()));
    }
    QByteArray rawPath = request.target;
    if (const qsizetype q = rawPath.indexOf('?'); q >= 0)
        rawPath.truncate(q);
    request.path = QString::fromUtf8(QByteArray::fromPercentEncoding(rawPath));

    qsizetype consumed = headEnd + 4;
    if (request.header("transfer-encoding").toLower().contains("chunked")) {
        const qsizetype used = takeChunked(m_buffer, consumed, &request.body);
        if (used < 0) {
            fail(400, "Bad chunked body");
            return false;
        }
        if (used == 0)
            return false;
        consumed += used;
    } else if (const QByteArray length = request.header("content-length"); !length.isEmpty()) {
        bool ok = false;
        const qlonglong size = length.toLongLong(&ok);
        if (!ok || size < 0) {
            fail(400, "Bad content-length");
            return false;
        }
        if (size > MaxBodySize) {
            fail(413, "Body too large");
            return false;
        }
        if (m_buffer.size() < consumed + size)
            return false;
        request.body = m_buffer.mid(consumed, size);
        consumed += size;
    }
    m_buffer.remove(0, consumed);
    const QByteArray connection = request.header("connection").toLower();
    m_closeAfterResponse
        = connection.contains("close") || (http10 && !connection.contains("keep-alive"));
    m_busy = true;
    emit requestReceived(request);
    return true;
}

void HttpConnection::respond(const HttpResponse &response, bool headOnly)
{
    if (m_closed || !m_busy)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                     + reasonPhrase(response.status) + "\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    if (response.status != 204 && response.status != 101)
        out += "content-length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (m_closeAfterResponse)
        out += "connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += response.body;
    m_socket->write(out);
    m_busy = false;
    if (m_closeAfterResponse) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::upgradeToWebSocket(const QByteArray &key)
{
    if (m_closed || !m_busy)
        return;
    m_socket->write("HTTP/1.1 101 Switching Protocols\r\nserver: pipy-repo\r\n"
                    "upgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: "
                    + WebSocketFrame::acceptKey(key) + "\r\n\r\n");
    m_busy = false;
    m_webSocket = true;
    if (!m_buffer.isEmpty())
        processWebSocket();
}

void HttpConnection::sendText(const QByteArray &message)
{
    if (m_webSocket && !m_closed)
        m_socket->write(WebSocketFrame::encode(WebSocketFrame::Text, message, false));
}

void HttpConnection::processWebSocket()
{
    for (;;) {
        WebSocketFrame frame;
        switch (WebSocketFrame::take(m_buffer, &frame)) {
        case WebSocketFrame::Parse::NeedMore:
            return;
        case WebSocketFrame::Parse::Error:
            qCInfo(lcHttpConnection) << "bad WebSocket frame from" << m_socket->peerAddress();
            close();
            return;
        case WebSocketFrame::Parse::Frame:
            break;
        }
        switch (frame.opcode) {
        case WebSocketFrame::Ping:
            m_socket->write(WebSocketFrame::encode(WebSocketFrame::Pong, frame.payload, false));
            break;
        case WebSocketFrame::Close:
            m_socket->write(
                WebSocketFrame::encode(WebSocketFrame::Close, frame.payload.left(2), false));
            m_socket->disconnectFromHost();
            return;
        case WebSocketFrame::Text:
        case WebSocketFrame::Binary:
        case WebSocketFrame::Continuation:
            emit textReceived(frame.payload);
            break;
        default:
            break;
        }
    }
}

void HttpConnection::fail(int status, const QByteArray &message)
{
    m_busy = true;
    m_closeAfterResponse = true;
    HttpResponse response = HttpResponse::text(status, message);
    response.headers.prepend(qMakePair(QByteArray("server"), QByteArray("pipy-repo")));
    respond(response);
    // Stop parsing; the socket closes once the answer is written (disconnected -> close()).
    m_buffer.clear();
    m_busy = true;
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->disconnectFromHost();
    emit closed();
    deleteLater();
}

} // namespace Gatehouse::Core
