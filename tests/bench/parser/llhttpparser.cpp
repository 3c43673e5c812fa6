// llhttp (Node.js' parser; Debian ships its generated C in node-llhttp), configured as the engine
// configures it: strict mode compiled in, no lenient flags, span callbacks.
#include "benchparser.h"

#include <llhttp.h>

namespace ParserBench {

namespace {

Sink &sinkOf(llhttp_t *p)
{
    return *static_cast<Sink *>(p->data);
}

int onMessageBegin(llhttp_t *p)
{
    Sink &s = sinkOf(p);
    s.headerCount = 0;
    s.lastWasValue = false;
    s.url = {};
    s.status = {};
    return 0;
}

int onUrl(llhttp_t *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    if (!s.url.at)
        s.url.at = at;
    s.url.length += len;
    return 0;
}

int onStatus(llhttp_t *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    if (!s.status.at)
        s.status.at = at;
    s.status.length += len;
    return 0;
}

int onHeaderField(llhttp_t *p, const char *at, size_t len)
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

int onHeaderValue(llhttp_t *p, const char *at, size_t len)
{
    Sink &s = sinkOf(p);
    Span &v = s.values[s.headerCount - 1];
    if (!v.at)
        v.at = at;
    v.length += len;
    s.lastWasValue = true;
    return 0;
}

int onHeadersComplete(llhttp_t *p)
{
    ++sinkOf(p).headsComplete;
    return 0;
}

int onBody(llhttp_t *p, const char *, size_t len)
{
    sinkOf(p).bodyBytes += len;
    return 0;
}

int onMessageComplete(llhttp_t *p)
{
    ++sinkOf(p).messages;
    return 0;
}

class Llhttp final : public Parser
{
public:
    Llhttp()
    {
        llhttp_settings_init(&m_settings);
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
    const char *name() const override { return "llhttp"; }
    void reset(bool response) override
    {
        llhttp_init(&m_parser, response ? HTTP_RESPONSE : HTTP_REQUEST, &m_settings);
        m_sink = Sink();
        m_parser.data = &m_sink;
    }
    bool feed(const char *data, size_t length) override
    {
        return llhttp_execute(&m_parser, data, length) == HPE_OK;
    }
    const Sink &sink() const override { return m_sink; }
    const char *lastError() const override
    {
        return llhttp_errno_name(llhttp_get_errno(&m_parser));
    }

private:
    llhttp_settings_t m_settings;
    llhttp_t m_parser;
    Sink m_sink;
};

} // namespace

std::unique_ptr<Parser> makeLlhttp()
{
    return std::make_unique<Llhttp>();
}

} // namespace ParserBench
