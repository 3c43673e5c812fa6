// http_parser 2.9 (Debian's libhttp-parser-dev, the default), strict build as shipped,
// with the same span callbacks as the llhttp side.
#include "spancallbacks.h"

#include <http_parser.h>

namespace ParserBench {

namespace {

class HttpParser final : public Parser
{
public:
    HttpParser()
    {
        http_parser_settings_init(&m_settings);
        SpanCallbacks<http_parser>::install(m_settings);
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
