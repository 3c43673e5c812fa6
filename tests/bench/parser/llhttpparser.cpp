// llhttp (Node.js' parser; Debian ships its generated C in node-llhttp), configured as the engine
// configures it: strict mode compiled in, no lenient flags, span callbacks.
#include "spancallbacks.h"

#include <llhttp.h>

namespace ParserBench {

namespace {

class Llhttp final : public Parser
{
public:
    Llhttp()
    {
        llhttp_settings_init(&m_settings);
        SpanCallbacks<llhttp_t>::install(m_settings);
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
