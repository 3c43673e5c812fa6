#pragma once

// One HTTP/1 parser behind a small interface, so that llhttp and http_parser (whose headers
// cannot share a translation unit: both define HTTP_GET, HPE_OK, ...) are driven by the same
// harness with the same callbacks (spans recorded into a fixed array, as the engine does).

#include <cstddef>
#include <memory>

namespace ParserBench {

struct Span
{
    const char *at = nullptr;
    size_t length = 0;
};

// What the callbacks saw; kept minimal and allocation-free, like the engine's HttpHeaders.
struct Sink
{
    static constexpr int MaxHeaders = 64;
    Span url;
    Span status;
    Span names[MaxHeaders];
    Span values[MaxHeaders];
    int headerCount = 0;
    bool lastWasValue = false;
    size_t bodyBytes = 0;
    int messages = 0;
    int headsComplete = 0;
};

enum class Verdict { Accepted, Refused, Incomplete };

class Parser
{
public:
    virtual ~Parser() = default;
    virtual const char *name() const = 0;
    // A fresh parser for a stream of requests (or responses).
    virtual void reset(bool response) = 0;
    // Feeds bytes; false when the parser refused them. Messages may span calls.
    virtual bool feed(const char *data, size_t length) = 0;
    virtual const Sink &sink() const = 0;
    virtual const char *lastError() const = 0;
};

std::unique_ptr<Parser> makeLlhttp();
std::unique_ptr<Parser> makeHttpParser();

} // namespace ParserBench
