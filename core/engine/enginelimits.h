#pragma once

#include <cstddef>

namespace Gatehouse::Core {

// The engine's protective limits, the same for every worker and every config (FGW's
// config.json has no keys for them; `gatehouse-proxy run` sets them from flags). The defaults
// are safe for a gateway facing the internet and match nginx's where nginx has one.
//
// The idle keep-alive time is not here: it is the config's SocketTimeout (FGW's 60 s default
// when unset), which also bounds connect, read and write on both sides when it is set.
struct EngineLimits
{
    // Client connections one worker holds at once. A connection accepted beyond it is closed
    // at once (the client sees the close before sending anything useful); the existing ones
    // keep being served. Every connection also needs a descriptor: RLIMIT_NOFILE bounds it too.
    int maxConnectionsPerWorker = 16384;
    // Time to receive a whole request head, counted from its first byte (slowloris): 408 and
    // close. Between keep-alive requests, before any byte, the idle timeout applies instead.
    int requestHeadTimeoutMs = 10000;
    // Request line (method, target, version) and one header line (name and value): 414 / 431.
    size_t maxRequestLine = 8 * 1024;
    size_t maxHeaderLine = 8 * 1024;
    // The whole request head, and the number of header lines in it: 431.
    size_t maxRequestHead = 64 * 1024;
    int maxRequestHeaders = 256;
    // An upstream's response head larger than this is a bad response: 502.
    size_t maxResponseHead = 64 * 1024;
    // Connecting to an upstream (no answer to the SYN): 504. SocketTimeout wins when set.
    int upstreamConnectTimeoutMs = 10000;
    // An upstream that makes no progress for this long while a request waits on it: 504 (or
    // the response is cut when it had started). SocketTimeout wins when set.
    int upstreamResponseTimeoutMs = 60000;
};

} // namespace Gatehouse::Core
