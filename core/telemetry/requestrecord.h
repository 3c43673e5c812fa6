#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <cstring>
#include <string_view>

namespace Gatehouse::Core {

// One request as the engine saw it, for the request log, /metrics consumers and the UI.
// Plain fixed-size data (no heap), so a worker fills one in place on its data path; long
// fields are truncated (the UI shows them as such). Written on a worker thread, read on the
// collector's thread after a batch hand-over.
struct RequestRecord
{
    qint64 timeMs = 0;        // wall clock when the request head was complete (Unix ms)
    quint32 clientIp = 0;     // IPv4, host order
    quint16 listenerPort = 0; // logical port (the RouteRules key)
    quint16 status = 0;
    qint32 routeId = -1; // into CompiledConfig::routeNames of `configGeneration`
    qint32 service = -1;
    qint32 endpoint = -1;
    quint64 configGeneration = 0;
    quint64 bytesIn = 0;  // request body bytes
    quint64 bytesOut = 0; // response body bytes
    // Microseconds from the moment the request head was complete, except acceptUs.
    qint32 acceptUs = -1;    // connection accepted (or previous exchange ended) -> head complete
    qint32 connectUs = -1;   // upstream connection ready (at once for a pooled one)
    qint32 firstByteUs = -1; // first response byte from the upstream (or local answer)
    qint32 totalUs = -1;     // response fully handed to the client socket
    char httpVersion = '1';  // '0' for HTTP/1.0, '1' for HTTP/1.1
    char method[11] = {};
    char host[64] = {};
    char path[192] = {};
    char serviceName[48] = {};
    char endpointKey[48] = {};
    char error[48] = {}; // why a local error answer was given, empty otherwise
    // For the access log (FGW's line): head sizes as received and as sent, and three headers.
    quint32 requestHeadBytes = 0;
    quint32 responseHeadBytes = 0;
    char userAgent[96] = {};
    char forwardedFor[48] = {};
    char referer[96] = {};
    // Key of the captured request and response heads (TelemetryBuffer::HeadSlot), 0 when none
    // were captured; only the newest heads survive until the hand-over (see CapturedHeads).
    quint64 headsKey = 0;

    template<size_t N>
    static void copy(char (&dst)[N], std::string_view src)
    {
        const size_t n = src.size() < N - 1 ? src.size() : N - 1;
        std::memcpy(dst, src.data(), n);
        dst[n] = '\0';
    }
};

// The request head as received and the response head as sent to the client, of one record
// (matched by RequestRecord::headsKey), each truncated to MaxBytes. Built on the collector's
// thread from the workers' head rings, never on the data path.
struct CapturedHeads
{
    static constexpr quint32 MaxBytes = 4096;
    quint64 key = 0;
    QByteArray request;  // raw bytes, request line included
    QByteArray response; // raw bytes, status line included
    bool requestTruncated = false;
    bool responseTruncated = false;
};

} // namespace Gatehouse::Core
