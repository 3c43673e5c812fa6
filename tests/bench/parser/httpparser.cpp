// http_parser 2.9 (Debian's libhttp-parser-dev, the default), strict build as shipped,
// with the same span callbacks as the llhttp side.
#include "benchparser.h"

#include <http_parser.h>

namespace ParserBench {

namespace {

Sink &sinkOf(http_parser *p)
{
    return *static_cast<Sink *>(p->data);
}

int onMessageBegin(http_parser *p)
{
    Sink &s = sinkOf(p);
    s.headerCount = 0;
    s.lastWasValue = false;
    s.url = {};
    s.status = {};
    return 0;
}

int onUrl(http_parser *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    if (!s.url.at)
        s.url.at = at;
    s.url.length += len;
    return 0;
}

int onStatus(http_parser *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    if (!s.status.at)
        s.status.at = at;
    s.status.length += len;
    return 0;
}

int onHeaderField(http_parser *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    if (s.headerCount == 0 || s.lastWasValue) {
        if (s.headerCount == Sink::MaxHeaders)
            return -1;
        s.names[s.headerCount] = {at, 0};
        s.values[s.headerCount] = {};
        ++s.headerCount;
        s.lastWasValue = false;
    }
    s.names[s.headerCount - 1].length += len;
    return 0;
}

int onHeaderValue(http_parser *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    Span &v = s.values[s.headerCount - 1];
    if (!v.at)
        v.at = at;
    v.length += len;
    s.lastWasValue = true;
    return 0;
}

int onHeadersComplete(http_parser *p)
{
    ++sinkOf(p).headsComplete;
    return 0;
}

int onBody(http_parser *p, const char *, size_t len)
{
    sinkOf(p).bodyBytes += len;
    return 0;
}

int onMessageComplete(http_parser *p)
{
    ++sinkOf(p).messages;
    return 0;
}

class HttpParser final : public Parser
{
public:
    HttpParser()
    {
        http_parser_settings_init(&m_settings);
        m_settings.on_message_begin = onMessageBegin;
        m_settings.on_url = onUrl;
        m_settings.on_status = onStatus;
        m_settings.on_header_field = onHeaderField;
        m_settings.on_header_value = onHeaderValue;
        m_settings.on_headers_complete = onHeadersComplete;
        m_settings.on_body = onBody;
        m_settings.on_message_complete = onMessageComplete;
        reset(false);
    }
    const char *name() const override { return "http_parser"; }
    void reset(bool response) override
    {
        http_parser_init(&m_parser, response ? HTTP_RESPONSE : HTTP_REQUEST);
        m_sink = Sink();
        m_parser.data = &m_sink;
    }
    bool feed(const char *data, size_t length) override
    {
        const size_t n = http_parser_execute(&m_parser, &m_settings, data, length);
        return HTTP_PARSER_ERRNO(&m_parser) == HPE_OK && n == length;
    }
    const Sink &sink() const override { return m_sink; }
    const char *lastError() const override { return http_errno_name(HTTP_PARSER_ERRNO(&m_parser)); }

private:
    http_parser_settings m_settings;
    http_parser m_parser;
    Sink m_sink;
};

} // namespace

std::unique_ptr<Parser> makeHttpParser()
{
    return std::make_unique<HttpParser>();
}

} // namespace ParserBench
