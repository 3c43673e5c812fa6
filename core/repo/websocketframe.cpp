#include "websocketframe.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QtEndian>

namespace Gatehouse::Core {

namespace {
constexpr quint64 MaxPayload = 16 * 1024 * 1024;
}

QByteArray WebSocketFrame::encode(Opcode opcode, const QByteArray &payload, bool mask)
{
    QByteArray out;
    out.append(char(0x80 | opcode));
    const quint64 size = quint64(payload.size());
    const char maskBit = mask ? char(0x80) : char(0);
    if (size < 126) {
        out.append(char(maskBit | char(size)));
    } else if (size <= 0xFFFF) {
        out.append(char(maskBit | 126));
        uchar len[2];
        qToBigEndian<quint16>(quint16(size), len);
        out.append(reinterpret_cast<const char *>(len), 2);
    } else {
        out.append(char(maskBit | 127));
        uchar len[8];
        qToBigEndian<quint64>(size, len);
        out.append(reinterpret_cast<const char *>(len), 8);
    }
    if (!mask)
        return out + payload;
    const quint32 key = QRandomGenerator::global()->generate();
    uchar keyBytes[4];
    qToBigEndian<quint32>(key, keyBytes);
    out.append(reinterpret_cast<const char *>(keyBytes), 4);
    QByteArray masked = payload;
    for (qsizetype i = 0; i < masked.size(); ++i)
        masked[i] = char(masked.at(i) ^ char(keyBytes[i % 4]));
    return out + masked;
}

WebSocketFrame::Parse WebSocketFrame::take(QByteArray &buffer, WebSocketFrame *frame)
{
    if (buffer.size() < 2)
        return Parse::NeedMore;
    const auto *data = reinterpret_cast<const uchar *>(buffer.constData());
    const bool fin = data[0] & 0x80;
    const quint8 opcode = data[0] & 0x0F;
    if (data[0] & 0x70)
        return Parse::Error; // no extensions were negotiated
    const bool masked = data[1] & 0x80;
    quint64 size = data[1] & 0x7F;
    qsizetype offset = 2;
    if (size == 126) {
        if (buffer.size() < 4)
            return Parse::NeedMore;
        size = qFromBigEndian<quint16>(data + 2);
        offset = 4;
    } else if (size == 127) {
        if (buffer.size() < 10)
            return Parse::NeedMore;
        size = qFromBigEndian<quint64>(data + 2);
        offset = 10;
    }
    if (size > MaxPayload)
        return Parse::Error;
    uchar key[4] = {0, 0, 0, 0};
    if (masked) {
        if (buffer.size() < offset + 4)
            return Parse::NeedMore;
        std::copy(data + offset, data + offset + 4, key);
        offset += 4;
    }
    if (quint64(buffer.size() - offset) < size)
        return Parse::NeedMore;
    QByteArray payload = buffer.mid(offset, qsizetype(size));
    if (masked) {
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload.at(i) ^ char(key[i % 4]));
    }
    buffer.remove(0, offset + qsizetype(size));
    frame->fin = fin;
    frame->opcode = opcode;
    frame->payload = payload;
    return Parse::Frame;
}

QByteArray WebSocketFrame::acceptKey(const QByteArray &key)
{
    return QCryptographicHash::hash(
               QByteArray(key.trimmed() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
               QCryptographicHash::Sha1)
        .toBase64();
}

} // namespace Gatehouse::Core
