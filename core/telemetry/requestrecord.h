#pragma once

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
    // Microseconds from the moment the request head was complete.
    qint32 firstByteUs = -1; // first response byte from the upstream (or local answer)
    qint32 totalUs = -1;     // response fully handed to the client socket
    char httpVersion = '1';  // '0' for HTTP/1.0, '1' for HTTP/1.1
    char method[11] = {};
    char host[64] = {};
    char path[192] = {};
    char serviceName[48] = {};
    char endpointKey[48] = {};
    char error[48] = {}; // why a local error answer was given, empty otherwise

    template<size_t N>
    static void copy(char (&dst)[N], std::string_view src)
    {
        const size_t n = src.size() < N - 1 ? src.size() : N - 1;
        std::memcpy(dst, src.data(), n);
        dst[n] = '\0';
    }
};

} // namespace Gatehouse::Core
