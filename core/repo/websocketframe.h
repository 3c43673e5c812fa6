#pragma once

#include <QByteArray>

namespace Gatehouse::Core {

// The RFC 6455 framing the Pipy admin link needs (text, close, ping, pong; no extensions, no
// fragmentation on send). Used by RepoServer (server side) and Puller (client side, masked).
// Stateless; any thread.
class WebSocketFrame
{
public:
    enum Opcode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA
    };
    enum class Parse { Frame, NeedMore, Error };

    quint8 opcode = Text;
    bool fin = true;
    QByteArray payload;

    // Encodes one frame; clients must mask (RFC 6455 §5.3), servers must not.
    static QByteArray encode(Opcode opcode, const QByteArray &payload, bool mask);
    // Takes one frame off the front of `buffer`. Payloads above 16 MiB are an Error.
    static Parse take(QByteArray &buffer, WebSocketFrame *frame);
    // Sec-WebSocket-Accept for a Sec-WebSocket-Key.
    static QByteArray acceptKey(const QByteArray &key);
};

} // namespace Gatehouse::Core
